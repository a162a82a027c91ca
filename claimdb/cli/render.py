"""The one renderer: Rows to stdout as a rich table, CSV, JSON or JSON Lines.

Tables are for people (the ``brief`` columns, cells as plain text so that brackets in a
quote are never read as markup); the other formats carry every column for programs.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimdb.cli.common import Format
from claimdb.tabular import Rows, jsonable, write_csv, write_json, write_jsonl


def stdout() -> Console:
    # Created per call: CliRunner and redirections swap sys.stdout after import.
    return Console(file=sys.stdout, highlight=False)


def cell(value: Any) -> str:
    value = jsonable(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# Prose columns share the width left after the others have taken what their content needs,
# so ids, dates and names stay on one line and quotes wrap at word boundaries.
_PROSE = frozenset(
    {"text", "evidence_text", "snippet", "title", "article_title", "description", "aliases", "terms"}
)


def table_of(rows: Rows, title: str | None = None) -> Table:
    keep = [i for i, c in enumerate(rows.columns) if not rows.brief or c in rows.brief]
    table = Table(title=title, show_lines=False, title_justify="left")
    for i in keep:
        name = rows.columns[i]
        table.add_column(name, overflow="fold", ratio=1 if name in _PROSE else None, min_width=len(name))
    for row in rows.rows:
        table.add_row(*(Text(cell(row[i])) for i in keep))
    return table


def render(rows: Rows, fmt: Format) -> int:
    """Write ``rows`` to stdout in ``fmt``; returns how many rows were written."""
    if fmt == "table":
        materialized = list(rows.rows)
        stdout().print(table_of(Rows(rows.columns, materialized, rows.brief)))
        return len(materialized)
    if fmt == "csv":
        return write_csv(rows, sys.stdout)
    if fmt == "json":
        return write_json(rows, sys.stdout)
    return write_jsonl(rows, sys.stdout)
