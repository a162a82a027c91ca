"""The product path: inputs → extraction → database, streamed, one transaction per article.

    engine = open_database(url)
    for outcome in ingest(engine, read_inputs(paths), extractor=extractor, taxonomy=taxonomy):
        ...   # Added | Skipped | Failed, in input order (failures may come a batch early)

The extractor is injected (anything with ``extract_stream``), so this module never imports
spaCy and tests can pass a fake. Articles already in the database are skipped before
extraction, which is where the time goes.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy import Engine, select

from claimdb.db import schema
from claimdb.db.dialect import refresh_statistics
from claimdb.db.engine import session_scope, translate_errors
from claimdb.db.store import SaveReport, save
from claimdb.errors import InputError, InvalidExtractionError
from claimdb.extract.model import Extraction
from claimdb.sources import Article
from claimdb.topics import Taxonomy

T = TypeVar("T")

# Far more articles than are ever in flight (a few batches), far fewer than a corpus.
_RECENT = 10_000
P = TypeVar("P")


class ExtractorLike(Protocol):
    """What ingest and ``claimdb extract`` need of an extractor (``claimdb.extract.Extractor``)."""

    version: str

    def extract_stream(
        self,
        items: Iterable[tuple[str, T]],
        *,
        published: Callable[[T], dt.date | None] = ...,
        n_process: int = ...,
        batch_size: int = ...,
    ) -> Iterator[tuple[Extraction, T]]: ...


@dataclass(frozen=True, slots=True)
class Added:
    article: Article
    report: SaveReport


@dataclass(frozen=True, slots=True)
class Skipped:
    article: Article
    reason: str
    """Why nothing was written: "already stored as article 3", or an earlier duplicate."""


@dataclass(frozen=True, slots=True)
class Failed:
    message: str
    """The whole one-line message, naming the input and what to do."""


Outcome = Added | Skipped | Failed


@dataclass
class Totals:
    """Running counts for the end-of-run summary."""

    added: int = 0
    skipped: int = 0
    failed: int = 0
    actors: int = 0
    claims: int = 0
    demands: int = 0
    stances: int = 0

    def count(self, outcome: Outcome) -> None:
        if isinstance(outcome, Added):
            self.added += 1
            self.actors += outcome.report.actors_added
            self.claims += outcome.report.claims_added
            self.demands += outcome.report.demands_added
            self.stances += outcome.report.stances_added
        elif isinstance(outcome, Skipped):
            self.skipped += 1
        else:
            self.failed += 1


def _published(article: Article) -> dt.date | None:
    return article.published


def extract_articles(
    extractor: ExtractorLike, items: Iterable[Article | P], *, workers: int = 1, batch_size: int = 16
) -> Iterator[tuple[Article, Extraction] | P]:
    """Extract every Article in ``items``; anything else (errors, skips) passes through.

    Passed-through items are yielded before the next extraction, so they stay roughly in
    input order even though the extractor reads ahead by a batch.
    """
    passed: deque[P] = deque()

    def feed() -> Iterator[tuple[str, Article]]:
        for item in items:
            if isinstance(item, Article):
                yield item.text, item
            else:
                passed.append(item)

    stream = extractor.extract_stream(feed(), published=_published, n_process=workers, batch_size=batch_size)
    for extraction, article in stream:
        while passed:
            yield passed.popleft()
        yield article, extraction
    while passed:
        yield passed.popleft()


def ingest(
    engine: Engine,
    items: Iterable[Article | InputError],
    *,
    extractor: ExtractorLike,
    taxonomy: Taxonomy,
    workers: int = 1,
    batch_size: int = 16,
) -> Iterator[Outcome]:
    """Read, extract and save each article in its own transaction; yield what happened."""

    def screened() -> Iterator[Article | Outcome]:
        # Texts seen in this run and not yet found in the database: a duplicate among them
        # would otherwise be extracted twice (the first is still in the workers). Only the
        # most recent are kept, so memory stays flat over any number of articles; an older
        # duplicate is found in the database instead ("already stored as article N").
        first_seen: OrderedDict[str, str] = OrderedDict()
        for item in items:
            if isinstance(item, InputError):
                yield Failed(str(item))
            elif item.content_hash in first_seen:
                yield Skipped(item, f"same text as {first_seen[item.content_hash]}")
            elif (stored := _stored_id(engine, item.content_hash)) is not None:
                yield Skipped(item, f"already stored as article {stored}")
            else:
                first_seen[item.content_hash] = item.origin
                if len(first_seen) > _RECENT:
                    first_seen.popitem(last=False)
                yield item

    results: Iterator[tuple[Article, Extraction] | Outcome]
    results = extract_articles(extractor, screened(), workers=workers, batch_size=batch_size)
    added = False
    for result in results:
        if not isinstance(result, tuple):
            yield result
            continue
        article, extraction = result
        try:
            with session_scope(engine) as session:
                report = save(session, article, extraction, taxonomy)
        except InvalidExtractionError as err:
            yield Failed(str(err))
            continue
        if report.skipped:  # another process stored the same text since we looked
            yield Skipped(article, f"already stored as article {report.article_id}")
        else:
            added = True
            yield Added(article, report)
    if added:
        with translate_errors(engine), engine.begin() as conn:
            refresh_statistics(conn)


def _stored_id(engine: Engine, content_hash: str) -> int | None:
    with session_scope(engine, read_only=True) as session:
        return session.scalar(select(schema.Article.id).where(schema.Article.content_hash == content_hash))
