"""Claims: content attributed to a source by a cue.

Three passes over one article:

1. Cues in the parse: a reporting, knowing or evaluating verb outside quotes, its subject
   as the source (inherited through "…, adding that", "who said", "was quoted as saying")
   and its complement as the content: the clause ("said (that) …"), the infinitive
   ("hopes to …"), or the object ("criticized the plan"). "according to X", "X's claim
   that …" and headline forms ("X: …", "… — X") are read the same way.
2. Quotes no cue took: the nearest cue beside the quote, else the speaker of a quote in
   the same paragraph (a quote split by its cue), else, for a paragraph that opens with a
   quote, the previous speaker (a quote continuing the last one).
3. Nested attributions are settled: "Berg said Norway had decided to …" is Berg's claim;
   "…, the agency reported" gives way to the source the agency quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from claimdb.extract.actors import ActorDraft
from claimdb.extract.coref import ActorTable
from claimdb.extract.document import Document
from claimdb.extract.lexicon import Lexicon, lexicon
from claimdb.extract.names import normalize_name
from claimdb.extract.syntax import (
    after_comma,
    before_joiners,
    cited_source,
    is_finite,
    is_infinitive,
    is_plural,
    marked_by,
    object_of,
    perfect_head,
    source_of,
    trailing_cue,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from claimdb.extract.quotes import Quote

# Cues by which a medium relays what others said: the relayed source is the speaker.
MEDIA_CUES = frozenset({"report", "quote", "cite"})
# Where one speaks, not what about: "speaking on Polish radio", "on television".
_BROADCAST_MEDIA = {
    "radio",
    "television",
    "tv",
    "air",
    "phone",
    "telephone",
    "podcast",
    "programme",
    "program",
    "show",
    "camera",
}
# Verbs that charge someone "of" something: "accused the province of playing politics".
_CHARGING = {"accuse", "suspect", "convict"}
# Modals of reported speech: "said it was ready and would sign" (what "will" becomes).
_BACKSHIFTED = {"would", "could", "might", "should"}
# Verbs of telling someone something: "had told him that …", "had assured him …".
_TELLING = {"tell", "assure", "inform", "reassure"}
_CONTENT_LEAD = {"that", ",", ":", "—", "–", "-", "whether", "if"}
# Words after which a quote is part of the writer's sentence, not speech given as spoken:
# "said that “…”", "told them to “…”" are reported speech quoting the speaker's words.
_EMBEDDING_WORDS = ("that", "to")
# Objects that say nothing of their own: "said so", "said it", "said nothing".
_EMPTY_OBJECTS = {
    "you",  # "thank you", "told you"
    "it",
    "this",
    "that",
    "so",
    "something",
    "anything",
    "nothing",
    "what",
    "which",
    "much",
    "more",
    "things",
    "lot",
}
# Verbs whose content can be an infinitive: "promised to …", "refused to …".
_INFINITIVE_CUES = {
    "promise",
    "pledge",
    "vow",
    "threaten",
    "agree",
    "refuse",
    "decline",
    "offer",
    "swear",
    "plan",
}
# Nouns that take a that-clause of their own ("the fact that …", "the news that …").
_CONTENT_NOUNS = {
    "fact",
    "idea",
    "news",
    "notion",
    "sense",
    "impression",
    "possibility",
    "risk",
    "chance",
    "evidence",
    "sign",
    "question",
    "point",
    "reason",
    "condition",
    "guarantee",
    "assurance",
}
# Verbs that deliver a statement noun: "made comments about", "voiced support for".
_DELIVERY_VERBS = {
    "make",
    "issue",
    "express",
    "voice",
    "offer",
    "deliver",
    "give",
    "post",
    "repeat",
    "raise",
    "reiterate",
    "share",
    "publish",
    "release",
    "lodge",
    "file",
    "renew",
    "signal",
    "send",
}
_OBJECT_PREPS = {"of", "for", "as", "about", "over", "with", "against", "to"}  # "likened X to Y"
# Verbs that may be demands; the demand rules read them when they are ("calls for").
_DEMAND_ONLY = {
    "call",
    "urge",
    "ask",
    "demand",
    "press",
    "push",
    "appeal",
    "insist",
    "want",
    "seek",
    "require",
    "request",
    "order",
}


def _shouting(sent: Span) -> bool:
    """A line in capitals ("EVEN HIS BOSS THINKS …") is a headline or a kicker: the parser
    reads it badly and it is rarely an attribution of its own."""
    letters = [c for c in sent.text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


@dataclass(eq=False)
class ClaimDraft:
    speaker: ActorDraft | None
    cue: str
    cue_token: int
    direct: bool
    start: int
    end: int
    kind: str
    confidence: float
    source_token: int | None = None
    scope_end: int | None = None
    """Where the words the cue governs end when a writer's aside was cut from the content:
    a cue inside the aside is still nested under this claim."""


class ClaimFinder:
    def __init__(self, document: Document, actors: ActorTable) -> None:
        self.d = document
        self.doc = document.doc
        self.text = document.text
        self.actors = actors
        self.lex: Lexicon = lexicon()
        self.claims: list[ClaimDraft] = []
        self._cue_verbs = self.lex.cue_verbs
        self._speech_and_demand = self.lex.cue_verbs | self.lex.demand_verbs

    # --- pass 1: cues ---------------------------------------------------------------------

    def run(self) -> list[ClaimDraft]:
        d = self.d
        last_speaker: ActorDraft | None = None
        for sent in self.doc.sents:
            if sent.start in d.skip_tokens or _shouting(sent):
                continue
            for token in sent:
                if d.quote_of_token[token.i] >= 0 or token.i in d.skip_tokens:
                    continue
                claim = None
                lemma = self.lex.lemma(token)
                if token.pos_ in ("VERB", "AUX") and (
                    lemma in self._cue_verbs or (lemma in _DEMAND_ONLY and trailing_cue(token))
                ):
                    claim = self._verb_claim(token, lemma, last_speaker)
                elif phrase_length := self._according_phrase_at(token):
                    claim = self._according_claim(token, phrase_length, last_speaker)
                elif token.pos_ == "NOUN" and lemma in self.lex.cue_nouns:
                    claim = self._noun_claim(token, last_speaker)
                if claim is None and token.lemma_.casefold() in self.lex.viewpoint_nouns:
                    claim = self._viewpoint_claim(token, last_speaker)
                if (
                    claim is None
                    and token.pos_ == "NOUN"
                    and token.lemma_.casefold() in self.lex.preposition_nouns
                ):
                    claim = self._noun_preposition_claim(token, last_speaker)
                if claim is not None:
                    self.claims.append(claim)
                    self._mark_reported(claim)
                    if claim.speaker is not None:
                        last_speaker = claim.speaker
                    if (second := self._clause_after_aside(claim, token)) is not None:
                        self.claims.append(second)
                        self._mark_reported(second)
        self._label_pass()
        self._headline_pass()
        self._quote_pass()
        self._settle_nesting()
        self.claims.sort(key=lambda c: (c.start, c.end))
        return self.claims

    def _mark_reported(self, claim: ClaimDraft) -> None:
        """Tell the actor table what this claim reports, so that the people named inside it
        are not taken for the next "he"."""
        if claim.direct:
            return
        span = self.doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if span is not None:
            self.actors.reported.update(range(span.start, span.end))

    def _verb_claim(self, verb: Token, lemma: str, last: ActorDraft | None) -> ClaimDraft | None:
        if lemma in _DEMAND_ONLY and (trailing := trailing_cue(verb)) is not None:
            # "Berlin must „deliver …“, demanded their spokeswoman, Merle Jacobsen": a demand
            # verb used as "said" is; the demand itself is read from the words ("must")
            after, comma = trailing
            speaker = self.actors.resolve(after, prefer=last)
            if speaker is None or speaker.kind not in ("person", "organization", "country", "group"):
                return None
            start, end = self._trim(verb.sent.start, comma)
            return self._make(speaker, verb.text, verb.i, start, end, "speech", after.i)
        if self._is_demand_use(verb, lemma):
            # The demand rules read it later; its source is still the one a following "It
            # also urged …" or "she said" may stand for ("The group called on Russia to …").
            if (source := self._source_of(verb)) is not None and source.pos_ != "PRON":
                self.actors.resolve(source, prefer=last)
            return None
        if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl") and perfect_head(verb) is None:
            return None  # "refugees admitted to …", "Asked whether …, she said": not this speaker's act
        if lemma in self.lex.speech_verbs and any(c.dep_ == "neg" for c in verb.children):
            return None  # "did not say who would be invited" attributes nothing
        head_lemma = self.lex.lemma(verb.head)
        if (
            verb.dep_ in ("ccomp", "xcomp")
            and head_lemma in self.lex.demand_verbs
            and (head_lemma not in self.lex.demand_infinitive_required or is_infinitive(verb))
        ):
            return None  # "demanded that Russia explain …": the explaining is demanded, not done
        if lemma == "quote" and any(c.lower_ == "as" for c in verb.children):
            return None  # "X quoted Y as saying": the claim is Y's, read at "saying"
        if (
            verb.dep_ == "advcl"
            and self.lex.lemma(verb.head) in self.lex.cue_verbs
            and cited_source(verb) is not None
        ):
            return None  # "Interfax, citing a source, reported …": whom it cites is the speaker
        if self._anonymity_terms(verb):
            return None
        content = self._verb_content(verb, lemma)
        if content is None:
            return None
        source = self._source_of(verb)
        if source is None:
            return None
        speaker = self.actors.resolve(source, prefer=last)
        if speaker is None:
            return None
        start, end = self._without_trailing_aside(*content)
        kind = (
            "speech"
            if lemma in self.lex.speech_verbs
            else ("cognition" if lemma in self.lex.cognition_verbs else "object")
        )
        claim = self._make(speaker, self._cue_text(verb), verb.i, start, end, kind, source.i)
        if claim is not None and end < content[1]:
            claim.scope_end = self.doc[content[1] - 1].idx + len(self.doc[content[1] - 1])
        return claim

    def _anonymity_terms(self, verb: Token) -> bool:
        """ "spoke on condition of anonymity to discuss internal deliberations", "asking for
        anonymity to speak freely": the terms of the speaking, not what was said."""
        if verb.lemma_ not in ("speak", "talk", "discuss", "comment", "describe", "ask"):
            return False
        for holder in (verb, verb.head):
            for prep in holder.children:
                if prep.dep_ == "prep" and any(
                    p.lemma_ in ("condition", "anonymity") for p in prep.children if p.dep_ == "pobj"
                ):
                    return True
        return False

    def _is_demand_use(self, verb: Token, lemma: str) -> bool:
        """Demand phrasings belong to the demand rules, not to claims ("calls for",
        "urged X to", "wants X to", "asked X to")."""
        if lemma not in _DEMAND_ONLY:
            return False
        if lemma in ("demand", "urge", "request", "require"):
            return True
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "on", "upon"):
                return True
            if lemma == "want" and child.dep_ == "ccomp" and not is_infinitive(child):
                return True  # "wants the tariff cut": a demand
            if child.dep_ in ("xcomp", "ccomp") and is_infinitive(child):
                # "wants NATO to commit", "asked them to leave"; not "wants to stay".
                has_object = any(g.dep_ in ("dobj", "dative") for g in verb.children)
                has_inner_subject = any(g.dep_ == "nsubj" for g in child.children)
                if has_object or has_inner_subject:
                    return True
        return False

    def _verb_content(self, verb: Token, lemma: str) -> tuple[int, int] | None:
        """Token range of what the cue attributes, or None."""
        if any(c.dep_ == "dobj" and c.tag_ == "WP" for c in verb.children):
            return None  # "what Berg said when she resigned": the said thing is elsewhere
        # A "complement" right after "and" is a second act the parser hung here ("noted X
        # and called on the EU to …"), not what was noted.
        clauses = [
            c for c in verb.children if c.dep_ == "ccomp" and not (c.i > 0 and self.doc[c.i - 1].dep_ == "cc")
        ]
        # "he told the AP that …" may also carry a clause the parser hung on the left;
        # the complement that follows the cue is the one it introduces.
        right = [c for c in clauses if c.i > verb.i]
        # A clause on the left across a semicolon is a sentence of its own ("Some analysts
        # argue …; others see it as …").
        left = [c for c in clauses if c.i < verb.i and not any(t.text == ";" for t in self.doc[c.i : verb.i])]
        clauses = right or left[:1]
        # A later complement that is itself a cue ("said X mishandled it and Democrats
        # accused the GOP of …") is another act, not more of what was said.
        clauses = clauses[:1] + [
            c for c in clauses[1:] if marked_by(c, "that") or self.lex.lemma(c) not in self._speech_and_demand
        ]
        if not clauses:
            clauses = [c for c in verb.rights if c.dep_ == "parataxis" and c.pos_ in ("VERB", "AUX")][:1]
        if not clauses and lemma in self.lex.speech_verbs:
            # "said after the convention he would not accept …": the parser hung the
            # complement on the cue as an adverbial clause; one with a subject of its own
            # and no "if"/"when"/"because" opening it is what was said.
            clauses = [
                c
                for c in verb.rights
                if c.dep_ == "advcl"
                and is_finite(c)
                and any(k.dep_ == "nsubj" for k in c.children)
                and not any(k.dep_ == "mark" or k.tag_ == "WRB" for k in c.children)  # "when", "if"
            ][:1]
        if not clauses and lemma in self.lex.speech_verbs:
            # "added that Malaysia preferred quiet diplomacy", parsed as an object noun
            # ("Malaysia preferred diplomacy") with "that" on it: still the complement.
            clauses = [c for c in verb.rights if c.dep_ == "dobj" and marked_by(c, "that")][:1]
        if clauses:
            first, last = clauses[0], clauses[-1]
            # "said that A but that B": the parser hangs B on the cue as a conjunct; it is
            # more of what was said.
            # The same for "quoted him as saying that A but that B" (B hangs on "quoted") and
            # for a condition put on what was said: "the bloc was ready … but only if B".
            joined = list(verb.rights)
            if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
                joined += [c for c in verb.head.head.rights if c.i > verb.i]
            last = max(
                (
                    c
                    for c in joined
                    if c.dep_ == "conj" and c.i > last.i and (marked_by(c, "that") or self._condition_on(c))
                ),
                key=lambda c: c.i,
                default=last,
            )
            start, end = self._subtree_range(first, exclude=verb)
            if last.i != first.i:
                end = max(end, self._subtree_range(last, exclude=verb)[1])
            start, end = self._clause_bounds(verb, last, start, end)
            return start, self._reported_future(verb, end)
        that_clause = self._that_clause(verb)
        if that_clause is not None:
            # "told reporters outside the centre that …": the parser hung the clause lower.
            start, end = self._subtree_range(that_clause, exclude=verb)
            return self._clause_bounds(verb, that_clause, start, end)
        if lemma in self.lex.cognition_verbs or lemma in _INFINITIVE_CUES:
            xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and is_infinitive(c)), None)
            if xcomp is not None:
                return self._subtree_range(xcomp, exclude=verb)
        if lemma in self.lex.object_verbs:
            objects = [
                c
                for c in verb.rights
                if c.dep_ in ("dobj", "attr", "oprd", "dative")
                or (c.dep_ == "ccomp" and self.doc[c.i - 1].dep_ != "cc")  # not "X and called on …"
            ]
            # "described it as “overdue”", "called it a mistake": the pronoun with what is
            # said of it is content, where a bare "said it" is not.
            said_of = bool(objects) and any(
                c.i > objects[0].i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as"))
                for c in verb.children
            )
            if objects and (objects[0].lower_ not in _EMPTY_OBJECTS or said_of):
                # Several objects are one phrase the parser split ("Western countries’
                # rejection"), or an object and what is said of it ("called X Y",
                # "described X as Y", "accused X of Y", "praised X for Y").
                start, end = self._subtree_range(objects[0], exclude=verb)
                rights = [c for c in verb.rights if c.i > objects[0].i]
                for k, c in enumerate(rights):
                    if (
                        c in objects
                        or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS)
                        # "called him a master [at bolting …]": the label's own phrase
                        or (c.dep_ == "prep" and c.i == end and self.doc[c.i - 1].dep_ == "oprd")
                        # "called the citation and [the demand …] a ploy": one more object
                        or (c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))
                    ):
                        end = max(end, c.right_edge.i + 1)
                    elif c.is_quote and c.dep_ == "punct":
                        continue  # the mark opening "called the truce “a vindication …”"
                    elif (
                        c.dep_ == "cc"
                        and k + 1 < len(rights)
                        and (
                            rights[k + 1] in objects
                            or (rights[k + 1].dep_ == "conj" and rights[k + 1].pos_ in ("NOUN", "PROPN"))
                        )
                    ):
                        continue  # "condemned the test as “provocative” and a “grave threat”"
                    elif c.dep_ in ("punct", "cc", "conj", "advcl"):
                        break
                if end - start == 1 and self.doc[start].pos_ == "PRON":
                    return None  # "scolded him": a person, with nothing said of them
                return self._trim(start, end)
        if lemma in self.lex.preposition_verbs:
            pobj = self._prepositional_object(verb, self.lex.preposition_verbs[lemma])
            if (
                pobj is not None
                and pobj.ent_type_ not in ("DATE", "TIME")
                and pobj.lemma_.casefold() not in _BROADCAST_MEDIA  # "speaking on Polish radio"
            ):
                return self._subtree_range(pobj, exclude=verb)
        # "The troops, he said, will return": the cue is a parenthetical of the content.
        if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            if (
                self._joined_after_aside(verb) is not None
                or self._participle_after_aside(verb)
                or self._quote_after_aside(verb)
            ):
                # "The text stays private, she said, and both sides agreed …": what comes
                # before the aside is this claim, the joined clause the next one;
                # "…, she said, adding that …": the participle is the speaker's next act.
                return self._trim(verb.head.left_edge.i, verb.left_edge.i)
            return self._subtree_range(verb.head, exclude=verb)
        # "The Secretary-General is alarmed …, his spokesperson told reporters.", where the
        # parser cut the sentence at the comma ahead of the subject: the sentence before it.
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if (
            lemma in self.lex.speech_verbs
            and verb.dep_ == "ROOT"
            and subject is not None
            and subject.i < verb.i
        ):
            comma = subject.left_edge.i - 1
            if comma == verb.sent.start and comma > 0 and self.doc[comma].text == ",":
                opening = self.doc[comma - 1].sent.start
                if comma - opening > 3 and any(is_finite(t) for t in self.doc[opening:comma]):
                    return self._trim(opening, comma)
        # "“…,” he said." where the parser left the quote unattached: pass 2 finds it.
        return None

    @staticmethod
    def _condition_on(clause: Token) -> bool:
        """ "… but only if large economies agreed to join": a condition on what was said."""
        return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children) and any(
            c.dep_ == "advmod" and c.lower_ == "only" for c in clause.children
        )

    def _reported_future(self, verb: Token, end: int) -> int:
        """ "said the Government was “disappointed” and would seek permission to appeal": the
        parser joins "would seek" to "said", but a subjectless "would"/"could" after a past
        cue is the reported subject's, more of what was said."""
        if verb.tag_ != "VBD":
            return end
        for c in verb.rights:
            if (
                c.dep_ == "conj"
                and c.i >= end
                and c.tag_ == "VB"
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                and any(g.dep_ == "aux" and g.lower_ in _BACKSHIFTED for g in c.children)
                and all(t.dep_ == "cc" or t.is_punct for t in self.doc[end : c.left_edge.i])
            ):
                return self._trim(end, c.right_edge.i + 1)[1]
        return end

    def _joined_after_aside(self, verb: Token) -> Token | None:
        """The clause joined right after a parenthetical cue: conjoined ("…, he said, and it
        strictly controlled exports") or subordinate ("…, the person said, although the list
        was still argued over"), with a finite verb and a subject of its own, the joiner just
        after the cue; not in quotation marks (the quote pass reads those)."""
        head = verb.head
        if verb.dep_ != "parataxis" or head.pos_ not in ("VERB", "AUX") or head.i > verb.i:
            return None
        clause = next((c for c in head.rights if c.dep_ in ("conj", "advcl") and c.i > verb.i), None)
        if clause is None or not is_finite(clause) or self.d.quote_of_token[clause.i] >= 0:
            return None
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            return None
        between = self.doc[verb.right_edge.i + 1 : clause.left_edge.i]
        if clause.dep_ == "advcl":  # ", although <clause>": the subordinator opens it
            joined = self.doc[clause.left_edge.i].dep_ == "mark" and all(t.is_punct for t in between)
        else:  # ", and <clause>"
            joined = any(t.dep_ == "cc" for t in between) and all(
                t.dep_ == "cc" or t.is_punct for t in between
            )
        return clause if joined else None

    def _quote_after_aside(self, verb: Token) -> bool:
        """ "The department needed more investigators, she said, “or it will lose more”": the
        quote after the aside is read as a quote; what comes before it is this claim."""
        after = verb.i + 1
        while after < len(self.doc) and self.doc[after].text == ",":
            after += 1
        return (
            verb.head.i > verb.i
            and after < len(self.doc)
            and self.doc[after].is_quote
            and verb.head.left_edge.i < verb.left_edge.i - 3
            and self.d.quote_of_token[verb.head.left_edge.i] < 0
        )

    def _participle_after_aside(self, verb: Token) -> bool:
        """ "…, she said, adding that …": a participle clause right after the aside."""
        after = verb.right_edge.i + 1
        while after < len(self.doc) and self.doc[after].is_punct:
            after += 1
        if after >= len(self.doc) or verb.head.i > verb.i:
            return False
        token = self.doc[after]
        return token.tag_ == "VBG" and token.dep_ in ("advcl", "conj") and token.head.i == verb.head.i

    def _clause_after_aside(self, claim: ClaimDraft, verb: Token) -> ClaimDraft | None:
        """The second claim of "…, he said, and <clause>" or "…, he said, although <clause>":
        the clause is said by the same source with the same cue."""
        clause = self._joined_after_aside(verb)
        if clause is None or claim.speaker is None:
            return None
        first = clause.left_edge.i + (self.doc[clause.left_edge.i].dep_ == "mark")  # not "although"
        start, end = self._without_trailing_aside(*self._trim(first, clause.right_edge.i + 1))
        return self._make(claim.speaker, claim.cue, verb.i, start, end, claim.kind, claim.source_token)

    def _is_speech_act(self, verb: Token) -> bool:
        """A cue verb used as one: with a complement clause or a demand's preposition ("and
        urged …", "and called on …"), not "rather than add new ones"."""
        lemma = self.lex.lemma(verb)
        if lemma not in self._speech_and_demand:
            return False
        return any(
            c.dep_ in ("ccomp", "xcomp")
            or (c.dep_ in ("prep", "prt") and c.lower_ in ("on", "for", "upon"))
            or (c.dep_ == "advcl" and marked_by(c, "for"))
            # "… and described it as “overdue”", "… and accused Budapest of stalling": an
            # object and what is said of it (the parser may hang "of" on the object)
            or (c.dep_ == "prep" and c.lower_ in ("as", "of") and lemma in self.lex.object_verbs)
            or (
                c.dep_ == "dobj"
                and lemma in self.lex.object_verbs
                and any(
                    g.dep_ == "prep" and (g.lower_ == "as" or (g.lower_ == "of" and lemma in _CHARGING))
                    for g in c.rights
                )
            )
            # "… and called the suspension “a political decision”": an object and its name
            or (c.dep_ == "oprd" and lemma in self.lex.object_verbs)
            for c in verb.children
        )

    def _clause_bounds(self, verb: Token, clause: Token, start: int, end: int) -> tuple[int, int]:
        """Keep the speech event out of the content: "said [on Tuesday] he …" and
        "he …[, speaking alongside X]" describe the saying, not what was said."""
        doc = self.doc
        subject = next((c for c in clause.lefts if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is not None and start == verb.i + 1 and subject.left_edge.i > start:
            lead = [c for c in clause.lefts if c.i < subject.i]
            if lead and all(c.dep_ in ("prep", "npadvmod", "advmod", "punct") for c in lead):
                start = subject.left_edge.i
        # "that the UK should follow Estonia and require …": a bare verb under the clause's
        # modal is more of what should happen, not the speaker's next act
        modal = any(a.dep_ == "aux" and a.tag_ == "MD" for a in clause.children)
        for c in clause.rights:
            if (
                c.dep_ == "advcl"
                and c.tag_ == "VBG"
                and c.left_edge.i > start
                and doc[c.left_edge.i - 1].text == ","
            ):
                end = min(end, c.left_edge.i - 1)
            elif (
                (c.dep_ == "conj" or (c.dep_ == "ccomp" and doc[c.i - 1].dep_ == "cc"))
                and not marked_by(c, "that")  # "… had adapted and that Europe was paying …"
                and ((c.tag_ == "VBG" and clause.tag_ != "VBG") or self._is_speech_act(c))
                and not (modal and c.tag_ == "VB" and c.dep_ == "conj")
                # "said her organisation did not oppose the principle but wanted the ministry
                # to …": a want joined to the reported clause is its subject's
                and not (c.dep_ == "conj" and self.lex.lemma(c) == "want" and not after_comma(c))
            ):
                # "stressing that X is normal and denouncing …", "said that … and urged …":
                # a second speech act, not more of the first one's content.
                end = min(end, before_joiners(doc, c.left_edge.i, start))
        for t in doc[start:end]:
            if t.text == ";" and not self.d.in_quote(t) and t.i - start >= 3:
                end = min(end, t.i)  # "…; they only learned on Friday …": the writer again
                break
            if (joined := self._another_source_joins(t, start)) is not None:
                end = min(end, joined)
                break
            if (
                t.dep_ == "conj"
                and is_finite(t)
                and not marked_by(t, "that")  # "argued that A and that the opposition should back …"
                and self._is_speech_act(t)
                # "did not oppose … but wanted": a tensed "do" makes the first verb no infinitive,
                # and a want joined to the reported clause is its subject's
                and ((t.head.tag_ == "VB" and not is_finite(t.head)) or self._same_source(t, verb))
                and (self.lex.lemma(t) != "want" or after_comma(t))
            ):
                # "said the EU was prepared to expand its mission and called for …": a verb
                # with a tense joined to an infinitive is the speaker's next act; so is one
                # the parser hung deeper whose source is the speaker ("said the case showed
                # that the unit was weak and urged ministers to …").
                end = min(end, before_joiners(doc, t.left_edge.i, start))
                break
        return self._trim(start, end)

    def _without_trailing_aside(self, start: int, end: int) -> tuple[int, int]:
        """Drop what the writer adds after a comma at the end of the content: a relative
        clause or apposition on its last noun ("…, which forced her to leave early", "…,
        the existing military alliance") or a participle ("…, focusing on people under
        30"). Background for the reader, not part of what the source said, unless it
        quotes the source ("…, which “unfortunately” …")."""
        doc = self.doc
        for t in doc[start:end]:
            comma = t.left_edge.i - 1
            if comma - start < 3 or doc[comma].text != "," or t.right_edge.i + 1 < end:
                continue
            if any(self.d.in_quote(w) or w.is_quote for w in doc[comma:end]):
                return start, end
            # An apposition on a common noun is usually a list the parser misread ("called
            # for tax fairness, the closure of loopholes and …"), not a description.
            on_noun = (t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN")) or (
                t.dep_ == "appos" and t.head.pos_ == "PROPN"
            )
            participle = t.dep_ in ("advcl", "acl") and t.tag_ == "VBG"
            if on_noun or participle:
                return start, comma
        return start, end

    def _another_source_joins(self, verb: Token, start: int) -> int | None:
        """Where "and <someone> <cue>" begins inside a content ("said they were convinced X
        and Democrats accused the GOP of …"): another source's act, a claim of its own,
        whatever the parser made of it. Read on the surface because the parser often hangs
        "Democrats" on the noun before "and"."""
        if verb.tag_ not in ("VBD", "VBZ") or self.lex.lemma(verb) not in self._speech_and_demand:
            return None
        i = verb.i - 1
        # "… , while the ship’s manager said": a possessive's mark is part of the source
        while i > start and self.doc[i].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PART"):
            i -= 1
        if i == verb.i - 1 or i <= start or self.doc[i].lower_ not in ("and", "while", "but"):
            return None
        return i - 1 if i - 1 > start and self.doc[i - 1].text == "," else i

    def _that_clause(self, verb: Token) -> Token | None:
        """A "that"-clause inside the cue's own phrase, within a few words of it."""
        for t in self.doc[verb.i + 1 : min(verb.right_edge.i, verb.i + 12) + 1]:
            if t.lower_ == "that" and t.dep_ == "dobj" and t.head.dep_ == "relcl":
                # "said in a briefing that Seoul condemns the launches", parsed as "a briefing
                # that Seoul condemns": this close to a cue, a "that" the parser made a
                # relative pronoun opens the complement. (Requiring the clause to have an
                # object of its own, which the check here long meant to do but never did,
                # lost more right claims on PolNeAR dev than it saved.)
                return t.head
            if t.lower_ == "that" and t.dep_ == "mark" and t.head.pos_ in ("VERB", "AUX"):
                head = t.head
                noun = head.head
                # "said in a separate statement that …": the statement is how it was said,
                # and what follows is the cue's
                medium = noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.i == verb.i
                if (
                    head.dep_ in ("acl", "relcl")
                    and not medium
                    and (
                        self.lex.lemma(noun) in self.lex.cue_nouns or noun.lemma_.casefold() in _CONTENT_NOUNS
                    )
                ):
                    return None  # "the minister's claim that …" belongs to the noun
                # Otherwise a misparse: "told reporters outside the centre that Moscow …"
                # hangs the complement on "centre"; it is still what was told. Not when
                # another cue governs it ("expressed thanks …, but stressed that …"): it is
                # that cue's.
                between = [a for a in head.ancestors if a.i > verb.i]
                if verb in head.ancestors and not any(
                    a.dep_ == "ccomp" or (a.pos_ == "VERB" and self.lex.lemma(a) in self._speech_and_demand)
                    for a in between
                ):
                    return head
                return None
            if t.dep_ in ("ccomp", "punct") and t.text not in (",",):
                return None
        return None

    @staticmethod
    def _prepositional_object(head: Token, prepositions: frozenset[str]) -> Token | None:
        """The object of the first content preposition after ``head`` ("spoke [about] X")."""
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in prepositions:
                return next((p for p in child.children if p.dep_ in ("pobj", "pcomp")), None)
            if child.dep_ in ("dobj", "ccomp", "xcomp"):
                return None
        return None

    def _subtree_range(self, head: Token, exclude: Token | None = None) -> tuple[int, int]:
        start, end = head.left_edge.i, head.right_edge.i + 1
        if exclude is not None and start <= exclude.i < end:
            # The cue sits inside the content's subtree (a parenthetical "he said"): keep the
            # larger side of the content around it.
            cue_start, cue_end = exclude.left_edge.i, exclude.right_edge.i + 1
            if cue_start - start >= end - cue_end:
                end = cue_start
            else:
                start = cue_end
        return self._trim(start, end)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        while start < end and (
            doc[start].is_space
            or doc[start].lower_ in _CONTENT_LEAD
            or (doc[start].is_punct and not doc[start].is_quote)
        ):
            start += 1
        while end > start and (
            doc[end - 1].is_space
            or (doc[end - 1].is_punct and not doc[end - 1].is_quote)
            or doc[end - 1].lower_ in ("and", "but")
        ):
            end -= 1
        return start, end

    def _source_of(self, verb: Token) -> Token | None:
        source = source_of(verb, self._speech_and_demand)
        if source is not None and self.d.in_quote(source) and not self.d.in_quote(verb):
            return None  # "said on “Fox and Friends”": a title in marks is not the speaker
        return source

    def _same_source(self, verb: Token, other: Token) -> bool:
        source = self._source_of(verb)
        return source is not None and source == self._source_of(other)

    def _cue_text(self, verb: Token) -> str:
        parts = [verb]
        for c in verb.children:
            if c.dep_ == "prt" or (
                c.dep_ == "prep" and c.lower_ in ("out", "to") and verb.lemma_ in ("point", "refer")
            ):
                parts.append(c)
        return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))

    def _according_phrase_at(self, token: Token) -> int:
        """How many words of a prepositional cue start at ``token`` ("according to", "in the
        words of", "as quoted by", "per" before a name), or 0."""
        doc = self.doc
        for phrase in self._according_words.get(token.lower_, ()):
            n = len(phrase)
            if token.i + n >= len(doc) or tuple(t.lower_ for t in doc[token.i : token.i + n]) != phrase:
                continue
            if phrase == ("per",) and not (doc[token.i + 1].pos_ == "PROPN" and doc[token.i + 1].is_title):
                continue  # "per cent", "per year"
            return n
        return 0

    @cached_property
    def _according_words(self) -> dict[str, list[tuple[str, ...]]]:
        """The prepositional cues by their first word: every token is checked."""
        phrases: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.lex.according_phrases:
            words = tuple(phrase.split())
            phrases.setdefault(words[0], []).append(words)
        return phrases

    def _according_claim(self, token: Token, length: int, last: ActorDraft | None) -> ClaimDraft | None:
        to = self.doc[token.i + length - 1]  # the phrase's preposition: "to", "of", "by", "per"
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        speaker = self.actors.resolve(source, prefer=last)
        if speaker is None:
            return None
        phrase_start, phrase_end = token.i, max(to.right_edge.i, source.right_edge.i) + 1
        sent = token.sent
        if phrase_start == sent.start and phrase_end >= sent.end - 1:
            # "According to X, the move reeks of fear": the parser hung the whole clause on
            # the name (reading "reeks" as a noun); the phrase ends at the first comma.
            comma = next((t.i for t in self.doc[source.i : phrase_end] if t.text == ","), None)
            if comma is not None:
                phrase_end = comma + 1
        # The content is the clause the phrase modifies: what comes before it ("Y happened,
        # according to X"), or what follows when it opens the sentence ("According to X, Y").
        before = self._trim(sent.start, phrase_start)
        after = (phrase_end, sent.end)
        start, end = before if before[1] - before[0] >= 3 else after
        if start == phrase_end and source.pos_ == "NOUN":
            # "According to a spokesperson for the ministry, Heorhiy Tkach, Ukraine wants …":
            # the name in apposition to the role is the source, not the content's start.
            named = self._name_in_apposition(phrase_end)
            if named is not None:
                speaker, start = named
        # "…, and several importers have warned of shortages": another source's claim
        joined = next(
            (
                t
                for t in self.doc[start:end]
                if t.dep_ == "conj"
                and self.lex.lemma(t) in self._cue_verbs
                and any(c.dep_ == "nsubj" for c in t.children)
            ),
            None,
        )
        if joined is not None:
            end = min(end, before_joiners(self.doc, joined.left_edge.i, start))
        start, end = self._trim(start, end)
        if end - start < 2:
            return None
        cue = " ".join(t.lower_ for t in self.doc[token.i : token.i + length])
        return self._make(speaker, cue, token.i, start, end, "according", source.i)

    def _name_in_apposition(self, at: int) -> tuple[ActorDraft, int] | None:
        """A person's name at ``at`` closed by a comma ("Heorhiy Tkach,"): the person, and
        where the words after the comma begin."""
        doc = self.doc
        while at < len(doc) and doc[at].text == ",":
            at += 1
        end = at
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        if end == at or end - at > 4 or end >= len(doc) or doc[end].text != ",":
            return None
        person = self.actors.actor_at(doc[end - 1])
        if person is None or person.kind != "person":
            return None
        return person, end + 1

    def _viewpoint_claim(self, noun: Token, last: ActorDraft | None) -> ClaimDraft | None:
        """ "In his view, A", "By the envoy's own account, A", "In the view of the Ministry,
        A": A is the owner's claim."""
        prep = noun.head
        owner = next((c for c in noun.children if c.dep_ == "poss"), None) or object_of(noun, ("of",))
        if owner is None or noun.dep_ != "pobj" or prep.lower_ not in ("in", "by") or prep.dep_ != "prep":
            return None
        sent = noun.sent
        if prep.i != sent.start:
            return None  # opening its sentence: not "was interested in his account of …"
        speaker = self.actors.resolve(owner, prefer=last, possessive=True)
        if speaker is None:
            return None
        start, end = self._trim(prep.right_edge.i + 1, sent.end)
        if end - start < 3:
            return None
        return self._make(
            speaker, f"{prep.text.lower()} {noun.text}", noun.i, start, end, "according", owner.i
        )

    def _noun_claim(self, noun: Token, last: ActorDraft | None) -> ClaimDraft | None:
        clause = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("acl", "ccomp")
                and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
            ),
            None,
        )
        if clause is None:
            return None
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None and noun.dep_ in ("dobj",) and noun.head.pos_ == "VERB":
            source = self._source_of(noun.head)
        if source is None:
            return None
        speaker = self.actors.resolve(source, prefer=last)
        if speaker is None:
            return None
        start, end = self._subtree_range(clause)
        return self._make(speaker, noun.text, noun.i, start, end, "noun", source.i)

    def _noun_preposition_claim(self, noun: Token, last: ActorDraft | None) -> ClaimDraft | None:
        """ "Trump's comments about X", "she voiced support for X", "criticism of X by Y"."""
        pobj = self._prepositional_object(noun, self.lex.noun_prepositions)
        if pobj is None:
            return None
        if pobj.head.lower_ in ("to", "with") and (
            pobj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or self.actors.actor_at(pobj) is not None
        ):
            return None  # "a statement to the House", "talks with Kyiv": whom, not what
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None:
            agent = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "by"), None)
            if agent is not None:
                source = next((p for p in agent.children if p.dep_ == "pobj"), None)
        if source is None and noun.dep_ == "dobj" and noun.head.lemma_ in _DELIVERY_VERBS:
            source = self._source_of(noun.head)  # "she voiced support for …"
        if (
            source is None
            or source.lower_ in ("its",)
            and noun.lemma_ in ("report", "study", "survey", "poll")
        ):
            return None
        speaker = self.actors.resolve(source, prefer=last)
        if speaker is None:
            return None
        start, end = self._subtree_range(pobj)
        return self._make(speaker, noun.text, noun.i, start, end, "object", source.i)

    @cached_property
    def _lines(self) -> list[tuple[int, int, list[Token]]]:
        """Each line that is not boilerplate: where it starts and ends, and its tokens (read
        once for the transcript and headline passes)."""
        d = self.d
        lines = []
        for n, line_start in enumerate(d.line_starts[:-1]):
            line_end = d.line_starts[n + 1] - 1
            span = self.doc.char_span(line_start, line_end, alignment_mode="expand")
            if span is not None and span.start not in d.skip_tokens:
                lines.append((line_start, line_end, [t for t in span if not t.is_space]))
        return lines

    def _headline_pass(self) -> None:
        """ "Name: content" and "content — Name" lines (headlines, interview captions), when
        no cue in the line was read already."""
        taken = [(c.start, c.end) for c in self.claims]
        lines = self._lines
        for n, (line_start, line_end, tokens) in enumerate(lines):
            if line_end - line_start < 8 or any(line_start <= s < line_end for s, _ in taken):
                continue
            post = self._signed_post(lines[n - 1][2], tokens) if n > 0 else None
            claim = (
                post
                or self._answer_form(tokens)
                or self._quoted_headline(line_start, line_end)
                or self._colon_form(tokens)
                or self._dash_form(tokens)
            )
            if claim is not None:
                self.claims.append(claim)

    def _signed_post(self, post: list[Token], signature: list[Token]) -> ClaimDraft | None:
        """An embedded post: its text, then a line signing it as social networks print it,
        "— Name (@handle) date". The post is its author's own words."""
        if len(signature) < 4 or signature[0].text not in ("—", "–", "―", "-") or not post:
            return None
        name = []
        for t in signature[1:]:
            if t.text == "(":
                break
            name.append(t)
        handle = signature[len(name) + 1 :]
        if not 1 <= len(name) <= 4 or not all(t.is_title for t in name) or not handle:
            return None
        if not any(t.text.startswith("@") for t in handle[:3]):
            return None
        if any(post[0].idx <= c.start < post[-1].idx + len(post[-1]) for c in self.claims):
            return None
        speaker = self.actors.resolve_name(name, new_person=True)
        if speaker is None:
            return None
        claim = self._make(
            speaker, signature[0].text, signature[0].i, post[0].i, post[-1].i + 1, "headline", name[-1].i
        )
        if claim is not None:
            claim.direct = True
        return claim

    def _label_pass(self) -> None:
        """Transcripts: a paragraph opening with a speaker label in capitals ("PENCE: …",
        "MINISTER HALL: …", also inside the marks of a quoted transcript) is that speaker's
        turn, a direct claim like an interview's answer."""
        for _, _, tokens in self._lines:
            claim = self._turn(tokens)
            if claim is not None:
                self.claims.append(claim)

    def _turn(self, tokens: list[Token]) -> ClaimDraft | None:
        while tokens and tokens[0].is_quote:
            tokens = tokens[1:]
        colon = next((k for k, t in enumerate(tokens[:4]) if t.text == ":"), 0)
        label = tokens[:colon]
        if not label or len(tokens) - colon < 4 or not all(t.is_upper and len(t.text) > 1 for t in label):
            return None
        cue = " ".join(t.text for t in label)
        if normalize_name(cue) in self.lex.labels:
            return None  # "BREAKING:", "UPDATE:"
        speaker = self.actors.resolve_label(label)
        if speaker is None:
            return None
        return self._turn_claim(speaker, label, tokens[colon + 1 :])

    def _turn_claim(self, speaker: ActorDraft, label: list[Token], content: list[Token]) -> ClaimDraft | None:
        """A labelled turn: the words after the label, without the closing mark and full stop
        (a "?" stays)."""
        while content and (content[-1].is_quote or content[-1].text in (".", ",", ";", ":")):
            content = content[:-1]
        if not content:
            return None
        cue = " ".join(t.text for t in label) + ":"
        cstart, cend = self.d.char_span(content[0].i, content[-1].i + 1)
        return ClaimDraft(speaker, cue, label[0].i, True, cstart, cend, "turn", 0.8)

    @cached_property
    def _line_labels(self) -> dict[str, int]:
        """How many lines open with each "Label:" of up to three words: an interview printed
        with names as labels ("Obradović: …") repeats its interviewee's."""
        counts: dict[str, int] = {}
        for _, _, tokens in self._lines:
            colon = next((k for k, t in enumerate(tokens[:4]) if t.text == ":"), 0)
            if colon:
                label = " ".join(t.text for t in tokens[:colon])
                counts[label] = counts.get(label, 0) + 1
        return counts

    def _answer_form(self, tokens: list[Token]) -> ClaimDraft | None:
        """ "A: …" in an interview is the interviewee's answer: the person the article is
        about (its most mentioned so far). "Q: …" lines are the interviewer's."""
        if len(tokens) < 4 or tokens[0].text not in ("A", "A.") or tokens[1].text not in (":", "."):
            return None
        if tokens[0].text == "A." and tokens[1].text == ".":
            return None
        speaker = self.actors.most_mentioned_person(tokens[0].i)
        if speaker is None:
            return None
        start, end = tokens[2].i, tokens[-1].i + 1
        cstart, cend = self.d.char_span(start, end)
        return ClaimDraft(speaker, "A:", tokens[0].i, True, cstart, cend, "quote", 0.7)

    def _quoted_headline(self, line_start: int, line_end: int) -> ClaimDraft | None:
        """ "‘The time for caution is over’: Hollis urges …", "‘A first step, not a last
        one’: capitals greet …": a headline opening with a quote and a colon. The quote is
        said by whoever says it in the story below, else by the subject after the colon
        ("Hollis", "Serbia's foreign minister on sanctions …")."""
        quote = next((q for q in self.d.quotes if q.outer_start == line_start and q.closed), None)
        if quote is None or not self.text[quote.outer_end : line_end].lstrip().startswith(":"):
            return None
        said = self.text[quote.start : quote.end].rstrip(",.!?").casefold()
        body = self.text.casefold().find(said, line_end) if len(said.split()) >= 3 else -1
        repeated = next((c for c in self.claims if c.start <= body < c.end and c.speaker), None)
        speaker = (
            repeated.speaker if repeated is not None else self._subject_after_colon(quote.outer_end, line_end)
        )
        if speaker is None:
            return None
        cue = self.doc[self._token_at(quote.outer_end) or 0]
        return ClaimDraft(speaker, ":", cue.i, True, quote.start, quote.end, "headline", 0.7)

    def _subject_after_colon(self, after: int, line_end: int) -> ActorDraft | None:
        """The actor a headline names after its colon: the subject of its verb ("Hollis
        urges …") or, with no verb, the phrase itself ("Serbia's foreign minister on …")."""
        span = self.doc.char_span(after, line_end, alignment_mode="contract")
        if span is None:
            return None
        verb = next((t for t in span if t.pos_ in ("VERB", "AUX")), None)
        if verb is not None:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        else:
            subject = span.root
        if subject is None or subject.pos_ not in ("NOUN", "PROPN") or is_plural(subject):
            return None  # "capitals greet …", "Europe's papers weigh …": no one speaker
        return self.actors.resolve(subject)

    def _colon_form(self, tokens: list[Token]) -> ClaimDraft | None:
        for i, t in enumerate(tokens[:8]):
            if t.text != ":":
                continue
            name = tokens[:i]
            # "Clinton to Planned Parenthood: …" names the speaker and the audience.
            to = next((k for k, x in enumerate(name) if x.lower_ == "to" and k > 0), None)
            if to is not None:
                name = name[:to]
            rest = tokens[i + 1 :]
            if any(
                x.pos_ in ("VERB", "AUX") and self.lex.lemma(x) not in self.lex.speech_verbs for x in name
            ):
                return None  # "The province wanted three things from Ottawa: …" is no label
            if to is None and name and self._line_labels.get(" ".join(x.text for x in name), 0) >= 2:
                # An interview printed with labels ("Danube Review: …", "Marković: …"): the
                # person's turns are direct claims, the outlet's questions none.
                person = self.actors.resolve_label(name)
                return self._turn_claim(person, name, rest) if person is not None else None
            speaker = None
            if name and name[-1].is_lower and self.actors.is_title(name[-1]):
                # "Rautkoski mayor: …": the holder of the role the story names, not the town
                speaker = self.actors.resolve(name[-1])
            if speaker is None:
                speaker = self.actors.resolve_name(name) if name else None
            if speaker is None or len(rest) < 3 or self.d.quote_of_token[name[0].i] >= 0:
                return None
            if len(rest) > 3 and rest[0].is_quote and rest[-1].is_quote:
                # "Rautkoski mayor: 'Keep the border shut …'": headlines quote in single marks
                claim = self._make(speaker, ":", t.i, rest[1].i, rest[-1].i, "headline", name[-1].i)
                if claim is not None:
                    claim.direct = True
                return claim
            return self._make(speaker, ":", t.i, rest[0].i, rest[-1].i + 1, "headline", name[-1].i)
        return None

    def _dash_form(self, tokens: list[Token]) -> ClaimDraft | None:
        """ "content — Name" and, in live blogs, "“quote” — Title Name, role at Place"."""
        for i in range(len(tokens) - 2, 1, -1):
            t = tokens[i]
            # The tokenizer glues a dash to the closing mark before it ("”―").
            glued = len(t.text) == 2 and t.text[0] in '”"’' and t.text[1] in "—–―"
            if not (t.text in ("—", "–", "―") or glued or (t.text == "-" and t.whitespace_)):
                continue
            tail = tokens[i + 1 :]
            comma = next((k for k, x in enumerate(tail) if x.text == ","), len(tail))
            name = [x for x in tail[:comma] if not x.is_punct]
            if not name or len(name) > 6 or (comma == len(tail) and len(tail) > 7):
                return None
            # The name is the capitalised run that ends the phrase: "Polish Defence Minister
            # [Tomasz Wielgosz]"; a role after a comma ("…, senior fellow at …") vouches for it.
            # So does a whole quote before the dash: "“…” ― Carla Sanchez" signs the quote.
            signed_quote = tokens[0].is_quote and (glued or tokens[i - 1].is_quote)
            vouched = comma < len(tail) or signed_quote or any(self.actors.is_title(x) for x in name)
            speaker = self.actors.resolve_name(name, new_person=vouched) or self._named_below(name[-1])
            if speaker is None:
                return None
            return self._make(speaker, t.text, t.i, tokens[0].i, t.i, "headline", name[-1].i)
        return None

    def _named_below(self, role: Token) -> ActorDraft | None:
        """ "Swiss ready to host talks - ministry": a headline names its source by a role
        only; the story under it names who that is ("the Swiss foreign ministry said")."""
        lemma = role.lemma_.casefold()
        if not role.is_lower or (lemma not in self.lex.organization_nouns and not self.actors.is_title(role)):
            return None
        for t in self.doc[role.i + 1 : role.i + 80]:
            if (
                t.lemma_.casefold() == lemma
                and t.dep_ == "nsubj"
                and self.lex.lemma(t.head) in self._cue_verbs
            ):
                return self.actors.resolve(t)
        return None

    def _make(
        self,
        speaker: ActorDraft,
        cue: str,
        cue_token: int,
        start: int,
        end: int,
        kind: str,
        source: int | None,
    ) -> ClaimDraft | None:
        start, end = self._trim(start, end)
        if end <= start:
            return None
        cstart, cend = self.d.char_span(start, end)
        cstart = self.d.after_dateline(cstart)
        if cstart >= cend:
            return None
        qi = self.d.quote_of_token[end - 1]
        if qi >= 0:
            # Content ending inside a quote it opened ends with it, closing mark and all:
            # said the state is "spiraling out of control." -> up to the mark; said he
            # fought "for our rights, knowing …" -> the parser's cut at the comma undone.
            quote = self.d.quotes[qi]
            if cstart <= quote.outer_start and (
                quote.end - cend <= 2 or (quote.closed and quote.paragraphs == 1)
            ):
                cend = quote.outer_end
        cstart = self._after_colon_intro(cstart, cend, cue_token)
        direct, cstart, cend = self._as_quote(cstart, cend)
        if (
            not direct
            and end - start < 2
            and not (kind == "object" and self.doc[start].pos_ in ("PROPN", "NOUN", "PRON"))
        ):
            return None  # a one-word clause is a parse accident; a one-word object is a name
        confidence = {
            "speech": 0.8,
            "according": 0.8,
            "object": 0.6,
            "cognition": 0.55,
            "noun": 0.6,
            "headline": 0.7,
        }.get(kind, 0.5)
        if direct:
            confidence = 0.9
        if not speaker.named:
            confidence -= 0.1
        return ClaimDraft(speaker, cue, cue_token, direct, cstart, cend, kind, round(confidence, 2), source)

    def _after_colon_intro(self, start: int, end: int, cue_token: int) -> int:
        """Where the content begins when a colon introduces the quote the cue follows:
        "Sen. Ruiz scolded him: “…,” she said." The parser may hang the clause before
        the colon on the quote; it is the writer's introduction, not what "said" says."""
        cue_at = self.doc[cue_token].idx
        for q in self.d.quotes:
            if start < q.outer_start and q.end <= end and q.outer_end <= cue_at:
                if self.text[start : q.outer_start].rstrip().endswith(":"):
                    return q.outer_start
        return start

    def _as_quote(self, start: int, end: int) -> tuple[bool, int, int]:
        """A content that is mostly a quote is the quote: the whole of it, all its sentences."""
        inside = [q for q in self.d.quotes if q.start < end and q.end > start and not q.single]
        if not inside:
            return False, start, end
        covered = sum(min(q.end, end) - max(q.start, start) for q in inside)
        # Reported speech with a quoted fragment ("said the plan was “a disaster” for
        # farmers", "called the deal “a disaster”") stays reported; only content that opens
        # with the quote and is mostly quote becomes the quote.
        opens_with_quote = inside[0].start <= start + 1
        if opens_with_quote and covered >= 0.85 * (end - start):
            direct = not self._embedded(inside[0].outer_start)
            return direct, min(q.start for q in inside), max(q.end for q in inside)
        return False, start, end

    def _embedded(self, mark: int) -> bool:
        """The quote opening at ``mark`` follows "that" or "to": the words are quoted inside
        reported speech ("said that “…”"), which stays reported speech."""
        words = self.text[max(0, mark - 12) : mark].split()
        return bool(words) and words[-1].casefold().rstrip(",") in _EMBEDDING_WORDS

    # --- pass 2: quotes no cue took ----------------------------------------------------------

    def _quote_pass(self) -> None:
        d = self.d
        direct_spans = [(c.start, c.end) for c in self.claims if c.direct]
        reported = [(c.start, c.end) for c in self.claims if not c.direct]
        for q in d.quotes:
            if q.single or (q.words(self.text) < 4 and not self._whole_short_utterance(q)):
                continue
            if any(s <= q.start and q.end <= e for s, e in direct_spans):
                continue
            if any(s <= q.start < e for s, e in reported):
                continue  # a quoted fragment of reported speech
            if any(q.start <= c.start < q.end for c in self.claims if c.kind == "turn"):
                continue  # a quoted transcript: its turns are the claims
            first = self._token_at(q.start)
            if first is None or first in d.skip_tokens:
                continue
            claim = self._attribute_quote(q.start, q.end, q.outer_start, q.outer_end)
            if claim is not None:
                self.claims.append(claim)
                direct_spans.append((claim.start, claim.end))

    def _whole_short_utterance(self, q: Quote) -> bool:
        """A short quote that is a sentence of its own, opening its sentence and closed by
        its own punctuation ("“Answer the question!” a member called out"), not a quoted
        phrase ("called it “a sham”")."""
        inner = self.text[q.start : q.outer_end].rstrip("”\"’' ")
        lead = self.text[max(0, q.outer_start - 80) : q.outer_start]
        before = lead.rstrip()
        opens = not before or before.endswith((".", "!", "?", ":")) or "\n" in lead[len(before) :]
        return opens and inner.endswith((",", "!", "?", "."))

    def _token_at(self, char: int) -> int | None:
        return self.d.token_at(char)

    def _attribute_quote(self, start: int, end: int, outer_start: int, outer_end: int) -> ClaimDraft | None:
        doc = self.doc
        line_start, line_end = self.d.line_bounds(outer_start)
        # A cue right after the quote, in the rest of its sentence: "“…,” she said."
        # A quote ending in "?" or "!" ends its sentence for the parser, so the cue may sit
        # in the next one: "“Is that all?” she said."
        after = self._token_at(outer_end - 1)
        if after is not None:
            stop = doc[after].sent.end
            ends_asking = self.text[start:end].rstrip().endswith(("?", "!"))
            if stop <= after + 1 and stop < len(doc) and doc[stop].idx <= line_end and ends_asking:
                stop = min(doc[stop].sent.end, stop + 5)
            for t in doc[after + 1 : stop]:
                if self.d.quote_of_token[t.i] >= 0:
                    break
                cue = self._quote_cue(t, after_quote=True, quote_end=after)
                if cue is not None and self._inside_demand(outer_start):
                    return None  # "appealed to farmers to lift it “before someone gets hurt”, but said …"
                if cue is not None:
                    claim = self._direct(cue[0], cue[1], start, end)
                    lead = self._clause_before_quote(outer_start)
                    if lead is not None:
                        claim.start, claim.end, claim.direct = lead, outer_end, False
                    return claim
        # A cue before the quote on the same line: "He said: “…”".
        before = self._token_at(outer_start)
        if before is not None:
            sent = doc[before].sent
            for t in reversed(doc[max(sent.start, before - 12) : before]):
                if t.idx < line_start or self.d.quote_of_token[t.i] >= 0:
                    break
                cue = self._quote_cue(t, after_quote=False)
                if cue is not None and self._is_demand_use(t, self.lex.lemma(t)):
                    return None  # "urged them to act “tomorrow, not next month”": part of a demand
                if cue is not None:
                    claim = self._direct(cue[0], cue[1], start, end)
                    claim.direct = not self._embedded(outer_start)
                    return claim
        # A quote opening the paragraph after an introduction ending in a colon: "She set
        # out the position at length:".
        if not self.text[line_start:outer_start].strip() and line_start >= 2:
            intro = self._colon_intro(line_start)
            if intro is not None:
                return self._direct(intro[0], intro[1], start, end)
        # A quote split by its cue, or continuing the previous one.
        previous = [c for c in self.claims if c.start < start and c.speaker is not None]
        if not previous:
            return None
        last = max(previous, key=lambda c: c.start)
        opens_paragraph = not self.text[line_start:outer_start].strip()
        same_line = line_start <= last.start <= line_end
        if same_line and last.direct:
            return ClaimDraft(last.speaker, last.cue, last.cue_token, True, start, end, "quote", 0.8)
        # A claim nested in the last one ("said most voters never see the numbers") is not
        # where the speaker's words end.
        outer = max(
            (
                c
                for c in previous
                if not any(
                    o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start
                    for o in previous
                )
            ),
            key=lambda c: c.start,
        )
        if (
            line_start <= outer.start <= line_end
            and outer.kind == "speech"
            and self._follows_cue_sentence(outer, outer_start)
        ):
            # "Lund said the plan was dead. “We will not sign it.”": a quote opening the
            # sentence after the speaker's reported words is more of the same speaker.
            return ClaimDraft(outer.speaker, "", outer.cue_token, True, start, end, "continuation", 0.7)
        if opens_paragraph and self.d.line_of(last.start) >= self.d.line_of(start) - 4 and last.direct:
            return ClaimDraft(last.speaker, "", last.cue_token, True, start, end, "continuation", 0.6)
        previous_end = line_start  # the end of the last paragraph before, blank lines skipped
        while previous_end > 0 and self.text[previous_end - 1].isspace():
            previous_end -= 1
        previous_line = self.d.line_of(previous_end - 1)
        if (
            opens_paragraph
            and outer.kind == "speech"
            and self.d.line_of(outer.start) == previous_line
            and self._follows_cue_sentence(outer, outer_start)
        ):
            # "Lund said the plan was dead.\n\n“We will not sign it.”": the paragraph before
            # ends with the speaker's reported words, and the quote goes on with them.
            return ClaimDraft(outer.speaker, "", outer.cue_token, True, start, end, "continuation", 0.6)
        return None

    def _inside_demand(self, mark: int) -> bool:
        """The quote opening at ``mark`` ends a demand of its sentence: a verb used as a
        demand ("urged X to …", "appealed to X to …") comes before it in the sentence."""
        first = self._token_at(mark)
        if first is None:
            return False
        return any(
            t.pos_ == "VERB" and self._is_demand_use(t, self.lex.lemma(t))
            for t in self.doc[self.doc[first].sent.start : first]
        )

    def _follows_cue_sentence(self, claim: ClaimDraft, mark: int) -> bool:
        """The quote opening at ``mark`` starts the sentence right after the claim, with at
        most the claim's own cue between them ("…,” she said. “…"), on the same line or
        the next paragraph."""
        between = self.text[claim.end : mark].strip()
        ending = between.rstrip("”\"’'")
        return (
            claim.end <= mark
            and ending.endswith((".", "!", "?"))
            and not any(stop in ending[:-1] for stop in ".!?")
            and len(between.split()) <= 4
        )

    def _clause_before_quote(self, mark: int) -> int | None:
        """Where the source's clause begins when the quote before the cue only ends it:
        "Switzerland is ready to host talks “at whatever level the parties choose,” the
        ministry said." The words before the mark are reported speech quoting the source,
        one claim. Not an opening phrase ("In Geneva, “…,” she said") and not a colon."""
        doc = self.doc
        first = self._token_at(mark)
        if first is None:
            return None
        line_start, _ = self.d.line_bounds(mark)
        begin = max(doc[first].sent.start_char, self.d.after_dateline(line_start))
        lead = self.text[begin:mark]
        if len(lead.split()) < 3 or lead.rstrip()[-1:] in (",", ":", "—", "–", "-"):
            return None
        words = [t for t in doc[self._token_at(begin) or 0 : first] if not t.is_space]
        if any(
            self.d.in_quote(t) or t.is_quote or (t.pos_ == "VERB" and self.lex.lemma(t) in self._cue_verbs)
            for t in words
        ):
            return None  # another quote, or a cue of its own ("X called Y “…” and demanded")
        if not any(t.pos_ in ("VERB", "AUX") and is_finite(t) for t in words):
            return None
        return words[0].idx if words else None

    def _colon_intro(self, line_start: int) -> tuple[Token, ActorDraft] | None:
        """The speaker of a previous line that ends with a colon, from its main verb."""
        before = self.text[:line_start].rstrip()
        if not before.endswith(":"):
            return None
        last = self._token_at(len(before) - 1)
        if last is None:
            return None
        root = self.doc[last].sent.root
        source = self._source_of(root)
        if source is None:
            return None
        speaker = self.actors.resolve(source, prefer=self._last_speaker_before(root.idx))
        return (root, speaker) if speaker is not None else None

    def _quote_cue(
        self, token: Token, *, after_quote: bool, quote_end: int | None = None
    ) -> tuple[Token, ActorDraft] | None:
        lemma = self.lex.lemma(token)
        # After a quote, demand verbs report speech too: "“Why not?” Vitter demanded." Before
        # one, they introduce what is demanded: "called on Moscow to stop “immediately”".
        # "As one diplomat put it, “…”", "Pruitt put it this way:": an idiom of saying.
        put_it = lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
        if token.pos_ not in ("VERB", "AUX") or not (
            lemma in self.lex.speech_verbs
            or lemma in self.lex.cognition_verbs
            or (lemma in self.lex.demand_verbs and after_quote)
            or put_it
        ):
            return None
        source = self._source_of(token)
        if quote_end is not None and source is None:
            # "“…,” Flynn, a top surrogate, said on “Fox and Friends”": the parser hung the
            # name on the quote and took a title in marks (which _source_of refuses) for the
            # subject.
            source = self._name_between(quote_end + 1, token.i)
        if source is None:
            return None
        speaker = self.actors.resolve(source, prefer=self._last_speaker_before(token.idx))
        if speaker is None:
            return None
        return token, speaker

    def _name_between(self, start: int, cue: int) -> Token | None:
        """The name opening the words between a closing quote and its cue, if they hold
        nothing but that name and its description ("Flynn, a top surrogate,")."""
        words = [t for t in self.doc[start:cue] if not (t.is_punct or t.is_space)]
        if (
            not words
            or words[0].pos_ not in ("PROPN", "PRON")
            or any(t.pos_ in ("VERB", "AUX") for t in words)
        ):
            return None
        name = words[0]
        while name.i + 1 < cue and self.doc[name.i + 1].pos_ == "PROPN":
            name = self.doc[name.i + 1]
        return name

    def _last_speaker_before(self, char: int) -> ActorDraft | None:
        best = None
        for c in self.claims:
            if c.start < char and c.speaker is not None and (best is None or c.start > best.start):
                best = c
        return best.speaker if best else None

    def _direct(self, cue: Token, speaker: ActorDraft, start: int, end: int) -> ClaimDraft:
        confidence = 0.9 if speaker.named else 0.75
        source = self._source_of(cue)
        return ClaimDraft(
            speaker,
            self._cue_text(cue),
            cue.i,
            True,
            start,
            end,
            "quote",
            confidence,
            source.i if source is not None else None,
        )

    # --- pass 3: nesting ----------------------------------------------------------------------

    def _chain(self, outer: ClaimDraft, inner: ClaimDraft) -> bool:
        """ "He said both governments had assured him they did not want a conflict": what is
        reported is the inner source's speech, so the claim is theirs."""
        cue = self.doc[inner.cue_token]
        if not (
            outer.kind == "speech"
            and inner.kind == "speech"
            and inner.speaker is not None
            and inner.speaker is not outer.speaker
            and self.lex.lemma(cue) in _TELLING
        ):
            return False
        # told to someone ("had told her", "told his counterpart"), not "tells so many lies";
        # and what was told is the telling verb's own complement
        told = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if told is None or not (told.pos_ == "PRON" or self.actors.resolve(told) is not None):
            return False
        first = self._token_at(inner.start)
        node = self.doc[first] if first is not None else cue
        while node.head.i != cue.i and node.head.i != node.i:
            node = node.head
        return node.head.i == cue.i and node.dep_ == "ccomp" and node.i != cue.i

    def _settle_nesting(self) -> None:
        """One claim per content: an attribution inside another's content is dropped, except
        that a media cue ("reported", "quoted") yields to the source it relays."""
        keep: list[ClaimDraft] = []
        claims = sorted(self.claims, key=lambda c: (c.start, -(c.end - c.start)))
        dropped: set[int] = set()
        cue_chars = {id(c): self.doc[c.cue_token].idx for c in claims}
        for outer in claims:
            if id(outer) in dropped:
                continue
            for inner in claims:
                if inner is outer or id(inner) in dropped:
                    continue
                at = cue_chars[id(inner)]
                outer_end = max(outer.end, outer.scope_end or 0)
                if not (
                    outer.start <= at < outer_end
                    and outer.start <= inner.start
                    and inner.end <= outer_end + 2
                ):
                    continue
                if outer.direct:
                    dropped.add(id(inner))  # speech inside a quote is the quoted speaker's own
                elif (
                    outer.kind == "object"
                    and inner.kind in ("noun", "speech")
                    and inner.speaker is not outer.speaker
                ):
                    continue  # "rejected the minister's claim that …": two sources, two claims
                elif self.doc[outer.cue_token].lemma_ in MEDIA_CUES and inner.kind in ("speech", "quote"):
                    dropped.add(id(outer))
                    break
                elif self._chain(outer, inner):
                    dropped.add(id(outer))
                    break
                else:
                    dropped.add(id(inner))
        for c in claims:
            if id(c) not in dropped:
                keep.append(c)
        # Two cues over the same content (a verb and its conjunct): keep the first.
        unique: list[ClaimDraft] = []
        seen: set[tuple[int, int]] = set()
        for c in keep:
            if (c.start, c.end) in seen:
                continue
            seen.add((c.start, c.end))
            unique.append(c)
        self.claims = unique
