"""claimdb topics: the taxonomy in use."""

from __future__ import annotations

import typer

from claimdb.cli.common import FormatOption, TopicsOption
from claimdb.cli.render import render
from claimdb.settings import extra_topic_files
from claimdb.tabular import Rows
from claimdb.topics import load_taxonomy

app = typer.Typer()


@app.command("topics", epilog="Example: claimdb topics --topics my-topics.toml --format csv")
def topics_cli(topics: TopicsOption = None, fmt: FormatOption = "table") -> None:
    """List the topics claims, demands and stances are filed under (ids for --topic).

    The default taxonomy ships with claimdb; add or replace topics with --topics FILE
    (or CLAIMDB_TOPICS).
    """
    taxonomy = load_taxonomy(extra_topic_files(topics))
    rows = [(t.id, t.label, t.description, "; ".join(term.text for term in t.terms)) for t in taxonomy.topics]
    render(Rows(("id", "label", "description", "terms"), rows, ("id", "label", "description")), fmt)
