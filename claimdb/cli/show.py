"""claimdb show article|actor|claim|demand ID: one record, its article, the span in context."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Annotated, Any, Literal

import typer
from rich.console import Group
from rich.text import Text
from sqlalchemy.orm import Session

from claimdb.cli import common
from claimdb.cli.common import DbOption
from claimdb.cli.render import cell, stdout, table_of
from claimdb.db import queries
from claimdb.db.engine import session_scope
from claimdb.tabular import Rows, jsonable

app = typer.Typer(
    help="Show one article, actor, claim or demand in full, with the article text around it.",
    no_args_is_help=True,
)

ShowFormat = Annotated[
    Literal["table", "json"],
    typer.Option("--format", "-f", case_sensitive=False, help="table (for people) or json."),
]
# Where a span starts and ends when the output is not a terminal (no colours to show it).
OPEN, CLOSE = "[[", "]]"


def _show(
    getter: Callable[[Session, str], queries.Detail], key: str, fmt: Literal["table", "json"], db: str | None
) -> None:
    engine = common.open_db(db)
    try:
        with session_scope(engine, read_only=True) as session:
            detail = getter(session, key)
    finally:
        engine.dispose()
    if fmt == "json":
        sys.stdout.write(json.dumps(as_json(detail), ensure_ascii=False, indent=2) + "\n")
    else:
        # soft_wrap: long paragraphs are left for the terminal to wrap, so that text piped to a
        # file or another program has no line breaks (or trailing spaces) the article lacks.
        stdout().print(as_renderable(detail, color=sys.stdout.isatty()), soft_wrap=True)


def as_json(detail: queries.Detail) -> dict[str, Any]:
    out: dict[str, Any] = {k: jsonable(v) for k, v in detail.fields.items()}
    if detail.article is not None:
        out["article"] = {k: jsonable(v) for k, v in detail.article.items()}
    if detail.context is not None:
        c = detail.context
        out["context"] = {
            "text": c.text,
            "offset": c.offset,
            "span_start": c.span_start,
            "span_end": c.span_end,
        }
    for name, rows in detail.related.items():
        out[name] = [{k: jsonable(v) for k, v in zip(rows.columns, r, strict=True)} for r in rows.rows]
    return out


def highlighted(context: queries.Context, *, color: bool) -> Text:
    """The context with its span marked: reverse video on a terminal, [[brackets]] otherwise."""
    c = context
    before = ("…" if c.clipped_before else "") + c.text[: c.span_start]
    after = c.text[c.span_end :] + ("…" if c.clipped_after else "")
    span = c.text[c.span_start : c.span_end]
    text = Text(before)
    if color:
        text.append(span, style="bold reverse")
    else:
        text.append(OPEN + span + CLOSE)
    text.append(after)
    return text


def as_renderable(detail: queries.Detail, *, color: bool) -> Group:
    parts: list[Any] = []
    width = max(len(k) for k in detail.fields)
    for key, value in detail.fields.items():
        if key == "text" and detail.kind == "article":
            continue
        shown = "; ".join(value) if isinstance(value, list) else cell(value)
        parts.append(Text(f"{key.ljust(width)}  {shown}"))
    if detail.article is not None:
        a = detail.article
        where = ", ".join(cell(a[k]) for k in ("source", "published") if a.get(k))
        parts.append(
            Text(f"\narticle {a['id']}: {a['title'] or '(untitled)'}" + (f" ({where})" if where else ""))
        )
    if detail.context is not None:
        parts.append(Text(""))
        parts.append(highlighted(detail.context, color=color))
    if detail.kind == "article":
        parts.append(Text(""))
        parts.append(Text(str(detail.fields["text"])))
    for name, rows in detail.related.items():
        materialized = list(rows.rows)
        if materialized:
            parts.append(Text(""))
            parts.append(table_of(Rows(rows.columns, materialized, rows.brief), title=name))
            if detail.kind == "actor" and len(materialized) == queries.SHOW_RELATED:
                more = f"claimdb {name} --actor {detail.fields['id']}"
                parts.append(Text(f"(the first {queries.SHOW_RELATED} by date; all of them: {more})"))
    return Group(*parts)


Key = Annotated[str, typer.Argument(metavar="ID", show_default=False)]


@app.command("article", epilog="Example: claimdb show article 12 ; claimdb show article 3fa9c2")
def article_cli(key: Key, fmt: ShowFormat = "table", db: DbOption = None) -> None:
    """An article by id or content-hash prefix: metadata, text, and its claims, demands, stances."""
    _show(queries.show_article, key, fmt, db)


@app.command("actor", epilog="Example: claimdb show actor 'Jane Roe' --format json")
def actor_cli(
    key: Annotated[str, typer.Argument(metavar="ID|NAME")], fmt: ShowFormat = "table", db: DbOption = None
) -> None:
    """An actor by id or any of its names: aliases, and its claims, demands and stances."""
    _show(queries.show_actor, key, fmt, db)


@app.command("claim", epilog="Example: claimdb show claim 42")
def claim_cli(key: Key, fmt: ShowFormat = "table", db: DbOption = None) -> None:
    """A claim with its speaker, cue and topics, and the paragraph it was found in."""
    _show(queries.show_claim, key, fmt, db)


@app.command("demand", epilog="Example: claimdb show demand 7")
def demand_cli(key: Key, fmt: ShowFormat = "table", db: DbOption = None) -> None:
    """A demand with its demander and addressee, and the paragraph it was found in."""
    _show(queries.show_demand, key, fmt, db)
