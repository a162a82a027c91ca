"""Stances from demands and evaluative claims, with negation and evidence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimdb.extract import Extraction

pytestmark = pytest.mark.slow
Extract = Callable[[str], Extraction]


def stances(result: Extraction) -> set[tuple[str, str, str]]:
    return {(s.actor, s.topic, s.polarity) for s in result.stances}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia called for an end to NATO expansion.", ("Russia", "nato-expansion", "oppose")),
        (
            "Russia called for the return of NATO forces to the 1997 lines.",
            ("Russia", "nato-1997-borders", "support"),
        ),
        (
            "Russia wants NATO to commit to not deploying strike weapons near its borders.",
            ("Russia", "strike-weapons", "oppose"),
        ),
        (
            "‘Enough caution’: Anna Berg urges ministers to lift limits on long-range missiles.",
            ("Anna Berg", "strike-weapons", "support"),
        ),
        ("Anna Berg said she did not want war.", ("Anna Berg", "war", "oppose")),
        (
            "Anna Berg said the withdrawal of troops was a good sign.",
            ("Anna Berg", "troop-withdrawal", "support"),
        ),
        ("Anna Berg said new sanctions would be a mistake.", ("Anna Berg", "sanctions", "oppose")),
        ("Anna Berg said she was ready for negotiations.", ("Anna Berg", "negotiations", "support")),
        (
            "Artyom Belov said Russia saw no basis for a new round of talks.",
            ("Artyom Belov", "negotiations", "oppose"),
        ),
        ("Anna Berg believes the sanctions have failed.", ("Anna Berg", "sanctions", "oppose")),
        (
            "Anna Berg said Australia had no intention of easing sanctions.",
            ("Anna Berg", "sanctions", "support"),
        ),
        (
            "Elnur Rzayev said Azerbaijan no longer ruled out a mutual pullback of forces.",
            ("Elnur Rzayev", "troop-withdrawal", "support"),
        ),
        (
            "Anna Berg said any settlement must begin with the withdrawal of the troops.",
            ("Anna Berg", "troop-withdrawal", "support"),
        ),
        # What stops or negates something else, or a rival, does not oppose the topic.
        (
            "Qiao Wen urged Manila to stop hyping the issue and to return to bilateral consultations.",
            ("Qiao Wen", "negotiations", "support"),
        ),
        (
            "Indonesia said ASEAN as a whole, not three of its members, should negotiate with Beijing.",
            ("Indonesia", "negotiations", "support"),
        ),
        (
            "Russia demanded a guarantee that no missiles will be stationed in Finland.",
            ("Russia", "strike-weapons", "oppose"),
        ),
        (
            "Radovan Hrasko wants Kyiv to exempt his country’s deliveries from the sanctions.",
            ("Radovan Hrasko", "sanctions", "oppose"),
        ),
        (
            "Valentina Rudakova said the sanctions were an act of economic banditry.",
            ("Valentina Rudakova", "sanctions", "oppose"),
        ),
        ("Anna Berg called for the lifting of sanctions.", ("Anna Berg", "sanctions", "oppose")),
        # A reason to do it is a case for it; "no reason" is against it.
        (
            "Ivan Sorin said Russia saw “no reason” to reduce its presence at the base.",
            ("Ivan Sorin", "troop-withdrawal", "oppose"),
        ),
        # What a naming cue calls the thing judges it: "called X “banditry”", "described X as a step".
        (
            "Dmitri Orlov called the new sanctions “economic banditry”.",
            ("Dmitri Orlov", "sanctions", "oppose"),
        ),
        (
            "The embassy described the sanctions as “an act of piracy”.",
            ("The embassy", "sanctions", "oppose"),
        ),
        (
            "Anna Berg called the withdrawal of troops a welcome first step.",
            ("Anna Berg", "troop-withdrawal", "support"),
        ),
        # A stated lack of objection is consent (not opposing, above, is not).
        (
            "Juraj Holub said Bratislava had no objection to Ukraine joining NATO once the fighting stopped.",
            ("Juraj Holub", "nato-expansion", "support"),
        ),
        # What must not happen is opposed: easing sanctions, trading them away.
        (
            "Eva Lind warned that the easing of sanctions on steel must not become the first crack"
            " in the wall.",
            ("Eva Lind", "sanctions", "support"),
        ),
        (
            "Eva Lind said the sanctions could not be traded away in a bilateral arrangement.",
            ("Eva Lind", "sanctions", "support"),
        ),
        (
            "Ion Rusu said he would ask allies to cut the foreign military presence in the country.",
            ("Ion Rusu", "troop-withdrawal", "support"),
        ),
    ],
)
def test_polarity(extract: Extract, text: str, expected: tuple[str, str, str]) -> None:
    assert stances(extract(text)) == {expected}


def test_groups_and_unnamed_sources_hold_stances(extract: Extract) -> None:
    assert ("Critics", "sanctions", "oppose") in stances(
        extract("Critics said new sanctions would be a mistake.")
    )


def test_a_neutral_report_takes_no_stance(extract: Extract) -> None:
    assert stances(extract("Anna Berg said the negotiations would resume on Monday.")) == set()


def test_asking_for_information_about_a_topic_takes_no_side(extract: Extract) -> None:
    text = (
        "Ellen Marsh asked the minister to publish an independent assessment of the cost of"
        " sanctions to exporters."
    )
    result = extract(text)
    assert result.demands, "the request is still a demand"
    assert not [s for s in result.stances if s.topic == "sanctions"]


def test_one_stance_per_actor_and_topic_with_evidence(extract: Extract) -> None:
    text = "Anna Berg said she did not want war. Later she said war would be a disaster."
    result = extract(text)
    assert stances(result) == {("Anna Berg", "war", "oppose")}
    stance = result.stances[0]
    evidence = (
        result.claims[stance.evidence] if stance.evidence_kind == "claim" else result.demands[stance.evidence]
    )
    assert "war" in evidence.text


def test_a_stance_change_across_articles(extract: Extract) -> None:
    before = extract("Finance Minister Jan Kowalski said the sanctions were working.")
    after = extract("Finance Minister Jan Kowalski said new sanctions would hurt households.")
    assert stances(before) == {("Jan Kowalski", "sanctions", "support")}
    assert stances(after) == {("Jan Kowalski", "sanctions", "oppose")}


def test_a_topic_named_before_is_referred_to_by_a_definite_noun(extract: Extract) -> None:
    text = (
        "The Pentagon plans to pull troops out of Poland.\n\n"
        "Ministry spokesman Pavel Gromeko called the planned withdrawal “a step in the right direction.”"
        " Senator Tom Hale urged the Pentagon to reverse the withdrawal."
    )
    result = extract(text)
    assert ("Pavel Gromeko", "troop-withdrawal", "support") in stances(result)
    assert ("Tom Hale", "troop-withdrawal", "oppose") in stances(result)
    assert [d.topic for d in result.demands] == ["troop-withdrawal"]
    # Without the first sentence nothing says which withdrawal.
    assert stances(extract(text.split("\n\n", 1)[1])) == set()
    text = (
        "Japan imposed sanctions on three shipping firms on Friday.\n\n"
        'Russia\'s foreign ministry said the new measures were "an unfriendly step".'
    )
    assert ("Russia", "sanctions", "oppose") in stances(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        # a supposition: neither a stance nor a demand
        'Gary Pruitt said: "If Congress wants tougher sanctions, Congress can pass them."',
        # a time: the withdrawing does not act on the negotiations
        "Anna Berg said Russia must withdraw every soldier before any negotiations could begin.",
        # a place: the ending is the war's, not the negotiations'
        'Anna Berg believes the conflict will "end at a negotiating table."',
        # a time in a demand: the talks only date what is asked
        "Grant Mabry urged the envoy to brief the Senate before the next round of talks.",
        # a question is no answer
        "Tamsin Orrell said voters deserve to know whether the country has signed up to new negotiations.",
        # relaying is no position
        "The daily reported that the negotiations were a mistake.",
    ],
)
def test_no_stance_through_a_condition_a_time_or_a_place(extract: Extract, text: str) -> None:
    result = extract(text)
    topics = {s.topic for s in result.stances}
    assert "negotiations" not in topics and "sanctions" not in topics
    assert all(d.topic != "sanctions" for d in result.demands)


def test_an_evaluative_cue_judges_the_topic_in_its_object(extract: Extract) -> None:
    assert ("Anna Berg", "sanctions", "support") in stances(extract("Anna Berg welcomed the new sanctions."))
    assert ("Anna Berg", "sanctions", "oppose") in stances(extract("Anna Berg criticized the sanctions."))
    # Not criticizing is not supporting.
    assert stances(extract("Anna Berg did not criticize the talks.")) == set()


def test_a_participle_after_the_reported_clause_is_the_speakers_act(extract: Extract) -> None:
    text = (
        "Deputy Defence Minister Piotr Zawada said on Thursday that the troops would stay,"
        " rejecting calls from farmers' groups for a partial pullback."
    )
    assert ("Piotr Zawada", "troop-withdrawal", "oppose") in stances(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        # not opposing is not supporting
        "Gábor Lendvai said Budapest does not oppose the enlargement of the alliance in principle.",
        # rejecting one ceasefire is not wanting war
        "Elnur Rzayev said Baku would not accept a ceasefire on paper and artillery on the hills.",
    ],
)
def test_a_negated_objection_or_a_rejected_ceasefire_takes_no_side(extract: Extract, text: str) -> None:
    assert stances(extract(text)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Pentagon plans to withdraw a brigade from Poland. Senator Roger Tillman said the"
            " Pentagon should at least delay the move until after the summit.",
            ("Roger Tillman", "troop-withdrawal", "oppose"),
        ),
        (
            "Hungary has blocked NATO membership for Ukraine for a year. Oleksandra Kravets urged"
            " Budapest to drop its threat of a veto.",
            ("Oleksandra Kravets", "nato-expansion", "support"),
        ),
    ],
)
def test_a_demand_that_points_back_is_judged_by_its_act(
    extract: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in stances(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norway’s defence minister, Ingrid Solhaug, said Norway will not pull its troops back from"
            " Finnmark.",
            ("Ingrid Solhaug", "troop-withdrawal", "oppose"),
        ),
        (
            "Defence Minister Ingrid Solhaug said the government would withdraw its troops.",
            ("Ingrid Solhaug", "troop-withdrawal", "support"),
        ),
    ],
)
def test_what_the_speakers_own_side_will_do_is_a_position(
    extract: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in stances(extract(text))


def test_what_another_side_will_do_is_no_position(extract: Extract) -> None:
    assert not stances(extract("Ingrid Solhaug said Russia will not withdraw its troops."))


@pytest.mark.parametrize(
    "text",
    [
        "Poland said it would oppose any easing of sanctions during the ceasefire.",
        "Poland said it would oppose any lifting of sanctions.",
    ],
)
def test_opposing_their_easing_supports_sanctions(extract: Extract, text: str) -> None:
    assert stances(extract(text)) == {("Poland", "sanctions", "support")}


def test_not_joining_sanctions_opposes_them(extract: Extract) -> None:
    text = "Foreign Minister Tamara Obradović said Serbia will not join European sanctions against Russia."
    assert stances(extract(text)) == {("Tamara Obradović", "sanctions", "oppose")}


def test_a_negotiated_end_to_the_fighting_supports_negotiations(extract: Extract) -> None:
    text = "Anna Berg asked NATO to concentrate its energy on a negotiated end to the fighting."
    assert ("Anna Berg", "negotiations", "support") in stances(extract(text))
