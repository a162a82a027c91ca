"""The list commands, with the exact output of every format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from testkit import Invoke

CLAIMS_TABLE = """\
┏━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┓
┃ id ┃ published  ┃ speaker  ┃ cue  ┃ text                     ┃ topics    ┃
┡━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━┩
│ 1  │ 2024-05-01 │ Jane Roe │ said │ the sanctions had failed │ sanctions │
│ 2  │ 2024-06-10 │ Jane Roe │ said │ troops would stay        │           │
└────┴────────────┴──────────┴──────┴──────────────────────────┴───────────┘
"""
CLAIMS_CSV = """\
id,article_id,published,speaker,cue,direct,text,topics,claim_date,span_start,span_end,confidence\r
1,1,2024-05-01,Jane Roe,said,false,the sanctions had failed,sanctions,2024-05-01,37,61,0.8\r
2,2,2024-06-10,Jane Roe,said,false,troops would stay,,2024-06-10,25,42,0.8\r
"""
ROW_1 = (
    '{"id": 1, "article_id": 1, "published": "2024-05-01", "speaker": "Jane Roe", "cue": "said", '
    '"direct": false, "text": "the sanctions had failed", "topics": "sanctions", "claim_date": "2024-05-01", '
    '"span_start": 37, "span_end": 61, "confidence": 0.8}'
)
ROW_2 = (
    '{"id": 2, "article_id": 2, "published": "2024-06-10", "speaker": "Jane Roe", "cue": "said", '
    '"direct": false, "text": "troops would stay", "topics": null, "claim_date": "2024-06-10", '
    '"span_start": 25, "span_end": 42, "confidence": 0.8}'
)


def test_claims_table(filled: Invoke) -> None:
    assert filled("claims") == filled("claims", "--format", "table")
    result = filled("claims")
    assert (result.code, result.out, result.err) == (0, CLAIMS_TABLE, "")


def test_claims_csv(filled: Invoke) -> None:
    out = filled("claims", "--format", "csv").out
    # The runner reads stdout in text mode; compare through the csv module as a spreadsheet would.
    assert list(csv.reader(io.StringIO(out))) == list(csv.reader(io.StringIO(CLAIMS_CSV)))


def test_claims_json_and_jsonl(filled: Invoke) -> None:
    assert filled("claims", "--format", "json").out == f"[\n{ROW_1},\n{ROW_2}\n]\n"
    assert filled("claims", "-f", "JSONL").out == f"{ROW_1}\n{ROW_2}\n"


def test_zero_rows(filled: Invoke) -> None:
    assert filled("claims", "--actor", "nobody", "--format", "json").out == "[]\n"
    assert filled("claims", "--actor", "nobody", "--format", "jsonl").out == ""
    assert filled("claims", "--actor", "nobody", "--format", "csv").out.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["claims", "--actor", "ROE"], [1, 2]),
        (["claims", "--topic", "sanctions"], [1]),
        (["claims", "--article", "border"], [2]),
        (["claims", "--since", "2024-06-01"], [2]),
        (["claims", "--until", "2024-05-31"], [1]),
        (["claims", "--limit", "1"], [1]),
        (["demands", "--actor", "EU"], [1, 2]),
        (["stances", "--topic", "troop-withdrawal"], [2]),
        (["articles", "--actor", "Ruritania"], [2]),
        (["actors", "--article", "Talks"], [2, 1]),
    ],
)
def test_filters(filled: Invoke, args: list[str], ids: list[int]) -> None:
    rows = json.loads(filled(*args, "--format", "json").out)
    assert [r["id"] for r in rows] == ids


def test_bad_date_is_a_usage_error(filled: Invoke) -> None:
    result = filled("claims", "--since", "last week")
    assert result.code == 2
    assert "'last week' is not a date; use YYYY-MM-DD" in " ".join(result.err.replace("│", " ").split())


def test_bad_format_is_a_usage_error(filled: Invoke) -> None:
    assert filled("claims", "--format", "xml").code == 2


def test_no_database_yet(cli: Invoke, tmp_path: object) -> None:
    result = cli("claims", "--db", "/nonexistent/claimdb.sqlite", db=False)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "error: no database at /nonexistent/claimdb.sqlite; ingest articles first (claimdb ingest FILE) "
        "or point --db or CLAIMDB_DATABASE_URL at an existing database\n"
    )


def test_database_from_the_environment(filled: Invoke, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMDB_DATABASE_URL", db_url)
    assert json.loads(filled("claims", "--format", "json", db=False).out)[0]["id"] == 1
