"""Opening the database: URL to Engine, SQLite connection settings, sessions, error messages.

engine = open_database(settings.database_url(db_option))   # migrates on first use
with session_scope(engine) as s:                            # one transaction
    store.save(s, article, extraction, taxonomy)
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from claimdb.db.dialect import POSTGRESQL, SQLITE
from claimdb.errors import DatabaseError

# How long a writer waits for another process's write transaction before giving up. Saving
# one article takes milliseconds, so this only runs out when something is badly stuck.
BUSY_TIMEOUT_MS = 30_000

# Connection option that marks a transaction as read-only, so that SQLite starts it with a
# plain BEGIN instead of BEGIN IMMEDIATE and never waits for a writer.
READ_ONLY = "claimdb_read_only"


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL, or a DatabaseError that says what a valid one looks like."""
    try:
        parsed = make_url(url)
    except (exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise DatabaseError(
            f"{url!r} is not a database URL; pass a file path (./claimdb.sqlite) or a URL such as "
            "postgresql+psycopg://user@host/dbname"
        ) from None
    if parsed.drivername == POSTGRESQL:
        # psycopg 3 is the driver claimdb installs (`claimdb[postgres]`); SQLAlchemy's own
        # default for a bare postgresql:// is psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def describe(url: str | URL) -> str:
    """The URL for messages: a path for SQLite, the password hidden otherwise."""
    parsed = url if isinstance(url, URL) else make_url(url)
    if parsed.get_backend_name() == SQLITE:
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def create_engine_for(url: str) -> Engine:
    """An Engine for ``url`` with claimdb's connection settings, without touching the schema."""
    parsed = parse_url(url)
    backend = parsed.get_backend_name()
    if backend not in (SQLITE, POSTGRESQL):
        raise DatabaseError(f"unsupported database backend {backend!r}; use an SQLite file or PostgreSQL")
    try:
        if backend == SQLITE:
            memory = parsed.database in (None, "", ":memory:")
            # One shared connection for an in-memory database: each new connection would
            # otherwise be a new, empty database.
            pool: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
            engine = create_engine(parsed, connect_args={"check_same_thread": False}, **pool)
            _configure_sqlite(engine)
            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except (exc.NoSuchModuleError, ImportError):
        raise DatabaseError(
            f"no driver for {parsed.drivername!r}; for PostgreSQL install claimdb[postgres] (psycopg 3) "
            "and use a postgresql+psycopg:// URL"
        ) from None


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let us issue BEGIN ourselves (see _on_begin); the sqlite3 module's implicit
        # transactions would start them too late, at the first write.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        # SQLite ignores foreign keys unless each connection asks for them.
        cursor.execute("PRAGMA foreign_keys = ON")
        # Wait for a concurrent writer instead of failing at once with "database is locked".
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _use_write_ahead_log(cursor)
        # With WAL, NORMAL is safe against application crashes and much faster than FULL;
        # only a power cut can lose the last committed transactions, never corrupt the file.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue on busy_timeout. A
        # deferred transaction that reads and then writes can instead fail at once with
        # SQLITE_BUSY when another process wrote in between, whatever the timeout.
        mode = "DEFERRED" if conn.get_execution_options().get(READ_ONLY) else "IMMEDIATE"
        conn.exec_driver_sql(f"BEGIN {mode}")


def _use_write_ahead_log(cursor: sqlite3.Cursor) -> None:
    """Write-ahead log: readers never block the writer nor the writer readers, so queries
    keep working during an ingest. Persistent in the file; a no-op once set.

    Switching a new file to WAL needs an exclusive lock, and SQLite does not wait for it on
    the busy handler: while another process holds a write lock (two ingests creating the
    same new database), the pragma fails at once with "database is locked". So wait here,
    as long as busy_timeout would; once the other process has switched, it is a no-op.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def sqlite_path(engine: Engine) -> Path | None:
    """The file of an SQLite database; None for PostgreSQL or an in-memory database."""
    if engine.dialect.name != SQLITE or engine.url.database in (None, "", ":memory:"):
        return None
    return Path(engine.url.database)


def open_database(url: str, *, create: bool = True) -> Engine:
    """An Engine for ``url`` whose schema is current: migrated on first use, and refused
    (SchemaTooNewError) if a newer claimdb wrote it. With ``create=False`` a missing SQLite
    file is an error instead of a new empty database (for commands that only read)."""
    from claimdb.db import migrate  # migrations import the schema; keep `--help` light

    engine = create_engine_for(url)
    path = sqlite_path(engine)
    if path is not None and not create and not path.exists():
        raise DatabaseError(
            f"no database at {path}; ingest articles first (claimdb ingest FILE) or point --db "
            "or CLAIMDB_DATABASE_URL at an existing database"
        )
    try:
        with translate_errors(engine):
            migrate.ensure_current(engine)
    except BaseException:
        engine.dispose()  # close what was opened; the caller never sees this engine
        raise
    return engine


@contextmanager
def session_scope(engine: Engine, *, read_only: bool = False) -> Iterator[Session]:
    """One session in one transaction: committed if the block succeeds, rolled back if not.

    Core functions take the session and never commit; this is the only place that does.
    """
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    with translate_errors(engine), Session(bind, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def translate_errors(engine: Engine) -> Iterator[None]:
    """Turn the driver's operational errors (cannot open, locked, not a database, server
    gone) into DatabaseErrors that name the database and say what to do. Programming errors
    and integrity violations are bugs and pass through unchanged."""
    try:
        yield
    except exc.OperationalError as err:
        raise DatabaseError(_explain(engine, err)) from err
    except exc.DatabaseError as err:
        if type(err) is not exc.DatabaseError:  # IntegrityError, ProgrammingError, ...
            raise
        raise DatabaseError(_explain(engine, err)) from err


def _explain(engine: Engine, err: exc.DBAPIError) -> str:
    where = describe(engine.url)
    detail = str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
    low = detail.lower()
    if engine.dialect.name == SQLITE:
        if "file is not a database" in low:
            return f"{where} is not an SQLite database (or is corrupt); pass another file with --db"
        if "unable to open database file" in low:
            if Path(where).is_dir():
                return (
                    f"{where} is a folder, not a database file; pass a file path such as "
                    f"{where}/claimdb.sqlite"
                )
            return (
                f"cannot open {where}: its folder does not exist or is not writable; "
                "create the folder or pass another path with --db"
            )
        if "readonly" in low or "read-only" in low:
            return (
                f"{where} is read-only (or its folder is, and SQLite needs to create -wal/-shm files "
                "beside it); fix the permissions or copy it somewhere writable"
            )
        if "locked" in low or "busy" in low:
            return f"{where} stayed locked by another process for {BUSY_TIMEOUT_MS // 1000} s; try again"
    elif "connect" in low or "connection" in low:
        return f"cannot connect to {where} ({detail}); check that the server is running and the URL"
    return f"{where}: {detail}"
