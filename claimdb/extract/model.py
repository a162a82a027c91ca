"""What extraction returns: frozen records, each tied to an exact span of the article.

These types are the contract between the extractor (which knows spaCy, not the database)
and the store (which knows the database, not spaCy). Every ``start``/``end`` pair indexes
the article text exactly as read, and ``text == article[start:end]``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "organization", "country", "group", "other"]
Polarity = Literal["support", "oppose", "neutral"]
EvidenceKind = Literal["claim", "demand"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place an actor is named or referred to ("Berg", "the Kremlin", "he")."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, government, organisation or group, merged across its names in one article."""

    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    description: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """Content attributed to a speaker by a cue: a direct quote or reported speech."""

    speaker: str | None
    cue: str
    direct: bool
    start: int
    end: int
    text: str
    confidence: float = 0.5
    topics: tuple[str, ...] = ()
    speaker_mention: Mention | None = None
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Demand:
    """An actor requiring an action of another: "Russia calls on NATO to end expansion"."""

    demander: str | None
    addressee: str | None
    cue: str
    start: int
    end: int
    text: str
    topic: str | None = None
    claim: int | None = None
    """Index into ``Extraction.claims`` of the claim the demand was stated in, if any."""
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Stance:
    """An actor's position on a topic, with the claim or demand that shows it."""

    actor: str
    topic: str
    polarity: Polarity
    evidence_kind: EvidenceKind
    evidence: int
    """Index into ``Extraction.claims`` or ``Extraction.demands``, per ``evidence_kind``."""
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one article."""

    actors: tuple[Actor, ...] = ()
    claims: tuple[Claim, ...] = ()
    demands: tuple[Demand, ...] = ()
    stances: tuple[Stance, ...] = ()
    extractor_version: str = field(default="")
