"""Real processes: kill -9 in the middle of an ingest, and two ingests at once.

Each test runs tests/reliability/fake_claimdb.py (claimdb with the fake extractor) as a
subprocess, and compares the database with a reference: the same articles stored in one
uninterrupted run in this process. Equal row counts in every table mean nothing was half
stored and nothing was stored twice (no duplicate articles, actors or aliases).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from testkit import TAXONOMY, counts, fake_extract

from claimdb.db.engine import open_database, session_scope
from claimdb.db.store import save
from claimdb.settings import database_url
from claimdb.sources import Article

pytestmark = pytest.mark.slow  # subprocesses: seconds each

SCRIPT = Path(__file__).with_name("fake_claimdb.py")
ROOT = Path(__file__).resolve().parents[2]


def _name(i: int) -> str:
    """A capitalised word per number (the fake extractor's names have no digits)."""
    letters = ""
    while True:
        letters = "abcdefghijklmnopqrstuvwxyz"[i % 26] + letters
        i //= 26
        if not i:
            return "Envoy" + letters


def _texts(n: int) -> list[str]:
    return [
        f"Report {_name(i)}\n\n"
        f"Jane Roe said the talks on {_name(i).lower()} had failed. "
        f"Minister {_name(i)} said nothing had changed. "
        f"Jane Roe called on European Union to lift the sanctions on {_name(i).lower()}. "
        f"Ruritania called on Minister {_name(i)} to withdraw troops from the border."
        for i in range(n)
    ]


def _inbox(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir()
    paths = []
    for i, body in enumerate(texts):
        path = folder / f"{i:03d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def _reference(template: Path, path: Path, texts: list[str]) -> dict[str, int]:
    """Row counts after storing ``texts`` in order, in one run, with nothing going wrong."""
    shutil.copy(template, path)
    engine = open_database(database_url(str(path)))
    try:
        for body in texts:
            with session_scope(engine) as s:
                save(s, Article(body), fake_extract(body), TAXONOMY)
        return counts(engine)
    finally:
        engine.dispose()


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAKE_CLAIMDB_")}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


def _claimdb(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), *args],
        env=_env(**env),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = process.communicate(timeout=300)
    return process.returncode, err


def _check(url: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "claimdb", "check", "--db", url],
        env=_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode, result.stderr


def _summary(err: str) -> tuple[int, int, int]:
    found = re.search(r"^(\d+) articles added, (\d+) skipped, (\d+) failed;", err, re.MULTILINE)
    assert found, err
    added, skipped, failed = map(int, found.groups())
    return added, skipped, failed


def _duplicates(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [
            tuple(row)
            for sql in (
                "SELECT content_hash, count(*) FROM articles GROUP BY content_hash HAVING count(*) > 1",
                "SELECT name, count(*) FROM actors GROUP BY name HAVING count(*) > 1",
                "SELECT normalized, count(*) FROM actor_aliases GROUP BY normalized HAVING count(*) > 1",
            )
            for row in conn.execute(text(sql))
        ]


def test_kill_9_mid_ingest_then_rerun(db_url: str, sqlite_template: Path, tmp_path: Path) -> None:
    texts = _texts(40)
    inbox = tmp_path / "inbox"
    _inbox(inbox, texts)
    held = tmp_path / "held"
    process = _claimdb(
        "ingest", str(inbox), "--db", db_url, FAKE_CLAIMDB_HOLD_AT="6", FAKE_CLAIMDB_HELD=str(held)
    )
    deadline = time.monotonic() + 120
    while not held.exists():
        if process.poll() is not None:
            pytest.fail(f"the ingest ended before it was killed: {_finish(process)}")
        assert time.monotonic() < deadline, "the ingest never reached its sixth article"
        time.sleep(0.05)
    time.sleep(0.1)  # the marker is written: the sixth article's rows are in, uncommitted
    process.send_signal(signal.SIGKILL)
    assert _finish(process)[0] == -signal.SIGKILL
    committed = int(held.read_text(encoding="utf-8"))
    assert committed == 5

    engine = open_database(db_url)
    try:
        # Whole articles only: exactly what storing the first five gives, nothing of the sixth.
        assert counts(engine) == _reference(sqlite_template, tmp_path / "first5.sqlite", texts[:committed])
        assert _check(db_url) == (0, "ok: no problems found\n")

        code, err = _finish(_claimdb("ingest", str(inbox), "--db", db_url))
        assert code == 0, err
        assert _summary(err) == (35, 5, 0)
        assert counts(engine) == _reference(sqlite_template, tmp_path / "all.sqlite", texts)
        assert _duplicates(engine) == []
        assert _check(db_url) == (0, "ok: no problems found\n")
    finally:
        engine.dispose()


def test_two_ingests_at_once(
    request: pytest.FixtureRequest, db_url: str, sqlite_template: Path, tmp_path: Path
) -> None:
    """Both finish without an error, between them store each article once, and share the
    actors. On SQLite the file does not exist yet: both processes create and migrate it."""
    texts = _texts(30)
    paths = _inbox(tmp_path / "inbox", texts)
    url = database_url(str(tmp_path / "new.sqlite")) if db_url.startswith("sqlite") else db_url
    # Opposite orders, a little extraction time each: they meet in the middle, and both try
    # to store the same articles and create the same actors.
    forward = _claimdb("ingest", *map(str, paths), "--db", url, FAKE_CLAIMDB_DELAY="0.01")
    backward = _claimdb("ingest", *map(str, reversed(paths)), "--db", url, FAKE_CLAIMDB_DELAY="0.01")
    (code_f, err_f), (code_b, err_b) = _finish(forward), _finish(backward)
    assert (code_f, code_b) == (0, 0), (err_f, err_b)
    added_f, skipped_f, failed_f = _summary(err_f)
    added_b, skipped_b, failed_b = _summary(err_b)
    assert (added_f + added_b, skipped_f + skipped_b, failed_f + failed_b) == (30, 30, 0)
    assert added_f and added_b, "the two runs did not overlap"
    engine = open_database(url)
    try:
        assert counts(engine) == _reference(sqlite_template, tmp_path / "all.sqlite", texts)
        assert _duplicates(engine) == []
    finally:
        engine.dispose()
    assert _check(url) == (0, "ok: no problems found\n")
