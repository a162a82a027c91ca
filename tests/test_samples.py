"""data/samples/ stays what its README promises: well-formed articles, in sync with
articles.jsonl, still exercising the constructions the demo is meant to show."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
EVAL_DEV = ROOT.parent / "shared" / "eval" / "dev"

TXT = sorted(SAMPLES.glob("*.txt"))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _jsonl() -> list[dict[str, str]]:
    lines = _read(SAMPLES / "articles.jsonl").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _all_text() -> str:
    return "\n\n".join(_read(p) for p in TXT)


def test_there_are_at_least_five_articles() -> None:
    assert len(TXT) >= 5


@pytest.mark.parametrize("path", TXT, ids=lambda p: p.name)
def test_article_layout(path: Path) -> None:
    text = _read(path)
    lines = text.split("\n")
    assert lines[0].strip() and lines[0] == lines[0].strip(), "first line is the headline"
    assert lines[1] == "", "a blank line after the headline"
    assert "\r" not in text and "\t" not in text
    assert "\n\n\n" not in text, "paragraphs are separated by exactly one blank line"
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert 250 <= len(text.split()) <= 600


def test_jsonl_matches_the_txt_files() -> None:
    rows = _jsonl()
    hint = "run: python3 scripts/sync-samples"
    assert [r["file"] for r in rows] == [p.name for p in TXT], hint
    for row, path in zip(rows, TXT, strict=True):
        text = _read(path)
        assert row["id"] == path.stem
        assert row["text"] == text, f"{path.name}: text differs; {hint}"
        assert row["title"] == text.split("\n", 1)[0]
        assert row["source"].strip()
        dt.date.fromisoformat(row["published"])


def test_articles_have_distinct_dates_in_file_order() -> None:
    dates = [r["published"] for r in _jsonl()]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)


def test_readme_lists_every_article() -> None:
    readme = _read(SAMPLES / "README.md")
    for row in _jsonl():
        assert f"`{row['file']}` | {row['published']} | {row['source']} |" in readme


# What the articles are there to exercise (data/samples/README.md). A rewrite that drops one
# of these should fail here, not silently thin out the demo.
CONSTRUCTIONS = {
    "quote, cue after": r"[,?!]” (?:he|she|[A-Z][\w-]+) said\.",
    "quote, cue before": r"\b(?:He|She|[A-Z][\w-]+) said: [“\"]",
    "quote split by its cue": r",[”\"] (?:the \w+|[A-Z][\w-]+) said, [“\"][a-z]",
    "multi-paragraph quote": r"\n[“\"][^”\"\n]+\n\n[“\"]",
    "X said that": r"\b[A-Z][\w-]+ said that\b",
    "…, X said (reported)": r"[a-z], [A-Z][\w-]+ said[,.]",
    "said X": r"[,.][”\"] said [A-Z]",
    "told reporters": r"\btold reporters\b",
    "according to": r"\b[Aa]ccording to [A-Z]",
    "added": r"\badded that\b",
    "warned": r"\bwarned\b",
    "insisted": r"\binsist(?:ed|ing) that\b",
    "denied": r"\bdenied (?:that|reports)\b",
    "believes": r"\b[A-Z][\w-]+ believes\b",
    "hopes": r"\bhopes? that\b|\bhopes both\b",
    "the minister as speaker": r"\b[Tt]he (?:deputy )?minister (?:said|told)\b",
    "the spokeswoman as speaker": r"\b[Tt]he spokes(?:wo)?man (?:said|added|told)\b",
    "the Kremlin as speaker": r"\bThe Kremlin (?:said|warned)\b",
    "Beijing as speaker": r"\bBeijing said\b",
    "the ministry as speaker": r"\bThe ministry said\b",
    "calls on X to": r"\bcall(?:s|ed) on [A-Z][\w ]+ to\b",
    "urged X to": r"\burged [A-Z][\w ]+ to\b",
    "demanded that": r"\bdemanded that\b",
    "wants X to": r"\bwants? (?:the )?[A-Z]?\w+ to\b",
    "called for a ceasefire": r"\bcalled for an? (?:immediate )?ceasefire\b",
    "must stop": r"\bmust stop\b",
    "headline: …, says X": r"^[^\n]+, says [a-zA-Z ]+",
}


@pytest.mark.parametrize("name", CONSTRUCTIONS)
def test_samples_exercise(name: str) -> None:
    pattern = re.compile(CONSTRUCTIONS[name], re.MULTILINE)
    assert any(pattern.search(_read(p)) for p in TXT), f"no sample has: {name}"


def test_one_actor_changes_stance_on_sanctions() -> None:
    rows = {r["id"]: r for r in _jsonl()}
    before, after = rows["02-sanctions-package"], rows["05-sanctions-rethink"]
    assert before["published"] < after["published"]
    assert "Sanctions are working" in before["text"]
    assert "would oppose any new sanctions package" in after["text"]
    assert "Radek Vlasák" in before["text"] and "Radek Vlasák" in after["text"]


def test_one_article_is_about_something_else_than_the_war() -> None:
    text = _read(SAMPLES / "04-port-strike.txt")
    assert not re.search(r"\b(?:NATO|Russia|Ukraine|sanction\w*|war)\b", text)


@pytest.mark.skipif(not EVAL_DEV.is_dir(), reason="../shared/eval/dev not found")
def test_no_person_from_the_eval_articles_appears() -> None:
    text = _all_text()
    for gold in EVAL_DEV.glob("*.gold.json"):
        for actor in json.loads(_read(gold))["actors"]:
            if actor.get("kind") != "person":
                continue
            for alias in [actor["name"], *actor.get("aliases", [])]:
                surname = alias.split()[-1]
                assert not re.search(rf"\b{re.escape(surname)}\b", text), f"{alias} ({gold.name})"
