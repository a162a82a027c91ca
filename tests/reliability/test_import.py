"""Ingest → export → import: every field of every row comes back, on either backend, and
every way an export can be wrong is refused with its file and line, importing nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from testkit import (
    ARTICLE_1,
    ARTICLE_2,
    TAXONOMY,
    counts,
    empty_postgres_database,
    fake_extract,
    invoke,
    span,
)

from claimdb.db import export as export_module
from claimdb.db import migrate
from claimdb.db.check import check
from claimdb.db.engine import describe, open_database, session_scope
from claimdb.db.export import export_to_dir, snapshot
from claimdb.db.importer import find_dump, import_dump
from claimdb.db.schema import TABLES
from claimdb.db.search import search
from claimdb.db.store import save
from claimdb.extract.model import Actor, Claim, Demand, Extraction, Mention, Stance
from claimdb.settings import database_url
from claimdb.sources import Article

NASTY = "«Ça» — “quoted” 'single' ‹›, emoji 🇺🇦👩‍👩‍👧, RTL עברית العربية, tab\tand\ncontrol \x07\x1b."


def _rich_extraction(text_: str) -> Extraction:
    """Every column gets a value somewhere (and the nullable ones a null elsewhere)."""
    claim_at = span(text_, "the sanctions had failed")
    roe = span(text_, "Jane Roe")
    demand_at = span(text_, "lift the sanctions on grain")
    return Extraction(
        actors=(
            Actor(
                "Jane Roe",
                "person",
                ("Roe", "Minister Jane Roe"),
                "Minister of trade",
                (Mention(*roe, "Jane Roe"),),
            ),
            Actor("European Union", "organization", ("EU",)),
        ),
        claims=(
            Claim(
                "Jane Roe",
                "said",
                True,
                *claim_at,
                "the sanctions had failed",
                0.8125,
                ("sanctions", "new-topic"),
                Mention(*roe, "Jane Roe"),
                dt.date(2024, 4, 30),
            ),
            Claim(None, "according to", False, *span(text_, "called on"), "called on", 0.1),
        ),  # fmt: skip
        demands=(
            Demand(
                "Jane Roe",
                "European Union",
                "called on",
                *demand_at,
                "lift the sanctions on grain",
                "sanctions",
                0,
                0.7,
            ),
            Demand(None, None, "urged", *span(text_, "talks stall"), "talks stall"),
        ),  # fmt: skip
        stances=(
            Stance("Jane Roe", "sanctions", "oppose", "claim", 0, 0.9),
            Stance("European Union", "sanctions", "neutral", "demand", 0, 0.25),
        ),
        extractor_version="test-2",
    )


def fill(engine: Engine) -> None:
    rich = f"{ARTICLE_1}\n\n{NASTY}"
    with session_scope(engine) as s:
        save(
            s,
            Article(
                rich,
                title='=HYPERLINK("x")',
                url="https://example.test/a?b=1&c=ü",
                source="Wire",
                published=dt.date(2024, 5, 1),
                language="fr",
            ),
            _rich_extraction(rich),
            TAXONOMY,
        )
    with session_scope(engine) as s:
        save(s, Article(ARTICLE_2), fake_extract(ARTICLE_2), TAXONOMY)


def table_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, typed by SQLAlchemy, in primary-key order."""
    with session_scope(engine, read_only=True) as s:
        return {
            t.name: [tuple(r) for r in s.execute(select(t).order_by(*t.primary_key.columns))] for t in TABLES
        }


def export(engine: Engine, folder: Path, fmt: str = "jsonl", *, tables_only: bool = False) -> Path:
    names = [t.name for t in TABLES] if tables_only else []
    with session_scope(snapshot(engine), read_only=True) as s:
        export_to_dir(s, names, fmt, folder)  # type: ignore[arg-type]
    return folder


def load(url: str, *paths: Path) -> dict[str, int]:
    engine = open_database(url)
    try:
        with session_scope(engine) as s:
            return import_dump(s, find_dump(list(paths))).rows
    finally:
        engine.dispose()


TARGETS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=TARGETS)
def target_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of either kind (not even a schema) to import into."""
    if request.param == "sqlite":
        return database_url(str(tmp_path / "target.sqlite"))
    return empty_postgres_database(request.getfixturevalue("postgres_url"), "import")


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_round_trip_keeps_every_field(engine: Engine, target_url: str, tmp_path: Path, fmt: str) -> None:
    fill(engine)
    before = table_rows(engine)
    assert all(before.values()), "a row in every table"
    dump = export(engine, tmp_path / "dump", fmt)
    rows = load(target_url, dump)
    assert rows == {name: len(r) for name, r in before.items()}
    target = open_database(target_url)
    try:
        assert table_rows(target) == before
        with session_scope(target, read_only=True) as s:
            assert check(s).problems == []
            assert [r[0] for r in search(s, "sanctions failed").rows] == [1]  # search indexes built
        # New rows get new ids after the imported ones (PostgreSQL's sequences were moved on).
        with session_scope(target) as s:
            late = "Jane Roe said the new talks went well."
            report = save(s, Article(late), fake_extract(late), TAXONOMY)
        assert report.article_id == 3
        assert counts(target)["claims"] == len(before["claims"]) + 1
    finally:
        target.dispose()


# Storable text: no NUL (PostgreSQL refuses it), no lone surrogates (no UTF-8 form); no \r,
# which reading a file turns into \n before it is ever stored.
ARTICLE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), min_size=1, max_size=300
).filter(str.strip)
META = st.none() | st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("prop")


@pytest.mark.slow  # a database pair per example: seconds; the fixed round trip above runs always
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=ARTICLE_TEXT, title=META, source=META, published=st.none() | st.dates(), data=st.data())
def test_round_trip_property(
    sqlite_template: Path,
    workdir: Path,
    body: str,
    title: str | None,
    source: str | None,
    published: dt.date | None,
    data: st.DataObject,
) -> None:
    """Arbitrary text and metadata, and spans anywhere in it, survive export and import."""
    for leftover in workdir.iterdir():
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    source_db = workdir / "source.sqlite"
    shutil.copy(sqlite_template, source_db)
    cuts = data.draw(
        st.lists(st.tuples(st.integers(0, len(body) - 1), st.integers(1, len(body))), max_size=4)
    )
    cuts = [(min(a, b), max(a, b)) for a, b in cuts if a != b]
    mentions = tuple(Mention(a, b, body[a:b]) for a, b in cuts)
    claims = tuple(
        Claim("Speaker", "said", True, a, b, body[a:b], 0.5, (), m)
        for (a, b), m in zip(cuts, mentions, strict=True)
    )
    extraction = Extraction((Actor("Speaker", "person", mentions=mentions),), claims)
    engine = open_database(database_url(str(source_db)))
    with session_scope(engine) as s:
        save(s, Article(body, title=title, source=source, published=published), extraction, TAXONOMY)
    before = table_rows(engine)
    with pytest.MonkeyPatch.context() as patch:
        # Each export syncs every file to disk: right for users, and most of this test's time.
        patch.setattr(export_module.os, "fsync", lambda fd: None)
        export(engine, workdir / "dump", tables_only=True)
    engine.dispose()
    target = database_url(str(workdir / "target.sqlite"))
    load(target, workdir / "dump")
    engine = open_database(target)
    try:
        assert table_rows(engine) == before
    finally:
        engine.dispose()


# --- an export taken while an ingest writes is still one moment --------------------------------


def test_export_is_one_snapshot_while_another_process_writes(
    engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(engine)
    writer = open_database(db_url)
    real = export_module._write_table

    def write_then_ingest(session: Any, table: Any, fmt: Any, out: Any, *, raw: bool) -> int:
        count = real(session, table, fmt, out, raw=raw)
        if table.name == "articles":  # between two tables, another process adds an article
            with session_scope(writer) as s:
                late = "Jane Roe said the late news came in."
                save(s, Article(late), fake_extract(late), TAXONOMY)
        return count

    monkeypatch.setattr(export_module, "_write_table", write_then_ingest)
    with session_scope(snapshot(engine), read_only=True) as s:
        written = export_to_dir(s, ["articles", "claims", "mentions"], "jsonl", tmp_path / "dump")
    writer.dispose()
    assert counts(engine)["articles"] == 3  # the article was stored...
    assert {p.name: n for p, n in written.items()} == {
        "articles.jsonl": 2,
        "claims.jsonl": 3,
        "mentions.jsonl": 4,
    }
    lines = (tmp_path / "dump" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    claims = [json.loads(line) for line in lines]
    assert {c["article_id"] for c in claims} == {1, 2}  # ...and is in no table of the export


# --- refusals: exact messages, nothing imported ----------------------------------------------


@pytest.fixture(scope="module")
def one_export(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An export made once: what is wrong with a file does not depend on where it came from."""
    folder = tmp_path_factory.mktemp("export")
    shutil.copy(sqlite_template, folder / "source.sqlite")
    engine = open_database(database_url(str(folder / "source.sqlite")))
    try:
        fill(engine)
        return export(engine, folder / "dump")
    finally:
        engine.dispose()


@pytest.fixture
def dump(one_export: Path, tmp_path: Path) -> Path:
    """This test's own copy of the export, to damage."""
    return Path(shutil.copytree(one_export, tmp_path / "dump"))


def _edit(path: Path, line: int, change: dict[str, Any] | str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    if isinstance(change, str):
        lines[line - 1] = change
    else:
        lines[line - 1] = json.dumps({**json.loads(lines[line - 1]), **change}, ensure_ascii=False)
    path.write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")


def _without_manifest(dump: Path) -> Path:
    (dump / "claimdb-export.json").unlink()
    return dump


_NOT = "nothing was imported"
_COLUMNS = "topics.jsonl:1: the columns of topics are id, label, description"
_FROM_ELSEWHERE = "is this file from another claimdb version? " + _NOT
BAD_ROWS = [
    ("claims.jsonl", 2, "{not json",
     f"claims.jsonl:2: not valid JSON (Expecting property name enclosed in double quotes, column 2); {_NOT}"),
    ("claims.jsonl", 1, "[1, 2]",
     f"claims.jsonl:1: expected a JSON object (one claims row), got list; {_NOT}"),
    ("claims.jsonl", 1, {"span_start": "37"},
     f'claims.jsonl:1: span_start must be a whole number, got "37"; {_NOT}'),
    ("claims.jsonl", 1, {"direct": 1}, f"claims.jsonl:1: direct must be true or false, got 1; {_NOT}"),
    ("articles.jsonl", 1, {"published": "1 May 2024"},
     f'articles.jsonl:1: published must be a date, YYYY-MM-DD, got "1 May 2024"; {_NOT}'),
    ("articles.jsonl", 2, {"ingested_at": "2024-05-01T10:00:00"},
     "articles.jsonl:2: ingested_at must be an ISO date and time with its UTC offset, "
     f'got "2024-05-01T10:00:00"; {_NOT}'),
    ("articles.jsonl", 1, {"text": None}, f"articles.jsonl:1: text is null, and it may not be; {_NOT}"),
    ("actors.jsonl", 1, {"name": "a\u0000b"},
     f"actors.jsonl:1: name: contains NUL characters, which databases cannot store; remove them; {_NOT}"),
    ("claims.jsonl", 1, {"speaker_id": 99},
     f"claims.jsonl:1: speaker_id 99 is not an id in actors; the export is incomplete or edited; {_NOT}"),
    ("claim_topics.jsonl", 1, {"topic_id": "no-such-topic"},
     "claim_topics.jsonl:1: topic_id 'no-such-topic' is not an id in topics; the export is incomplete or "
     f"edited; {_NOT}"),
    ("mentions.jsonl", 2, {"id": 1}, f"mentions.jsonl:2: id 1 appears twice in mentions; {_NOT}"),
    ("actor_aliases.jsonl", 2, {"normalized": "jane roe"},
     "actor_aliases.jsonl:2: the database refuses this row ("),
    ("topics.jsonl", 1, {"colour": "red"},
     f"{_COLUMNS} (unknown colour); {_FROM_ELSEWHERE}"),
    ("topics.jsonl", 1, '{"id": "sanctions", "label": "Sanctions"}',
     f"{_COLUMNS} (missing description); {_FROM_ELSEWHERE}"),
    ("claims.jsonl", 1, {"span_start": 38},
     "the export does not pass claimdb check: claims 1: text[38:61] of article 1 is "
     f"'he sanctions had failed', not 'the sanctions had failed'; {_NOT}"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "line", "change", "message"), BAD_ROWS, ids=[m[:48] for *_, m in BAD_ROWS])
def test_a_bad_row_is_named_and_nothing_is_imported(
    dump: Path, tmp_path: Path, file: str, line: int, change: dict[str, Any] | str, message: str
) -> None:
    _edit(dump / file, line, change)
    target = tmp_path / "target.sqlite"
    result = invoke("import", str(_without_manifest(dump)), "--db", str(target))
    assert result.code == 1
    expected = f"error: {dump}/{message}" if not message.startswith("the export") else f"error: {message}"
    assert result.err.startswith(expected), result.err
    assert len(result.err.splitlines()) == 1
    assert not target.exists()  # made for the import, removed when it failed


def test_an_export_cut_short_is_refused_by_its_manifest(dump: Path, tmp_path: Path) -> None:
    claims = dump / "claims.jsonl"
    claims.write_bytes(claims.read_bytes()[:-40])  # the end of the last line is missing
    result = invoke("import", str(dump), "--db", str(tmp_path / "t.sqlite"))
    assert (result.code, result.err) == (
        1,
        f"error: {claims}: not the file this export wrote (its SHA-256 differs from "
        f"{dump}/claimdb-export.json): cut short, edited, or from another export; export again\n",
    )


def test_an_export_from_another_schema_revision_is_refused(dump: Path, tmp_path: Path) -> None:
    manifest = dump / "claimdb-export.json"
    content = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**content, "schema_revision": "9999_future"}), encoding="utf-8")
    result = invoke("import", str(dump), "--db", str(tmp_path / "t.sqlite"))
    assert (result.code, result.err) == (
        1,
        f"error: {manifest}: exported at schema revision '9999_future', which this claimdb does not know "
        f"(it writes {migrate.heads()[0]!r}): a newer claimdb exported it; upgrade claimdb to import it\n",
    )


def test_missing_tables_csv_and_views_are_refused(engine: Engine, tmp_path: Path) -> None:
    fill(engine)
    partial = export(engine, tmp_path / "partial")
    (partial / "stances.jsonl").unlink()
    result = invoke("import", str(partial), "--db", str(tmp_path / "t.sqlite"))
    assert result.err == (
        f"error: {partial}: no file for table(s) stances; export every table with claimdb export --format "
        "jsonl --out DIR and import DIR\n"
    )
    with session_scope(engine, read_only=True) as s:
        export_to_dir(s, [], "csv", tmp_path / "csv")
    result = invoke("import", str(tmp_path / "csv"), "--db", str(tmp_path / "t.sqlite"))
    assert result.err.startswith(f"error: {tmp_path}/csv/actors.csv: claimdb import reads JSON or JSON Lines")
    result = invoke("import", str(partial / "claims_view.jsonl"), "--db", str(tmp_path / "t.sqlite"))
    assert result.err == (
        f"error: {partial}/claims_view.jsonl: claims_view is a view (derived from the tables); leave it out\n"
    )
    assert not (tmp_path / "t.sqlite").exists()


def test_a_database_with_data_is_refused_and_unchanged(engine: Engine, db_url: str, dump: Path) -> None:
    fill(engine)
    before = table_rows(engine)
    result = invoke("import", str(dump), "--db", db_url)
    assert (result.code, result.err) == (
        1,
        f"error: {describe(db_url)} already has data; claimdb import loads into an empty database only "
        "(there is no merge): pass another --db, or ingest the original articles into this one\n",
    )
    assert table_rows(engine) == before


def test_import_through_the_command_line(dump: Path, tmp_path: Path) -> None:
    result = invoke("import", str(dump), "--db", str(tmp_path / "t.sqlite"))
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        f"imported into {tmp_path}/t.sqlite: 4 actors, 2 articles, 3 topics, 7 actor_aliases, 3 claims, "
        "4 mentions, 2 claim_topics, 3 demands, 3 stances\n"
    )
