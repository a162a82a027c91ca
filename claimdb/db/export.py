"""Whole tables and views out as CSV, JSON or JSON Lines, streamed row by row.

    with session_scope(engine, read_only=True) as s:
        export_table(s, "claims_view", "csv", sys.stdout)

Rows are fetched in batches (a server-side cursor on PostgreSQL), so an export's memory
does not grow with the table. Files written to a folder appear complete or not at all.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Literal, TextIO

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from claimdb.db.schema import TABLES, VIEWS
from claimdb.errors import InputError
from claimdb.tabular import Rows, write_csv, write_json, write_jsonl

ExportFormat = Literal["csv", "json", "jsonl"]

# Views first: they are what most people want (names instead of ids).
EXPORTABLE: dict[str, Table] = {t.name: t for t in (*VIEWS, *TABLES)}
SUFFIX = {"csv": ".csv", "json": ".json", "jsonl": ".jsonl"}
_BATCH = 1000


def table_named(name: str) -> Table:
    try:
        return EXPORTABLE[name.strip().lower()]
    except KeyError:
        raise InputError(f"no table or view called {name!r}; choose from {', '.join(EXPORTABLE)}") from None


def stream_rows(session: Session, table: Table) -> Rows:
    """Every row of ``table`` in primary-key order, fetched lazily in batches."""
    order = list(table.primary_key.columns) or list(table.columns)[:1]
    stmt = select(table).order_by(*order).execution_options(yield_per=_BATCH)
    result = session.execute(stmt)
    rows: Iterator[tuple[Any, ...]] = (tuple(r) for r in result)
    return Rows(tuple(c.name for c in table.columns), rows)


def write_rows(rows: Rows, fmt: ExportFormat, out: TextIO, *, raw: bool = False) -> int:
    """Write ``rows`` in ``fmt``; CSV neutralises spreadsheet formulas unless ``raw``."""
    if fmt == "csv":
        return write_csv(rows, out, raw=raw)
    if fmt == "json":
        return write_json(rows, out)
    return write_jsonl(rows, out)


def export_table(session: Session, name: str, fmt: ExportFormat, out: TextIO, *, raw: bool = False) -> int:
    """Write one table or view to ``out``; returns the number of rows."""
    return _write_table(session, table_named(name), fmt, out, raw=raw)


def export_to_dir(
    session: Session, names: Sequence[str], fmt: ExportFormat, folder: Path, *, raw: bool = False
) -> dict[Path, int]:
    """Write each table to ``folder/<name>.<fmt>`` atomically; returns path -> row count."""
    tables = [table_named(n) for n in (names or list(EXPORTABLE))]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"--out {folder}: cannot create the folder ({err.strerror})") from None
    written: dict[Path, int] = {}
    for table in tables:
        target = folder / f"{table.name}{SUFFIX[fmt]}"
        written[target] = _atomic_write(target, partial(_write_table, session, table, fmt, raw=raw))
    return written


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask


def _write_table(session: Session, table: Table, fmt: ExportFormat, out: TextIO, *, raw: bool) -> int:
    return write_rows(stream_rows(session, table), fmt, out, raw=raw)


def _atomic_write(target: Path, fill: Callable[[TextIO], int]) -> int:
    # Written beside the target and renamed over it: a reader never sees half a file, and
    # an interrupted export leaves the previous file in place.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); an export is an ordinary file (0666 - umask).
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            count = fill(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
