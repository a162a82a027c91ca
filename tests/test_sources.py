"""Reading inputs: every format, every refusal, each with its exact message."""

from __future__ import annotations

import codecs
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdb.errors import InputError
from claimdb.sources import Article, Overrides, ReadOptions, content_hash, parse_published, read_inputs


def read(*paths: str | Path, **kwargs: object) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only_article(*paths: str | Path, **kwargs: object) -> Article:
    [item] = read(*paths, **kwargs)
    assert isinstance(item, Article), item
    return item


def only_error(*paths: str | Path, **kwargs: object) -> str:
    [item] = read(*paths, **kwargs)
    assert isinstance(item, InputError), item
    return str(item)


def test_plain_text_keeps_text_and_origin_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Jane Roe said hello.\n", encoding="utf-8")
    article = only_article("./a.txt")
    assert article.text == "Jane Roe said hello.\n"
    assert article.origin == "./a.txt"
    assert article.content_hash == content_hash("Jane Roe said hello.\n")
    assert (article.title, article.published, article.language) == (None, None, "en")


def test_line_endings_read_like_text_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n")
    assert only_article(path).text == "one\ntwo\nthree\n" == path.read_text(encoding="utf-8")


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Zoë said no.".encode())
    assert only_article(path).text == "Zoë said no."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "u16.txt"
    path.write_bytes(bom + "Zoë said “no”.".encode(codec))
    assert only_article(path).text == "Zoë said “no”."


def test_invalid_utf8_suggests_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Zoë said no.".encode("cp1252"))
    assert only_error(path) == (
        f"{path}: not valid UTF-8 (byte 0xeb at offset 2); if it uses another encoding, "
        "pass it with --encoding, e.g. --encoding cp1252"
    )
    assert only_article(path, options=ReadOptions(encoding="cp1252")).text == "Zoë said no."


def test_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("hi", encoding="utf-8")
    assert only_error(path, options=ReadOptions(encoding="klingon")) == (
        "--encoding: unknown encoding 'klingon'; use a Python codec name such as utf-8, cp1252"
    )


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only_error(path) == f"{path}: empty (no text to extract from); remove it or add the article text"


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00", "a ZIP archive (or an Office document; unpack or convert it first)"),
        (b"%PDF-1.7\n", "a PDF document (convert it to text first, e.g. with pdftotext)"),
    ],
)
def test_binary_formats_are_named(tmp_path: Path, content: bytes, what: str) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(content)
    assert only_error(path) == f"{path}: binary file ({what}), not text; pass text, HTML or JSONL files"


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.dat"
    path.write_bytes(b"abc\x00def")
    assert only_error(path) == (
        f"{path}: binary file (contains NUL bytes), not text; if it is UTF-16 without a BOM, "
        "pass --encoding utf-16-le (or utf-16-be)"
    )


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    assert only_error(path, options=ReadOptions(max_bytes=1000)) == (
        f"{path}: too large (2,000 bytes; the limit is 1,000 bytes); split it or raise --max-bytes"
    )


def test_missing_path_is_an_item_error_and_others_still_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("fine", encoding="utf-8")
    items = read(tmp_path / "nope.txt", good)
    assert str(items[0]) == f"{tmp_path / 'nope.txt'}: no such file or directory; check the path"
    assert isinstance(items[1], Article)


def test_folder_is_recursive_sorted_and_reads_article_files_only(tmp_path: Path) -> None:
    for rel in [
        "b.txt",
        "a.txt",
        "sub/c.md",
        ".hidden.txt",
        ".git/d.txt",
        "sub/.e.txt",
        "x.gold.json",
        "y.png",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rel, encoding="utf-8")
    texts = [a.text for a in read(tmp_path) if isinstance(a, Article)]
    assert texts == ["a.txt", "b.txt", "sub/c.md"]


def test_stdin() -> None:
    article = only_article("-", stdin=io.BytesIO(b"Jane Roe said so."))
    assert (article.text, article.origin) == ("Jane Roe said so.", "<stdin>")


def test_stdin_size_limit() -> None:
    assert only_error("-", stdin=io.BytesIO(b"x" * 11), options=ReadOptions(max_bytes=10)) == (
        "<stdin>: too large (more than that; the limit is 10 bytes); split it or raise --max-bytes"
    )


def test_overrides_replace_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "x", "title": "Own", "source": "Wire"}\n', encoding="utf-8")
    article = only_article(path, overrides=Overrides(title="Given", published=dt.date(2024, 5, 1)))
    assert (article.title, article.source, article.published) == ("Given", "Wire", dt.date(2024, 5, 1))


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_reads_each_line_and_reports_bad_ones_by_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"text": "First.", "title": "One", "url": "https://x.test/1", "source": "Wire", '
        '"published": "2024-05-01"}\n'
        "\n"
        "{not json\n"
        '["a list"]\n'
        '{"title": "no text"}\n'
        '{"text": "Dated.", "published": "May 1"}\n'
        '{"text": "Last."}\n',
        encoding="utf-8",
    )
    items = read(path)
    first = items[0]
    assert isinstance(first, Article)
    assert (first.text, first.title, first.url, first.source, first.published, first.origin) == (
        "First.",
        "One",
        "https://x.test/1",
        "Wire",
        dt.date(2024, 5, 1),
        f"{path}:1",
    )
    assert [str(e) for e in items[1:5]] == [
        f"{path}:3: not valid JSON (Expecting property name enclosed in double quotes, column 2); "
        "fix or remove the line",
        f'{path}:4: expected a JSON object like {{"text": "..."}}, got list; fix or remove the line',
        f'{path}:5: needs a non-empty "text" string; fix or remove the line',
        f"{path}:6: \"published\": 'May 1' is not a date; use the ISO form YYYY-MM-DD, e.g. 2024-05-01",
    ]
    last = items[5]
    assert isinstance(last, Article) and last.origin == f"{path}:7"


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert only_error(path) == f'{path}: empty (no JSON lines); add one article per line as {{"text": ...}}'


# --- HTML -----------------------------------------------------------------------------------

HTML = """<!doctype html>
<html lang="en-GB"><head>
<title>Talks stall | The Daily</title>
<meta property="og:title" content="Talks stall">
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2024-05-01T09:30:00+02:00">
<link rel="canonical" href="https://daily.test/talks">
<style>p { color: red }</style><script>var x = "Jane Roe said nothing";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Talks   stall</h1>
<p>Jane Roe said the talks had <b>failed</b>.</p>
<p>Line one<br>line two &amp; more</p>
</article>
<footer>© The Daily</footer>
</body></html>"""


def test_html_keeps_paragraphs_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = only_article(path)
    assert article.text == "Talks stall\n\nJane Roe said the talks had failed.\n\nLine one\nline two & more"
    assert article.title == "Talks stall"
    assert article.source == "The Daily"
    assert article.url == "https://daily.test/talks"
    assert article.published == dt.date(2024, 5, 1)
    assert article.language == "en"


def test_html_title_and_time_fallbacks(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        '<title> Plain\n title </title><p>Body <time datetime="2023-02-03">Feb 3</time>.</p>',
        encoding="utf-8",
    )
    article = only_article(path)
    assert (article.title, article.published, article.text) == (
        "Plain title",
        dt.date(2023, 2, 3),
        "Body Feb 3.",
    )


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text("<nav>Home</nav><script>x()</script>", encoding="utf-8")
    assert only_error(path) == (
        f"{path}: no article text found in the HTML (only markup or navigation); "
        "save the article's own page, or its text as .txt"
    )


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", dt.date(2024, 5, 1)),
        ("2024-05-01T10:00:00Z", dt.date(2024, 5, 1)),
        (" 2024-05-01 ", dt.date(2024, 5, 1)),
    ],
)
def test_parse_published(value: str, expected: dt.date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "01/05/2024", ""])
def test_parse_published_refuses(value: str) -> None:
    with pytest.raises(InputError) as err:
        parse_published(value)
    assert (
        str(err.value)
        == f"--published: {value!r} is not a date; use the ISO form YYYY-MM-DD, e.g. 2024-05-01"
    )


# --- round trip -----------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00\ufeff"), min_size=1
).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(text=_TEXT)
def test_any_unicode_text_round_trips(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("rt") / "a.txt"
    path.write_text(text, encoding="utf-8", newline="")
    article = only_article(path)
    assert article.text == text
    assert article.content_hash == content_hash(text)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"text": "a\\u0000b"}', "contains NUL characters, which databases cannot store; remove them"),
        (
            '{"text": "a\\ud800b"}',
            "contains an unpaired surrogate (U+D800 at character 1); fix the escape sequence",
        ),
    ],
)
def test_unstorable_text(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    assert only_error(path) == f"{path}:1: {problem}"


# --- limits and sniffing ----------------------------------------------------------------------


def test_an_oversized_jsonl_line_is_skipped_without_being_held(tmp_path: Path) -> None:
    """Memory stays bounded by --max-bytes, however long a line is (here 50 MB, no newline
    anywhere until the end of it)."""
    import tracemalloc

    path = tmp_path / "big.jsonl"
    size = 50 * 1024 * 1024
    with path.open("wb") as out:
        out.write(b'{"text": "First."}\n{"text": "')
        chunk = b"x" * (1024 * 1024)
        for _ in range(50):
            out.write(chunk)
        out.write(b'"}\n{"text": "Last."}\n')
    tracemalloc.start()
    try:
        items = read(path, options=ReadOptions(max_bytes=1024 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(i) if isinstance(i, InputError) else i.text for i in items] == [
        "First.",
        f"{path}:2: too large ({size + 13:,} bytes; the limit is 1,048,576 bytes); "
        "split it or raise --max-bytes",
        "Last.",
    ]
    assert peak < 5 * 1024 * 1024


@pytest.mark.parametrize("suffix", [".txt", ".md", ""])
def test_an_html_page_without_an_html_suffix_is_read_as_html(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"page{suffix}"
    path.write_text("\ufeff  <!doctype html><title>T</title><p>Body text.</p>", encoding="utf-8")
    article = only_article(path)
    assert (article.text, article.title) == ("Body text.", "T")


def test_an_html_page_on_stdin_is_read_as_html() -> None:
    article = only_article("-", stdin=io.BytesIO(b"<html><body><p>One.</p><p>Two.</p></body></html>"))
    assert (article.text, article.origin) == ("One.\n\nTwo.", "<stdin>")


def test_text_that_mentions_tags_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Use <html> and <p> tags.", encoding="utf-8")
    assert only_article(path).text == "Use <html> and <p> tags."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.txt", "x" * 11),
        ("a.html", "<p>" + "x" * 11 + "</p>"),
        ("a.jsonl", '{"text": "' + "x" * 11 + '"}\n'),
    ],
)
def test_character_limit(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    where = f"{path}:1" if name.endswith(".jsonl") else str(path)
    assert only_error(path, options=ReadOptions(max_chars=10)) == (
        f"{where}: too long to extract from (11 characters; the limit is 10); split it into several articles"
    )
    assert isinstance(read(path, options=ReadOptions(max_chars=11))[0], Article)
