"""claimdb show: the record, its article, the span marked in its paragraph."""

from __future__ import annotations

import json

from testkit import Invoke

SHOW_CLAIM = """\
id             1
article_id     1
article_title  Talks stall
published      2024-05-01
speaker_id     1
speaker        Jane Roe
cue            said
direct         no
text           the sanctions had failed
topics         sanctions
claim_date     2024-05-01
span_start     37
span_end       61
confidence     0.8

article 1: Talks stall (Wire, 2024-05-01)

Jane Roe said [[the sanctions had failed]]. Jane Roe called on European Union to lift the sanctions on grain.
"""


def test_show_claim_marks_the_span(filled: Invoke) -> None:
    result = filled("show", "claim", "1")
    assert (result.code, result.out) == (0, SHOW_CLAIM)


def test_show_claim_json(filled: Invoke) -> None:
    data = json.loads(filled("show", "claim", "1", "--format", "json").out)
    assert data["speaker"] == "Jane Roe" and data["article"]["title"] == "Talks stall"
    context = data["context"]
    assert context["text"][context["span_start"] : context["span_end"]] == "the sanctions had failed"


def test_show_demand(filled: Invoke) -> None:
    out = filled("show", "demand", "2").out
    assert "demander       Ruritania" in out
    assert "Ruritania called on Brussels to [[withdraw troops from the border]]." in out


def test_show_actor_by_alias(filled: Invoke) -> None:
    data = json.loads(filled("show", "actor", "brussels", "-f", "json").out)
    assert data["name"] == "European Union"
    assert data["aliases"] == ["Brussels", "EU", "European Union"]
    assert [d["id"] for d in data["demands"]] == [1, 2]
    assert data["claims"] == [] and data["stances"] == []


def test_show_article(filled: Invoke) -> None:
    data = json.loads(filled("show", "article", "2", "--format", "json").out)
    assert data["title"] == "Border dispute"
    assert [c["text"] for c in data["claims"]] == ["troops would stay"]
    assert "Border dispute" in filled("show", "article", data["content_hash"][:8]).out


def test_not_found(filled: Invoke) -> None:
    result = filled("show", "claim", "99")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "error: claim 99 not found; list them with claimdb claims\n",
    )
    assert (
        filled("show", "actor", "Nobody").err
        == "error: no actor is called 'Nobody'; list them with claimdb actors\n"
    )
