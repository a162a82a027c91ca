"""Countries by every name the news uses for them: names, spellings, capitals, demonyms.

Built once from the countryinfo package (MIT; names, alternative spellings, capitals and
demonyms of ~250 countries), topped up by ``data/lexicon/institutions.toml`` for seats of
government ("the Kremlin") and the few spellings countryinfo lacks ("Britain", "U.S.").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from claimdb.extract.lexicon import lexicon


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, str]
    """Lower-cased country name or spelling -> canonical country name."""
    capitals: dict[str, str]
    """Lower-cased capital or seat of government -> country (a capital speaks for its state)."""
    demonyms: dict[str, str]
    """Lower-cased demonym, singular or plural ("russian", "russians") -> country."""

    def country(self, text: str) -> str | None:
        """The country ``text`` names (as a name, capital, seat or demonym), if any."""
        key = normalize_place(text)
        return self.names.get(key) or self.capitals.get(key) or self.demonyms.get(key)


def normalize_place(text: str) -> str:
    key = text.casefold().replace("’", "'").strip(" .,;:'\"")
    if key.startswith("the "):
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    return key


def _plural(word: str) -> list[str]:
    if word.endswith("ese") or word.endswith("ss") or word.endswith("sh") or word.endswith("ch"):
        return [word]  # "Chinese", "Swiss", "British", "French": no plural form
    return [word + "s"]


# ISO 3166-1 codes withdrawn from use whose states countryinfo still ships: "Serbia and
# Montenegro" would otherwise take Belgrade from Serbia, "Antilles néerlandaises" Willemstad.
_WITHDRAWN_CODES = frozenset({"CS", "AN"})


def _countryinfo_records() -> list[dict[str, object]]:
    """The package's country records, current states only, in a fixed order (the folder's
    listing order differs between machines, and the first record to name a capital wins)."""
    folder = resources.files("countryinfo") / "data"
    records = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            record = json.loads(entry.read_text(encoding="utf-8"))
            iso = record.get("ISO")
            if isinstance(iso, dict) and iso.get("alpha2") in _WITHDRAWN_CODES:
                continue
            records.append(record)
    return records


@cache
def gazetteer() -> Gazetteer:
    lex = lexicon()
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for rec in _countryinfo_records():
        name = rec.get("name")
        if not isinstance(name, str):
            continue
        names.setdefault(name.casefold(), name)
        for alt in rec.get("altSpellings") or []:  # type: ignore[attr-defined]
            # Two-letter codes ("IN", "IT", "NO") are ordinary words in running text.
            if isinstance(alt, str) and len(alt) > 3 and alt.isascii():
                names.setdefault(alt.casefold(), name)
        capital = rec.get("capital")
        if isinstance(capital, str) and capital:
            capitals.setdefault(capital.casefold(), name)
            head = capital.split(" D.C.")[0].split(",")[0].strip().casefold()
            capitals.setdefault(head, name)
        demonym = rec.get("demonym")
        if isinstance(demonym, str) and demonym:
            for form in (demonym.casefold(), *_plural(demonym.casefold())):
                demonyms.setdefault(form, name)
    for alias, name in lex.country_aliases.items():
        names[alias] = name
    for seat, name in lex.seats.items():
        capitals[seat] = name
    for demonym, name in lex.demonyms.items():
        for form in (demonym, *_plural(demonym)):
            demonyms[form] = name
    return Gazetteer(names, capitals, demonyms)
