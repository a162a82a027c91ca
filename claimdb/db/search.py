"""Ranked full-text search over claims, demands or whole articles.

SQLite uses the FTS5 tables (bm25 ranking), PostgreSQL the tsvector indexes (ts_rank); the
statements live in ``dialect.py``. Words in the query must all occur (in any order, with
English stemming); on PostgreSQL "quoted phrases", ``or`` and ``-word`` work too.
"""

from __future__ import annotations

from typing import get_args

from sqlalchemy.orm import Session

from claimdb.db.dialect import SearchKind, search_statement
from claimdb.errors import InputError
from claimdb.tabular import Rows

KINDS: tuple[str, ...] = get_args(SearchKind)
COLUMNS = ("id", "article_id", "article_title", "published", "span_start", "span_end", "snippet", "score")
MARKS = ("[", "]")
"""What surrounds the matched words in a snippet."""


def search(session: Session, query: str, *, kind: SearchKind = "claims", limit: int = 20) -> Rows:
    """The best ``limit`` matches, best first, each with a snippet of the matching text."""
    if kind not in KINDS:
        raise InputError(f"--kind: choose one of {', '.join(KINDS)}, got {kind!r}")
    if limit < 1:
        raise InputError(f"--limit: must be at least 1, got {limit}")
    built = search_statement(session.get_bind().dialect, kind, query, limit=limit, marks=MARKS)
    if built is None:
        raise InputError(f"nothing to search for in {query!r}; give at least one word")
    stmt, params = built
    rows = [(*r[:-1], round(float(r[-1]), 4)) for r in session.execute(stmt, params)]
    return Rows(COLUMNS, rows, ("id", "article_id", "article_title", "snippet"))
