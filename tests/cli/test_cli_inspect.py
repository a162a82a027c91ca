"""claimdb sql, search, topics and check."""

from __future__ import annotations

import json

import pytest
from testkit import Invoke

from claimdb.topics import load_taxonomy


def test_sql_select(filled: Invoke, sql_url: str) -> None:
    statement = "SELECT speaker, count(*) AS n FROM claims_view GROUP BY speaker"
    result = filled("sql", statement, "-f", "json", "--db", sql_url, db=False)
    assert (result.code, result.out) == (0, '[\n{"speaker": "Jane Roe", "n": 2}\n]\n')


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO topics (id, label, description) VALUES ('x', 'x', '')",
        "UPDATE claims SET text = 'x'",
        "DELETE FROM claims",
        "DROP TABLE claims",
        "CREATE TABLE t (x INTEGER)",
    ],
)
def test_sql_refuses_writes(filled: Invoke, sql_url: str, statement: str) -> None:
    result = filled("sql", statement, "--db", sql_url, db=False)
    assert result.code == 1 and result.out == ""
    assert result.err.startswith("error: claimdb sql is read-only (")
    assert len(result.err.splitlines()) == 1
    count = filled("sql", "SELECT count(*) AS n FROM claims", "-f", "json", "--db", sql_url, db=False)
    assert json.loads(count.out) == [{"n": 2}]


def test_sql_one_statement(filled: Invoke, sql_url: str) -> None:
    result = filled("sql", "SELECT 1; DELETE FROM claims", "--db", sql_url, db=False)
    assert (
        result.err
        == "error: claimdb sql runs exactly one statement; remove the others (and any ; between them)\n"
    )


def test_search(filled: Invoke) -> None:
    rows = json.loads(filled("search", "sanctions", "--format", "json").out)
    assert [(r["id"], r["snippet"]) for r in rows] == [(1, "the [sanctions] had failed")]
    assert json.loads(filled("search", "border", "--kind", "articles", "-f", "json").out)[0]["id"] == 2
    assert filled("search", "...").err == "error: nothing to search for in '...'; give at least one word\n"


def test_topics(cli: Invoke, tmp_path: object) -> None:
    rows = json.loads(cli("topics", "--format", "json", db=False).out)
    assert [r["id"] for r in rows] == [t.id for t in load_taxonomy().topics]
    assert {"nato-expansion", "sanctions", "war"} <= {r["id"] for r in rows}


def test_topics_from_an_extra_file(cli: Invoke, tmp_path: object) -> None:
    from pathlib import Path

    extra = Path(str(tmp_path)) / "mine.toml"
    extra.write_text(
        '[[topics]]\nid = "fisheries"\nlabel = "Fisheries"\nterms = ["fish*"]\n', encoding="utf-8"
    )
    rows = json.loads(cli("topics", "--topics", str(extra), "-f", "json", db=False).out)
    assert rows[-1] == {"id": "fisheries", "label": "Fisheries", "description": "", "terms": "fish*"}


def test_check(filled: Invoke) -> None:
    result = filled("check", "--format", "json")
    assert result.code == 0
    report = json.loads(result.out)
    assert report["ok"] is True and report["problems"] == [] and report["counts"]["claims"] == 2
    table = filled("check")
    assert table.err == "ok: no problems found\n"


def test_check_reports_problems(filled: Invoke, db_url: str) -> None:
    from sqlalchemy import text

    from claimdb.db.engine import open_database, session_scope

    engine = open_database(db_url)
    with session_scope(engine) as s:
        s.execute(text("UPDATE mentions SET text = 'Jane Doe' WHERE id = 1"))
    engine.dispose()
    result = filled("check")
    assert result.code == 1
    assert result.err.splitlines() == [
        "problem: mentions 1: text[23:31] of article 1 is 'Jane Roe', not 'Jane Doe'",
        "1 problem(s) found",
    ]
