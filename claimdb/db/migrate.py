"""Alembic, driven from code: works from a checkout and from an installed wheel alike.

No ``alembic.ini`` is read: the Config is built here from ``claimdb.resources`` (which finds
the migrations in either layout) and the Engine the application already opened, so the
migrations run against exactly the database the user named, with claimdb's settings.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text

from claimdb.db.dialect import POSTGRESQL
from claimdb.errors import DatabaseError, SchemaTooNewError
from claimdb.resources import migrations_dir

# Advisory-lock key for PostgreSQL: two processes opening a fresh database at once must not
# both run the first migration. (SQLite's BEGIN IMMEDIATE does the same job.)
_MIGRATION_LOCK_KEY = 0x636C6D6D  # "clmm"


def config(connection: Connection | None = None) -> Config:
    """An Alembic Config for claimdb's migrations; ``env.py`` uses ``connection`` if given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def heads() -> tuple[str, ...]:
    """The newest revision(s) this claimdb knows (a single one, or the history has forked)."""
    return tuple(_script().get_heads())


def known_revisions() -> frozenset[str]:
    return frozenset(s.revision for s in _script().walk_revisions())


def current(conn: Connection) -> str | None:
    """The revision the database is at; None for an empty database."""
    return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    with engine.begin() as conn:
        if conn.dialect.name == POSTGRESQL:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        yield conn


def _refuse_unknown(revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(
            f"the database is at schema revision {revision!r}, which this claimdb does not know: "
            "a newer claimdb wrote it. Upgrade claimdb (pip install -U claimdb); it is never downgraded"
        )


def ensure_current(engine: Engine) -> None:
    """Bring the schema up to the head revision if it is behind (or empty)."""
    with engine.connect() as probe:
        now = current(probe)
    _refuse_unknown(now)
    if now is not None and (now,) == heads():
        return  # the common case: one cheap read, no lock
    with _locked(engine) as conn:
        _refuse_unknown(current(conn))  # another process may have migrated meanwhile
        command.upgrade(config(conn), "head")


def upgrade(engine: Engine, revision: str = "head") -> None:
    with _locked(engine) as conn:
        _refuse_unknown(current(conn))
        try:
            command.upgrade(config(conn), revision)
        except CommandError as err:
            raise DatabaseError(f"cannot upgrade to {revision!r}: {err}; see claimdb db current") from None


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade to ``revision`` (``base`` removes every claimdb table and its data)."""
    with _locked(engine) as conn:
        _refuse_unknown(current(conn))
        try:
            command.downgrade(config(conn), revision)
        except CommandError as err:
            raise DatabaseError(f"cannot downgrade to {revision!r}: {err}; see claimdb db current") from None
