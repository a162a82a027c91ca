"""Property: whatever text reaches the extractor, it returns, and everything it returns is
exact: every span is the document's text at its offsets, every reference resolves.

Text that reaches the extractor is what the readers pass on (claimdb/sources.py): valid
str (no lone surrogates, which have no UTF-8 form), no NUL (refused as unstorable), no \\r
(read as \\n), at most DEFAULT_MAX_CHARS characters. Within that, anything: quote marks of
every kind, balanced or not, emoji with joiners and flags, right-to-left scripts and
direction marks, control characters, very long tokens, runs of newlines.

The check is the one ``claimdb ingest`` applies before storing (``store.verify``), so a
failure here is an article that ingest would refuse as "an extractor bug".
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdb.db.store import verify
from claimdb.errors import ClaimDBError
from claimdb.extract import Extraction, Extractor
from claimdb.sources import DEFAULT_MAX_CHARS, Article

pytestmark = pytest.mark.slow  # loads the spaCy pipeline

QUOTES = "\"'«»‹›„“”‚‘’‛‟「」『』〝〞＂＇`´❛❜❝❞⹂"
EMOJI = ["👩‍👩‍👧", "🇺🇦", "😀", "🔥", "👍🏽", "\u2764\ufe0f"]
RTL = ["עברית", "العربية", "\u200f", "\u200e", "\u202b", "\u202c", "\u2067", "\u2069"]
CONTROL = list("\x01\x07\x08\t\x0b\x0c\x1b\x7f\x85\u2028\u2029\u200b\u200d\ufeff\u00ad")
WORDS = [
    "Jane Roe", "Minister Jane Roe", "she", "he", "they", "said", "told reporters", "according to",
    "called on", "urged", "demanded that", "must", "should", "NATO", "Russia", "the European Union",
    "the Kremlin", "sanctions", "troops", "withdraw", "support", "oppose", "the", "a", "of", "to",
    "and", "that", ".", ",", ":", ";", "—", "-", "?", "!", "...", "…", "(", ")", "[", "]",
    "2024-05-01", "on Monday", "1997",
]  # fmt: skip
_ANY = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r")

PIECE = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(list(QUOTES)),
    st.sampled_from(EMOJI + RTL + CONTROL),
    st.sampled_from([" ", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\u00a0", "\u3000"]),
    st.text(_ANY, max_size=8),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=100, max_size=3000),  # long token
)
SPEAKERS = ["Jane Roe", "The minister", "She", "A spokeswoman for NATO", "Russia's foreign ministry", "Jane"]
CUES = [
    " said ",
    " told reporters ",
    " called on Russia to ",
    " urged ",
    " demanded that ",
    ": ",
    ", according to ",
]
ENDS = [".", "!", "?", "", "…", ".”", "»."]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """Text shaped like news: who, a cue, a (maybe unbalanced) quote, an ending."""
    out = []
    for _ in range(draw(st.integers(1, 12))):
        words = draw(st.lists(st.sampled_from(WORDS + EMOJI + RTL), min_size=1, max_size=14))
        out += [
            draw(st.sampled_from(SPEAKERS)),
            draw(st.sampled_from(CUES)),
            draw(st.sampled_from([*QUOTES, "", ""])),
            " ".join(words),
            draw(st.sampled_from([*QUOTES, "", ""])),
            draw(st.sampled_from(ENDS)),
            draw(st.sampled_from([" ", " ", "\n", "\n\n", "\u2029"])),
        ]
    return "".join(out)


TEXT = st.one_of(st.lists(PIECE, min_size=1, max_size=80).map("".join), sentences()).filter(str.strip)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def _exact(text: str, extraction: Extraction) -> None:
    verify(Article(text, origin="example"), extraction)  # spans, kinds, references
    for item in (*extraction.claims, *extraction.demands):
        assert text[item.start : item.end] == item.text
    for claim in extraction.claims:
        if (m := claim.speaker_mention) is not None:
            assert text[m.start : m.end] == m.text
    for actor in extraction.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


@settings(
    max_examples=150,
    # The same examples on every run: CI must not pass or fail by chance. Hunting with more,
    # random examples is a local edit (max_examples, derandomize=False) away.
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXT)
def test_any_text_extracts_exactly(extractor: Extractor, text: str) -> None:
    _exact(text, extractor.extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "“Jane Roe said the talks had failed.",  # a quote never closed
        "Jane Roe said the talks had failed.”",  # a quote never opened
        "„Wir fordern“, said Jane Roe, «nous exigeons» ‹et› 「要求する」 『要求』.",
        "Jane Roe said: '' '' ''",
        '"""""""',
        "Jane Roe said \u202bהממשלה חייבת לסגת\u202c and NATO must withdraw.",
        "Jane Roe 👩‍👩‍👧 said 🇺🇦 the EU must 🔥 lift sanctions.",
        "Jane\u200bRoe said\u00adthe talks\u2028had failed.\u2029NATO must act.",
        "\n\n\n" + "x" * 5000 + "\n\nJane Roe said so.",
    ],
)
def test_awkward_examples(extractor: Extractor, text: str) -> None:
    _exact(text, extractor.extract(text))


# Once a crash: a quote opened with one mark and closed with another at the very end of the
# text ("no'. He said 'no'. ) sent the quote rules past the last token (spaCy's E040).
@pytest.mark.parametrize(
    "text",
    [
        "\"no'. He said 'no'. ",  # the shortest found
        "Jane Roe said \"Jane Roe Jane Roe'. ",  # the seeded property test's example
        "Jane Roe said \"Jane Roe'. Jane Roe said 'Jane Roe'. ",
    ],
)
def test_a_quote_closed_by_another_mark_at_the_end(extractor: Extractor, text: str) -> None:
    _exact(text, extractor.extract(text))


def test_the_readers_limit_is_one_the_extractor_accepts(extractor: Extractor) -> None:
    """Text at the readers' limit must not be refused by the pipeline (spaCy's max_length)."""
    assert extractor.nlp.max_length >= DEFAULT_MAX_CHARS


def test_a_text_over_the_pipelines_limit_is_a_clear_error(extractor: Extractor) -> None:
    # spaCy's own ValueError (E088) would end a whole ingest with a traceback.
    text = "Jane Roe said so. " * (extractor.nlp.max_length // 18 + 1)
    with pytest.raises(ClaimDBError, match="longer than the pipeline's limit"):
        extractor.extract(text)
