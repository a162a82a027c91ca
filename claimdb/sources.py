"""Reading inputs into :class:`Article` records: files, folders, stdin and JSONL lines.

Every reader is a generator that yields ``Article | InputError``: a bad file or line becomes
an error item in the stream, so one unreadable input never stops the others and the caller
decides how to report it. Only one article's bytes are in memory at a time, and never more
than ``max_bytes`` of them: an oversized file is refused by its size, an oversized JSONL line
is skipped without being held.

Text is kept exactly as decoded, except that line endings are translated the way Python's
text mode does (``\\r\\n`` and ``\\r`` become ``\\n``): that is how ``Path.read_text`` and the
evaluation tools read a document, so character offsets agree with theirs.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from claimdb.errors import InputError

STDIN = "-"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# spaCy's parser and entity recogniser refuse longer texts (``nlp.max_length``, error E088:
# they need about 1 GB of memory per 100,000 characters). Refusing here, with the input's
# name, turns a crash in the middle of a run into one line about one article.
DEFAULT_MAX_CHARS = 1_000_000
# How much of an oversized JSONL line is read at a time while skipping it.
_SKIP_CHUNK = 1024 * 1024
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# What a folder walk reads. A file named on the command line is read whatever its name;
# in a folder, other files (annotations, .json metadata, images, notes) are not articles.
FOLDER_SUFFIXES = frozenset({".txt", ".text", ".md", *HTML_SUFFIXES, *JSONL_SUFFIXES})

# Formats people drop into a folder by accident. Recognised by their first bytes so the
# message can say what the file is instead of "not UTF-8".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (convert it to text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document; unpack or convert it first)"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read, before extraction. ``content_hash`` is its natural key."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str = "en"
    origin: str = ""
    """Where it came from, for messages: the path as given, ``<stdin>`` or ``file.jsonl:LINE``."""
    content_hash: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Derived, never passed: two articles with the same text are the same article.
        object.__setattr__(self, "content_hash", content_hash(self.text))


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text, hex: the key that makes re-ingesting a no-op."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata given on the command line; each set field replaces the article's own."""

    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None

    def apply(self, article: Article) -> Article:
        fields = ("title", "url", "source", "published")
        changes = {k: v for k in fields if (v := getattr(self, k)) is not None}
        return replace(article, **changes) if changes else article


@dataclass(frozen=True, slots=True)
class ReadOptions:
    encoding: str | None = None
    """Decode every input with this codec instead of detecting UTF-8 / UTF-16."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Refuse an article (a file, or one JSONL line) larger than this."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Refuse an article whose text (after decoding, and HTML removal) is longer than this."""


def parse_published(value: str, *, where: str = "--published") -> dt.date:
    """An ISO date (``2024-05-01``; a datetime's date part is accepted) or an InputError."""
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise InputError(f"{where}: {value!r} is not a date; use the ISO form YYYY-MM-DD, e.g. 2024-05-01")


def read_inputs(
    paths: Iterable[str],
    *,
    options: ReadOptions = ReadOptions(),
    overrides: Overrides = Overrides(),
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputError]:
    """Articles from every path in order: files, folders (recursive), ``-`` for stdin.

    Paths are strings so that ``origin`` is the path exactly as given (``./a.txt`` stays
    ``./a.txt``), which is what ``claimdb extract`` reports as the document.
    """
    for given in paths:
        for item in _read_path(given, options, stdin):
            yield overrides.apply(item) if isinstance(item, Article) else item


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """The files a list of paths stands for: folders walked recursively in sorted order for
    files with an article suffix (FOLDER_SUFFIXES), hidden files and folders passed over;
    ``-``, files and missing paths passed through unchanged."""
    for given in paths:
        path = Path(given)
        if given != STDIN and path.is_dir():
            yield from _walk(path, set())
        else:
            yield given


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[str]:
    """Article files under ``folder``. A folder that cannot be listed is yielded itself, so
    that the reader reports it; a folder reached again through a symbolic link is not
    walked twice (a link to a parent would otherwise recurse forever)."""
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        yield str(folder)
        return
    if (info.st_dev, info.st_ino) in seen:
        return
    seen.add((info.st_dev, info.st_ino))
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path), seen)
        elif entry.is_file() and Path(entry.name).suffix.lower() in FOLDER_SUFFIXES:
            yield entry.path


def _read_path(given: str, options: ReadOptions, stdin: BinaryIO | None) -> Iterator[Article | InputError]:
    if given == STDIN:
        yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer, options)
        return
    for name in expand_paths([given]):
        path = Path(name)
        if path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            yield from _read_jsonl(name, path, options)
        else:
            yield _read_file(name, path, options)


def _read_file(name: str, path: Path, options: ReadOptions) -> Article | InputError:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return InputError(f"{name}: no such file or directory; check the path")
    except OSError as err:
        return InputError(f"{name}: cannot read ({err.strerror}); check the path and its permissions")
    if path.is_dir():
        try:
            os.scandir(path).close()
        except OSError as err:
            return InputError(f"{name}: cannot list the folder ({err.strerror}); check its permissions")
    if not path.is_file():
        return InputError(f"{name}: not a regular file; pass a file, a folder or - for stdin")
    if size > options.max_bytes:
        return _too_big(name, size, options.max_bytes)
    try:
        data = path.read_bytes()
    except OSError as err:
        return InputError(f"{name}: cannot read ({err.strerror}); check the file's permissions")
    try:
        text = decode(data, name=name, encoding=options.encoding)
    except InputError as err:
        return err
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        return _from_html(text, name, options)
    return _plain(text, name, options)


def _read_stdin(stream: BinaryIO, options: ReadOptions) -> Article | InputError:
    name = "<stdin>"
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return _too_big(name, None, options.max_bytes)
    try:
        text = decode(data, name=name, encoding=options.encoding)
    except InputError as err:
        return err
    if looks_like_html(text):  # a page piped in: curl -s URL | claimdb ingest -
        return _from_html(text, name, options)
    return _plain(text, name, options)


def _too_big(name: str, size: int | None, limit: int) -> InputError:
    what = f"{size:,} bytes" if size is not None else "more than that"
    return InputError(
        f"{name}: too large ({what}; the limit is {limit:,} bytes); split it or raise --max-bytes"
    )


def _too_long(name: str, text: str, limit: int) -> InputError | None:
    if len(text) <= limit:
        return None
    return InputError(
        f"{name}: too long to extract from ({len(text):,} characters; the limit is {limit:,}); "
        "split it into several articles"
    )


def looks_like_html(text: str) -> bool:
    """Whether text read from a file without an HTML suffix (or from stdin) is an HTML page:
    it starts with a doctype or an <html> tag. Markup further in is left alone; an article
    may well quote a tag."""
    head = text[:512].lstrip("\ufeff \t\n").lower()
    return head.startswith(("<!doctype html", "<html"))


def _plain(text: str, name: str, options: ReadOptions) -> Article | InputError:
    if not text.strip():
        return InputError(f"{name}: empty (no text to extract from); remove it or add the article text")
    problem = _too_long(name, text, options.max_chars) or unstorable(text, name)
    return problem or Article(text=text, origin=name)


def unstorable(text: str, name: str) -> InputError | None:
    """Text that decoded but cannot be stored: PostgreSQL refuses NUL characters, and an
    unpaired surrogate (possible in JSON's \\u escapes) has no UTF-8 form to hash or store."""
    if "\x00" in text:
        return InputError(f"{name}: contains NUL characters, which databases cannot store; remove them")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        return InputError(
            f"{name}: contains an unpaired surrogate (U+{ord(text[err.start]):04X} at character "
            f"{err.start}); fix the escape sequence"
        )
    return None


def decode(data: bytes, *, name: str, encoding: str | None = None) -> str:
    """Bytes to text: ``encoding`` if given, else UTF-8 (BOM optional) or UTF-16 with a BOM.

    Binary formats are refused by their first bytes (and by NUL bytes, which no text
    encoding but UTF-16/32 produces), before any decoding is tried.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: binary file ({what}), not text; pass text, HTML or JSONL files")
    if encoding is not None:
        return _decode_with(data, name, encoding)
    if data.startswith(_UTF16_BOMS):
        return _newlines(_decode_with(data, name, "utf-16"))
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{name}: binary file (contains NUL bytes), not text; if it is UTF-16 without a BOM, "
            "pass --encoding utf-16-le (or utf-16-be)"
        )
    try:
        return _newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "if it uses another encoding, pass it with --encoding, e.g. --encoding cp1252"
        ) from None


def _decode_with(data: bytes, name: str, encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            f"--encoding: unknown encoding {encoding!r}; use a Python codec name such as utf-8, cp1252"
        ) from None
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: cannot be decoded as {encoding} (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "check the --encoding value"
        ) from None
    # A BOM is an encoding artefact, not text; dropping it keeps offsets the same whether
    # the encoding was detected or given.
    return _newlines(text.removeprefix("\ufeff"))


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- JSONL --------------------------------------------------------------------------------

_JSONL_FIELDS = ("title", "url", "source", "language")


def _read_jsonl(name: str, path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    try:
        stream = path.open("rb")
    except OSError as err:
        yield InputError(f"{name}: cannot read ({err.strerror}); check the file's permissions")
        return
    with stream:
        found = False
        for number, raw, size in _bounded_lines(stream, options.max_bytes):
            where = f"{name}:{number}"
            if raw is None:
                found = True
                yield _too_big(where, size, options.max_bytes)
                continue
            if not raw.strip():
                continue
            found = True
            yield _jsonl_article(raw, where, options)
        if not found:
            yield InputError(f'{name}: empty (no JSON lines); add one article per line as {{"text": ...}}')


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line, size in bytes) for each line; the line is None when it is longer
    than ``limit``, and is then read past in chunks, never held whole."""
    number = 0
    while raw := stream.readline(limit + 1):
        number += 1
        if len(raw) <= limit:
            yield number, raw, len(raw)
            continue
        size = len(raw)
        while not raw.endswith(b"\n") and (raw := stream.readline(_SKIP_CHUNK)):
            size += len(raw)
        yield number, None, size


def _jsonl_article(raw: bytes, where: str, options: ReadOptions) -> Article | InputError:
    try:
        line = decode(raw, name=where, encoding=options.encoding)
        obj = json.loads(line)
    except InputError as err:
        return err
    except json.JSONDecodeError as err:
        return InputError(f"{where}: not valid JSON ({err.msg}, column {err.colno}); fix or remove the line")
    if not isinstance(obj, dict):
        kind = type(obj).__name__
        return InputError(
            f'{where}: expected a JSON object like {{"text": "..."}}, got {kind}; fix or remove the line'
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(f'{where}: needs a non-empty "text" string; fix or remove the line')
    if problem := _too_long(where, text, options.max_chars) or unstorable(text, where):
        return problem
    meta: dict[str, str] = {}
    for key in _JSONL_FIELDS:
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return InputError(
                f'{where}: "{key}" must be a string, got {type(value).__name__}; fix or remove the line'
            )
        meta[key] = value
    published = obj.get("published")
    try:
        date = None if published is None else parse_published(str(published), where=f'{where}: "published"')
    except InputError as err:
        return err
    return Article(
        text=_newlines(text),
        title=meta.get("title"),
        url=meta.get("url"),
        source=meta.get("source"),
        language=meta.get("language", "en"),
        published=date,
        origin=where,
    )


# --- HTML ---------------------------------------------------------------------------------


def _from_html(html: str, name: str, options: ReadOptions) -> Article | InputError:
    parser = _ArticleHTML()
    parser.feed(html)
    parser.close()
    text = "\n\n".join(parser.blocks)
    if not text.strip():
        return InputError(
            f"{name}: no article text found in the HTML (only markup or navigation); "
            "save the article's own page, or its text as .txt"
        )
    if problem := _too_long(name, text, options.max_chars) or unstorable(text, name):
        return problem
    published = None
    for candidate in (parser.meta.get("article:published_time"), parser.time_datetime):
        if candidate:
            try:
                published = parse_published(candidate)
                break
            except InputError:
                continue  # page metadata is often sloppy; a bad date is no reason to drop the text
    return Article(
        text=text,
        title=parser.meta.get("og:title") or _squash(parser.title) or None,
        url=parser.canonical or parser.meta.get("og:url"),
        source=parser.meta.get("og:site_name"),
        published=published,
        language=(parser.lang or "en").split("-")[0].lower(),
        origin=name,
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


# Elements whose text is never article text.
_SKIP = frozenset(
    {"script", "style", "nav", "footer", "noscript", "template", "svg", "form", "button", "aside", "head"}
)
# Elements that end a paragraph: their text becomes a line of its own.
_BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "section"}
    | {"article", "header", "main", "table", "tr", "td", "th", "figure", "figcaption", "dd", "dt", "dl"}
    | {"address", "hr", "body"}
)
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "base", "col"})


class _ArticleHTML(HTMLParser):
    """Paragraph-preserving text extraction with the standard library's tolerant parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.canonical: str | None = None
        self.time_datetime: str | None = None
        self.lang: str | None = None
        self._buffer: list[str] = []
        self._skip_depth = 0
        self._skip_stack: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key and "content" in a:
                self.meta.setdefault(key.lower(), a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = self.canonical or a.get("href") or None
        elif tag == "time" and a.get("datetime"):
            self.time_datetime = self.time_datetime or a["datetime"]
        elif tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "title":
            self._in_title = True
        if tag in _SKIP and tag not in _VOID:
            self._skip_stack.append(tag)
            return
        if self._skip_stack:
            return
        if tag == "br":
            self._buffer.append("\n")
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._skip_stack:
            if tag in self._skip_stack:
                # Unclosed children of a skipped element end with it (HTML is forgiving).
                while self._skip_stack.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if not self._skip_stack:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        raw = "".join(self._buffer)
        self._buffer.clear()
        lines = [_squash(line) for line in raw.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            self.blocks.append(block)
