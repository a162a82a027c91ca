"""CSV exports always read back through Python's csv module, cell for cell: exactly with
--raw, and with formula-like cells given a leading ' by default."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from claimdb.tabular import Rows, neutralize, write_csv

_CELL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '"quoted"', "a,b", "line\nbreak", "cr\rin", "", " "]
)
_ROWS = st.lists(st.lists(_CELL, min_size=3, max_size=3), max_size=5)


def _read(data: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data, newline="")))


@settings(max_examples=200, deadline=None)
@given(rows=_ROWS)
def test_csv_round_trips(rows: list[list[str]]) -> None:
    raw, safe = io.StringIO(), io.StringIO()
    write_csv(Rows(("a", "b", "c"), rows), raw, raw=True)
    write_csv(Rows(("a", "b", "c"), rows), safe)
    assert _read(raw.getvalue()) == [["a", "b", "c"], *rows]
    assert _read(safe.getvalue()) == [["a", "b", "c"], *([neutralize(c) for c in r] for r in rows)]


@given(cell=_CELL)
def test_neutralized_cells_never_start_a_formula(cell: str) -> None:
    assert not neutralize(cell).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert neutralize(cell) in (cell, "'" + cell)


def test_values_that_are_not_text_are_left_alone() -> None:
    out = io.StringIO()
    write_csv(Rows(("n", "x", "b", "none"), [(-1, -2.5, False, None)]), out)
    assert _read(out.getvalue()) == [["n", "x", "b", "none"], ["-1", "-2.5", "false", ""]]
