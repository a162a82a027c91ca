"""Whole tables and views out as CSV, JSON or JSON Lines, streamed row by row.

    with session_scope(engine, read_only=True) as s:
        export_table(s, "claims_view", "csv", sys.stdout)

Rows are fetched in batches (a server-side cursor on PostgreSQL), so an export's memory
does not grow with the table. Files written to a folder appear complete or not at all, and
every table comes from the same moment (``snapshot``) even while an ingest is writing.

A folder export ends with a manifest, ``claimdb-export.json``: the schema revision and, for
each file, its row count and SHA-256. ``claimdb import`` checks a folder against it, so an
export cut short (or files from two exports mixed in one folder) is refused, not loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Literal, TextIO

from sqlalchemy import Engine, Table, select
from sqlalchemy.orm import Session

from claimdb import __version__
from claimdb.db import migrate
from claimdb.db.dialect import POSTGRESQL
from claimdb.db.schema import TABLES, VIEWS
from claimdb.errors import InputError
from claimdb.tabular import Rows, write_csv, write_json, write_jsonl

ExportFormat = Literal["csv", "json", "jsonl"]

# Views first: they are what most people want (names instead of ids).
EXPORTABLE: dict[str, Table] = {t.name: t for t in (*VIEWS, *TABLES)}
SUFFIX = {"csv": ".csv", "json": ".json", "jsonl": ".jsonl"}
MANIFEST = "claimdb-export.json"
MANIFEST_FORMAT = "claimdb-export/1"
_BATCH = 1000
_HASH_CHUNK = 1024 * 1024


def snapshot(engine: Engine) -> Engine:
    """The engine to export with: every table read from one snapshot of the database.

    SQLite's read transaction is one snapshot already (WAL). PostgreSQL's default, READ
    COMMITTED, takes a new one per statement: claims exported a moment after articles could
    cite an article that is not in articles.jsonl. REPEATABLE READ keeps the first one.
    """
    if engine.dialect.name == POSTGRESQL:
        return engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return engine


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
    """Write each table to ``folder/<name>.<fmt>`` atomically, then the manifest (last, so
    that it describes only files that are complete); returns path -> row count."""
    tables = [table_named(n) for n in (names or list(EXPORTABLE))]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"--out {folder}: cannot create the folder ({err.strerror})") from None
    written: dict[Path, int] = {}
    entries: dict[str, dict[str, Any]] = {}
    for table in tables:
        target = folder / f"{table.name}{SUFFIX[fmt]}"
        written[target] = _atomic_write(target, partial(_write_table, session, table, fmt, raw=raw))
        entries[table.name] = {"file": target.name, "rows": written[target], "sha256": file_sha256(target)}
    manifest = {
        "format": MANIFEST_FORMAT,
        "claimdb": __version__,
        "schema_revision": migrate.current(session.connection()),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "file_format": fmt,
        "raw": raw if fmt == "csv" else None,
        "tables": entries,
    }
    _atomic_write(folder / MANIFEST, lambda out: out.write(json.dumps(manifest, indent=2) + "\n"))
    return written


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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
