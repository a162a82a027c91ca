"""Reading the database: filtered lists of each kind of record, and single records in context.

Filters mean the same for every list (see :class:`Filters`). Everything is built with
SQLAlchemy expressions and bound parameters; user input never becomes SQL text.

How ``--article`` selects: all digits is an article id; 6 to 64 hex digits is a prefix of
the content hash (as printed by ``claimdb articles --format json``); anything else is a
case-insensitive substring of the title.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, union
from sqlalchemy.orm import Session

from claimdb.db import schema
from claimdb.db.dialect import chunks_for
from claimdb.db.names import normalize_name
from claimdb.db.schema import claims_view, demands_view, stances_view
from claimdb.errors import InputError, NotFoundError
from claimdb.tabular import Rows

AnySelect = Select[*tuple[Any, ...]]

_HASH_PREFIX = re.compile(r"[0-9a-fA-F]{6,64}")
# Ids are INTEGER columns, 32 bits on PostgreSQL: a longer number names no row, and binding it
# would fail (SQLite: OverflowError past 64 bits; PostgreSQL: "integer out of range").
_MAX_ID = 2**31 - 1
_CONTEXT_CHARS = 600


@dataclass(frozen=True, slots=True)
class Filters:
    """What the list commands filter on. Every filter set must hold (AND).

    - ``actor``: an actor id, or any of its names or aliases (normalised: case, quotes,
      periods and a leading "the" ignored). Claims: the speaker; demands: the demander or
      the addressee; stances: the actor; articles: any appearance; actors: that actor.
    - ``topic``: a topic id. Claims: tagged with it; demands and stances: about it;
      articles and actors: having any claim, demand or stance about it.
    - ``article``: see the module docstring.
    - ``since``/``until``: inclusive dates. Claims use the claim's own date when the
      extractor found one, else the article's publication date; everything else uses the
      publication date. Records without any date are left out when either is set.
    - ``limit``: at most this many rows.
    """

    actor: str | None = None
    topic: str | None = None
    article: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None


# --- selectors ------------------------------------------------------------------------------


def article_condition(selector: str, column: Any) -> ColumnElement[bool]:
    """``column`` (an article id column) is an article the selector names."""
    condition: ColumnElement[bool] = column.in_(_article_ids(selector))
    return condition


def as_id(text: str) -> int | None:
    """``text`` as a row id: ASCII digits only ("²" and "٣" are digits to str.isdigit but no
    id), and -1, which no row has, for numbers beyond any id."""
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text) if int(text) <= _MAX_ID else -1


def _article_ids(selector: str) -> Select[int]:
    a = schema.Article
    text = selector.strip()
    if (number := as_id(text)) is not None:
        return select(a.id).where(a.id == number)
    if _HASH_PREFIX.fullmatch(text):
        return select(a.id).where(a.content_hash.startswith(text.lower()))
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return select(a.id).where(a.title.ilike(f"%{escaped}%", escape="\\"))


def _actor_ids(selector: str) -> Select[int]:
    text = selector.strip()
    if (number := as_id(text)) is not None:
        return select(schema.Actor.id).where(schema.Actor.id == number)
    alias = schema.ActorAlias
    return select(alias.actor_id).where(alias.normalized == normalize_name(text))


def _appearances() -> Any:
    """(actor_id, article_id) for every way an actor appears in an article."""
    m, c, d, s = schema.Mention, schema.Claim, schema.Demand, schema.Stance
    return union(
        select(m.actor_id.label("actor_id"), m.article_id.label("article_id")),
        select(c.speaker_id, c.article_id).where(c.speaker_id.is_not(None)),
        select(d.demander_id, d.article_id).where(d.demander_id.is_not(None)),
        select(d.addressee_id, d.article_id).where(d.addressee_id.is_not(None)),
        select(s.actor_id, s.article_id),
    ).subquery("appearances")


def _dated(column: Any, f: Filters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.since is not None:
        conditions.append(column >= f.since)
    if f.until is not None:
        conditions.append(column <= f.until)
    return conditions


def _limited(stmt: AnySelect, f: Filters) -> AnySelect:
    if f.limit is not None:
        if f.limit < 0:
            raise InputError(f"--limit: must be 0 or more, got {f.limit}")
        stmt = stmt.limit(f.limit)
    return stmt


def _rows(session: Session, stmt: AnySelect, brief: Sequence[str] = ()) -> Rows:
    result = session.execute(stmt)
    return Rows(tuple(result.keys()), [tuple(r) for r in result], tuple(brief))


# --- lists ----------------------------------------------------------------------------------


def list_claims(session: Session, filters: Filters = Filters()) -> Rows:
    v = claims_view
    when = func.coalesce(v.c.claim_date, v.c.published)
    stmt = select(
        v.c.id,
        v.c.article_id,
        v.c.published,
        v.c.speaker,
        v.c.cue,
        v.c.direct,
        v.c.text,
        v.c.topics,
        v.c.claim_date,
        v.c.span_start,
        v.c.span_end,
        v.c.confidence,
    ).where(*_dated(when, filters))
    if filters.actor:
        stmt = stmt.where(v.c.speaker_id.in_(_actor_ids(filters.actor)))
    if filters.topic:
        ct = schema.ClaimTopic
        stmt = stmt.where(v.c.id.in_(select(ct.claim_id).where(ct.topic_id == filters.topic)))
    if filters.article:
        stmt = stmt.where(article_condition(filters.article, v.c.article_id))
    stmt = stmt.order_by(v.c.published, v.c.article_id, v.c.span_start, v.c.id)
    return _rows(session, _limited(stmt, filters), ("id", "published", "speaker", "cue", "text", "topics"))


def list_demands(session: Session, filters: Filters = Filters()) -> Rows:
    v = demands_view
    stmt = select(
        v.c.id,
        v.c.article_id,
        v.c.published,
        v.c.demander,
        v.c.addressee,
        v.c.cue,
        v.c.text,
        v.c.topic,
        v.c.claim_id,
        v.c.span_start,
        v.c.span_end,
        v.c.confidence,
    ).where(*_dated(v.c.published, filters))
    if filters.actor:
        who = _actor_ids(filters.actor)
        stmt = stmt.where(or_(v.c.demander_id.in_(who), v.c.addressee_id.in_(who)))
    if filters.topic:
        stmt = stmt.where(v.c.topic == filters.topic)
    if filters.article:
        stmt = stmt.where(article_condition(filters.article, v.c.article_id))
    stmt = stmt.order_by(v.c.published, v.c.article_id, v.c.span_start, v.c.id)
    brief = ("id", "published", "demander", "addressee", "text", "topic")
    return _rows(session, _limited(stmt, filters), brief)


def list_stances(session: Session, filters: Filters = Filters()) -> Rows:
    v = stances_view
    stmt = select(
        v.c.id,
        v.c.actor,
        v.c.topic,
        v.c.polarity,
        v.c.article_id,
        v.c.article_title,
        v.c.published,
        v.c.evidence_kind,
        v.c.evidence_id,
        v.c.evidence_text,
        v.c.confidence,
    ).where(*_dated(v.c.published, filters))
    if filters.actor:
        stmt = stmt.where(v.c.actor_id.in_(_actor_ids(filters.actor)))
    if filters.topic:
        stmt = stmt.where(v.c.topic == filters.topic)
    if filters.article:
        stmt = stmt.where(article_condition(filters.article, v.c.article_id))
    stmt = stmt.order_by(v.c.actor, v.c.topic, v.c.published, v.c.id)
    brief = ("id", "actor", "topic", "polarity", "published", "evidence_text")
    return _rows(session, _limited(stmt, filters), brief)


def _count(model: Any, column: Any, key: Any) -> Any:
    return select(func.count()).select_from(model).where(column == key).scalar_subquery()


def _topic_articles(topic: str) -> Any:
    c, ct, d, s = schema.Claim, schema.ClaimTopic, schema.Demand, schema.Stance
    return union(
        select(c.article_id).join(ct, ct.claim_id == c.id).where(ct.topic_id == topic),
        select(d.article_id).where(d.topic_id == topic),
        select(s.article_id).where(s.topic_id == topic),
    )


def list_articles(session: Session, filters: Filters = Filters()) -> Rows:
    a = schema.Article
    stmt = select(
        a.id,
        a.published,
        a.source,
        a.title,
        a.url,
        a.content_hash,
        a.language,
        _count(schema.Claim, schema.Claim.article_id, a.id).label("claims"),
        _count(schema.Demand, schema.Demand.article_id, a.id).label("demands"),
        _count(schema.Stance, schema.Stance.article_id, a.id).label("stances"),
        a.ingested_at,
        a.extractor_version,
    ).where(*_dated(a.published, filters))
    if filters.actor:
        seen = _appearances()
        stmt = stmt.where(
            a.id.in_(select(seen.c.article_id).where(seen.c.actor_id.in_(_actor_ids(filters.actor))))
        )
    if filters.topic:
        stmt = stmt.where(a.id.in_(_topic_articles(filters.topic)))
    if filters.article:
        stmt = stmt.where(article_condition(filters.article, a.id))
    stmt = stmt.order_by(a.published, a.id)
    brief = ("id", "published", "source", "title", "claims", "demands", "stances")
    return _rows(session, _limited(stmt, filters), brief)


def list_actors(session: Session, filters: Filters = Filters()) -> Rows:
    ac = schema.Actor
    seen = _appearances()
    articles_of = select(func.count(func.distinct(seen.c.article_id))).where(seen.c.actor_id == ac.id)
    stmt = select(
        ac.id,
        ac.name,
        ac.kind,
        ac.description,
        articles_of.scalar_subquery().label("articles"),
        _count(schema.Claim, schema.Claim.speaker_id, ac.id).label("claims"),
        _count(schema.Demand, schema.Demand.demander_id, ac.id).label("demands"),
        _count(schema.Stance, schema.Stance.actor_id, ac.id).label("stances"),
    )
    if filters.actor:
        stmt = stmt.where(ac.id.in_(_actor_ids(filters.actor)))
    if filters.article or filters.since or filters.until:
        a = schema.Article
        where = (
            select(seen.c.actor_id).join(a, a.id == seen.c.article_id).where(*_dated(a.published, filters))
        )
        if filters.article:
            where = where.where(article_condition(filters.article, a.id))
        stmt = stmt.where(ac.id.in_(where))
    if filters.topic:
        c, ct, d, s = schema.Claim, schema.ClaimTopic, schema.Demand, schema.Stance
        about: Any = union(
            select(c.speaker_id).join(ct, ct.claim_id == c.id).where(ct.topic_id == filters.topic),
            select(d.demander_id).where(d.topic_id == filters.topic),
            select(s.actor_id).where(s.topic_id == filters.topic),
        )
        stmt = stmt.where(ac.id.in_(about))
    stmt = _limited(stmt.order_by(ac.name, ac.id), filters)
    result = session.execute(stmt)
    columns = tuple(result.keys())
    found = [tuple(r) for r in result]
    aliases = _aliases(session, [r[0] for r in found])
    # Aliases come from a second query: string aggregation orders differently per backend.
    rows = [(*r[:3], "; ".join(aliases.get(r[0], [])), *r[3:]) for r in found]
    brief = ("id", "name", "kind", "aliases", "articles", "claims", "demands", "stances")
    return Rows((*columns[:3], "aliases", *columns[3:]), rows, brief)


def _aliases(session: Session, actor_ids: Sequence[int]) -> dict[int, list[str]]:
    alias = schema.ActorAlias
    out: dict[int, list[str]] = {}
    for chunk in chunks_for(session.get_bind().dialect, actor_ids, 1):
        stmt = select(alias.actor_id, alias.alias).where(alias.actor_id.in_(chunk)).order_by(alias.alias)
        for actor_id, name in session.execute(stmt):
            out.setdefault(actor_id, []).append(name)
    return out


# --- single records -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Context:
    """The paragraph around a span: ``text`` starts at ``offset`` in the article, and the
    span is ``text[span_start:span_end]`` (offsets relative to ``text``)."""

    text: str
    offset: int
    span_start: int
    span_end: int
    clipped_before: bool
    clipped_after: bool


@dataclass(frozen=True)
class Detail:
    """One record for ``claimdb show``: its own fields, its article, the span in context,
    and related records (an actor's claims, an article's demands, ...)."""

    kind: str
    fields: dict[str, Any]
    article: dict[str, Any] | None = None
    context: Context | None = None
    related: dict[str, Rows] = field(default_factory=dict)


def context_of(text: str, start: int, end: int, *, width: int = _CONTEXT_CHARS) -> Context:
    """The paragraph holding ``text[start:end]``, clipped to about ``width`` characters on
    either side of the span."""
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    lo = max(para_start, start - width)
    hi = min(para_end, end + width)
    return Context(
        text=text[lo:hi],
        offset=lo,
        span_start=start - lo,
        span_end=end - lo,
        clipped_before=lo > para_start,
        clipped_after=hi < para_end,
    )


def _article_meta(session: Session, article_id: int) -> tuple[dict[str, Any], str]:
    a = schema.Article
    row = session.execute(
        select(a.id, a.title, a.published, a.source, a.url, a.content_hash, a.text).where(a.id == article_id)
    ).one()
    meta = dict(row._mapping)
    text = meta.pop("text")
    return meta, text


def _one(session: Session, stmt: AnySelect, what: str, hint: str) -> dict[str, Any]:
    row = session.execute(stmt).mappings().first()
    if row is None:
        raise NotFoundError(f"{what} not found; {hint}")
    return dict(row)


def _parse_id(value: str, what: str, command: str) -> int:
    number = as_id(value.strip())
    if number is None:
        raise InputError(f"{what} ids are numbers, got {value!r}; list them with claimdb {command}")
    if number < 0:
        raise NotFoundError(f"{what} {value.strip()} not found; list them with claimdb {command}")
    return number


def show_claim(session: Session, claim_id: str) -> Detail:
    cid = _parse_id(claim_id, "claim", "claims")
    v = claims_view
    fields = _one(session, select(v).where(v.c.id == cid), f"claim {cid}", "list them with claimdb claims")
    article, text = _article_meta(session, fields["article_id"])
    return Detail("claim", fields, article, context_of(text, fields["span_start"], fields["span_end"]))


def show_demand(session: Session, demand_id: str) -> Detail:
    did = _parse_id(demand_id, "demand", "demands")
    v = demands_view
    fields = _one(session, select(v).where(v.c.id == did), f"demand {did}", "list them with claimdb demands")
    article, text = _article_meta(session, fields["article_id"])
    return Detail("demand", fields, article, context_of(text, fields["span_start"], fields["span_end"]))


def show_article(session: Session, selector: str) -> Detail:
    """An article by id or content-hash prefix (a title substring may match several)."""
    ids = session.scalars(_article_ids(selector).limit(2)).all()
    if not ids:
        raise NotFoundError(f"no article matches {selector!r}; list them with claimdb articles")
    if len(ids) > 1:
        raise NotFoundError(
            f"{selector!r} matches several articles; use the id from claimdb articles --article {selector!r}"
        )
    a = schema.Article
    fields = _one(session, select(*a.__table__.columns).where(a.id == ids[0]), "article", "")
    by_article = Filters(article=str(ids[0]))
    related = {
        "claims": list_claims(session, by_article),
        "demands": list_demands(session, by_article),
        "stances": list_stances(session, by_article),
    }
    return Detail("article", fields, related=related)


def show_actor(session: Session, selector: str) -> Detail:
    """An actor by id or by any of its names."""
    ids = session.scalars(_actor_ids(selector)).all()
    if not ids:
        raise NotFoundError(f"no actor is called {selector!r}; list them with claimdb actors")
    ac = schema.Actor
    fields = _one(
        session, select(ac.id, ac.name, ac.kind, ac.description).where(ac.id == ids[0]), "actor", ""
    )
    fields["aliases"] = _aliases(session, [ids[0]]).get(ids[0], [])
    by_actor = Filters(actor=str(ids[0]))
    related = {
        "claims": list_claims(session, by_actor),
        "demands": list_demands(session, by_actor),
        "stances": list_stances(session, by_actor),
    }
    return Detail("actor", fields, related=related)
