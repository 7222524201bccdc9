"""Headlines and summaries: a wire's own headline in sentence case, else one written from the lead sentence's parse."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from spacy.tokens import Doc

from generator.acronyms import short_forms
from generator.article import Article, read_article
from generator.config import Config
from generator.extract.entities import parse_lead
from generator.headline import headline
from generator.note_prefix import event_prefix
from generator.opening import opening
from generator.summary import summarise
from generator.tense import present
from generator.wire_case import sentence_case
from generator.write_up import write_up

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_029c2bff8747e05e.txt"
MODEL = Config(root=Path(".")).spacy_model


def parsed(text: str) -> Doc:
    return parse_lead(text, MODEL)


def test_the_seed_gets_a_headline_naming_centcom_and_the_islamic_state_leader() -> None:
    lead = opening(read_article(SEED).paragraphs).lead
    title = headline(parsed(lead))
    assert title == "Centcom announces death of Islamic State leader in eastern Syria"
    assert len(title) <= 80


def test_a_conflict_note_loses_its_date_opener_and_tells_the_event_in_the_present() -> None:
    assert headline(parsed("On 9 May 2020, regime forces shelled Kinda in Idleb using artillery fire. "
                           "Neither fatalities nor injuries were reported.")) == "Regime forces shell Kinda in Idleb"


def test_a_label_before_the_note_is_left_to_the_tags() -> None:
    lead = parsed("Looting: On 9 May 2020, opposition rebels under OPS looted civilians' wheat and barley crops in Tal Baydar in al-Hasakeh.")
    assert event_prefix(lead) == "Looting"
    assert headline(lead) == "Opposition rebels loot civilians' wheat and barley crops in Tal Baydar"
    assert event_prefix(parsed("On 9 May 2020, protesters gathered in Tripoli.")) == ""


def test_notes_of_one_day_that_differ_by_place_get_different_headlines() -> None:
    notes = [f"On 9 May 2020, 8 Saudi-led coalition airstrikes reportedly targeted various areas in {place} district (Ad Dali)."
             for place in ("Qaatabah", "Al Husha", "Damt")]
    titles = [headline(parsed(note)) for note in notes]
    assert len(set(titles)) == 3
    assert all("reportedly" not in t and "Dali" not in t for t in titles)


def test_attribution_becomes_says_with_the_surname_and_the_fact_loses_its_copula() -> None:
    lead = parsed("West German Finance Minister Gerhard Stoltenberg said the Louvre accord was vital to West Germany.")
    assert headline(lead) == "Stoltenberg says Louvre accord vital to West Germany"


def test_unnamed_sources_are_left_out() -> None:
    lead = parsed("Former Finance Minister Noboru Takeshita, chosen on Monday to be Japan's next prime minister, will face a tough "
                  "test in managing Japan's economy from the very start of his two-year term, economists and businessmen said.")
    assert headline(lead).startswith("Takeshita will face tough test")


def test_a_long_name_the_article_abbreviates_gives_way_to_its_short_form() -> None:
    lead = parsed("A Council meeting of the International Natural Rubber Organization (INRO) has been adjourned until Thursday "
                  "as tomorrow is a Malaysian national holiday, officials of the organisation said.")
    assert short_forms(next(lead.sents)) and headline(lead) == "INRO Council meeting adjourned until Thursday"


def test_a_headline_is_short_whole_phrases_and_never_ends_in_an_ellipsis() -> None:
    lead = parsed("On 9 May 2020, Houthi forces reportedly exchanged artillery with pro-Hadi forces on the fronts of Jabal al Kirsh "
                  "front (Al Qabbaytah, Lahij), Bab Ghaliq (Qaatabah, Ad Dali), and Jabal Murays (Qaatabah, Ad Dali), incurring fatalities.")
    title = headline(lead)
    assert title.startswith("Houthi forces exchange artillery with pro-Hadi forces")
    assert len(title) <= 80 and not title.endswith(("…", ",", "and", "of"))


def test_an_empty_lead_has_no_headline() -> None:
    assert headline(parsed("")) == ""


@pytest.mark.parametrize(("sentence", "verb", "words"), [
    ("Centcom announced the death.", "announced", {"announced": "announces"}),
    ("Petronas has advised the government.", "advised", {"has": "", "advised": "advises"}),
    ("The meeting was adjourned.", "adjourned", {"was": ""}),
    ("The Soviets have not indicated a need.", "indicated", {"have": "", "not": "do not", "indicated": "indicate"}),
    ("Oil prices would skyrocket.", "skyrocket", {}),
])
def test_headlines_tell_past_events_in_the_present(sentence: str, verb: str, words: dict[str, str]) -> None:
    doc = parsed(sentence)
    token = next(t for t in doc if t.text == verb)
    assert {doc[i].text: word for i, word in present(token).items()} == words


def test_a_wire_headline_is_put_in_sentence_case_with_its_acronyms_and_names_as_the_story_writes_them() -> None:
    story = ["European Community (EC) ministers backed a commission plan, which is due to be presented to GATT, EC diplomats said.",
             "In May, Malaysia cut output in response to a call by OPEC. Finance Minister Stoltenberg agreed.",
             "Bank of Japan governor Satoshi Sumita welcomed it."]
    assert sentence_case("MINISTERS BACK EC FARM TRADE REFORM PLAN", story) == "Ministers back EC farm trade reform plan"
    assert sentence_case("MALAYSIA HEEDS OPEC CALL, STOLTENBERG SAYS", story) == "Malaysia heeds OPEC call, Stoltenberg says"
    assert sentence_case("SUMITA WELCOMES U.S.-JAPAN PACT", story) == "Sumita welcomes U.S.-Japan pact"
    assert sentence_case("Oil Prices Fall", story) == "Oil Prices Fall"  # not a wire's capitals: kept as written


def test_a_one_sentence_note_is_its_own_summary_without_label_or_coding() -> None:
    lead = parsed("Looting: On 9 May 2020, opposition rebels looted crops in Rihaniya in al-Hasakeh. [size=no report]")
    assert summarise(lead, "Opposition rebels loot crops in Rihaniya") == "On 9 May 2020, opposition rebels looted crops in Rihaniya in al-Hasakeh."


def test_a_summary_never_opens_with_its_title() -> None:
    lead = parsed("Protesters gathered in Tripoli. They demanded the release of activists.")
    assert summarise(lead, "Protesters gathered in Tripoli") == "They demanded the release of activists."
    assert summarise(parsed("Protesters gathered in Tripoli."), "Protesters gathered in Tripoli") == ""


def test_write_up_keeps_the_wire_headline_and_leaves_it_out_of_the_body() -> None:
    paragraphs = ("MINISTERS BACK EC FARM TRADE REFORM PLAN",
                  "LUXEMBOURG, Oct 20 - European Community (EC) ministers backed a commission plan for the reform of world farm trade, EC diplomats said.",
                  "The plan has been drawn up by the EC executive Commission.")
    article = Article("0123456789abcdef", datetime.date(1987, 10, 20), paragraphs)
    made = write_up(article, parsed(opening(paragraphs).lead))
    assert made.title == "Ministers back EC farm trade reform plan"
    assert made.summary.startswith("European Community (EC) ministers backed") and "LUXEMBOURG" not in made.summary
    assert made.body == paragraphs[1:]
