"""Demands: an actor requiring an action of another.

Read from the parse in the shapes news uses: a demand verb with the demanded thing as its
object, "for" phrase or that-clause ("demands an end to …", "calls for a ceasefire",
"insisted that X withdraw"); with an addressee and an infinitive ("urged X to …", "wants X
to …", "calls on X to …"); nominal ("the union's demand for a raise"); and obligations in
the demander's own words inside a claim ("NATO must stop …", "X has to …"). A list of
demanded things gives one demand each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdb.extract.actors import ActorDraft
from claimdb.extract.claims import ClaimDraft
from claimdb.extract.coref import ActorTable
from claimdb.extract.document import Document
from claimdb.extract.lexicon import Lexicon, lexicon
from claimdb.extract.syntax import (
    RAISING_PASSIVES,
    before_joiners,
    is_finite,
    is_infinitive,
    marked_by,
    object_of,
    source_of,
    trailing_cue,
)
from claimdb.topics import Taxonomy

if TYPE_CHECKING:
    from spacy.tokens import Token

# After a comma these open a circumstance of the sentence, not part of the demanded thing:
# "the return of its forces to 1997 lines, before the alliance took in new members".
_CIRCUMSTANCE = {
    "before",
    "after",
    "while",
    "when",
    "as",
    "because",
    "since",
    "although",
    "though",
    "despite",
    "amid",
    "following",
    "until",
    "unless",
    "whereas",
    "which",
    "who",
    "saying",
    "adding",
}
_SELF = {"we", "i", "us"}
_NEW_PHRASE = {"a", "an", "the", "its", "their", "his", "her", "our", "no", "more", "free", "new"}
# Prepositions whose object is what an act is about ("to wait for its opinion"), not its
# time or place ("until after the summit").
_ABOUT_PREPOSITIONS = frozenset("of for to on with about against from over into".split())

# What is negotiated or decided, whose terms a speaker can set ("any ceasefire must …").
_DEALS = frozenset(
    "ceasefire truce deal agreement settlement accord treaty talk talks negotiation negotiations"
    " peace move decision plan package arrangement".split()
)

# Nouns naming a set of demands, which a colon then lists: "its terms: A, B and C".
_TERMS_NOUNS = frozenset({"demand", "condition", "precondition", "term", "minimum", "requirement"})
# Those that, as the subject of "be", state somebody's terms ("The precondition is that …");
# not "the primary requirement for the program is …", a rule.
_STATED_TERMS = _TERMS_NOUNS - {"minimum", "requirement"}


def _counted(noun: Token) -> bool:
    """ "three things", "several demands", "these steps", "the following things": a noun
    that announces a list (one token each, so "the following" is its "following")."""
    return any(c.dep_ == "nummod" or c.lower_ in ("several", "these", "following") for c in noun.children)


def _a_kind_of_people(noun: Token) -> bool:
    """ "people", "those", "anyone", "politicians" (bare plural): a kind of people, which a
    relative clause defines, not somebody who acted."""
    if noun.lower_ in ("those", "anyone", "anybody", "everyone", "whoever"):
        return True
    return noun.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)


def _stated_terms(noun: Token) -> bool:
    """ "The precondition is that …": terms set out as the subject of "be", which a quote
    may hold (the speaker's own terms)."""
    return (
        noun.dep_ == "nsubj"
        and noun.head.lemma_ == "be"
        and noun.lemma_.casefold() in _STATED_TERMS
        # "the Russian demand is a non-starter" judges somebody else's terms
        and not any(c.dep_ in ("amod", "compound") and (c.ent_type_ or c.pos_ == "PROPN") for c in noun.lefts)
    )


# What one can want without asking anyone for it.
_STATES_OF_AFFAIRS = {
    "war",
    "peace",
    "conflict",
    "escalation",
    "confrontation",
    "trouble",
    "chaos",
    "stability",
    "calm",
    "quiet",
    "success",
    "victory",
    "defeat",
    "change",
    "progress",
    "nothing",
    "more",
    "less",
}


def _obliges(clause: Token) -> bool:
    """A that-clause that states an obligation: a modal ("must", "should") or a bare
    subjunctive verb ("insisted that he resign")."""
    if any(c.dep_ == "aux" and c.lower_ in ("must", "should", "shall") for c in clause.children):
        return True
    return clause.tag_ == "VB" and not any(c.dep_ == "aux" for c in clause.children)


@dataclass(eq=False)
class DemandDraft:
    demander: ActorDraft | None
    addressee: ActorDraft | None
    cue: str
    cue_token: int
    start: int
    end: int
    topic: str | None
    claim: int | None
    confidence: float
    topic_from_context: bool = False
    topic_pointed_back: bool = False
    """The topic is what the demanded act points back to ("to reverse this decision")."""


class DemandFinder:
    def __init__(
        self, document: Document, actors: ActorTable, claims: list[ClaimDraft], taxonomy: Taxonomy
    ) -> None:
        self.d = document
        self.doc = document.doc
        self.actors = actors
        self.claims = claims
        self.taxonomy = taxonomy
        self.lex: Lexicon = lexicon()
        self.demands: list[DemandDraft] = []
        self._speech_and_demand = self.lex.cue_verbs | self.lex.demand_verbs

    def run(self) -> list[DemandDraft]:
        d = self.d
        lex = self.lex
        for token in self.doc:
            if token.i in d.skip_tokens:
                continue
            lemma = self.lex.lemma(token)
            if token.pos_ == "VERB" and lemma in lex.demand_verbs:
                self._verb_demand(token, lemma)
            elif token.pos_ == "NOUN" and lemma in lex.demand_nouns and self._colon_after(token):
                self._terms_after_colon(token)  # "She set out four demands: A, B, and C"
            elif (
                token.pos_ == "NOUN"
                and lemma in lex.demand_nouns
                and (d.quote_of_token[token.i] < 0 or _stated_terms(token))
            ):
                self._noun_demand(token)
            elif token.dep_ == "aux" and token.lower_ in lex.obligation_modals:
                self._obligation(token.head, token)
            elif token.lower_ == "up" and token.head.lemma_ == "be":
                self._up_to(token)
            elif token.lower_ == "time" and token.dep_ == "attr" and token.head.lemma_ == "be":
                self._time_for(token)
            elif token.lower_ == "among" and token.dep_ == "prep":
                self._among_conditions(token)
            elif token.pos_ == "NOUN" and token.lemma_.casefold() in _TERMS_NOUNS:
                self._terms_after_colon(token)
            elif lemma in lex.obligation_verbs and token.pos_ in ("VERB", "AUX") and token.dep_ != "aux":
                xcomp = next(
                    (
                        c
                        for c in token.children
                        if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                    ),
                    None,
                )
                if xcomp is None and token.i + 2 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                    # "needed to stop “lecturing” Moscow": a quote mark can make the parser
                    # read "stop" as an adverbial clause or an auxiliary; the bare verb after
                    # "to" is still the act
                    after = self.doc[token.i + 2]
                    if after.tag_ == "VB" and after.head.i == token.i:
                        xcomp = after  # parsed as an adverbial clause
                    elif after.tag_ == "VB" and after.dep_ == "aux":
                        xcomp = after.head
                if xcomp is not None:  # "has to act", "needs to stop", "ought to leave"
                    self._obligation(xcomp, token)
        self.demands.sort(key=lambda x: (x.start, -(x.end - x.start)))
        # "insisted that NATO must halt …" is read twice (the verb, the modal): keep one. A
        # demand whose cue lies inside another's demanded thing is part of it: "Australia
        # should use its seat to press for talks" is one demand, not also Australia's.
        kept: list[DemandDraft] = []
        for demand in self.demands:
            cue_at = self.doc[demand.cue_token].idx
            if any(
                k.start <= demand.start
                and demand.end <= k.end
                and (k.demander is demand.demander or k.start <= cue_at < k.end)
                for k in kept
            ):
                continue
            kept.append(demand)
        self.demands = kept
        return self.demands

    # --- the shapes -------------------------------------------------------------------------

    def _verb_demand(self, verb: Token, lemma: str) -> None:
        if any(c.dep_ == "neg" for c in verb.children) or self._asks_a_question(verb):
            return  # "we are not asking for charity", "“We want war, or not?”"
        if verb.dep_ == "advcl" and (marked_by(verb, "if") or marked_by(verb, "unless")):
            return  # "If Congress wants tougher sanctions, Congress can pass them": supposed
        if verb.dep_ == "relcl" and _a_kind_of_people(verb.head):
            return  # "people who call for sanctions against their own country": a kind, no act
        if trailing_cue(verb) is not None:
            # "Berlin must „deliver …“, demanded their spokeswoman": a cue after the words, as
            # "said" is; the claim rules give it its speaker and the words' "must" the demand
            return
        if lemma in self.lex.demand_infinitive_required and (
            not any(c.dep_ in ("xcomp", "ccomp", "advcl") and is_infinitive(c) for c in verb.children)
            or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
        ):
            # "told reporters that …" is a claim; "told Meg to get real" a demand, "would
            # tell them to unpack" an intention
            return
        if self._announced_list(verb):
            return
        preps = self.lex.demand_prepositions.get(lemma)
        children = list(verb.children)
        addressee_tok: Token | None = None
        content: Token | None = None
        lead: int | None = None  # where the demanded thing starts, when before ``content``
        more: list[Token] = []  # "called for X and for Y": further demanded things
        cue = verb.text
        if preps and "for" in preps:
            # "called for the restrictions to be lifted": a for-to clause is the demanded thing.
            content = next(
                (c for c in children if c.dep_ in ("advcl", "ccomp", "xcomp") and marked_by(c, "for")),
                None,
            )
            if content is not None:
                cue = f"{verb.text} for"
        for child in children:
            # "and for a fresh round of sanctions" may hang on the verb as a conjunct.
            if (
                child.dep_ in ("prep", "prt", "conj")
                and child.pos_ == "ADP"
                and preps
                and child.lower_ in preps
            ):
                pobj = next((p for p in child.children if p.dep_ in ("pobj", "pcomp")), None)
                if child.lower_ in self.lex.demand_addressee_prepositions.get(lemma, ()):
                    addressee_tok = pobj  # "called on NATO to …", "appealed to Kyiv to …"
                    cue = f"{verb.text} {child.text}"
                elif pobj is not None and content is not None:
                    more.append(pobj)
                elif pobj is not None:
                    content = pobj
                    cue = f"{verb.text} {child.text}"
        obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
        clauses = [
            c
            for c in children
            if (
                (c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and is_infinitive(c)))
                and c.pos_ in ("VERB", "AUX")
            )
            # "demanded that Ethiopia renounce, “publicly …”, any claim": an aside in the clause
            # can make the parser read its verb as a noun; "that" still marks a clause
            or (c.dep_ == "ccomp" and marked_by(c, "that"))
        ]
        # "‘The time for caution is over’: Hollis urges ministers to lift …": what is urged
        # follows the verb; a clause before it is the content only when none follows.
        # Not across a semicolon: "says ‘there is nothing to negotiate’; agency wants data".
        before = [
            c for c in clauses if c.i < verb.i and not any(t.text == ";" for t in self.doc[c.i : verb.i])
        ]
        clause = next((c for c in clauses if c.i > verb.i), before[0] if before else None)
        if clause is None and (addressee_tok is not None or obj is not None):
            # "called on the governments that had hesitated to drop …": the infinitive hangs
            # inside the addressee's phrase, or on how the asking was done ("asked the
            # government in a letter to send …"); it is still what the demand asks for.
            target = addressee_tok or obj
            assert target is not None
            clause = next(
                (
                    t
                    for t in self.doc[target.i + 1 : verb.right_edge.i + 1]
                    if t.pos_ == "VERB"
                    and is_infinitive(t)
                    and (
                        target in t.ancestors
                        or (t.dep_ == "acl" and t.head.dep_ == "pobj" and t.head.head.head.i == verb.i)
                    )
                ),
                None,
            )
        if content is None and clause is not None:
            inner_subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if obj is not None and addressee_tok is None:
                if self.actors.addressee(obj) is not None:
                    addressee_tok = obj  # "urged Russia to withdraw"
                elif lemma == "want" and is_infinitive(clause) and clause.i > obj.i:
                    lead = obj.left_edge.i  # "wanted the next package to list …": all of it
                else:
                    return  # an object that is no one: nobody is asked to act
            elif inner_subject is not None and addressee_tok is None:
                addressee_tok = inner_subject  # "wants NATO to commit", "demanded that Kyiv stop"
            small_clause = lemma == "want" and clause.dep_ == "ccomp" and not is_infinitive(clause)
            if (
                addressee_tok is not None
                or lemma not in self.lex.demand_infinitive_only
                or lemma in ("urge", "require")
                or small_clause  # "wants the tariff cut", "wants the troops withdrawn"
                or lead is not None
            ):
                content = clause
        if (
            content is None
            and obj is not None
            and lemma == "want"
            and obj.lemma_.casefold() not in _STATES_OF_AFFAIRS
            and self.actors.addressee(obj) is None
        ):
            # "It wants a 5.5% raise, more mechanics and a guarantee …": what a party wants
            # from others. Not "did not want war", not "wants peace" (a state, not an act).
            content = obj
        if content is None and obj is not None and lemma not in self.lex.demand_infinitive_only and not preps:
            content = obj  # "demands an end to …", "seeks guarantees"
        elif (
            content is None and obj is not None and lemma in ("urge", "request", "demand", "require", "seek")
        ):
            content = obj
        if content is None or any(
            c.dep_ == "det" and c.lower_ in ("no", "neither") for c in content.children
        ):
            return  # "will ask for no concession": nothing is demanded
        if lemma == "insist" and content is clause and clause is not None and not _obliges(clause):
            return  # "insisted that the exercise was normal" is a claim, not a demand
        if lemma == "ask" and (
            (verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children))
            or content.left_edge.lower_ in ("whether", "if", "why", "how", "what", "when", "who")
        ):
            return  # "Asked whether …", "asked why …": a question, not a demand
        if (
            lemma in ("want", "ask", "order", "instruct", "command", "direct", "challenge", "beg")
            and addressee_tok is None
            and content is not None
            and content.dep_ not in ("pobj", "dobj", "ccomp")
            and lead is None
        ):
            return  # "wants to continue": an intention, not a demand
        if self._inside_another_demand(verb):
            return  # "urged coastal states to demand proof …": the urging is the demand
        content = self._colon_list(content)
        demander = self._demander(verb)
        if demander is None:
            return
        if (
            addressee_tok is None
            and obj is not None
            and content.dep_ == "pobj"
            and content.head.lower_ == "for"
        ):
            addressee_tok = obj  # "asked Brussels for three things", "pressed Kyiv for a date"
        addressee = self.actors.addressee(addressee_tok) if addressee_tok is not None else None
        items = self._list_inside(content) or self._items(content)
        if lead is not None:
            items[0] = (lead, items[0][1], items[0][2])
        if content is obj:
            # "demanding a referendum, the publication of the agreement, and talks": the
            # parser may hang the later items on the verb as objects of their own.
            more.extend(
                c
                for c in verb.rights
                if c.i > content.i
                and (
                    (c.dep_ == "dobj" and self.doc[c.left_edge.i - 1].is_punct)
                    # "…, and a parliamentary vote": a noun joined to the verb itself
                    or (c.dep_ == "conj" and c.pos_ == "NOUN" and self.doc[c.left_edge.i - 1].dep_ == "cc")
                )
            )
        for extra in more:
            items.extend(self._items(extra))
        if content.tag_ == "VB":
            # "urged X to free the prisoners, lift the blockade and reopen the border": the
            # parser often joins the later verbs to "urged"; they are more demanded acts.
            for extra in verb.children:
                if (
                    extra.dep_ == "conj"
                    and extra.tag_ == "VB"
                    and extra.i > content.i
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in extra.children)
                ):
                    items.extend(self._items(extra))
        self._add(demander, addressee, cue, verb, items)

    def _demander(self, verb: Token) -> ActorDraft | None:
        source = self._source(verb)
        if source is None:
            return None
        if source.lower_ in _SELF:
            # "“We call on Russia to halt …,” the minister said": inside a quote or an
            # interview's answer, the first person is its speaker; anywhere else it has no
            # antecedent we can trust.
            at = self._claim_index_at(verb.idx)
            own_words = self.d.quote_of_token[verb.i] >= 0 or (at is not None and self.claims[at].direct)
            return self._claim_speaker_at(verb.idx) if own_words else None
        return self.actors.resolve(source, prefer=self._claim_speaker_at(verb.idx))

    def _announced_list(self, verb: Token) -> bool:
        """ "wanted three things from Ottawa: A, B and C", "is pressing Brussels for two things:
        A, and B": a counted noun the demand verb governs announces the demanded things,
        listed after the colon (however the parser hung them); each is a demand."""
        doc = self.doc
        nouns = [c for c in verb.children if c.dep_ == "dobj"] + [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "for"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        for noun in nouns:
            if not _counted(noun):
                continue
            colon = next((t.i for t in doc[noun.i + 1 : noun.sent.end] if t.text == ":"), None)
            if colon is None or any(t.pos_ in ("VERB", "AUX") for t in doc[noun.i + 1 : colon]):
                continue
            demander = self._demander(verb)
            if demander is None:
                return False
            # who is asked: "asked Brussels for …", "wants three things from Ottawa"
            asked = next((c for c in verb.children if c.dep_ == "dobj" and c.i < noun.i), None)
            if asked is None:
                asked = object_of(noun, ("from",))
            addressee = self.actors.addressee(asked) if asked is not None else None
            end = noun.sent.end
            while end > colon + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if end > colon + 1:
                self._add(
                    demander, addressee, verb.text, verb, self._split_phrases(colon + 1, end, doc[colon + 1])
                )
            return True
        return False

    def _asks_a_question(self, verb: Token) -> bool:
        """The verb's sentence ends in a question mark."""
        for t in self.doc[verb.i + 1 : verb.sent.end]:
            if t.text in (".", "!", "?"):
                return t.text == "?"
        return False

    def _inside_another_demand(self, verb: Token) -> bool:
        head = verb.head
        if verb.dep_ not in ("xcomp", "ccomp") or head.i == verb.i:
            return False
        lemma = self.lex.lemma(head)
        if lemma in self.lex.demand_infinitive_required:
            return is_infinitive(verb)  # "“We want …,” he told the Herald": told, not asked
        return lemma in self.lex.demand_verbs

    def _colon_list(self, content: Token) -> Token:
        """ "pressing the council for three things: the freeze, free travel and night buses":
        the demanded things are the list after the colon, not "three things"."""
        nxt = content.right_edge.i + 1
        if nxt + 1 < len(self.doc) and self.doc[nxt].text == ":" and _counted(content):
            after = self.doc[nxt + 1]
            root = after
            while root.head.i > nxt and root.head.i != root.i and root.head.i <= after.sent.end:
                root = root.head
            return root
        return content

    def _list_inside(self, content: Token) -> list[tuple[int, int, Token]] | None:
        """ "asking Brussels for three things: A, B, and C", when the parser hung the list
        on "things" or on the verb: the phrases after the colon, to the sentence's end."""
        if not _counted(content):
            return None
        colon = content.i + 1
        if colon >= len(self.doc) or self.doc[colon].text != ":" or colon >= content.right_edge.i:
            return None
        end = content.sent.end
        while end > colon + 1 and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        return self._split_phrases(colon + 1, end, content)

    def _noun_demand(self, noun: Token) -> None:
        """ "X's demand for Y", "calls for Y" (a noun), "among its conditions is Y"."""
        content = None
        # "its conditions for a ceasefire" name what they are for, not what is demanded.
        goal_for = noun.lemma_.casefold() in ("condition", "precondition")
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "for" and not goal_for:
                content = next((p for p in child.children if p.dep_ == "pobj"), None)
            elif child.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in child.children):
                content = child
        if content is None and noun.dep_ == "dobj":
            # "rejecting calls from farmers for a pullback": the parser hangs "for" on the verb.
            prep = next(
                (c for c in noun.head.rights if c.dep_ == "prep" and c.lower_ == "for" and c.i > noun.i), None
            )
            content = next((p for p in prep.children if p.dep_ == "pobj"), None) if prep is not None else None
        stated = _stated_terms(noun)
        if content is None and stated:
            # "The union's conditions for calling off the protests are A, B and C.", "The
            # precondition is that not one launcher is deployed"
            content = next(
                (
                    c
                    for c in noun.head.children
                    if c.i > noun.i and (c.dep_ == "attr" or (c.dep_ == "ccomp" and marked_by(c, "that")))
                ),
                None,
            )
        if content is None:
            return
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None:
            source = object_of(noun, ("from",))  # "calls from farmers' groups for a pullback"
        if source is None and noun.dep_ in ("dobj", "nsubj") and noun.head.pos_ == "VERB":
            source = self._source(noun.head) if noun.dep_ == "dobj" else None
        demander = self.actors.resolve(source, possessive=True) if source is not None else None
        if demander is None and stated:
            # Nobody's terms named, in somebody's words: “The precondition is that …,”
            # Obraztsov said; "The precondition for any talks, the official said, was …".
            demander = self._claim_speaker_at(noun.idx) or self._claim_speaker_at(content.idx)
        if demander is None:
            return
        self._add(demander, None, noun.text, noun, self._items(content))

    def _up_to(self, up: Token) -> None:
        """ "It is up to NATO to decide …" in a speaker's words: a demand on NATO."""
        to = next((c for c in up.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        who = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        act = next((c for c in up.head.children if c.dep_ in ("xcomp", "advcl") and c.i > up.i), None)
        clause_start = min(up.head.left_edge.i, up.i)  # the whole "It is up to X to …"
        rest_of_clause = None
        if act is None and who is not None:
            # "It is up to the two capitals to show, with trucks moving …, that they mean it":
            # the parser makes the act a modifier of "capitals" and hangs the rest on "is".
            act = next((c for c in who.children if c.dep_ in ("relcl", "acl") and is_infinitive(c)), None)
            rest_of_clause = up.head.right_edge.i + 1 if act is not None else None
        aside = next((c for c in up.head.children if c.dep_ == "parataxis" and c.i > up.i), None)
        if act is None and aside is not None:
            # "It was up to Russia, he said, to prove …": the parser hangs the act on the
            # aside; the demand is the act, without the aside.
            act = next((c for c in aside.children if c.dep_ == "xcomp" and is_infinitive(c)), None)
            clause_start = act.left_edge.i if act is not None else clause_start
        elif act is not None and any(
            c.dep_ == "parataxis" and up.i < c.i < act.i for c in [*up.head.children, *act.children]
        ):
            clause_start = act.i - 1 if self.doc[act.i - 1].lower_ == "to" else act.i  # act hung on "is"
        parties = self._speaker_obliging(up, who, act) if act is not None else None
        if act is None or parties is None:
            return
        claim_index, speaker, addressee = parties
        end = rest_of_clause or act.right_edge.i + 1
        for i in range(act.i, end - 1):
            if self.doc[i].text == "," and self.doc[i + 1].lower_ == "not":
                end = i  # "to find the money, not the drivers"
                break
        start, end = self._trim(clause_start, end)
        if end > start:
            self._append(speaker, addressee, "it is up to", up, start, end, claim_index, 0.5)

    def _time_for(self, time: Token) -> None:
        """ "It was time for the Government to stop … and to restore …" in a speaker's
        words: read like "it is up to", one demand per infinitive."""
        act = next(
            (
                c
                for c in time.children
                if c.dep_ in ("relcl", "acl", "advcl") and is_infinitive(c) and marked_by(c, "for")
            ),
            None,
        )
        who = next((c for c in act.children if c.dep_ == "nsubj"), None) if act is not None else None
        parties = self._speaker_obliging(time, who) if act is not None else None
        if act is None or parties is None:
            return
        claim_index, speaker, addressee = parties
        items = self._items(act)
        _, first_end, first = items[0]
        items[0] = (min(time.head.left_edge.i, time.i), first_end, first)  # "it was time for X to …"
        self._add(speaker, addressee, "it is time for", time, items, confidence=0.5, claim=claim_index)

    def _speaker_obliging(
        self, anchor: Token, who: Token | None, act: Token | None = None
    ) -> tuple[int, ActorDraft, ActorDraft] | None:
        """For "it is up to X to …" and "it is time for X to …": the claim the phrase (or,
        when an aside splits it, its ``act``) sits in, its named speaker, and X as an actor
        other than the speaker; None when any is missing."""
        claim_index = self._claim_index_at(anchor.idx)
        if claim_index is None and act is not None:
            claim_index = self._claim_index_at(act.idx)  # "It is up to X, she added, to …"
        if who is None or claim_index is None:
            return None
        speaker = self.claims[claim_index].speaker
        addressee = self.actors.addressee(who)
        if speaker is None or not speaker.named or addressee is None or addressee is speaker:
            return None
        return claim_index, speaker, addressee

    def _colon_after(self, noun: Token) -> bool:
        """ "four demands:", "the following conditions:": a list of them follows."""
        nxt = noun.i + 1
        return noun.tag_ == "NNS" and nxt + 1 < len(self.doc) and self.doc[nxt].text == ":"

    def _terms_after_colon(self, noun: Token) -> None:
        """ "Kolosov listed what he called “the minimum”: A, B, and C": each listed thing is
        a demand of whoever set the terms out."""
        doc = self.doc
        colon = noun.i + 1
        while colon < len(doc) and doc[colon].is_quote:
            colon += 1
        if colon + 1 >= len(doc) or doc[colon].text != ":" or noun.dep_ == "nsubj":
            return  # "Bishkek’s terms … are simple: …" is read as the subject's attribute
        verb, source = noun, None
        for _ in range(3):
            verb = verb.head
            if verb.pos_ in ("VERB", "AUX") and (source := self._source(verb)) is not None:
                break
        if source is None:
            return
        demander = self.actors.resolve(source)
        if demander is None:
            return
        items = self._split_phrases(colon + 1, doc[colon].sent.end, doc[colon + 1])
        self._add(demander, None, noun.text, noun, items)  # _add trims the closing full stop

    def _among_conditions(self, among: Token) -> None:
        """ "Among the union's conditions is a guarantee that …": a nominal demand."""
        noun = next((c for c in among.children if c.dep_ == "pobj"), None)
        verb = among.head
        if noun is None or self.lex.lemma(noun) not in self.lex.demand_nouns or verb.lemma_ != "be":
            return
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:  # "Among the conditions Moscow has put forward is …"
            put = next((c for c in noun.children if c.dep_ == "relcl"), None)
            owner = next((c for c in put.children if c.dep_ == "nsubj"), None) if put is not None else None
        content = next((c for c in verb.children if c.dep_ in ("attr", "nsubj") and c.i != among.i), None)
        if owner is None or content is None:
            return
        demander = self.actors.resolve(owner, possessive=True)
        if demander is None:
            return
        self._add(demander, None, f"among {noun.text}", noun, self._items(content))

    def _obligation(self, verb: Token, cue: Token) -> None:
        """ "NATO must stop …", "Yerevan needed to hand over …", "the shelling must stop" in
        a speaker's own words (a quote or reported speech): the speaker's demand, of the
        actor who is to act, or of no one in particular when what must happen is an end
        ("must stop", "must be lifted"). "We must …" is a resolve, not a demand."""
        claim_index = self._claim_index_at(verb.idx)
        if claim_index is None or verb.pos_ != "VERB" or verb.lemma_ == "be":
            return
        claim = self.claims[claim_index]
        if claim.speaker is None:
            return
        holder = cue if cue.dep_ != "aux" else verb
        subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in _SELF:
            return
        actor = self.actors.addressee(subject)
        if actor is None and (owner := next((c for c in subject.children if c.dep_ == "poss"), None)):
            actor = self.actors.addressee(owner)  # "the bloc's next package should include …"
        addressee = actor if actor is not None and actor is not claim.speaker else None
        # "any ceasefire must begin with the withdrawal of Russian troops": a condition set
        # for whoever negotiates, a demand even though no one is named to act.
        condition = (
            self.lex.lemma(verb) in ("begin", "start")
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
        ) or (
            # "any ceasefire had to cover ports", "any talks must include Ukraine's partners",
            # "any move should not reduce the number of troops": terms for a deal to come
            subject.lemma_.casefold() in _DEALS
            and any(c.dep_ == "det" and c.lower_ in ("any", "a", "the") for c in subject.children)
        )
        if addressee is None and self.lex.lemma(verb) not in self.lex.cessation_verbs and not condition:
            return  # "Brave actions have to come from all of us": no one is asked to act
        items = self._items(verb)
        first_start = subject.left_edge.i  # the whole clause: "the alliance should rule out …"
        items[0] = (first_start, items[0][1], items[0][2])
        for n, (start, end, head) in enumerate(items):
            for c in head.children:
                if (
                    c.dep_ == "conj"
                    and c.i > head.i
                    and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                ):
                    # "… must stop X, and it must say so": the second clause is its own demand.
                    end = min(end, c.left_edge.i)
            items[n] = (start, end, head)
        self._add(claim.speaker, addressee, cue.text, cue, items, confidence=0.5, claim=claim_index)

    # --- helpers ------------------------------------------------------------------------------

    def _source(self, verb: Token) -> Token | None:
        source = source_of(verb, self._speech_and_demand)
        # "NATO was urged to …" names who is asked, not who asks; "X is understood to want"
        # lends its subject to "want".
        if source is not None and source.dep_ == "nsubjpass" and source.head.lemma_ not in RAISING_PASSIVES:
            return None
        return source

    def _add(
        self,
        demander: ActorDraft,
        addressee: ActorDraft | None,
        cue: str,
        cue_tok: Token,
        items: list[tuple[int, int, Token]],
        *,
        confidence: float = 0.7,
        claim: int | None = None,
    ) -> None:
        for start, end, head in items:
            start, end = self._cut_circumstance(start, end)
            end = self._cut_subordinate(head, start, end)
            start, end = self._trim(start, end)
            if end - start < 1:
                continue
            in_claim = claim if claim is not None else self._claim_index_at(cue_tok.idx)
            self._append(demander, addressee, cue, cue_tok, start, end, in_claim, confidence)

    def _append(
        self,
        demander: ActorDraft,
        addressee: ActorDraft | None,
        cue: str,
        cue_tok: Token,
        start: int,
        end: int,
        claim: int | None,
        confidence: float,
    ) -> None:
        cstart, cend = self.d.char_span(start, end)
        text = self.d.text[cstart:cend]
        if addressee is None:
            addressee = self._addressee_in(start, end, demander)
        if addressee is demander:
            addressee = None
        # "called on NATO to halt its expansion": the addressee is part of what is asked;
        # failing a topic there, the sentence around it ("urged Brussels to close the
        # loopholes that let sanctioned goods through").
        topic = self.taxonomy.best(text if addressee is None else f"{addressee.name} {text}")
        if topic is None:  # "delay the withdrawal" after a paragraph on pulling troops out
            topic = next(iter(self.d.topics_in(self.taxonomy, cstart, cend)), None)
        from_context = pointed_back = False
        if topic is None:
            topic = self.taxonomy.best(self.doc[start].sent.text)
            if topic is None and self._refers_back(start, end):  # "… to reverse this decision"
                topic = self.d.topic_before(self.taxonomy, cstart)
                pointed_back = topic is not None
            from_context = topic is not None
        if not demander.named:
            confidence -= 0.1
        self.demands.append(
            DemandDraft(
                demander,
                addressee,
                cue,
                cue_tok.i,
                cstart,
                cend,
                topic,
                claim,
                round(confidence, 2),
                from_context,
                pointed_back,
            )
        )

    def _refers_back(self, start: int, end: int) -> bool:
        """The demanded act names nothing of its own: what it acts on is a pronoun or a
        definite noun pointing back ("to reverse this decision", "to drop their objections",
        "to overrule him"), or nothing at all ("to reconsider", "it must stop")."""
        heads = [t for t in self.doc[start:end] if t.head.i == t.i or not start <= t.head.i < end]
        if len(heads) != 1 or heads[0].pos_ not in ("VERB", "AUX"):
            return False
        arguments: list[Token] = []
        verbs = [heads[0]]
        while verbs:
            verb = verbs.pop()
            for c in verb.children:
                if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                    verbs.append(c)  # "to stop buying gas": what is bought counts
                elif c.dep_ in ("dobj", "dative", "nsubjpass", "attr", "oprd"):
                    arguments.append(c)
                elif c.dep_ == "prep" and c.lower_ in _ABOUT_PREPOSITIONS:
                    arguments.extend(g for g in c.children if g.dep_ == "pobj")
                elif c.dep_ == "nsubj" and c.pos_ == "NOUN" and not self._actor_noun(c):
                    arguments.append(c)  # "the shelling must stop", not "the government must"
        return all(self._points_back(a) for a in arguments)

    def _points_back(self, token: Token) -> bool:
        if token.pos_ == "PRON":
            return True
        return token.lemma_.casefold() in self.lex.referring_nouns and any(
            c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another") for c in token.children
        )

    def _actor_noun(self, token: Token) -> bool:
        lemma = token.lemma_.casefold()
        lex = self.lex
        return any(
            lemma in words
            for words in (lex.person_roles, lex.organization_nouns, lex.group_nouns, lex.state_nouns)
        )

    def _items(self, head: Token) -> list[tuple[int, int, Token]]:
        """One token range per conjoined item: "free the prisoners, lift the blockade and
        reopen the border" gives three."""
        conjuncts = [head]
        queue = [head]
        end_before: int | None = None  # where a finite act of the demander's own begins
        while queue:
            t = queue.pop()
            for c in t.children:
                if c.dep_ != "conj":
                    continue
                if self.doc[c.left_edge.i - 1].dep_ not in ("cc", "punct"):
                    continue  # "… a position in case talks begin": no "and", no comma, no item
                if head.tag_ == "VB" and c.pos_ in ("VERB", "AUX") and is_finite(c):
                    # "had asked Washington to reconsider and was prepared to …": the
                    # parser joined the asker's next act to what was asked.
                    cut = c.left_edge.i
                    end_before = cut if end_before is None else min(end_before, cut)
                    continue
                if c.pos_ == head.pos_:
                    if c.pos_ in ("VERB", "AUX") and any(
                        g.dep_ in ("nsubj", "nsubjpass") for g in c.children
                    ):
                        continue  # a clause with its own subject ("loopholes that let …") is no item
                    conjuncts.append(c)
                    queue.append(c)
        if head.tag_ == "VB" and is_infinitive(head):
            # "to stop treating farmers as … and to restore the rebate": a second "to" marks
            # a second demanded act, wherever the parser hung it inside the first.
            for t in head.subtree:
                if (
                    t.dep_ == "conj"
                    and t.tag_ == "VB"
                    and is_infinitive(t)
                    and t.head.i != head.i
                    and t not in conjuncts
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children)
                ):
                    conjuncts.append(t)
        if len(conjuncts) == 1:
            if head.pos_ in ("NOUN", "PROPN"):
                return self._listed_phrases(head)
            end = head.right_edge.i + 1
            if end_before is not None:
                end = before_joiners(self.doc, end_before, head.i + 1)
            return [(head.left_edge.i, end, head)]
        conj_ids = {c.i for c in conjuncts}
        items = []
        for c in sorted(conjuncts, key=lambda t: t.i):
            if c.i != head.i and self._contrast_before(c):
                continue  # "enforce the sanctions, rather than add new ones": not demanded
            start = (
                c.left_edge.i
                if c.i == head.i
                else min([c.i] + [x.left_edge.i for x in c.lefts if x.dep_ not in ("cc", "punct")])
            )
            end = c.i + 1
            for r in c.rights:
                if r.i in conj_ids or r.dep_ in ("cc", "punct", "conj"):
                    break
                end = r.right_edge.i + 1
            items.append((start, end, c))
        return items

    def _listed_phrases(self, head: Token) -> list[tuple[int, int, Token]]:
        """A list of noun phrases the parser nested instead of coordinating ("a pay rise of 7
        per cent this year, a limit of 28 pupils and the restoration of …"): cut where a
        comma or "and" is followed by a new phrase's determiner."""
        return self._split_phrases(head.left_edge.i, head.right_edge.i + 1, head)

    def _split_phrases(self, start: int, end: int, head: Token) -> list[tuple[int, int, Token]]:
        """Tokens ``start``..``end`` cut into phrases where a comma or "and" is followed by
        a new phrase's determiner."""
        cuts = []
        i = start + 1
        while i < end - 1:
            t = self.doc[i]
            if t.text == "," or t.lower_ == "and":
                j = i + 1
                if self.doc[j].lower_ == "and":
                    j += 1
                # ", and" closes a list whatever opens its last phrase ("…, and arms-control talks")
                if j < end and (self.doc[j].lower_ in _NEW_PHRASE or j == i + 2):
                    cuts.append((i, j))
                    i = j
            i += 1
        if not cuts:
            return [(start, end, head)]
        items = []
        begin = start
        for cut_at, next_start in cuts:
            items.append((begin, cut_at, head))
            begin = next_start
        items.append((begin, end, head))
        return items

    def _contrast_before(self, item: Token) -> bool:
        before = " ".join(t.lower_ for t in self.doc[max(0, item.left_edge.i - 3) : item.left_edge.i])
        return before.endswith(("rather than", "instead of", ", not", "not"))

    def _cut_subordinate(self, head: Token, start: int, end: int) -> int:
        """Drop a trailing adverbial clause: "NATO pull back to 1997 lines [as talks open]"."""
        for child in head.rights:
            if child.dep_ == "advcl" and start < child.left_edge.i < end:
                mark = next((m for m in child.children if m.dep_ == "mark"), None)
                if mark is not None and mark.lower_ in _CIRCUMSTANCE and not self._quoted_from(mark):
                    return child.left_edge.i
        return end

    def _quoted_from(self, token: Token) -> bool:
        """ "lift the blockades “before someone gets hurt”": in the demander's own words the
        circumstance is part of what is asked."""
        before = self.doc[token.i - 1] if token.i > 0 else None
        return self.d.quote_of_token[token.i] >= 0 and before is not None and before.is_quote

    def _cut_circumstance(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        for i in range(start + 2, end - 1):
            if doc[i].text == "," and doc[i + 1].lower_ in _CIRCUMSTANCE:
                return start, i
        return start, end

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        while start < end and (
            doc[start].is_punct
            or doc[start].is_space
            or doc[start].lower_ in ("that", "to")
            or (doc[start].lower_ == "for" and doc[start].dep_ == "mark")  # "for X to be lifted"
        ):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
            end -= 1
        return start, end

    def _addressee_in(self, start: int, end: int, demander: ActorDraft) -> ActorDraft | None:
        """Failing an explicit addressee, the first other named actor in the demanded thing
        ("an end to NATO's expansion" is addressed to NATO)."""
        candidates = []
        for i in range(start, end):
            actor = self.actors.actor_at(self.doc[i])
            if actor is not None and actor is not demander and actor.named and actor.kind != "other":
                token = self.doc[i]
                subject = token.dep_ in ("nsubj", "nsubjpass") or (
                    token.dep_ == "conj" and token.head.dep_ in ("nsubj", "nsubjpass")
                )
                candidates.append((subject, i, actor))
        # Not the subject of a clause inside the demand: "guarantees that Ukraine would never
        # join NATO" asks something of NATO, not of Ukraine.
        return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None

    def _claim_index_at(self, char: int) -> int | None:
        for i, c in enumerate(self.claims):
            if c.start <= char < c.end:
                return i
        return None

    def _claim_speaker_at(self, char: int) -> ActorDraft | None:
        i = self._claim_index_at(char)
        return self.claims[i].speaker if i is not None else None
