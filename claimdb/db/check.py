"""``claimdb check``: the invariants the rest of claimdb relies on, verified row by row.

- every article's content hash is the SHA-256 of its text (the key that makes ingest
  idempotent: a text edited in place would be stored again next time);
- every mention, claim, demand and speaker span is exactly the article text it names;
- every foreign key points at an existing row (SQLite enforces them only when asked), so no
  alias lacks its actor and nothing lacks its article;
- a stance's evidence, and the claim a demand was stated in, belong to the same article;
- every alias key is its alias normalised the current way;
- on SQLite, the file itself is sound (``PRAGMA quick_check``) and the full-text indexes
  agree with the tables they index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, exists, func, select, text
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session

from claimdb.db import schema
from claimdb.db.dialect import FTS_TABLES, SQLITE
from claimdb.db.names import normalize_name
from claimdb.sources import content_hash

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
    if session.get_bind().dialect.name == SQLITE and not _check_file(session, report):
        # Reading a damaged file table by table would stop at the first bad page with an
        # error; the page-level report is what helps.
        return report
    for table in schema.TABLES:
        report.counts[table.name] = session.scalar(select(func.count()).select_from(table)) or 0
    _check_spans(session, report)
    _check_foreign_keys(session, report)
    _check_same_article(session, report)
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
    hashes: list[str] = []
    articles = select(a.id, a.text, a.content_hash).order_by(a.id).execution_options(yield_per=50)
    # One article at a time: its text is loaded once, and memory stays flat.
    for article_id, article_text, stored_hash in session.execute(articles):
        if content_hash(article_text) != stored_hash:
            hashes.append(
                f"articles {article_id}: content_hash is not the SHA-256 of its text (the text was "
                "changed after ingest); restore the text, or delete the article and ingest it again"
            )
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
    _add(report, hashes, "stale content hashes")
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


def _check_same_article(session: Session, report: CheckReport) -> None:
    """Evidence from another article would show a stance with a quote its article lacks."""
    s, c, d = schema.Stance, schema.Claim, schema.Demand
    pairs = (
        ("stances", s.id, s.article_id, "claim", c, s.claim_id == c.id),
        ("stances", s.id, s.article_id, "demand", d, s.demand_id == d.id),
        ("demands", d.id, d.article_id, "claim", c, d.claim_id == c.id),
    )
    bad: list[str] = []
    for table, item_id, article_id, kind, other, join in pairs:
        stmt = (
            select(item_id, article_id, other.id, other.article_id)
            .join(other, and_(join, other.article_id != article_id))
            .order_by(item_id)
        )
        bad.extend(
            f"{table} {i}: its {kind} {o} is in article {oa}, not in its own article {a}"
            for i, a, o, oa in session.execute(stmt)
        )
    _add(report, bad, "references across articles")


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


def _check_file(session: Session, report: CheckReport) -> bool:
    """Page-level damage (a disk error, a file copied while written without its -wal file).
    quick_check reads every page but skips the slower index-content comparison."""
    rows = session.execute(text("PRAGMA quick_check")).scalars()
    found = [line for row in rows for line in str(row).splitlines()]  # one row may hold several
    if found == ["ok"]:
        return True
    _add(report, [f"SQLite file: {line}" for line in found], "file problems")
    report.problems.append(
        "SQLite file: damaged, so nothing else was checked; restore it from a backup, or save what "
        "can be read with: sqlite3 DAMAGED.sqlite .recover | sqlite3 NEW.sqlite"
    )
    return False


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
