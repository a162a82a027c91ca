"""Every difference between SQLite and PostgreSQL that the rest of claimdb must know about.

Other modules ask this one for: a UTC datetime type, insert-or-ignore statements, how many
bind parameters fit in one statement, how to serialise writers, the full-text search query,
and how to open a read-only connection with a time limit. Migrations keep their own frozen
DDL (a migration must never change because this module did); the names of the full-text
objects they create are listed here so that drift checks can ignore them.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from urllib.parse import quote

from sqlalchemy import Connection, DateTime, Dialect, Table, TextClause, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert
from sqlalchemy.types import TypeDecorator

from claimdb.errors import DatabaseError

if TYPE_CHECKING:
    import psycopg

T = TypeVar("T")
SearchKind = Literal["claims", "demands", "articles"]

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

# SQLite builds before 3.32 allow 999 host parameters per statement; newer ones 32,766. We
# use the old limit so a statement never fails on an older system library. PostgreSQL's
# wire protocol counts parameters in a 16-bit integer.
_BIND_LIMITS = {SQLITE: 999, POSTGRESQL: 32_767}

# An arbitrary constant: the key of the PostgreSQL advisory lock all claimdb writers share.
_WRITE_LOCK_KEY = 0x636C6D64  # "clmd"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that is always timezone-aware UTC in Python, whatever the backend stores.

    Naive datetimes are refused on the way in: their meaning depends on the machine's clock
    settings, and a database shared by several machines must not.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware datetime (e.g. dt.UTC)")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        # SQLite keeps no offset; what we wrote was UTC.
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def bind_limit(dialect: Dialect | str) -> int:
    name = dialect if isinstance(dialect, str) else dialect.name
    return _BIND_LIMITS.get(name, _BIND_LIMITS[SQLITE])


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items (lazy: works on generators)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def chunks_for(dialect: Dialect | str, items: Iterable[T], binds_per_item: int) -> Iterator[list[T]]:
    """Chunks of ``items`` small enough that one statement binding ``binds_per_item``
    parameters per item stays under the backend's parameter limit."""
    return chunked(items, max(1, bind_limit(dialect) // max(1, binds_per_item)))


def insert_ignore(table: Table, dialect: Dialect) -> Insert:
    """INSERT that silently skips rows violating a unique constraint (the row already exists,
    perhaps written a moment ago by another process): the caller re-selects afterwards."""
    if dialect.name == POSTGRESQL:
        return postgresql.insert(table).on_conflict_do_nothing()
    if dialect.name == SQLITE:
        return sqlite.insert(table).on_conflict_do_nothing()
    raise DatabaseError(f"unsupported database backend {dialect.name!r}; use SQLite or PostgreSQL")


def serialize_writes(session: Session) -> None:
    """Make this write transaction wait for any other claimdb writer to finish.

    Resolving actors reads before it writes ("is there an actor with this alias?"), so two
    writers interleaving could both decide to create the same actor. SQLite write
    transactions start with BEGIN IMMEDIATE (see engine.py) and are serialised already;
    PostgreSQL takes a transaction-scoped advisory lock, released at commit or rollback.
    """
    if session.get_bind().dialect.name == POSTGRESQL:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY})


def refresh_statistics(connection: Connection) -> None:
    """Let the query planner see the table sizes and value spread after a bulk write.

    SQLite keeps no statistics until ANALYZE runs, and without them it may sort every claim
    to show a hundred, or walk an index that matches half the table. ANALYZE reads only the
    indexes: well under a second per GB. (``analysis_limit`` would be faster still, but its
    thousand-row samples report a popular actor and a rare one alike, which misleads the
    planner as badly as no statistics.) PostgreSQL's autovacuum keeps its own statistics.
    """
    if connection.dialect.name == SQLITE:
        connection.exec_driver_sql("ANALYZE")


# --- full-text search -----------------------------------------------------------------------

# Created by the migrations; listed so that schema-drift checks skip them (and, on
# PostgreSQL, the stored tsvector columns named search_fts).
FTS_TABLES = ("claims_fts", "demands_fts", "articles_fts")


def is_fts_object(name: str | None) -> bool:
    """True for the FTS5 tables (and their shadow tables) and the PostgreSQL search indexes."""
    return name is not None and "_fts" in name


# Both backends rank every match but build snippets for the best few only: the inner query
# ranks on the full-text index alone, the outer one joins and highlights ``limit`` rows.
_SQLITE_SEARCH = {
    "claims": """
        SELECT c.id AS id, c.article_id AS article_id, a.title AS article_title,
               a.published AS published, c.span_start AS span_start, c.span_end AS span_end,
               snippet(claims_fts, 0, :open, :close, '…', 24) AS snippet,
               -top.rank AS score
        FROM (SELECT rowid AS id, rank FROM claims_fts WHERE claims_fts MATCH :query
              ORDER BY rank, rowid LIMIT :limit) AS top
        JOIN claims_fts ON claims_fts.rowid = top.id
        JOIN claims AS c ON c.id = top.id
        JOIN articles AS a ON a.id = c.article_id
        WHERE claims_fts MATCH :query ORDER BY top.rank, top.id""",
    "demands": """
        SELECT d.id AS id, d.article_id AS article_id, a.title AS article_title,
               a.published AS published, d.span_start AS span_start, d.span_end AS span_end,
               snippet(demands_fts, 0, :open, :close, '…', 24) AS snippet,
               -top.rank AS score
        FROM (SELECT rowid AS id, rank FROM demands_fts WHERE demands_fts MATCH :query
              ORDER BY rank, rowid LIMIT :limit) AS top
        JOIN demands_fts ON demands_fts.rowid = top.id
        JOIN demands AS d ON d.id = top.id
        JOIN articles AS a ON a.id = d.article_id
        WHERE demands_fts MATCH :query ORDER BY top.rank, top.id""",
    "articles": """
        SELECT a.id AS id, a.id AS article_id, a.title AS article_title,
               a.published AS published, NULL AS span_start, NULL AS span_end,
               snippet(articles_fts, -1, :open, :close, '…', 24) AS snippet,
               -top.rank AS score
        FROM (SELECT rowid AS id, rank FROM articles_fts WHERE articles_fts MATCH :query
              ORDER BY rank, rowid LIMIT :limit) AS top
        JOIN articles_fts ON articles_fts.rowid = top.id
        JOIN articles AS a ON a.id = top.id
        WHERE articles_fts MATCH :query ORDER BY top.rank, top.id""",
}

# search_fts is the stored tsvector column with the GIN index (migration 0002).
_PG_SEARCH = {
    "claims": """
        SELECT c.id AS id, c.article_id AS article_id, a.title AS article_title,
               a.published AS published, c.span_start AS span_start, c.span_end AS span_end,
               ts_headline('english', c.text, q, :options) AS snippet, top.score AS score
        FROM (SELECT c.id, ts_rank(c.search_fts, q) AS score
              FROM claims AS c, websearch_to_tsquery('english', :query) AS q
              WHERE c.search_fts @@ q ORDER BY score DESC, c.id LIMIT :limit) AS top
        JOIN claims AS c ON c.id = top.id
        JOIN articles AS a ON a.id = c.article_id,
        websearch_to_tsquery('english', :query) AS q
        ORDER BY top.score DESC, top.id""",
    "demands": """
        SELECT d.id AS id, d.article_id AS article_id, a.title AS article_title,
               a.published AS published, d.span_start AS span_start, d.span_end AS span_end,
               ts_headline('english', d.text, q, :options) AS snippet, top.score AS score
        FROM (SELECT d.id, ts_rank(d.search_fts, q) AS score
              FROM demands AS d, websearch_to_tsquery('english', :query) AS q
              WHERE d.search_fts @@ q ORDER BY score DESC, d.id LIMIT :limit) AS top
        JOIN demands AS d ON d.id = top.id
        JOIN articles AS a ON a.id = d.article_id,
        websearch_to_tsquery('english', :query) AS q
        ORDER BY top.score DESC, top.id""",
    "articles": """
        SELECT a.id AS id, a.id AS article_id, a.title AS article_title,
               a.published AS published, NULL AS span_start, NULL AS span_end,
               ts_headline('english', a.text, q, :options) AS snippet, top.score AS score
        FROM (SELECT a.id, ts_rank(a.search_fts, q) AS score
              FROM articles AS a, websearch_to_tsquery('english', :query) AS q
              WHERE a.search_fts @@ q ORDER BY score DESC, a.id LIMIT :limit) AS top
        JOIN articles AS a ON a.id = top.id,
        websearch_to_tsquery('english', :query) AS q
        ORDER BY top.score DESC, top.id""",
}

_WORD = re.compile(r"\w+")


def search_statement(
    dialect: Dialect, kind: SearchKind, query: str, *, limit: int, marks: tuple[str, str]
) -> tuple[TextClause, dict[str, Any]] | None:
    """The ranked search statement and its parameters; None when the query has no words.

    Columns: id, article_id, article_title, published, span_start, span_end, snippet,
    score (higher is better; the scale differs between backends).
    """
    words = _WORD.findall(query)
    if not words:
        return None
    if dialect.name == POSTGRESQL:
        # websearch_to_tsquery accepts any text ("quoted phrases", or, -not) without errors.
        options = f'StartSel="{marks[0]}", StopSel="{marks[1]}", MaxWords=35, MinWords=15'
        params = {"query": query, "limit": limit, "options": options}
        return text(_PG_SEARCH[kind]), params
    # FTS5's query language fails on stray punctuation; quoting each word keeps every user
    # input valid and means "all of these words" (the words are data, never SQL).
    match = " ".join(f'"{w}"' for w in words)
    params = {"query": match, "limit": limit, "open": marks[0], "close": marks[1]}
    return text(_SQLITE_SEARCH[kind]), params


# --- read-only connections for `claimdb sql` ------------------------------------------------

# Read-only pragmas that take an argument and are useful for inspecting a schema. Any other
# pragma with an argument could change settings, so the authorizer refuses it.
_INSPECTION_PRAGMAS = frozenset(
    {"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list"}
)


def _sqlite_authorizer(action: int, arg1: str | None, arg2: str | None, *_: str | None) -> int:
    # Defence in depth behind mode=ro and query_only: ATTACH could open (and create) another
    # file read-write, and pragmas with arguments can change connection behaviour.
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    pragma = (arg1 or "").lower()
    if action == sqlite3.SQLITE_PRAGMA and arg2 is not None and pragma not in _INSPECTION_PRAGMAS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


@contextmanager
def _sqlite_readonly(url: str, timeout: float) -> Iterator[sqlite3.Connection]:
    path = make_url(url).database
    if not path or path == ":memory:":
        raise DatabaseError("claimdb sql needs a database file or server, not an in-memory database")
    try:
        conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.OperationalError as err:
        raise DatabaseError(f"cannot open {path} read-only ({err}); check the path given to --db") from None
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        conn.set_authorizer(_sqlite_authorizer)
        deadline = time.monotonic() + timeout
        # Called every N virtual-machine instructions; a non-zero return aborts the query
        # with "interrupted", which is how a runaway SELECT is stopped.
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        yield conn
    finally:
        conn.close()


@contextmanager
def _postgresql_readonly(url: str, timeout: float) -> Iterator[psycopg.Connection[Any]]:
    import psycopg

    parsed = make_url(url)
    conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    # Read-only and time-limited from the first moment of the session, by startup options
    # rather than by statements that a later statement could undo.
    options = f"-c default_transaction_read_only=on -c statement_timeout={max(1, int(timeout * 1000))}"
    try:
        conn = psycopg.connect(conninfo, options=options)
    except psycopg.Error as err:
        where = parsed.render_as_string(hide_password=True)
        raise DatabaseError(
            f"cannot connect to {where} ({str(err).strip()}); check the server and URL"
        ) from None
    try:
        conn.read_only = True
        # Taking a snapshot makes the transaction's mode final: PostgreSQL refuses
        # SET TRANSACTION READ WRITE once a query has run in it.
        conn.execute("SELECT 1")
        yield conn
    finally:
        conn.close()  # never committed: closing rolls the transaction back


@contextmanager
def readonly_connection(
    url: str, *, timeout: float
) -> Iterator[sqlite3.Connection | psycopg.Connection[Any]]:
    """A connection that cannot write, whose statements stop after ``timeout`` seconds.

    SQLite: a separate ``mode=ro`` connection with ``query_only``, no ATTACH and a progress
    handler. PostgreSQL: a read-only session and transaction with ``statement_timeout``,
    never committed. The protection is the connection itself, never a check of the SQL text.
    """
    backend = make_url(url).get_backend_name()
    if backend == SQLITE:
        with _sqlite_readonly(url, timeout) as conn:
            yield conn
    elif backend == POSTGRESQL:
        with _postgresql_readonly(url, timeout) as pg:
            yield pg
    else:
        raise DatabaseError(f"unsupported database backend {backend!r}; use SQLite or PostgreSQL")


def execute_one(
    conn: sqlite3.Connection | psycopg.Connection[Any], sql: str
) -> tuple[list[str], Iterator[Sequence[Any]]]:
    """Run exactly one statement; return its column names and rows (lazily fetched).

    Both drivers refuse more than one statement here: sqlite3's ``execute``, and psycopg
    with ``prepare=True``, which sends the text through the extended query protocol (a
    server-side Parse accepts exactly one statement; the simple protocol would run several).
    """
    if isinstance(conn, sqlite3.Connection):
        cursor = conn.execute(sql)
        columns = [d[0] for d in cursor.description or ()]
        return columns, iter(cursor)
    pg_cursor = conn.cursor()
    pg_cursor.execute(sql, prepare=True)
    if pg_cursor.description is None:  # SET, BEGIN, ...: a statement without a result
        return [], iter(())
    columns = [d.name for d in pg_cursor.description or ()]
    return columns, iter(pg_cursor)
