"""claimdb ingest: summary, idempotency, one line per bad input, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit import ARTICLE_1, ARTICLE_2, FakeExtractor, Invoke


def test_ingest_then_again(cli: Invoke, articles: list[Path]) -> None:
    first = cli("ingest", str(articles[0]))
    assert (first.code, first.out) == (0, "")
    assert (
        first.err == "2 articles added, 0 skipped, 0 failed; new: 3 actors, 2 claims, 2 demands, 2 stances\n"
    )
    again = cli("ingest", str(articles[0]), "-v")
    assert again.code == 0
    assert again.err == (
        f"skipped {articles[0]}:1: already stored as article 1\n"
        f"skipped {articles[0]}:2: already stored as article 2\n"
        "0 articles added, 2 skipped, 0 failed; new: 0 actors, 0 claims, 0 demands, 0 stances\n"
    )


def test_bad_inputs_each_get_one_line_and_the_rest_is_stored(cli: Invoke, tmp_path: Path) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "good.txt").write_text(ARTICLE_1, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "archive.zip").write_bytes(b"PK\x03\x04rest")
    (tmp_path / "latin1.txt").write_bytes("Zoë".encode("latin-1"))
    (tmp_path / "lines.jsonl").write_text('{"text": "Fine."}\n{oops\n', encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not an article suffix: not read
    binaries = [str(tmp_path / "archive.zip"), str(tmp_path / "image.png")]  # read when named
    result = cli("ingest", str(tmp_path), *binaries, str(tmp_path / "missing.txt"))
    assert result.code == 1
    assert result.out == ""
    d = tmp_path
    assert result.err.splitlines() == [
        f"error: {d}/empty.txt: empty (no text to extract from); remove it or add the article text",
        f"error: {d}/latin1.txt: not valid UTF-8 (byte 0xeb at offset 2); if it uses another encoding, "
        "pass it with --encoding, e.g. --encoding cp1252",
        f"error: {d}/lines.jsonl:2: not valid JSON (Expecting property name enclosed in double quotes, "
        "column 2); fix or remove the line",
        f"error: {d}/archive.zip: binary file (a ZIP archive (or an Office document; unpack or convert it "
        "first)), not text; pass text, HTML or JSONL files",
        f"error: {d}/image.png: binary file (a PNG image), not text; pass text, HTML or JSONL files",
        f"error: {d}/missing.txt: no such file or directory; check the path",
        "2 articles added, 0 skipped, 6 failed; new: 2 actors, 1 claims, 1 demands, 1 stances",
    ]


def test_encoding_option(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Jane Roe said the talks in Malmö had failed.".encode("cp1252"))
    result = cli("ingest", str(path), "--encoding", "cp1252")
    assert result.code == 0, result.err
    assert "the talks in Malmö had failed" in cli("claims", "--format", "csv").out


def test_utf16_with_bom(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("\ufeffJane Roe said the talks had failed.".encode("utf-16-le"))
    assert cli("ingest", str(path)).code == 0
    assert cli("claims", "--format", "jsonl").out.count('"text": "the talks had failed"') == 1


def test_stdin_and_metadata_options(cli: Invoke) -> None:
    result = cli(
        "ingest", "-", "--title", "From stdin", "--published", "2024-07-01", "--source", "Wire", "--url", "https://x.test",
        input=ARTICLE_2,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert (
        cli("articles", "--format", "csv")
        .out.splitlines()[1]
        .startswith("1,2024-07-01,Wire,From stdin,https://x.test,")
    )


def test_invalid_published_is_a_usage_error(cli: Invoke, tmp_path: Path) -> None:
    result = cli("ingest", str(tmp_path), "--published", "01/07/2024")
    assert result.code == 2
    assert (
        "Invalid value for '--published': '01/07/2024' is not a date; use YYYY-MM-DD, e.g. 2024-05-01"
        in " ".join(result.err.replace("│", " ").split())
    )


def test_size_limit_option(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE_1, encoding="utf-8")
    result = cli("ingest", str(path), "--max-bytes", "10")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"error: {path}: too large ({len(ARTICLE_1.encode()):,} bytes; the limit is 10 bytes); "
        "split it or raise --max-bytes"
    )


def test_workers_reach_the_extractor(
    cli: Invoke, articles: list[Path], fake_extractor: FakeExtractor
) -> None:
    assert cli("ingest", str(articles[0]), "--workers", "2").code == 0
    assert fake_extractor.calls == [{"n_process": 2, "batch_size": 16}]


def test_bad_database_is_one_line(cli: Invoke, tmp_path: Path) -> None:
    notdb = tmp_path / "notes.sqlite"
    notdb.write_text("plain text\n" * 200, encoding="utf-8")
    result = cli("ingest", str(tmp_path), "--db", str(notdb), db=False)
    assert (result.code, result.err) == (
        1,
        f"error: {notdb} is not an SQLite database (or is corrupt); pass another file with --db\n",
    )


def test_a_folder_holding_the_database(cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`claimdb ingest .` where ./claimdb.sqlite lives: the database is not an article."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMDB_DATABASE_URL", raising=False)
    Path("a.txt").write_text(ARTICLE_1, encoding="utf-8")
    assert cli("ingest", ".", db=False).code == 0  # creates ./claimdb.sqlite
    Path("b.txt").write_text(ARTICLE_2, encoding="utf-8")
    result = cli("ingest", ".", "--progress", db=False)
    assert (result.code, result.err.splitlines()[-1]) == (
        0,
        "1 articles added, 1 skipped, 0 failed; new: 1 actors, 1 claims, 1 demands, 1 stances",
    )


def test_progress_total_counts_jsonl_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar's ETA needs a total: one per file, one per non-blank JSONL line, none for stdin."""
    from claimdb.cli import ingest as ingest_cli

    monkeypatch.setattr(ingest_cli, "_CHUNK", 8)  # lines longer than a chunk still count once
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"text": "a long first line"}\n\n   \n{"text": "b"}\r\n{"text": "no newline at end"}')
    (tmp_path / "empty.jsonl").write_bytes(b"\n")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert ingest_cli._total([str(feed)]) == 3
    assert ingest_cli._total([str(tmp_path)]) == 3 + 1 + 1  # the empty file is one error
    assert ingest_cli._total([str(tmp_path / "missing.jsonl")]) == 1
    assert ingest_cli._total([str(feed), "-"]) is None
