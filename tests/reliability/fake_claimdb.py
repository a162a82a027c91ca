"""``claimdb`` with the fake extractor, for tests that need a real process of their own.

    python tests/reliability/fake_claimdb.py ingest FOLDER --db URL

Test-only: it lives under tests/ and patches claimdb from outside, so nothing in claimdb can
be switched into a test mode. Environment (read here and nowhere else):

- ``FAKE_CLAIMDB_DELAY``: seconds each extraction takes, so that two processes overlap.
- ``FAKE_CLAIMDB_HOLD_AT=N`` with ``FAKE_CLAIMDB_HELD=FILE``: when the transaction that
  stores the N-th article is about to commit (everything written, nothing committed), write
  to FILE how many articles are committed before it, and wait to be killed.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for testkit

from sqlalchemy import Engine, event  # noqa: E402
from testkit import FakeExtractor, fake_extract  # noqa: E402

import claimdb.cli.common  # noqa: E402
from claimdb.cli import main  # noqa: E402

DELAY = float(os.environ.get("FAKE_CLAIMDB_DELAY", "0"))
HOLD_AT = int(os.environ.get("FAKE_CLAIMDB_HOLD_AT", "0"))
HELD = os.environ.get("FAKE_CLAIMDB_HELD", "")


def _slow_extract(text: str, published: Any) -> Any:
    time.sleep(DELAY)
    return fake_extract(text, published)


claimdb.cli.common.load_extractor = lambda model, topics: FakeExtractor(_slow_extract)  # type: ignore[assignment]

if HOLD_AT:
    committed = 0

    # Engine-wide events, not a patch of ingest's functions: whatever ingest's structure (one
    # article per transaction or several), the hold comes inside the transaction that would
    # commit the N-th article.
    @event.listens_for(Engine, "before_cursor_execute")
    def _count(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO ARTICLES"):
            conn.info["articles"] = conn.info.get("articles", 0) + (len(params) if many else 1)

    @event.listens_for(Engine, "commit")
    def _hold(conn: Any) -> None:
        global committed
        pending = conn.info.pop("articles", 0)
        if pending and committed + pending >= HOLD_AT:
            Path(HELD).write_text(str(committed), encoding="utf-8")
            time.sleep(3600)  # the test kills us here, mid-transaction
        committed += pending

    @event.listens_for(Engine, "rollback")
    def _forget(conn: Any) -> None:
        conn.info.pop("articles", None)


if __name__ == "__main__":
    sys.argv[0] = "claimdb"
    main()
