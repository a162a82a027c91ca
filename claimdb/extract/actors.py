"""Actors: who is named in an article, under which names, and who "he" or "the minister" is.

An :class:`ActorTable` is built per article from the named entities, repaired where the
small statistical model mislabels ("Scholz" tagged as a place once it is known as a
person's surname), merged across name forms ("Vladimir Putin", "Putin", "Russian
President Vladimir Putin"), and mapped to states where a capital, seat of government or
demonym stands for one ("Moscow", "the Kremlin", "the Russians" -> Russia). The claim and
demand rules then ask it to resolve the noun phrase that introduces a source.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimdb.extract.gazetteer import Gazetteer, gazetteer, normalize_place
from claimdb.extract.lexicon import Lexicon, lexicon
from claimdb.extract.model import ActorKind, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSONAL_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
PLURAL_PRONOUNS = {"they", "them"}
NEUTER_PRONOUNS = {"it"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
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
_GROUP_HEADS = {
    "countries",
    "nations",
    "powers",
    "governments",
    "leaders",
    "allies",
    "states",
    "capitals",
    "partners",
    "officials",
    "diplomats",
}
_NAME_PUNCT = re.compile(r"^[\s\"'“”‘’(•*–—-]+|[\s\"'“”‘’),.:;–—-]+$")


def normalize_name(name: str) -> str:
    """The key two names must share to be the same actor: case, quotes, periods and a
    leading "the" ignored, possessive dropped."""
    s = name.casefold().replace("’", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[\"'.,;:()\[\]]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


@dataclass(eq=False)
class ActorDraft:
    """A mutable actor while an article is being read; frozen into ``model.Actor`` at the end."""

    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    gender_votes: dict[str, int] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    plural: bool = False
    name_forms: dict[str, int] = field(default_factory=dict)
    """How often each full form of a person's name was written, to pick the canonical one."""
    named: bool = True
    """False for actors known only by a description ("a source", "officials")."""
    participant: bool = False

    def add_alias(self, alias: str) -> None:
        alias = _NAME_PUNCT.sub("", alias)
        if alias and normalize_name(alias) not in {normalize_name(a) for a in self.aliases}:
            self.aliases.append(alias)

    def vote_gender(self, gender: str) -> None:
        self.gender_votes[gender] = self.gender_votes.get(gender, 0) + 1
        self.gender = max(self.gender_votes, key=lambda g: self.gender_votes[g])

    @property
    def name_parts(self) -> list[str]:
        return normalize_name(self.name).split()


@dataclass(frozen=True, slots=True)
class Reference:
    """One place in the text where an actor is referred to, by token index."""

    token: int
    actor: ActorDraft
    subject: bool


class ActorTable:
    """All actors of one article and the places they are referred to."""

    def __init__(self, doc: Doc, skip_tokens: set[int], quoted_tokens: set[int] | None = None) -> None:
        self.doc = doc
        self.lex: Lexicon = lexicon()
        self.gaz: Gazetteer = gazetteer()
        self.actors: list[ActorDraft] = []
        self._by_key: dict[str, ActorDraft] = {}
        self._token_actor: dict[int, ActorDraft] = {}
        self._references: list[Reference] = []
        self._ref_positions: list[int] = []
        self._skip = skip_tokens
        # Words this article writes in lower case somewhere: a capitalised word that never is
        # ("Trump" opening a sentence, tagged as a noun) is a name.
        self._lowercase_words = {t.text for t in doc if t.is_lower}
        self._quoted = quoted_tokens or set()
        self._issuers: dict[str, ActorDraft] = {}
        """Who issued the last "statement", "report" … named with "from"/"by"."""
        self.reported: set[int] = set()
        """Tokens inside the content of claims found so far (filled in by the claim rules)."""
        self._read_entities()
        self._read_honorific_names()
        self._learn_genders()
        self._chain_pronouns()

    # --- building -------------------------------------------------------------------------

    def _actor(self, name: str, kind: ActorKind, *, named: bool = True) -> ActorDraft:
        key = normalize_name(name)
        actor = self._by_key.get(key)
        if actor is None:
            actor = ActorDraft(name=name, kind=kind, named=named)
            actor.add_alias(name)
            self.actors.append(actor)
            self._by_key[key] = actor
        return actor

    def _state(self, name: str) -> ActorDraft:
        """The actor for a country, or for the organisation a seat stands for ("Brussels")."""
        known = self.lex.organizations.get(name.casefold())
        if known is not None or any(o.name == name for o in self.lex.organizations.values()):
            return self._actor(name, "organization")
        return self._actor(name, "country")

    def _mention(self, actor: ActorDraft, start: int, end: int, *, alias: bool = True) -> None:
        """Record tokens ``start``..``end`` (exclusive) as a mention of ``actor``."""
        doc = self.doc
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "case"):
            end -= 1
        if start >= end:
            return
        span = doc[start:end]
        actor.mentions.append(Mention(span.start_char, span.end_char, span.text))
        if alias:
            actor.add_alias(span.text)
        for i in range(start, end):
            self._token_actor[i] = actor
        head = span.root
        self._add_reference(head.i, actor, head.dep_ in ("nsubj", "nsubjpass"))

    def _add_reference(self, token: int, actor: ActorDraft, subject: bool) -> None:
        pos = bisect_left(self._ref_positions, token)
        if pos < len(self._ref_positions) and self._ref_positions[pos] == token:
            return
        self._ref_positions.insert(pos, token)
        self._references.insert(pos, Reference(token, actor, subject))

    def _read_entities(self) -> None:
        ents = [e for e in self.doc.ents if e.start not in self._skip]
        person_names = self._person_names(ents)
        for ent in ents:
            label = ent.label_
            if label not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
                continue
            start, end = _trim_entity(ent)
            if start >= end:
                continue
            text = self.doc[start:end].text
            key = normalize_name(text)
            if not key or not any(c.isalpha() for c in key) or key in self.lex.labels:
                continue  # "Q: …", "Update: …" are labels, not names
            if label == "PERSON" and key in self.gaz.demonyms:
                label = "NORP"  # "Slovak Foreign Minister …": the adjective, not a person
            elif label == "PERSON" and " " not in key and key not in person_names and self.gaz.country(text):
                label = "GPE"  # "… that Kyiv give up": a capital the recogniser took for a name
            if (
                label == "PERSON"
                or key in person_names
                or (label != "NORP" and _looks_like_surname(key, person_names))
            ):
                if self.gaz.country(text) and label != "PERSON" and key not in person_names:
                    self._country_mention(ent, start, end, self.gaz.country(text) or text)
                    continue
                self._person_mention(ent, start, end)
            elif label == "NORP":
                self._norp_mention(ent, start, end)
            elif (country := self.gaz.country(text)) is not None:
                self._country_mention(ent, start, end, country)
            elif (
                label == "ORG"
                and end - start <= 2
                and end < len(self.doc)
                and self._is_role_word(self.doc[end])
            ):
                continue  # "Defence [Minister]": part of a title, not an organisation
            elif label == "ORG" and self._person_like(start, end):
                self._person_mention(ent, start, end)
            elif label == "ORG":
                self._org_mention(start, end)
            elif label == "LOC" and (bloc := self.lex.blocs.get(key)) is not None:
                actor = self._actor(bloc, "group")
                self._mention(actor, start, end)
            elif label == "GPE":
                # Cities, regions and states: places, kept as "other" actors so that a
                # speaker like "Ohio" still resolves, but not mistaken for countries.
                self._mention(self._actor(text, "other"), start, end)

    def _person_names(self, ents: list[Span]) -> set[str]:
        """Normalised full names and surnames of PERSON entities with two or more words."""
        names: set[str] = set()
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            start, end = _trim_entity(ent)
            parts = self._strip_titles(normalize_name(self.doc[start:end].text).split())
            if len(parts) >= 2 and not self.gaz.country(" ".join(parts)):
                names.add(" ".join(parts))
                names.add(parts[-1])
        return names

    def _strip_titles(self, parts: list[str]) -> list[str]:
        while len(parts) > 1 and (
            parts[0] in self.lex.person_roles or parts[0] in self.lex.title_abbreviations
        ):
            parts = parts[1:]
        return parts

    def _person_mention(self, ent: Span, start: int, end: int) -> None:
        doc = self.doc
        # Titles inside the entity ("President Putin", "Mr. Trump") are roles, not name.
        while end - start > 1 and self._is_title(doc[start]):
            start += 1
        parts = normalize_name(doc[start:end].text).split()
        if not parts:
            return
        actor = self._find_person(parts)
        full = _NAME_PUNCT.sub("", doc[start:end].text)
        if actor is None:
            actor = self._actor(full, "person")
        if len(parts) >= 2:
            actor.name_forms[full] = actor.name_forms.get(full, 0) + 1
        # The canonical name is the full form written most often (first seen on a tie): a
        # headline's "Rip Donald Trump" cannot outvote the body's "Donald Trump".
        best = max(actor.name_forms.items(), key=lambda kv: kv[1], default=(actor.name, 0))[0]
        if best != actor.name and len(normalize_name(best).split()) >= len(actor.name_parts) - 1:
            self._by_key.pop(normalize_name(actor.name), None)
            actor.name = best
            self._by_key[normalize_name(best)] = actor
            actor.add_alias(best)
        self._by_key.setdefault(" ".join(parts), actor)
        self._mention(actor, start, end)
        title_start = self._title_start(start, end)
        if title_start < start:
            title = doc[title_start:start]
            self._learn_role(actor, title.text, list(title))
            actor.add_alias(doc[title_start:end].text)
        self._learn_appositive(actor, doc[end - 1])
        self._learn_gender_nearby(actor, doc[end - 1])

    def _find_person(self, parts: list[str]) -> ActorDraft | None:
        key = " ".join(parts)
        exact = self._by_key.get(key)
        if exact is not None and exact.kind == "person":
            return exact
        best: ActorDraft | None = None
        by_first_name: list[ActorDraft] = []
        for actor in reversed(self.actors):  # most recent first: two Clintons, the last one
            if actor.kind != "person" or not actor.named:
                continue
            have = actor.name_parts
            if len(parts) <= len(have):
                if parts[-1] == have[-1] and all(p in have for p in parts):
                    return actor
                if len(parts) == 1 and len(have) >= 2 and parts[0] == have[0]:
                    by_first_name.append(actor)
            elif have[-1] == parts[-1] and all(p in parts for p in have):
                best = best or actor
        # "Hillary" alone, when exactly one person of that first name is known.
        if best is None and len(by_first_name) == 1:
            return by_first_name[0]
        return best

    def _is_title(self, token: Token) -> bool:
        low = token.lower_.rstrip(".")
        return low in self.lex.person_roles or low in self.lex.title_abbreviations

    def _title_start(self, start: int, end: int) -> int:
        """Where the title before a name begins ("Russian President | Vladimir Putin")."""
        doc = self.doc
        head = doc[end - 1]
        i = start
        while i > 0:
            prev = doc[i - 1]
            if (
                prev.is_punct
                or prev.is_space
                or prev.dep_ in ("det", "case")
                or prev.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ")
            ):
                break
            if not (head.left_edge.i <= prev.i and prev.head.i >= prev.i and prev.head.i <= head.i):
                break
            i -= 1
        # Only keep the prefix when it holds a role word ("Chancellor"), not any modifier.
        if i < start and any(self._is_role_word(doc[j]) for j in range(i, start)):
            return i
        return start

    def _is_role_word(self, token: Token) -> bool:
        low = token.lower_.rstrip(".")
        return low in self.lex.person_roles or token.lemma_.casefold() in self.lex.person_roles

    def _learn_role(self, actor: ActorDraft, description: str, tokens: list[Token]) -> None:
        description = _NAME_PUNCT.sub("", description)
        if description.casefold().startswith("the "):
            description = description[4:]
        if not description:
            return
        if actor.description is None:  # the first role given, usually the current title
            actor.description = description
        for t in tokens:
            low = t.lower_.rstrip(".")
            if self._is_role_word(t):
                actor.roles.add(t.lemma_.casefold())
                actor.roles.add(low)
                if low in self.lex.male_words:
                    actor.vote_gender("m")
                elif low in self.lex.female_words:
                    actor.vote_gender("f")
            elif (country := self.gaz.demonyms.get(low)) is not None:
                actor.roles.add(country.casefold())
                actor.roles.add(low)
            elif t.pos_ in ("ADJ", "PROPN", "NOUN"):
                actor.roles.add(low)

    def _learn_appositive(self, actor: ActorDraft, head: Token) -> None:
        """ "Maria Lopez, the union's spokeswoman," or "the spokeswoman, Maria Lopez,"."""
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                span = self.doc[child.left_edge.i : child.right_edge.i + 1]
                self._learn_role(actor, span.text, list(span))
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and self._is_role_word(head.head):
            noun = head.head
            left = self.doc[noun.left_edge.i : noun.i + 1]
            self._learn_role(actor, left.text, list(left))
            for t in noun.children:
                if t.dep_ == "prep" and t.i > noun.i and t.i < head.i:
                    self._learn_role(
                        actor,
                        self.doc[noun.left_edge.i : t.right_edge.i + 1].text,
                        list(self.doc[t.i : t.right_edge.i + 1]),
                    )

    def _read_honorific_names(self) -> None:
        """ "Mr. Regalado", "Ms. Gedrich": an honorific before capitalised words names a
        person even where the entity recogniser missed it, and tells the gender."""
        doc = self.doc
        for token in doc:
            low = token.lower_.rstrip(".")
            gender = "m" if low in ("mr", "mister") else "f" if low in ("mrs", "ms", "miss") else None
            if gender is None or token.i in self._skip:
                continue
            end = token.i + 1
            while end < len(doc) and end - token.i <= 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            if end == token.i + 1:
                continue
            actor = self._token_actor.get(end - 1)
            if actor is None:
                parts = normalize_name(doc[token.i + 1 : end].text).split()
                actor = self._find_person(parts) or self._actor(doc[token.i + 1 : end].text, "person")
                self._mention(actor, token.i + 1, end)
                actor.add_alias(doc[token.i : end].text)
            if actor.kind == "person":
                actor.vote_gender(gender)
                actor.vote_gender(gender)  # an honorific outweighs a guess from pronouns

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

    def _learn_genders(self) -> None:
        """A sentence about one person followed by "he" or "she" (in it or at the start of
        the next) says which: votes, so that one odd sentence cannot decide."""
        sents = list(self.doc.sents)
        refs_by_sent: dict[int, set[int]] = {}
        actor_by_id: dict[int, ActorDraft] = {}
        for ref in self._references:
            if ref.actor.kind == "person":
                sent_start = self.doc[ref.token].sent.start
                refs_by_sent.setdefault(sent_start, set()).add(id(ref.actor))
                actor_by_id[id(ref.actor)] = ref.actor
        for n, sent in enumerate(sents):
            people = refs_by_sent.get(sent.start)
            if not people or len(people) != 1:
                continue
            actor = actor_by_id[next(iter(people))]
            window = list(sent) + (list(sents[n + 1])[:3] if n + 1 < len(sents) else [])
            first_ref = min(
                (r.token for r in self._references if r.actor is actor and sent.start <= r.token < sent.end),
                default=sent.start,
            )
            for t in window:
                if t.i <= first_ref:
                    continue
                g = _PRONOUN_GENDER.get(t.lower_)
                if g:
                    actor.vote_gender(g)
                    break
                if t.ent_type_ == "PERSON":
                    break

    def _learn_gender_nearby(self, actor: ActorDraft, head: Token) -> None:
        """A person who is the subject of a clause and is followed, before any other name,
        by "his"/"he" or "her"/"she" in the same sentence is most likely that gender."""
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return
        sent = head.sent
        for t in self.doc[head.i + 1 : min(sent.end, head.i + 25)]:
            if t.ent_type_ == "PERSON":
                return
            g = PERSONAL_PRONOUNS.get(t.lower_) or {"his": "m", "himself": "m", "herself": "f"}.get(t.lower_)
            if g:
                actor.vote_gender(g)
                return

    def _norp_mention(self, ent: Span, start: int, end: int) -> None:
        doc = self.doc
        key = normalize_name(doc[start:end].text)
        root = doc[end - 1]
        plural = root.tag_ in ("NNPS", "NNS") or key.endswith("s")
        country = self.gaz.demonyms.get(key)
        bloc = self.lex.blocs.get(key) or self.lex.blocs.get(key.rstrip("s"))
        head = root.head
        noun_head = root.dep_ in ("amod", "compound") and head.pos_ in ("NOUN", "PROPN") and head.i > root.i
        coordinated = any(c.dep_ == "conj" for c in root.children) or root.dep_ == "conj"
        if noun_head and coordinated:
            # "Greek and Maltese officials": people of two states, a group of their own.
            if head.lemma_.casefold() in self.lex.group_nouns and head.left_edge.i not in self._token_actor:
                actor = self._actor(doc[head.left_edge.i : head.i + 1].text, "group")
                actor.plural = True
                self._mention(actor, head.left_edge.i, head.i + 1)
            return
        if noun_head and head.lower_ in self.lex.state_nouns and country:
            # "the Russian government", "the Russian foreign ministry" speak for Russia; a
            # later bare "the ministry" or "the government" points back to it.
            left = head.left_edge.i
            state = self._state(country)
            state.roles.add(head.lemma_.casefold())
            self._mention(state, left, head.i + 1)
        elif noun_head and bloc and head.lower_ in _GROUP_HEADS:
            actor = self._actor(f"{doc[start:end].text} {head.text}", "group")
            actor.plural = True
            self._mention(actor, start, head.i + 1)
            self._by_key.setdefault(normalize_name(bloc), actor)
        elif plural and country and not noun_head:
            # "the Russians" as a subject stands for the state.
            self._mention(self._state(country), start, end)
        elif plural and bloc and not noun_head:
            actor = self._by_key.get(normalize_name(bloc)) or self._actor(bloc, "group")
            actor.plural = True
            self._mention(actor, start, end)
        elif plural and not noun_head and not country:
            actor = self._actor(doc[start:end].text, "group")
            actor.plural = True
            self._mention(actor, start, end)

    def _country_mention(self, ent: Span, start: int, end: int, country: str) -> None:
        doc = self.doc
        text = doc[start:end].text
        if self.gaz.demonyms.get(normalize_place(text)) and doc[end - 1].dep_ in ("amod", "compound"):
            head = doc[end - 1].head
            if head.lower_ in self.lex.state_nouns:
                self._mention(self._state(country), head.left_edge.i, head.i + 1)
            return  # "Ukrainian territory": an adjective, not a reference to the state
        self._mention(self._state(country), start, end)

    def _person_like(self, start: int, end: int) -> bool:
        """An "organisation" the recogniser found that reads as a person: a short
        capitalised name with a title before it or a role in apposition ("Amara Diallo,
        the UN's humanitarian coordinator"), or the surname of such a person."""
        doc = self.doc
        tokens = list(doc[start:end])
        if not 1 <= len(tokens) <= 3 or not all(t.pos_ == "PROPN" and t.is_title for t in tokens):
            return False
        if any(t.lower_ in self.lex.organization_nouns for t in tokens):
            return False
        if len(tokens) == 1 and self._find_person([tokens[0].lower_]) is not None:
            return True
        head = tokens[-1]
        role_after = any(c.dep_ == "appos" and self._is_role_word(c) for c in head.children)
        role_before = start > 0 and self._is_role_word(doc[start - 1]) and doc[start - 1].head.i == head.i
        return role_after or role_before

    def _org_mention(self, start: int, end: int) -> None:
        text = self.doc[start:end].text
        key = normalize_name(text)
        head = self.doc[end - 1]
        state = self._state_phrase(head)
        if state is not None:
            # "Russia's [defence ministry]": the recogniser left the owner out; the ministry
            # speaks for the state.
            actor = self._state(state)
            actor.roles.add(head.lemma_.casefold())
            self._mention(actor, head.left_edge.i, end)
            return
        known = self.lex.organizations.get(key) or next(
            (o for o in self.lex.organizations.values() if key in o.aliases), None
        )
        if known is None and " " not in key:
            # "the Commission" after "the European Commission": the short form of a body
            # already named.
            known_actor = next(
                (a for a in reversed(self.actors) if a.kind == "organization" and a.name_parts[-1:] == [key]),
                None,
            )
            if known_actor is not None:
                self._mention(known_actor, start, end)
                return
        if known is not None:
            actor = self._actor(known.name, "organization")
            actor.roles.update(known.nouns)
        else:
            actor = self._actor(_NAME_PUNCT.sub("", text), "organization")
            head = self.doc[end - 1]
            actor.roles.add(head.lemma_.casefold())
        # "NATO military alliance": the compound head names what the organisation is.
        root = self.doc[end - 1]
        if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i == end:
            kind_word = root.head
            actor.roles.add(kind_word.lemma_.casefold())
            if kind_word.lemma_.casefold() in self.lex.organization_nouns:
                self._mention(actor, start, kind_word.i + 1)
                return
        self._mention(actor, start, end)

    # --- resolving ------------------------------------------------------------------------

    def actor_at(self, token: Token) -> ActorDraft | None:
        return self._token_actor.get(token.i)

    def addressee(self, token: Token) -> ActorDraft | None:
        """Like :meth:`resolve`, for the actor a demand is made of; never a date."""
        if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"):
            return None
        return self.resolve(token)

    def resolve(self, token: Token, *, prefer: ActorDraft | None = None) -> ActorDraft | None:
        """The actor a source phrase headed by ``token`` refers to.

        ``prefer`` is the speaker of the previous claim, the strongest antecedent for "he
        said" after a quote.
        """
        doc = self.doc
        low = token.lower_
        if low in ("neither", "none", "no", "nobody", "noone") or any(
            c.dep_ == "det" and c.lower_ in ("neither", "no") for c in token.children
        ):
            return None  # "neither delegation spoke": no one is the source
        described = low in _QUANTIFIERS and (
            low in ("others", "many", "some", "most")
            or any(c.dep_ in ("prep", "acl", "relcl", "amod") for c in token.children)
        )  # "some of his allies", "those surveyed", "many": a described source
        if not described and (token.pos_ == "PRON" or low in PERSONAL_PRONOUNS or low in PLURAL_PRONOUNS):
            if low in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
                return self.resolve(self._relative_antecedent(token.head.head), prefer=prefer)
            actor = self._resolve_pronoun(token, prefer)
            if actor is not None:
                self._refer(actor, token.i, token.i + 1)
            return actor
        start, end = self.noun_phrase(token)
        lemma = token.lemma_.casefold()
        if lemma in _SIDES and any(c.lower_ in ("both", "two") for c in token.children):
            # "both sides said": the pair the article last coordinated ("Russia and Ukraine").
            pair = self._last_pair(token.i)
            if pair is not None:
                self._refer(pair, start, end, alias=False)
                return pair
        if lemma in self.lex.information_sources:
            # "a statement from the UAE foreign ministry said", then "the statement urged":
            # a document speaks for whoever issued it.
            owner = next(
                (
                    p
                    for c in token.rights
                    if c.dep_ == "prep" and c.lower_ in ("from", "by")
                    for p in c.children
                    if p.dep_ == "pobj"
                ),
                None,
            )
            if owner is not None and (issuer := self.resolve(owner)) is not None:
                self._issuers[lemma] = issuer
                return issuer
            if owner is None and all(c.dep_ == "det" for c in token.lefts) and lemma in self._issuers:
                return self._issuers[lemma]
        # A name inside the phrase: "Russian presidential spokesman Dmitry Peskov", or in
        # apposition: "a spokeswoman for the union, Maria Lopez,".
        for child in token.children:
            if child.dep_ != "appos":
                continue
            a = self._token_actor.get(child.i)
            if a is not None and a.kind == "person":
                return a
            if a is None and self._is_role_word(token) and child.pos_ == "PROPN" and child.is_title:
                # "The head of the OSCE mission, Bettina Aurell,": a name in apposition to a
                # role is a person's, whether or not the recogniser saw it.
                name_start = child.left_edge.i
                while name_start < child.i and not (
                    self.doc[name_start].pos_ == "PROPN" and self.doc[name_start].is_title
                ):
                    name_start += 1
                person = self._find_person(normalize_name(self.doc[name_start : child.i + 1].text).split())
                person = person or self._actor(self.doc[name_start : child.i + 1].text, "person")
                self._mention(person, name_start, child.i + 1)
                self._learn_role(person, self.doc[start:end].text, list(self.doc[start:end]))
                return person
        actor = self._token_actor.get(token.i)
        if actor is not None:
            if actor.kind == "country" or actor.kind == "person" or actor.named:
                self._refer(actor, start, end, alias=actor.kind != "person")
            return actor
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
        if country is not None:
            actor = self._state(country)
            self._refer(actor, start, end)
            return actor
        if token.is_title and (token.pos_ == "PROPN" or token.lower_ not in self._lowercase_words):
            # A name the recogniser missed ("said Diallo"): a person already named here.
            parts = self._strip_titles(key.split())
            known = self._find_person(parts)
            name_words = [t for t in doc[start:end] if not self._is_title(t) and t.dep_ != "det"]
            if (
                known is None
                and 1 <= len(name_words) <= 3
                and all(t.pos_ == "PROPN" and t.is_title for t in name_words)
            ):
                if self.gaz.country(text) is None and normalize_name(text) not in self.lex.labels:
                    # A capitalised name speaking that the recogniser missed: a person.
                    known = self._actor(" ".join(t.text for t in name_words), "person")
            if known is not None:
                self._refer(known, start, end, alias=False)
                return known
        lemma = token.lemma_.casefold()
        plural = token.tag_ in ("NNS", "NNPS")
        # "the minister" is someone named before; "ministers", "some leaders" are not.
        # "the minister", "the group's spokesman", "its spokeswoman" point back (or ahead) to
        # a named holder of the role; "the prime minister's office" is a body of its own.
        modifiers_ok = all(
            c.dep_ in ("det", "amod", "compound", "poss", "case")
            and (c.pos_ != "PROPN" or self.gaz.country(c.text) is not None)  # "Czech minister"
            for c in token.lefts
        )
        has_owner = any(c.dep_ == "poss" for c in token.lefts)
        person_role = self._is_role_word(token) and not plural
        org_role = lemma in self.lex.organization_nouns and not has_owner
        if modifiers_ok and (person_role or org_role):
            actor = self._resolve_role(token, start, end)
            if actor is not None:
                return actor
        # A source known only by description: "a source", "officials", "the campaign", "the
        # report". Not any noun: "a settlement" or "the first step" speak for no one.
        if token.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ", "X") and low not in _QUANTIFIERS:
            return None
        if token.pos_ == "NOUN" and not self._can_speak(token):
            return None
        if token.pos_ == "PROPN" and lemma in self.lex.organization_nouns:
            # "The Dock and Harbour Workers' Union" missed by the recogniser: a named body.
            actor = self._actor(_NAME_PUNCT.sub("", text), "organization")
        else:
            actor = self._actor(
                _NAME_PUNCT.sub("", text), "group" if token.tag_ in ("NNS", "NNPS") else "other", named=False
            )
            actor.plural = token.tag_ in ("NNS", "NNPS")
            if self._is_role_word(token) and not actor.plural:
                actor.kind = "person"
        actor.roles.add(lemma)  # so that a later "the union" finds it
        self._refer(actor, start, end)
        return actor

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
        plural = noun.tag_ in ("NNS", "NNPS")
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

    def _last_pair(self, before: int) -> ActorDraft | None:
        """The first of the last two actors the text joined with "and" before ``before``."""
        for ref in reversed(self._references[: bisect_left(self._ref_positions, before)]):
            token = self.doc[ref.token]
            for child in token.children:
                other = self._token_actor.get(child.i)
                if child.dep_ == "conj" and other is not None and other is not ref.actor:
                    return ref.actor
        return None

    def _relative_antecedent(self, noun: Token) -> Token:
        """What "who" stands for: "Alan Berger, a doctor from Englewood, New Jersey, who said"
        hangs the clause on the place; the person is further up."""
        if noun.lower_ in ("who", "whom") or self._token_actor.get(noun.i, None) is None:
            return noun
        current = noun
        for _ in range(4):
            actor = self._token_actor.get(current.i)
            if actor is not None and actor.kind == "person":
                return current
            if current.dep_ not in ("pobj", "prep", "appos", "conj", "compound") or current.head is current:
                break
            current = current.head
        return noun

    def _refer(self, actor: ActorDraft, start: int, end: int, *, alias: bool = True) -> None:
        if start in self._token_actor and self._token_actor[start] is actor:
            return
        span = self.doc[start:end]
        actor.mentions.append(Mention(span.start_char, span.end_char, span.text))
        # A name is an alias; "he" or "the minister" is only a mention: it names whoever
        # holds the role in this article, and may be someone else in the next.
        described = self._is_role_word(span.root) and not any(t.pos_ == "PROPN" and t.is_title for t in span)
        if alias and span.root.pos_ != "PRON" and not (described and actor.kind == "person"):
            actor.add_alias(span.text)
        for i in range(start, end):
            self._token_actor.setdefault(i, actor)
        self._add_reference(span.root.i, actor, span.root.dep_ in ("nsubj", "nsubjpass"))

    def noun_phrase(self, token: Token) -> tuple[int, int]:
        """Token range of the phrase a source head stands for: its left modifiers and
        short "of/for" attachments ("a spokeswoman for the union"), but no relative
        clauses, appositions or coordinated second sources."""
        start = token.i
        for child in token.lefts:
            if child.dep_ in _NP_LEFT_DEPS:
                start = min(start, child.left_edge.i)
        # Never across a dash or a line: "Trump - 60 percent of voters" is two phrases.
        for i in range(token.i - 1, start - 1, -1):
            t = self.doc[i]
            if t.text in ("-", "–", "—", "―", ":", ";") or "\n" in t.text:
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

    def _state_phrase(self, token: Token) -> str | None:
        """ "the Russian government", "France's leadership", "Moscow's authorities" -> the state."""
        if token.lower_ not in self.lex.state_nouns:
            return None
        for child in token.lefts:
            text = child.text
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                country = self.gaz.country(text)
                if country:
                    return country
        return None

    def _resolve_role(self, token: Token, start: int, end: int) -> ActorDraft | None:
        """ "the minister", "the Russian president", "the alliance": the last actor with that
        role (and matching qualifiers), looking back first and then a little ahead
        (cataphora: "its spokesman said … Omar Haddad, a spokesman for the group, added")."""
        doc = self.doc
        role = token.lemma_.casefold()
        qualifiers = {
            t.text
            for t in doc[start : token.i]
            if t.pos_ in ("ADJ", "PROPN") and t.dep_ in ("amod", "compound", "poss")
        }
        qual_countries = {c.casefold() for q in qualifiers if (c := self.gaz.country(q))}
        is_person_role = self._is_role_word(token)

        def fits(actor: ActorDraft) -> bool:
            if is_person_role != (actor.kind == "person"):
                return False
            if role not in actor.roles and token.lower_ not in actor.roles:
                return False
            return all(q in actor.roles for q in qual_countries)

        pos = bisect_left(self._ref_positions, token.i)
        for ref in reversed(self._references[:pos]):
            if fits(ref.actor):
                self._refer(ref.actor, start, end)
                return ref.actor
        for ref in self._references[pos : pos + 40]:
            if fits(ref.actor) and doc[ref.token].sent.start - token.sent.start < 400:
                self._refer(ref.actor, start, end)
                return ref.actor
        for actor in self.actors:  # a role noun naming an organisation never seen nearby
            if not is_person_role and actor.kind == "organization" and role in actor.roles:
                self._refer(actor, start, end)
                return actor
        return None

    def _resolve_pronoun(self, token: Token, prefer: ActorDraft | None) -> ActorDraft | None:
        low = token.lower_
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
        candidates = [
            r
            for r in reversed(self._references[max(0, pos - 60) : pos])
            if fits(r.actor) and r.token not in self._quoted and r.token not in self.reported
        ]
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
        return min(subjects, key=lambda r: _depth(self.doc[r.token])).actor

    def _last_reference_before(self, actor: ActorDraft, token: int) -> int | None:
        pos = bisect_left(self._ref_positions, token)
        for ref in reversed(self._references[:pos]):
            if ref.actor is actor:
                return ref.token
        return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head is not token and depth < 50:
        token = token.head
        depth += 1
    return depth


def _trim_entity(ent: Span) -> tuple[int, int]:
    """Token range of an entity without a leading "the" or trailing possessive mark; a
    person's name cut short by the recogniser ("[Joanna] Wierzbicka") is completed."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if ent.label_ == "PERSON":
        while end < len(doc) and end - start < 4 and _continues_name(doc[end - 1], doc[end]):
            end += 1
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].dep_ == "case" or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")
    ):
        end -= 1
    return start, end


def _continues_name(last: Token, nxt: Token) -> bool:
    return (
        nxt.pos_ == "PROPN"
        and nxt.is_title
        and not nxt.ent_type_
        and last.dep_ == "compound"
        and last.head.i == nxt.i
        and not last.whitespace_ == ""
    )


def _looks_like_surname(key: str, person_names: set[str]) -> bool:
    return " " not in key and key in person_names
