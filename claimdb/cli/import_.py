"""claimdb import: load what claimdb export --out wrote into another (empty) database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimdb.cli import common
from claimdb.cli.common import DbOption
from claimdb.db.dialect import SQLITE
from claimdb.db.engine import describe, parse_url, session_scope
from claimdb.db.importer import counts_line, find_dump, import_dump
from claimdb.settings import database_url

app = typer.Typer()


@app.command(
    "import",
    epilog="Example: claimdb export --format jsonl --out dump/ ; "
    "claimdb import dump/ --db postgresql+psycopg://me@dbhost/claims",
)
def import_cli(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="DIR|FILE...",
            show_default=False,
            help="The folder claimdb export --format jsonl (or json) --out wrote, or its table files.",
        ),
    ],
    db: DbOption = None,
) -> None:
    """Load a claimdb export into an empty database: every table, field and id as exported.

    Moves a database between machines or from SQLite to PostgreSQL. All or nothing: one
    transaction, checked row by row (a problem names its file and line) and with claimdb
    check before it commits. The export's manifest must match its files. The database must
    be empty: there is no merge (ingest the articles to add them to a database with data).
    """
    dump = find_dump(paths)  # before opening the database: a wrong folder creates nothing
    url = database_url(db)
    new_file = _sqlite_file(url)
    if new_file is not None and new_file.exists():
        new_file = None  # there before us: never ours to remove
    engine = common.open_db(db, create=True)
    try:
        with session_scope(engine) as session:
            report = import_dump(session, dump)
    except BaseException:
        engine.dispose()
        if new_file is not None:
            # Made for this import: leave no empty database behind a failed one.
            for leftover in (new_file, *(new_file.with_name(new_file.name + s) for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise
    engine.dispose()
    common.stderr().print(f"imported into {describe(url)}: {counts_line(report.rows)}", markup=False)


def _sqlite_file(url: str) -> Path | None:
    parsed = parse_url(url)
    if parsed.get_backend_name() != SQLITE or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
