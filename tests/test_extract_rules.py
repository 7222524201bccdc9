"""Extraction rules on small articles of our own: states, demonyms, noise, acronyms, places, order."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.article import Article, parse_article, read_article
from generator.config import Config
from generator.extract import Extraction, extract
from generator.extract.entities import pipeline
from generator.registry import Record, Registry, load_registry

MODEL = Config(root=Path(".")).spacy_model
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_029c2bff8747e05e.txt"


@pytest.fixture(scope="session")
def nlp() -> None:
    """The spaCy pipeline, loaded once for the session (extraction caches it per process)."""
    pipeline(MODEL)


def article(text: str) -> Article:
    return parse_article(f" date 2024-05-01 {text}", "test")


def found(nlp: None, text: str, registry: Registry | None = None) -> Extraction:
    return extract([article(text)], MODEL, registry or Registry()).extractions[0]


def test_the_seed_article(nlp: None) -> None:
    batch = extract([read_article(SEED)], MODEL, Registry())
    result = batch.extractions[0]
    for actor in ("Islamic State", "United States Central Command", "Abu Osama al-Muhajer", "Michael Kurilla", "United States", "Russia"):
        assert actor in result.actors
    for noise in ("Rania Zanoun", "EFE", "Photo", "Centcom", "IS", "Kurilla", "General Michael Kurilla"):
        assert noise not in result.actors
    for place in ("Deir ez-Zor", "Syria", "Iraq"):
        assert place in result.locations
    places = {r.name: r for r in batch.locations}
    assert places["Deir ez-Zor"].country == "Syria"
    assert all(places[p].lat is not None and places[p].lon is not None for p in ("Deir ez-Zor", "Syria", "Iraq"))
    assert "Erik" in {a for r in batch.actors if r.name == "Michael Kurilla" for a in r.aliases}


def test_a_demonym_used_agentively_makes_the_state_an_actor(nlp: None) -> None:
    result = found(nlp, "Russian planes harassed the drones over the desert for an hour on Friday.")
    assert "Russia" in result.actors
    assert "Russia" not in result.locations  # a demonym names no place


def test_a_demonym_that_only_describes_is_no_actor(nlp: None) -> None:
    result = found(nlp, "The jihadist group published an Islamic calendar while Palestinian residents watched.")
    assert result.actors == ()


def test_a_capital_that_speaks_is_the_state_not_a_place(nlp: None) -> None:
    result = found(nlp, "Washington said on Tuesday that the talks with Ottawa had stalled.")
    assert "United States" in result.actors
    assert not any(place.startswith("Washington") for place in result.locations)


def test_a_country_that_acts_is_both_actor_and_place(nlp: None) -> None:
    result = found(nlp, "Malaysia raised its palm oil output last month, traders in Singapore said.")
    assert "Malaysia" in result.actors and "Malaysia" in result.locations


def test_aliases_and_acronyms_resolve_to_one_actor(nlp: None) -> None:
    text = ("The Federation of Widget Makers (FWM) met in Paris. The FWM said ISIS and the Islamic State "
            "were a threat, and Daesh replied.")
    result = found(nlp, text)
    assert "Federation of Widget Makers" in result.actors and "FWM" not in result.actors
    assert result.actors.count("Islamic State") == 1 and "ISIS" not in result.actors and "Daesh" not in result.actors


def test_a_surname_later_is_the_same_person(nlp: None) -> None:
    result = found(nlp, "Foreign Minister Karel Dvorak arrived in Prague on Monday. Dvorak said he was hopeful.")
    assert "Karel Dvorak" in result.actors and "Dvorak" not in result.actors


def test_photo_credits_and_agencies_are_no_actors(nlp: None) -> None:
    text = ("Rescuers at work in Syria on Monday. | Photo: Jane Roe/AFP\n\n"
            "Rescue teams searched the rubble in northern Syria for a third day, a spokesman told Reuters.")
    result = found(nlp, text)
    assert not {"Jane Roe", "AFP", "Agence France-Presse", "Reuters", "Photo"} & set(result.actors)
    assert "Syria" in result.locations


def test_a_region_of_a_country_lists_the_country(nlp: None) -> None:
    assert "Syria" in found(nlp, "Clashes were reported in eastern Syria on Monday.").locations


def test_admin_units_in_parentheses_are_places(nlp: None) -> None:
    result = found(nlp, "On 3 May 2021, Houthi forces shelled Bayt Hamid village (Al Hazm, Al Jawf) in Yemen.")
    assert "Houthis" in result.actors
    assert "Al Hazm District" in result.locations
    assert "Al Jawf Governorate" in result.locations


def test_the_registry_decides_the_canonical_name(nlp: None) -> None:
    registry = Registry({"Acme Widgets": Record("Acme Widgets", "company", ("Widgetco",))}, {})
    assert "Acme Widgets" in found(nlp, "Widgetco said on Monday it would close two factories in Ohio.", registry).actors


def test_lists_are_ordered_by_importance(nlp: None) -> None:
    text = ("Turkey said it would open the border. Later Greece, which has complained before, "
            "said that Turkey had not consulted it, and Turkey replied that it had.")
    assert found(nlp, text).actors[0] == "Turkey"


def test_ingest_writes_the_registry_and_later_ingests_use_it(tmp_path: Path, nlp: None) -> None:
    from generator.ingest import ingest

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "000_029c2bff8747e05e.txt").write_bytes(SEED.read_bytes())
    ingest(Config(root=tmp_path), say=lambda line: None)
    registry = load_registry(tmp_path / "content")
    deir = registry.location("Deir al Zur")
    assert deir is not None and deir.name == "Deir ez-Zor" and deir.country == "Syria" and deir.lat is not None
    assert registry.actor("Centcom").name == "United States Central Command"


def test_a_users_correction_in_the_registry_applies_to_later_ingests(nlp: None) -> None:
    user = Registry({"ISIS": Record("ISIS", "armed group", ("Islamic State", "IS", "Daesh"))}, {})
    result = found(nlp, "Fighters of the Islamic State attacked a village on Monday, and Daesh claimed the attack.", user)
    assert "ISIS" in result.actors and "Islamic State" not in result.actors


def test_an_edited_registry_is_read_back_by_ingest(tmp_path: Path, nlp: None) -> None:
    from generator.ingest import ingest

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "000_029c2bff8747e05e.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "actors.yml").write_text("Kurilla, Michael:\n  kind: person\n  aliases: [Michael Kurilla]\n", encoding="utf-8")
    ingest(Config(root=tmp_path), say=lambda line: None)
    entry = next((tmp_path / "content").rglob("*.md")).read_text(encoding="utf-8")
    assert "- Kurilla, Michael\n" in entry and "- Michael Kurilla\n" not in entry
