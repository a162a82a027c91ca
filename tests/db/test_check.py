"""claimdb check finds each kind of broken invariant (and nothing in a healthy database)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import Engine, text
from testkit import ARTICLE_1, TAXONOMY, fake_extract, span

from claimdb.db.check import check, repair_search_index
from claimdb.db.engine import session_scope
from claimdb.db.store import save
from claimdb.sources import Article


@pytest.fixture
def filled(engine: Engine) -> Engine:
    with session_scope(engine) as s:
        save(s, Article(ARTICLE_1), fake_extract(ARTICLE_1), TAXONOMY)
    return engine


def run(engine: Engine) -> tuple[dict[str, int], list[str]]:
    with session_scope(engine, read_only=True) as s:
        report = check(s)
    return report.counts, report.problems


def test_healthy(filled: Engine) -> None:
    found, problems = run(filled)
    assert problems == []
    assert found == {
        "actors": 2,
        "articles": 1,
        "topics": 1,
        "actor_aliases": 6,
        "claims": 1,
        "mentions": 3,
        "claim_topics": 1,
        "demands": 1,
        "stances": 1,
    }


def test_span_that_no_longer_matches(filled: Engine) -> None:
    with session_scope(filled) as s:
        s.execute(text("UPDATE claims SET span_start = span_start + 1"))
    _, problems = run(filled)
    start, end = span(ARTICLE_1, "the sanctions had failed")
    assert problems == [
        f"claims 1: text[{start + 1}:{end}] of article 1 is 'he sanctions had failed', "
        "not 'the sanctions had failed'"
    ]


def test_stale_alias_key(filled: Engine) -> None:
    with session_scope(filled) as s:
        s.execute(text("UPDATE actor_aliases SET normalized = 'EU!' WHERE alias = 'EU'"))
    assert run(filled)[1] == ["actor_aliases 5: key 'EU!' should be 'eu' for 'EU'"]


def test_dangling_reference(filled: Engine) -> None:
    if filled.dialect.name != "sqlite":
        pytest.skip("PostgreSQL never lets a foreign key dangle")
    # Another tool, with SQLite's default of foreign keys off, deletes an actor.
    other = sqlite3.connect(str(filled.url.database))
    with other:
        other.execute("DELETE FROM actors WHERE name = 'European Union'")
    other.close()
    assert run(filled)[1] == [
        "actor_aliases.actor_id: 3 row(s) point at a missing actors row",
        "mentions.actor_id: 1 row(s) point at a missing actors row",
        "demands.addressee_id: 1 row(s) point at a missing actors row",
    ]


def test_search_index_out_of_step_is_found_and_repaired(filled: Engine) -> None:
    if filled.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's search indexes cannot fall out of step")
    with session_scope(filled) as s:
        s.execute(
            text(
                "INSERT INTO claims_fts(claims_fts, rowid, text) "
                "VALUES ('delete', 1, 'the sanctions had failed')"
            )
        )
        s.execute(text("INSERT INTO claims_fts(rowid, text) VALUES (1, 'something else entirely')"))
    assert run(filled)[1] == [
        "claims_fts: the full-text index disagrees with its table; rebuild it with claimdb check --repair"
    ]
    with session_scope(filled) as s:
        repair_search_index(s)
    assert run(filled)[1] == []
