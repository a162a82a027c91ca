"""Initial schema: tables, indexes, full-text search, and the public views.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Frozen: this file must produce the same schema forever, so it imports nothing from claimdb
and spells out its DDL, including the per-backend full-text structures and view SQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _span_columns() -> list[sa.Column[int] | sa.Column[str]]:
    return [
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    ]


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('person', 'organization', 'country', 'group', 'other')", name="ck_actors_kind"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_actors"),
        sa.UniqueConstraint("name", name="uq_actors_name"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    _indexes("articles", "published")
    op.create_table(
        "topics",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_topics"),
    )
    op.create_table(
        "actor_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("normalized", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name="fk_actor_aliases_actor_id_actors", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_actor_aliases"),
        sa.UniqueConstraint("normalized", name="uq_actor_aliases_normalized"),
    )
    _indexes("actor_aliases", "actor_id")
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("claim_date", sa.Date(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("speaker_start", sa.Integer(), nullable=True),
        sa.Column("speaker_end", sa.Integer(), nullable=True),
        *_span_columns(),
        sa.CheckConstraint("span_start >= 0 AND span_start < span_end", name="ck_claims_span"),
        sa.CheckConstraint(
            "speaker_start IS NULL OR (speaker_start >= 0 AND speaker_start < speaker_end)",
            name="ck_claims_speaker_span",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_claims_article_id_articles", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["speaker_id"], ["actors.id"], name="fk_claims_speaker_id_actors"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    _indexes("claims", "article_id", "claim_date", "speaker_id")
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        *_span_columns(),
        sa.CheckConstraint("span_start >= 0 AND span_start < span_end", name="ck_mentions_span"),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name="fk_mentions_actor_id_actors"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_mentions_article_id_articles", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    _indexes("mentions", "actor_id", "article_id")
    op.create_table(
        "claim_topics",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name="fk_claim_topics_claim_id_claims", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name="fk_claim_topics_topic_id_topics"),
        sa.PrimaryKeyConstraint("claim_id", "topic_id", name="pk_claim_topics"),
    )
    _indexes("claim_topics", "topic_id")
    op.create_table(
        "demands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("demander_id", sa.Integer(), nullable=True),
        sa.Column("addressee_id", sa.Integer(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("topic_id", sa.String(length=100), nullable=True),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        *_span_columns(),
        sa.CheckConstraint("span_start >= 0 AND span_start < span_end", name="ck_demands_span"),
        sa.ForeignKeyConstraint(["addressee_id"], ["actors.id"], name="fk_demands_addressee_id_actors"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_demands_article_id_articles", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name="fk_demands_claim_id_claims", ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["demander_id"], ["actors.id"], name="fk_demands_demander_id_actors"),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name="fk_demands_topic_id_topics"),
        sa.PrimaryKeyConstraint("id", name="pk_demands"),
    )
    _indexes("demands", "addressee_id", "article_id", "claim_id", "demander_id", "topic_id")
    op.create_table(
        "stances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.String(length=100), nullable=False),
        sa.Column("polarity", sa.String(length=16), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("demand_id", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.CheckConstraint("polarity IN ('support', 'oppose', 'neutral')", name="ck_stances_polarity"),
        sa.CheckConstraint("(claim_id IS NULL) <> (demand_id IS NULL)", name="ck_stances_one_evidence"),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name="fk_stances_actor_id_actors"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_stances_article_id_articles", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name="fk_stances_claim_id_claims", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["demand_id"], ["demands.id"], name="fk_stances_demand_id_demands", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name="fk_stances_topic_id_topics"),
        sa.PrimaryKeyConstraint("id", name="pk_stances"),
    )
    _indexes("stances", "actor_id", "article_id", "claim_id", "demand_id", "topic_id")

    if op.get_bind().dialect.name == "postgresql":
        _create_search_postgresql()
    else:
        _create_search_sqlite()
    _create_views(op.get_bind().dialect.name)


def downgrade() -> None:
    for view in ("stances_view", "demands_view", "claims_view"):
        op.execute(f"DROP VIEW IF EXISTS {view}")
    if op.get_bind().dialect.name == "postgresql":
        for table in ("claims", "demands", "articles"):
            op.execute(f"DROP INDEX IF EXISTS {table}_fts_idx")
    else:
        for table in ("claims", "demands", "articles"):
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    tables = "stances demands claim_topics mentions claims actor_aliases topics articles actors"
    for table in tables.split():
        op.drop_table(table)


# --- full-text search -----------------------------------------------------------------------


def _create_search_sqlite() -> None:
    # External-content FTS5 tables index the text without storing a second copy; triggers
    # keep them in step with every insert, update and delete, whoever makes it.
    sources = {"claims": ("text",), "demands": ("text",), "articles": ("title", "text")}
    for table, columns in sources.items():
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(
            f"CREATE VIRTUAL TABLE {table}_fts USING fts5({cols}, content='{table}', "
            "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {table}_fts(rowid, {cols}) VALUES (new.id, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {table}_fts({table}_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_au AFTER UPDATE OF {cols} ON {table} BEGIN "
            f"INSERT INTO {table}_fts({table}_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {table}_fts(rowid, {cols}) VALUES (new.id, {new}); END"
        )


def _create_search_postgresql() -> None:
    # Expression indexes: no extra column to keep in sync. Queries must use the very same
    # expressions (claimdb/db/dialect.py) for PostgreSQL to pick the index.
    op.execute("CREATE INDEX claims_fts_idx ON claims USING gin (to_tsvector('english', text))")
    op.execute("CREATE INDEX demands_fts_idx ON demands USING gin (to_tsvector('english', text))")
    op.execute(
        "CREATE INDEX articles_fts_idx ON articles "
        "USING gin (to_tsvector('english', coalesce(title, '') || ' ' || text))"
    )


# --- views (public API: change only in a new migration) -------------------------------------


def _create_views(dialect: str) -> None:
    if dialect == "postgresql":
        topics = (
            "(SELECT string_agg(ct.topic_id, ';' ORDER BY ct.topic_id) "
            "FROM claim_topics AS ct WHERE ct.claim_id = c.id)"
        )
    else:
        topics = (
            "(SELECT group_concat(t.topic_id, ';') FROM (SELECT ct.topic_id FROM claim_topics AS ct "
            "WHERE ct.claim_id = c.id ORDER BY ct.topic_id) AS t)"
        )
    op.execute(
        f"""CREATE VIEW claims_view AS
        SELECT c.id, c.article_id, a.title AS article_title, a.published,
               c.speaker_id, s.name AS speaker, c.cue, c.direct, c.text,
               {topics} AS topics,
               c.claim_date, c.span_start, c.span_end, c.confidence
        FROM claims AS c
        JOIN articles AS a ON a.id = c.article_id
        LEFT JOIN actors AS s ON s.id = c.speaker_id"""
    )
    op.execute(
        """CREATE VIEW demands_view AS
        SELECT d.id, d.article_id, a.title AS article_title, a.published,
               d.demander_id, dr.name AS demander, d.addressee_id, ad.name AS addressee,
               d.cue, d.text, d.topic_id AS topic, d.claim_id,
               d.span_start, d.span_end, d.confidence
        FROM demands AS d
        JOIN articles AS a ON a.id = d.article_id
        LEFT JOIN actors AS dr ON dr.id = d.demander_id
        LEFT JOIN actors AS ad ON ad.id = d.addressee_id"""
    )
    op.execute(
        """CREATE VIEW stances_view AS
        SELECT s.id, s.actor_id, ac.name AS actor, s.topic_id AS topic, t.label AS topic_label,
               s.polarity, s.article_id, a.title AS article_title, a.published,
               CASE WHEN s.claim_id IS NOT NULL THEN 'claim' ELSE 'demand' END AS evidence_kind,
               COALESCE(s.claim_id, s.demand_id) AS evidence_id,
               COALESCE(c.text, d.text) AS evidence_text,
               s.confidence
        FROM stances AS s
        JOIN actors AS ac ON ac.id = s.actor_id
        JOIN topics AS t ON t.id = s.topic_id
        JOIN articles AS a ON a.id = s.article_id
        LEFT JOIN claims AS c ON c.id = s.claim_id
        LEFT JOIN demands AS d ON d.id = s.demand_id"""
    )
