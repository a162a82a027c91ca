"""Finding quoted passages by their marks, before any parsing.

News quotes come in every shape: curly and straight double marks, single marks in
headlines, guillemets, German „…“, quotes that run over several paragraphs (each paragraph opens a
mark, only the last one closes) and quotes whose closing mark was lost. The scanner works
on characters, line by line, so one missing mark can never swallow the rest of the article:
an unclosed quote ends with its paragraph unless the next paragraph continues it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
# Two apostrophes stand for a straight double mark in some wire and archive feeds.
_MARKS = re.compile("''|[\"“”„«»‘’‹›\n]")
_TRIM = " \t\r\n,"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage. ``start``/``end`` bound the words inside the marks (trimmed of
    spaces and a trailing comma); ``outer_start``/``outer_end`` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool
    paragraphs: int
    single: bool

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _straight_opens(text: str, i: int) -> bool:
    """A straight double mark opens when nothing word-like stands right before it."""
    return i == 0 or not (_is_word_char(text[i - 1]) or text[i - 1] in ".,!?;:%)]")


def _next_paragraph_opens(text: str, i: int) -> bool:
    """After the line break at ``i``: does the next non-blank line start with an opening mark?"""
    j = i
    n = len(text)
    while j < n and text[j] in " \t\r\n\u00a0":
        j += 1
    return j < n and (text[j] in _DOUBLE_OPEN or text[j] == '"')


def _make(text: str, open_at: int, close_at: int, closed: bool, single: bool) -> Quote | None:
    """``open_at`` is the opening mark's index, ``close_at`` the closing mark's (or the end)."""
    start, end = open_at + (2 if text.startswith("''", open_at) else 1), close_at
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if end <= start:
        return None
    outer_end = close_at + (2 if text.startswith("''", close_at) else 1) if closed else close_at
    paragraphs = sum(1 for line in text[start:end].split("\n") if line.strip())
    return Quote(start, end, open_at, outer_end, closed, paragraphs, single)


def find_quotes(text: str) -> list[Quote]:
    """Every quoted passage in ``text``, in order, never overlapping. A text that quotes
    in single marks only (the British style: ‘…,’ he said) has them read as double ones."""
    quotes = _scan(text)
    if _quotes_in_single_marks(text, quotes):
        quotes = _scan(_single_as_double(text))
    return quotes


def _quotes_in_single_marks(text: str, quotes: list[Quote]) -> bool:
    """No double-marked quote of three words or more, and at least two single-marked ones."""
    if any(not q.single and q.words(text) >= 3 for q in quotes):
        return False
    return sum(1 for q in quotes if q.single and q.words(text) >= 3) >= 2


def _single_as_double(text: str) -> str:
    """``text`` with opening single marks as “ and closing ones as ”, the same length; an
    apostrophe inside a word ("Russia’s") stays."""
    out = list(text)
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in _SINGLE_OPEN and not _is_word_char(before):
            out[i] = "“"
        elif ch in _SINGLE_CLOSE and not _is_word_char(after):
            out[i] = "”"
    return "".join(out)


def _scan(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    open_double: int | None = None
    open_single: int | None = None
    opened_at_line_start = False

    def emit(q: Quote | None) -> None:
        if q is not None:
            quotes.append(q)

    for m in _MARKS.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "''":
            ch = '"'
        if ch == "\n":
            open_single = None  # single marks never span lines: too easily apostrophes
            if open_double is not None:
                # Only a quote that opened its paragraph runs on into the next one: a quote
                # opened mid-paragraph and never closed ends there, even if the next
                # paragraph happens to start with a quote of its own.
                if opened_at_line_start and _next_paragraph_opens(text, i):
                    continue
                emit(_make(text, open_double, i, False, False))
                open_double = None
            continue
        if open_double is not None:
            # German typography closes „ with “, the mark that opens a quote elsewhere
            if ch in _DOUBLE_CLOSE or ch == '"' or (ch == "“" and text[open_double] == "„"):
                emit(_make(text, open_double, i, True, False))
                open_double = None
            elif ch in _DOUBLE_OPEN:
                # A continuation paragraph re-opens the quote: that is expected after a
                # line break. Within a line it means the previous quote lost its close.
                if text.rfind("\n", open_double, i) < 0:
                    emit(_make(text, open_double, i, False, False))
                    open_double = i
                    line_start = text.rfind("\n", 0, i) + 1
                    opened_at_line_start = not text[line_start:i].strip()
            continue
        if ch in _DOUBLE_OPEN or (ch == '"' and _straight_opens(text, i)):
            open_double, open_single = i, None
            line_start = text.rfind("\n", 0, i) + 1
            opened_at_line_start = not text[line_start:i].strip()
        elif ch in _SINGLE_OPEN and (i == 0 or not _is_word_char(text[i - 1])):
            open_single = i
        elif ch in _SINGLE_CLOSE and open_single is not None:
            after = text[i + 1] if i + 1 < len(text) else " "
            if not _is_word_char(after):
                emit(_make(text, open_single, i, True, True))
                open_single = None
    if open_double is not None:
        emit(_make(text, open_double, len(text), False, False))
    return quotes
