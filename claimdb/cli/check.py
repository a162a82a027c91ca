"""claimdb check: verify the database's invariants."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Literal

import typer

from claimdb.cli import common
from claimdb.cli.common import DbOption
from claimdb.cli.render import render
from claimdb.db.check import check, repair_search_index
from claimdb.db.engine import session_scope
from claimdb.tabular import Rows

app = typer.Typer()


@app.command("check", epilog="Example: claimdb check --db archive.sqlite && echo consistent")
def check_cli(
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", "-f", case_sensitive=False)] = "table",
    repair: Annotated[
        bool, typer.Option("--repair", help="Rebuild the SQLite full-text indexes first.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Verify the database: spans, references, alias keys, search indexes.

    Every stored span must equal its article's text at those offsets, every reference must
    point at a row, every alias key must be its alias normalised. Prints row counts and
    any problems (on stderr); exits 1 if there are problems.
    """
    engine = common.open_db(db)
    try:
        if repair:
            with session_scope(engine) as session:
                repair_search_index(session)
        with session_scope(engine, read_only=True) as session:
            report = check(session)
    finally:
        engine.dispose()
    if fmt == "json":
        sys.stdout.write(
            json.dumps({"ok": report.ok, "counts": report.counts, "problems": report.problems}, indent=2)
            + "\n"
        )
    else:
        render(Rows(("table", "rows"), list(report.counts.items())), "table")
        console = common.stderr()
        for problem in report.problems:
            console.print(f"problem: {problem}", markup=False)
        console.print(
            "ok: no problems found" if report.ok else f"{len(report.problems)} problem(s) found", markup=False
        )
    if not report.ok:
        raise typer.Exit(1)
