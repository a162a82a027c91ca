"""The data the rules read: the topic taxonomy, the country gazetteer, verb forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdb.errors import TopicsError
from claimdb.extract.gazetteer import gazetteer
from claimdb.extract.lexicon import lexicon
from claimdb.topics import load_taxonomy, words_of

REQUIRED_TOPICS = {
    "nato-expansion",
    "nato-1997-borders",
    "strike-weapons",
    "troop-withdrawal",
    "war",
    "negotiations",
    "sanctions",
}


def test_default_taxonomy_has_the_required_topics_with_labels() -> None:
    taxonomy = load_taxonomy()
    assert REQUIRED_TOPICS <= taxonomy.ids()
    for topic in taxonomy.topics:
        assert topic.label and topic.description and topic.terms


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("an end to NATO’s expansionist policy", "nato-expansion"),
        ("the return of NATO’s border infrastructure to what it was in 1997", "nato-1997-borders"),
        ("not deploying strike weapons near its borders", "strike-weapons"),
        ("some troops have been withdrawn", "troop-withdrawal"),
        ("opposed any reduction of allied forces on its territory", "troop-withdrawal"),
        ("he did not want war in the region", "war"),
        ("we are willing to follow the path of negotiation", "negotiations"),
        ("a new round of sanctions", "sanctions"),
        ("join the boycott of companies doing business in Russia", "sanctions"),
    ],
)
def test_best_topic(text: str, topic: str) -> None:
    assert load_taxonomy().best(text) == topic


def test_whole_words_unless_a_prefix_is_asked_for() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.best("the warden warned the wards") is None
    assert taxonomy.best("two wars") == "war"


def test_possessives_and_case_are_ignored() -> None:
    assert words_of("NATO’s Expansion") == ["nato", "expansion"]


def test_user_topics_add_and_replace(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[topics]]\nid = "dock-pay"\nlabel = "Dock pay"\ndescription = "Wages of dock workers"\n'
        'terms = ["dock* pay", "dock* wage*"]\n\n'
        '[[topics]]\nid = "war"\nlabel = "War (mine)"\ndescription = "Replaced"\nterms = ["warfare"]\n',
        encoding="utf-8",
    )
    taxonomy = load_taxonomy([extra])
    assert taxonomy.best("a raise in dockers' wages") == "dock-pay"
    assert taxonomy.best("the war") is None  # replaced by the user's own "war" topic
    assert next(t for t in taxonomy.topics if t.id == "war").label == "War (mine)"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not toml [", "not a valid TOML topics file"),
        ('[[topics]]\nid = "Bad Id"\n', "id must be kebab-case"),
        ('[[topics]]\nid = "ok"\nterms = "x"\n', "terms must be a list of strings"),
        ('[[topics]]\nid = "ok"\nterms = ["a b c d e"]\n', "one to four words"),
        ('[[topics]]\nid = "ok"\nanaphora = ["the move"]\n', "must be a single word"),
    ],
)
def test_bad_topic_files_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(TopicsError, match=message):
        load_taxonomy([bad])


def test_missing_topic_file(tmp_path: Path) -> None:
    with pytest.raises(TopicsError, match="topics file not found"):
        load_taxonomy([tmp_path / "nope.toml"])


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Moscow", "Russia"),
        ("the Kremlin", "Russia"),
        ("Russians", "Russia"),
        ("U.S.", "United States"),
        ("Washington", "United States"),
        ("Britain", "United Kingdom"),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Germans", "Germany"),
        ("Chinese", "China"),
        # countryinfo still ships "Serbia and Montenegro" with Belgrade as its capital
        ("Belgrade", "Serbia"),
        ("Willemstad", "Curaçao"),
    ],
)
def test_gazetteer(name: str, country: str) -> None:
    assert gazetteer().country(name) == country


def test_two_letter_codes_are_not_country_names() -> None:
    assert gazetteer().country("IN") is None  # an ordinary word in a headline


def test_verb_forms_repair_the_lemmatizer() -> None:
    forms = lexicon().verb_forms
    assert forms["hopes"] == "hope"
    assert forms["planned"] == "plan"
    assert forms["denied"] == "deny"
    assert forms["urging"] == "urge"


def test_against_terms_invert_and_exclusions_remove() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.best("an immediate ceasefire") == "war"
    assert taxonomy.inverted("war", words_of("an immediate ceasefire"))
    assert not taxonomy.inverted("war", words_of("a ceasefire would end the war"))
    assert taxonomy.best("a trade war over turbine duties") is None
    assert taxonomy.best("the trade war became a real war") == "war"


def test_a_hyphenated_word_names_a_topic_by_its_parts() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.best("Estonia wants to seize shadow-fleet tankers") == "sanctions"
    assert "shadow-fleet" in taxonomy.trigger_words("sanctions", words_of("seize shadow-fleet tankers"))
    assert taxonomy.best("the tariffs started a trade-war") is None  # its parts are excluded


def test_a_definite_noun_refers_back_to_a_topic_named_before() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.referred("called the planned withdrawal a step forward") == ["troop-withdrawal"]
    assert taxonomy.referred("set a date for Ukraine’s accession") == ["nato-expansion"]
    assert taxonomy.referred("Budapest would veto any invitation to Ukraine") == ["nato-expansion"]
    assert taxonomy.referred("a withdrawal would help") == []  # not without a determiner
    assert taxonomy.referred("the ban is working exactly as designed") == ["sanctions"]
