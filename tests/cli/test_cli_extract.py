"""claimdb extract: the claimdb-extract/1 contract, as the evaluation scorer calls it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from testkit import ARTICLE_1, ARTICLE_2, FakeExtractor, Invoke

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/a.txt").write_text(ARTICLE_1, encoding="utf-8")
    Path("docs/b.txt").write_text(ARTICLE_2, encoding="utf-8")
    return ["./docs/a.txt", "docs/b.txt"]


def test_one_file_prints_one_object(cli: Invoke, docs: list[str]) -> None:
    result = cli("extract", "--format", "json", docs[0], db=False)
    assert result.code == 0, result.err
    obj = json.loads(result.out)
    assert obj["schema"] == "claimdb-extract/1"
    assert obj["document"] == "./docs/a.txt"  # the path exactly as given
    assert obj["extractor"] == "fake-1"
    [claim] = obj["claims"]
    assert ARTICLE_1[claim["start"] : claim["end"]] == claim["text"] == "the sanctions had failed"
    assert [a["name"] for a in obj["actors"]] == ["Jane Roe", "European Union"]


def test_jsonl_prints_one_line_per_document(
    cli: Invoke, docs: list[str], fake_extractor: FakeExtractor
) -> None:
    result = cli("extract", "--format", "jsonl", *docs, "--workers", "2", db=False)
    lines = result.out.splitlines()
    assert [json.loads(line)["document"] for line in lines] == docs
    assert fake_extractor.calls == [{"n_process": 2, "batch_size": 16}]


def test_json_with_several_documents_is_an_array(cli: Invoke, docs: list[str]) -> None:
    result = cli("extract", *docs, db=False)
    assert [d["document"] for d in json.loads(result.out)] == docs


def test_stdin(cli: Invoke) -> None:
    result = cli("extract", "-", db=False, input=ARTICLE_2)
    assert json.loads(result.out)["document"] == "<stdin>"


def test_bad_input_is_reported_and_the_rest_extracted(cli: Invoke, docs: list[str]) -> None:
    result = cli("extract", "-f", "jsonl", "docs/missing.txt", docs[1], db=False)
    assert result.code == 1
    assert result.err == "error: docs/missing.txt: no such file or directory; check the path\n"
    assert [json.loads(line)["document"] for line in result.out.splitlines()] == ["docs/b.txt"]


def test_nothing_extracted_prints_nothing(cli: Invoke, docs: list[str]) -> None:
    Path("docs/empty.txt").write_text("", encoding="utf-8")
    result = cli("extract", "docs/empty.txt", db=False)
    assert (result.code, result.out) == (1, "")


@pytest.mark.slow
def test_real_extractor_as_the_scorer_runs_it(docs: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "claimdb", "extract", "--format", "json", docs[0]]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    obj = json.loads(result.stdout)
    assert obj["document"] == docs[0] and obj["schema"] == "claimdb-extract/1"
    for claim in obj["claims"]:
        assert ARTICLE_1[claim["start"] : claim["end"]] == claim["text"]
    batch = subprocess.run(
        [sys.executable, "-m", "claimdb", "extract", "--format", "jsonl", *docs],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert [json.loads(line)["document"] for line in batch.stdout.splitlines()] == docs


@pytest.mark.slow
def test_real_ingest_end_to_end(docs: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    db = str(tmp_path / "e2e.sqlite")
    run = [sys.executable, "-m", "claimdb"]
    ingest = subprocess.run(
        [*run, "ingest", "docs", "--db", db], capture_output=True, text=True, timeout=300, env=env
    )
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stderr.startswith("2 articles added, 0 skipped, 0 failed")
    check = subprocess.run([*run, "check", "--db", db], capture_output=True, text=True, timeout=300, env=env)
    assert check.returncode == 0, check.stderr
