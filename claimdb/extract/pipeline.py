"""One parsed article in, one Extraction out: the order the rule modules run in."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from claimdb.extract.actors import ActorDraft
from claimdb.extract.claims import ClaimDraft, ClaimFinder
from claimdb.extract.coref import ActorTable
from claimdb.extract.demands import DemandDraft, DemandFinder
from claimdb.extract.document import Document
from claimdb.extract.model import Actor, Claim, Demand, Extraction, Mention, Stance
from claimdb.extract.stance import StanceDraft, StanceReader
from claimdb.topics import Taxonomy

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def analyse(doc: Doc, taxonomy: Taxonomy, *, published: dt.date | None, version: str) -> Extraction:
    document = Document.build(doc)
    quoted = {i for i, q in enumerate(document.quote_of_token) if q >= 0}
    actors = ActorTable(
        doc, document.skip_tokens | document.dateline_tokens(), quoted, document.dateline_places
    )
    claims = ClaimFinder(document, actors).run()
    demands = DemandFinder(document, actors, claims, taxonomy).run()
    stances = StanceReader(document, taxonomy).run(claims, demands)

    items: list[ClaimDraft | DemandDraft | StanceDraft] = [*claims, *demands, *stances]
    for item in items:
        for actor in _participants(item):
            actor.participant = True
    kept = [a for a in actors.actors if _worth_listing(a)]
    names = _canonical_names(kept)

    def name(actor: ActorDraft | None) -> str | None:
        return names.get(id(actor)) if actor is not None else None

    text = document.text
    return Extraction(
        actors=tuple(
            Actor(
                name=names[id(a)],
                kind=a.kind,
                aliases=tuple(a.aliases),
                description=a.description,
                mentions=tuple(sorted(set(a.mentions), key=lambda m: (m.start, m.end))),
            )
            for a in kept
        ),
        claims=tuple(
            Claim(
                speaker=name(c.speaker),
                cue=c.cue,
                direct=c.direct,
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                confidence=c.confidence,
                topics=_claim_topics(document, taxonomy, c),
                speaker_mention=_speaker_mention(doc, c),
                date=_claim_date(doc, c, published),
            )
            for c in claims
        ),
        demands=tuple(
            Demand(
                demander=name(d.demander),
                addressee=name(d.addressee),
                cue=d.cue,
                start=d.start,
                end=d.end,
                text=text[d.start : d.end],
                topic=d.topic,
                claim=d.claim,
                confidence=d.confidence,
            )
            for d in demands
        ),
        stances=tuple(
            Stance(
                actor=names[id(s.actor)],
                topic=s.topic,
                polarity=s.polarity,  # type: ignore[arg-type]
                evidence_kind=s.evidence_kind,  # type: ignore[arg-type]
                evidence=s.evidence,
                confidence=s.confidence,
            )
            for s in stances
            if id(s.actor) in names
        ),
        extractor_version=version,
    )


def _participants(item: ClaimDraft | DemandDraft | StanceDraft) -> list[ActorDraft]:
    if isinstance(item, ClaimDraft):
        return [item.speaker] if item.speaker else []
    if isinstance(item, DemandDraft):
        return [a for a in (item.demander, item.addressee) if a is not None]
    return [item.actor]


def _worth_listing(actor: ActorDraft) -> bool:
    """Everyone who speaks, demands, is addressed or takes a stance; besides them, people,
    organisations and countries the article keeps returning to (named twice or more). A
    place, a region ("Europe"), a passer-by named once or an unnamed description is left
    out unless it takes part."""
    if actor.participant:
        return True
    named_twice = len({(m.start, m.end) for m in actor.mentions}) >= 2
    return actor.named and named_twice and actor.kind in ("person", "organization", "country")


def _canonical_names(actors: list[ActorDraft]) -> dict[int, str]:
    names: dict[int, str] = {}
    used: set[str] = set()
    for actor in actors:
        base = actor.display_name
        candidate, n = base, 2
        while candidate.casefold() in used:  # two different actors may share a surname
            candidate = f"{base} ({n})"
            n += 1
        used.add(candidate.casefold())
        names[id(actor)] = candidate
    return names


def _claim_topics(document: Document, taxonomy: Taxonomy, claim: ClaimDraft) -> tuple[str, ...]:
    """Topics of a claim, read sentence by sentence (a long quote is not one phrase)."""
    found: list[str] = []
    for start, end in document.sentence_pieces(claim.start, claim.end):
        for topic in document.topics_in(taxonomy, start, end):
            if topic not in found:
                found.append(topic)
    return tuple(found)


def _speaker_mention(doc: Doc, claim: ClaimDraft) -> Mention | None:
    if claim.source_token is None:
        return None
    token = doc[claim.source_token]
    return Mention(token.idx, token.idx + len(token.text), token.text)


def _claim_date(doc: Doc, claim: ClaimDraft, published: dt.date | None) -> dt.date | None:
    """The day the claim was made: a weekday named next to the cue ("said on Tuesday")
    counted back from the publication date; otherwise the publication date."""
    if published is None:
        return None
    cue = doc[claim.cue_token]
    for t in cue.sent:
        low = t.lower_
        if low in _WEEKDAYS and abs(t.i - cue.i) <= 6:
            back = (published.weekday() - _WEEKDAYS.index(low)) % 7
            return published - dt.timedelta(days=back)
        if low == "yesterday" and abs(t.i - cue.i) <= 6:
            return published - dt.timedelta(days=1)
    return published
