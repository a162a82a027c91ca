"""Migrations: one head, up and down with data in every table, no drift from the models,
runnable without alembic.ini or a checkout, and never downgrading a newer database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from testkit import ARTICLE_1, ARTICLE_2, TAXONOMY, counts, fake_extract

from claimdb.db import migrate
from claimdb.db.dialect import is_fts_object
from claimdb.db.engine import create_engine_for, open_database, session_scope
from claimdb.db.schema import TABLES, VIEWS, Base
from claimdb.db.store import save
from claimdb.errors import SchemaTooNewError
from claimdb.resources import migrations_dir
from claimdb.sources import Article

ROOT = Path(__file__).resolve().parents[2]


def _fill(engine: Engine) -> None:
    for txt in (ARTICLE_1, ARTICLE_2):
        with session_scope(engine) as s:
            save(s, Article(txt), fake_extract(txt), TAXONOMY)
    assert all(counts(engine).values()), counts(engine)  # a row in every table


def _objects(engine: Engine) -> set[str]:
    names = set(inspect(engine).get_table_names()) | set(inspect(engine).get_view_names())
    return {n for n in names if n != "alembic_version"}


def test_single_head() -> None:
    assert len(migrate.heads()) == 1


def test_base_head_base_head_with_data(engine: Engine) -> None:
    _fill(engine)
    full = _objects(engine)
    assert {t.name for t in (*TABLES, *VIEWS)} <= full
    migrate.downgrade(engine, "base")
    assert _objects(engine) == set()
    with engine.connect() as conn:
        assert migrate.current(conn) is None
    migrate.upgrade(engine)
    assert _objects(engine) == full
    _fill(engine)
    migrate.downgrade(engine, "base")
    migrate.upgrade(engine)


def test_models_and_migrations_agree(engine: Engine) -> None:
    """The `alembic check` of this project: autogenerate finds nothing to do."""

    def include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        return not is_fts_object(name) and name not in {v.name for v in VIEWS}

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include})
        assert compare_metadata(context, Base.metadata) == []


def test_search_structures_exist(engine: Engine) -> None:
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            names = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            ).scalars()
            fts = {
                n
                for n in names
                if is_fts_object(n) and not n.endswith(("_data", "_idx", "_docsize", "_config"))
            }
            assert fts == {
                f"{t}_fts{s}" for t in ("claims", "demands", "articles") for s in ("", "_ai", "_ad", "_au")
            }
        else:
            names = conn.execute(
                text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_fts_idx'")
            ).scalars()
            assert set(names) == {"claims_fts_idx", "demands_fts_idx", "articles_fts_idx"}


def test_a_newer_schema_is_refused_not_downgraded(engine: Engine, db_url: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    with pytest.raises(SchemaTooNewError) as err:
        open_database(db_url)
    assert str(err.value) == (
        "the database is at schema revision '9999_from_the_future', which this claimdb does not know: "
        "a newer claimdb wrote it. Upgrade claimdb (pip install -U claimdb); it is never downgraded"
    )
    with engine.begin() as conn:  # leave the shared PostgreSQL test database usable
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            == "9999_from_the_future"
        )
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": migrate.heads()[0]})


def test_migrations_need_no_alembic_ini_or_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    engine = create_engine_for(f"sqlite:///{tmp_path / 'x.sqlite'}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert migrate.current(conn) == migrate.heads()[0]
    engine.dispose()


@pytest.mark.slow
def test_migrations_run_from_the_wheel_layout(tmp_path: Path) -> None:
    """An installed wheel has claimdb/_migrations and no checkout around it (pyproject.toml
    maps migrations/ there). Copy the package that way and migrate from somewhere else."""
    site = tmp_path / "site"
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "claimdb", site / "claimdb", ignore=skip)
    shutil.copytree(ROOT / "migrations", site / "claimdb" / "_migrations", ignore=skip)
    (site / "claimdb" / "_data").mkdir()
    shutil.copy(ROOT / "data" / "topics.toml", site / "claimdb" / "_data")
    script = (
        "import claimdb.resources as r, claimdb.db.migrate as m\n"
        "from claimdb.db.engine import open_database\n"
        f"assert str(r.migrations_dir()).startswith({str(site)!r}), r.migrations_dir()\n"
        "e = open_database('sqlite:///wheel.sqlite')\n"
        "with e.connect() as c:\n"
        "    print(m.current(c))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == migrate.heads()[0]


def test_checkout_layout_is_found() -> None:
    assert (migrations_dir() / "env.py").is_file()
    assert list((migrations_dir() / "versions").glob("0001_*.py"))
