"""The registry: canonical names found through any alias, read and written as sorted YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import TimelineError
from generator.registry import Record, Registry, load_registry, merge, name_key, save_registry
from generator.registry_file import read_file

CENTCOM = Record("United States Central Command", "military command", ("Centcom", "US Central Command"))
DEIR = Record("Deir ez-Zor", "city", ("Dayr az Zawr", "Deir al-Zor"), country="Syria", lat=35.33588, lon=40.14084)


def test_any_alias_finds_the_record_whatever_its_case_accents_or_punctuation() -> None:
    registry = Registry({CENTCOM.name: CENTCOM}, {DEIR.name: DEIR})
    assert registry.actor("CENTCOM") == CENTCOM
    assert registry.actor("the US Central Command") == CENTCOM
    assert registry.location("deir al zor") == DEIR
    assert registry.location("Déir ez Zor") == DEIR
    assert registry.actor("Deir ez-Zor") is None  # actors and places are looked up apart


def test_names_looked_up_at_once_find_what_they_find_one_by_one() -> None:
    registry = Registry({CENTCOM.name: CENTCOM}, {DEIR.name: DEIR})
    names = ["CENTCOM", "nobody", "the US Central Command", "Deir al Zor", "", "Deir ez-Zor"]
    assert registry.records("actors", names) == [registry.actor(n) for n in names] == [CENTCOM, None, CENTCOM, None, None, None]
    assert registry.records("locations", names) == [registry.location(n) for n in names] == [None, None, None, DEIR, None, DEIR]


def test_name_key_ignores_case_accents_punctuation_and_a_leading_the() -> None:
    assert name_key("The U.S.") == name_key("u s") == "u s"
    assert name_key("Aydın") == name_key("Aydin")


def test_saved_registry_reads_back_the_same(tmp_path: Path) -> None:
    registry = Registry({CENTCOM.name: CENTCOM}, {DEIR.name: DEIR})
    save_registry(tmp_path, registry)
    assert load_registry(tmp_path) == registry


def test_registry_files_are_sorted_so_diffs_stay_small(tmp_path: Path) -> None:
    zeta, alpha = Record("Zeta Group", "organisation"), Record("Alpha Group", "organisation", ("AG", "Alpha"))
    save_registry(tmp_path, Registry({zeta.name: zeta, alpha.name: alpha}, {}))
    text = (tmp_path / "actors.yml").read_text(encoding="utf-8")
    assert text.index("Alpha Group:") < text.index("Zeta Group:")
    assert "  - AG\n  - Alpha\n" in text


def test_a_place_record_keeps_country_and_coordinates(tmp_path: Path) -> None:
    save_registry(tmp_path, Registry({}, {DEIR.name: DEIR}))
    text = (tmp_path / "locations.yml").read_text(encoding="utf-8")
    assert "country: Syria" in text and "lat: 35.33588" in text and "lon: 40.14084" in text


def test_names_like_no_stay_text(tmp_path: Path) -> None:
    (tmp_path / "actors.yml").write_text("NO:\n  kind: organisation\n  aliases: [On, Yes]\n", encoding="utf-8")
    assert load_registry(tmp_path).actor("on") == Record("NO", "organisation", ("On", "Yes"))


def test_a_broken_registry_file_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "locations.yml"
    path.write_text("Syria:\n  kind: country\n  aliases: [Syrian Arab Republic\n", encoding="utf-8")
    with pytest.raises(TimelineError) as error:
        load_registry(tmp_path)
    assert str(path) in error.value.format_message()
    assert error.value.problems[0].line is not None


def test_a_record_that_is_not_a_mapping_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "actors.yml").write_text("Hamas: armed group\n", encoding="utf-8")
    with pytest.raises(TimelineError) as error:
        load_registry(tmp_path)
    assert error.value.problems[0].line == 1


def test_the_users_record_wins_over_the_base_record() -> None:
    base = Registry({"Islamic State": Record("Islamic State", "armed group", ("IS", "ISIS"))}, {})
    user = Registry({"Islamic State": Record("Islamic State", "armed group", ("IS", "ISIS", "Daesh"), description="edited")}, {})
    merged = merge(base, user)
    assert merged.actor("Daesh") is not None and merged.actor("Daesh").description == "edited"


def test_a_user_merge_under_a_new_name_replaces_the_base_record() -> None:
    base = Registry({"ISIL": Record("ISIL", "armed group")}, {})
    user = Registry({"Islamic State": Record("Islamic State", "armed group", ("ISIL",))}, {})
    merged = merge(base, user)
    assert list(merged.actors) == ["Islamic State"]
    assert merged.actor("ISIL").name == "Islamic State"


def test_new_records_are_added_and_new_aliases_join_the_record_they_name() -> None:
    registry = Registry({CENTCOM.name: CENTCOM}, {})
    grown = registry.with_records((Record("Centcom", "organisation", ("Central Command",)), Record("Hamas", "armed group")))
    assert set(grown.actors) == {CENTCOM.name, "Hamas"}
    assert grown.actor("Central Command").name == CENTCOM.name
    assert registry.actor("Central Command") is None  # the registry itself is unchanged


def test_saving_adds_to_the_file_as_it_is_keeping_its_comments_and_records(tmp_path: Path) -> None:
    (tmp_path / "actors.yml").write_text("# by hand\nHamas:  # the movement\n  kind: armed group\n  wikidata: Q38799\n", encoding="utf-8")
    save_registry(tmp_path, Registry({CENTCOM.name: CENTCOM}, {}))  # a registry read before Hamas was added
    text = (tmp_path / "actors.yml").read_text(encoding="utf-8")
    assert text.startswith("# by hand\nHamas:  # the movement\n  kind: armed group\n  wikidata: Q38799\n")
    assert load_registry(tmp_path).actor("Centcom") == CENTCOM and load_registry(tmp_path).actor("Hamas") is not None


def test_coordinates_come_in_pairs_on_the_globe(tmp_path: Path) -> None:
    (tmp_path / "locations.yml").write_text("Raqqa:\n  kind: city\n  lat: 95\n  lon: 39\nAleppo:\n  lon: 37\n", encoding="utf-8")
    with pytest.raises(TimelineError) as error:
        load_registry(tmp_path)
    assert [(p.line, p.message) for p in error.value.problems] == [
        (3, "'Raqqa': lat must be a finite number from -90 to 90, got 95"), (6, "'Aleppo': lon is given without lat (give both, or neither)")]


def test_a_registry_file_keeps_the_line_of_each_record_name_and_alias(tmp_path: Path) -> None:
    (tmp_path / "actors.yml").write_text("Hamas:\n  kind: armed group\n  aliases:\n  - Harakat\nIslamic State:\n  aliases: [IS, ISIS]\n",
                                         encoding="utf-8")
    found = read_file(tmp_path / "actors.yml")
    assert found.lines == {"Hamas": 1, "Islamic State": 5}
    assert found.names == ((1, "Hamas", "Hamas"), (4, "Hamas", "Harakat"), (5, "Islamic State", "Islamic State"),
                           (6, "Islamic State", "IS"), (6, "Islamic State", "ISIS"))
