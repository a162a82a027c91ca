"""Quote marks found on characters alone (no spaCy): every shape the news uses."""

from __future__ import annotations

import pytest

from claimdb.extract.quotes import find_quotes


def inner(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_straight_and_double_apostrophe_marks() -> None:
    text = "“One two,” she said. \"Three four,\" he said. ''Five six,'' they said."
    assert inner(text) == ["One two", "Three four", "Five six"]


def test_outer_bounds_include_the_marks() -> None:
    text = "He said “yes” twice."
    (q,) = find_quotes(text)
    assert text[q.outer_start : q.outer_end] == "“yes”"
    assert q.closed


def test_multi_paragraph_quote_opens_each_paragraph_and_closes_once() -> None:
    text = "She said:\n\n“First part.\n\n“Second part.\n\n“Last part.”\n\nNarration."
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "First part.\n\n“Second part.\n\n“Last part."
    assert q.paragraphs == 3


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "He said “we will never stop\n\nThe next paragraph is narration, with no marks."
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "we will never stop"
    assert not q.closed


def test_a_new_opening_mark_on_the_same_line_ends_an_unclosed_quote() -> None:
    assert inner("“one two “three four” five") == ["one two", "three four"]


def test_single_marks_are_quotes_but_apostrophes_are_not() -> None:
    text = "The leaders’ ‘long table’ meeting: it’s over, isn’t it?"
    assert inner(text) == ["long table"]


def test_guillemets() -> None:
    assert inner("Il a dit « nous resterons » hier.") == ["nous resterons"]


def test_german_low_high_marks() -> None:
    text = "Er nannte es einen „Vertrauensbruch“. „Wir haben es versprochen“, sagte er."
    assert inner(text) == ["Vertrauensbruch", "Wir haben es versprochen"]


@pytest.mark.parametrize("text", ["", '"', "“”", "''''", "\n\n“\n", "‘’’‘", "»«"])
def test_degenerate_inputs(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.outer_start <= q.start < q.end <= q.outer_end <= len(text)


def test_a_quote_opened_mid_paragraph_does_not_run_into_the_next() -> None:
    text = "He accused them of using it “to buy cheap oil.\n\n“Our pipeline is not for sale,” he said."
    assert inner(text) == ["to buy cheap oil.", "Our pipeline is not for sale"]


def test_an_article_quoting_in_single_marks_has_them_read_as_double() -> None:
    text = (
        "‘Poland will not be a buffer zone,’ he told the Sejm. ‘The door must stay open.’\n\n"
        "‘Every generation is told the danger is over.\n\n‘I do not want to hear it again.’"
        " The minister’s speech ended there."
    )
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [
        "Poland will not be a buffer zone",
        "The door must stay open.",
        "Every generation is told the danger is over.\n\n‘I do not want to hear it again.",
    ]
    assert not any(q.single for q in quotes)


def test_single_marks_stay_single_beside_double_quotes() -> None:
    text = "“We will not move,” she said of the ‘long table’ and the ‘new normal’ they talk about."
    assert [q.single for q in find_quotes(text)] == [False, True, True]
