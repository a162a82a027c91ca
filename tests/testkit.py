"""Shared test helpers and fixtures for the database and CLI tests.

Imported by tests/db/conftest.py and tests/cli/conftest.py (tests/ is on sys.path because
tests/conftest.py sits there without an __init__.py). Nothing here loads spaCy: the
FakeExtractor below has the Extractor's surface and finds claims and demands with two
regular expressions, enough to exercise the whole product path exactly.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import Engine, make_url, text
from typer.testing import CliRunner

from claimdb.cli import app
from claimdb.db import migrate
from claimdb.db.engine import create_engine_for, open_database
from claimdb.db.schema import TABLES
from claimdb.extract.model import Actor, Claim, Demand, Extraction, Mention, Stance
from claimdb.settings import database_url
from claimdb.topics import Taxonomy, load_taxonomy

T = TypeVar("T")

TAXONOMY: Taxonomy = load_taxonomy()

# --- a fake extractor -----------------------------------------------------------------------

_NAME = r"(?:[A-Z][a-z]+(?: [A-Z][a-z]+)*)"
_SAID = re.compile(rf"(?P<speaker>{_NAME}) said (?P<content>[^.]+)\.")
_CALL = re.compile(rf"(?P<who>{_NAME}) called on (?P<whom>{_NAME}) to (?P<what>[^.]+)\.")
_ALIASES = {"Jane Roe": ("Roe", "Minister Jane Roe"), "European Union": ("EU", "Brussels")}
_KINDS = {"European Union": "organization", "Ruritania": "country"}


def fake_extract(text: str, published: dt.date | None = None) -> Extraction:
    """Claims from "<Name> said <content>.", demands from "<A> called on <B> to <what>.";
    an actor for every name, with mentions; a stance for each demand with a topic."""
    names: dict[str, list[Mention]] = {}

    def mention(name: str, start: int) -> str:
        names.setdefault(name, []).append(Mention(start, start + len(name), name))
        return name

    claims = [
        Claim(
            speaker=mention(m["speaker"], m.start("speaker")),
            cue="said",
            direct=False,
            start=m.start("content"),
            end=m.end("content"),
            text=m["content"],
            confidence=0.8,
            topics=tuple(TAXONOMY.match(m["content"])),
            date=published,
        )
        for m in _SAID.finditer(text)
    ]
    demands = [
        Demand(
            demander=mention(m["who"], m.start("who")),
            addressee=mention(m["whom"], m.start("whom")),
            cue="called on",
            start=m.start("what"),
            end=m.end("what"),
            text=m["what"],
            topic=TAXONOMY.best(m["what"]),
            confidence=0.7,
        )
        for m in _CALL.finditer(text)
    ]
    stances = [
        Stance(d.demander, d.topic, "support", "demand", i, 0.6)
        for i, d in enumerate(demands)
        if d.demander and d.topic
    ]
    actors = tuple(
        Actor(name, _KINDS.get(name, "person"), _ALIASES.get(name, ()), mentions=tuple(ms))  # type: ignore[arg-type]
        for name, ms in names.items()
    )
    return Extraction(actors, tuple(claims), tuple(demands), tuple(stances), extractor_version="fake-1")


class FakeExtractor:
    """The Extractor's surface (extract, extract_stream, version) without spaCy."""

    version = "fake-1"

    def __init__(self, rules: Callable[[str, dt.date | None], Extraction] = fake_extract) -> None:
        self.rules = rules
        self.calls: list[dict[str, Any]] = []

    def extract(self, text: str, *, published: dt.date | None = None) -> Extraction:
        return self.rules(text, published)

    def extract_stream(
        self,
        items: Iterable[tuple[str, T]],
        *,
        published: Callable[[T], dt.date | None] = lambda _: None,
        n_process: int = 1,
        batch_size: int = 16,
    ) -> Iterator[tuple[Extraction, T]]:
        self.calls.append({"n_process": n_process, "batch_size": batch_size})
        for text_, ctx in items:
            yield self.rules(text_, published(ctx)), ctx


def span(text_: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    """(start, end) of the n-th occurrence of ``part`` in ``text_``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text_.index(part, start + 1)
    return start, start + len(part)


ARTICLE_1 = (
    "Ruritania talks stall\n\n"
    "Jane Roe said the sanctions had failed. "
    "Jane Roe called on European Union to lift the sanctions on grain."
)
ARTICLE_2 = (
    "Border dispute\n\n"
    "Roe said troops would stay. "
    "Ruritania called on Brussels to withdraw troops from the border."
)


@dataclass(frozen=True)
class Run:
    """What a CLI invocation did (tests/cli/conftest.py: the ``cli`` fixture)."""

    code: int
    out: str
    err: str


Invoke = Callable[..., Run]


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> FakeExtractor:
    extractor = FakeExtractor()
    monkeypatch.setattr("claimdb.cli.common.load_extractor", lambda model, topics: extractor)
    return extractor


@pytest.fixture
def plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed, colourless terminal: tables and usage errors come out the same everywhere."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def invoke(*argv: str, input: str | bytes | None = None) -> Run:
    """Run claimdb in this process; a ClaimDBError is an exit code, anything else re-raised."""
    result = CliRunner().invoke(app, list(argv), input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli(db_url: str, fake_extractor: FakeExtractor, plain_terminal: None) -> Invoke:
    """``cli("claims", "--format", "json")`` runs claimdb against this test's database."""

    def run(*args: str, input: str | bytes | None = None, db: bool = True) -> Run:
        return invoke(*args, *(["--db", db_url] if db else []), input=input)

    return run


# --- databases ------------------------------------------------------------------------------

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file, copied for each test (migrating costs more than copying)."""
    path = tmp_path_factory.mktemp("template") / "claimdb.sqlite"
    # Closing the last connection folds the WAL into the main file, so copying that one
    # file copies everything.
    open_database(database_url(str(path))).dispose()
    assert not path.with_name(path.name + "-wal").exists()
    return path


_PG_READY: dict[str, bool] = {}


def reset_postgres(url: str) -> None:
    """Bring the test server's schema to head (once) and empty every table."""
    engine = create_engine_for(url)
    try:
        if not _PG_READY.get(url):
            migrate.downgrade(engine, "base")  # whatever a previous run left behind
            migrate.upgrade(engine)
            _PG_READY[url] = True
        with engine.begin() as conn:
            names = ", ".join(t.name for t in TABLES)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A database at the head revision with no rows: a fresh SQLite file, or the PostgreSQL
    test server emptied."""
    if request.param == "sqlite":
        path = tmp_path / "claimdb.sqlite"
        shutil.copy(sqlite_template, path)
        return database_url(str(path))
    url: str = request.getfixturevalue("postgres_url")
    reset_postgres(url)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = open_database(db_url)
    yield engine
    engine.dispose()


SQL_ROLE = "claimdb_sql_test"


def sql_role_url(url: str) -> str:
    """``url`` with a role that is no superuser but may write every claimdb table (claimdb sql
    refuses superusers, which the test server's own role usually is). Being allowed to
    write, it shows that the read-only transaction, not a missing privilege, stops writes."""
    engine = create_engine_for(url)
    try:
        with engine.begin() as conn:
            found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": SQL_ROLE}).first()
            if found is None:
                conn.execute(text(f"CREATE ROLE {SQL_ROLE} LOGIN PASSWORD '{SQL_ROLE}'"))
            # Granted each time: migrations tests drop and recreate the tables.
            conn.execute(text(f"GRANT CREATE, USAGE ON SCHEMA public TO {SQL_ROLE}"))
            conn.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {SQL_ROLE}"))
            conn.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {SQL_ROLE}"))
    finally:
        engine.dispose()
    return make_url(url).set(username=SQL_ROLE, password=SQL_ROLE).render_as_string(hide_password=False)


@pytest.fixture
def sql_url(db_url: str) -> str:
    """The URL ``claimdb sql`` is tested with: on PostgreSQL, as a role that is no superuser."""
    return db_url if db_url.startswith("sqlite") else sql_role_url(db_url)


def empty_postgres_database(url: str, suffix: str) -> str:
    """A second database on the test server, ``<name>_<suffix>``, created if need be, with no
    claimdb tables at all (its schema left to whatever the test runs)."""
    parsed = make_url(url)
    name = f"{parsed.database}_{suffix}"
    server = create_engine_for(url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            if exists is None:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
    target = parsed.set(database=name).render_as_string(hide_password=False)
    engine = create_engine_for(target)
    try:
        migrate.downgrade(engine, "base")
    finally:
        engine.dispose()
    return target


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(text(f"SELECT count(*) FROM {t.name}")).scalar_one() for t in TABLES}
