"""Exports: CSV safe for spreadsheets and faithful through the csv module, JSON valid even
when empty, files written atomically."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from testkit import TAXONOMY, span

from claimdb.db import migrate
from claimdb.db.engine import session_scope
from claimdb.db.export import EXPORTABLE, export_table, export_to_dir
from claimdb.db.store import save
from claimdb.errors import InputError
from claimdb.extract.model import Actor, Claim, Extraction
from claimdb.sources import Article
from claimdb.tabular import Rows, neutralize, write_csv, write_json, write_jsonl

NASTY = [
    '=HYPERLINK("http://evil.test","x")',
    "+1",
    "-2 percent",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    'a "quoted", comma\nline',
]


@pytest.fixture
def nasty(engine: Engine) -> Engine:
    txt = " | ".join(NASTY)
    claims = tuple(Claim("Jane Roe", "said", True, *span(txt, part), part) for part in NASTY)
    with session_scope(engine) as s:
        save(
            s,
            Article(txt, title="=cmd|' /C calc'!A0"),
            Extraction((Actor("Jane Roe", "person"),), claims),
            TAXONOMY,
        )
    return engine


def export(engine: Engine, name: str, fmt: str, raw: bool = False) -> str:
    out = io.StringIO()
    with session_scope(engine, read_only=True) as s:
        export_table(s, name, fmt, out, raw=raw)  # type: ignore[arg-type]
    return out.getvalue()


def test_csv_neutralizes_formulas_and_round_trips(nasty: Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(export(nasty, "claims_view", "csv"), newline="")))
    assert [r["text"] for r in rows] == [neutralize(p) for p in NASTY]
    assert [r["text"] for r in rows][:6] == ["'" + p for p in NASTY[:6]]
    assert rows[0]["article_title"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["direct"] == "true" and rows[0]["claim_date"] == ""


def test_raw_csv_keeps_cells_exactly(nasty: Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(export(nasty, "claims", "csv", raw=True), newline="")))
    assert [r["text"] for r in rows] == NASTY


def test_json_and_jsonl(nasty: Engine) -> None:
    as_json = json.loads(export(nasty, "claims_view", "json"))
    assert [r["text"] for r in as_json] == NASTY
    assert as_json[0]["direct"] is True
    lines = export(nasty, "claims", "jsonl").splitlines()
    assert [json.loads(line)["text"] for line in lines] == NASTY


def test_empty_tables(engine: Engine) -> None:
    assert export(engine, "stances_view", "json") == "[]\n"
    assert export(engine, "stances", "jsonl") == ""
    assert export(engine, "topics", "csv") == "id,label,description\r\n"


def test_every_table_and_view_exports_to_a_folder(nasty: Engine, tmp_path: Path) -> None:
    with session_scope(nasty, read_only=True) as s:
        written = export_to_dir(s, [], "jsonl", tmp_path / "dump")
    assert sorted(p.name for p in written) == sorted(f"{n}.jsonl" for n in EXPORTABLE)
    assert sorted(p.name for p in (tmp_path / "dump").iterdir()) == sorted(
        [*(p.name for p in written), "claimdb-export.json"]
    )  # no temp files
    assert written[tmp_path / "dump" / "claims.jsonl"] == len(NASTY)
    manifest = json.loads((tmp_path / "dump" / "claimdb-export.json").read_text(encoding="utf-8"))
    assert (manifest["format"], manifest["schema_revision"], manifest["file_format"]) == (
        "claimdb-export/1",
        migrate.heads()[0],
        "jsonl",
    )
    assert manifest["tables"]["claims"] == {
        "file": "claims.jsonl",
        "rows": len(NASTY),
        "sha256": hashlib.sha256((tmp_path / "dump" / "claims.jsonl").read_bytes()).hexdigest(),
    }
    assert set(manifest["tables"]) == set(EXPORTABLE)


def test_unknown_table(engine: Engine) -> None:
    with pytest.raises(
        InputError, match="^no table or view called 'claimz'; choose from claims_view, demands_view"
    ):
        export(engine, "claimz", "csv")


def test_writers_exactly() -> None:
    rows = Rows(("a", "b"), [(1, None), (True, "x,y")])
    out = io.StringIO()
    assert write_csv(rows, out) == 2 and out.getvalue() == 'a,b\r\n1,\r\ntrue,"x,y"\r\n'
    out = io.StringIO()
    write_json(Rows(("a", "b"), [(1, None), (True, "é")]), out)
    assert out.getvalue() == '[\n{"a": 1, "b": null},\n{"a": true, "b": "é"}\n]\n'
    out = io.StringIO()
    write_jsonl(Rows(("a",), [(1,), (2,)]), out)
    assert out.getvalue() == '{"a": 1}\n{"a": 2}\n'
