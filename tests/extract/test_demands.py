"""Demands: demander, addressee, the demanded thing and its topic, in many phrasings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from extract_helpers import claim_with, demand_with

from claimdb.extract import Extraction

pytestmark = pytest.mark.slow
Extract = Callable[[str], Extraction]


@pytest.mark.parametrize(
    ("text", "content", "demander", "addressee"),
    [
        ("Russia called for an end to NATO expansion.", "an end to NATO expansion", "Russia", "NATO"),
        ("Russia called on NATO to halt its expansion.", "halt its expansion", "Russia", "NATO"),
        ("Russia demanded an end to NATO expansion.", "an end to NATO expansion", "Russia", "NATO"),
        ("Russia demanded that NATO halt its expansion.", "NATO halt its expansion", "Russia", "NATO"),
        ("Russia urged NATO to halt its expansion.", "halt its expansion", "Russia", "NATO"),
        ("Russia pressed for an end to NATO expansion.", "an end to NATO expansion", "Russia", "NATO"),
        ("Russia pushed for an end to NATO expansion.", "an end to NATO expansion", "Russia", "NATO"),
        ("Russia asked NATO to halt its expansion.", "halt its expansion", "Russia", "NATO"),
        ("Russia wants NATO to halt its expansion.", "NATO to halt its expansion", "Russia", "NATO"),
        ("Russia insisted that NATO must halt its expansion.", "halt its expansion", "Russia", "NATO"),
        ("Russia insisted on an end to NATO expansion.", "an end to NATO expansion", "Russia", "NATO"),
        ("Russia seeks an end to NATO expansion.", "an end to NATO expansion", "Russia", "NATO"),
    ],
)
def test_demand_phrasings(extract: Extract, text: str, content: str, demander: str, addressee: str) -> None:
    demand = demand_with(extract(text), content)
    assert (demand.demander, demand.addressee) == (demander, addressee)
    assert demand.topic == "nato-expansion"


def test_nominal_demand(extract: Extract) -> None:
    result = extract("The union's demand for a 10% raise was rejected by the company.")
    demand = demand_with(result, "a 10% raise")
    assert demand.demander is not None and "union" in demand.demander


def test_obligation_in_the_demanders_own_words(extract: Extract) -> None:
    text = "“NATO must stop moving its troops closer to our borders,” Deputy Minister Ivan Orlov said."
    demand = demand_with(extract(text), "stop moving its troops")
    assert (demand.demander, demand.addressee) == ("Ivan Orlov", "NATO")
    assert demand.claim is not None


def test_an_obligation_of_no_one_in_particular_is_not_a_demand(extract: Extract) -> None:
    result = extract("“Brave decisions have to come from all of us,” Anna Berg said.")
    assert result.demands == ()


def test_a_list_of_demanded_things_gives_one_demand_each(extract: Extract) -> None:
    text = "The rebels urged the government to free the prisoners, lift the blockade and reopen the border."
    result = extract(text)
    texts = sorted(d.text for d in result.demands)
    assert texts == ["free the prisoners", "lift the blockade", "reopen the border"]
    assert {d.addressee for d in result.demands} == {"government"} or all(d.addressee for d in result.demands)


def test_topic_is_none_when_nothing_fits(extract: Extract) -> None:
    demand = demand_with(extract("The union demanded a 10% raise for dock workers."), "a 10% raise")
    assert demand.topic is None


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Russia called for the return of NATO's infrastructure to its 1997 lines.", "nato-1997-borders"),
        ("Moscow demanded that NATO not deploy strike weapons near its borders.", "strike-weapons"),
        ("Kyiv called for the withdrawal of Russian troops.", "troop-withdrawal"),
        ("The ministers called for new sanctions against the regime.", "sanctions"),
        ("The envoy urged both sides to return to negotiations.", "negotiations"),
    ],
)
def test_topics_from_the_taxonomy(extract: Extract, text: str, topic: str) -> None:
    result = extract(text)
    assert [d.topic for d in result.demands] == [topic]


def test_an_intention_is_not_a_demand(extract: Extract) -> None:
    result = extract("Anna Berg wants to continue working with her partners.")
    assert result.demands == ()


def test_it_is_up_to_someone(extract: Extract) -> None:
    text = "“It is up to NATO to decide whether it wants peace,” Foreign Minister Anna Berg said."
    demand = demand_with(extract(text), "decide whether it wants peace")
    assert (demand.demander, demand.addressee) == ("Anna Berg", "NATO")


def test_among_its_conditions(extract: Extract) -> None:
    demand = demand_with(
        extract("Among the union's conditions is a guarantee that no jobs will be cut."), "guarantee"
    )
    assert demand.demander is not None and "union" in demand.demander


def test_we_inside_a_quote_is_its_speaker(extract: Extract) -> None:
    text = "“We call on Russia to halt the deployment of its missiles,” Foreign Minister Anna Berg said."
    demand = demand_with(extract(text), "halt the deployment")
    assert (demand.demander, demand.addressee) == ("Anna Berg", "Russia")


@pytest.mark.parametrize(
    "text",
    [
        "“We are not asking NATO to fight for us,” Foreign Minister Anna Berg said.",
        "“Do we want NATO to leave, or not?” Foreign Minister Anna Berg asked.",
    ],
)
def test_negated_or_questioned_demands_are_not_demands(extract: Extract, text: str) -> None:
    assert extract(text).demands == ()


def test_the_askers_next_act_is_not_part_of_what_was_asked(extract: Extract) -> None:
    text = "Anna Berg said Poland had asked Washington to reconsider and was prepared to talk."
    demand = demand_with(extract(text), "reconsider")
    assert demand.text == "reconsider"
    assert (demand.demander, demand.addressee) == ("Poland", "United States")


def test_called_for_a_clause_and_for_a_thing(extract: Extract) -> None:
    text = "MPs on both sides called for the restrictions to be lifted and for a fresh round of sanctions."
    result = extract(text)
    assert [(d.demander, d.text) for d in result.demands] == [
        ("MPs", "the restrictions to be lifted"),
        ("MPs", "a fresh round of sanctions"),
    ]


def test_it_is_time_for_someone(extract: Extract) -> None:
    text = "Anna Berg said it was time for NATO to stop the drills and to return to the table."
    result = extract(text)
    assert [(d.demander, d.addressee) for d in result.demands] == [("Anna Berg", "NATO")] * 2
    assert result.demands[1].text == "return to the table"


def test_conditions_are(extract: Extract) -> None:
    text = "The union's conditions for ending the strike are a 6% raise and a shorter week."
    result = extract(text)
    assert [d.text for d in result.demands] == ["a 6% raise", "a shorter week"]


def test_a_raised_subject_demands(extract: Extract) -> None:
    text = "Anna Berg is understood to want NATO to halt its expansion."
    demand = demand_with(extract(text), "halt its expansion")
    assert (demand.demander, demand.addressee) == ("Anna Berg", "NATO")


def test_wanting_a_thing_to_be_done(extract: Extract) -> None:
    text = "Anna Berg said Estonia wanted the next sanctions package to list the ships' captains."
    demand = demand_with(extract(text), "the next sanctions package to list")
    assert demand.demander == "Estonia"


def test_called_on_read_as_a_particle(extract: Extract) -> None:
    text = (
        "Anna Berg urged Budapest and Kyiv to settle the question between themselves, and called on"
        " allies to deliver the air-defence systems pledged at the summit on schedule."
    )
    demand = demand_with(extract(text), "deliver the air-defence systems")
    assert demand.demander == "Anna Berg"


def test_the_person_after_an_opening_place_phrase_demands(extract: Extract) -> None:
    # Parsed as "Vilnius, Rasa Vaitkutė" and "Vilnius … called": the name is the subject.
    text = (
        "In Vilnius, Rasa Vaitkutė, who chairs the Lithuanian parliament’s national security"
        " committee, called for the Baltic states to be given a seat at any future talks."
    )
    demand = demand_with(extract(text), "a seat at any future talks")
    assert demand.demander == "Rasa Vaitkutė"


def test_among_the_conditions_someone_has_put_forward(extract: Extract) -> None:
    text = "Among the conditions the union has set is a guarantee that no depot will close."
    demand = demand_with(extract(text), "no depot will close")
    assert demand.demander == "the union"


def test_a_demand_inside_the_demanded_thing_is_part_of_it(extract: Extract) -> None:
    text = (
        "Tomás Reyes said sanctions alone would not end the war. Australia should use its seat"
        " at the G20 to press for peace talks between Kyiv and Moscow, he said."
    )
    assert [(d.demander, d.addressee) for d in extract(text).demands] == [("Tomás Reyes", "Australia")]


def test_cities_are_asked_to_act(extract: Extract) -> None:
    demand = demand_with(
        extract("Rosa Delgado urged neighboring cities to follow the lead of Westbrook Falls."),
        "follow the lead",
    )
    assert (demand.demander, demand.addressee) == ("Rosa Delgado", "neighboring cities")


def test_an_obligation_on_what_an_actor_owns_is_asked_of_the_owner(extract: Extract) -> None:
    text = (
        "Foreign Minister Kadri Lohmus spoke on Thursday. The bloc's next sanctions package"
        " should include a legal basis for such seizures, she said."
    )
    demand = demand_with(extract(text), "should include a legal basis")
    assert (demand.demander, demand.topic) == ("Kadri Lohmus", "sanctions")


def test_calls_from_someone_for_something(extract: Extract) -> None:
    text = (
        "Deputy Defence Minister Piotr Zawada said the troops would stay, rejecting calls from"
        " farmers' groups in the region for a partial pullback."
    )
    demand = demand_with(extract(text), "a partial pullback")
    assert demand.demander is not None and "farmers" in demand.demander
    assert demand.topic == "troop-withdrawal"


def test_the_joint_statement_speaks_for_those_who_issued_it(extract: Extract) -> None:
    text = (
        "In a joint statement, the foreign ministers of Estonia, Latvia and Lithuania called on"
        " the EU to adopt its next sanctions package. The statement said Russia had broken"
        " every promise."
    )
    claim = claim_with(extract(text), "broken every promise")
    assert claim.speaker == "the foreign ministers of Estonia, Latvia and Lithuania"


def test_an_obligation_in_the_words_of_a_described_group(extract: Extract) -> None:
    text = (
        "In a joint statement, the foreign ministers of Estonia, Latvia and Lithuania called on"
        " the EU to adopt its next sanctions package. The statement said Russia must withdraw"
        " every last soldier from Ukraine."
    )
    demand = demand_with(extract(text), "every last soldier")
    assert demand.demander == "the foreign ministers of Estonia, Latvia and Lithuania"
    assert demand.topic == "troop-withdrawal"


def test_a_verb_the_parser_joined_without_and_is_no_item(extract: Extract) -> None:
    text = (
        "Paris wants European governments to prepare a joint negotiating position in case talks"
        " with Moscow begin, a French presidential adviser told TENA."
    )
    (demand,) = extract(text).demands
    assert demand.text.startswith("European governments to prepare")


def test_a_condition_that_talks_must_begin_with_something(extract: Extract) -> None:
    text = "Oksana Hrytsenko said that any ceasefire must begin with the withdrawal of Russian troops."
    demand = demand_with(extract(text), "the withdrawal of Russian troops")
    assert (demand.demander, demand.topic) == ("Oksana Hrytsenko", "troop-withdrawal")


@pytest.mark.parametrize(
    ("text", "fragment", "topic"),
    [
        (
            "The Senate passed an amendment blocking the withdrawal of US troops from Poland."
            " Senator Kevin Ashby urged his colleagues to drop the amendment.",
            "drop the amendment",
            "troop-withdrawal",
        ),
        (
            "The minister vetoed the new sanctions package on Monday. Her deputy, Jana Novak,"
            " asked the cabinet to overrule her.",
            "overrule her",
            "sanctions",
        ),
        # A thing of its own is not pointed back to: no topic rather than a guess.
        (
            "The minister vetoed the new sanctions package on Monday. Her deputy, Jana Novak,"
            " asked the cabinet to raise teachers' pay.",
            "raise teachers' pay",
            None,
        ),
    ],
)
def test_a_demand_that_points_back_takes_the_topic_named_just_before(
    extract: Extract, text: str, fragment: str, topic: str | None
) -> None:
    assert demand_with(extract(text), fragment).topic == topic


def test_conditions_for_something_name_its_goal_not_a_demand(extract: Extract) -> None:
    text = "The Kremlin set out Russia’s conditions for a ceasefire in interviews on Wednesday."
    assert not extract(text).demands


def test_a_possessive_owns_the_demands_it_lists(extract: Extract) -> None:
    text = (
        "Baku said the talks would resume on Monday. Among its conditions is the removal of firing"
        " positions from three hilltops."
    )
    assert demand_with(extract(text), "the removal of firing positions").demander == "Azerbaijan"


def test_terms_listed_after_a_colon_are_one_demand_each(extract: Extract) -> None:
    text = (
        "Deputy Foreign Minister Gennady Orlov gave interviews on Wednesday. On television, Orlov listed"
        " what he called “the minimum”: a binding guarantee that"
        " Ukraine will never join NATO, the lifting of sanctions on Russian banks, and the return of"
        " NATO’s infrastructure to the positions of 1997."
    )
    demands = extract(text).demands
    assert [(d.demander, d.topic) for d in demands] == [
        ("Gennady Orlov", "nato-expansion"),
        ("Gennady Orlov", "sanctions"),
        ("Gennady Orlov", "nato-1997-borders"),
    ]


def test_the_side_of_a_people_is_their_state(extract: Extract) -> None:
    text = "The Tajik side pressed for the release of nine villagers detained by Kyrgyz border guards."
    assert demand_with(extract(text), "the release of nine villagers").demander == "Tajikistan"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Olena Ostapchuk said any ceasefire had to cover ports and energy facilities.", "cover ports"),
        ("Marc Verhoeven said any talks must include Ukraine's European partners.", "must include"),
    ],
)
def test_terms_set_for_a_deal_to_come_are_demands(extract: Extract, text: str, fragment: str) -> None:
    demand = demand_with(extract(text), fragment)
    assert demand.demander == text.split(" said")[0]


def test_needed_to_before_a_quote_is_still_an_obligation(extract: Extract) -> None:
    text = (
        "Timofei Tarnovsky later said the president was ready to continue the dialogue but that"
        " Washington needed to stop “lecturing” Moscow."
    )
    demand = demand_with(extract(text), "needed to stop")
    assert (demand.demander, demand.addressee) == ("Timofei Tarnovsky", "United States")


def test_the_unions_are_not_the_union_named_a_sentence_before(extract: Extract) -> None:
    text = (
        "Three rail unions will strike on Monday. Tomas Vidal, who leads the drivers' union,"
        " spoke on Friday. The union would call off the strike only if the bill was withdrawn,"
        " he said. The unions are pressing for a pay rise of 6 per cent."
    )
    assert demand_with(extract(text), "pay rise").demander == "The unions"


def test_terms_stated_as_a_subject_are_the_speakers_demand(extract: Extract) -> None:
    # Nobody's terms named: the speaker whose words hold them sets them; "the Russian
    # demand is a non-starter" judges someone else's.
    text = (
        "“The precondition is that no foreign launcher is deployed on our soil,” Deputy Foreign"
        " Minister Oleg Varin said.\n\n"
        "The precondition for any talks, a senior alliance official said, was the removal of the"
        " launchers moved into Belarus.\n\n"
        "Officials in Oslo say the Russian demand is a non-starter."
    )
    result = extract(text)
    assert demand_with(result, "no foreign launcher").demander == "Oleg Varin"
    assert demand_with(result, "removal of the launchers").demander == "a senior alliance official"
    assert not [d for d in result.demands if "non-starter" in d.text]


def test_up_to_with_the_cue_in_between(extract: Extract) -> None:
    text = (
        "Poland’s defence minister, Bartosz Wierzba, spoke in Warsaw. It was up to Russia, he"
        " said, to prove its good faith by returning to the talks."
    )
    demand = demand_with(extract(text), "good faith")
    assert (demand.demander, demand.addressee) == ("Bartosz Wierzba", "Russia")
    assert demand.text == "prove its good faith by returning to the talks"


def test_a_draft_speaks_for_its_sponsors_and_a_representative_for_their_state(extract: Extract) -> None:
    text = (
        "The text, put forward by Norway and Chile, would have demanded that all parties halt"
        " strikes on energy facilities. It would also have called on Russia to pull its forces"
        " back from the city, and it urged the parties to resume direct talks.\n\n"
        "Minutes later, members rejected a competing Russian draft, which called for the lifting"
        " of Western sanctions.\n\n"
        "Norway's representative, Ambassador Ingrid Dahl, said the text had been negotiated line"
        " by line. The representative of Brazil said the Council should stop voting for the"
        " cameras."
    )
    result = extract(text)
    assert demand_with(result, "halt strikes").demander == "Norway"
    assert demand_with(result, "resume direct talks").demander == "Norway"
    assert demand_with(result, "lifting of Western sanctions").demander == "Russia"
    assert claim_with(result, "voting for the cameras").speaker != "Ingrid Dahl"


def test_things_asked_for_listed_after_a_colon_in_an_interview_answer(extract: Extract) -> None:
    text = (
        "Foreign Minister Ivo Marković spoke to the Danube Review in Zagreb.\n\n"
        "Danube Review: What do you want from Brussels?\n\n"
        "Marković: We are asking Brussels for three things: a date for the next conference, the"
        " opening of the energy chapter, and more patience with small members.\n\n"
        "Danube Review: Thank you.\n\n"
        "Marković: Thank you."
    )
    demands = [(d.demander, d.addressee, d.text) for d in extract(text).demands]
    assert demands == [
        ("Ivo Marković", "European Union", "a date for the next conference"),
        ("Ivo Marković", "European Union", "the opening of the energy chapter"),
        ("Ivo Marković", "European Union", "more patience with small members"),
    ]


def test_asking_for_nothing_is_no_demand(extract: Extract) -> None:
    # The parser reads "no government" as what is asked for.
    text = (
        "Obrad said: “Neutrality is written into our law, and no government I belong to will ask for"
        " a change.”"
    )
    assert not extract(text).demands


def test_demands_set_out_after_a_colon(extract: Extract) -> None:
    text = (
        "The Commission president, Maren Falk-Hansen, told leaders that the Union could not wait. She set"
        " out four demands: the adoption of the sanctions package by the end of July, a fund for artillery"
        " ammunition, and a pledge by every member state to spend more on defence."
    )
    assert [(d.demander, d.text) for d in extract(text).demands] == [
        ("Maren Falk-Hansen", "the adoption of the sanctions package by the end of July"),
        ("Maren Falk-Hansen", "a fund for artillery ammunition"),
        ("Maren Falk-Hansen", "a pledge by every member state to spend more on defence"),
    ]
    # A count of something else before a colon lists no demands.
    assert not extract("Two readouts, one call: Washington and Moscow clash over what was agreed.").demands


def test_it_is_up_to_x_with_the_cue_in_between(extract: Extract) -> None:
    text = (
        "Prime Minister Kaja Lepik said the troops must stay. It is up to Washington, she added, to say"
        " clearly whether its commitment to the region is changing."
    )
    demand = demand_with(extract(text), "say clearly")
    assert (demand.demander, demand.addressee) == ("Kaja Lepik", "United States")
    assert demand.text.endswith("is changing")


def test_telling_someone_to_act_is_a_demand_telling_reporters_is_not(extract: Extract) -> None:
    text = (
        "Bellamy's allies told Meg Hargreaves to get real and accept a smaller force. Hargreaves told"
        " reporters that the troops would stay. Asked what he would say, Bellamy said he would tell them"
        " to unpack."
    )
    assert [(d.demander, d.addressee, d.text) for d in extract(text).demands] == [
        ("Bellamy's allies", "Meg Hargreaves", "get real"),
        ("Bellamy's allies", "Meg Hargreaves", "accept a smaller force"),
    ]


def test_what_a_quote_told_to_a_paper_wants_is_still_wanted(extract: Extract) -> None:
    text = (
        "Farmer Gareth Pennock leads the blockade. “We want the rebate back. And we want the minister to"
        " come to Brenmoor and sit down with us,” Mr Pennock told the Herald."
    )
    assert demand_with(extract(text), "the minister to come").demander == "Gareth Pennock"


def test_encouraging_someone_to_act_is_a_demand(extract: Extract) -> None:
    text = "Western diplomats say Washington has quietly encouraged Yerevan to press ahead with the talks."
    demand = demand_with(extract(text), "press ahead")
    assert (demand.demander, demand.addressee) == ("United States", "Armenia")


def test_a_surname_the_recogniser_missed_still_names_the_person(extract: Extract) -> None:
    # "But Hargreaves" is no entity for the recogniser; it is still the woman the "She" of
    # the next paragraph follows, not the chancellor named before.
    text = (
        "DEFIANT Defence Secretary Meg Hargreaves last night vowed to keep every one of Britain's 900"
        " troops in Estonia!\n\n"
        "The row blew up after Chancellor Bellamy's officials drew up secret plans to bring half the"
        " battlegroup home by Christmas and save £400million.\n\n"
        'But Hargreaves fumed that pulling the soldiers out "would be the best Christmas present the'
        ' Kremlin could wish for".\n\n'
        "She wants the PM to bin the plan at Thursday's Cabinet. And she is demanding a cast-iron"
        " promise that the troops stay until at least 2030."
    )
    assert demand_with(extract(text), "cast-iron promise").demander == "Meg Hargreaves"


def test_the_following_things_announce_a_list(extract: Extract) -> None:
    text = (
        "The riders' alliance is pressing the council for the following things: the fare freeze,"
        " free travel for children and night buses."
    )
    assert [d.text for d in extract(text).demands] == [
        "the fare freeze",
        "free travel for children and night buses",
    ]


def test_a_demanded_clause_the_parser_misread_as_a_noun(extract: Extract) -> None:
    # The aside inside the clause makes the parser tag "renounce" a noun; "that" still marks it.
    text = (
        "Eritrea’s information minister, Berhane Woldu, was blunter. He accused Addis Ababa of bad"
        " faith, and demanded that Ethiopia renounce, “publicly and in writing”, any claim to"
        " Eritrean ports."
    )
    demand = demand_with(extract(text), "Ethiopia renounce")
    assert (demand.demander, demand.addressee) == ("Berhane Woldu", "Ethiopia")


def test_a_surname_the_recogniser_took_for_a_product_still_names_the_person(extract: Extract) -> None:
    # "Dr Chanda" is a PRODUCT to the small model: the role in apposition must still reach her.
    text = (
        "The African Union’s special envoy, Dr Mwila Chanda, has called on Ethiopia and Eritrea to"
        " pull their forces back.\n\n"
        "Dr Chanda, a former vice-president of Zambia, arrived in Asmara on Monday.\n\n"
        "“Assurances are welcome. Withdrawals would be better,” the former vice-president said."
    )
    assert claim_with(extract(text), "Assurances are welcome").speaker == "Mwila Chanda"


def test_an_act_joined_to_a_clause_two_levels_down_is_the_speakers(extract: Extract) -> None:
    # The parser joins "urged" to "was", inside "the case showed that …": the case urges nothing.
    result = extract(
        "Sasha Delacroix said the case showed that the unit was badly under-resourced and urged"
        " the government to take the case to the Court of Appeal."
    )
    demand = demand_with(result, "take the case")
    assert demand.demander == "Sasha Delacroix"
    assert (
        claim_with(result, "the case showed").text
        == "the case showed that the unit was badly under-resourced"
    )


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        (
            "Yelena Voronova is pressing Brussels for two things: travel documents for exiles, and the"
            " transfer of frozen assets to Ukraine.",
            "European Union",
        ),
        (
            "Yelena Voronova wants two things from Brussels: travel documents for exiles, and the"
            " transfer of frozen assets to Ukraine.",
            "European Union",
        ),
    ],
)
def test_a_counted_noun_and_a_colon_announce_the_demanded_things(
    extract: Extract, text: str, addressee: str
) -> None:
    result = extract(text)
    assert [(d.demander, d.addressee, d.text) for d in result.demands] == [
        ("Yelena Voronova", addressee, "travel documents for exiles"),
        ("Yelena Voronova", addressee, "the transfer of frozen assets to Ukraine"),
    ]
    assert not result.claims  # "… from Brussels:" is no "Speaker: words" label


def test_a_list_the_parser_split_into_objects_gives_one_demand_each(extract: Extract) -> None:
    text = (
        "The coalition is demanding a regional referendum on the deployment, the publication of the"
        ' agreement signed with Washington, and arms-control talks between NATO and Russia "before,'
        ' not after, the missiles arrive."'
    )
    assert [d.text for d in extract(text).demands] == [
        "a regional referendum on the deployment",
        "the publication of the agreement signed with Washington",
        "arms-control talks between NATO and Russia",
    ]


def test_a_noun_joined_to_the_demand_verb_is_one_more_demanded_thing(extract: Extract) -> None:
    text = (
        "The leader of the opposition Civic Centre party, Ondrej Mališ, said the prime minister must"
        " come to parliament. The party is demanding the publication of all correspondence between"
        " the government and NATO since January, and a parliamentary vote on the country’s position"
        " before the summit."
    )
    result = extract(text)
    assert [d.text for d in result.demands][-2:] == [
        "the publication of all correspondence between the government and NATO",
        "a parliamentary vote on the country’s position before the summit",
    ]
    # The leader's name is hung on the party by the parser; it is still the leader's.
    assert claim_with(result, "must come").speaker == "Ondrej Mališ"


def test_it_is_up_to_x_when_the_parser_hangs_the_act_on_x(extract: Extract) -> None:
    text = (
        "“It is up to the two capitals to show, with trucks moving in the right direction, that they"
        " mean what they say,” Mwila Chanda said."
    )
    demand = demand_with(extract(text), "It is up to the two capitals")
    assert (demand.demander, demand.addressee) == ("Mwila Chanda", "the two capitals")


def test_both_governments_are_the_last_two_actors_joined_not_two_places(extract: Extract) -> None:
    text = (
        "Ethiopia and Eritrea traded accusations. Satellite images showed artillery near Zalambessa"
        " and Bure. Anna Berg urged both governments to refrain from any action."
    )
    assert demand_with(extract(text), "refrain").addressee == "Ethiopia"


def test_people_who_call_for_something_make_no_demand(extract: Extract) -> None:
    text = (
        "Timur Galeyev told reporters that people “who call for sanctions against their own"
        " country” had “no right to speak for Russians”."
    )
    assert not extract(text).demands


def test_a_clause_before_a_semicolon_is_not_what_is_wanted(extract: Extract) -> None:
    text = "Health minister says ‘there is nothing to negotiate’; federal agency wants daily case data first"
    assert all("nothing to negotiate" not in d.text for d in extract(text).demands)


def test_asked_someone_in_a_letter_to_act(extract: Extract) -> None:
    text = "Relatives of the workers asked the government in a letter to send its own envoy to the talks."
    demand = demand_with(extract(text), "send its own envoy")
    assert demand.addressee == "the government"


def test_a_circumstance_in_the_demanders_own_quoted_words_stays(extract: Extract) -> None:
    demand = demand_with(
        extract("Fenella Cardew urged farmers to lift the blockades “before someone gets hurt”."), "lift"
    )
    assert demand.text.startswith("lift the blockades “before someone gets hurt")


def test_a_demand_verb_after_the_words_is_their_cue(extract: Extract) -> None:
    text = (
        "The Greens accused the coalition of dithering. Berlin must „finally deliver what Ukraine"
        " needs“, demanded their defence policy spokeswoman, Merle Jacobsen.\n\nNo one else spoke."
    )
    result = extract(text)
    assert claim_with(result, "Berlin must").speaker == "Merle Jacobsen"
    assert [(d.demander, d.text) for d in result.demands] == [
        ("Merle Jacobsen", "Berlin must „finally deliver what Ukraine needs")
    ]
