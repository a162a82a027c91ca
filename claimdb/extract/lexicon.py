"""The word lists the rules read, loaded once from ``data/lexicon/*.toml``.

Keeping them as data makes them reviewable by people who are not programmers, and keeps
the rules free of hand-typed vocabulary. Country names, capitals and demonyms come from
the countryinfo package (see :mod:`claimdb.extract.gazetteer`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from claimdb.resources import data_file

if TYPE_CHECKING:
    from spacy.tokens import Token


def _load(name: str) -> dict[str, Any]:
    with data_file(f"lexicon/{name}").open("rb") as fh:
        return tomllib.load(fh)


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


@dataclass(frozen=True)
class KnownOrganization:
    name: str
    nouns: frozenset[str]
    aliases: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    phrasal_cues: dict[str, str]
    object_verbs: frozenset[str]
    cognition_verbs: frozenset[str]
    cue_nouns: frozenset[str]
    preposition_verbs: dict[str, frozenset[str]]
    """Verb -> the prepositions that introduce its content ("warn" -> of, about, against)."""
    preposition_nouns: frozenset[str]
    noun_prepositions: frozenset[str]
    according_phrases: tuple[str, ...]
    viewpoint_nouns: frozenset[str]

    demand_verbs: frozenset[str]
    demand_prepositions: dict[str, frozenset[str]]
    demand_addressee_prepositions: dict[str, frozenset[str]]
    demand_infinitive_only: frozenset[str]
    demand_infinitive_required: frozenset[str]
    demand_nouns: frozenset[str]
    obligation_modals: frozenset[str]
    obligation_verbs: frozenset[str]
    cessation_verbs: frozenset[str]
    referring_nouns: frozenset[str]

    positive: frozenset[str]
    negative: frozenset[str]
    negations: frozenset[str]
    negative_phrases: tuple[str, ...]

    person_roles: frozenset[str]
    male_words: frozenset[str]
    female_words: frozenset[str]
    title_abbreviations: frozenset[str]
    organization_nouns: frozenset[str]
    body_nouns: frozenset[str]
    group_nouns: frozenset[str]
    information_sources: frozenset[str]

    seats: dict[str, str]
    state_nouns: frozenset[str]
    portfolio_words: frozenset[str]
    country_aliases: dict[str, str]
    demonyms: dict[str, str]
    blocs: dict[str, str]
    organizations: dict[str, KnownOrganization]

    boilerplate: tuple[re.Pattern[str], ...]
    labels: frozenset[str]

    verb_forms: dict[str, str]
    """Inflected form -> lemma for every verb above, for when the statistical lemmatizer
    slips ("hopes" -> "hop")."""

    @cached_property
    def judging_words(self) -> frozenset[str]:
        """Every evaluative word, positive or negative."""
        return self.positive | self.negative

    @cached_property
    def cue_verbs(self) -> frozenset[str]:
        return (
            self.speech_verbs | self.object_verbs | self.cognition_verbs | frozenset(self.preposition_verbs)
        )

    def lemma(self, token: Token) -> str:
        """The token's lemma, checked against the inflections of the verbs we know; a verb
        that is a cue only with its particle ("shot back", "called out") reads as the cue
        it means."""
        lemma = token.lemma_.casefold()
        if lemma in self.phrasal_heads:
            for particle in token.children:
                if particle.dep_ in ("prt", "advmod") and particle.i == token.i + 1:
                    meaning = self.phrasal_cues.get(f"{lemma} {particle.lower_}")
                    if meaning is not None:
                        return meaning
        if lemma in self.known_verbs:
            return lemma
        return self.verb_forms.get(token.lower_, lemma)

    @cached_property
    def phrasal_heads(self) -> frozenset[str]:
        return frozenset(phrase.split()[0] for phrase in self.phrasal_cues)

    @cached_property
    def known_verbs(self) -> frozenset[str]:
        return frozenset(self.verb_forms.values())


def _inflections(verb: str) -> set[str]:
    forms = {verb, verb + "s", verb + "ed", verb + "ing"}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(verb + "es")
    if len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # "plan" -> "planned"
    return forms


def _verb_forms(*groups: frozenset[str]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for group in groups:
        for verb in group:
            for form in _inflections(verb):
                forms.setdefault(form, verb)
    return forms


@cache
def lexicon() -> Lexicon:
    cues = _load("cues.toml")
    demands = _load("demands.toml")
    evaluation = _load("evaluation.toml")
    roles = _load("roles.toml")
    inst = _load("institutions.toml")
    boiler = _load("boilerplate.toml")
    orgs = {
        key.casefold(): KnownOrganization(v["name"], _words(v.get("nouns", [])), _words(v.get("aliases", [])))
        for key, v in inst["organizations"].items()
    }
    speech, objects, cognition = (_words(cues[k]["verbs"]) for k in ("speech", "object", "cognition"))
    demand_verbs = _words(demands["demand"]["verbs"])
    return Lexicon(
        verb_forms=_verb_forms(
            speech, objects, cognition, demand_verbs, _words(cues["preposition"]["verbs"])
        ),
        speech_verbs=_words(cues["speech"]["verbs"]),
        phrasal_cues={k.casefold(): v.casefold() for k, v in cues["speech"]["phrasal"].items()},
        object_verbs=_words(cues["object"]["verbs"]),
        cognition_verbs=_words(cues["cognition"]["verbs"]),
        cue_nouns=_words(cues["nouns"]["nouns"]),
        preposition_verbs={k.casefold(): _words(v) for k, v in cues["preposition"]["verbs"].items()},
        preposition_nouns=_words(cues["noun_preposition"]["nouns"]),
        noun_prepositions=_words(cues["noun_preposition"]["prepositions"]),
        according_phrases=tuple(cues["according"]["phrases"]),
        viewpoint_nouns=_words(cues["according"]["viewpoint_nouns"]),
        demand_verbs=_words(demands["demand"]["verbs"]),
        demand_prepositions={k: _words(v) for k, v in demands["demand"]["with_preposition"].items()},
        demand_addressee_prepositions={
            k: _words(v) for k, v in demands["demand"]["addressee_preposition"].items()
        },
        demand_infinitive_only=_words(demands["demand"]["addressee_infinitive_only"]),
        demand_infinitive_required=_words(demands["demand"]["infinitive_required"]),
        demand_nouns=_words(demands["nouns"]["nouns"]),
        obligation_modals=_words(demands["obligation"]["modals"]),
        obligation_verbs=_words(demands["obligation"]["verbs"]),
        cessation_verbs=_words(demands["obligation"]["cessation"]),
        referring_nouns=_words(demands["context"]["referring_nouns"]),
        positive=_words(evaluation["positive"]),
        negative=_words(evaluation["negative"]),
        negations=_words(evaluation["negations"]),
        negative_phrases=tuple(p.casefold() for p in evaluation["negative_phrases"]),
        person_roles=_words(roles["person"]),
        male_words=_words(roles["male"]),
        female_words=_words(roles["female"]),
        title_abbreviations=_words(roles["abbreviations"]),
        organization_nouns=_words(roles["organization"]),
        body_nouns=_words(roles["named_bodies"]),
        group_nouns=_words(roles["groups"]),
        information_sources=_words(roles["information_sources"]),
        seats={k.casefold(): v for k, v in inst["seats"].items()},
        state_nouns=_words(inst["state_nouns"]["nouns"]),
        portfolio_words=_words(inst["state_nouns"]["portfolios"]["words"]),
        country_aliases={k.casefold(): v for k, v in inst["country_aliases"].items()},
        demonyms={k.casefold(): v for k, v in inst["demonyms"].items()},
        blocs={k.casefold(): v for k, v in inst["blocs"].items()},
        organizations=orgs,
        boilerplate=tuple(re.compile(p, re.IGNORECASE) for p in boiler["lines"]),
        labels=_words(boiler["labels"]),
    )
