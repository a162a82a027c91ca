"""The claimdb command line: one module per command group, joined here.

Errors become exit codes in one place (:class:`_ClaimDBGroup`): a ClaimDBError prints
``error: <message>`` on stderr and exits 1; usage errors exit 2 (Typer's default). Nothing
below imports spaCy at module level, so ``claimdb --help`` starts fast.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from claimdb import __version__
from claimdb.cli import (
    check,
    database,
    export,
    extract,
    import_,
    ingest,
    lists,
    search,
    show,
    sql,
    topics,
)
from claimdb.errors import ClaimDBError


class _ClaimDBGroup(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimDBError as err:
            # One plain line (no rich box, no wrapping) so scripts and tests can match it.
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(1) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimdb {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=_ClaimDBGroup,
    name="claimdb",
    help="Who said what, demanded what of whom, and who supports or opposes what: "
    "claims and stances from news articles, in a database you can query.",
    epilog="Start with: claimdb ingest articles/ ; claimdb claims --actor 'Jane Roe' ; "
    "claimdb <command> --help for examples.",
    add_completion=False,
    no_args_is_help=True,
    # Expected problems are ClaimDBErrors (one line, exit 1). Anything else is a bug, and
    # its plain traceback (without local variables, which may hold article text) is useful.
    pretty_exceptions_show_locals=False,
)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    pass


_COMMANDS = (
    ingest.app,
    extract.app,
    lists.app,
    export.app,
    import_.app,
    sql.app,
    search.app,
    topics.app,
    check.app,
)
for _commands in _COMMANDS:
    app.add_typer(_commands)
app.add_typer(show.app, name="show")
app.add_typer(database.app, name="db")


def main() -> None:
    """Console-script entry point (``claimdb``, ``python -m claimdb``)."""
    app()
