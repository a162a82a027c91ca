"""Loading a claimdb export (JSON or JSON Lines, every table) into an empty database.

    dump = find_dump([Path("dump/")])             # which file holds which table
    with session_scope(engine) as s:               # one transaction: all or nothing
        report = import_dump(s, dump)

This is how a database moves between machines or backends (SQLite to PostgreSQL): every
row keeps every field and its id, so everything that refers to it by id still does. The
target must be empty; there is no merge (two databases' ids collide, and joining their
actors is what ingest does: ingest the articles into one database instead).

Rows are checked before they are written: each one has exactly its table's columns, each
value its column's type, and each reference an id loaded before it. Problems name the file
and line (``articles.jsonl:12``; ``articles.json: item 12`` for a JSON array). After the
last table, ``claimdb check`` runs inside the same transaction; a dump that fails it is not
imported. A folder's manifest (claimdb-export.json) is checked first: the schema revision
must be one this claimdb knows, and every file must have the row count and SHA-256 the export
wrote, so an export cut short, or files from two exports in one folder, are refused.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String, Table, func, insert, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimdb.db import migrate
from claimdb.db.check import check
from claimdb.db.dialect import POSTGRESQL, UTCDateTime, serialize_writes
from claimdb.db.engine import describe
from claimdb.db.export import MANIFEST, MANIFEST_FORMAT, file_sha256
from claimdb.db.schema import TABLES, VIEWS
from claimdb.errors import DatabaseError, InputError
from claimdb.sources import unstorable

_SUFFIXES = (".jsonl", ".json")
_TABLES = {t.name: t for t in TABLES}
_VIEWS = frozenset(v.name for v in VIEWS)
_NOTHING = "nothing was imported"
# Rows per executemany: memory stays flat however big a table is. (Plain executemany binds
# one row at a time, so the backends' parameter limits do not apply.)
_BATCH = 1000


@dataclass(frozen=True)
class Dump:
    """The file for each table, and the manifest when the export wrote one."""

    files: dict[str, Path]
    manifest: dict[str, Any] | None = None
    manifest_path: Path | None = None


@dataclass
class ImportReport:
    rows: dict[str, int] = field(default_factory=dict)


# --- finding the files --------------------------------------------------------------------


def find_dump(paths: Sequence[Path]) -> Dump:
    """Which file holds which table: a folder from ``claimdb export --out``, or files named
    after their tables (``articles.jsonl``, ...). Every table must be there."""
    files: dict[str, Path] = {}
    manifest: dict[str, Any] | None = None
    manifest_path: Path | None = None
    for given in paths:
        if given.is_dir():
            found = _from_folder(given)
            if (given / MANIFEST).is_file():
                manifest_path = given / MANIFEST
                manifest = _read_manifest(manifest_path)
        elif given.is_file():
            found = {_table_of(given): given}
        else:
            raise InputError(f"{given}: no such file or folder; pass the folder claimdb export --out wrote")
        for table, path in found.items():
            if table in files and files[table] != path:
                raise InputError(f"{path}: a second file for table {table} (the first is {files[table]})")
            files[table] = path
    missing = [name for name in _TABLES if name not in files]
    if missing:
        where = ", ".join(str(p) for p in paths)
        raise InputError(
            f"{where}: no file for table(s) {', '.join(missing)}; export every table with "
            "claimdb export --format jsonl --out DIR and import DIR"
        )
    return Dump(files, manifest, manifest_path)


def _from_folder(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for name in _TABLES:
        candidates = [
            folder / f"{name}{suffix}" for suffix in _SUFFIXES if (folder / f"{name}{suffix}").is_file()
        ]
        if len(candidates) > 1:
            raise InputError(
                f"{folder}: both {candidates[0].name} and {candidates[1].name}; keep the one to import"
            )
        if candidates:
            found[name] = candidates[0]
        elif (folder / f"{name}.csv").is_file():
            raise InputError(
                f"{folder / f'{name}.csv'}: claimdb import reads JSON or JSON Lines (CSV loses types); "
                "export with claimdb export --format jsonl --out DIR"
            )
    return found


def _table_of(path: Path) -> str:
    if path.suffix.lower() not in _SUFFIXES:
        raise InputError(
            f"{path}: claimdb import reads .jsonl or .json files as claimdb export writes them; "
            "export with claimdb export --format jsonl --out DIR"
        )
    name = path.stem
    if name in _VIEWS:
        raise InputError(f"{path}: {name} is a view (derived from the tables); leave it out")
    if name not in _TABLES:
        raise InputError(f"{path}: no table called {name!r}; the files are named {', '.join(_TABLES)}")
    return name


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(
            f"{path}: cannot be read as a claimdb export manifest ({err}); export again"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise InputError(f"{path}: not a {MANIFEST_FORMAT} manifest; export again with this claimdb")
    return manifest


def verify_manifest(dump: Dump) -> None:
    """The export is whole and from a schema this claimdb knows: revision, and each file's
    count and hash.

    An export from an older revision is loaded into the current schema: migrations so far
    change indexes and views, not columns. Should one ever change columns, such rows fail
    the column check (naming the file and line), and a migration that rewrites data would
    leave rows that claimdb check, run before commit, refuses.
    """
    manifest, where = dump.manifest, dump.manifest_path
    if manifest is None:
        return
    revision = manifest.get("schema_revision")
    if revision not in migrate.known_revisions():
        raise InputError(
            f"{where}: exported at schema revision {revision!r}, which this claimdb does not know "
            f"(it writes {migrate.heads()[0]!r}): a newer claimdb exported it; upgrade claimdb to import it"
        )
    tables = manifest.get("tables") or {}
    for name, path in dump.files.items():
        entry = tables.get(name)
        if not isinstance(entry, dict) or entry.get("file") != path.name:
            continue  # a file given beside the folder: nothing to compare it with
        if file_sha256(path) != entry.get("sha256"):
            raise InputError(
                f"{path}: not the file this export wrote (its SHA-256 differs from {where}): cut short, "
                "edited, or from another export; export again"
            )


# --- reading and checking rows --------------------------------------------------------------


def _rows(path: Path) -> Iterator[tuple[str, Any]]:
    """(where, parsed value) for each row of a file; JSON Lines streamed."""
    if path.suffix.lower() == ".json":
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as err:
            raise InputError(f"{path}: not UTF-8 ({err.reason} at byte {err.start}); {_NOTHING}") from None
        except json.JSONDecodeError as err:
            raise InputError(
                f"{path}:{err.lineno}: not valid JSON ({err.msg}, column {err.colno}); {_NOTHING}"
            ) from None
        if not isinstance(items, list):
            raise InputError(f"{path}: expected a JSON array of rows, got {type(items).__name__}; {_NOTHING}")
        for number, item in enumerate(items, 1):
            yield f"{path}: item {number}", item
        return
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, 1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                item = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as err:
                raise InputError(
                    f"{where}: not UTF-8 ({err.reason} at byte {err.start}); {_NOTHING}"
                ) from None
            except json.JSONDecodeError as err:
                raise InputError(
                    f"{where}: not valid JSON ({err.msg}, column {err.colno}); {_NOTHING}"
                ) from None
            yield where, item


def _value(column: Any, value: Any, where: str) -> Any:
    """The JSON value as the column's Python type, or an InputError naming the problem."""
    name = column.name
    if value is None:
        if column.nullable:
            return None
        raise InputError(f"{where}: {name} is null, and it may not be; {_NOTHING}")
    kind = column.type
    wrong = f"{where}: {name} must be {{}}, got {json.dumps(value, ensure_ascii=False)[:60]}; {_NOTHING}"
    if isinstance(kind, Boolean):
        if isinstance(value, bool):
            return value
        raise InputError(wrong.format("true or false"))
    if isinstance(kind, Integer):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise InputError(wrong.format("a whole number"))
    if isinstance(kind, Float):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise InputError(wrong.format("a number"))
    if isinstance(kind, UTCDateTime):
        try:
            parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise InputError(wrong.format("an ISO date and time with its UTC offset"))
        return parsed
    if isinstance(kind, Date):
        try:
            return dt.date.fromisoformat(value)
        except (ValueError, TypeError):  # TypeError: not a string at all
            raise InputError(wrong.format("a date, YYYY-MM-DD")) from None
    if isinstance(kind, String):  # Text is a String
        if not isinstance(value, str):
            raise InputError(wrong.format("a string"))
        if problem := unstorable(value, f"{where}: {name}"):
            raise InputError(f"{problem}; {_NOTHING}")
        return value
    raise AssertionError(f"column type {kind!r} of {name} has no import rule")  # a schema change


def _row(table: Table, item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise InputError(
            f"{where}: expected a JSON object (one {table.name} row), got {type(item).__name__}; {_NOTHING}"
        )
    names = [c.name for c in table.columns]
    missing = [n for n in names if n not in item]
    extra = [k for k in item if k not in names]
    if missing or extra:
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
            [f"unknown {', '.join(extra)}"] if extra else []
        )
        raise InputError(
            f"{where}: the columns of {table.name} are {', '.join(names)} ({'; '.join(parts)}); "
            f"is this file from another claimdb version? {_NOTHING}"
        )
    return {c.name: _value(c, item[c.name], where) for c in table.columns}


# --- writing ---------------------------------------------------------------------------------


def is_empty(session: Session) -> bool:
    return all(session.scalar(select(literal(1)).select_from(t).limit(1)) is None for t in TABLES)


def import_dump(session: Session, dump: Dump) -> ImportReport:
    """Load every table of ``dump`` within the caller's transaction (which must not commit
    if this raises). Raises InputError naming the file and line of the first problem."""
    verify_manifest(dump)
    serialize_writes(session)
    if not is_empty(session):
        where = describe(session.connection().engine.url)
        raise DatabaseError(
            f"{where} already has data; claimdb import loads into an empty database only (there is no "
            "merge): pass another --db, or ingest the original articles into this one"
        )
    report = ImportReport()
    ids: dict[str, set[Any]] = {}
    for table in TABLES:  # parents before children: sorted by foreign keys
        path = dump.files[table.name]
        report.rows[table.name] = _load(session, table, path, ids)
        expected = ((dump.manifest or {}).get("tables") or {}).get(table.name, {})
        if isinstance(expected, dict) and expected.get("file") == path.name and "rows" in expected:
            if expected["rows"] != report.rows[table.name]:
                raise InputError(
                    f"{path}: {report.rows[table.name]} rows, but the manifest says {expected['rows']}; "
                    f"export again; {_NOTHING}"
                )
    _reset_sequences(session)
    problems = check(session).problems
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"the export does not pass claimdb check: {problems[0]}{more}; {_NOTHING}")
    return report


def _load(session: Session, table: Table, path: Path, ids: dict[str, set[Any]]) -> int:
    """Insert the file's rows in chunks; returns how many. Keeps each table's ids so that a
    child row citing a missing parent is reported by its line, before the database would
    refuse it without saying which row."""
    references = [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys]
    own = ids.setdefault(table.name, set()) if "id" in table.c else None
    count = 0
    batch: list[tuple[str, dict[str, Any]]] = []
    for where, item in _rows(path):
        row = _row(table, item, where)
        for column, parent in references:
            value = row[column]
            if value is not None and value not in ids.get(parent, ()):
                raise InputError(
                    f"{where}: {column} {value!r} is not an id in {parent}; the export is incomplete "
                    f"or edited; {_NOTHING}"
                )
        if own is not None:
            if row["id"] in own:
                raise InputError(f"{where}: id {row['id']} appears twice in {table.name}; {_NOTHING}")
            own.add(row["id"])
        batch.append((where, row))
        if len(batch) >= _BATCH:
            _insert(session, table, batch)
            count += len(batch)
            batch = []
    if batch:
        _insert(session, table, batch)
        count += len(batch)
    return count


def _insert(session: Session, table: Table, batch: list[tuple[str, dict[str, Any]]]) -> None:
    try:
        with session.begin_nested():
            session.execute(insert(table), [row for _, row in batch])
    except IntegrityError:
        # The chunk broke a constraint (a duplicate content hash or alias key, a check): find
        # the row, one savepoint each, and name its line.
        for where, row in batch:
            try:
                with session.begin_nested():
                    session.execute(insert(table), [row])
            except IntegrityError as err:
                detail = str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
                raise InputError(f"{where}: the database refuses this row ({detail}); {_NOTHING}") from None
        raise


def _reset_sequences(session: Session) -> None:
    """PostgreSQL hands out ids from a sequence that explicit ids do not advance; without
    this, the next ingest would collide with an imported id. SQLite needs nothing."""
    if session.get_bind().dialect.name != POSTGRESQL:
        return
    for table in TABLES:
        if "id" not in table.c or not isinstance(table.c.id.type, Integer):
            continue
        highest = func.max(table.c.id)
        session.execute(
            select(
                func.setval(
                    func.pg_get_serial_sequence(table.name, "id"),
                    func.coalesce(highest, 1),
                    highest.is_not(None),
                )
            ).select_from(table)
        )


def counts_line(rows: Mapping[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in rows.items())
