"""Where places are, on small articles of our own: same-name places by evidence, datelines, not-places, countries."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.article import parse_article
from generator.config import Config
from generator.extract import base_registry, extract
from generator.extract.choose import Evidence, Prior, choose, km
from generator.extract.places import gazetteer
from generator.registry import Record, Registry

MODEL = Config(root=Path(".")).spacy_model


@pytest.fixture(scope="module")
def places() -> object:
    """Extracts articles together, as one ingest run does, and gives each one's places as records, in order."""
    def run(*texts: str, registry: Registry | None = None) -> list[list[Record]]:
        articles = [parse_article(f" date 2020-05-09 {text}", f"note-{number}") for number, text in enumerate(texts)]
        batch = extract(articles, MODEL, registry or Registry())
        records = {r.name: r for r in batch.locations}
        full = base_registry()
        return [[records.get(name) or full.location(name) for name in e.locations] for e in batch.extractions]

    return run


def test_tripoli_in_a_lebanese_story_is_in_lebanon_and_in_a_libyan_one_in_libya(places) -> None:
    lebanese, libyan = places("Lebanese army soldiers clashed with gunmen in Tripoli on Sunday.",
                              "Libyan forces loyal to the government fought near Tripoli and Misrata.")
    assert (lebanese[0].name, lebanese[0].country) == ("Tripoli", "Lebanon")
    assert lebanese[0].region  # North Lebanon's governorate
    assert libyan[0].country == "Libya"
    assert km(lebanese[0].lat, lebanese[0].lon, libyan[0].lat, libyan[0].lon) > 1000


def test_a_bare_tripoli_follows_the_timeline_it_joins(places) -> None:
    *_, note = places("Protesters gathered in Nabatieh.", "Protesters blocked a road in Sidon.", "Protesters gathered outside the Seray in Tripoli.")
    seray, tripoli = note
    assert tripoli.country == "Lebanon"
    assert (seray.country, seray.lat, seray.approximate) == ("Lebanon", tripoli.lat, True)  # a building: at its city


def test_houla_near_the_border_of_south_lebanon_is_in_lebanon(places) -> None:
    [houla, *_] = places("Israeli shelling hit the town of Houla in south Lebanon, residents said.")[0]
    assert houla.name == "Houla" and houla.country == "Lebanon"


def test_the_us_dollar_is_no_place_and_roads_stay_in_the_story(places) -> None:
    [found] = places("Protesters blocked the Baalbek-Homs road and the main road in Zouq Mosbeh against the high US dollar "
                     "exchange rate and the fall of the Lebanese pound.")
    assert "United States" not in [r.name for r in found]
    assert {r.country for r in found} == {"Lebanon"}


def test_accords_and_banks_named_after_places_are_not_places(places) -> None:
    [found] = places("The Louvre Accord kept the dollar stable, the Bank of Lebanon said.")
    assert [r.name for r in found if r.name in {"Louvre", "Lebanon"}] == []


def test_a_dateline_is_listed_last_and_decides_nothing(places) -> None:
    [found] = places("DAMASCUS, May 3 (Reuters) - Iran's foreign ministry said on Sunday that Tehran would send more aid to Iraq.")
    names = [r.name for r in found]
    assert names[-1] == "Damascus" and names[0] != "Damascus"
    assert "Syria" not in names


def test_a_village_the_gazetteer_lacks_takes_the_district_and_region_around_it(places) -> None:
    [found] = places("Houthi forces shelled Qaniyah (Mahliyah, Marib), killing a civilian.")
    village, district, region = found
    assert (village.name, village.country, village.region, village.approximate) == ("Qaniyah", "Yemen", "Marib Governorate", True)
    assert (village.lat, village.lon) == (district.lat, district.lon)
    assert (district.name, district.kind, district.country) == ("Mahliyah District", "district", "Yemen")
    assert (region.name, region.kind, region.country) == ("Marib Governorate", "region", "Yemen")


def test_governorates_have_their_country_so_the_country_finds_them(places) -> None:
    [found] = places("Coalition airstrikes hit Sirwah District in Marib Governorate and Ad Dali Governorate.")
    assert {r.country for r in found} == {"Yemen"}
    assert all(r.lat is not None for r in found)


def test_a_country_sits_at_its_centroid_not_its_capital() -> None:
    syria, damascus = base_registry().location("Syria"), gazetteer().find("Damascus", ["SY"])
    assert km(syria.lat, syria.lon, damascus.lat, damascus.lon) > 100
    assert 34 < syria.lat < 36.5 and 37 < syria.lon < 40


def test_evidence_beats_population_and_every_choice_says_why() -> None:
    candidates = gazetteer().candidates("Tripoli")
    by_population = choose(candidates, Evidence(), Prior(), gazetteer().countries)
    in_lebanon = choose(candidates, Evidence(countries=frozenset({"LB"})), Prior(), gazetteer().countries)
    assert by_population.place.country == "LY" and in_lebanon.place.country == "LB"
    assert "in Lebanon, which the article names" in in_lebanon.reasons
    near_beirut = choose(candidates, Evidence(anchors=(("Beirut", 33.89, 35.50),)), Prior(), gazetteer().countries)
    assert near_beirut.place.country == "LB" and any("km from Beirut" in reason for reason in near_beirut.reasons)


def test_a_small_place_with_nothing_but_its_population_for_it_is_not_guessed() -> None:
    assert choose(gazetteer().candidates("Majzar"), Evidence(), Prior(), gazetteer().countries) is None
    assert choose(gazetteer().candidates("Majzar"), Evidence(countries=frozenset({"YE"})), Prior(), gazetteer().countries).place.country == "YE"


def test_locations_explain_shows_the_candidates_and_why_the_entry_got_its_one(tmp_path: Path, capsys) -> None:
    from generator.cli import main

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "note.txt").write_text(" date 2020-05-09 Lebanese army soldiers clashed with gunmen in Tripoli.", encoding="utf-8")
    assert main(["ingest", "--root", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["locations", "--explain", "Tripoli", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "the registry has 'Tripoli' (city, in North Lebanon Governorate, Lebanon)" in out
    assert "Tripoli (city, Libya), population 1,302,947" in out
    chosen = next(line for line in out.splitlines() if "→" in line)
    assert "in Lebanon, which the article's actors imply" in chosen  # "Lebanese army"


def test_what_attackers_imply_is_weaker_than_where_the_units_say(places) -> None:
    [found] = places("Russian forces shelled Avdiivka (Pokrovsk, Donetsk), injuring one civilian.")
    assert {r.country for r in found} == {"Ukraine"}
    assert found[0].name.startswith("Avdi") and found[0].region == "Donetsk Oblast"


def test_the_name_before_a_parenthesis_of_units_is_a_place_even_when_the_model_misses_it(places) -> None:
    [found] = places("Regime forces shelled Kafr Nabl (Aleppo, Syria).")
    village, region, country = found
    assert "Kafr Nabl" in village.aliases and village.country == "Syria"
    assert (region.name, region.kind) == ("Aleppo Governorate", "region") and country.name == "Syria"


def test_a_name_after_near_that_the_model_missed_is_a_place_when_geonames_and_the_article_agree(places) -> None:
    [found] = places("Turkish troops clashed with Kurdish fighters near Manbij in northern Syria.")
    assert (found[0].name, found[0].country) == ("Manbij", "Syria")
    [none] = places("The minister said nothing near Wednesday in Brussels about Reagan.")
    assert [r.name for r in none] == ["Brussels"]


def test_a_wire_dateline_with_a_state_picks_the_city_and_both_come_last(places) -> None:
    [found] = places("CAMBRIDGE, Mass., March 18 - Lotus Development Corp said it would cut its prices in Europe.")
    assert [r.name for r in found] == ["Europe", "Cambridge", "Massachusetts"]
    assert (found[1].country, found[1].region) == ("United States", "Massachusetts") and found[1].lon < -70


def test_an_actor_tied_to_a_country_is_evidence_of_where_the_story_is(places) -> None:
    [found] = places("Hezbollah fighters gathered in Tripoli on Sunday.")
    assert (found[0].name, found[0].country) == ("Tripoli", "Lebanon")
