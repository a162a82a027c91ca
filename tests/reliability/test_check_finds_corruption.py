"""claimdb check finds what is wrong with a damaged copy, and passes the original.

Each case ingests the two test articles, copies the database (SQLite: the file; PostgreSQL:
the throwaway test database is itself the copy), damages the copy the way another tool or a
bad disk could, and runs ``claimdb check`` on it: exit 1 and exactly the expected problems.
PostgreSQL enforces foreign keys and has no FTS5 tables or file to damage, so those cases
are SQLite's alone.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from testkit import ARTICLE_1, ARTICLE_2, Invoke, invoke

from claimdb.settings import database_url


@dataclass(frozen=True)
class Damage:
    id: str
    sql: list[str]
    problems: list[str]
    sqlite_only: bool = False


CASES = [
    Damage(
        "a span moved",
        ["UPDATE claims SET span_start = span_start + 1 WHERE id = 1"],
        ["claims 1: text[38:61] of article 1 is 'he sanctions had failed', not 'the sanctions had failed'"],
    ),
    Damage(
        "a mention's text changed",
        ["UPDATE mentions SET text = 'Jane Doe' WHERE id = 2"],
        ["mentions 2: text[63:71] of article 1 is 'Jane Roe', not 'Jane Doe'"],
    ),
    Damage(
        "an article's text edited in place",
        ["UPDATE articles SET text = replace(text, 'failed', 'worked') WHERE id = 1"],
        [
            "articles 1: content_hash is not the SHA-256 of its text (the text was changed after ingest); "
            "restore the text, or delete the article and ingest it again",
            "claims 1: text[37:61] of article 1 is 'the sanctions had worked', "
            "not 'the sanctions had failed'",
        ],
    ),
    Damage(
        "a speaker span past the end of the article",
        ["UPDATE claims SET speaker_start = 500, speaker_end = 508 WHERE id = 2"],
        ["claims 2: speaker span [500:508] outside article 2"],
    ),
    Damage(
        "a stance citing another article's demand",
        ["UPDATE stances SET demand_id = 2 WHERE id = 1"],
        ["stances 1: its demand 2 is in article 2, not in its own article 1"],
    ),
    Damage(
        "a demand stated in another article's claim",
        ["UPDATE demands SET claim_id = 2 WHERE id = 1"],
        ["demands 1: its claim 2 is in article 2, not in its own article 1"],
    ),
    Damage(
        "an alias key that is not its alias normalised",
        ["UPDATE actor_aliases SET normalized = 'Brussels' WHERE id = 6"],
        ["actor_aliases 6: key 'Brussels' should be 'brussels' for 'Brussels'"],
    ),
    Damage(
        "an actor deleted by a tool that ignores foreign keys: orphan aliases and mentions",
        ["DELETE FROM actors WHERE id = 2"],
        [
            "actor_aliases.actor_id: 3 row(s) point at a missing actors row",
            "mentions.actor_id: 2 row(s) point at a missing actors row",
            "demands.addressee_id: 2 row(s) point at a missing actors row",
        ],
        sqlite_only=True,
    ),
    Damage(
        "an article deleted without what was extracted from it",
        ["DELETE FROM articles WHERE id = 2"],
        [
            "claims.article_id: 1 row(s) point at a missing articles row",
            "mentions.article_id: 3 row(s) point at a missing articles row",
            "demands.article_id: 1 row(s) point at a missing articles row",
            "stances.article_id: 1 row(s) point at a missing articles row",
        ],
        sqlite_only=True,
    ),
    Damage(
        "a search index out of step with its table",
        [
            "INSERT INTO claims_fts(claims_fts, rowid, text) "
            "VALUES ('delete', 1, 'the sanctions had failed')",
            "INSERT INTO claims_fts(rowid, text) VALUES (1, 'something else entirely')",
        ],
        ["claims_fts: the full-text index disagrees with its table; rebuild it with claimdb check --repair"],
        sqlite_only=True,
    ),
]


@pytest.fixture
def ingested(cli: Invoke, tmp_path: Path) -> Invoke:
    (tmp_path / "1.txt").write_text(ARTICLE_1, encoding="utf-8")
    (tmp_path / "2.txt").write_text(ARTICLE_2, encoding="utf-8")
    result = cli("ingest", str(tmp_path / "1.txt"), str(tmp_path / "2.txt"))
    assert result.code == 0, result.err
    return cli


def _damage(url: str, statements: list[str]) -> None:
    if url.startswith("sqlite"):
        # A plain connection, as another tool would open it: foreign keys not enforced.
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        with conn:
            for statement in statements:
                conn.execute(statement)
        conn.close()
        return
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


@pytest.mark.parametrize("damage", CASES, ids=[c.id for c in CASES])
def test_check_finds_the_damage(ingested: Invoke, db_url: str, tmp_path: Path, damage: Damage) -> None:
    if db_url.startswith("sqlite"):
        copy = tmp_path / "copy.sqlite"
        shutil.copy(db_url.removeprefix("sqlite:///"), copy)
        target = database_url(str(copy))
    elif damage.sqlite_only:
        pytest.skip("PostgreSQL enforces foreign keys and has no FTS5 index to fall out of step")
    else:
        target = db_url
    _damage(target, damage.sql)
    result = invoke("check", "--db", target)
    assert result.code == 1
    assert result.err.splitlines() == [
        *(f"problem: {p}" for p in damage.problems),
        f"{len(damage.problems)} problem(s) found",
    ]
    if target != db_url:  # the original is untouched and still passes
        original = ingested("check")
        assert (original.code, original.err) == (0, "ok: no problems found\n")


def test_check_finds_a_damaged_sqlite_file(ingested: Invoke, db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only: a file damaged on disk")
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db_url.removeprefix("sqlite:///"), copy)
    conn = sqlite3.connect(copy)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    # Any index of mentions: its pages hold no table data, so the damage stays in the index.
    find = "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions' ORDER BY name"
    (root,) = conn.execute(find).fetchone()
    conn.close()
    # Scribble over one index page, as a bad sector would: the tables still read, the index
    # no longer makes sense.
    with copy.open("r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xff" * 64)
    result = invoke("check", "--db", database_url(str(copy)))
    assert result.code == 1
    # SQLite's own wording of the damage (page and cell numbers) is not ours to pin down.
    *found, advice, summary = result.err.splitlines()
    assert found and all(line.startswith("problem: SQLite file: ") for line in found)
    assert "*** in database main ***" in found[0]
    assert advice == (
        "problem: SQLite file: damaged, so nothing else was checked; restore it from a backup, or save "
        "what can be read with: sqlite3 DAMAGED.sqlite .recover | sqlite3 NEW.sqlite"
    )
    assert summary == f"{len(found) + 1} problem(s) found"
