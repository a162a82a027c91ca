"""Names as the news writes them: the key two names share, and where a name's words end.

Pure string and token helpers used to read entities into actors; no actor logic here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
NAME_PUNCT = re.compile(r"^[\s\"'“”‘’(•*–—-]+|[\s\"'“”‘’),.:;–—-]+$")


def normalize_name(name: str) -> str:
    """The key two names must share to be the same actor: case, quotes, periods and a
    leading "the" ignored, possessive dropped."""
    s = name.casefold().replace("’", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[\"'.,;:()\[\]]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def trim_entity(ent: Span) -> tuple[int, int]:
    """Token range of an entity without a leading "the" or trailing possessive mark; a
    person's name cut short by the recogniser ("[Joanna] Wierzbicka") is completed."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if ent.label_ == "PERSON":
        while end < len(doc) and end - start < 4 and continues_name(doc[end - 1], doc[end]):
            end += 1
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    for i in range(start + 1, end):
        if doc[i].text in ("-", "–", "—") and doc[i].whitespace_ and doc[i - 1].whitespace_:
            end = i  # "… talks with Kyiv - Kremlin spokesman": a headline's dash ends the name
            break
    while end > start and (
        doc[end - 1].dep_ == "case"
        or doc[end - 1].is_punct
        or doc[end - 1].lower_ in ("'s", "’s")
        # A headline in title case lends its verb to the name before it ("Obama Says …").
        or (end - start > 1 and doc[end - 1].tag_ in ("VBZ", "VBD") and doc[end - 1].dep_ == "ROOT")
    ):
        end -= 1
    return start, end


def continues_name(last: Token, nxt: Token) -> bool:
    return (
        nxt.pos_ == "PROPN"
        and nxt.is_title
        and not nxt.ent_type_
        and last.dep_ == "compound"
        and last.head.i == nxt.i
        and not last.whitespace_ == ""
    )


def looks_like_surname(key: str, person_names: set[str]) -> bool:
    return " " not in key and key in person_names
