"""claimdb sql: one read-only statement against the database."""

from __future__ import annotations

from typing import Annotated

import typer

from claimdb.cli import common
from claimdb.cli.common import DbOption, FormatOption
from claimdb.cli.render import render
from claimdb.db.sql import DEFAULT_TIMEOUT, run_sql
from claimdb.settings import database_url

app = typer.Typer()


@app.command(
    "sql",
    epilog='Example: claimdb sql "SELECT speaker, count(*) AS n FROM claims_view GROUP BY 1 ORDER BY 2 DESC"',
)
def sql_cli(
    statement: Annotated[
        str, typer.Argument(metavar="SQL", help="One statement (SELECT, WITH, EXPLAIN, ...).")
    ],
    fmt: FormatOption = "table",
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Stop the query after this many seconds.")
    ] = DEFAULT_TIMEOUT,
    db: DbOption = None,
) -> None:
    """Run one SQL statement on a read-only connection and print the result.

    The connection cannot write (SQLite opened read-only, PostgreSQL in a read-only
    transaction), so INSERT, UPDATE, DELETE, DDL, ATTACH and setting pragmas fail. The views
    claims_view, demands_view and stances_view show names instead of ids.
    """
    common.open_db(db).dispose()  # the schema is brought up to date (or refused) first
    with run_sql(database_url(db), statement, timeout=timeout) as rows:
        render(rows, fmt)
