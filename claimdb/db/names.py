"""How actor names are compared: one normalised key per name, shared by store and queries."""

from __future__ import annotations

import re

# Words that refer to someone without naming them. An alias like "he" would otherwise bind
# every later "he" in the database to the first actor that used it.
_PRONOUNS = frozenset(
    "he she they it we i you who him her them his its their us me which that this those these one".split()
)
_QUOTES_AND_PERIODS = re.compile(r"[\"'.`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb]")


def normalize_name(name: str) -> str:
    """The key actor names are matched on: casefolded, quotes and periods removed,
    whitespace collapsed, a leading "the" dropped ("The U.S." and "us" are the same key)."""
    key = " ".join(_QUOTES_AND_PERIODS.sub("", name.casefold()).split())
    return key.removeprefix("the ")


def is_identifying(key: str) -> bool:
    """Whether a normalised name can identify an actor across articles (not "he", not "")."""
    return bool(key) and key not in _PRONOUNS and key != "the"


# Lower-case words that may sit inside a proper name ("Ministry of Defence", "Ursula von der
# Leyen", "Kremlin's").
_NAME_PARTICLES = frozenset(
    "of for and the de del della di da do dos das du la le von van der den al bin ibn y".split()
)
_LEADING_ARTICLES = ("the ", "a ", "an ")


def is_proper_name(alias: str) -> bool:
    """Whether an alias is a name ("Deputy Foreign Minister Arkady Selivanov", "EU", "the
    Kremlin") rather than a description ("the deputy minister", "Russia's foreign minister").

    Only names may join an actor across articles: a description fits a different person in
    the next article, and would merge them all into whoever used it first.
    """
    words = alias.strip()
    low = words.lower()
    for article in _LEADING_ARTICLES:
        if low.startswith(article):
            words = words[len(article) :]
            break
    tokens = [t for t in words.split() if any(c.isalpha() for c in t)]
    return bool(tokens) and all(t[0].isupper() or t.lower() in _NAME_PARTICLES for t in tokens)
