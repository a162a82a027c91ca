"""Coreference: which actor a source phrase stands for.

"he" and "she" (gender learned from the article, recency, the main clause's subject, the
last speaker after a quote, never a name inside a quote or a reported claim), "they" and
"it", "who", role mentions ("the minister", "the Russian president", "its spokesman" before
the name appears), organisations by their kind ("the alliance", "the ministry"), "both
sides", documents for their issuer, and sources known only by description ("a senior
official", "42 percent of voters").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimdb.extract.actors import PERSONAL_PRONOUNS, ActorDraft, ActorRegistry
from claimdb.extract.names import NAME_PUNCT, normalize_name
from claimdb.extract.syntax import is_plural, object_of, source_of, tree_depth

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLURAL_PRONOUNS = {"they", "them"}
NEUTER_PRONOUNS = {"it"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Names of one signed document: "a joint statement", "the text", "the communique".
_DOCUMENT_NAMES = frozenset({"statement", "text", "communique", "communiqué", "declaration", "draft"})
# Possessives resolved like their pronoun: "Its foreign ministry" is the ministry of what "it" is.
_POSSESSIVE_FORMS = {"its": "it", "their": "they", "his": "he"}
# What speaks in a person's name when not named itself: "his office", "her spokesperson".
_SPEAKING_FOR = frozenset({"office", "spokesman", "spokeswoman", "spokesperson"})
_SIDES = {
    "side",
    "country",
    "government",
    "delegation",
    "party",
    "capital",
    "army",
    "nation",
    "neighbour",
    "neighbor",
}
# Sides that are people: "Both candidates said …" after "Dragomir and Pătrașcu".
_PERSON_SIDES = {"candidate", "leader", "man", "woman", "president", "minister"}
_SHARES = {
    "percent",
    "%",
    "number",
    "majority",
    "minority",
    "half",
    "quarter",
    "third",
    "handful",
    "dozen",
    "hundred",
    "thousand",
    "million",
    "share",
    "proportion",
    "fraction",
    "plurality",
    "most",
    "rest",
}
_QUANTIFIERS = {
    "some",
    "many",
    "most",
    "others",
    "several",
    "few",
    "all",
    "both",
    "those",
    "these",
    "one",
    "each",
    "half",
    "majority",
    "minority",
}
_NP_LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "advmod", "case", "predet"}
_NP_RIGHT_PREPS = {"of", "for", "at", "from", "with", "in", "to"}


class ActorTable(ActorRegistry):
    """The article's actors, able to say whom a phrase refers to."""

    def __init__(
        self,
        doc: Doc,
        skip_tokens: set[int],
        quoted_tokens: set[int] | None = None,
        dateline_places: Sequence[tuple[int, str]] = (),
    ) -> None:
        super().__init__(doc, skip_tokens, quoted_tokens, dateline_places)
        self._chain_pronouns()

    def _chain_pronouns(self) -> None:
        """Resolve every "he"/"she"/"they" that is the subject of a clause, in reading order,
        so that a later "he said" can follow the chain ("Ham … He had misgivings … he told
        the host") instead of jumping to the last name in between."""
        for token in self.doc:
            if (
                token.dep_ in ("nsubj", "nsubjpass")
                and token.lower_ in PERSONAL_PRONOUNS
                and token.i not in self._quoted
                and token.i not in self._skip
            ):
                actor = self._resolve_pronoun(token, None)
                if actor is not None:
                    self._add_reference(token.i, actor, True)

    def actor_at(self, token: Token) -> ActorDraft | None:
        return self._token_actor.get(token.i)

    def addressee(self, token: Token) -> ActorDraft | None:
        """Like :meth:`resolve`, for the actor a demand is made of; never a date."""
        if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"):
            return None
        return self.resolve(token)

    def resolve(
        self, token: Token, *, prefer: ActorDraft | None = None, possessive: bool = False
    ) -> ActorDraft | None:
        """The actor a source phrase headed by ``token`` refers to.

        ``prefer`` is the speaker of the previous claim, the strongest antecedent for "he
        said" after a quote. With ``possessive``, "its", "his", "their" are resolved too,
        for callers reading an owner ("among its conditions", "in his view"); elsewhere a
        possessive heads no source ("his inability to resist …" is no one's speech).
        """
        doc = self.doc
        if token.i in self._skip:
            # "ANKARA – President Selim Karaağaç declared …": the parser took the dateline
            # for the subject and the speaker for its apposition.
            appos = next((c for c in token.children if c.dep_ == "appos"), None)
            return self.resolve(appos, prefer=prefer) if appos is not None else None
        low = token.lower_
        if (
            low in ("neither", "none", "no", "nobody", "noone")
            or any(c.dep_ == "det" and c.lower_ in ("neither", "no") for c in token.children)
        ) and normalize_name(doc[token.left_edge.i : token.i + 1].text) not in self.gaz.capitals:
            return None  # "neither delegation spoke": no one is the source ("No 10 said" is one)
        described = low in _QUANTIFIERS and (
            low in ("others", "many", "some", "most")
            or any(c.dep_ in ("prep", "acl", "relcl", "amod") for c in token.children)
        )  # "some of his allies", "those surveyed", "many": a described source
        if not described and (token.pos_ == "PRON" or low in PERSONAL_PRONOUNS or low in PLURAL_PRONOUNS):
            if low in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
                return self.resolve(self._relative_antecedent(token.head.head), prefer=prefer)
            first = self._same_pronoun_before(token)
            if first is not None:
                return self.resolve(first, prefer=prefer, possessive=possessive)
            if low == "it" and (document := self._document_subject_before(token)) is not None:
                return self.resolve(document)  # "The text does not name China. It states …"
            actor = self._resolve_pronoun(token, prefer, possessive=possessive)
            if actor is not None:
                self._refer(actor, token.i, token.i + 1)
            return actor
        start, end = self.noun_phrase(token)
        lemma = token.lemma_.casefold()
        if lemma in _SIDES | _PERSON_SIDES and any(c.lower_ in ("both", "two") for c in token.children):
            # "both sides said": the pair the article last coordinated ("Russia and Ukraine").
            pair = self._last_pair(token.i, people=lemma in _PERSON_SIDES)
            if pair is not None:
                self._refer(pair, start, end, alias=False)
                return pair
        if lemma in self.lex.information_sources:
            # "a statement from the UAE foreign ministry said", then "the statement urged":
            # a document speaks for whoever issued it.
            owner = object_of(token, ("from", "by"))
            if owner is None and lemma in _DOCUMENT_NAMES:
                owner = self._put_forward_by(token)  # a position paper, not a study "released by"
            if owner is not None and (issuer := self.resolve(owner)) is not None:
                self._issuers[lemma] = issuer
                return issuer
            # "a competing Russian draft": the state that tabled it
            demonym = next(
                (c for c in token.lefts if c.dep_ == "amod" and c.lower_ in self.gaz.demonyms), None
            )
            if owner is None and demonym is not None:
                state = self._state(self.gaz.demonyms[demonym.lower_])
                self._refer(state, start, end, alias=False)
                return state
            # "the statement", "the four-page text"; not "recent polls", "other studies".
            modifiers = ("det", "amod", "compound", "nummod") if lemma in _DOCUMENT_NAMES else ("det",)
            if owner is None and all(c.dep_ in modifiers for c in token.lefts):
                if lemma not in self._issuers and (reader := self._who_delivered(token)) is not None:
                    self._issuers[lemma] = reader
                if lemma in self._issuers:
                    return self._issuers[lemma]
        # A name inside the phrase: "Polish presidential spokesman Adam Nowicki", or in
        # apposition: "a spokeswoman for the union, Maria Lopez,", which the parser may hang
        # on the role's own object ("the member for Moorabool West, Tomás Reyes,").
        appositions = [c for c in token.children if c.dep_ == "appos"]
        if self._is_role_word(token):
            appositions += [
                name
                for prep in token.children
                if prep.dep_ == "prep"
                for obj in prep.children
                if obj.dep_ == "pobj"
                for name in obj.children
                if name.dep_ == "appos" and name.pos_ == "PROPN" and name.i > obj.i
            ]
        for child in appositions:
            a = self._token_actor.get(child.i)
            if a is not None and a.kind == "person":
                return a
            if a is not None and a.kind == "organization" and a.named and not self._is_role_word(token):
                # "Kazakhstan's business lobby, the National Chamber of Entrepreneurs,": the
                # body named in apposition, not the state that owns the description
                self._refer(a, start, end, alias=False)
                return a
            if a is None and self._is_role_word(token) and child.pos_ == "PROPN" and child.is_title:
                # "The head of the OSCE mission, Bettina Aurell,": a name in apposition to a
                # role is a person's, whether or not the recogniser saw it.
                name_start = self._name_start(child)
                person = self._find_person(
                    normalize_name(self.doc[name_start : child.i + 1].text).split(),
                    at=self.doc[name_start].idx,
                )
                person = person or self._actor(self.doc[name_start : child.i + 1].text, "person")
                self._count_name_form(person, NAME_PUNCT.sub("", self.doc[name_start : child.i + 1].text))
                self._mention(person, name_start, child.i + 1)
                self._learn_role(person, self.doc[start:end].text, list(self.doc[start:end]))
                return person
        actor = self._token_actor.get(token.i)
        if actor is not None:
            if actor.kind == "country" or actor.kind == "person" or actor.named:
                self._refer(actor, start, end, alias=actor.kind != "person")
            return actor
        if token.lemma_.casefold() in self.lex.body_nouns and not is_plural(token):
            # A paper or a company by its trade: its own name in apposition ("Serbia's main
            # importer, Balkan Gas Trading, said"), else, for "the paper", "the Lyon daily",
            # "the company", the one the last sentences were about ("a paper" is new).
            body = self._named_body(token)
            if body is None and all(
                c.dep_ in ("det", "amod", "compound") and c.lower_ not in ("a", "an", "another")
                for c in token.lefts
            ):
                body = self._named_body_before(token)
            if body is not None:
                self._refer(body, start, end, alias=False)
                return body
        for i in range(start, end):
            a = self._token_actor.get(i)
            if (
                a is not None
                and a.kind == "person"
                and doc[i].head.i == token.i
                and doc[i].dep_ == "compound"
            ):
                return a
        text = doc[start:end].text
        key = normalize_name(text)
        country = self.gaz.capitals.get(key) or self.gaz.names.get(key)
        if country is None:
            country = self._state_phrase(token)
            if country is not None:
                self._state(country).roles.add(token.lemma_.casefold())
        by_pronoun = False  # "his government" is no name to keep as an alias
        if country is None and token.lower_ in self.lex.state_nouns:
            # "Khoa said his government wanted …": the state of the person "his" stands for.
            person = self._pronoun_owner(token, ("his", "her"))
            if person is not None:
                country = self._person_state(person)
                by_pronoun = True
                if country is None and person.named:
                    # No state in the title ("Prime Minister Radovan Hrasko"): the person
                    # speaks for the government he leads, closer than an anonymous one.
                    self._refer(person, start, end, alias=False)
                    return person
        if country is None and token.lower_ in _SPEAKING_FOR:
            # "His office has just released it:", "…, his spokesperson told reporters": a
            # person's office or unnamed spokesperson speaks in that person's name
            person = self._pronoun_owner(token, ("his", "her"))
            if person is not None and (person.named or person.kind == "person"):
                self._refer(person, start, end, alias=False)
                return person
        if country is not None:
            actor = self._state(country)
            self._refer(actor, start, end, alias=not by_pronoun)
            return actor
        # "The Ministry notes …": a capitalised body noun is a role below, not a missed name
        capitalised_body = token.lower_ in self.lex.organization_nouns and len(key.split()) == 1
        if (
            token.is_title
            and (token.pos_ == "PROPN" or token.lower_ not in self._lowercase_words)
            and not capitalised_body
        ):
            # A name the recogniser missed ("said Diallo"): a person already named here.
            parts = self._strip_titles(key.split())
            known = self._find_person(parts)
            name_words = [t for t in doc[start:end] if not self._is_title(t) and t.dep_ != "det"]
            run_start = self._name_start(token)
            before = doc[run_start - 1] if run_start > start else None
            if (
                before is not None
                and before.pos_ == "NOUN"
                and before.dep_ == "compound"
                and before.head.i == token.i
            ):
                # "Estonia's PM Vaher": the name is the run of proper nouns after the
                # title-like noun, not the phrase's owner
                name_words = list(doc[run_start : token.i + 1])
            if (
                known is None
                and 1 <= len(name_words) <= 3
                and all(t.pos_ == "PROPN" and t.is_title for t in name_words)
            ):
                if self.gaz.country(text) is None and normalize_name(text) not in self.lex.labels:
                    # A capitalised name speaking that the recogniser missed: a person; with
                    # "the" before it, a body ("The Evening Clarion calls …").
                    definite = any(t.dep_ == "det" and t.lower_ == "the" for t in doc[start:end])
                    known = self._actor(
                        " ".join(t.text for t in name_words), "organization" if definite else "person"
                    )
            if known is not None:
                self._refer(known, start, end, alias=False)
                return known
        lemma = token.lemma_.casefold()
        plural = is_plural(token)
        # "the minister" is someone named before; "ministers", "some leaders" are not.
        # "the minister", "the group's spokesman", "its spokeswoman" point back (or ahead) to
        # a named holder of the role; "the prime minister's office" is a body of its own.
        modifiers_ok = all(
            c.dep_ in ("det", "amod", "compound", "poss", "case")
            # "Czech minister", "Saskatchewan's health minister"
            and (c.pos_ != "PROPN" or self.gaz.country(c.text) is not None or c.ent_type_ == "GPE")
            # "A spokesperson for X", "the other official" are someone new
            and c.lower_ not in ("a", "an", "another", "other")
            for c in token.lefts
            if c.i not in self._skip and not c.is_punct  # "REGINA — Saskatchewan's …": a dateline
        )
        has_owner = any(c.dep_ == "poss" for c in token.lefts)
        owner_state = self._possessing_state(token)  # "Its foreign ministry"
        person_role = self._is_role_word(token) and not plural
        org_role = lemma in self.lex.organization_nouns and (not has_owner or owner_state is not None)
        if modifiers_ok and (person_role or org_role):
            actor = self._resolve_role(token, start, end, owner_state)
            if actor is not None:
                return actor
        if person_role and (person := self._name_after_office(token, start, end)) is not None:
            return person
        if (person := self._epithet_antecedent(token, start)) is not None:
            self._refer(person, start, end, alias=False)
            return person
        # A source known only by description: "a source", "officials", "the campaign", "the
        # report". Not any noun: "a settlement" or "the first step" speak for no one.
        if token.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ", "X") and low not in _QUANTIFIERS:
            return None
        if token.pos_ == "NOUN" and not self._can_speak(token):
            return None
        role_noun = self._described_as(token)
        if low == "one" and role_noun is not None:
            # "One of the four, a Western diplomat in Yerevan, said": named by the description
            text = doc[role_noun.left_edge.i : role_noun.right_edge.i + 1].text
        if token.pos_ == "PROPN" and lemma in self.lex.organization_nouns:
            # "The Dock and Harbour Workers' Union" missed by the recogniser: a named body.
            actor = self._actor(NAME_PUNCT.sub("", text), "organization")
        else:
            actor = self._actor(
                NAME_PUNCT.sub("", text), "group" if is_plural(token) else "other", named=False
            )
            actor.plural = is_plural(token)
            if not actor.plural:
                one_of = self._one_person(token)  # "One of the two officials" is "the official"
                if one_of is not None:
                    actor.roles.add(one_of)
                if one_of is not None or self._is_role_word(token):
                    actor.kind = "person"
        actor.roles.add(lemma)  # so that a later "the union" finds it
        self._refer(actor, start, end)
        return actor

    def _name_after_office(self, role: Token, start: int, end: int) -> ActorDraft | None:
        """ "President of the Republic Selim Karaağaç", where the recogniser took the name into
        the office: the last two of three or more capitalised words after "of" are a
        person's name."""
        of = next((c for c in role.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            return None
        run: list[Token] = []
        for t in self.doc[of.i + 1 : end]:
            if t.is_title and t.pos_ == "PROPN":
                run.append(t)
            elif run or t.dep_ != "det":
                run = []
        if len(run) < 3 or any(self.gaz.country(t.text) for t in run[-2:]):
            return None
        first, last = run[-2], run[-1]
        person = self._find_person([first.text, last.text]) or self._actor(
            f"{first.text} {last.text}", "person"
        )
        self._mention(person, first.i, last.i + 1)
        self._learn_role(person, self.doc[start : first.i].text, list(self.doc[start : first.i]))
        return person

    def _can_speak(self, noun: Token) -> bool:
        """Whether a common noun can head a source: people, bodies, groups, reports; or a
        share of people ("42 percent of voters", "a majority of members")."""
        lemma = noun.lemma_.casefold()
        if (
            self._is_role_word(noun)
            or lemma in self.lex.organization_nouns
            or lemma in self.lex.group_nouns
            or lemma in self.lex.information_sources
            or (noun.is_title and (noun.i > noun.sent.start or noun.lower_ not in self._lowercase_words))
            or any(c.ent_type_ in ("NORP", "GPE", "ORG") for c in noun.lefts)
        ):
            return True
        if lemma in _SHARES or noun.ent_type_ == "PERCENT":
            return (
                any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
                or noun.ent_type_ == "PERCENT"
            )
        # Agent nouns: "donors", "investors", "lobbyists", "politicians", "participants".
        plural = is_plural(noun)
        return lemma.endswith(("ist", "ian")) or (plural and lemma.endswith(("er", "or", "ant", "ent")))

    def is_title(self, token: Token) -> bool:
        return self._is_title(token) or self.gaz.demonyms.get(token.lower_) is not None

    def most_mentioned_person(self, before: int) -> ActorDraft | None:
        """The named person referred to most often before token ``before``."""
        counts: dict[int, int] = {}
        by_id: dict[int, ActorDraft] = {}
        for ref in self._references[: bisect_left(self._ref_positions, before)]:
            if ref.actor.kind == "person" and ref.actor.named:
                counts[id(ref.actor)] = counts.get(id(ref.actor), 0) + 1
                by_id[id(ref.actor)] = ref.actor
        return by_id[max(counts, key=lambda k: counts[k])] if counts else None

    @staticmethod
    def _same_pronoun_before(pronoun: Token) -> Token | None:
        """ "It would also have called on Russia to …, and it urged the parties to …": the
        same pronoun as subject of the clause this one is joined to is the same referent,
        whoever was named in between."""
        verb = pronoun.head
        if pronoun.dep_ != "nsubj" or verb.dep_ != "conj":
            return None
        first = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        return first if first is not None and first.lower_ == pronoun.lower_ else None

    def _document_subject_before(self, pronoun: Token) -> Token | None:
        """The document the sentence before ``pronoun``'s is about, as its subject."""
        sent = pronoun.sent
        if sent.start == 0 or any(t.dep_ == "nsubj" for t in self.doc[sent.start : pronoun.i]):
            return None
        before = self.doc[sent.start - 1].sent
        subject = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lemma_.casefold() in self.lex.information_sources:
            return subject
        return None

    def _described_as(self, token: Token) -> Token | None:
        """A singular role in apposition to ``token``, or for "One of the four, a Western
        diplomat," to the group it is one of (where the parser hangs it)."""
        holders = [token]
        if token.lower_ == "one" and (group := object_of(token, ("of",))) is not None:
            holders.append(group)
        return next(
            (
                c
                for holder in holders
                for c in holder.children
                if c.dep_ == "appos" and self._is_role_word(c) and not is_plural(c)
            ),
            None,
        )

    def _one_person(self, token: Token) -> str | None:
        """The role of a person known as one of a group of people or by a role in apposition
        ("One of the two officials, a Lithuanian official involved in the talks,"); None
        when ``token`` is no such phrase."""
        role = self._described_as(token)
        if role is not None:
            return role.lemma_.casefold()
        group = object_of(token, ("of",)) if token.lower_ == "one" else None
        if group is not None and (
            self._is_role_word(group) or group.lemma_.casefold() in self.lex.group_nouns
        ):
            return group.lemma_.casefold()
        return None

    def _named_body_before(self, noun: Token) -> ActorDraft | None:
        """The paper or company "the paper", "the Paris daily" or "the company" stands for:
        the name heading the main clause of its sentence or of one of the three before ("Le
        Veilleur is warmer. Under the headline …, the Paris daily argues"; "The exporter,
        Volgaz Export, said …. The company said"), when that name is no person and no
        state. Nearer than the last holder of the role: a press review goes from paper to
        paper, a business story from company to company."""
        sent = noun.sent
        for _ in range(4):
            subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.i < noun.i and subject.i not in self._quoted:
                body = self._named_body(subject)
                if body is not None:
                    return body
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        return None

    def _named_body(self, subject: Token) -> ActorDraft | None:
        """The organisation a proper-name subject names ("Le Veilleur"), or the one named in
        apposition to a common noun ("The exporter, Russia's Volgaz Export,"), unless it is
        a person or a state."""
        if subject.pos_ != "PROPN":
            named = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            return self._named_body(named) if named is not None else None
        known = self._token_actor.get(subject.i)
        if known is not None:
            return known if known.kind in ("organization", "other") and known.named else None
        first = self._name_start(subject)  # "Le Veilleur", "Kyiv’s [Stolychnyi Visnyk]"
        name = self.doc[first : subject.i + 1].text
        if self.gaz.country(name) is not None or self._find_person(normalize_name(name).split()) is not None:
            return None
        body = self._actor(name, "organization")
        self._mention(body, first, subject.i + 1)
        return body

    def _name_start(self, last: Token) -> int:
        """Where the run of capitalised names ending at ``last`` starts, within its phrase."""
        first = last.i
        while (
            first > last.left_edge.i and self.doc[first - 1].pos_ == "PROPN" and self.doc[first - 1].is_title
        ):
            first -= 1
        return first

    @staticmethod
    def _put_forward_by(document: Token) -> Token | None:
        """Who put a document forward: "The text, put forward by Denmark and Panama," """
        for verb in document.children:
            if verb.dep_ == "acl" and verb.tag_ == "VBN":
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                if agent is not None:
                    return next((p for p in agent.children if p.dep_ == "pobj"), None)
        return None

    def _who_delivered(self, document: Token) -> ActorDraft | None:
        """Whoever read, issued or released the same document a few sentences back:
        "Reading a statement …, the spokesperson said …. The statement said …"."""
        lemma = document.lemma_.casefold()
        # "signed a joint statement …. The text says …": one document under several names.
        names = _DOCUMENT_NAMES if lemma in _DOCUMENT_NAMES else {lemma}
        # The document itself first: "signed a joint statement that condemns …".
        for t in reversed(self.doc[max(0, document.i - 300) : document.i + 1]):
            if t.lemma_.casefold() not in names:
                continue
            owner = object_of(t, ("from", "by"))
            if owner is not None:
                return self.resolve(owner)  # "responded with a statement from Minister X"
            adopted = next((c for c in t.children if c.dep_ == "relcl" and c.pos_ == "VERB"), None)
            if adopted is not None and any(
                c.dep_ == "dobj" and c.lower_ in ("that", "which") for c in adopted.children
            ):
                # "the communique that NATO leaders adopted": whoever adopted it
                source = source_of(adopted)
                return self.resolve(source) if source is not None else None
            if t.dep_ == "dobj" and t.head.pos_ == "VERB":
                verb = t.head
            elif t.dep_ == "pobj" and t.head.lower_ == "in" and t.head.head.pos_ == "VERB":
                verb = t.head.head  # "In a joint statement, the ministers called on …"
            else:
                continue
            source = source_of(verb)
            if source is not None and source.i == document.i:
                continue  # "It was noted in the statement that …": the statement itself speaks
            return self.resolve(source) if source is not None else None
        return None

    def resolve_label(self, tokens: list[Token]) -> ActorDraft | None:
        """The person a transcript's speaker label names ("PENCE:", "MR. HALL:"): someone
        the article already named, matched by surname; None otherwise."""
        parts = [t.lower_.rstrip(".") for t in tokens if not self._is_title(t)]
        if not parts:
            return None
        actor = self._find_person(parts)
        if actor is None:
            return None
        self._mention(actor, tokens[0].i, tokens[-1].i + 1, alias=False)
        return actor

    def resolve_name(self, tokens: list[Token], *, new_person: bool = False) -> ActorDraft | None:
        """The actor a bare name stands for ("Sanders", "Bernie Sanders", "NATO"), as in a
        headline's "Sanders: …"; None when the words are not a name. ``new_person`` allows a
        name the article has not used before, where the layout vouches for it."""
        if not tokens:
            return None
        # The capitalised run at the end: "Polish Defence Minister [Tomasz Wielgosz]".
        run: list[Token] = []
        for t in reversed(tokens):
            if t.is_title and t.pos_ in ("PROPN", "NOUN") and not self.is_title(t):
                run.insert(0, t)
            else:
                break
        known = {id(a): a for t in (run or tokens) if (a := self._token_actor.get(t.i)) is not None}
        if len(known) == 1:
            return next(iter(known.values()))
        if known:
            return None
        words = run if run and len(tokens) <= 6 else [t for t in tokens if not self._is_title(t)] or tokens
        if len(words) > 4:
            return None
        if not all(t.is_title and t.pos_ in ("PROPN", "NOUN") for t in words):
            return None
        text = " ".join(t.text for t in words)
        if normalize_name(text) in self.lex.labels:
            return None
        country = self.gaz.country(text)
        if country is not None:
            return self._state(country)
        parts = normalize_name(text).split()
        actor = self._find_person(parts)
        if actor is None:
            # A name no one else in the article uses: only if the recogniser saw a person
            # there, or the layout vouches for it; "Limited Tools:" is a section head.
            if not (new_person or all(t.ent_type_ == "PERSON" for t in words)):
                return None
            actor = self._actor(text, "person")
        self._mention(actor, words[0].i, words[-1].i + 1)
        return actor

    def _last_pair(self, before: int, *, people: bool = False) -> ActorDraft | None:
        """The first of the last two actors the text joined with "and" before ``before``;
        places ("artillery near Zalambessa and Bure") are no sides, and ``people`` asks for
        two persons ("both candidates")."""
        for ref in reversed(self._references[: bisect_left(self._ref_positions, before)]):
            if ref.actor.kind == "other" or (people and ref.actor.kind != "person"):
                continue
            token = self.doc[ref.token]
            for child in token.children:
                other = self._token_actor.get(child.i)
                if child.dep_ == "conj" and other is not None and other is not ref.actor:
                    return ref.actor
        return None

    def _relative_antecedent(self, noun: Token) -> Token:
        """What "who" stands for: "Alan Berger, a doctor from Englewood, New Jersey, who said"
        hangs the clause on the place; the person is further up. "McConnell, now the majority
        leader, who said" hangs it on the description; the name it describes speaks."""
        if noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.i in self._token_actor:
            return noun.head
        if noun.lower_ in ("who", "whom") or self._token_actor.get(noun.i, None) is None:
            return noun
        current = noun
        for _ in range(4):
            actor = self._token_actor.get(current.i)
            if actor is not None and actor.kind == "person":
                return current
            if (
                current.dep_ not in ("pobj", "prep", "appos", "conj", "compound")
                or current.head.i == current.i
            ):
                break
            current = current.head
        return noun

    def noun_phrase(self, token: Token) -> tuple[int, int]:
        """Token range of the phrase a source head stands for: its left modifiers and
        short "of/for" attachments ("a spokeswoman for the union"), but no relative
        clauses, appositions or coordinated second sources."""
        start = token.i
        for child in token.lefts:
            if child.dep_ in _NP_LEFT_DEPS:
                start = min(start, child.left_edge.i)
        # Never across a dash or a line: "Trump - 60 percent of voters" is two phrases. A
        # hyphen inside a word ("the Secretary-General") is no dash.
        for i in range(token.i - 1, start - 1, -1):
            t = self.doc[i]
            in_word = t.text == "-" and not t.whitespace_ and not self.doc[i - 1].whitespace_
            if (t.text in ("-", "–", "—", "―", ":", ";") and not in_word) or "\n" in t.text:
                start = i + 1
                break
        end = token.i + 1
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in _NP_RIGHT_PREPS and child.right_edge.i - token.i <= 8:
                end = child.right_edge.i + 1
            elif child.dep_ == "compound" and child.i == end:
                end = child.i + 1
            else:
                break
        return start, end

    def _resolve_role(
        self, token: Token, start: int, end: int, owner_state: ActorDraft | None
    ) -> ActorDraft | None:
        """ "the minister", "the Russian president", "the alliance": the last actor with that
        role (and matching qualifiers), looking back first and then a little ahead
        (cataphora: "its spokesman said … Omar Haddad, a spokesman for the group, added").
        ``owner_state`` is the state an "its"/"their" before the role stands for."""
        doc = self.doc
        role = token.lemma_.casefold()
        qualifiers = {
            t.text
            for t in doc[start : token.i]
            if t.pos_ in ("ADJ", "PROPN") and t.dep_ in ("amod", "compound", "poss")
        }
        owner = object_of(token, ("of", "for", "from"))  # "The representative of Brazil"
        if owner is not None:
            qualifiers.add(doc[owner.left_edge.i : owner.i + 1].text)
        qual_countries = {c.casefold() for q in qualifiers if (c := self.gaz.country(q))}
        is_person_role = self._is_role_word(token)
        # "Malaysia’s signature came with a caveat. Its foreign minister said …": the role
        # belongs to the state "its" stands for, which speaks when its holder is not named.
        if owner_state is not None and not is_person_role:
            self._refer(owner_state, start, end, alias=False)
            return owner_state

        plural = is_plural(token)
        # "Saskatchewan's health minister": a province or a city owns offices too
        place_owners = {
            t.lower_ for t in doc[start : token.i] if t.ent_type_ == "GPE" and t.dep_ == "poss"
        } - qual_countries

        def fits(actor: ActorDraft) -> bool:
            if is_person_role != (actor.kind == "person"):
                return False
            if role not in actor.roles and token.lower_ not in actor.roles:
                return False
            if plural and not (actor.plural or actor.kind == "group"):
                return False  # "the unions are pressing …" is not "the union" of a sentence ago
            if owner_state is not None and self._person_state(actor) not in (None, owner_state.name):
                return False  # "Its foreign minister" after Malaysia: not Vietnam's
            return all(q in actor.roles for q in qual_countries | place_owners)

        # "The defence ministry" with no country named: the state of the story's dateline
        # ("WARSAW, June 4 -"), and nothing from an earlier story on the same page.
        filed_at, filed_in = (
            self._dateline_state(token.idx) if token.lower_ in self.lex.state_nouns else (0, None)
        )
        qual_places = bool(qual_countries or place_owners)
        pos = bisect_left(self._ref_positions, token.i)
        unnamed: ActorDraft | None = None
        for ref in reversed(self._references[:pos]):
            if filed_in is not None and doc[ref.token].idx < filed_at:
                break
            if fits(ref.actor):
                if not ref.actor.named and qual_places and is_person_role and not plural:
                    # "Health minister says …" in a headline, then "Saskatchewan's health
                    # minister accused …" and her name: the name wins if the story gives it
                    unnamed = ref.actor
                    break
                self._refer(ref.actor, start, end)
                return ref.actor
        if filed_in is not None and not qual_countries:
            state = self._state(filed_in)
            self._refer(state, start, end)
            return state
        for ref in self._references[pos : pos + 40]:
            # A state is not named after its ministry: looking ahead is for people and bodies
            # ("its spokesman said … Omar Haddad, a spokesman for the group").
            if ref.actor.kind == "country" and not is_person_role:
                continue
            if fits(ref.actor) and doc[ref.token].sent.start - token.sent.start < 400:
                self._refer(ref.actor, start, end)
                return ref.actor
        for actor in self.actors:  # a role noun naming an organisation never seen nearby
            if not is_person_role and actor.kind == "organization" and role in actor.roles:
                self._refer(actor, start, end)
                return actor
        if owner_state is None:
            if is_person_role and not plural and qual_places:
                # "Hungary's prime minister called the truce … . Zsolt Kerekes said …": the
                # holder the next sentence introduces by name.
                person = self._introduced_next(token)
                if person is None and unnamed is not None:
                    self._refer(unnamed, start, end)
                    return unnamed
                if person is None:
                    return None
                words = {
                    t.lower_
                    for t in doc[start : token.i]
                    if t.dep_ in ("amod", "compound") and self.gaz.country(t.text) is None
                }
                if role in person.roles and not words <= person.roles:
                    return None  # "The foreign minister, Zsolt Kerekes," holds another office
                self._learn_role(person, doc[start:end].text, list(doc[start:end]))
                self._refer(person, start, end, alias=False)
                return person
            return None
        # "Its spokeswoman called the proposal …. Ani Petrosyan, who speaks for the ministry,
        # told …": the person the next sentence introduces as its subject, else the state.
        speaker = self._introduced_next(token) or owner_state
        self._refer(speaker, start, end, alias=False)
        return speaker

    def _introduced_next(self, token: Token) -> ActorDraft | None:
        """A named person first mentioned as the subject of the sentence after ``token``'s."""
        sent = token.sent
        if sent.end >= len(self.doc):
            return None
        following = self.doc[sent.end].sent
        pos = bisect_left(self._ref_positions, following.start)
        for ref in self._references[pos:]:
            if ref.token >= following.end:
                break
            actor = ref.actor
            if ref.subject and actor.kind == "person" and actor.named:
                first = min(m.start for m in actor.mentions)
                return actor if first >= following.start_char else None
        return None

    def _possessing_state(self, role: Token) -> ActorDraft | None:
        """The state an "its"/"their" before a role stands for ("Its foreign ministry")."""
        actor = self._pronoun_owner(role, ("its", "their"))
        return actor if actor is not None and actor.kind == "country" else None

    def _pronoun_owner(self, noun: Token, forms: tuple[str, ...]) -> ActorDraft | None:
        """Whom a possessive pronoun of ``forms`` before ``noun`` stands for ("his
        government", "Its foreign ministry")."""
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in forms), None)
        return self._resolve_pronoun(owner, None, possessive=True) if owner is not None else None

    def _resolve_pronoun(
        self, token: Token, prefer: ActorDraft | None, *, possessive: bool = False
    ) -> ActorDraft | None:
        """The actor ``token`` ("he", "they"; with ``possessive``, also "his", "its",
        "their") stands for."""
        low = _POSSESSIVE_FORMS.get(token.lower_, token.lower_) if possessive else token.lower_
        gender = PERSONAL_PRONOUNS.get(low)
        plural = low in PLURAL_PRONOUNS
        neuter = low in NEUTER_PRONOUNS

        def fits(actor: ActorDraft) -> bool:
            if gender:
                return actor.kind == "person" and not actor.plural and (actor.gender in (None, gender))
            if plural:
                return actor.plural or actor.kind in ("group", "country", "organization")
            if neuter:
                return actor.kind in ("organization", "country") or (
                    actor.kind == "other" and not actor.plural
                )
            return False

        if gender is None and not plural and not neuter:
            return None
        pos = bisect_left(self._ref_positions, token.i)
        sent_start = token.sent.start
        # Names inside quotes, or inside what a source is reported to have said, are what a
        # speaker talks about, hardly ever the next speaker: "Khalif said Trump is a bigot.
        # But he said …" is Khalif.
        # Nor is the clause a parenthetical cue interrupts: "France, it says, should offer …"
        # is a paper's view of France, not France's.
        cue = token.head
        interrupted = (
            range(cue.head.left_edge.i, cue.left_edge.i)
            if token.dep_ == "nsubj" and cue.dep_ == "parataxis" and cue.head.i > cue.i
            else range(0)
        )
        candidates = [
            r
            for r in reversed(self._references[max(0, pos - 60) : pos])
            if fits(r.actor)
            and r.token not in self._quoted
            and r.token not in self.reported
            and r.token not in interrupted
        ]
        if gender and (described := self._described_subject_before(token)) is not None and fits(described):
            # "The other person, a former US official, was blunter. “…,” he said.": an
            # unnamed person as the last sentence's subject, with no name beside it.
            described.vote_gender(gender)
            return described
        if prefer is not None and fits(prefer) and prefer.named:
            # "…,” he said." after a quote: the last speaker, unless someone else who fits
            # has since become the subject of a sentence.
            last = self._last_reference_before(prefer, token.i)
            if last is not None and token.i - last < 150:
                if not any(r.subject and r.actor is not prefer and r.token > last for r in candidates):
                    return prefer
        if not candidates:
            # Nobody fitting nearby: the article's most mentioned fitting actor so far (the
            # subject of a profile, whom every "he" refers to).
            counts: dict[int, int] = {}
            by_id: dict[int, ActorDraft] = {}
            for r in self._references[:pos]:
                if fits(r.actor) and r.actor.named and r.token not in self._quoted:
                    counts[id(r.actor)] = counts.get(id(r.actor), 0) + 1
                    by_id[id(r.actor)] = r.actor
            return by_id[max(counts, key=lambda k: counts[k])] if counts else None
        # Hobbs-style preference: within the nearest sentence that has a fitting antecedent,
        # its subject first, else its most recent mention.
        nearest_sent = self.doc[candidates[0].token].sent.start
        same = [r for r in candidates if self.doc[r.token].sent.start == nearest_sent]
        subjects = [r for r in same if r.subject]
        if not subjects:
            return same[0].actor
        if nearest_sent == sent_start:
            return subjects[0].actor  # the closest subject before the pronoun in its own sentence
        # In an earlier sentence, its main clause's subject: "Carson said the paper's
        # Costa had reported …. He hoped …" is about Carson.
        return min(subjects, key=lambda r: tree_depth(self.doc[r.token])).actor

    def _epithet_antecedent(self, token: Token, start: int) -> ActorDraft | None:
        """ "the 62-year-old", "the former general" (a role no one here holds): the writer's
        other name for the person the story has just named."""
        if is_plural(token) or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.lefts):
            return None
        age = token.lower_ == "old" and any(c.lower_ == "year" for c in token.lefts)
        former = self._is_role_word(token) and any(
            c.dep_ == "amod" and c.lower_ in ("former", "retired", "veteran") for c in token.lefts
        )
        if not (age or former):
            return None
        # The person the last sentences were about: a subject, not "called on Calloway to …"
        for ref in reversed(self._references[: bisect_left(self._ref_positions, start)]):
            if self.doc[ref.token].sent.start < self.doc[start].sent.start - 80:
                break
            if ref.actor.kind == "person" and ref.actor.named and ref.subject:
                return ref.actor
        return None

    def _described_subject_before(self, pronoun: Token) -> ActorDraft | None:
        """The person the previous sentence is about when it names no one: its subject is a
        role ("the European official", "a former US official") and no name stands in it."""
        sent = pronoun.sent
        if sent.start == 0 or any(t.ent_type_ == "PERSON" for t in self.doc[sent.start : pronoun.i]):
            return None
        previous = self.doc[sent.start - 1].sent
        # The quote a "she said" closes may be a sentence of its own: look before it.
        while previous.start > 0 and all(t.i in self._quoted or t.is_quote or t.is_punct for t in previous):
            previous = self.doc[previous.start - 1].sent
        if any(
            t.ent_type_ == "PERSON" or getattr(self._token_actor.get(t.i), "kind", None) == "person"
            for t in previous
        ):
            return None
        subject = next((c for c in previous.root.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        role = subject if self._is_role_word(subject) else None
        if role is None:  # "The other person, a former US official, …"
            role = next((c for c in subject.children if c.dep_ == "appos" and self._is_role_word(c)), None)
        if role is None or role.pos_ != "NOUN" or is_plural(role):
            return None
        actor = self.resolve(role)
        return actor if actor is not None and actor.kind == "person" else None

    def _last_reference_before(self, actor: ActorDraft, token: int) -> int | None:
        pos = bisect_left(self._ref_positions, token)
        for ref in reversed(self._references[:pos]):
            if ref.actor is actor:
                return ref.token
        return None
