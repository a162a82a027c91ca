"""claimdb db: current, upgrade, downgrade (only with an explicit revision)."""

from __future__ import annotations

from pathlib import Path

from testkit import Invoke

from claimdb.db import migrate


def test_current_upgrade_downgrade(cli: Invoke, tmp_path: Path) -> None:
    db = str(tmp_path / "new.sqlite")
    assert cli("db", "current", "--db", db, db=False).err == (
        f"error: no database at {db}; claimdb creates it on first ingest\n"
    )
    assert cli("db", "upgrade", "--db", db, db=False).err == "upgraded to head\n"
    head = migrate.heads()[0]
    assert cli("db", "current", "--db", db, db=False).out == f"current: {head}\nhead: {head}\n"
    assert cli("db", "downgrade", "base", "--db", db, db=False).err == "downgraded to base\n"
    assert cli("db", "current", "--db", db, db=False).out == f"current: none (empty database)\nhead: {head}\n"


def test_downgrade_needs_a_revision(cli: Invoke) -> None:
    result = cli("db", "downgrade")
    assert result.code == 2
    assert "Missing argument 'REVISION'" in result.err


def test_unknown_revision(cli: Invoke) -> None:
    result = cli("db", "downgrade", "nope")
    assert result.code == 1
    assert result.err.startswith("error: cannot downgrade to 'nope': ")


def test_a_newer_database_is_refused(cli: Invoke, tmp_path: Path) -> None:
    db = str(tmp_path / "future.sqlite")
    assert cli("db", "upgrade", "--db", db, db=False).code == 0
    import sqlite3

    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    result = cli("claims", "--db", db, db=False)
    assert result.code == 1
    assert result.err == (
        "error: the database is at schema revision '0099', which this claimdb does not know: a newer claimdb "
        "wrote it. Upgrade claimdb (pip install -U claimdb); it is never downgraded\n"
    )
    assert cli("db", "downgrade", "base", "--db", db, db=False).code == 1
