"""CLI fixtures: a database per test (tests/testkit.py) and a runner that never loads spaCy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testkit import ARTICLE_1, ARTICLE_2, FakeExtractor, Invoke, Run, db_url, engine, sqlite_template
from typer.testing import CliRunner

from claimdb.cli import app

__all__ = ["db_url", "engine", "sqlite_template"]


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> FakeExtractor:
    extractor = FakeExtractor()
    monkeypatch.setattr("claimdb.cli.common.load_extractor", lambda model, topics: extractor)
    return extractor


@pytest.fixture
def cli(db_url: str, fake_extractor: FakeExtractor, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """``cli("claims", "--format", "json")`` runs claimdb against this test's database."""
    # Fixed, colourless terminal: tables come out the same everywhere.
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str, input: str | bytes | None = None, db: bool = True) -> Run:
        argv = [*args, "--db", db_url] if db else list(args)
        result = CliRunner().invoke(app, argv, input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    """Two article files: Talks stall (2024-05-01) and Border dispute (2024-06-10)."""
    one = tmp_path / "one.jsonl"
    lines = [
        {"text": ARTICLE_1, "title": "Talks stall", "source": "Wire", "published": "2024-05-01"},
        {"text": ARTICLE_2, "title": "Border dispute", "published": "2024-06-10"},
    ]
    one.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return [one]


@pytest.fixture
def filled(cli: Invoke, articles: list[Path]) -> Invoke:
    result = cli("ingest", *map(str, articles))
    assert result.code == 0, result.err
    return cli
