"""store.save: everything stored exactly, idempotent, actors shared, bad spans refused."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest
from sqlalchemy import Engine, select, text
from testkit import ARTICLE_1, ARTICLE_2, TAXONOMY, counts, fake_extract, span

from claimdb.db import schema
from claimdb.db.engine import open_database, session_scope
from claimdb.db.names import is_identifying, is_proper_name, normalize_name
from claimdb.db.store import SaveReport, save
from claimdb.errors import InvalidExtractionError
from claimdb.extract.model import Actor, Claim, Demand, Extraction, Mention, Stance
from claimdb.sources import Article


def store(engine: Engine, article: Article, extraction: Extraction | None = None) -> SaveReport:
    with session_scope(engine) as s:
        return save(s, article, extraction or fake_extract(article.text, article.published), TAXONOMY)


def test_everything_is_stored_as_extracted(engine: Engine) -> None:
    article = Article(ARTICLE_1, title="Talks", source="Wire", published=dt.date(2024, 5, 1), origin="a.txt")
    report = store(engine, article)
    assert report == SaveReport(
        article_id=1,
        actors_added=2,
        aliases_added=6,
        mentions_added=3,
        claims_added=1,
        demands_added=1,
        stances_added=1,
    )
    with engine.connect() as conn:
        claims = conn.execute(
            text("SELECT id, article_title, published, speaker, cue, text, topics FROM claims_view")
        )
        assert [tuple(r) for r in claims] == [
            (1, "Talks", dt.date(2024, 5, 1) if conn.dialect.name == "postgresql" else "2024-05-01",
             "Jane Roe", "said", "the sanctions had failed", "sanctions")
        ]  # fmt: skip
        demands = conn.execute(
            text("SELECT demander, addressee, text, topic, span_start, span_end FROM demands_view")
        )
        start, end = span(ARTICLE_1, "lift the sanctions on grain")
        assert [tuple(r) for r in demands] == [
            ("Jane Roe", "European Union", "lift the sanctions on grain", "sanctions", start, end)
        ]
        stances = conn.execute(
            text("SELECT actor, topic, polarity, evidence_kind, evidence_text FROM stances_view")
        )
        assert [tuple(r) for r in stances] == [
            ("Jane Roe", "sanctions", "support", "demand", "lift the sanctions on grain")
        ]
        aliases = conn.execute(text("SELECT alias, normalized FROM actor_aliases ORDER BY normalized"))
        assert [tuple(r) for r in aliases] == [
            ("Brussels", "brussels"),
            ("EU", "eu"),
            ("European Union", "european union"),
            ("Jane Roe", "jane roe"),
            ("Minister Jane Roe", "minister jane roe"),
            ("Roe", "roe"),
        ]
        stored = conn.execute(select(schema.Article.ingested_at, schema.Article.extractor_version)).one()
        assert stored.ingested_at.tzinfo is not None and stored.extractor_version == "fake-1"


def test_same_text_twice_is_skipped(engine: Engine) -> None:
    first = store(engine, Article(ARTICLE_1, title="One"))
    before = counts(engine)
    again = store(engine, Article(ARTICLE_1, title="Another title, same text"))
    assert again == SaveReport(article_id=first.article_id, skipped=True)
    assert counts(engine) == before


def test_actors_are_shared_across_articles_by_alias(engine: Engine) -> None:
    store(engine, Article(ARTICLE_1))
    report = store(engine, Article(ARTICLE_2))
    # "Roe" and "Brussels" are aliases of stored actors; only Ruritania is new.
    assert report.actors_added == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM actors ORDER BY id")).scalars().all() == [
            "Jane Roe",
            "European Union",
            "Ruritania",
        ]
        speakers = conn.execute(text("SELECT speaker FROM claims_view ORDER BY id")).scalars().all()
        assert speakers == ["Jane Roe", "Jane Roe"]
        addressees = conn.execute(text("SELECT addressee FROM demands_view ORDER BY id")).scalars().all()
        assert addressees == ["European Union", "European Union"]


def test_new_aliases_accumulate_on_the_shared_actor(engine: Engine) -> None:
    store(engine, Article("x", origin="1"), Extraction(actors=(Actor("Jane Roe", "person", ("Roe",)),)))
    store(
        engine,
        Article("y", origin="2"),
        Extraction(actors=(Actor("Roe", "person", ("J. Roe", "the Minister")),)),
    )
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT a.name, l.alias FROM actor_aliases l JOIN actors a ON a.id = l.actor_id")
        )
        assert sorted(tuple(r) for r in rows) == [
            ("Jane Roe", "J. Roe"),
            ("Jane Roe", "Jane Roe"),
            ("Jane Roe", "Roe"),
            ("Jane Roe", "the Minister"),
        ]


def test_pronoun_aliases_never_identify_actors(engine: Engine) -> None:
    store(engine, Article("a", origin="1"), Extraction(actors=(Actor("Jane Roe", "person", ("she", "The")),)))
    store(engine, Article("b", origin="2"), Extraction(actors=(Actor("John Doe", "person", ("she",)),)))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM actors")).scalar_one() == 2
        assert conn.execute(text("SELECT alias FROM actor_aliases ORDER BY id")).scalars().all() == [
            "Jane Roe",
            "John Doe",
        ]


def test_speaker_missing_from_actors_still_becomes_an_actor(engine: Engine) -> None:
    txt = "Officials said no."
    claim = Claim("Officials", "said", False, *span(txt, "no"), "no")
    store(engine, Article(txt), Extraction(claims=(claim,)))
    with engine.connect() as conn:
        assert tuple(conn.execute(text("SELECT name, kind FROM actors")).one()) == ("Officials", "other")


def test_unknown_topic_is_stored_with_its_id_as_label(engine: Engine) -> None:
    txt = "Roe said tariffs."
    claim = Claim("Roe", "said", False, *span(txt, "tariffs"), "tariffs", topics=("tariffs", "tariffs"))
    store(engine, Article(txt), Extraction(actors=(Actor("Roe", "person"),), claims=(claim,)))
    with engine.connect() as conn:
        assert tuple(conn.execute(text("SELECT id, label FROM topics")).one()) == ("tariffs", "tariffs")
        assert conn.execute(text("SELECT count(*) FROM claim_topics")).scalar_one() == 1


def test_claim_links_demands_and_stances(engine: Engine) -> None:
    txt = 'Roe said "we demand a ceasefire now".'
    claim = Claim("Roe", "said", True, *span(txt, "we demand a ceasefire now"), "we demand a ceasefire now")
    demand = Demand(
        "Roe", None, "demand", *span(txt, "a ceasefire now"), "a ceasefire now", topic="war", claim=0
    )
    stances = (Stance("Roe", "war", "oppose", "claim", 0), Stance("Roe", "war", "oppose", "demand", 0))
    extraction = Extraction((Actor("Roe", "person"),), (claim,), (demand,), stances)
    store(engine, Article(txt), extraction)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT claim_id FROM demands")).scalar_one() == 1
        rows = conn.execute(text("SELECT evidence_kind, evidence_id FROM stances_view ORDER BY id"))
        assert [tuple(r) for r in rows] == [("claim", 1), ("demand", 1)]


@pytest.mark.parametrize(
    ("extraction", "problem"),
    [
        (
            Extraction(claims=(Claim(None, "said", False, 0, 5, "Hello"),)),
            "claim #0 span [0:5] is 'Jane ', not 'Hello'",
        ),
        (
            Extraction(actors=(Actor("Jane", "person", mentions=(Mention(30, 40, "Jane"),)),)),
            "actor #0 mention #0 span [30:40] is outside the text (length 20)",
        ),
        (
            Extraction(demands=(Demand(None, None, "x", 0, 4, "Jane", claim=3),)),
            "demand #0 refers to claim #3, which does not exist",
        ),
        (
            Extraction(stances=(Stance("Jane", "war", "oppose", "demand", 0),)),
            "stance #0 refers to demand #0, which does not exist",
        ),
        (
            Extraction(actors=(Actor("Jane", "robot"),)),  # type: ignore[arg-type]
            "actor #0 'Jane' has kind 'robot', "
            "not one of ('person', 'organization', 'country', 'group', 'other')",
        ),
    ],
)
def test_inconsistent_extraction_stores_nothing(engine: Engine, extraction: Extraction, problem: str) -> None:
    before = counts(engine)
    with pytest.raises(InvalidExtractionError) as err:
        store(engine, Article("Jane Roe said hello.", origin="a.txt"), extraction)
    assert str(err.value) == (
        f"a.txt: {problem}; nothing was stored for this article "
        "(an extractor bug: please report it with the article)"
    )
    assert counts(engine) == before


def test_large_extractions_are_chunked_under_the_bind_limit(engine: Engine) -> None:
    txt = "Roe. " * 3000
    mentions = tuple(Mention(i * 5, i * 5 + 3, "Roe") for i in range(3000))
    claims = tuple(Claim("Roe", "x", False, i * 5, i * 5 + 4, "Roe.", topics=("war",)) for i in range(600))
    report = store(engine, Article(txt), Extraction((Actor("Roe", "person", mentions=mentions),), claims))
    assert (report.mentions_added, report.claims_added) == (3000, 600)
    assert counts(engine)["claim_topics"] == 600


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The U.S.", "us"),
        ("  Jane   ROE ", "jane roe"),
        ("“Kremlin”", "kremlin"),
        ("O'Brien", "obrien"),
        ("the", "the"),
        ("Theodore", "theodore"),
    ],
)
def test_normalize_name(name: str, key: str) -> None:
    assert normalize_name(name) == key


def test_pronouns_are_not_identifying() -> None:
    assert [is_identifying(k) for k in ("he", "they", "", "the", "he said")] == [
        False,
        False,
        False,
        False,
        True,
    ]


# --- concurrency ----------------------------------------------------------------------------


def _ingest_all(url: str, texts: list[str], barrier: multiprocessing.synchronize.Barrier) -> None:
    engine = open_database(url)
    barrier.wait()  # start writing at the same moment as the other process
    for txt in texts:
        with session_scope(engine) as s:
            save(s, Article(txt), fake_extract(txt), TAXONOMY)
    engine.dispose()


def test_two_processes_never_duplicate_anything(engine: Engine, db_url: str) -> None:
    texts = [f"{ARTICLE_1}\n\nNumber {i}." for i in range(15)] + [
        f"{ARTICLE_2}\n\nNumber {i}." for i in range(15)
    ]
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_ingest_all, args=(db_url, order, barrier)) for order in (texts, texts[::-1])]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    found = counts(engine)
    assert (found["articles"], found["actors"], found["actor_aliases"]) == (30, 3, 7)
    assert (found["claims"], found["demands"]) == (30, 30)


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Deputy Foreign Minister Arkady Selivanov", True),
        ("the Kremlin", True),
        ("EU", True),
        ("U.S.", True),
        ("Ministry of Defence", True),
        ("Ursula von der Leyen", True),
        ("the deputy minister", False),
        ("The deputy minister", False),
        ("Russia’s deputy foreign minister", False),
        ("a spokeswoman", False),
        ("", False),
    ],
)
def test_proper_names(alias: str, expected: bool) -> None:
    assert is_proper_name(alias) is expected


def test_descriptions_do_not_join_actors_across_articles(engine: Engine) -> None:
    store(
        engine,
        Article("a", origin="1"),
        Extraction(actors=(Actor("Ana Lopez", "person", ("the minister",)),)),
    )
    store(
        engine,
        Article("b", origin="2"),
        Extraction(actors=(Actor("Ben Okafor", "person", ("the minister",)),)),
    )
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM actors ORDER BY id")).scalars().all() == [
            "Ana Lopez",
            "Ben Okafor",
        ]
