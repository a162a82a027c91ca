"""Pure extraction: article text in, actors/claims/demands/stances out. No database here.

extractor = Extractor.load()                 # loads the spaCy pipeline once
extraction = extractor.extract(text)         # one article
for extraction, ctx in extractor.extract_stream(((text, ctx) for ...), n_process=2):
    ...                                      # many articles, streamed, in order
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from claimdb import __version__
from claimdb.errors import InputError
from claimdb.extract.model import Actor, Claim, Demand, Extraction, Mention, Stance
from claimdb.settings import spacy_model
from claimdb.topics import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Actor", "Claim", "Demand", "Extraction", "Extractor", "Mention", "Stance"]

T = TypeVar("T")

# Bumped whenever a rule change can alter what is extracted from the same text; stored with
# every article so that a database says which rules produced each row.
RULES_VERSION = "1"


class Extractor:
    """Turns article text into an :class:`Extraction`. Build once, reuse for many articles."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy, *, model: str = "") -> None:
        self.nlp = nlp
        self.taxonomy = taxonomy
        self.model = model or str(nlp.meta.get("name", ""))
        pipeline = f"{self.model}-{nlp.meta.get('version', '')}"
        self.version = f"claimdb-{__version__}+rules{RULES_VERSION}/{pipeline}"

    @classmethod
    def load(cls, model: str | None = None, topics: Sequence[Path] = ()) -> Extractor:
        """Load the spaCy pipeline (``model`` or the configured default) and the taxonomy."""
        from claimdb.extract.nlp import load_pipeline

        name = spacy_model(model)
        return cls(load_pipeline(name), load_taxonomy(topics), model=name)

    def extract(self, text: str, *, published: dt.date | None = None) -> Extraction:
        """Extract everything from one article's text."""
        self._check_length(text)
        return self._analyse(self.nlp(text), published)

    def _checked(self, items: Iterable[tuple[str, T]]) -> Iterator[tuple[str, T]]:
        for text, ctx in items:
            self._check_length(text)
            yield text, ctx

    def _check_length(self, text: str) -> None:
        # spaCy refuses longer texts (its parser needs about 1 GB per 100,000 characters);
        # say so in our terms rather than let its ValueError end a whole run.
        if len(text) > self.nlp.max_length:
            raise InputError(
                f"an article of {len(text):,} characters is longer than the pipeline's limit of "
                f"{self.nlp.max_length:,}; split it into smaller articles"
            )

    def extract_stream(
        self,
        items: Iterable[tuple[str, T]],
        *,
        published: Callable[[T], dt.date | None] = lambda _: None,
        n_process: int = 1,
        batch_size: int = 16,
    ) -> Iterator[tuple[Extraction, T]]:
        """Extract from ``(text, context)`` pairs lazily, yielding results in input order.

        With ``n_process > 1`` whole extractions (parse and rules) run in worker processes and
        only the small results travel back, so the rules scale with the parser.
        """
        if n_process <= 1:
            for doc, ctx in self.nlp.pipe(self._checked(items), as_tuples=True, batch_size=batch_size):
                yield self._analyse(doc, published(ctx)), ctx
            return
        yield from _extract_in_workers(self, items, published, n_process, batch_size)

    def _analyse(self, doc: Doc, published: dt.date | None) -> Extraction:
        from claimdb.extract.pipeline import analyse

        return analyse(doc, self.taxonomy, published=published, version=self.version)


# --- worker processes -------------------------------------------------------------------

_WORKER: Extractor | None = None


def _init_worker(model: str, topic_files: tuple[Path, ...]) -> None:
    global _WORKER
    if _WORKER is None:  # a forked worker inherits the parent's loaded extractor
        _WORKER = Extractor.load(model, topic_files)


def _work(batch: list[tuple[str, dt.date | None]]) -> list[Extraction]:
    assert _WORKER is not None
    docs = _WORKER.nlp.pipe((text for text, _ in batch), batch_size=len(batch))
    return [_WORKER._analyse(doc, pub) for doc, (_, pub) in zip(docs, batch, strict=True)]


def _extract_in_workers(
    extractor: Extractor,
    items: Iterable[tuple[str, T]],
    published: Callable[[T], dt.date | None],
    n_process: int,
    batch_size: int,
) -> Iterator[tuple[Extraction, T]]:
    # Contexts stay in this process; workers see only text and date, and send back only the
    # small Extractions (never Docs, which is what makes spaCy's own n_process slower).
    #
    # At most two jobs per worker are in flight: one being parsed and one waiting, so a
    # worker never idles while this process consumes results, and memory stays a few jobs
    # whatever the corpus size. (Pool.imap would not bound it: its feeder thread drains the
    # whole input into the task queue as fast as it can read.)
    global _WORKER
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        _WORKER = extractor  # inherited by the forked workers: no second model load
    ctx_mp = multiprocessing.get_context(method)
    topic_files = extractor.taxonomy.sources
    it = iter(items)
    # Jobs of a quarter batch: with whole batches the last one often runs on one worker
    # while the other has nothing left (84 texts in batches of 16 leave one worker a third
    # idle at the end). Four long news articles still fill the parser's matrices.
    job_size = max(1, batch_size // 4)
    in_flight: deque[tuple[AsyncResult[list[Extraction]], list[T]]] = deque()
    with ctx_mp.Pool(n_process, initializer=_init_worker, initargs=(extractor.model, topic_files)) as pool:

        def submit() -> bool:
            chunk = list(islice(it, job_size))
            if not chunk:
                return False
            for text, _ in chunk:
                extractor._check_length(text)  # here, so the error is raised in this process
            job = [(text, published(ctx)) for text, ctx in chunk]
            in_flight.append((pool.apply_async(_work, (job,)), [ctx for _, ctx in chunk]))
            return True

        more = True
        while more and len(in_flight) < 2 * n_process:
            more = submit()
        while in_flight:
            job_result, contexts = in_flight.popleft()
            results = job_result.get()
            if more:  # refill before yielding: the workers parse while the caller stores
                more = submit()
            yield from zip(results, contexts, strict=True)
