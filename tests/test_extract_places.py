"""Places resolved against GeoNames, with the names readers know as canonical names."""

from __future__ import annotations

from generator.extract.base import base_registry
from generator.extract.places import gazetteer


def test_a_transliteration_finds_the_city_by_fuzzy_matching() -> None:
    city = gazetteer().find("Deir al Zur", ["SY"])
    record = gazetteer().record(city, "Deir al Zur")
    assert (record.name, record.country) == ("Deir ez-Zor", "Syria")
    assert record.lat is not None and record.lon is not None
    assert "Deir al Zur" in record.aliases and "Dayr az Zawr" in record.aliases


def test_the_common_english_form_is_the_name_and_scholarly_ones_aliases() -> None:
    city = gazetteer().find("Raqqa")
    record = gazetteer().record(city, "Raqqa")
    assert record.name == "Raqqa"
    assert "Ar Raqqah" in record.aliases


def test_a_city_named_like_its_country_is_called_city() -> None:
    city = gazetteer().find("Luxembourg")
    assert gazetteer().record(city, "Luxembourg").name == "Luxembourg City"


def test_a_small_place_elsewhere_is_not_taken_for_a_name_in_the_article() -> None:
    assert gazetteer().find("Qwertyvillez") is None


def test_the_base_registry_knows_countries_with_coordinates_and_states_with_aliases() -> None:
    base = base_registry()
    syria = base.location("Syrian Arab Republic")
    assert syria is not None and syria.name == "Syria" and syria.lat is not None
    assert base.actor("U.S.").name == "United States"
    assert base.actor("Washington").name == "United States"  # the government, as an actor
    assert base.location("Washington") is None  # not the country, as a place
    assert base.actor("Daesh").name == base.actor("ISIL").name == "Islamic State"
