"""claimdb sql: reads work; every kind of write fails because the connection cannot write."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from testkit import ARTICLE_1, SQL_ROLE, TAXONOMY, counts, fake_extract

from claimdb.db.engine import describe, session_scope
from claimdb.db.sql import run_sql
from claimdb.db.store import save
from claimdb.errors import DatabaseError, InputError
from claimdb.sources import Article

READ_ONLY = "claimdb sql is read-only ({}); it runs SELECT and other reading statements only"


@pytest.fixture
def filled(engine: Engine) -> Engine:
    with session_scope(engine) as s:
        save(s, Article(ARTICLE_1), fake_extract(ARTICLE_1), TAXONOMY)
    return engine


def query(url: str, sql: str, timeout: float = 5) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    with run_sql(url, sql, timeout=timeout) as rows:
        return rows.columns, list(rows.rows)


def test_select(filled: Engine, sql_url: str) -> None:
    assert query(sql_url, "SELECT speaker, text FROM claims_view") == (
        ("speaker", "text"),
        [("Jane Roe", "the sanctions had failed")],
    )
    assert query(sql_url, "SELECT name FROM actors WHERE name LIKE '%Roe%';")[1] == [("Jane Roe",)]


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO topics (id, label, description) VALUES ('x', 'x', '')",
        "UPDATE actors SET name = 'Someone'",
        "DELETE FROM claims",
        "DROP TABLE claims",
        "CREATE TABLE sneaky (x INTEGER)",
        "CREATE INDEX ix_sneaky ON claims (cue)",
        "ALTER TABLE claims ADD COLUMN x INTEGER",
    ],
)
def test_writes_fail(filled: Engine, sql_url: str, sql: str) -> None:
    before = counts(filled)
    with pytest.raises(DatabaseError) as err:
        query(sql_url, sql)
    assert str(err.value).startswith("claimdb sql is read-only (")
    assert counts(filled) == before


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("ATTACH DATABASE 'elsewhere.sqlite' AS other", "not authorized"),
        ("PRAGMA journal_mode = DELETE", "not authorized"),
        ("PRAGMA foreign_keys = OFF", "not authorized"),
    ],
)
def test_sqlite_attach_and_write_pragmas_fail(filled: Engine, sql_url: str, sql: str, reason: str) -> None:
    if filled.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with pytest.raises(DatabaseError) as err:
        query(sql_url, sql)
    assert str(err.value) == READ_ONLY.format(reason)
    assert query(sql_url, "PRAGMA journal_mode")[1] == [("wal",)]


def test_postgresql_cannot_leave_read_only(filled: Engine, sql_url: str) -> None:
    if filled.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    with pytest.raises(DatabaseError, match="transaction read-write mode must be set before any query"):
        query(sql_url, "SET TRANSACTION READ WRITE")
    with pytest.raises(DatabaseError, match=r"cannot execute nextval\(\) in a read-only transaction"):
        query(sql_url, "SELECT nextval('articles_id_seq')")


@pytest.mark.parametrize("sql", ["SELECT 1; SELECT 2", "SELECT 1; DELETE FROM claims"])
def test_exactly_one_statement(filled: Engine, sql_url: str, sql: str) -> None:
    with pytest.raises(DatabaseError) as err:
        query(sql_url, sql)
    assert (
        str(err.value) == "claimdb sql runs exactly one statement; remove the others (and any ; between them)"
    )
    assert counts(filled)["claims"] == 1


def test_time_limit(engine: Engine, sql_url: str) -> None:
    slow = (
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000000) "
        "SELECT count(*) FROM n"
    )
    with pytest.raises(DatabaseError) as err:
        query(sql_url, slow, timeout=0.2)
    assert str(err.value) == "the query ran longer than 0.2 s and was stopped; narrow it or raise --timeout"


def test_errors_are_one_line(engine: Engine, sql_url: str) -> None:
    with pytest.raises(DatabaseError, match="^SQL error: .*no_such_table"):
        query(sql_url, "SELECT * FROM no_such_table")


def test_empty_statement(engine: Engine, sql_url: str) -> None:
    with pytest.raises(InputError, match="^no SQL given"):
        query(sql_url, "  ")


# --- tricks: every one refused, nothing changed ---------------------------------------------


def _snapshot(engine: Engine) -> tuple[dict[str, int], list[object]]:
    with engine.connect() as conn:
        texts = conn.execute(text("SELECT id, text FROM claims ORDER BY id")).all()
    return counts(engine), [tuple(r) for r in texts]


SQLITE_TRICKS = [
    ("VACUUM INTO '{tmp}/copy.sqlite'", "authorization denied"),
    ("VACUUM", "authorization denied"),
    ("CREATE TEMP TABLE t (x INTEGER)", "attempt to write a readonly database"),
    ("CREATE TEMP VIEW v AS SELECT 1", "attempt to write a readonly database"),
    ("WITH x AS (SELECT 1) DELETE FROM claims", "attempt to write a readonly database"),
    ("/* a comment first */ DELETE FROM claims", "attempt to write a readonly database"),
    (
        "REPLACE INTO topics (id, label, description) VALUES ('x', 'x', '')",
        "attempt to write a readonly database",
    ),
    ("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')", "attempt to write a readonly database"),
    ("ANALYZE", "attempt to write a readonly database"),
    ("REINDEX", "attempt to write a readonly database"),
    ("PRAGMA wal_checkpoint(TRUNCATE)", "not authorized"),
    ("PRAGMA writable_schema = ON", "not authorized"),
    ("PRAGMA query_only = OFF", "not authorized"),
    ("SELECT load_extension('/tmp/evil')", "not authorized"),
]


@pytest.mark.parametrize(("sql", "reason"), SQLITE_TRICKS, ids=[s for s, _ in SQLITE_TRICKS])
def test_sqlite_tricks_are_refused(
    filled: Engine, sql_url: str, tmp_path: Path, sql: str, reason: str
) -> None:
    if filled.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    before = _snapshot(filled)
    with pytest.raises(DatabaseError) as err:
        query(sql_url, sql.format(tmp=tmp_path))
    assert str(err.value) == READ_ONLY.format(reason)
    assert _snapshot(filled) == before
    assert not (tmp_path / "copy.sqlite").exists()


def test_a_second_statement_hidden_behind_a_comment(filled: Engine, sql_url: str) -> None:
    with pytest.raises(DatabaseError) as err:
        query(sql_url, "SELECT 1 -- harmless?\n; DELETE FROM claims")
    assert (
        str(err.value) == "claimdb sql runs exactly one statement; remove the others (and any ; between them)"
    )
    assert counts(filled)["claims"] == 1


POSTGRESQL_TRICKS = [
    (
        "WITH gone AS (DELETE FROM claims RETURNING id) SELECT count(*) FROM gone",
        "cannot execute SELECT in a read-only transaction",
    ),
    ("DO $$BEGIN DELETE FROM claims; END$$", "cannot execute DELETE in a read-only transaction"),
    ("SELECT * INTO claims_copy FROM claims", "cannot execute SELECT INTO in a read-only transaction"),
    ("CREATE TEMP TABLE t (x integer)", "cannot execute CREATE TABLE in a read-only transaction"),
    ("TRUNCATE claims CASCADE", "cannot execute TRUNCATE TABLE in a read-only transaction"),
    (
        "SELECT set_config('transaction_read_only', 'off', false)",
        "transaction read-write mode must be set before any query",
    ),
    ("SELECT setval('articles_id_seq', 1000)", "cannot execute setval() in a read-only transaction"),
]


@pytest.mark.parametrize(("sql", "reason"), POSTGRESQL_TRICKS, ids=[s for s, _ in POSTGRESQL_TRICKS])
def test_postgresql_tricks_are_refused(filled: Engine, sql_url: str, sql: str, reason: str) -> None:
    if filled.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    before = _snapshot(filled)
    with pytest.raises(DatabaseError) as err:
        query(sql_url, sql)
    assert str(err.value) == READ_ONLY.format(reason)
    assert _snapshot(filled) == before


def test_postgresql_superusers_are_refused(filled: Engine, db_url: str, tmp_path: Path) -> None:
    """A superuser could run a program from a read-only transaction (COPY ... TO PROGRAM);
    claimdb sql refuses to run anything as one."""
    if filled.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    marker = Path(tempfile.gettempdir()) / f"claimdb-test-{os.getpid()}-{id(tmp_path)}"
    with filled.connect() as conn:
        user = conn.execute(text("SELECT current_user")).scalar_one()
        if conn.execute(text("SELECT current_setting('is_superuser')")).scalar_one() != "on":
            pytest.skip("the test server's role is no superuser")
    with pytest.raises(DatabaseError) as err:
        query(db_url, f"COPY (SELECT 1) TO PROGRAM 'touch {marker}'")
    assert str(err.value) == (
        f"claimdb sql will not run as {user!r} on {describe(db_url)}: that role can run programs and "
        "write files on the server (a superuser, or a member of pg_execute_server_program or "
        "pg_write_server_files), which no read-only transaction prevents. Connect as a role that can only "
        "read, e.g. CREATE ROLE claimdb_reader LOGIN PASSWORD '...'; GRANT pg_read_all_data TO "
        "claimdb_reader; then pass --db postgresql+psycopg://claimdb_reader:...@HOST/DBNAME"
    )
    assert not marker.exists()


def test_postgresql_roles_that_may_run_programs_are_refused(filled: Engine, sql_url: str) -> None:
    if filled.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    with filled.begin() as conn:
        conn.execute(text(f"GRANT pg_execute_server_program TO {SQL_ROLE}"))
    try:
        with pytest.raises(DatabaseError, match=f"^claimdb sql will not run as '{SQL_ROLE}' on "):
            query(sql_url, "SELECT 1")
    finally:
        with filled.begin() as conn:
            conn.execute(text(f"REVOKE pg_execute_server_program FROM {SQL_ROLE}"))
    assert query(sql_url, "SELECT 1 AS one") == (("one",), [(1,)])
