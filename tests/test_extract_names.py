"""Cleaning entity spans into names (titles, nicknames, legal forms, noise), what the words around them say, states that act."""

from __future__ import annotations

from generator.extract.coref import defined_acronym, full_person, is_acronym_of, registry_person, written_in_full
from generator.extract.kinds import is_common_noun, names_company, names_portfolio, names_thing
from generator.extract.names import clean_name, credit_names
from generator.extract.states import acts
from generator.registry import Record, Registry


def test_titles_and_ranks_are_stripped_from_people() -> None:
    assert clean_name("General Michael Kurilla", person=True).text == "Michael Kurilla"
    assert clean_name("Prime Minister Yuki Tanaka", person=True).text == "Yuki Tanaka"
    assert clean_name("Mr. John Smith", person=True).text == "John Smith"


def test_a_quoted_nickname_becomes_an_alias() -> None:
    name = clean_name("General Michael “Erik” Kurilla", person=True)
    assert name.text == "Michael Kurilla"
    assert name.aliases[0] == "Erik"


def test_possessives_and_leading_articles_are_stripped() -> None:
    assert clean_name("the Islamic State's").text == "Islamic State"
    assert clean_name("(the IS’s").text == "IS"


def test_legal_form_suffixes_are_stripped() -> None:
    assert clean_name("Acme Trading Co Ltd").text == "Acme Trading"
    assert clean_name("<Harbour Steel Ltd>").text == "Harbour Steel"


def test_noise_is_no_name() -> None:
    for noise in ("Photo", "Sunday", "March", "Government", "communist party", "2019"):
        assert clean_name(noise).text == ""


def test_an_acronym_given_with_an_unclosed_parenthesis_is_an_alias() -> None:
    name = clean_name("Federation of Widget Makers (FWM")
    assert (name.text, name.aliases) == ("Federation of Widget Makers", ("FWM",))


def test_wire_spellings_of_umlauts_give_an_alias() -> None:
    assert "Hans Köhler" in clean_name("Hans Koehler", person=True).aliases
    assert clean_name("Michael Samuel", person=True).aliases == ()


def test_photo_credits_name_people_and_agencies() -> None:
    assert credit_names("Jane Roe/EFE") == {"jane roe", "efe"}


def test_acronyms_defined_in_the_text() -> None:
    text = "The Central Command (Centcom) said"
    assert defined_acronym(text, len("The Central Command")) == "Centcom"
    assert is_acronym_of("Centcom", "Central Command")
    assert is_acronym_of("GATT", "General Agreement on Tariffs and Trade")
    assert not is_acronym_of("Stoltz", "STOLTZ")


def test_a_surname_is_the_person_named_in_full() -> None:
    people = ["Michael Kurilla", "Ann Lee"]
    assert full_person("Kurilla", people) == "Michael Kurilla"
    assert full_person("Park", people) == "Park"


def test_an_abbreviation_inside_a_name_is_written_out() -> None:
    assert clean_name("<Petroleum Corp of New Zealand Ltd>").text == "Petroleum Corporation of New Zealand"
    assert clean_name("Nippon Steel Corp").text == "Nippon Steel"


def test_common_nouns_and_diseases_are_no_names() -> None:
    for noise in ("Coronavirus", "COVID-19", "ATM", "Martyr", "The Central Bank"):
        assert clean_name(noise).text == "", noise


def test_compound_given_names_are_kept() -> None:
    assert clean_name("Premier Mir-Hossein Mousavi", person=True).text == "Mir-Hossein Mousavi"
    assert written_in_full("Iranian Premier Mir-Hossein Mousavi said so. Mousavi told reporters", "Mousavi") == "Mir-Hossein Mousavi"
    assert written_in_full("Mousavi told reporters", "Mousavi") == "Mousavi"


def test_a_bare_surname_is_the_registry_s_one_person_of_that_name() -> None:
    registry = Registry({"Ronald Reagan": Record("Ronald Reagan", "person"), "Reagan": Record("Reagan", "person")})
    assert registry_person("Reagan", registry) == "Ronald Reagan"
    two = Registry({**registry.actors, "Nancy Reagan": Record("Nancy Reagan", "person")})
    assert registry_person("Reagan", two) == ""
    assert registry_person("Ford", Registry({"Ford Motor": Record("Ford Motor", "organisation")})) == ""


def test_the_words_around_a_name_say_what_it_is() -> None:
    assert names_thing("committed to the Louvre accord. Louvre cooperation had ended", "Louvre")
    assert names_thing("He said the Reshadat rigs were burning", "Reshadat")
    assert names_company("Malaysia's national oil company, Petronas, has advised", "Petronas")
    assert names_company("Petronas's Vice-President for Upstream Sector said", "Petronas")
    assert not names_company("Abdul Rachman Ramly, the President of state oil company Pertamina, said", "Abdul Rachman Ramly")
    assert names_portfolio("Petronas's Vice-President for Upstream Sector", len("Petronas's Vice-President for "))
    assert is_common_noun("The Martyr was buried; every martyr is mourned", "Martyr")
    assert not is_common_noun("Rice said rates would rise", "Rice")


def test_states_in_a_list_act_together() -> None:
    text = "Representatives of the U.S., The Soviet Union, the European Community and Japan agreed"
    for state in ("U.S.", "The Soviet Union", "Japan"):
        assert acts(text, text.find(state), text.find(state) + len(state)), state
    text = "Monday's U.S. And West German joint confirmation of their commitment"
    assert acts(text, text.find("U.S."), text.find("U.S.") + 4)
    text = "forces in Syria and Iraq will continue"
    assert not acts(text, text.find("Iraq"), text.find("Iraq") + 4)
