"""claimdb ingest: read articles, extract, store; one transaction per article."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from claimdb.cli import common
from claimdb.cli.common import DbOption, ModelOption, TopicsOption
from claimdb.ingest import Added, Failed, Skipped, Totals, ingest
from claimdb.settings import extra_topic_files
from claimdb.sources import (
    DEFAULT_MAX_BYTES,
    JSONL_SUFFIXES,
    STDIN,
    Overrides,
    ReadOptions,
    expand_paths,
    read_inputs,
)
from claimdb.topics import load_taxonomy

app = typer.Typer()

PathsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...",
        show_default=False,
        help="Files (.txt, .md, .html, .jsonl: one article per line), folders (read recursively, "
        "hidden files skipped) or - for stdin.",
    ),
]
PublishedOption = Annotated[
    dt.date | None, common.date_option("--published", "Publication date for every article read (overrides).")
]
TitleOption = Annotated[
    str | None, typer.Option("--title", show_default=False, help="Title for every article.")
]
UrlOption = Annotated[str | None, typer.Option("--url", show_default=False, help="URL for every article.")]
SourceOption = Annotated[
    str | None, typer.Option("--source", show_default=False, help="Outlet for every article, e.g. Reuters.")
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        show_default=False,
        help="Decode inputs with this codec (e.g. cp1252). Default: UTF-8, or UTF-16 with a BOM.",
    ),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse an article (file or JSONL line) larger than this.")
]
WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Extraction processes (each loads its own model copy).")
]


def read_options(encoding: str | None, max_bytes: int) -> ReadOptions:
    return ReadOptions(encoding=encoding, max_bytes=max_bytes)


@app.command("ingest", epilog="Example: claimdb ingest news/ extra.jsonl --source Reuters --workers 2")
def ingest_cli(
    paths: PathsArgument,
    published: PublishedOption = None,
    title: TitleOption = None,
    url: UrlOption = None,
    source: SourceOption = None,
    encoding: EncodingOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    workers: WorkersOption = 1,
    model: ModelOption = None,
    topics: TopicsOption = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            show_default=False,
            help="Progress bar. Default: when stderr is a terminal.",
        ),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line per article on stderr.")] = False,
    db: DbOption = None,
) -> None:
    """Read articles, extract actors, claims, demands and stances, and store them.

    Each article is stored in its own transaction. Text already in the database is skipped
    (re-running an ingest is safe). A bad input prints one line on stderr and the others
    are still stored; the exit code is then 1.
    """
    console = common.stderr()
    engine = common.open_db(db, create=True)
    extractor = common.load_extractor(model, topics)
    taxonomy = load_taxonomy(extra_topic_files(topics))
    items = read_inputs(
        paths,
        options=read_options(encoding, max_bytes),
        overrides=Overrides(title=title, url=url, source=source, published=published),
    )
    totals = Totals()
    show_progress = sys.stderr.isatty() if progress is None else progress
    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeRemainingColumn(),
        console=console,
        disable=not show_progress,
        transient=True,
    ) as bar:
        task: TaskID = bar.add_task("ingest", total=_total(paths), rate="-")
        for outcome in ingest(engine, items, extractor=extractor, taxonomy=taxonomy, workers=workers):
            totals.count(outcome)
            if isinstance(outcome, Failed):
                console.print(f"error: {outcome.message}", markup=False)
            elif verbose and isinstance(outcome, Skipped):
                console.print(f"skipped {outcome.article.origin}: {outcome.reason}", markup=False)
            elif verbose and isinstance(outcome, Added):
                r = outcome.report
                console.print(
                    f"added {outcome.article.origin} as article {r.article_id}: {r.claims_added} claims, "
                    f"{r.demands_added} demands, {r.stances_added} stances",
                    markup=False,
                )
            bar.advance(task)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:.1f}" if speed else "-")
    engine.dispose()
    console.print(summary(totals), markup=False)
    if totals.failed:
        raise typer.Exit(1)


def summary(t: Totals) -> str:
    return (
        f"{t.added} articles added, {t.skipped} skipped, {t.failed} failed; "
        f"new: {t.actors} actors, {t.claims} claims, {t.demands} demands, {t.stances} stances"
    )


def _total(paths: list[str]) -> int | None:
    """How many outcomes to expect (for the bar's ETA), or None when unknowable (stdin).

    A JSONL file counts its non-blank lines: one read of the file, in bounded chunks, which
    costs a fraction of a second per 100 MB against the minutes that extracting it takes.
    """
    total = 0
    for name in expand_paths(paths):
        if name == STDIN:
            return None
        path = Path(name)
        if path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            total += max(1, _jsonl_lines(path))  # an empty file still reports one error
        else:
            total += 1
    return total


_CHUNK = 1 << 20


def _jsonl_lines(path: Path) -> int:
    """The non-blank lines of a JSONL file, read in 1 MiB chunks so memory stays flat."""
    count = 0
    content = False  # the line being read so far has more than whitespace
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                *ended, rest = chunk.split(b"\n")
                for line in ended:
                    count += content or bool(line.strip())
                    content = False
                content = content or bool(rest.strip())
    except OSError:
        return 1  # the reader reports it, as one error
    return count + content
