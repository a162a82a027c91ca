"""Actors: who is named in an article, under which names, and with which roles.

An :class:`ActorRegistry` is built per article from the named entities, repaired where the
small statistical model mislabels ("Berg" tagged as a place once it is known as a
person's surname), merged across name forms ("Anna Berg", "Berg", "Norwegian
Foreign Minister Anna Berg"), and mapped to states where a capital, seat of government,
ministry or demonym stands for one ("Moscow", "the Kremlin", "the Russians" -> Russia).
Who "he", "the minister" or "the alliance" is, is :mod:`claimdb.extract.coref`'s job.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimdb.extract.gazetteer import Gazetteer, gazetteer, normalize_place
from claimdb.extract.lexicon import Lexicon, lexicon
from claimdb.extract.model import ActorKind, Mention
from claimdb.extract.names import NAME_PUNCT, looks_like_surname, normalize_name, trim_entity
from claimdb.extract.syntax import in_opening_phrase, is_acronym_plural

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


# Forms of address that name the person after them ("Mr. Regalado", "Dame Rosalind").
_COURTESY = frozenset({"mr", "mister", "mrs", "ms", "miss"})
_HONOURS = frozenset({"sir", "dame", "lord", "lady"})
_HONORIFICS = _COURTESY | _HONOURS
# Entity labels the recogniser gives a lone unfamiliar surname by mistake.
_MISREAD_SURNAME_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "LANGUAGE"})

# Articles that open the names of newspapers and other titles in other languages ("Le
# Monde", "El País", "Die Zeit"), never a person's first name; "Le Pen" is a surname only
# after a first name, which the check for longer names catches.
_NAME_ARTICLES = frozenset({"le", "la", "les", "el", "il", "lo", "los", "las", "der", "die", "das"})


# Prepositions whose object is a place, never a person ("in Kherson"; not "from", "to").
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "around", "throughout"})


def _who_clause(name: Token) -> bool:
    """ "Farquhar, who represented Mr Tagirov,": "who" is said of people, "which" of bodies."""
    return any(
        c.dep_ == "relcl" and any(g.lower_ in ("who", "whom") and g.i < c.i for g in c.children)
        for c in name.children
    )


def _courtesy(title: str) -> bool:
    """ "Mr.", "Ms.", "Dr.": a form of address, not a role."""
    low = title.casefold().rstrip(".")
    return low in _COURTESY or low == "dr"


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
    gender_settled: bool = False
    """The person's own cues said it ("X said he …"); no later guess changes it."""
    mentions: list[Mention] = field(default_factory=list)
    plural: bool = False
    name_forms: dict[str, int] = field(default_factory=dict)
    """How often each full form of a person's name was written, to pick the canonical one."""
    named: bool = True
    """False for actors known only by a description ("a source", "officials")."""
    surname_titles: set[str] = field(default_factory=set)
    """Titles this person was given while known by surname alone ("President", "Mr.")."""
    titled_forms: dict[str, int] = field(default_factory=dict)
    """How often each "Title Surname" form was written ("President Obama": 3)."""
    participant: bool = False

    def add_alias(self, alias: str) -> None:
        alias = NAME_PUNCT.sub("", alias)
        if alias and normalize_name(alias) not in {normalize_name(a) for a in self.aliases}:
            self.aliases.append(alias)

    def vote_gender(self, gender: str) -> None:
        if self.gender_settled:
            return
        self.gender_votes[gender] = self.gender_votes.get(gender, 0) + 1
        self.gender = max(self.gender_votes, key=lambda g: self.gender_votes[g])

    def settle_gender(self, gender: str) -> None:
        self.gender = gender
        self.gender_settled = True

    @property
    def name_parts(self) -> list[str]:
        return normalize_name(self.name).split()

    @property
    def display_name(self) -> str:
        """The name to show: for a person the article never gives a first name, the title
        and surname it writes most ("President Obama", "Senator Kaine"), since a bare
        surname does not say which Obama; otherwise the name."""
        if self.kind != "person" or len(self.name_parts) != 1 or not self.titled_forms:
            return self.name
        return max(self.titled_forms.items(), key=lambda kv: kv[1])[0]


@dataclass(frozen=True, slots=True)
class Reference:
    """One place in the text where an actor is referred to, by token index."""

    token: int
    actor: ActorDraft
    subject: bool


class ActorRegistry:
    """All actors of one article and the places they are referred to."""

    def __init__(
        self,
        doc: Doc,
        skip_tokens: set[int],
        quoted_tokens: set[int] | None = None,
        dateline_places: Sequence[tuple[int, str]] = (),
    ) -> None:
        self.doc = doc
        self._dateline_places = list(dateline_places)
        """(character, place) of each dateline: where each story of the page was filed."""
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
        # Honours before a full name first ("Dame Rosalind Tremayne" … "Dame Rosalind"), so
        # that the first name alone, read with the entities, finds the person.
        self._read_honorific_names(honours_only=True)
        self._calls_self = self._speakers_calling_self()
        self._read_entities()
        self._read_missed_countries()
        self._read_missed_surnames()
        self._read_honorific_names()
        self._learn_genders()

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
        return self._actor(name, "organization" if self._is_organization(name) else "country")

    def _is_organization(self, name: str) -> bool:
        known = self.lex.organizations.get(name.casefold())
        return known is not None or any(o.name == name for o in self.lex.organizations.values())

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
        # A name in apposition to the subject is the subject: "Finland's foreign minister,
        # Helena Saarinen, urged …".
        subject = head.dep_ in ("nsubj", "nsubjpass") or (
            head.dep_ == "appos"
            and (
                head.head.dep_ in ("nsubj", "nsubjpass")
                # "In Vilnius, Rasa Vaitkutė, who chairs …, called for …": a person is not
                # in apposition to the place an opening phrase names; the parser lost the
                # subject.
                or (actor.kind == "person" and in_opening_phrase(head.head))
            )
        )
        self._add_reference(head.i, actor, subject)

    def _add_reference(self, token: int, actor: ActorDraft, subject: bool) -> None:
        pos = bisect_left(self._ref_positions, token)
        if pos < len(self._ref_positions) and self._ref_positions[pos] == token:
            return
        self._ref_positions.insert(pos, token)
        self._references.insert(pos, Reference(token, actor, subject))

    def _read_entities(self) -> None:
        ents = [e for e in self.doc.ents if e.start not in self._skip]
        # A name written as "the Danube Review" is a body wherever else the recogniser took it
        # for a person ("Danube Review: Will you …" in an interview).
        bodies = {
            normalize_name(e.text) for e in ents if e.label_ == "ORG" and self.doc[e.start].lower_ == "the"
        }
        person_names = self._person_names(
            [e for e in ents if e.label_ != "PERSON" or normalize_name(e.text) not in bodies]
        )
        # A one-word name written after "in" or "near" is a place wherever it stands.
        places = {
            normalize_name(e.text)
            for e in ents
            if e.label_ in ("PERSON", "GPE", "LOC") and len(e) == 1 and self._in_a_place(e[0])
        } - person_names
        for ent in ents:
            label = ent.label_
            if label not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
                continue
            start, end = trim_entity(ent)
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
            elif label == "PERSON" and key in bodies:
                label = "ORG"
            elif label == "PERSON" and key in places:
                label = "GPE"  # "a prosecutor in Kherson": a town the recogniser took for a name
            if label == "PERSON" and (
                self._named_organization(end) or self._titled_name(start, end, ents) or self._trade_after(end)
            ):
                # "the government newspaper Rossiiskiye Vedomosti", "Le Guetteur", "Corrigan
                # Microsystems, the Texas-based maker of the chips,"
                label = "ORG"
            if (
                label == "PERSON"
                or key in person_names
                or (label != "NORP" and looks_like_surname(key, person_names))
            ):
                if self.gaz.country(text) and label != "PERSON" and key not in person_names:
                    self._country_mention(start, end, self.gaz.country(text) or text)
                    continue
                self._person_mention(start, end)
            elif label == "NORP":
                self._norp_mention(start, end)
            elif (country := self.gaz.country(text)) is not None:
                self._country_mention(start, end, country)
            elif (
                label == "ORG"
                and end - start <= 2
                and end < len(self.doc)
                and self._is_role_word(self.doc[end])
            ):
                continue  # "Defence [Minister]": part of a title, not an organisation
            elif label in ("ORG", "LOC", "GPE") and self._person_like(start, end):
                # "spokeswoman [Marina Selezneva]" read as a place; "[Spokeswoman Marina
                # Selezneva]" as an organisation
                self._person_mention(start, end)
            elif label == "ORG":
                self._org_mention(start, end)
            elif label == "LOC" and (bloc := self.lex.blocs.get(key)) is not None:
                actor = self._actor(bloc, "group")
                self._mention(actor, start, end)
            elif label == "GPE":
                # Cities, regions and states: places, kept as "other" actors so that a
                # speaker like "Ohio" still resolves, but not mistaken for countries.
                self._mention(self._actor(text, "other"), start, end)

    def _in_a_place(self, token: Token) -> bool:
        """The token is the object of a preposition of place: "in Kherson", "near Kupiansk"."""
        return token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPOSITIONS

    def _read_missed_countries(self) -> None:
        """A one-word country name the recogniser passed over ("Armenia wants both armies
        …", tagged as a plain proper noun), standing alone: not part of a longer name."""
        doc = self.doc
        for t in doc:
            if t.ent_type_ or t.pos_ != "PROPN" or t.i in self._skip or t.i in self._token_actor:
                continue
            if any(doc[j].pos_ == "PROPN" for j in (t.i - 1, t.i + 1) if 0 <= j < len(doc)):
                continue
            country = self.gaz.names.get(normalize_place(t.text))
            if country is not None:
                self._country_mention(t.i, t.i + 1, country)

    def _read_missed_surnames(self) -> None:
        """The surname of a person named in full, standing alone where the recogniser saw no
        name ("But Hargreaves fumed …"): that person, when no one else has that surname."""
        doc = self.doc
        by_surname: dict[str, list[ActorDraft]] = {}
        for actor in self.actors:
            if actor.kind == "person" and len(actor.name_parts) >= 2:
                by_surname.setdefault(actor.name_parts[-1], []).append(actor)
        for t in doc:
            # The small model also takes an unfamiliar surname on its own for a product or a
            # work ("Dr Chanda, a former vice-president"); never for a body or a place.
            misread = (
                t.ent_type_ in _MISREAD_SURNAME_LABELS
                and t.ent_iob_ == "B"
                and (t.i + 1 == len(doc) or doc[t.i + 1].ent_iob_ != "I")
            )
            if (t.ent_type_ and not misread) or not t.is_title:
                continue
            if t.i in self._skip or t.i in self._token_actor:
                continue
            people = by_surname.get(normalize_name(t.text))
            if people is None or len(people) != 1:
                continue
            if any(
                doc[j].is_title and doc[j].pos_ == "PROPN" and not (j < t.i and self._is_title(doc[j]))
                for j in (t.i - 1, t.i + 1)
                if 0 <= j < len(doc)
            ):
                continue  # part of a longer name ("Dr" before it is a title, not a name)
            self._mention(people[0], t.i, t.i + 1)
            self._learn_appositive(people[0], t)

    def _person_names(self, ents: list[Span]) -> set[str]:
        """Normalised full names and surnames of PERSON entities with two or more words."""
        names: set[str] = set()
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            start, end = trim_entity(ent)
            if self._named_organization(end) or self._titled_name(start, end, ents) or self._trade_after(end):
                continue
            parts = self._strip_titles(normalize_name(self.doc[start:end].text).split())
            if len(parts) >= 2 and not self.gaz.country(" ".join(parts)):
                names.add(" ".join(parts))
                names.add(parts[-1])
        # Names the recogniser took for organisations that the text itself shows are people:
        # "X said he …", a role in apposition ("Dovhal, a deputy foreign minister,") or a
        # clause opened by "who" ("Imogen Farquhar, who represented …"),
        # which then holds for every mention of the name ("Oksana Dovhal was awake …").
        shown = set(self._calls_self) | {
            normalize_name(t.text)
            for t in self.doc
            if t.pos_ in ("PROPN", "NOUN")  # a surname opening a sentence may pass for a noun
            and t.is_title
            and t.ent_type_ not in ("GPE", "NORP")
            and (self._role_in_apposition(t) or _who_clause(t))
        }
        for ent in ents:
            if ent.label_ == "ORG":
                parts = normalize_name(ent.text).split()
                if parts and parts[-1] in shown and len(parts) <= 3 and not self._organization_name(parts):
                    names.add(" ".join(parts))
                    names.add(parts[-1])
        return names

    def _organization_name(self, parts: list[str]) -> bool:
        return self.lex.organizations.get(" ".join(parts)) is not None or any(
            w in self.lex.organization_nouns for w in parts
        )

    def _speakers_calling_self(self) -> dict[str, str]:
        """Names that say something of "he" or "she" right after their cue, with that
        gender: "Pătrașcu said he would ask allies …", "Dragomir insisted that she …". A body
        says "it" or "we". Keyed by the name's last word."""
        votes: dict[str, dict[str, int]] = {}
        for verb in self.doc:
            if verb.pos_ != "VERB" or self.lex.lemma(verb) not in self.lex.cue_verbs:
                continue
            name = next((c for c in verb.lefts if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
            clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
            if name is None or clause is None:
                continue
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in ("he", "she") and subject.i - verb.i <= 2:
                counts = votes.setdefault(normalize_name(name.text), {})
                gender = PERSONAL_PRONOUNS[subject.lower_]
                counts[gender] = counts.get(gender, 0) + 1
        # The majority, none on a tie: "Pătrașcu replied that she spoke for …" is about his
        # opponent; "Pătrașcu said he would …" twice outweighs it.
        return {
            name: max(counts, key=lambda g: counts[g])
            for name, counts in votes.items()
            if len(set(counts.values())) == len(counts)
        }

    def _strip_titles(self, parts: list[str]) -> list[str]:
        while len(parts) > 1 and (
            parts[0] in self.lex.person_roles or parts[0] in self.lex.title_abbreviations
        ):
            parts = parts[1:]
        return parts

    def _person_mention(self, start: int, end: int) -> None:
        doc = self.doc
        # Titles inside the entity ("President Berg", "Mr. Trump") are roles, not name.
        entity_start = start
        while end - start > 1 and self._is_title(doc[start]):
            start += 1
        parts = normalize_name(doc[start:end].text).split()
        if not parts:
            return
        title_start = self._title_start(start, end)
        titles = {
            t.lower_.rstrip(".")
            for t in doc[min(entity_start, title_start, max(0, start - 1)) : start]
            if self._is_title(t)
        }
        actor = self._find_person(parts, titles)
        full = NAME_PUNCT.sub("", doc[start:end].text)
        if actor is None:
            actor = self._actor(full, "person")
        self._count_name_form(actor, full)
        self._by_key.setdefault(" ".join(parts), actor)
        if len(parts) == 1 and len(actor.name_parts) == 1:
            actor.surname_titles |= titles
            before = doc[start - 1] if start > 0 else None
            if (
                before is not None
                and before.is_title
                and self._is_title(before)
                and not _courtesy(before.text)
            ):
                form = f"{before.text} {doc[start:end].text}"
                actor.titled_forms[form] = actor.titled_forms.get(form, 0) + 1
        self._mention(actor, start, end)
        if title_start < start:
            title = doc[title_start:start]
            self._learn_role(actor, title.text, list(title))
            actor.add_alias(doc[title_start:end].text)
        self._learn_appositive(actor, doc[end - 1])
        self._learn_gender_nearby(actor, doc[end - 1])

    def _count_name_form(self, actor: ActorDraft, full: str) -> None:
        """Count a written form of a person's name. The canonical name is the full form
        written most often (first seen on a tie): a headline's "Rip Donald Trump" cannot
        outvote the body's "Donald Trump"."""
        if len(normalize_name(full).split()) >= 2:
            actor.name_forms[full] = actor.name_forms.get(full, 0) + 1
        best = max(actor.name_forms.items(), key=lambda kv: kv[1], default=(actor.name, 0))[0]
        if best != actor.name and len(normalize_name(best).split()) >= len(actor.name_parts) - 1:
            self._by_key.pop(normalize_name(actor.name), None)
            actor.name = best
            self._by_key[normalize_name(best)] = actor
            actor.add_alias(best)

    def _find_person(
        self, parts: list[str], titles: set[str] | None = None, at: int | None = None
    ) -> ActorDraft | None:
        """The person a name form refers to: the same name, a shorter form of a known full
        name, or a full form of a surname known so far. ``titles`` are the titles written
        before this form, ``at`` where it is written, when it is read out of order."""
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
                # "President Obama" … "Mr. Obama" … "Michelle Obama": once the article has
                # been calling someone by title and surname, a full name with a first name
                # but without one of those titles is another member of the family.
                # A full name written before any of those forms introduced the person: the
                # rules reading appositions find it after the entity pass has met "Mr X".
                introduces = at is not None and all(at < m.start for m in actor.mentions)
                if not actor.surname_titles or (titles or set()) & actor.surname_titles or introduces:
                    best = best or actor
        # "Hillary" alone, when exactly one person of that first name is known.
        if best is None and len(by_first_name) == 1:
            return by_first_name[0]
        return best

    def _is_title(self, token: Token) -> bool:
        low = token.lower_.rstrip(".")
        return low in self.lex.person_roles or low in self.lex.title_abbreviations

    def _title_start(self, start: int, end: int) -> int:
        """Where the title before a name begins ("Norwegian Foreign Minister | Anna Berg")."""
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
        if is_acronym_plural(token):
            low = low[:-1]  # "MPs", "MEPs"
        return low in self.lex.person_roles or token.lemma_.casefold() in self.lex.person_roles

    def _role_in_apposition(self, name: Token) -> bool:
        """ "Dovhal, a deputy foreign minister,": a role in apposition to the name."""
        return any(c.dep_ == "appos" and self._is_role_word(c) for c in name.children)

    def _learn_role(self, actor: ActorDraft, description: str, tokens: list[Token]) -> None:
        description = NAME_PUNCT.sub("", description)
        if description.casefold().startswith("the "):
            description = description[4:]
        if not description:
            return
        # The first role given, usually the current title.
        if actor.description is None and not _courtesy(description):
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

    def _read_honorific_names(self, *, honours_only: bool = False) -> None:
        """ "Mr. Regalado", "Ms. Gedrich": an honorific before capitalised words names a
        person even where the entity recogniser missed it, and tells the gender.
        ``honours_only`` reads only British honours before a full name ("Sir Geoffrey
        Pinnock")."""
        doc = self.doc
        for token in doc:
            low = token.lower_.rstrip(".")
            if low not in (_HONOURS if honours_only else _HONORIFICS) or token.i in self._skip:
                continue
            gender = "m" if low in self.lex.male_words else "f"
            end = token.i + 1
            while end < len(doc) and end - token.i <= 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            if end == token.i + 1 or (honours_only and end - token.i < 3):
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

    def _learn_genders(self) -> None:
        """A sentence about one person followed by "he" or "she" (in it or at the start of
        the next) says which: votes, so that one odd sentence cannot decide. Then what the
        person's own cues say ("X said he …", by majority over the article) settles it: a
        sentence about one person may go on about another ("X replied that she spoke for …")."""
        sents = list(self.doc.sents)
        refs_by_sent: dict[int, set[int]] = {}
        actor_by_id: dict[int, ActorDraft] = {}
        for ref in self._references:
            if ref.actor.kind == "person":
                sent_start = self.doc[ref.token].sent.start
                refs_by_sent.setdefault(sent_start, set()).add(id(ref.actor))
                actor_by_id[id(ref.actor)] = ref.actor
        for sent in sents:
            people = refs_by_sent.get(sent.start)
            if not people or len(people) != 1:
                continue
            actor = actor_by_id[next(iter(people))]
            # The next sentence's first words, past a paragraph break ("…wish for.\n\nShe wants")
            following = [t for t in self.doc[sent.end : sent.end + 8] if not t.is_space][:3]
            window = list(sent) + following
            first_ref = min(
                (r.token for r in self._references if r.actor is actor and sent.start <= r.token < sent.end),
                default=sent.start,
            )
            for t in window:
                # In the person's own quoted words "he"/"him" is someone else.
                if t.i <= first_ref or t.i in self._quoted or self._object_of_own_clause(t, actor):
                    continue
                g = _PRONOUN_GENDER.get(t.lower_)
                if g:
                    actor.vote_gender(g)
                    break
                if t.ent_type_ == "PERSON":
                    break
        for actor in self.actors:
            own = (
                self._calls_self.get(actor.name_parts[-1])
                if actor.kind == "person" and actor.name_parts
                else None
            )
            if own is not None:
                actor.settle_gender(own)

    def _object_of_own_clause(self, pronoun: Token, actor: ActorDraft) -> bool:
        """ "Fiona Carradine … accused him of …": the object of a clause whose subject is
        the person is someone else, and says nothing of the person's gender."""
        return pronoun.dep_ in ("dobj", "dative") and any(
            c.dep_ in ("nsubj", "nsubjpass") and self._token_actor.get(c.i) is actor
            for c in pronoun.head.children
        )

    def _learn_gender_nearby(self, actor: ActorDraft, head: Token) -> None:
        """A person who is the subject of a clause and is followed, before any other name,
        by "his"/"he" or "her"/"she" in the same sentence is most likely that gender."""
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return
        sent = head.sent
        for t in self.doc[head.i + 1 : min(sent.end, head.i + 25)]:
            if t.ent_type_ == "PERSON":
                return
            if t.i in self._quoted or self._object_of_own_clause(t, actor):
                continue
            g = PERSONAL_PRONOUNS.get(t.lower_) or {"his": "m", "himself": "m", "herself": "f"}.get(t.lower_)
            if g:
                actor.vote_gender(g)
                return

    def _norp_mention(self, start: int, end: int) -> None:
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
        if noun_head and self._speaks_for_a_state(head) and country:
            # "the Russian government", "the Russian foreign ministry", "the Tajik side" speak
            # for the state; a later bare "the ministry" or "the government" points back to it.
            left = head.left_edge.i
            state = self._state(country)
            state.roles.add(head.lemma_.casefold())
            self._mention(state, left, head.i + 1)
        elif noun_head and bloc and head.lower_ in _GROUP_HEADS:
            actor = self._actor(f"{doc[start:end].text} {head.text}", "group")
            actor.plural = True
            self._mention(actor, start, head.i + 1)
            self._by_key.setdefault(normalize_name(bloc), actor)
        elif plural and country and not noun_head and any(c.lower_ == "the" for c in root.children):
            # "the Russians" as a subject stands for the state; "many Americans" and a
            # generic "Mexicans often say" are people (handled below as a group).
            self._mention(self._state(country), start, end)
        elif plural and country and not noun_head:
            words = doc[root.left_edge.i : end]
            actor = self._actor(words.text, "group")
            actor.plural = True
            self._mention(actor, root.left_edge.i, end)
        elif plural and bloc and not noun_head:
            actor = self._by_key.get(normalize_name(bloc)) or self._actor(bloc, "group")
            actor.plural = True
            self._mention(actor, start, end)
        elif plural and not noun_head and not country:
            actor = self._actor(doc[start:end].text, "group")
            actor.plural = True
            self._mention(actor, start, end)

    def _country_mention(self, start: int, end: int, country: str) -> None:
        doc = self.doc
        text = doc[start:end].text
        head = doc[end - 1].head
        if self.gaz.demonyms.get(normalize_place(text)) and doc[end - 1].dep_ in ("amod", "compound"):
            if head.lower_ in self.lex.state_nouns:
                self._state(country).roles.add(head.lemma_.casefold())
                self._mention(self._state(country), head.left_edge.i, head.i + 1)
            return  # "Ukrainian territory": an adjective, not a reference to the state
        self._mention(self._state(country), start, end)
        if doc[end - 1].dep_ == "poss" and head.lower_ in self.lex.state_nouns:
            # "a spokeswoman for Russia's foreign ministry": a later "the ministry" is Russia's
            self._state(country).roles.add(head.lemma_.casefold())
            self._add_reference(head.i, self._state(country), head.dep_ in ("nsubj", "nsubjpass"))

    def _dateline_state(self, char: int) -> tuple[int, str | None]:
        """Where the story holding ``char`` starts and the state its dateline's place is in,
        when it has one ("WARSAW" -> Poland; not "BRUSSELS", the seat of no state)."""
        filed = [(at, place) for at, place in self._dateline_places if at <= char]
        if not filed:
            return 0, None
        at, place = filed[-1]
        country = self.gaz.country(place)
        if country is None or self._is_organization(country):
            return at, None
        return at, country

    def _state_of_department(self, start: int, end: int) -> tuple[str, int] | None:
        """The state a department whose name names no country belongs to, and where its
        name ends: the one named after it ("The Ministry of Foreign Affairs of the Russian
        Federation", the whole a name of Russia), else the state of the story's dateline
        ("The Foreign Ministry" under "MOSCOW, 8 April")."""
        words = normalize_name(self.doc[start:end].text).split()
        if not any(w in self.lex.state_nouns for w in words) or not all(
            w in self.lex.state_nouns or w in self.lex.portfolio_words for w in words
        ):
            return None
        if end < len(self.doc) and self.doc[end].lower_ == "of":
            owner = next((c for c in self.doc[end].children if c.dep_ == "pobj"), None)
            if owner is not None and (
                country := self.gaz.country(self.doc[owner.left_edge.i : owner.i + 1].text)
            ):
                return country, owner.i + 1
        filed_in = self._dateline_state(self.doc[start].idx)[1]
        return (filed_in, end) if filed_in is not None else None

    def _named_organization(self, end: int) -> bool:
        """A name in apposition to an organisation noun: "the news agency Tass", "the
        newspaper Rossiiskiye Vedomosti"."""
        head = self.doc[end - 1]
        if head.dep_ != "appos" or head.head.lemma_.casefold() not in self.lex.organization_nouns:
            return False
        # "The leader of the Civic Centre party, Ondrej Mališ,": the parser hangs the leader's
        # name on the party; a name set off by commas after "role of the <body>" is the role's.
        body = head.head
        role_of = body.dep_ == "pobj" and body.head.lower_ == "of" and self._is_role_word(body.head.head)
        return not (role_of and self.doc[head.left_edge.i - 1].text == ",")

    def _trade_after(self, end: int) -> bool:
        """A name with a company's trade in apposition: "Corrigan Microsystems, the Texas-based
        maker of the chips,"."""
        return any(
            c.dep_ == "appos" and c.lemma_.casefold() in self.lex.body_nouns
            for c in self.doc[end - 1].children
        )

    def _titled_name(self, start: int, end: int, ents: list[Span]) -> bool:
        """A "person" whose name opens with a foreign article ("Le Guetteur", "Il Faro"): a
        title, unless it ends a longer person's name found in the text ("Marine Le Pen")."""
        words = normalize_name(self.doc[start:end].text).split()
        if not 2 <= len(words) <= 3 or words[0] not in _NAME_ARTICLES:
            return False
        name = " ".join(words)
        return not any(e.label_ == "PERSON" and normalize_name(e.text).endswith(" " + name) for e in ents)

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
        if len(tokens) >= 2 and tokens[0].lower_ in _HONOURS:
            return True  # "Dame Rosalind", "Sir Geoffrey Pinnock"
        if len(tokens) == 3 and self._is_role_word(tokens[0]):
            return True  # "Spokeswoman Marina Selezneva" opening a sentence; not "General Motors"
        head = tokens[-1]
        role_after = self._role_in_apposition(head)
        role_before = (
            start > 0
            and self._is_role_word(doc[start - 1])
            # "spokeswoman [Chaudhary]", the name parsed as the role's apposition or its head
            and (doc[start - 1].head.i == head.i or (head.dep_ == "appos" and head.head.i == start - 1))
        )
        # "The federation's general secretary, Ieva Sabaliauskienė,": a two-word name in
        # apposition (not "Volgaz's rival, Caspian Meridian Energy,")
        role_above = len(tokens) == 2 and head.dep_ == "appos" and self._is_role_word(head.head)
        return role_after or role_before or role_above

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
        department = self._state_of_department(start, end)
        if department is not None:
            state, end = department
            actor = self._state(state)
            actor.roles.update(w for w in key.split() if w in self.lex.state_nouns)
            self._mention(actor, start, end)
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
            actor = self._actor(NAME_PUNCT.sub("", text), "organization")
            head = self.doc[end - 1]
            actor.roles.add(head.lemma_.casefold())
            # "Ministry of Foreign Affairs" is what a later "the ministry" refers to.
            actor.roles.update(
                t.lemma_.casefold()
                for t in self.doc[start:end]
                if t.lemma_.casefold() in self.lex.organization_nouns
            )
        # "NATO military alliance": the compound head names what the organisation is.
        root = self.doc[end - 1]
        if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i == end:
            kind_word = root.head
            actor.roles.add(kind_word.lemma_.casefold())
            if kind_word.lemma_.casefold() in self.lex.organization_nouns:
                self._mention(actor, start, kind_word.i + 1)
                return
        self._mention(actor, start, end)

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

    def _state_phrase(self, token: Token) -> str | None:
        """ "the Russian government", "France's leadership", "Moscow's authorities", "the
        Tajik side" -> the state."""
        if not self._speaks_for_a_state(token):
            return None
        for child in token.lefts:
            text = child.text
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                country = self.gaz.country(text)
                if country:
                    return country
        return None

    def _speaks_for_a_state(self, noun: Token) -> bool:
        """A noun that, qualified by a state, speaks for it: "the Russian government",
        "France's ministry", "the Tajik side"."""
        return noun.lower_ in self.lex.state_nouns or noun.lower_ == "side"

    def _person_state(self, person: ActorDraft) -> str | None:
        """The state a person's title names ("Vietnam’s foreign minister, Đỗ Minh Khoa")."""
        found = {c for role in person.roles if (c := self.gaz.country(role)) is not None}
        return found.pop() if len(found) == 1 else None
