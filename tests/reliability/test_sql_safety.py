"""No user string is ever formatted into SQL.

Two ways of showing it. Statically: every SQL-executing call in claimdb/ whose statement is
built by formatting (an f-string, %, + or .format, directly or through a local variable) is
listed below with what it interpolates and why that is safe; a new one fails this test
until someone reviews it. Behaviourally: strings made to break out of SQL quoting, given to
every option that reaches a query, find nothing and change nothing.

(migrations/ is not scanned: migrations take no input at all, and spell out frozen DDL.)
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from testkit import ARTICLE_1, ARTICLE_2, TAXONOMY, Invoke, counts, fake_extract

from claimdb.db import queries
from claimdb.db.engine import session_scope
from claimdb.db.export import table_named
from claimdb.db.names import normalize_name
from claimdb.db.queries import Filters
from claimdb.db.search import search
from claimdb.db.store import save
from claimdb.errors import ClaimDBError, InputError, NotFoundError
from claimdb.sources import Article

ROOT = Path(__file__).resolve().parents[2]
_SQL_CALLS = {"text", "exec_driver_sql", "execute", "executemany", "executescript", "scalar", "scalars"}

# file -> the names interpolated into SQL there, each reviewed.
REVIEWED = {
    # `fts` loops over dialect.FTS_TABLES, a tuple of three literal table names.
    "claimdb/db/check.py": {"fts"},
    # A module constant (an int), and "DEFERRED" or "IMMEDIATE" chosen by a boolean.
    "claimdb/db/engine.py": {"BUSY_TIMEOUT_MS", "mode"},
}


def _formatted(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def _names(node: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id != "format"}


def formatted_sql(source: str) -> set[str]:
    """Names interpolated into a statement handed to a SQL-executing call."""
    tree = ast.parse(source)
    found: set[str] = set()
    for scope in ast.walk(tree):
        if not isinstance(scope, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        built = {
            target.id: node.value
            for node in ast.walk(scope)
            if isinstance(node, ast.Assign) and _formatted(node.value)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(scope):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in _SQL_CALLS:
                continue
            statement = node.args[0]
            if isinstance(statement, ast.Name) and statement.id in built:
                statement = built[statement.id]
            if _formatted(statement):
                found |= _names(statement)
    return found


def test_every_formatted_statement_is_reviewed() -> None:
    found = {}
    for path in sorted((ROOT / "claimdb").rglob("*.py")):
        names = formatted_sql(path.read_text(encoding="utf-8"))
        if names:
            found[str(path.relative_to(ROOT))] = names
    assert found == REVIEWED


@pytest.mark.parametrize(
    "source",
    [
        "def f(s, name):\n    s.execute(text(f\"SELECT * FROM actors WHERE name = '{name}'\"))",
        "def f(conn, name):\n    sql = \"SELECT * FROM t WHERE n = '%s'\" % name\n    conn.execute(sql)",
        "def f(conn, name):\n    conn.exec_driver_sql('DELETE FROM x WHERE y = {}'.format(name))",
        "def f(conn, name):\n    conn.execute('SELECT ' + name)",
    ],
)
def test_the_scan_finds_formatting(source: str) -> None:
    assert "name" in formatted_sql(source)


def test_the_scan_accepts_bound_parameters() -> None:
    source = "def f(s, name):\n    s.execute(text('SELECT * FROM actors WHERE name = :n'), {'n': name})"
    assert formatted_sql(source) == set()


# --- behaviour: hostile strings find nothing, change nothing -----------------------------------

HOSTILE = [
    "x' OR '1'='1",
    "'; DROP TABLE claims; --",
    '" OR 1=1 --',
    "1 OR 1=1",
    "1; DELETE FROM actors",
    "%",
    "_",
    "\\",
    "') UNION SELECT name, name, name FROM actors --",
    "Roe' --",
    "ｊａｎｅ ｒｏｅ'",
    "99999999999999999999",  # past any id: once an OverflowError from SQLite
    "2147483648",  # past PostgreSQL's INTEGER: once "integer out of range"
    "²",  # a digit to str.isdigit, not to int()
]


@pytest.fixture
def filled(engine: Engine) -> Engine:
    for txt, title in ((ARTICLE_1, "Talks stall"), (ARTICLE_2, "Border dispute")):
        with session_scope(engine) as s:
            save(s, Article(txt, title=title), fake_extract(txt), TAXONOMY)
    return engine


def test_hostile_values_find_nothing_and_change_nothing(filled: Engine) -> None:
    """Every filter, search, show and export name, in one session (the CLI adds nothing
    between the option and these calls; the next test goes through it once)."""
    before = counts(filled)
    listers = (
        queries.list_claims,
        queries.list_demands,
        queries.list_stances,
        queries.list_articles,
        queries.list_actors,
    )
    shows = (queries.show_article, queries.show_actor, queries.show_claim, queries.show_demand)
    with session_scope(filled, read_only=True) as s:
        for value in HOSTILE:
            for lister in listers:
                for filters in (Filters(actor=value), Filters(topic=value), Filters(article=value)):
                    assert list(lister(s, filters).rows) == [], (value, lister.__name__, filters)
            # Search reads words and nothing else: punctuation around them changes nothing.
            words = " ".join(re.findall(r"\w+", value))
            for kind in ("claims", "demands", "articles"):
                if words:
                    assert list(search(s, value, kind=kind).rows) == list(search(s, words, kind=kind).rows)
                else:
                    with pytest.raises(InputError, match="^nothing to search for in "):
                        search(s, value, kind=kind)
            for show in shows:
                with pytest.raises((InputError, NotFoundError)):
                    show(s, value)
            with pytest.raises(InputError, match="^no table or view called "):
                table_named(value)
    assert counts(filled) == before


def test_hostile_values_through_the_command_line(cli: Invoke, filled: Engine) -> None:
    before = counts(filled)
    for value in ("x' OR '1'='1", "'; DROP TABLE claims; --", "99999999999999999999"):
        for command in ("claims", "actors"):
            result = cli(command, "--actor", value, "--article", value, "--format", "json")
            assert (result.code, result.out, result.err) == (0, "[]\n", ""), (command, value)
        result = cli("show", "claim", value)
        assert result.code == 1 and result.err.startswith("error: claim ")
    assert counts(filled) == before


_NAMED = {
    "jane roe",
    "roe",
    "minister jane roe",
    "european union",
    "eu",
    "brussels",
    "ruritania",
    "sanctions",
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40))
def test_any_filter_text_is_only_ever_a_value(filled: Engine, value: str) -> None:
    """Whatever the string, a filter either matches what it names or nothing, or raises a
    ClaimDBError; nothing is changed."""
    engine = filled
    before = counts(engine)
    # An empty filter is no filter; digits are an id; names and topic ids name what they name.
    names_something = (
        not value or value.strip().isdigit() or normalize_name(value) in _NAMED or value in _NAMED
    )
    with session_scope(engine, read_only=True) as s:
        for lister in (
            queries.list_claims,
            queries.list_demands,
            queries.list_stances,
            queries.list_articles,
        ):
            for filters in (queries.Filters(actor=value), queries.Filters(topic=value)):
                try:
                    rows = list(lister(s, filters).rows)
                except ClaimDBError:
                    continue
                assert rows == [] or names_something, (lister.__name__, filters)
        try:
            list(search(s, value).rows)
        except ClaimDBError:
            pass
    assert counts(engine) == before
