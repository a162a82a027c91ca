"""Saving one article and its extraction: idempotent, all-or-nothing, shared actors.

    with session_scope(engine) as s:
        report = save(s, article, extraction, taxonomy)

The caller owns the transaction (one per article). ``save`` checks the extraction against
the article text first and writes nothing if any span is wrong; an article whose text is
already stored is skipped, so re-running an ingest is harmless. Actors are shared across
articles: an extracted actor is the stored actor that has its name or any of its aliases
(normalised), or a new one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from claimdb.db import schema
from claimdb.db.dialect import chunks_for, insert_ignore, serialize_writes
from claimdb.db.names import is_identifying, is_proper_name, normalize_name
from claimdb.errors import InvalidExtractionError
from claimdb.extract.model import Actor, Extraction
from claimdb.sources import Article
from claimdb.topics import Taxonomy


@dataclass(frozen=True, slots=True)
class SaveReport:
    """What one ``save`` wrote. ``skipped`` means the article was already stored."""

    article_id: int
    skipped: bool = False
    actors_added: int = 0
    aliases_added: int = 0
    mentions_added: int = 0
    claims_added: int = 0
    demands_added: int = 0
    stances_added: int = 0


def save(session: Session, article: Article, extraction: Extraction, taxonomy: Taxonomy) -> SaveReport:
    """Store ``article`` and everything in ``extraction`` within the caller's transaction."""
    verify(article, extraction)
    serialize_writes(session)
    existing = session.scalar(
        select(schema.Article.id).where(schema.Article.content_hash == article.content_hash)
    )
    if existing is not None:
        return SaveReport(article_id=existing, skipped=True)

    article_id = _insert_article(session, article, extraction.extractor_version)
    _ensure_topics(session, extraction, taxonomy)
    actor_ids, actors_added, aliases_added = _resolve_actors(session, extraction)

    mentions = [
        _span_row(m, actor_id=actor_ids[a.name], article_id=article_id)
        for a in extraction.actors
        for m in a.mentions
    ]
    _insert(session, schema.table_of(schema.Mention), mentions)

    claim_ids = _insert(
        session,
        schema.table_of(schema.Claim),
        [
            {
                **_span_row(c, article_id=article_id),
                "speaker_id": actor_ids[c.speaker] if c.speaker else None,
                "cue": c.cue,
                "direct": c.direct,
                "claim_date": c.date,
                "confidence": c.confidence,
                "speaker_start": c.speaker_mention.start if c.speaker_mention else None,
                "speaker_end": c.speaker_mention.end if c.speaker_mention else None,
            }
            for c in extraction.claims
        ],
        returning=True,
    )
    _insert(
        session,
        schema.table_of(schema.ClaimTopic),
        [
            {"claim_id": claim_id, "topic_id": topic}
            for claim_id, c in zip(claim_ids, extraction.claims, strict=True)
            for topic in dict.fromkeys(c.topics)  # a topic listed twice is still one row
        ],
    )
    demand_ids = _insert(
        session,
        schema.table_of(schema.Demand),
        [
            {
                **_span_row(d, article_id=article_id),
                "demander_id": actor_ids[d.demander] if d.demander else None,
                "addressee_id": actor_ids[d.addressee] if d.addressee else None,
                "cue": d.cue,
                "topic_id": d.topic,
                "claim_id": claim_ids[d.claim] if d.claim is not None else None,
                "confidence": d.confidence,
            }
            for d in extraction.demands
        ],
        returning=True,
    )
    _insert(
        session,
        schema.table_of(schema.Stance),
        [
            {
                "actor_id": actor_ids[s.actor],
                "topic_id": s.topic,
                "polarity": s.polarity,
                "article_id": article_id,
                "claim_id": claim_ids[s.evidence] if s.evidence_kind == "claim" else None,
                "demand_id": demand_ids[s.evidence] if s.evidence_kind == "demand" else None,
                "confidence": s.confidence,
            }
            for s in extraction.stances
        ],
    )
    return SaveReport(
        article_id=article_id,
        actors_added=actors_added,
        aliases_added=aliases_added,
        mentions_added=len(mentions),
        claims_added=len(claim_ids),
        demands_added=len(demand_ids),
        stances_added=len(extraction.stances),
    )


# --- checking before writing ----------------------------------------------------------------


def verify(article: Article, extraction: Extraction) -> None:
    """Raise InvalidExtractionError unless every span is exactly the article text it names
    and every cross-reference and enumerated value is valid."""
    text = article.text
    problems: list[str] = []

    def span(what: str, start: int, end: int, expected: str) -> None:
        if not (0 <= start < end <= len(text)):
            problems.append(f"{what} span [{start}:{end}] is outside the text (length {len(text)})")
        elif text[start:end] != expected:
            problems.append(f"{what} span [{start}:{end}] is {text[start:end]!r}, not {expected!r}")

    for i, a in enumerate(extraction.actors):
        if a.kind not in schema.ACTOR_KINDS:
            problems.append(f"actor #{i} {a.name!r} has kind {a.kind!r}, not one of {schema.ACTOR_KINDS}")
        for j, m in enumerate(a.mentions):
            span(f"actor #{i} mention #{j}", m.start, m.end, m.text)
    for i, c in enumerate(extraction.claims):
        span(f"claim #{i}", c.start, c.end, c.text)
        if c.speaker_mention is not None:
            m = c.speaker_mention
            span(f"claim #{i} speaker mention", m.start, m.end, m.text)
    for i, d in enumerate(extraction.demands):
        span(f"demand #{i}", d.start, d.end, d.text)
        if d.claim is not None and not 0 <= d.claim < len(extraction.claims):
            problems.append(f"demand #{i} refers to claim #{d.claim}, which does not exist")
    for i, s in enumerate(extraction.stances):
        if s.polarity not in schema.POLARITIES:
            problems.append(f"stance #{i} has polarity {s.polarity!r}, not one of {schema.POLARITIES}")
        pool = {"claim": extraction.claims, "demand": extraction.demands}.get(s.evidence_kind)
        if pool is None:
            problems.append(f"stance #{i} has evidence kind {s.evidence_kind!r}, not claim or demand")
        elif not 0 <= s.evidence < len(pool):
            problems.append(f"stance #{i} refers to {s.evidence_kind} #{s.evidence}, which does not exist")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidExtractionError(
            f"{article.origin or article.content_hash[:12]}: {problems[0]}{more}; nothing was stored "
            "for this article (an extractor bug: please report it with the article)"
        )


# --- writing --------------------------------------------------------------------------------


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


def _span_row(item: _Spanned, **columns: Any) -> dict[str, Any]:
    return {**columns, "span_start": item.start, "span_end": item.end, "text": item.text}


def _insert(
    session: Session, table: Table, rows: Sequence[Mapping[str, Any]], *, returning: bool = False
) -> list[int]:
    """Insert ``rows`` (all with the same keys) in as few statements as the bind limit allows.

    With ``returning``, the new ids in the order of ``rows``: claims' ids are needed to link
    the demands and stances that cite them.
    """
    if not rows:
        return []
    dialect = session.get_bind().dialect
    ids: list[int] = []
    for chunk in chunks_for(dialect, rows, len(rows[0])):
        if returning:
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids.extend(session.scalars(stmt, chunk).all())
        else:
            session.execute(insert(table), chunk)
    return ids


def _insert_article(session: Session, article: Article, extractor_version: str) -> int:
    table = schema.table_of(schema.Article)
    row = {
        "content_hash": article.content_hash,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "ingested_at": dt.datetime.now(dt.UTC),
        "extractor_version": extractor_version,
    }
    new_id = session.scalar(insert(table).values(row).returning(table.c.id))
    assert new_id is not None
    return int(new_id)


def _ensure_topics(session: Session, extraction: Extraction, taxonomy: Taxonomy) -> None:
    """Insert the topics this extraction refers to that the database does not have yet.

    Topics come from the taxonomy in use; an id the taxonomy does not know (a rule that is
    ahead of its topics file) is stored with its id as label rather than refused.
    """
    wanted = {t for c in extraction.claims for t in c.topics}
    wanted |= {d.topic for d in extraction.demands if d.topic}
    wanted |= {s.topic for s in extraction.stances}
    if not wanted:
        return
    have = set(session.scalars(select(schema.Topic.id).where(schema.Topic.id.in_(wanted))))
    known = {t.id: t for t in taxonomy.topics}
    rows = [
        {"id": tid, "label": known[tid].label, "description": known[tid].description}
        if tid in known
        else {"id": tid, "label": tid, "description": ""}
        for tid in sorted(wanted - have)
    ]
    if rows:
        dialect = session.get_bind().dialect
        for chunk in chunks_for(dialect, rows, 3):
            session.execute(insert_ignore(schema.table_of(schema.Topic), dialect), chunk)


def _resolve_actors(session: Session, extraction: Extraction) -> tuple[dict[str, int], int, int]:
    """Map every actor name the extraction uses to an actor id, creating actors and aliases
    as needed. Returns the map and how many actors and aliases were added."""
    actors = list(extraction.actors)
    named = {a.name for a in actors}
    referenced = [c.speaker for c in extraction.claims] + [s.actor for s in extraction.stances]
    referenced += [n for d in extraction.demands for n in (d.demander, d.addressee)]
    # The contract says every name used is an actor's canonical name; if an extractor slips,
    # the name still becomes an actor (kind "other") rather than being dropped.
    for name in dict.fromkeys(n for n in referenced if n and n not in named):
        actors.append(Actor(name=name, kind="other"))
        named.add(name)

    keys_of = {a.name: _keys(a) for a in actors}
    found = _lookup_aliases(session, {k for keys in keys_of.values() for k in keys})
    dialect = session.get_bind().dialect
    ids: dict[str, int] = {}
    actors_added = aliases_added = 0
    for actor in actors:
        if actor.name in ids:
            continue
        keys = keys_of[actor.name]
        actor_id = next((found[k] for k in keys if k in found), None)
        if actor_id is None:
            actor_id, created = _actor_by_name(session, actor)
            actors_added += created
        ids[actor.name] = actor_id
        new = [
            {"actor_id": actor_id, "alias": alias, "normalized": key}
            for key, alias in keys.items()
            if key not in found
        ]
        # Writers are serialised (see save), so every new row is inserted; "ignore" is only
        # the backstop that the unique constraint on ``normalized`` makes safe.
        for chunk in chunks_for(dialect, new, 3):
            session.execute(insert_ignore(schema.table_of(schema.ActorAlias), dialect), chunk)
        aliases_added += len(new)
        found.update((key, actor_id) for key in keys)
    return ids, actors_added, aliases_added


def _keys(actor: Actor) -> dict[str, str]:
    """Normalised key -> the first spelling with that key, canonical name first. Aliases
    that describe rather than name ("the deputy minister") are left out: see is_proper_name."""
    keys: dict[str, str] = {}
    for i, alias in enumerate((actor.name, *actor.aliases)):
        key = normalize_name(alias)
        if is_identifying(key) and (i == 0 or is_proper_name(alias)):
            keys.setdefault(key, alias.strip())
    return keys


def _lookup_aliases(session: Session, keys: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    dialect = session.get_bind().dialect
    alias = schema.ActorAlias
    for chunk in chunks_for(dialect, sorted(keys), 1):
        rows = session.execute(select(alias.normalized, alias.actor_id).where(alias.normalized.in_(chunk)))
        found.update((key, actor_id) for key, actor_id in rows)
    return found


def _actor_by_name(session: Session, actor: Actor) -> tuple[int, bool]:
    """The actor with exactly this canonical name, inserted if there is none."""
    by_name = select(schema.Actor.id).where(schema.Actor.name == actor.name)
    actor_id = session.scalar(by_name)
    if actor_id is not None:
        return actor_id, False
    row = {"name": actor.name, "kind": actor.kind, "description": actor.description}
    session.execute(insert_ignore(schema.table_of(schema.Actor), session.get_bind().dialect).values(row))
    actor_id = session.scalar(by_name)
    assert actor_id is not None
    return actor_id, True
