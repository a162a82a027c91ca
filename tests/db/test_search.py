"""Full-text search on both backends: ranked, stemmed, safe with any input."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from testkit import ARTICLE_1, ARTICLE_2, TAXONOMY, fake_extract

from claimdb.db.engine import session_scope
from claimdb.db.search import COLUMNS, search
from claimdb.db.store import save
from claimdb.errors import InputError
from claimdb.sources import Article


@pytest.fixture
def filled(engine: Engine) -> Engine:
    for txt, title in ((ARTICLE_1, "Talks stall"), (ARTICLE_2, "Border dispute")):
        with session_scope(engine) as s:
            save(s, Article(txt, title=title), fake_extract(txt), TAXONOMY)
    return engine


def run(engine: Engine, query: str, **kw: object) -> list[tuple[object, ...]]:
    with session_scope(engine, read_only=True) as s:
        rows = search(s, query, **kw)  # type: ignore[arg-type]
    assert rows.columns == COLUMNS
    return list(rows.rows)


def test_claims_are_found_with_stemming_and_snippets(filled: Engine) -> None:
    [hit] = run(filled, "sanction")
    assert hit[:6] == (1, 1, "Talks stall", None, *span_of(ARTICLE_1, "the sanctions had failed"))
    assert hit[6] == "the [sanctions] had failed"


def span_of(txt: str, part: str) -> tuple[int, int]:
    start = txt.index(part)
    return start, start + len(part)


def test_demands_and_articles(filled: Engine) -> None:
    assert [h[0] for h in run(filled, "withdraw troops", kind="demands")] == [2]
    hits = run(filled, "border", kind="articles")
    assert [h[0] for h in hits] == [2]
    assert "[Border]" in str(hits[0][6]) or "[border]" in str(hits[0][6])


def test_ranking_and_limit(filled: Engine) -> None:
    assert len(run(filled, "troops", kind="articles", limit=1)) == 1


@pytest.mark.parametrize(
    "query", ['"unbalanced', "NEAR(", "a OR", "*", "sanctions) AND (", "'; DROP TABLE claims; --"]
)
def test_any_input_is_safe(filled: Engine, query: str) -> None:
    run(filled, query) if any(c.isalnum() for c in query) else None
    with filled.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM claims")).scalar_one() == 2


def test_nothing_to_search(filled: Engine) -> None:
    with pytest.raises(InputError, match=r"^nothing to search for in '\?\!'; give at least one word$"):
        run(filled, "?!")


def test_search_sees_deletes(filled: Engine) -> None:
    with session_scope(filled) as s:
        s.execute(text("DELETE FROM articles WHERE id = 1"))
    assert run(filled, "sanctions") == []
    assert [h[0] for h in run(filled, "sanctions", kind="demands")] == []
