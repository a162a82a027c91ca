"""claimdb sql: reads work; every kind of write fails because the connection cannot write."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from testkit import ARTICLE_1, TAXONOMY, counts, fake_extract

from claimdb.db.engine import session_scope
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


def test_select(filled: Engine, db_url: str) -> None:
    assert query(db_url, "SELECT speaker, text FROM claims_view") == (
        ("speaker", "text"),
        [("Jane Roe", "the sanctions had failed")],
    )
    assert query(db_url, "SELECT name FROM actors WHERE name LIKE '%Roe%';")[1] == [("Jane Roe",)]


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
def test_writes_fail(filled: Engine, db_url: str, sql: str) -> None:
    before = counts(filled)
    with pytest.raises(DatabaseError) as err:
        query(db_url, sql)
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
def test_sqlite_attach_and_write_pragmas_fail(filled: Engine, db_url: str, sql: str, reason: str) -> None:
    if filled.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with pytest.raises(DatabaseError) as err:
        query(db_url, sql)
    assert str(err.value) == READ_ONLY.format(reason)
    assert query(db_url, "PRAGMA journal_mode")[1] == [("wal",)]


def test_postgresql_cannot_leave_read_only(filled: Engine, db_url: str) -> None:
    if filled.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    with pytest.raises(DatabaseError, match="transaction read-write mode must be set before any query"):
        query(db_url, "SET TRANSACTION READ WRITE")
    with pytest.raises(DatabaseError, match=r"cannot execute nextval\(\) in a read-only transaction"):
        query(db_url, "SELECT nextval('articles_id_seq')")


@pytest.mark.parametrize("sql", ["SELECT 1; SELECT 2", "SELECT 1; DELETE FROM claims"])
def test_exactly_one_statement(filled: Engine, db_url: str, sql: str) -> None:
    with pytest.raises(DatabaseError) as err:
        query(db_url, sql)
    assert (
        str(err.value) == "claimdb sql runs exactly one statement; remove the others (and any ; between them)"
    )
    assert counts(filled)["claims"] == 1


def test_time_limit(engine: Engine, db_url: str) -> None:
    slow = (
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000000) "
        "SELECT count(*) FROM n"
    )
    with pytest.raises(DatabaseError) as err:
        query(db_url, slow, timeout=0.2)
    assert str(err.value) == "the query ran longer than 0.2 s and was stopped; narrow it or raise --timeout"


def test_errors_are_one_line(engine: Engine, db_url: str) -> None:
    with pytest.raises(DatabaseError, match="^SQL error: .*no_such_table"):
        query(db_url, "SELECT * FROM no_such_table")


def test_empty_statement(engine: Engine, db_url: str) -> None:
    with pytest.raises(InputError, match="^no SQL given"):
        query(db_url, "  ")
