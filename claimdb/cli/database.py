"""claimdb db upgrade | current | downgrade: the schema's migrations."""

from __future__ import annotations

from typing import Annotated

import typer

from claimdb.cli import common
from claimdb.cli.common import DbOption
from claimdb.db import migrate
from claimdb.db.engine import create_engine_for, sqlite_path, translate_errors
from claimdb.errors import DatabaseError
from claimdb.settings import database_url

app = typer.Typer(
    help="Schema migrations. Every command upgrades the database automatically on first use; "
    "these are for inspecting it and for going back.",
    no_args_is_help=True,
)


@app.command("current", epilog="Example: claimdb db current --db archive.sqlite")
def current_cli(db: DbOption = None) -> None:
    """Print the database's schema revision and the newest one this claimdb knows."""
    engine = create_engine_for(database_url(db))
    try:
        path = sqlite_path(engine)
        if path is not None and not path.exists():
            raise DatabaseError(f"no database at {path}; claimdb creates it on first ingest")
        with translate_errors(engine), engine.connect() as conn:
            revision = migrate.current(conn)
    finally:
        engine.dispose()
    typer.echo(f"current: {revision or 'none (empty database)'}")
    typer.echo(f"head: {', '.join(migrate.heads())}")


@app.command("upgrade", epilog="Example: claimdb db upgrade --db postgresql+psycopg://me@localhost/claims")
def upgrade_cli(
    revision: Annotated[str, typer.Argument(metavar="REVISION", help="Target revision.")] = "head",
    db: DbOption = None,
) -> None:
    """Upgrade the schema (creating the database if needed) to REVISION, default the newest."""
    engine = create_engine_for(database_url(db))
    try:
        with translate_errors(engine):
            migrate.upgrade(engine, revision)
    finally:
        engine.dispose()
    common.stderr().print(f"upgraded to {revision}", markup=False)


@app.command(
    "downgrade", epilog="Example: claimdb db downgrade base   (deletes every claimdb table and its data)"
)
def downgrade_cli(
    revision: Annotated[
        str,
        typer.Argument(
            metavar="REVISION", show_default=False, help="Target revision, required; base removes everything."
        ),
    ],
    db: DbOption = None,
) -> None:
    """Downgrade the schema to REVISION. Data in removed tables is lost: export it first."""
    engine = create_engine_for(database_url(db))
    try:
        with translate_errors(engine):
            migrate.downgrade(engine, revision)
    finally:
        engine.dispose()
    common.stderr().print(f"downgraded to {revision}", markup=False)
