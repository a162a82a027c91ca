"""claimdb extract: the extractor's output as claimdb-extract/1 JSON, no database involved."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any, Literal

import typer

from claimdb.cli import common
from claimdb.cli.common import ModelOption, TopicsOption
from claimdb.cli.ingest import EncodingOption, MaxBytesOption, PathsArgument, WorkersOption, read_options
from claimdb.errors import InputError
from claimdb.ingest import extract_articles
from claimdb.sources import DEFAULT_MAX_BYTES, read_inputs

app = typer.Typer()


@app.command(
    "extract",
    epilog="Examples: claimdb extract --format json article.txt | jq .claims ; "
    "claimdb extract --format jsonl corpus/*.txt > predictions.jsonl",
)
def extract_cli(
    paths: PathsArgument,
    fmt: Annotated[
        Literal["json", "jsonl"],
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="json: one object (an array for several documents); jsonl: one object per line.",
        ),
    ] = "json",
    encoding: EncodingOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    workers: WorkersOption = 1,
    model: ModelOption = None,
    topics: TopicsOption = None,
) -> None:
    """Print what the extractor finds in each document, without storing anything.

    Each object has "document" (the path as given), "actors", "claims", "demands" and
    "stances", with character offsets into the text as read. Unreadable inputs print one
    line on stderr; the others are still extracted and the exit code is then 1.
    """
    from claimdb.extract.contract import to_contract

    extractor = common.load_extractor(model, topics)
    items = read_inputs(paths, options=read_options(encoding, max_bytes))
    failed = documents = 0
    first: dict[str, Any] = {}
    for result in extract_articles(extractor, items, workers=workers):
        if isinstance(result, InputError):
            failed += 1
            typer.echo(f"error: {result}", err=True)
            continue
        article, extraction = result
        document = to_contract(article.origin, extraction)
        documents += 1
        if fmt == "jsonl":
            # ASCII-only JSON: whatever encoding the reader's locale assumes, it decodes.
            sys.stdout.write(json.dumps(document) + "\n")
        elif documents == 1:
            first = document  # one document prints as an object, several as an array
        else:
            sys.stdout.write(("[\n" + _pretty(first) if documents == 2 else "") + ",\n" + _pretty(document))
        sys.stdout.flush()
    if fmt == "json" and documents:
        sys.stdout.write(_pretty(first) + "\n" if documents == 1 else "\n]\n")
    if failed:
        raise typer.Exit(1)


def _pretty(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2)
