"""Actors as an analyst codes them: unnamed forces and crowds under conflict-data names, kinds, people across articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.article import Article, parse_article
from generator.config import Config
from generator.extract import Batch, extract
from generator.extract.base import base_registry
from generator.extract.context import Context
from generator.extract.entities import pipeline
from generator.extract.forces import code
from generator.extract.generic import find_generic
from generator.registry import Record, Registry

MODEL = Config(root=Path(".")).spacy_model
SYRIA = Context(frozenset({"SY"}), "Syria", "Syria")
YEMEN = Context(frozenset({"YE"}), "Yemen", "Yemen")
NOWHERE = Context(frozenset(), "", "")


@pytest.fixture(scope="session")
def nlp() -> None:
    """The spaCy pipeline, loaded once for the session (extraction caches it per process)."""
    pipeline(MODEL)


def article(text: str) -> Article:
    return parse_article(f" date 2024-05-01 {text}", "test")


def batch(texts: list[str], registry: Registry | None = None) -> Batch:
    return extract([article(t) for t in texts], MODEL, registry or Registry())


def actors(text: str, registry: Registry | None = None) -> tuple[str, ...]:
    return batch([text], registry).extractions[0].actors


def coded(phrase: str, context: Context) -> list[tuple[str, str]]:
    """(actor, commanding state) for one generic phrase in an article with this context."""
    return [(c.record.name, c.state) for c in code(phrase, base_registry(), context)]


# Generic forces and crowds: the words that name them, and whose they are


def test_a_demonym_says_whose_forces_they_are() -> None:
    assert coded("Israeli forces", NOWHERE) == [("Military Forces of Israel", "Israel")]
    assert coded("Turkish police", SYRIA) == [("Police Forces of Turkey", "Turkey")]
    assert coded("Lebanon's army", NOWHERE) == [("Military Forces of Lebanon", "Lebanon")]
    assert coded("U.S. troops", NOWHERE) == [("Military Forces of the United States", "United States")]


def test_without_a_qualifier_the_group_is_the_article_country_s_or_none() -> None:
    assert coded("soldiers", SYRIA) == [("Military Forces of Syria", "")]
    assert coded("protesters", SYRIA) == [("Protesters (Syria)", "")]
    assert coded("innocent civilians", SYRIA) == [("Civilians (Syria)", "")]
    assert coded("Kurdish protesters", SYRIA) == [("Protesters (Syria)", "")]  # a crowd is its country's, whoever is in it
    assert coded("Angry Lebanese protesters", SYRIA) == [("Protesters (Lebanon)", "")]
    assert coded("soldiers", NOWHERE) == []


def test_conflict_data_spells_some_countries_its_own_way() -> None:
    palestine = Context(frozenset({"PS"}), "Palestinian Territory", "")
    assert coded("civilians", palestine) == [("Civilians (Palestine)", "")]


def test_news_forms_of_one_country_are_registry_aliases_counted_in_its_articles() -> None:
    assert coded("regime forces", SYRIA) == [("Military Forces of Syria", "Syria")]
    assert coded("pro-Hadi and tribal affiliated forces", YEMEN) == [("Military Forces of Yemen", "Yemen")]
    libya = Context(frozenset({"LY"}), "Libya", "Libya")
    assert coded("regime forces", libya) == [("Military Forces of Libya", "Libya")]  # the state word, not Syria's alias


def test_someone_else_s_forces_are_no_state_s() -> None:
    for phrase in ("Houthi forces", "Kurdish-led forces", "National Resistance forces", "pro-Houthi forces", "tribal forces"):
        assert coded(phrase, YEMEN) == [], phrase


def test_means_of_war_need_someone_to_command_them() -> None:
    assert coded("regime shelling", SYRIA) == [("Military Forces of Syria", "Syria")]
    assert coded("Russian planes", SYRIA) == [("Military Forces of Russia", "Russia")]
    assert coded("artillery", SYRIA) == []


def test_a_state_s_protest_is_diplomacy_not_a_crowd() -> None:
    assert coded("held a protest", SYRIA) == [("Protesters (Syria)", "")]
    assert coded("Japan protested against", SYRIA) == []


def test_coordinated_demonyms_name_both_forces() -> None:
    assert [name for name, _ in coded("Israeli and Palestinian forces", NOWHERE)] == ["Military Forces of Israel", "Military Forces of Palestine"]


def test_group_words_are_found_as_tokens_with_the_words_before_them(nlp: None) -> None:
    model = pipeline(MODEL)
    doc = model("Security forces fired on demonstrators; market forces rose and it forces the banks to pay a civilian aircraft.")
    assert [m.text for m in find_generic(model, doc)] == ["Security forces", "demonstrators"]
    doc = model("Forces reportedly thwarted it as pro-Hadi and allied forces (Houthi forces) met protesters.")
    assert [m.text for m in find_generic(model, doc)] == ["Forces", "pro-Hadi and allied forces", "Houthi forces", "protesters"]
    doc = model("The ministry said police deployed troops as an army of investors watched.")
    assert [m.text for m in find_generic(model, doc)] == ["police", "troops"]


def test_forces_and_crowds_in_an_article_about_one_country(nlp: None) -> None:
    found = actors("On 9 May 2020, regime forces shelled Kinda in Idleb, and a regime sniper killed a civilian in Aleppo.")
    assert "Military Forces of Syria" in found and "Civilians (Syria)" in found and "Syria" in found


def test_pro_x_forces_are_the_state_s_forces_and_x_their_side_once_named_in_full(nlp: None) -> None:
    note = "On 9 May 2020, pro-Hadi forces exchanged artillery with Houthi forces on the fronts of Marib and Al Bayda in Yemen."
    found = actors(note)
    assert {"Military Forces of Yemen", "Yemen", "Houthis"} <= set(found) and "Hadi" not in found  # no bare surname as a person
    hadi = Registry(actors={"Abdrabbuh Mansur Hadi": Record("Abdrabbuh Mansur Hadi", "person", ("Hadi",))})
    assert "Abdrabbuh Mansur Hadi" in actors(note, hadi)
    assert "Military Forces of Yemen" not in actors("On 9 May 2020, pro-Houthi forces shelled Marib in Yemen.")


def test_people_in_a_protest_are_coded_beside_the_protesters(nlp: None) -> None:
    assert {"Protesters (Iran)", "Health Workers (Iran)"} <= set(actors("A group of nurses in Tehran held a protest against short contracts."))
    assert "Health Workers (Iran)" not in actors("Nurses in Tehran worked long shifts.")


def test_no_generic_actor_without_a_country(nlp: None) -> None:
    assert actors("Soldiers fired into the air as protesters gathered outside the hall.") == ()


# Kinds are right or the name is dropped


def kinds(text: str) -> dict[str, str]:
    return {r.name: r.kind for r in batch([text]).actors}


def test_a_company_beside_company_is_an_organisation_not_a_person(nlp: None) -> None:
    found = kinds("KUALA LUMPUR, Oct 20 - Malaysia's national oil company, Petronas, has advised the government to raise output.")
    assert found.get("Petronas") == "organisation"


def test_an_accord_a_platform_and_a_common_noun_are_no_actors(nlp: None) -> None:
    found = actors("The Bank of Japan will adhere to the Louvre accord, he said, as talk of Louvre cooperation ended.")
    assert "Louvre" not in found
    found = actors("He said the Reshadat rigs, east of Bahrain, were still burning after the attack by Iraqi jets.")
    assert "Reshadat" not in found
    for noise in ("ATM", "Coronavirus", "Central Bank"):
        assert noise not in actors(f"The {noise} was in the news again, officials in Tehran said on Sunday."), noise


# People across an article and across articles


def test_a_surname_takes_the_compound_given_names_the_article_writes(nlp: None) -> None:
    found = actors("DAMASCUS, Oct 20 - Iranian Premier Mir-Hossein Mousavi reiterated his warning. \"We will retaliate,\" Mousavi told a news conference.")
    assert "Mir-Hossein Mousavi" in found and "Mousavi" not in found


def test_a_bare_surname_in_a_later_article_is_the_registry_s_one_person(nlp: None) -> None:
    first = "WASHINGTON, Oct 19 - President Ronald Reagan met his advisers on Monday."
    later = "WASHINGTON, Oct 20 - President Reagan sent the five-year agreement to the Senate for approval."
    assert "Ronald Reagan" in batch([first, later]).extractions[1].actors
    two = Registry({"Nancy Reagan": Record("Nancy Reagan", "person")})
    assert "Ronald Reagan" not in batch([first, later], two).extractions[1].actors  # two Reagans: the surname stays


def test_a_registry_person_written_in_full_is_found_where_the_model_sees_no_name(nlp: None) -> None:
    registry = Registry({"Satoshi Sumita": Record("Satoshi Sumita", "person")})
    text = "TOKYO, Oct 20 - Bank of Japan Governor Satoshi Sumita also tried to calm the panic on the Tokyo market."
    assert "Satoshi Sumita" in actors(text, registry)


def test_the_government_of_an_article_about_one_country_is_that_state(nlp: None) -> None:
    text = "The Government will sell its stake in the national airline, Finance Minister Roger Douglas told reporters in Auckland, New Zealand."
    assert "New Zealand" in actors(text)
