"""Bad input gets a clear error and loses nothing: the matrix, through the command line.

Each case writes some inputs, runs ``claimdb ingest`` (with the fake extractor) and checks
three things exactly: the exit code, every line on stderr (each names the input and says
what to do), and which article texts ended up in the database (the good ones, whatever
went wrong beside them). The database cases check that a bad ``--db`` changes nothing.
"""

from __future__ import annotations

import codecs
import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from testkit import ARTICLE_1, ARTICLE_2, FakeExtractor, Invoke, Run, invoke

from claimdb.db import migrate
from claimdb.db.engine import create_engine_for
from claimdb.sources import DEFAULT_MAX_CHARS

# What a file holds: bytes, or a function that writes it (for files too big to keep around).
Content = bytes | Callable[[Path], None]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00"
QUOTES = (
    "Jane Roe said «the talks „failed” and ‘never’ resumed.\n"
    "Roe said \"unbalanced ” quotes ‹ › 「mixed』 ״ ˮ and a lone ' apostrophe.\n"
    "“Nobody closes this quote, Jane Roe said.\n"
    "Jane Roe called on Ruritania to stop “the „nested» quotes."
)
HTML_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Talks stall</title></head>\n"
    "<body><nav>Home | World</nav><p>Jane Roe said the talks had failed.</p>"
    "<p>Jane Roe called on Ruritania to lift the sanctions.</p></body></html>\n"
)
FIFTY_MB = 50 * 1024 * 1024
ONE_MB = 1024 * 1024


def _words(size: int) -> Callable[[Path], None]:
    """A file of ``size`` bytes of words, written in pieces."""

    def write(path: Path) -> None:
        piece = b"the talks had failed and the sanctions stay. " * 1024
        with path.open("wb") as out:
            left = size
            while left:
                out.write(piece[: min(left, len(piece))])
                left -= min(left, len(piece))

    return write


def _line(chars: int) -> str:
    """One line of ``chars`` ASCII characters with no line break (and nothing for the fake
    extractor to find: storing thousands of claims is not what these cases test)."""
    return ("the talks had failed and the sanctions stay. " * (chars // 45 + 1))[:chars]


def _jsonl(*lines: str) -> bytes:
    return "".join(line + "\n" for line in lines).encode()


def _json_text(value: str) -> str:
    return '{"text": "' + value + '"}'


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, Content]
    args: list[str]
    """Command-line arguments after ``ingest``; ``{d}`` is the folder the files are in."""
    code: int
    err: list[str]
    """Every stderr line, ``{d}`` as above; the summary line last."""
    stored: list[str] = field(default_factory=list)
    """Article texts in the database afterwards, in id order."""


def _summary(added: int, failed: int, skipped: int = 0) -> str:
    # The fake extractor's counts are not what these cases are about; only the articles.
    return f"{added} articles added, {skipped} skipped, {failed} failed; new: "


CASES = [
    Case(
        "missing path",
        {"good.txt": ARTICLE_1.encode()},
        ["{d}/missing.txt", "{d}/good.txt"],
        1,
        ["error: {d}/missing.txt: no such file or directory; check the path", _summary(1, 1)],
        [ARTICLE_1],
    ),
    Case(
        "folder of good and bad files, and binaries named on the command line",
        {
            "good.txt": ARTICLE_1.encode(),
            "empty.txt": b"",
            "blank.md": b" \n\t\r\n  \n",
            "scan.txt": PNG,  # an image with a text suffix: recognised by its bytes
            "menu.html": b"<html><nav>Home</nav><script>x()</script></html>",
            "sub/more.txt": ARTICLE_2.encode(),
            "photo.png": PNG,  # not an article suffix: a folder does not contribute it
            "archive.zip": ZIP,
        },
        ["{d}", "{d}/photo.png", "{d}/archive.zip"],
        1,
        [
            "error: {d}/blank.md: empty (no text to extract from); remove it or add the article text",
            "error: {d}/empty.txt: empty (no text to extract from); remove it or add the article text",
            "error: {d}/menu.html: no article text found in the HTML (only markup or navigation); "
            "save the article's own page, or its text as .txt",
            "error: {d}/scan.txt: binary file (a PNG image), not text; pass text, HTML or JSONL files",
            "error: {d}/photo.png: binary file (a PNG image), not text; pass text, HTML or JSONL files",
            "error: {d}/archive.zip: binary file (a ZIP archive (or an Office document; unpack or convert "
            "it first)), not text; pass text, HTML or JSONL files",
            _summary(2, 6),
        ],
        [ARTICLE_1, ARTICLE_2],
    ),
    Case(
        "invalid UTF-8 names the byte and suggests --encoding",
        {"latin.txt": "Jane Roe said the talks in Malmö had failed.".encode("cp1252"), "ok.txt": b"Fine."},
        ["{d}/latin.txt", "{d}/ok.txt"],
        1,
        [
            "error: {d}/latin.txt: not valid UTF-8 (byte 0xf6 at offset 31); if it uses another encoding, "
            "pass it with --encoding, e.g. --encoding cp1252",
            _summary(1, 1),
        ],
        ["Fine."],
    ),
    Case(
        "the suggested --encoding works",
        {"latin.txt": "Jane Roe said the talks in Malmö had failed.".encode("cp1252")},
        ["{d}/latin.txt", "--encoding", "cp1252"],
        0,
        [_summary(1, 0)],
        ["Jane Roe said the talks in Malmö had failed."],
    ),
    Case(
        "UTF-16 with a BOM, either byte order, is detected",
        {
            "le.txt": codecs.BOM_UTF16_LE + "Zoë said “yes”.".encode("utf-16-le"),
            "be.txt": codecs.BOM_UTF16_BE + "Zoë said “no”.".encode("utf-16-be"),
        },
        ["{d}/le.txt", "{d}/be.txt"],
        0,
        [_summary(2, 0)],
        ["Zoë said “yes”.", "Zoë said “no”."],
    ),
    Case(
        "UTF-16 without a BOM gets the --encoding hint",
        {"nobom.txt": "Zoë said no.".encode("utf-16-le")},
        ["{d}/nobom.txt"],
        1,
        [
            "error: {d}/nobom.txt: binary file (contains NUL bytes), not text; if it is UTF-16 without a "
            "BOM, pass --encoding utf-16-le (or utf-16-be)",
            _summary(0, 1),
        ],
    ),
    Case(
        "a 50 MB file is refused by its size, before it is read",
        {"huge.txt": _words(FIFTY_MB), "ok.txt": b"Fine."},
        ["{d}/huge.txt", "{d}/ok.txt"],
        1,
        [
            f"error: {{d}}/huge.txt: too large ({FIFTY_MB:,} bytes; the limit is 20,971,520 bytes); "
            "split it or raise --max-bytes",
            _summary(1, 1),
        ],
        ["Fine."],
    ),
    Case(
        "raising --max-bytes meets the extractor's limit, with its own message",
        {"huge.txt": _words(FIFTY_MB)},
        ["{d}/huge.txt", "--max-bytes", str(60 * ONE_MB)],
        1,
        [
            f"error: {{d}}/huge.txt: too long to extract from ({FIFTY_MB:,} characters; the limit is "
            f"{DEFAULT_MAX_CHARS:,}); split it into several articles",
            _summary(0, 1),
        ],
    ),
    Case(
        "a single 1 MB line is one article too long; a line of exactly the limit is stored",
        {"line.txt": _line(ONE_MB).encode(), "limit.txt": _line(DEFAULT_MAX_CHARS).encode()},
        ["{d}/line.txt", "{d}/limit.txt"],
        1,
        [
            f"error: {{d}}/line.txt: too long to extract from ({ONE_MB:,} characters; the limit is "
            f"{DEFAULT_MAX_CHARS:,}); split it into several articles",
            _summary(1, 1),
        ],
        [_line(DEFAULT_MAX_CHARS)],
    ),
    Case(
        "a 1 MB JSON line is refused by its line number; the others are stored",
        {"feed.jsonl": _jsonl(_json_text("First."), _json_text(_line(ONE_MB)), _json_text("Third."))},
        ["{d}/feed.jsonl"],
        1,
        [
            f"error: {{d}}/feed.jsonl:2: too long to extract from ({ONE_MB:,} characters; the limit is "
            f"{DEFAULT_MAX_CHARS:,}); split it into several articles",
            _summary(2, 1),
        ],
        ["First.", "Third."],
    ),
    Case(
        "a JSON line over --max-bytes is skipped by its line number without being held",
        {"feed.jsonl": _jsonl(_json_text("First."), _json_text("x" * 5000), _json_text("Third."))},
        ["{d}/feed.jsonl", "--max-bytes", "1000"],
        1,
        [
            "error: {d}/feed.jsonl:2: too large (5,013 bytes; the limit is 1,000 bytes); "
            "split it or raise --max-bytes",
            _summary(2, 1),
        ],
        ["First.", "Third."],
    ),
    Case(
        "unbalanced and exotic quote marks are stored exactly",
        {"quotes.txt": QUOTES.encode()},
        ["{d}/quotes.txt"],
        0,
        [_summary(1, 0)],
        [QUOTES],
    ),
    Case(
        "an HTML page saved as .txt is read as HTML",
        {"page.txt": HTML_PAGE.encode()},
        ["{d}/page.txt"],
        0,
        [_summary(1, 0)],
        ["Jane Roe said the talks had failed.\n\nJane Roe called on Ruritania to lift the sanctions."],
    ),
    Case(
        "markup inside ordinary text stays text",
        {"note.txt": b"Jane Roe said <b>bold</b> things about <html> tags."},
        ["{d}/note.txt"],
        0,
        [_summary(1, 0)],
        ["Jane Roe said <b>bold</b> things about <html> tags."],
    ),
    Case(
        "a JSONL file with one malformed line reports its number and stores the rest",
        {"feed.jsonl": _jsonl(_json_text("First."), '{"text": "Second.",}', _json_text("Third."))},
        ["{d}/feed.jsonl"],
        1,
        [
            "error: {d}/feed.jsonl:2: not valid JSON (Expecting property name enclosed in double quotes, "
            "column 20); fix or remove the line",
            _summary(2, 1),
        ],
        ["First.", "Third."],
    ),
    Case(
        "a bad date inside a JSONL line names the line and the form",
        {"feed.jsonl": _jsonl('{"text": "First.", "published": "31/12/2024"}', _json_text("Second."))},
        ["{d}/feed.jsonl"],
        1,
        [
            "error: {d}/feed.jsonl:1: \"published\": '31/12/2024' is not a date; use the ISO form "
            "YYYY-MM-DD, e.g. 2024-05-01",
            _summary(1, 1),
        ],
        ["Second."],
    ),
    Case(
        "a symbolic link back to a parent folder is walked once",
        {"good.txt": ARTICLE_1.encode(), "loop": lambda p: p.symlink_to(p.parent, target_is_directory=True)},
        ["{d}"],
        0,
        [_summary(1, 0)],
        [ARTICLE_1],
    ),
]


def _write(folder: Path, files: dict[str, Content]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            content(path)


def _stored(url: str) -> list[str]:
    # Read directly: claimdb sql would refuse the PostgreSQL test server's superuser.
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text("SELECT text FROM articles ORDER BY id")).scalars())
    finally:
        engine.dispose()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_matrix(cli: Invoke, db_url: str, tmp_path: Path, case: Case) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox, case.files)
    result = cli("ingest", *(a.format(d=inbox) for a in case.args))
    lines = result.err.splitlines()
    assert result.out == ""
    assert result.code == case.code
    assert lines[:-1] == [e.format(d=inbox) for e in case.err[:-1]]
    assert lines[-1].startswith(case.err[-1])
    assert _stored(db_url) == case.stored


def test_invalid_published_option_is_a_usage_error_and_stores_nothing(
    cli: Invoke, db_url: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_1, encoding="utf-8")
    for value in ("31/12/2024", "2024-02-30", "yesterday", ""):
        result = cli("ingest", str(tmp_path / "a.txt"), "--published", value)
        assert result.code == 2
        assert (
            f"Invalid value for '--published': {value!r} is not a date; use YYYY-MM-DD, e.g. 2024-05-01"
            in " ".join(result.err.replace("│", " ").split())
        )
    assert _stored(db_url) == []


# --- unreadable inputs (permissions: as another user when the tests run as root) -------------


def test_unreadable_file_and_folder(
    shared_dir: Path,
    fake_extractor: FakeExtractor,
    plain_terminal: None,
    unprivileged: Callable[[Callable[[], Run]], Run],
) -> None:
    inbox = shared_dir / "inbox"
    (inbox / "private").mkdir(parents=True)
    (inbox / "private" / "hidden.txt").write_text(ARTICLE_2, encoding="utf-8")
    (inbox / "good.txt").write_text(ARTICLE_1, encoding="utf-8")
    (inbox / "secret.txt").write_text("Jane Roe said nothing.", encoding="utf-8")
    (inbox / "secret.txt").chmod(0o600)
    (inbox / "private").chmod(0o700)
    out = shared_dir / "db"
    out.mkdir()
    out.chmod(0o777)
    db = out / "x.sqlite"
    result = unprivileged(lambda: invoke("ingest", str(inbox), "--db", str(db)))
    assert result.code == 1
    assert result.err.splitlines()[:-1] == [
        f"error: {inbox}/private: cannot list the folder (Permission denied); check its permissions",
        f"error: {inbox}/secret.txt: cannot read (Permission denied); check the file's permissions",
    ]
    assert result.err.splitlines()[-1].startswith(_summary(1, 2))


# --- a bad --db changes nothing ---------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE_1, encoding="utf-8")
    return path


def test_db_that_is_not_a_database(fake_extractor: FakeExtractor, tmp_path: Path, article: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("my notes, not a database\n" * 100, encoding="utf-8")
    before = _digest(notes)
    result = invoke("ingest", str(article), "--db", str(notes))
    assert (result.code, result.err) == (
        1,
        f"error: {notes} is not an SQLite database (or is corrupt); pass another file with --db\n",
    )
    assert _digest(notes) == before


def test_db_that_is_a_folder(fake_extractor: FakeExtractor, tmp_path: Path, article: Path) -> None:
    result = invoke("ingest", str(article), "--db", str(tmp_path))
    assert (result.code, result.err) == (
        1,
        f"error: {tmp_path} is a folder, not a database file; pass a file path such as "
        f"{tmp_path}/claimdb.sqlite\n",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "postgresql://me@db:port/claims",
            "'postgresql://me@db:port/claims' is not a database URL; pass a file path (./claimdb.sqlite) "
            "or a URL such as postgresql+psycopg://user@host/dbname",
        ),
        ("mysql://me@db/claims", "unsupported database backend 'mysql'; use an SQLite file or PostgreSQL"),
        (
            "postgresql://me@127.0.0.1:9/claims",
            "cannot connect to postgresql+psycopg://me@127.0.0.1:9/claims (connection failed: connection to "
            'server at "127.0.0.1", port 9 failed: Connection refused',
        ),
    ],
    ids=["malformed", "unsupported", "unreachable"],
)
def test_db_url_problems(fake_extractor: FakeExtractor, article: Path, url: str, message: str) -> None:
    result = invoke("ingest", str(article), "--db", url)
    assert result.code == 1
    assert result.err.startswith(f"error: {message}")
    assert len(result.err.splitlines()) == 1 or "check that the server is running" in result.err


def test_db_in_a_read_only_location(
    shared_dir: Path,
    fake_extractor: FakeExtractor,
    unprivileged: Callable[[Callable[[], Run]], Run],
) -> None:
    article = shared_dir / "a.txt"
    article.write_text(ARTICLE_1, encoding="utf-8")
    locked = shared_dir / "locked"
    locked.mkdir()
    existing = locked / "existing.sqlite"
    assert invoke("db", "upgrade", "--db", str(existing)).code == 0
    locked.chmod(0o555)
    existing.chmod(0o444)
    before = _digest(existing)

    new = unprivileged(lambda: invoke("ingest", str(article), "--db", str(locked / "new.sqlite")))
    assert (new.code, new.err) == (
        1,
        f"error: cannot open {locked}/new.sqlite: its folder does not exist or is not writable; "
        "create the folder or pass another path with --db\n",
    )
    assert not (locked / "new.sqlite").exists()

    old = unprivileged(lambda: invoke("ingest", str(article), "--db", str(existing)))
    assert (old.code, old.err) == (
        1,
        f"error: {existing} is read-only (or its folder is, and SQLite needs to create -wal/-shm files "
        "beside it); fix the permissions or copy it somewhere writable\n",
    )
    assert _digest(existing) == before


def test_db_file_read_only_in_a_writable_folder(
    shared_dir: Path,
    fake_extractor: FakeExtractor,
    unprivileged: Callable[[Callable[[], Run]], Run],
) -> None:
    """Reading still works; the first write says what is wrong, and nothing is half-done."""
    article = shared_dir / "a.txt"
    article.write_text(ARTICLE_1, encoding="utf-8")
    shared_dir.chmod(0o777)
    db = shared_dir / "ro.sqlite"
    assert invoke("db", "upgrade", "--db", str(db)).code == 0
    db.chmod(0o444)
    before = _digest(db)
    listed = unprivileged(lambda: invoke("articles", "--format", "json", "--db", str(db)))
    assert (listed.code, listed.out) == (0, "[]\n")
    ingested = unprivileged(lambda: invoke("ingest", str(article), "--db", str(db)))
    assert (ingested.code, ingested.err) == (
        1,
        f"error: {db} is read-only (or its folder is, and SQLite needs to create -wal/-shm files "
        "beside it); fix the permissions or copy it somewhere writable\n",
    )
    assert _digest(db) == before


def test_db_written_by_a_newer_claimdb_is_refused_not_downgraded(
    fake_extractor: FakeExtractor, tmp_path: Path, article: Path
) -> None:
    db = tmp_path / "future.sqlite"
    assert invoke("db", "upgrade", "--db", str(db)).code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0042_from_the_future'")
    conn.close()
    for command in (["ingest", str(article)], ["claims"], ["db", "upgrade"], ["db", "downgrade", "base"]):
        result = invoke(*command, "--db", str(db))
        assert result.code == 1, command
        assert result.err == (
            "error: the database is at schema revision '0042_from_the_future', which this claimdb does "
            "not know: a newer claimdb wrote it. Upgrade claimdb (pip install -U claimdb); it is never "
            "downgraded\n"
        )
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
            "0042_from_the_future"
        )
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 0
    engine.dispose()
    assert migrate.heads() != ("0042_from_the_future",)
