"""The per-article working view the rule modules share: the parse, quotes, boilerplate.

Built once per article so that no rule recomputes quote membership or line boundaries.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimdb.extract.lexicon import lexicon
from claimdb.extract.quotes import Quote, find_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from claimdb.topics import Taxonomy


# A dateline opening a paragraph: the city in capitals, perhaps a date and an agency, then a
# dash ("VIENNA — ", "KYIV, March 3 (Wire) - ", "UNITED NATIONS, New York — "). It says
# where the story was filed, not who speaks; content never starts inside it and its names
# are no actors.
_DATELINE = re.compile(
    r"^\s*(?P<place>[^\W\d_][^\s,(]*(?:[ ][^\W\d_][^\s,(]*){0,3})"
    # a date ("March 3", "8 April")
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s*\d{4})?"
    r"|,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?"  # or a state or region: "New York", "Ill."
    r"(?:\s*\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s+"
)


def _dateline(line: str) -> re.Match[str] | None:
    m = _DATELINE.match(line)
    if m is None or not m.group("place").replace("'", "").replace("’", "").isupper():
        return None
    return m


@dataclass(eq=False)
class Document:
    doc: Doc
    text: str
    quotes: list[Quote]
    quote_of_token: list[int]
    """For each token, the index of the quote whose words it is inside, or -1."""
    skip_tokens: set[int]
    """Tokens on boilerplate lines (photo credits, "read also" links)."""
    line_starts: list[int] = field(default_factory=list)
    datelines: dict[int, int] = field(default_factory=dict)
    """Line start -> end of the dateline opening it ("KYIV, March 3 (Wire) - ")."""
    dateline_places: list[tuple[int, str]] = field(default_factory=list)
    """(line start, place) of each dateline, in reading order ("WARSAW")."""
    sentence_starts: list[int] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)
    _sentence_topics: list[list[str]] | None = None

    @classmethod
    def build(cls, doc: Doc) -> Document:
        text = doc.text
        quotes = find_quotes(text)
        quote_of_token = [-1] * len(doc)
        qi = 0
        for token in doc:
            idx = token.idx
            while qi < len(quotes) and quotes[qi].end <= idx:
                qi += 1
            if qi < len(quotes) and quotes[qi].start <= idx < quotes[qi].end:
                quote_of_token[token.i] = qi
        line_starts = [0]
        skip_chars: list[tuple[int, int]] = []
        datelines: dict[int, int] = {}
        places: list[tuple[int, str]] = []
        patterns = lexicon().boilerplate
        pos = 0
        for line in text.split("\n"):
            end = pos + len(line)
            if line.strip() and any(p.search(line) for p in patterns):
                skip_chars.append((pos, end))
            elif (dateline := _dateline(line)) is not None:
                datelines[pos] = pos + dateline.end()
                places.append((pos, dateline.group("place")))
            pos = end + 1
            line_starts.append(pos)
        skip_tokens: set[int] = set()
        if skip_chars:
            for token in doc:
                if any(a <= token.idx < b for a, b in skip_chars):
                    skip_tokens.add(token.i)
        sentence_starts = [sent.start_char for sent in doc.sents]
        token_starts = [token.idx for token in doc]
        return cls(
            doc,
            text,
            quotes,
            quote_of_token,
            skip_tokens,
            line_starts,
            datelines,
            places,
            sentence_starts,
            token_starts,
        )

    def in_quote(self, token: Token) -> bool:
        return self.quote_of_token[token.i] >= 0

    def line_of(self, char: int) -> int:
        return bisect_right(self.line_starts, char) - 1

    def line_bounds(self, char: int) -> tuple[int, int]:
        """Start and end (exclusive, before the newline) of the line holding ``char``."""
        n = self.line_of(char)
        start = self.line_starts[n]
        end = self.text.find("\n", start)
        return start, (len(self.text) if end < 0 else end)

    def after_dateline(self, char: int) -> int:
        """``char``, moved past the dateline when it falls inside one."""
        line_start = self.line_starts[self.line_of(char)]
        end = self.datelines.get(line_start)
        return end if end is not None and char < end else char

    def dateline_tokens(self) -> set[int]:
        tokens: set[int] = set()
        for start, end in self.datelines.items():
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                tokens.update(range(span.start, span.end))
        return tokens

    def token_at(self, char: int) -> int | None:
        """Index of the token holding ``char`` (or the last one before it, when ``char`` is
        white space); None for an empty document."""
        if not self.token_starts:
            return None
        return max(0, bisect_right(self.token_starts, char) - 1)

    def sentence_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """The character range ``start``..``end`` cut at sentence boundaries, so that words
        from two different sentences of a long quote are never read as one phrase."""
        pieces = []
        n = max(0, bisect_right(self.sentence_starts, start) - 1)
        while n < len(self.sentence_starts) and self.sentence_starts[n] < end:
            a = max(start, self.sentence_starts[n])
            b = min(end, self.sentence_starts[n + 1] if n + 1 < len(self.sentence_starts) else end)
            if a < b:
                pieces.append((a, b))
            n += 1
        return pieces or [(start, end)]

    def topics_in(self, taxonomy: Taxonomy, start: int, end: int) -> list[str]:
        """The topics the text ``start``..``end`` names, or, failing any, those it refers
        back to with a definite noun ("the withdrawal" after a paragraph on pulling troops
        out)."""
        text = self.text[start:end]
        found = taxonomy.match(text)
        if found:
            return found
        referred = taxonomy.referred(text)
        if not referred:
            return []
        named = self._topics_before(taxonomy, start)
        return [t for t in referred if t in named]

    def _topics_before(self, taxonomy: Taxonomy, char: int) -> set[str]:
        """The topics the sentences before the one holding ``char`` name."""
        return {t for topics in self._sentences_before(taxonomy, char) for t in topics}

    def topic_before(self, taxonomy: Taxonomy, char: int, back: int = 2) -> str | None:
        """The most specific topic of the nearest of the ``back`` sentences before the one
        holding ``char``."""
        before = self._sentences_before(taxonomy, char)
        return next((topics[0] for topics in reversed(before[-back:]) if topics), None)

    def _sentences_before(self, taxonomy: Taxonomy, char: int) -> list[list[str]]:
        """The topics of each sentence before the one holding ``char``, in order; matched
        once per article, when first asked."""
        if self._sentence_topics is None:
            self._sentence_topics = [taxonomy.match(s.text) for s in self.doc.sents]
        n = bisect_right(self.sentence_starts, char) - 1
        return self._sentence_topics[: max(0, n)]

    def char_span(self, start_token: int, end_token: int) -> tuple[int, int]:
        """Character range of tokens ``start_token``..``end_token`` (exclusive)."""
        span: Span = self.doc[start_token:end_token]
        return span.start_char, span.end_char
