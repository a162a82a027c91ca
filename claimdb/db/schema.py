"""The database schema: typed ORM classes for the tables, plain Table objects for the views.

Columns are named for people writing SQL against them: plural snake_case tables, ``*_id``
foreign keys, and ``span_start``/``span_end`` for character offsets (``end`` is a reserved
word in PostgreSQL). Every offset pair satisfies ``articles.text[span_start:span_end] ==
text`` (checked before writing and by ``claimdb check``). The migrations in ``migrations/``
create exactly this; a test compares the two.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from claimdb.db.dialect import UTCDateTime

# Named constraints: SQLite batch migrations can only alter constraints they can name, and
# predictable names make migrations identical on both backends.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ACTOR_KINDS = ("person", "organization", "country", "group", "other")
POLARITIES = ("support", "oppose", "neutral")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of the text: the natural key that makes ingestion idempotent."""
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    extractor_version: Mapped[str] = mapped_column(Text, default="")

    mentions: Mapped[list[Mention]] = relationship(back_populates="article", lazy="raise")
    claims: Mapped[list[Claim]] = relationship(back_populates="article", lazy="raise")
    demands: Mapped[list[Demand]] = relationship(back_populates="article", lazy="raise")
    stances: Mapped[list[Stance]] = relationship(back_populates="article", lazy="raise")


class Actor(Base):
    """A person, government, organisation or group, shared by every article naming it."""

    __tablename__ = "actors"
    __table_args__ = (CheckConstraint(_in("kind", ACTOR_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[ActorAlias]] = relationship(back_populates="actor", lazy="raise")


class ActorAlias(Base):
    """A name an actor goes by. ``normalized`` is unique: one name, one actor, everywhere."""

    __tablename__ = "actor_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text, unique=True)

    actor: Mapped[Actor] = relationship(back_populates="aliases", lazy="raise")


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")


class _Span:
    """Columns shared by everything tied to a stretch of article text."""

    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


def _span_check() -> CheckConstraint:
    return CheckConstraint("span_start >= 0 AND span_start < span_end", name="span")


def _appears_in(table: str, actor_column: str) -> Index:
    """(actor, article) pairs, read without touching the table: every "where does this
    actor appear" question asks it of mentions, claims, demands and stances. Also serves
    lookups on the actor column alone (migration 0002)."""
    return Index(f"ix_{table}_{actor_column}_article_id", actor_column, "article_id")


def _article_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)


class Mention(_Span, Base):
    """One place an actor is named or referred to in an article."""

    __tablename__ = "mentions"
    __table_args__ = (_span_check(), _appears_in("mentions", "actor_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"))
    article_id: Mapped[int] = _article_fk()

    article: Mapped[Article] = relationship(back_populates="mentions", lazy="raise")
    actor: Mapped[Actor] = relationship(lazy="raise")


class Claim(_Span, Base):
    """Content attributed to a speaker by a cue ("said", "according to", a quote)."""

    __tablename__ = "claims"
    __table_args__ = (
        _span_check(),
        _appears_in("claims", "speaker_id"),
        CheckConstraint(
            "speaker_start IS NULL OR (speaker_start >= 0 AND speaker_start < speaker_end)",
            name="speaker_span",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = _article_fk()
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    cue: Mapped[str] = mapped_column(Text)
    direct: Mapped[bool] = mapped_column(Boolean)
    claim_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    confidence: Mapped[float] = mapped_column(Float)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    """Where the speaker is named for this claim ("he", "the minister"), if the extractor said."""
    speaker_end: Mapped[int | None] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="claims", lazy="raise")
    speaker: Mapped[Actor | None] = relationship(lazy="raise")


class ClaimTopic(Base):
    __tablename__ = "claim_topics"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id"), primary_key=True, index=True)


class Demand(_Span, Base):
    """An actor requiring an action of another: the demanded thing is the span."""

    __tablename__ = "demands"
    __table_args__ = (
        _span_check(),
        _appears_in("demands", "demander_id"),
        _appears_in("demands", "addressee_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = _article_fk()
    demander_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    addressee_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    cue: Mapped[str] = mapped_column(Text)
    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topics.id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"), index=True)
    """The claim the demand was stated in, if any."""
    confidence: Mapped[float] = mapped_column(Float)

    article: Mapped[Article] = relationship(back_populates="demands", lazy="raise")
    demander: Mapped[Actor | None] = relationship(foreign_keys=[demander_id], lazy="raise")
    addressee: Mapped[Actor | None] = relationship(foreign_keys=[addressee_id], lazy="raise")


class Stance(Base):
    """An actor's position on a topic in one article, with the claim or demand showing it."""

    __tablename__ = "stances"
    __table_args__ = (
        CheckConstraint(_in("polarity", POLARITIES), name="polarity"),
        CheckConstraint("(claim_id IS NULL) <> (demand_id IS NULL)", name="one_evidence"),
        _appears_in("stances", "actor_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"))
    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id"), index=True)
    polarity: Mapped[str] = mapped_column(String(16))
    article_id: Mapped[int] = _article_fk()
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    demand_id: Mapped[int | None] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), index=True)
    confidence: Mapped[float] = mapped_column(Float)

    article: Mapped[Article] = relationship(back_populates="stances", lazy="raise")
    actor: Mapped[Actor] = relationship(lazy="raise")


TABLES: tuple[Table, ...] = tuple(Base.metadata.sorted_tables)


def table_of(cls: type[Base]) -> Table:
    """The Core Table of a mapped class, typed as such (``__table__`` is typed loosely)."""
    table = cls.__table__
    assert isinstance(table, Table)
    return table


# --- views (created by the migrations; public API) ------------------------------------------
# Declared here only so queries and exports get typed columns (dates as dates, booleans as
# booleans on SQLite too). They live in their own MetaData so nothing ever creates them as
# tables and drift checks leave them alone.

views_metadata = MetaData()

claims_view = Table(
    "claims_view",
    views_metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer),
    Column("article_title", Text),
    Column("published", Date),
    Column("speaker_id", Integer),
    Column("speaker", Text),
    Column("cue", Text),
    Column("direct", Boolean),
    Column("text", Text),
    Column("topics", Text),
    Column("claim_date", Date),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("confidence", Float),
)

demands_view = Table(
    "demands_view",
    views_metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer),
    Column("article_title", Text),
    Column("published", Date),
    Column("demander_id", Integer),
    Column("demander", Text),
    Column("addressee_id", Integer),
    Column("addressee", Text),
    Column("cue", Text),
    Column("text", Text),
    Column("topic", Text),
    Column("claim_id", Integer),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("confidence", Float),
)

stances_view = Table(
    "stances_view",
    views_metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", Integer),
    Column("actor", Text),
    Column("topic", Text),
    Column("topic_label", Text),
    Column("polarity", String(16)),
    Column("article_id", Integer),
    Column("article_title", Text),
    Column("published", Date),
    Column("evidence_kind", String(16)),
    Column("evidence_id", Integer),
    Column("evidence_text", Text),
    Column("confidence", Float),
)

VIEWS: tuple[Table, ...] = (claims_view, demands_view, stances_view)
