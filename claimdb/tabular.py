"""Rows of data and the three text formats they are written in: CSV, JSON, JSON Lines.

Queries, exports, search and ``claimdb sql`` all produce :class:`Rows`; the CLI renders
them (adding rich tables for people) and ``export`` writes them to files, both through the
writers here, so every command's CSV and JSON look the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TextIO

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets:
# "=HYPERLINK(...)" in a quoted claim would run when an analyst opens the export.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Rows:
    """Named columns and their rows. ``rows`` may be a one-shot iterator (streamed)."""

    columns: tuple[str, ...]
    rows: Iterable[tuple[Any, ...]]
    brief: tuple[str, ...] = ()
    """The columns worth showing in a terminal table; all of them when empty."""


def jsonable(value: Any) -> Any:
    """A value JSON can carry: dates and times as ISO strings, decimals as floats."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def neutralize(cell: str) -> str:
    """Prefix a would-be spreadsheet formula with ``'`` so it stays text."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _csv_cell(value: Any, raw: bool) -> Any:
    value = jsonable(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and not raw:
        return neutralize(value)
    return value


def write_csv(rows: Rows, out: TextIO, *, raw: bool = False) -> int:
    """CSV with a header row; formula-like cells neutralised unless ``raw``. Returns the count."""
    # RFC 4180 line ends (\r\n): the csv module quotes a field only for the characters of
    # its line terminator, so with a bare \n a field holding \r would split the row.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rows.columns)
    n = 0
    # Exports write millions of cells: numbers, None (the csv module writes it as an empty
    # field) and harmless strings go out as they are, without a function call each.
    plain = (int, float, type(None), str) if raw else (int, float, type(None))
    fast: dict[type, Any] = {bool: {True: "true", False: "false"}.__getitem__, dt.date: dt.date.isoformat}
    for row in rows.rows:
        writer.writerow(
            [
                v
                if (t := type(v)) in plain or (t is str and not v.startswith(_FORMULA_START))
                else fast[t](v)
                if t in fast
                else _csv_cell(v, raw)
                for v in row
            ]
        )
        n += 1
    return n


def _dumps(columns: tuple[str, ...], row: tuple[Any, ...]) -> str:
    return json.dumps({c: jsonable(v) for c, v in zip(columns, row, strict=True)}, ensure_ascii=False)


def write_json(rows: Rows, out: TextIO) -> int:
    """A JSON array of objects, one per line, streamed; ``[]`` when there are no rows."""
    n = 0
    for row in rows.rows:
        out.write(("[\n" if n == 0 else ",\n") + _dumps(rows.columns, row))
        n += 1
    out.write("\n]\n" if n else "[]\n")
    return n


def write_jsonl(rows: Rows, out: TextIO) -> int:
    """One JSON object per line (nothing at all when there are no rows)."""
    n = 0
    for row in rows.rows:
        out.write(_dumps(rows.columns, row) + "\n")
        n += 1
    return n
