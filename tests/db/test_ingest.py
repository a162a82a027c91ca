"""ingest(): the whole path with a fake extractor: order, skips, failures, workers."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, text
from testkit import ARTICLE_1, ARTICLE_2, TAXONOMY, FakeExtractor, counts, fake_extract

from claimdb.db.engine import open_database
from claimdb.errors import InputError
from claimdb.extract import Extractor
from claimdb.extract.model import Claim, Extraction
from claimdb.ingest import Added, Failed, Skipped, Totals, extract_articles, ingest
from claimdb.sources import Article


def outcomes(
    engine: Engine, items: list[Article | InputError], extractor: FakeExtractor | None = None
) -> list[str]:
    found = []
    for o in ingest(engine, items, extractor=extractor or FakeExtractor(), taxonomy=TAXONOMY, workers=2):
        if isinstance(o, Added):
            found.append(f"added {o.article.origin} {o.report.article_id}")
        elif isinstance(o, Skipped):
            found.append(f"skipped {o.article.origin}: {o.reason}")
        else:
            found.append(f"failed {o.message}")
    return found


def test_ingest_adds_skips_and_fails_in_order(engine: Engine) -> None:
    items: list[Article | InputError] = [
        Article(ARTICLE_1, origin="a.txt"),
        InputError("b.png: binary file"),
        Article(ARTICLE_1, origin="copy-of-a.txt"),
        Article(ARTICLE_2, origin="c.txt"),
    ]
    extractor = FakeExtractor()
    assert outcomes(engine, items, extractor) == [
        "added a.txt 1",
        "failed b.png: binary file",
        "skipped copy-of-a.txt: same text as a.txt",
        "added c.txt 2",
    ]
    assert extractor.calls == [{"n_process": 2, "batch_size": 16}]
    assert outcomes(engine, [Article(ARTICLE_2, origin="again.txt")]) == [
        "skipped again.txt: already stored as article 2"
    ]


def test_a_bad_extraction_fails_alone(engine: Engine) -> None:
    def rules(text: str, published: dt.date | None) -> Extraction:
        if "Border" in text:
            return Extraction(claims=(Claim(None, "said", False, 0, 3, "xyz"),))
        return fake_extract(text, published)

    found = outcomes(
        engine,
        [Article(ARTICLE_2, origin="bad.txt"), Article(ARTICLE_1, origin="ok.txt")],
        FakeExtractor(rules),
    )
    assert found == [
        "failed bad.txt: claim #0 span [0:3] is 'Bor', not 'xyz'; nothing was stored for this article "
        "(an extractor bug: please report it with the article)",
        "added ok.txt 1",
    ]
    assert counts(engine)["articles"] == 1


def test_published_date_reaches_the_extractor() -> None:
    seen: list[dt.date | None] = []

    def rules(text: str, published: dt.date | None) -> Extraction:
        seen.append(published)
        return Extraction()

    items = [Article("x", published=dt.date(2024, 5, 1)), InputError("bad"), Article("y")]
    results = list(extract_articles(FakeExtractor(rules), items))
    assert seen == [dt.date(2024, 5, 1), None]
    assert [type(r).__name__ for r in results] == ["tuple", "InputError", "tuple"]


def test_totals() -> None:
    totals = Totals()
    for o in [Failed("x"), Skipped(Article("a"), "r")]:
        totals.count(o)
    assert (totals.added, totals.skipped, totals.failed) == (0, 1, 1)


class _Upper:
    """Stands in for the spaCy pipeline: a "doc" is the text upper-cased."""

    max_length = 1_000_000

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[str]:
        return (t.upper() for t in texts)


class _WorkerExtractor(Extractor):
    """The real Extractor's streaming and worker code around a trivial pipeline and rules."""

    def __init__(self) -> None:
        self.nlp = _Upper()  # type: ignore[assignment]
        self.taxonomy = TAXONOMY
        self.model = "fake"
        self.version = "fake-1"

    def _analyse(self, doc: Any, published: dt.date | None) -> Extraction:
        return Extraction(extractor_version=f"{doc} {published}")


def test_workers_keep_order_and_read_ahead_only_a_few_batches() -> None:
    pulled = 0

    def items() -> Iterator[tuple[str, int]]:
        nonlocal pulled
        for i in range(500):
            pulled += 1
            yield f"t{i}", i

    stream = _WorkerExtractor().extract_stream(
        items(), published=lambda i: dt.date(2024, 1, 1 + i % 28), n_process=2, batch_size=8
    )
    first = next(stream)
    # Jobs of a quarter batch (2 texts), two per worker in flight, plus the one refill made
    # before the first result.
    assert pulled <= 2 * (2 * 2 + 1)
    results = [first, *stream]
    assert [ctx for _, ctx in results] == list(range(500))
    assert [e.extractor_version for e, _ in results[:2]] == ["T0 2024-01-01", "T1 2024-01-02"]


def test_an_ingest_leaves_statistics_for_the_planner(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's autovacuum keeps the statistics")
    list(ingest(engine, [Article(ARTICLE_1)], extractor=FakeExtractor(), taxonomy=TAXONOMY))
    with engine.connect() as conn:
        tables = set(conn.execute(text("SELECT tbl FROM sqlite_stat1")).scalars())
    assert {"claims", "mentions", "actor_aliases"} <= tables


def _ingest_in_process(url: str, texts: list[str], barrier: Any, failures: Any) -> None:
    engine = open_database(url)
    barrier.wait()  # both processes start writing at the same moment
    items: list[Article | InputError] = [Article(t, origin=f"doc{i}") for i, t in enumerate(texts)]
    for outcome in ingest(engine, items, extractor=FakeExtractor(), taxonomy=TAXONOMY, workers=1):
        if isinstance(outcome, Failed):
            failures.put(outcome.message)
    engine.dispose()


def test_two_concurrent_ingests_store_each_text_once(engine: Engine, db_url: str) -> None:
    """The whole ingest path (screening, extraction, saving, statistics) in two processes
    over the same texts in opposite orders: no "database is locked", no duplicates."""
    texts = [f"{ARTICLE_1}\n\nNumber {i}." for i in range(12)] + [
        f"{ARTICLE_2}\n\nItem {i}." for i in range(12)
    ]
    ctx = multiprocessing.get_context("fork")
    barrier, failures = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_ingest_in_process, args=(db_url, order, barrier, failures))
        for order in (texts, texts[::-1])
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert failures.empty()
    found = counts(engine)
    assert (found["articles"], found["actors"], found["claims"], found["demands"]) == (24, 3, 24, 24)


def test_duplicates_beyond_the_recent_window_are_found_in_the_database(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run remembers only recent texts (flat memory); older repeats are caught by the
    database lookup instead, so each text is still stored once."""
    monkeypatch.setattr("claimdb.ingest._RECENT", 1)
    items: list[Article | InputError] = [
        Article(ARTICLE_1, origin="a.txt"),
        Article(ARTICLE_2, origin="b.txt"),
        Article(ARTICLE_2, origin="b-again.txt"),
        Article(ARTICLE_1, origin="a-again.txt"),
    ]
    assert outcomes(engine, items) == [
        "added a.txt 1",
        "added b.txt 2",
        "skipped b-again.txt: same text as b.txt",
        "skipped a-again.txt: already stored as article 1",
    ]
