"""claimdb search: ranked full-text search."""

from __future__ import annotations

from typing import Annotated

import typer

from claimdb.cli import common
from claimdb.cli.common import DbOption, FormatOption
from claimdb.cli.render import render
from claimdb.db.dialect import SearchKind
from claimdb.db.engine import session_scope
from claimdb.db.search import search

app = typer.Typer()


@app.command("search", epilog="Example: claimdb search 'troop withdrawal' --kind demands --limit 5")
def search_cli(
    query: Annotated[str, typer.Argument(metavar="TEXT", help="Words that must all occur (stemmed).")],
    kind: Annotated[
        SearchKind,
        typer.Option("--kind", "-k", case_sensitive=False, help="What to search."),
    ] = "claims",
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many results.")] = 20,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    r"""Search claims, demands or article text, best matches first.

    Every word must occur (English stemming: "withdraw" finds "withdrawal"). Each result
    has a snippet with the matched words in \[brackets].
    """
    engine = common.open_db(db)
    try:
        with session_scope(engine, read_only=True) as session:
            rows = search(session, query, kind=kind, limit=limit)
    finally:
        engine.dispose()
    render(rows, fmt)
