"""Lists with every filter, and single records in their context."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from testkit import ARTICLE_1, ARTICLE_2, TAXONOMY, fake_extract, span

from claimdb.db.engine import session_scope
from claimdb.db.queries import (
    Filters,
    context_of,
    list_actors,
    list_articles,
    list_claims,
    list_demands,
    list_stances,
    show_actor,
    show_article,
    show_claim,
    show_demand,
)
from claimdb.db.store import save
from claimdb.errors import InputError, NotFoundError
from claimdb.sources import Article

MAY, JUNE = dt.date(2024, 5, 1), dt.date(2024, 6, 10)


@pytest.fixture
def filled(engine: Engine) -> Engine:
    for txt, title, published in ((ARTICLE_1, "Talks stall", MAY), (ARTICLE_2, "Border dispute", JUNE)):
        with session_scope(engine) as s:
            save(s, Article(txt, title=title, published=published), fake_extract(txt, published), TAXONOMY)
    return engine


def ids(engine: Engine, lister: object, **filters: object) -> list[int]:
    with session_scope(engine, read_only=True) as s:
        rows = lister(s, Filters(**filters))  # type: ignore[operator, arg-type]
        return [r[0] for r in rows.rows]


def test_claims_columns_and_order(filled: Engine) -> None:
    with session_scope(filled, read_only=True) as s:
        rows = list_claims(s)
    assert rows.columns == (
        "id", "article_id", "published", "speaker", "cue", "direct", "text", "topics",
        "claim_date", "span_start", "span_end", "confidence",
    )  # fmt: skip
    start, end = span(ARTICLE_1, "the sanctions had failed")
    assert list(rows.rows) == [
        (1, 1, MAY, "Jane Roe", "said", False, "the sanctions had failed", "sanctions", MAY, start, end, 0.8),
        (
            2,
            2,
            JUNE,
            "Jane Roe",
            "said",
            False,
            "troops would stay",
            None,
            JUNE,
            *span(ARTICLE_2, "troops would stay"),
            0.8,
        ),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [1, 2]),
        ({"actor": "jane roe"}, [1, 2]),
        ({"actor": "ROE"}, [1, 2]),
        ({"actor": "Minister Jane Roe"}, [1, 2]),
        ({"actor": "1"}, [1, 2]),
        ({"actor": "Ruritania"}, []),
        ({"actor": "nobody"}, []),
        ({"topic": "sanctions"}, [1]),
        ({"article": "2"}, [2]),
        ({"article": "border"}, [2]),
        ({"article": "100%"}, []),
        ({"since": JUNE}, [2]),
        ({"until": MAY}, [1]),
        ({"since": MAY, "until": JUNE, "limit": 1}, [1]),
        ({"limit": 0}, []),
    ],
)
def test_claim_filters(filled: Engine, filters: dict[str, object], expected: list[int]) -> None:
    assert ids(filled, list_claims, **filters) == expected


def test_article_by_hash_prefix(filled: Engine) -> None:
    prefix = Article(ARTICLE_2).content_hash[:8]
    assert ids(filled, list_claims, article=prefix) == [2]
    assert ids(filled, list_claims, article=prefix.upper()) == [2]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [1, 2]),
        ({"actor": "EU"}, [1, 2]),  # the addressee
        ({"actor": "Ruritania"}, [2]),  # the demander
        ({"topic": "troop-withdrawal"}, [2]),
    ],
)
def test_demand_filters(filled: Engine, filters: dict[str, object], expected: list[int]) -> None:
    assert ids(filled, list_demands, **filters) == expected


def test_stances(filled: Engine) -> None:
    with session_scope(filled, read_only=True) as s:
        rows = list_stances(s)
    assert [r[1:4] + r[7:10] for r in rows.rows] == [
        ("Jane Roe", "sanctions", "support", "demand", 1, "lift the sanctions on grain"),
        ("Ruritania", "troop-withdrawal", "support", "demand", 2, "withdraw troops from the border"),
    ]
    assert ids(filled, list_stances, actor="roe") == [1]
    assert ids(filled, list_stances, topic="troop-withdrawal", until=MAY) == []


def test_articles(filled: Engine) -> None:
    with session_scope(filled, read_only=True) as s:
        rows = list_articles(s)
    assert [(r[0], r[1], r[3], r[7], r[8], r[9]) for r in rows.rows] == [
        (1, MAY, "Talks stall", 1, 1, 1),
        (2, JUNE, "Border dispute", 1, 1, 1),
    ]
    assert ids(filled, list_articles, actor="Ruritania") == [2]
    assert ids(filled, list_articles, actor="Brussels") == [1, 2]
    assert ids(filled, list_articles, topic="sanctions") == [1]
    assert ids(filled, list_articles, since=JUNE) == [2]


def test_actors(filled: Engine) -> None:
    with session_scope(filled, read_only=True) as s:
        rows = list_actors(s)
    assert rows.columns == (
        "id",
        "name",
        "kind",
        "aliases",
        "description",
        "articles",
        "claims",
        "demands",
        "stances",
    )
    assert list(rows.rows) == [
        (2, "European Union", "organization", "Brussels; EU; European Union", None, 2, 0, 0, 0),
        (1, "Jane Roe", "person", "Jane Roe; Minister Jane Roe; Roe", None, 2, 2, 1, 1),
        (3, "Ruritania", "country", "Ruritania", None, 1, 0, 1, 1),
    ]
    assert ids(filled, list_actors, article="Talks") == [2, 1]
    assert ids(filled, list_actors, topic="troop-withdrawal") == [3]
    assert ids(filled, list_actors, since=JUNE, actor="EU") == [2]


def test_negative_limit(filled: Engine) -> None:
    with pytest.raises(InputError, match="--limit: must be 0 or more, got -1"):
        ids(filled, list_claims, limit=-1)


def test_show_claim_in_context(filled: Engine) -> None:
    with session_scope(filled, read_only=True) as s:
        detail = show_claim(s, "1")
    assert detail.kind == "claim"
    assert detail.fields["speaker"] == "Jane Roe" and detail.fields["text"] == "the sanctions had failed"
    assert detail.article is not None and detail.article["title"] == "Talks stall"
    c = detail.context
    assert c is not None
    assert c.text == ARTICLE_1.split("\n\n")[1]
    assert c.text[c.span_start : c.span_end] == "the sanctions had failed"
    assert ARTICLE_1[c.offset + c.span_start : c.offset + c.span_end] == "the sanctions had failed"


def test_show_demand_actor_article(filled: Engine) -> None:
    with session_scope(filled, read_only=True) as s:
        demand = show_demand(s, "2")
        actor = show_actor(s, "brussels")
        article = show_article(s, "border")
    assert demand.fields["demander"] == "Ruritania"
    assert actor.fields["name"] == "European Union"
    assert actor.fields["aliases"] == ["Brussels", "EU", "European Union"]
    assert [r[0] for r in actor.related["demands"].rows] == [1, 2]
    assert article.fields["id"] == 2 and article.fields["text"] == ARTICLE_2
    assert [r[0] for r in article.related["claims"].rows] == [2]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: show_claim(s, "99"), "claim 99 not found; list them with claimdb claims"),
        (lambda s: show_claim(s, "one"), "claim ids are numbers, got 'one'; list them with claimdb claims"),
        (lambda s: show_demand(s, "99"), "demand 99 not found; list them with claimdb demands"),
        (lambda s: show_actor(s, "Nobody"), "no actor is called 'Nobody'; list them with claimdb actors"),
        (lambda s: show_article(s, "zzz"), "no article matches 'zzz'; list them with claimdb articles"),
        (
            lambda s: show_article(s, "s"),
            "'s' matches several articles; use the id from claimdb articles --article 's'",
        ),
    ],
)
def test_show_not_found(filled: Engine, call: object, message: str) -> None:
    with pytest.raises((NotFoundError, InputError)) as err, session_scope(filled, read_only=True) as s:
        call(s)  # type: ignore[operator]
    assert str(err.value) == message


def test_context_is_the_paragraph_clipped_around_the_span() -> None:
    txt = "Head\n\n" + "a" * 50 + "SPAN" + "b" * 50 + "\n\nTail"
    c = context_of(txt, 56, 60, width=10)
    assert (c.text, c.offset, c.span_start, c.span_end) == ("a" * 10 + "SPAN" + "b" * 10, 46, 10, 14)
    assert (c.clipped_before, c.clipped_after) == (True, True)
    whole = context_of(txt, 56, 60)
    assert whole.text == "a" * 50 + "SPAN" + "b" * 50 and not whole.clipped_before and not whole.clipped_after


def test_claim_dates_are_their_own_else_the_articles(engine: Engine) -> None:
    old = dt.date(2023, 1, 2)
    with session_scope(engine) as s:
        save(s, Article(ARTICLE_1, published=JUNE), fake_extract(ARTICLE_1, old), TAXONOMY)  # claim 1
        save(s, Article(ARTICLE_2, published=MAY), fake_extract(ARTICLE_2, None), TAXONOMY)  # claim 2
    assert ids(engine, list_claims) == [2, 1]  # ordered by publication
    assert ids(engine, list_claims, since=MAY) == [2]
    assert ids(engine, list_claims, since=JUNE) == []
    assert ids(engine, list_claims, until=MAY) == [2, 1]
    assert ids(engine, list_claims, since=old, until=old) == [1]
    assert ids(engine, list_claims, since=MAY, until=MAY, actor="Roe") == [2]


@pytest.mark.parametrize("lister", [list_claims, list_demands, list_stances, list_articles, list_actors])
@pytest.mark.parametrize(
    "filters",
    [
        {"actor": "Roe"},
        {"actor": "EU"},
        {"actor": "nobody"},
        {"topic": "sanctions"},
        {"topic": "troop-withdrawal"},
    ],
)
def test_walked_and_collected_filters_agree(
    filled: Engine, lister: object, filters: dict[str, object]
) -> None:
    """With a limit, a common actor or topic is checked row by row in list order; without
    one, its rows are collected first. Both must find the same rows in the same order."""
    assert ids(filled, lister, **filters, limit=50) == ids(filled, lister, **filters)


def test_show_actor_lists_the_first_related_records_only(engine: Engine) -> None:
    # A prolific actor must not make `show actor` read all of its claims.
    text = " ".join(f"Jane Roe said point {n} stands." for n in range(60))
    with session_scope(engine) as s:
        save(s, Article(text, title="Many", published=MAY), fake_extract(text, MAY), TAXONOMY)
    with session_scope(engine, read_only=True) as s:
        detail = show_actor(s, "jane roe", related_limit=50)
        assert len(list(detail.related["claims"].rows)) == 50
        everything = show_actor(s, "jane roe", related_limit=None)
        assert len(list(everything.related["claims"].rows)) == 60
