"""Indexes for large databases: actor + article pairs, and stored tsvectors on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

Every "where does this actor appear" question (``articles --actor``, the article counts of
``actors``, ``actors --article``) reads (actor, article) pairs from five places; with the
article id inside the actor index those reads never touch the table, and SQLite can merge
the five sorted lists instead of sorting their union. Each two-column index replaces the
one-column index it starts with.

On PostgreSQL, ranking a search result needs the document's tsvector; with only an
expression index it was recomputed from the text for every matching row (seconds for a
common word over 100,000 articles). A stored generated column keeps it, and the GIN index
is rebuilt on that column under the same name.

Frozen, like 0001: spells out its DDL and imports nothing from claimdb.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, actor column): each gets an (actor column, article_id) index in place of its own.
_PAIRS = (
    ("mentions", "actor_id"),
    ("claims", "speaker_id"),
    ("demands", "demander_id"),
    ("demands", "addressee_id"),
    ("stances", "actor_id"),
)

# The documents each search covers, as 0001 indexed them.
_DOCUMENTS = {
    "claims": "text",
    "demands": "text",
    "articles": "coalesce(title, '') || ' ' || text",
}


def upgrade() -> None:
    for table, column in _PAIRS:
        op.create_index(f"ix_{table}_{column}_article_id", table, [column, "article_id"])
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    if op.get_bind().dialect.name == "postgresql":
        for table, document in _DOCUMENTS.items():
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN search_fts tsvector "
                f"GENERATED ALWAYS AS (to_tsvector('english', {document})) STORED"
            )
            op.execute(f"DROP INDEX {table}_fts_idx")
            op.execute(f"CREATE INDEX {table}_fts_idx ON {table} USING gin (search_fts)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, document in _DOCUMENTS.items():
            op.execute(f"DROP INDEX {table}_fts_idx")
            op.execute(f"ALTER TABLE {table} DROP COLUMN search_fts")
            vector = f"to_tsvector('english', {document})"
            op.execute(f"CREATE INDEX {table}_fts_idx ON {table} USING gin ({vector})")
    for table, column in _PAIRS:
        op.create_index(f"ix_{table}_{column}", table, [column])
        op.drop_index(f"ix_{table}_{column}_article_id", table_name=table)
