"""CLI fixtures: a database per test (tests/testkit.py) and a runner that never loads spaCy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testkit import (
    ARTICLE_1,
    ARTICLE_2,
    Invoke,
    cli,
    db_url,
    engine,
    fake_extractor,
    plain_terminal,
    sql_url,
    sqlite_template,
)

__all__ = ["cli", "db_url", "engine", "fake_extractor", "plain_terminal", "sql_url", "sqlite_template"]


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
