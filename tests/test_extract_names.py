"""Cleaning entity spans into names: titles, nicknames, possessives, articles, legal forms, noise."""

from __future__ import annotations

from generator.extract.coref import defined_acronym, full_person, is_acronym_of
from generator.extract.names import clean_name, credit_names


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
