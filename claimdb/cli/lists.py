"""claimdb articles | actors | claims | demands | stances: filtered lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from claimdb.cli import common
from claimdb.cli.common import DbOption, FormatOption, LimitOption, SinceOption, UntilOption
from claimdb.cli.render import render
from claimdb.db import queries
from claimdb.db.engine import session_scope
from claimdb.tabular import Rows

app = typer.Typer()

ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        "-a",
        show_default=False,
        help="Actor id or any of its names (case-insensitive), e.g. 'Jane Roe'.",
    ),
]
TopicOption = Annotated[
    str | None, typer.Option("--topic", "-t", show_default=False, help="Topic id (see claimdb topics).")
]
ArticleOption = Annotated[
    str | None,
    typer.Option(
        "--article",
        show_default=False,
        help="Article id, content-hash prefix (6+ hex digits), or part of the title.",
    ),
]


def _register(name: str, lister: Callable[[Session, queries.Filters], Rows], doc: str, example: str) -> None:
    # The five lists take the same options and differ only in what they list: one
    # definition, registered five times, keeps their options identical.
    def command(
        actor: ActorOption = None,
        topic: TopicOption = None,
        article: ArticleOption = None,
        since: SinceOption = None,
        until: UntilOption = None,
        limit: LimitOption = None,
        fmt: FormatOption = "table",
        db: DbOption = None,
    ) -> None:
        filters = queries.Filters(
            actor=actor, topic=topic, article=article, since=since, until=until, limit=limit
        )
        engine = common.open_db(db)
        try:
            with session_scope(engine, read_only=True) as session:
                rows = lister(session, filters)
        finally:
            engine.dispose()
        render(rows, fmt)

    command.__doc__ = doc
    command.__name__ = f"{name}_cli"
    app.command(name, epilog=f"Example: {example}")(command)


_register(
    "articles",
    queries.list_articles,
    """List stored articles with how many claims, demands and stances each has.

    --actor keeps articles where the actor appears; --topic those with a claim, demand or
    stance on the topic; --since/--until filter on the publication date.""",
    "claimdb articles --since 2024-01-01 --format csv > articles.csv",
)
_register(
    "actors",
    queries.list_actors,
    """List actors (people, governments, organisations, groups) with their aliases and counts.

    --article/--since/--until keep actors appearing in those articles; --topic those with
    a claim, demand or stance on it.""",
    "claimdb actors --topic sanctions",
)
_register(
    "claims",
    queries.list_claims,
    """List claims: who said what, with the cue ("said", "according to") and topics.

    --actor matches the speaker; dates are the claim's own date if the extractor found
    one, else the article's publication date.""",
    "claimdb claims --actor 'Jane Roe' --since 2024-05-01 --format json",
)
_register(
    "demands",
    queries.list_demands,
    """List demands: who demands what of whom.

    --actor matches the demander or the addressee.""",
    "claimdb demands --topic troop-withdrawal --format table",
)
_register(
    "stances",
    queries.list_stances,
    """List stances: an actor supporting, opposing or neutral on a topic, with the evidence.""",
    "claimdb stances --actor 'European Union' --format jsonl",
)
