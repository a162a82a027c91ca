"""``claimdb sql``: one statement, on a connection that cannot write, with a time limit.

    with run_sql(url, "SELECT speaker, count(*) FROM claims_view GROUP BY 1", timeout=10) as rows:
        render(rows)

The protection is the connection (``dialect.readonly_connection``): SQLite opened with
``mode=ro`` and ``query_only``, PostgreSQL in a READ ONLY transaction. Nothing here parses
SQL; the first word is looked at only to phrase the error message when the database has
already refused a statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from claimdb.db.dialect import execute_one, readonly_connection
from claimdb.errors import DatabaseError, InputError
from claimdb.tabular import Rows

DEFAULT_TIMEOUT = 10.0
_WRITE_WORDS = frozenset(
    "insert update delete replace upsert merge create drop alter attach detach vacuum reindex "
    "truncate grant revoke copy analyze comment".split()
)


def _driver_errors() -> tuple[type[BaseException], ...]:
    errors: tuple[type[BaseException], ...] = (sqlite3.Error, sqlite3.Warning)
    try:
        import psycopg
    except ImportError:  # PostgreSQL support is optional (claimdb[postgres])
        return errors
    return (*errors, psycopg.Error)


@contextmanager
def run_sql(url: str, statement: str, *, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Rows]:
    """The statement's result as Rows, fetched lazily while the block runs."""
    if not statement.strip():
        raise InputError("no SQL given; pass one statement, e.g. claimdb sql 'SELECT * FROM claims_view'")
    if timeout <= 0:
        raise InputError(f"--timeout: must be more than 0 seconds, got {timeout:g}")
    errors = _driver_errors()
    with readonly_connection(url, timeout=timeout) as conn:
        try:
            columns, rows = execute_one(conn, statement)
        except errors as err:
            raise DatabaseError(_explain(statement, err, timeout)) from None
        yield Rows(tuple(columns), _translated(rows, statement, errors, timeout))


def _translated(
    rows: Iterable[Any], statement: str, errors: tuple[type[BaseException], ...], timeout: float
) -> Iterator[tuple[Any, ...]]:
    # SQLite computes rows as they are fetched, so the time limit (or an error) can strike
    # in the middle of the output, not only at execute.
    try:
        for row in rows:
            yield tuple(row)
    except errors as err:
        raise DatabaseError(_explain(statement, err, timeout)) from None


def _explain(statement: str, err: BaseException, timeout: float) -> str:
    detail = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    low = detail.lower()
    if "one statement at a time" in low or "multiple commands" in low:
        return "claimdb sql runs exactly one statement; remove the others (and any ; between them)"
    if "interrupted" in low or "statement timeout" in low:
        return f"the query ran longer than {timeout:g} s and was stopped; narrow it or raise --timeout"
    words = statement.strip().split(None, 1)
    first = words[0].lower() if words else ""
    if (
        first in _WRITE_WORDS
        or "read-only" in low
        or "readonly" in low
        or "not authorized" in low
        or "too many attached" in low
    ):
        return f"claimdb sql is read-only ({detail}); it runs SELECT and other reading statements only"
    return f"SQL error: {detail}"
