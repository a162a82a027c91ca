"""``claimdb check``: the invariants the rest of claimdb relies on, verified row by row.

- every mention, claim, demand and speaker span is exactly the article text it names;
- every foreign key points at an existing row (SQLite enforces them only when asked);
- every alias key is its alias normalised the current way, and no alias lacks its actor;
- on SQLite, the full-text indexes agree with the tables they index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import exists, func, select, text
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session

from claimdb.db import schema
from claimdb.db.dialect import FTS_TABLES, SQLITE
from claimdb.db.names import normalize_name

_MAX_LISTED = 20
"""Problems listed per kind; the rest are counted, so a broken database does not flood."""


@dataclass
class CheckReport:
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(session: Session) -> CheckReport:
    report = CheckReport()
    for table in schema.TABLES:
        report.counts[table.name] = session.scalar(select(func.count()).select_from(table)) or 0
    _check_spans(session, report)
    _check_foreign_keys(session, report)
    _check_aliases(session, report)
    if session.get_bind().dialect.name == SQLITE:
        _check_fts(session, report)
    return report


def _add(report: CheckReport, found: list[str], what: str) -> None:
    report.problems.extend(found[:_MAX_LISTED])
    if len(found) > _MAX_LISTED:
        report.problems.append(f"... and {len(found) - _MAX_LISTED} more {what}")


def _check_spans(session: Session, report: CheckReport) -> None:
    a, c = schema.Article, schema.Claim
    models: tuple[type[schema.Mention] | type[schema.Claim] | type[schema.Demand], ...] = (
        schema.Mention,
        schema.Claim,
        schema.Demand,
    )
    bad: list[str] = []
    articles = select(a.id, a.text).order_by(a.id).execution_options(yield_per=50)
    # One article at a time: its text is loaded once, and memory stays flat.
    for article_id, article_text in session.execute(articles):
        for model in models:
            stmt = select(model.id, model.span_start, model.span_end, model.text)
            for item_id, s, e, t in session.execute(stmt.where(model.article_id == article_id)):
                if article_text[s:e] != t:
                    found = article_text[s:e]
                    bad.append(
                        f"{model.__tablename__} {item_id}: text[{s}:{e}] of article {article_id} "
                        f"is {found!r}, not {t!r}"
                    )
        speakers = select(c.id, c.speaker_start, c.speaker_end).where(
            c.article_id == article_id, c.speaker_start.is_not(None)
        )
        for claim_id, first, last in session.execute(speakers):
            if first is None or last is None or not 0 <= first < last <= len(article_text):
                bad.append(f"claims {claim_id}: speaker span [{first}:{last}] outside article {article_id}")
    _add(report, bad, "span mismatches")


def _check_foreign_keys(session: Session, report: CheckReport) -> None:
    bad: list[str] = []
    for table in schema.TABLES:
        for fk in table.foreign_keys:
            child = fk.parent
            parent = fk.column
            parent_table = parent.table
            missing = (
                select(func.count())
                .select_from(table)
                .where(
                    child.is_not(None),
                    ~exists().where(parent == child).select_from(parent_table).correlate(table),
                )
            )
            n = session.scalar(missing) or 0
            if n:
                bad.append(
                    f"{table.name}.{child.name}: {n} row(s) point at a missing {parent_table.name} row"
                )
    _add(report, bad, "dangling references")


def _check_aliases(session: Session, report: CheckReport) -> None:
    alias = schema.ActorAlias
    bad = [
        f"actor_aliases {alias_id}: key {key!r} should be {normalize_name(name)!r} for {name!r}"
        for alias_id, name, key in session.execute(
            select(alias.id, alias.alias, alias.normalized).order_by(alias.id)
        )
        if normalize_name(name) != key
    ]
    _add(report, bad, "stale alias keys")


def _check_fts(session: Session, report: CheckReport) -> None:
    for fts in FTS_TABLES:
        try:
            # FTS5's own consistency check: compares the index with the content table and
            # raises "database disk image is malformed" on a mismatch. Changes nothing.
            with session.begin_nested():
                session.execute(text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"))
        except SQLAlchemyDatabaseError:
            report.problems.append(
                f"{fts}: the full-text index disagrees with its table; rebuild it with claimdb check --repair"
            )


def repair_search_index(session: Session) -> None:
    """Rebuild the SQLite full-text indexes from their tables (PostgreSQL needs nothing)."""
    if session.get_bind().dialect.name == SQLITE:
        for fts in FTS_TABLES:
            session.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))
