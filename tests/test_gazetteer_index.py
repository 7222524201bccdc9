"""The gazetteer index: built once from the installed GeoNames data, then opened from disk."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from generator.extract import gazetteer_index
from generator.extract.gazetteer_index import CITY, DISTRICT, REGION, Columns

NAN = float("nan")
# Marib as the installed data has it, a city in its district in its governorate: three rows instead of the
# hundreds of thousands that take half a minute to read, so the test of caching does not build the real index
MARIB = Columns(names=["Marib", "Marib", "Marib"], countries=["YE", "YE", "YE"], kinds=[CITY, REGION, DISTRICT],
                units=["", "Governorate", "District"], lat=array("d", [15.46, 15.46, NAN]), lon=array("d", [45.33, 45.33, NAN]),
                population=array("q", [16794, 0, 0]), region=array("q", [1, -1, 1]), district=array("q", [2, -1, -1]),
                alternates=["Ma'rib\x1fMarib City", "", ""], country_centres={"YE": (15.46, 45.33)})


def marib(db) -> list[tuple[str, str, str]]:
    return db.execute("SELECT name, country, kind FROM place WHERE row IN (SELECT row FROM name WHERE key = 'marib')").fetchall()


def test_the_index_is_built_once_then_opened_and_its_name_changes_with_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(gazetteer_index, "build", lambda: MARIB)
    path = gazetteer_index.cache_path()
    assert path.parent == tmp_path / "timeline" and not path.exists()
    db = gazetteer_index.connect()  # builds it
    built = path.stat().st_mtime_ns
    assert sorted(marib(db)) == [("Marib", "YE", CITY), ("Marib", "YE", DISTRICT), ("Marib", "YE", REGION)]
    assert db.execute("SELECT row FROM name WHERE key = 'marib city'").fetchall() == [(0,)]  # alternate names are keys too
    gazetteer_index.connect().close()
    assert path.stat().st_mtime_ns == built  # opened, not rebuilt
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no scratch file left behind
    monkeypatch.setattr(gazetteer_index, "_FORMAT", gazetteer_index._FORMAT + 1)
    assert gazetteer_index.cache_path() != path  # another index version: another file, so a stale one is never read


def test_the_index_of_the_installed_data_has_a_city_s_region_and_district_under_its_name() -> None:
    db = gazetteer_index.connect()  # the one every extraction uses: built once per machine, when the data or the code changes
    rows = marib(db)
    assert {"YE"} == {country for _, country, _ in rows} and {CITY, REGION, DISTRICT} <= {kind for _, _, kind in rows}
