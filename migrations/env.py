"""Alembic environment for claimdb; run by claimdb.db.migrate (no alembic.ini needed).

claimdb passes its own open connection in ``config.attributes["connection"]``; run
directly by Alembic's command line (developers), the URL comes from claimdb's settings
(``CLAIMDB_DATABASE_URL`` or ./claimdb.sqlite), exactly as for the claimdb command.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection

from claimdb.db.dialect import SQLITE, is_fts_object
from claimdb.db.schema import Base, views_metadata

VIEWS = frozenset(views_metadata.tables)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    # Full-text tables, their shadow tables and indexes, and the views are created by hand in
    # the migrations; they are not in the ORM metadata, so autogenerate must not see them.
    return not is_fts_object(name) and name not in VIEWS


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=include_object,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == SQLITE,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("claimdb's migrations run online only: use `claimdb db upgrade`")

_connection = context.config.attributes.get("connection")
if _connection is not None:
    run(_connection)
else:
    from claimdb.db.engine import create_engine_for
    from claimdb.settings import database_url

    with create_engine_for(database_url()).begin() as _conn:
        run(_conn)
