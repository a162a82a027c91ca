"""``claimdb sql``: one statement, on a connection that cannot write, with a time limit.

    with run_sql(url, "SELECT speaker, count(*) FROM claims_view GROUP BY 1", timeout=10) as rows:
        render(rows)

The protection is the connection (``dialect.readonly_connection``): SQLite opened with
``mode=ro`` and ``query_only``, PostgreSQL in a READ ONLY transaction. Nothing here parses
SQL; the first word is looked at only to phrase the error message when the database has
already refused a statement.

A read-only transaction keeps the database's tables as they are, but cannot take away what a
PostgreSQL superuser may do outside them: ``COPY ... TO PROGRAM`` runs a shell command and
``COPY ... TO 'file'`` writes a file on the server, read-only or not (and a superuser can
always switch back from any role it drops to). So ``claimdb sql`` refuses roles with those
powers and says how to make one without them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from claimdb.db.dialect import execute_one, readonly_connection
from claimdb.db.engine import describe
from claimdb.errors import DatabaseError, InputError
from claimdb.tabular import Rows

DEFAULT_TIMEOUT = 10.0
_WRITE_WORDS = frozenset(
    "insert update delete replace upsert merge create drop alter attach detach vacuum reindex "
    "truncate grant revoke copy analyze comment".split()
)
# Roles whose powers reach past a read-only transaction: running programs and writing files
# on the server (superusers have both).
_POWERFUL_ROLE = """
    SELECT current_user,
           current_setting('is_superuser') = 'on'
           OR pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER')
           OR pg_has_role(current_user, 'pg_write_server_files', 'MEMBER')
"""


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
        if not isinstance(conn, sqlite3.Connection):
            _refuse_powerful_roles(conn, url)
        try:
            columns, rows = execute_one(conn, statement)
        except errors as err:
            raise DatabaseError(_explain(statement, err, timeout)) from None
        yield Rows(tuple(columns), _translated(rows, statement, errors, timeout))


def _refuse_powerful_roles(conn: Any, url: str) -> None:
    row = conn.execute(_POWERFUL_ROLE).fetchone()
    if row is None or not row[1]:
        return
    raise DatabaseError(
        f"claimdb sql will not run as {row[0]!r} on {describe(url)}: that role can run programs and write "
        "files on the server (a superuser, or a member of pg_execute_server_program or "
        "pg_write_server_files), which no read-only transaction prevents. Connect as a role that "
        "can only read, e.g. CREATE ROLE claimdb_reader LOGIN PASSWORD '...'; GRANT pg_read_all_data "
        "TO claimdb_reader; then pass --db postgresql+psycopg://claimdb_reader:...@HOST/DBNAME"
    )


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
        or "read-write mode" in low
        or "not authorized" in low
        or "too many attached" in low
    ):
        return f"claimdb sql is read-only ({detail}); it runs SELECT and other reading statements only"
    return f"SQL error: {detail}"
