"""Opening databases: URLs, SQLite settings, and a clear message for each way it fails."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import StatementError

from claimdb.db import schema
from claimdb.db.dialect import UTCDateTime, bind_limit, chunks_for
from claimdb.db.engine import create_engine_for, describe, open_database, parse_url, session_scope
from claimdb.errors import DatabaseError
from claimdb.settings import DATABASE_ENV, database_url


def sqlite(path: Path) -> str:
    return database_url(str(path))


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = open_database(sqlite(tmp_path / "x.sqlite"))
    with engine.connect() as conn:
        values = [
            conn.exec_driver_sql(f"PRAGMA {p}").scalar()
            for p in ("foreign_keys", "journal_mode", "busy_timeout", "synchronous")
        ]
    engine.dispose()
    assert values == [1, "wal", 30000, 1]


def test_waits_for_a_writer_before_switching_a_new_file_to_wal(tmp_path: Path) -> None:
    """Two ingests creating one new database: the second must wait for the first's write
    lock to switch the file to WAL, not fail at once (SQLite skips the busy handler there)."""
    path = tmp_path / "new.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE other_process (x)")
    holder.execute("BEGIN IMMEDIATE")  # a write lock, still in the rollback-journal mode
    release = threading.Timer(0.3, holder.execute, ("COMMIT",))
    release.start()
    engine = create_engine_for(sqlite(path))
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        release.join()
        engine.dispose()
        holder.close()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(Exception, match="(?i)foreign key"), session_scope(engine) as s:
        s.execute(
            text(
                "INSERT INTO mentions (actor_id, article_id, span_start, span_end, text) "
                "VALUES (99, 99, 0, 1, 'x')"
            )
        )


def test_check_constraints(engine: Engine) -> None:
    with pytest.raises(Exception, match="(?i)check"), session_scope(engine) as s:
        s.execute(text("INSERT INTO actors (name, kind) VALUES ('X', 'robot')"))


def test_url_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    assert database_url() == f"sqlite:///{tmp_path / 'claimdb.sqlite'}"
    monkeypatch.setenv(DATABASE_ENV, "postgresql://me@db/claims")
    assert database_url() == "postgresql://me@db/claims"
    assert database_url("other.sqlite") == f"sqlite:///{tmp_path / 'other.sqlite'}"
    assert str(parse_url("postgresql://me@db/claims").drivername) == "postgresql+psycopg"
    assert describe("postgresql+psycopg://me:secret@db/claims") == "postgresql+psycopg://me:***@db/claims"


def test_malformed_url() -> None:
    with pytest.raises(DatabaseError) as err:
        open_database("postgresql://me@db:notaport/x")
    assert str(err.value) == (
        "'postgresql://me@db:notaport/x' is not a database URL; pass a file path (./claimdb.sqlite) "
        "or a URL such as postgresql+psycopg://user@host/dbname"
    )


def test_unsupported_backend() -> None:
    with pytest.raises(
        DatabaseError, match="unsupported database backend 'mysql'; use an SQLite file or PostgreSQL"
    ):
        open_database("mysql://me@db/x")


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes, not a database at all\n" * 100, encoding="utf-8")
    with pytest.raises(DatabaseError) as err:
        open_database(sqlite(path))
    assert str(err.value) == f"{path} is not an SQLite database (or is corrupt); pass another file with --db"


def test_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "x.sqlite"
    with pytest.raises(DatabaseError) as err:
        open_database(sqlite(path))
    assert str(err.value) == (
        f"cannot open {path}: its folder does not exist or is not writable; "
        "create the folder or pass another path with --db"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_location(tmp_path: Path) -> None:
    open_database(sqlite(tmp_path / "x.sqlite")).dispose()
    tmp_path.chmod(0o555)
    (tmp_path / "x.sqlite").chmod(0o444)
    try:
        with pytest.raises(DatabaseError, match="read-only|not writable"):
            open_database(sqlite(tmp_path / "x.sqlite"))
    finally:
        tmp_path.chmod(0o755)


def test_missing_database_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite"
    with pytest.raises(DatabaseError) as err:
        open_database(sqlite(path), create=False)
    assert str(err.value) == (
        f"no database at {path}; ingest articles first (claimdb ingest FILE) or point --db "
        "or CLAIMDB_DATABASE_URL at an existing database"
    )
    assert not path.exists()


def test_unreachable_postgresql() -> None:
    with pytest.raises(DatabaseError, match=r"^cannot connect to postgresql\+psycopg://nobody@127.0.0.1:9/x"):
        open_database("postgresql://nobody@127.0.0.1:9/x")


def test_utc_datetimes(engine: Engine) -> None:
    utc = UTCDateTime()
    assert utc.process_bind_param(None, engine.dialect) is None
    later = dt.datetime(2024, 5, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert utc.process_bind_param(later, engine.dialect) == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    with pytest.raises(StatementError, match="naive datetime"), session_scope(engine) as s:
        s.add(
            schema.Article(
                content_hash="x",
                text="x",
                language="en",
                extractor_version="",
                ingested_at=dt.datetime(2024, 5, 1),
            )
        )
        s.flush()


def test_chunks_respect_the_bind_limit() -> None:
    assert bind_limit("sqlite") == 999 and bind_limit("postgresql") == 32_767
    sizes = [len(c) for c in chunks_for("sqlite", range(1000), 3)]
    assert sizes == [333, 333, 333, 1]
