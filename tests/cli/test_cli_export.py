"""claimdb export: stdout for one table, a folder for several, usage errors otherwise."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from testkit import Invoke


def test_one_table_to_stdout(filled: Invoke) -> None:
    result = filled("export", "stances_view")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [(r["actor"], r["topic"], r["polarity"]) for r in rows] == [
        ("Jane Roe", "sanctions", "support"),
        ("Ruritania", "troop-withdrawal", "support"),
    ]
    assert result.err == ""


def test_json_export(filled: Invoke) -> None:
    assert [a["name"] for a in json.loads(filled("export", "actors", "--format", "json").out)] == [
        "Jane Roe",
        "European Union",
        "Ruritania",
    ]


def test_folder_export(filled: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "dump"
    result = filled("export", "claims", "demands_view", "--format", "jsonl", "--out", str(out))
    assert result.code == 0
    assert result.err == (
        f"{out}/claims.jsonl: 2 rows\n{out}/demands_view.jsonl: 2 rows\n{out}/claimdb-export.json: manifest\n"
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "claimdb-export.json",
        "claims.jsonl",
        "demands_view.jsonl",
    ]


def test_several_tables_need_a_folder(filled: Invoke) -> None:
    result = filled("export", "claims", "demands")
    assert result.code == 2
    assert "name exactly one table for stdout, or pass --out DIR for several" in result.err


def test_unknown_table(filled: Invoke) -> None:
    result = filled("export", "nope")
    assert result.code == 1
    assert result.err.startswith(
        "error: no table or view called 'nope'; choose from claims_view, demands_view"
    )
