"""claimdb export: whole tables or views as CSV, JSON or JSON Lines."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from claimdb.cli import common
from claimdb.cli.common import DbOption
from claimdb.db.engine import session_scope
from claimdb.db.export import EXPORTABLE, MANIFEST, ExportFormat, export_table, export_to_dir, snapshot

app = typer.Typer()


@app.command(
    "export",
    epilog="Examples: claimdb export claims_view > claims.csv ; "
    "claimdb export --format jsonl --out dump/   (every table and view)",
)
def export_cli(
    tables: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[TABLE...]",
            show_default=False,
            help=f"Tables or views: {', '.join(EXPORTABLE)}. Default: all (needs --out).",
        ),
    ] = None,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", case_sensitive=False, help="File format.")
    ] = "csv",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", file_okay=False, show_default=False, help="Folder: one file per table."),
    ] = None,
    raw: Annotated[
        bool,
        typer.Option("--raw", help="CSV: keep cells starting with = + - @ as they are (no leading ')."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Export tables or views, streamed (any size), UTF-8 with a header row.

    One table without --out goes to stdout. With --out DIR each table is written to
    DIR/<table>.<format> atomically (a temporary file renamed into place), all from one
    snapshot, then DIR/claimdb-export.json (row counts and checksums; claimdb import reads
    JSON or JSON Lines folders back). CSV cells that a spreadsheet would run as a formula get
    a leading ' unless --raw.
    """
    names = tables or []
    if out is None and len(names) != 1:
        raise typer.BadParameter(
            "name exactly one table for stdout, or pass --out DIR for several", param_hint="--out"
        )
    engine = common.open_db(db)
    try:
        with session_scope(snapshot(engine), read_only=True) as session:
            if out is None:
                export_table(session, names[0], fmt, sys.stdout, raw=raw)
                return
            written = export_to_dir(session, names, fmt, out, raw=raw)
    finally:
        engine.dispose()
    console = common.stderr()
    for path, count in written.items():
        console.print(f"{path}: {count} rows", markup=False)
    console.print(f"{out / MANIFEST}: manifest", markup=False)
