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

from sqlalchemy import ColumnElement, Select, func, literal, or_, select, text, union
from sqlalchemy.orm import Session

from claimdb.db import schema
from claimdb.db.dialect import SQLITE, chunks_for
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


def _articles_with_actor(actor_ids: Select[int]) -> Any:
    """Ids of the articles in which any of ``actor_ids`` appears (named, speaking, demanding,
    addressed or taking a stance). The filter sits inside each branch, where an index on
    the actor column serves it; filtering the union of all appearances instead reads every
    mention in the database."""
    m, c, d, s = schema.Mention, schema.Claim, schema.Demand, schema.Stance
    return union(
        select(m.article_id).where(m.actor_id.in_(actor_ids)),
        select(c.article_id).where(c.speaker_id.in_(actor_ids)),
        select(d.article_id).where(d.demander_id.in_(actor_ids)),
        select(d.article_id).where(d.addressee_id.in_(actor_ids)),
        select(s.article_id).where(s.actor_id.in_(actor_ids)),
    )


def _article_count(actor_id: Any) -> Any:
    """In how many articles the actor ``actor_id`` appears (a correlated scalar subquery).

    Each branch reads an (actor, article) index in article order, and the ORDER BY lets
    SQLite merge the five sorted lists instead of sorting their union: 20 ms for an actor
    in 70,000 articles, where counting a grouped union of everyone's appearances took
    seconds."""
    m, c, d, s = schema.Mention, schema.Claim, schema.Demand, schema.Stance
    branches = [
        select(m.article_id).where(m.actor_id == actor_id),
        select(c.article_id).where(c.speaker_id == actor_id),
        select(d.article_id).where(d.demander_id == actor_id),
        select(d.article_id).where(d.addressee_id == actor_id),
        select(s.article_id).where(s.actor_id == actor_id),
    ]
    seen = union(*(b.correlate(schema.Actor) for b in branches)).order_by(text("1")).subquery("seen")
    return select(func.count()).select_from(seen).scalar_subquery()


def _actors_in_articles(article_ids: Select[int]) -> Any:
    """Ids of the actors appearing in any of ``article_ids`` (the converse of the above)."""
    m, c, d, s = schema.Mention, schema.Claim, schema.Demand, schema.Stance
    return union(
        select(m.actor_id).where(m.article_id.in_(article_ids)),
        select(c.speaker_id).where(c.article_id.in_(article_ids), c.speaker_id.is_not(None)),
        select(d.demander_id).where(d.article_id.in_(article_ids), d.demander_id.is_not(None)),
        select(d.addressee_id).where(d.article_id.in_(article_ids), d.addressee_id.is_not(None)),
        select(s.actor_id).where(s.article_id.in_(article_ids)),
    )


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


# Every list first selects one page of ids from the base tables, filtered and ordered on
# indexed columns, and only then reads the view rows (names, topics, counts) for that page.
# Asking the view directly makes the database build every matching row in full before it
# sorts and cuts: for a popular actor that is 100,000 topic lookups to print 100 rows.


def _page(stmt: AnySelect, f: Filters) -> Any:
    return _limited(stmt, f).subquery("page")


def _common_topic(session: Session, f: Filters) -> bool:
    """Whether a --topic filter is better checked row by row in list order than collected.

    Collecting every claim of a topic and sorting them costs time in proportion to the
    topic's size: 150 ms for one that tags 86,000 claims. Walking the list in its own order
    and checking each row stops after ``limit`` matches, which comes quickly for a common
    topic and only after the whole table for a rare one. SQLite's statistics cannot tell
    the two apart (they hold averages, not per-value counts) and PostgreSQL's planner never
    walks an OR of conditions on other tables (see _some), so claimdb counts itself: a
    topic on at least 1% of the claims is common. Without a limit every match is read
    anyway; collect them.
    """
    if f.limit is None or not f.topic:
        return False
    ct = schema.ClaimTopic
    tagged = session.scalar(select(func.count()).select_from(ct).where(ct.topic_id == f.topic)) or 0
    claims = session.scalar(select(func.max(schema.Claim.id))) or 0
    return tagged * 100 >= claims > 0


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == SQLITE


def _common_actor(session: Session, f: Filters) -> bool:
    """Whether an --actor filter is better checked in list order (as for topics, above):
    the actor speaks in at least 1% of the claims. The most quoted actor of a large
    database speaks in a tenth of them; sorting those by date to show a page took 150 ms."""
    if f.limit is None or not f.actor:
        return False
    c = schema.Claim
    said = session.scalar(select(func.count()).select_from(c).where(c.speaker_id.in_(_actor_ids(f.actor))))
    claims = session.scalar(select(func.max(c.id))) or 0
    return (said or 0) * 100 >= claims > 0


def _some(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """ "A row meets ``conditions``", checked for each row of the list as it is walked.

    Not EXISTS: PostgreSQL answers an OR of EXISTS by hashing every match of each one first
    (a "hashed SubPlan", 800 ms for a common topic), where a subquery with LIMIT 1 can only
    run row by row, and the walk stops at the list's limit (30 ms)."""
    return select(literal(1)).where(*conditions).limit(1).scalar_subquery().is_not(None)


def _claims_dated(f: Filters) -> Any:
    """Ids of the claims dated in the window: by their own date, else by the article's.
    Two branches, each served by an index, instead of one COALESCE that no index serves."""
    c, a = schema.Claim, schema.Article
    when = func.coalesce(c.claim_date, a.published)
    return union(
        select(c.id).where(c.claim_date.is_not(None), *_dated(c.claim_date, f)),
        # Starts from the articles of the window (by their date index) and keeps their claims
        # with no date of their own. "claim_date IS NULL" would send SQLite down the date
        # index through every undated claim instead.
        select(c.id).join(a, a.id == c.article_id).where(*_dated(a.published, f), *_dated(when, f)),
    )


def list_claims(session: Session, filters: Filters = Filters()) -> Rows:
    c, a = schema.Claim, schema.Article
    ids = select(c.id, a.published, c.article_id, c.span_start).join(a, a.id == c.article_id)
    if filters.since is not None or filters.until is not None:
        ids = ids.where(c.id.in_(_claims_dated(filters)))
    if filters.actor:
        speakers = _actor_ids(filters.actor)
        # PostgreSQL walks on its own here (it keeps per-value counts and walks the
        # (speaker, article) index), and "+ 0" would take that index away from it.
        if _is_sqlite(session) and _common_actor(session, filters):
            # "+ 0": no index serves it, so the list is walked in its own order (_common_actor).
            ids = ids.where((c.speaker_id + 0).in_(speakers))
        else:
            ids = ids.where(c.speaker_id.in_(speakers))
    if filters.topic:
        ct = schema.ClaimTopic
        if _is_sqlite(session) and _common_topic(session, filters):  # PostgreSQL: as above
            ids = ids.where(_some(ct.claim_id == c.id, ct.topic_id == filters.topic))
        else:
            ids = ids.where(c.id.in_(select(ct.claim_id).where(ct.topic_id == filters.topic)))
    if filters.article:
        ids = ids.where(article_condition(filters.article, c.article_id))
    page = _page(ids.order_by(a.published, c.article_id, c.span_start, c.id), filters)
    v = claims_view
    stmt = (
        select(
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
        )
        .join(page, page.c.id == v.c.id)
        .order_by(page.c.published, page.c.article_id, page.c.span_start, page.c.id)
    )
    return _rows(session, stmt, ("id", "published", "speaker", "cue", "text", "topics"))


def list_demands(session: Session, filters: Filters = Filters()) -> Rows:
    d, a = schema.Demand, schema.Article
    ids = select(d.id, a.published, d.article_id, d.span_start).join(a, a.id == d.article_id)
    ids = ids.where(*_dated(a.published, filters))
    if filters.actor:
        # A union of two indexed lookups: PostgreSQL answers an OR of the two with a scan of
        # every demand.
        who = _actor_ids(filters.actor)
        either = union(
            select(d.id).where(d.demander_id.in_(who)),
            select(d.id).where(d.addressee_id.in_(who)),
        )
        ids = ids.where(d.id.in_(either))
    if filters.topic:
        ids = ids.where(d.topic_id == filters.topic)
    if filters.article:
        ids = ids.where(article_condition(filters.article, d.article_id))
    page = _page(ids.order_by(a.published, d.article_id, d.span_start, d.id), filters)
    v = demands_view
    stmt = (
        select(
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
        )
        .join(page, page.c.id == v.c.id)
        .order_by(page.c.published, page.c.article_id, page.c.span_start, page.c.id)
    )
    brief = ("id", "published", "demander", "addressee", "text", "topic")
    return _rows(session, stmt, brief)


def list_stances(session: Session, filters: Filters = Filters()) -> Rows:
    s, a, ac = schema.Stance, schema.Article, schema.Actor
    ids = (
        select(s.id, ac.name, s.topic_id, a.published)
        .join(ac, ac.id == s.actor_id)
        .join(a, a.id == s.article_id)
        .where(*_dated(a.published, filters))
    )
    if filters.actor:
        ids = ids.where(s.actor_id.in_(_actor_ids(filters.actor)))
    if filters.topic:
        ids = ids.where(s.topic_id == filters.topic)
    if filters.article:
        ids = ids.where(article_condition(filters.article, s.article_id))
    page = _page(ids.order_by(ac.name, s.topic_id, a.published, s.id), filters)
    v = stances_view
    stmt = (
        select(
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
        )
        .join(page, page.c.id == v.c.id)
        .order_by(page.c.name, page.c.topic_id, page.c.published, page.c.id)
    )
    brief = ("id", "actor", "topic", "polarity", "published", "evidence_text")
    return _rows(session, stmt, brief)


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
    ids = select(a.id, a.published).where(*_dated(a.published, filters))
    if filters.actor:
        if _common_actor(session, filters):
            m, c, d, s = schema.Mention, schema.Claim, schema.Demand, schema.Stance
            who = _actor_ids(filters.actor)
            ids = ids.where(
                or_(
                    _some(m.article_id == a.id, m.actor_id.in_(who)),
                    _some(c.article_id == a.id, c.speaker_id.in_(who)),
                    _some(d.article_id == a.id, d.demander_id.in_(who)),
                    _some(d.article_id == a.id, d.addressee_id.in_(who)),
                    _some(s.article_id == a.id, s.actor_id.in_(who)),
                )
            )
        else:
            ids = ids.where(a.id.in_(_articles_with_actor(_actor_ids(filters.actor))))
    if filters.topic:
        if _common_topic(session, filters):
            c, ct, d, s = schema.Claim, schema.ClaimTopic, schema.Demand, schema.Stance
            ids = ids.where(
                or_(
                    _some(c.article_id == a.id, ct.claim_id == c.id, ct.topic_id == filters.topic),
                    _some(d.article_id == a.id, d.topic_id == filters.topic),
                    _some(s.article_id == a.id, s.topic_id == filters.topic),
                )
            )
        else:
            ids = ids.where(a.id.in_(_topic_articles(filters.topic)))
    if filters.article:
        ids = ids.where(article_condition(filters.article, a.id))
    page = _page(ids.order_by(a.published, a.id), filters)
    stmt = (
        select(
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
        )
        .join(page, page.c.id == a.id)
        .order_by(page.c.published, page.c.id)
    )
    brief = ("id", "published", "source", "title", "claims", "demands", "stances")
    return _rows(session, stmt, brief)


def list_actors(session: Session, filters: Filters = Filters()) -> Rows:
    ac = schema.Actor
    ids = select(ac.id, ac.name)
    if filters.actor:
        ids = ids.where(ac.id.in_(_actor_ids(filters.actor)))
    if filters.article or filters.since or filters.until:
        a = schema.Article
        chosen = select(a.id).where(*_dated(a.published, filters))
        if filters.article:
            chosen = chosen.where(article_condition(filters.article, a.id))
        ids = ids.where(ac.id.in_(_actors_in_articles(chosen)))
    if filters.topic:
        c, ct, d, s = schema.Claim, schema.ClaimTopic, schema.Demand, schema.Stance
        if _common_topic(session, filters):
            ids = ids.where(
                or_(
                    _some(c.speaker_id == ac.id, ct.claim_id == c.id, ct.topic_id == filters.topic),
                    _some(d.demander_id == ac.id, d.topic_id == filters.topic),
                    _some(s.actor_id == ac.id, s.topic_id == filters.topic),
                )
            )
        else:
            about: Any = union(
                select(c.speaker_id).join(ct, ct.claim_id == c.id).where(ct.topic_id == filters.topic),
                select(d.demander_id).where(d.topic_id == filters.topic),
                select(s.actor_id).where(s.topic_id == filters.topic),
            )
            ids = ids.where(ac.id.in_(about))
    page = _page(ids.order_by(ac.name, ac.id), filters)
    stmt = (
        select(
            ac.id,
            ac.name,
            ac.kind,
            ac.description,
            _article_count(ac.id).label("articles"),
            _count(schema.Claim, schema.Claim.speaker_id, ac.id).label("claims"),
            _count(schema.Demand, schema.Demand.demander_id, ac.id).label("demands"),
            _count(schema.Stance, schema.Stance.actor_id, ac.id).label("stances"),
        )
        .join(page, page.c.id == ac.id)
        .order_by(page.c.name, page.c.id)
    )
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


SHOW_RELATED = 50
"""How many of an actor's claims, demands and stances `show actor` lists (the earliest, as
the lists order them): the rest are one `claimdb claims --actor ID` away, and a prolific
actor has 100,000."""


def show_actor(session: Session, selector: str, *, related_limit: int | None = SHOW_RELATED) -> Detail:
    """An actor by id or by any of its names, with its first claims, demands and stances."""
    ids = session.scalars(_actor_ids(selector)).all()
    if not ids:
        raise NotFoundError(f"no actor is called {selector!r}; list them with claimdb actors")
    ac = schema.Actor
    fields = _one(
        session, select(ac.id, ac.name, ac.kind, ac.description).where(ac.id == ids[0]), "actor", ""
    )
    fields["aliases"] = _aliases(session, [ids[0]]).get(ids[0], [])
    by_actor = Filters(actor=str(ids[0]), limit=related_limit)
    related = {
        "claims": list_claims(session, by_actor),
        "demands": list_demands(session, by_actor),
        "stances": list_stances(session, by_actor),
    }
    return Detail("actor", fields, related=related)
