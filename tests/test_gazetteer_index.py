"""The gazetteer index: built once from the installed GeoNames data, then opened from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.extract import gazetteer_index


def test_the_index_is_built_once_then_opened_and_its_name_changes_with_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = gazetteer_index.cache_path()
    assert path.parent == tmp_path / "timeline" and not path.exists()
    db = gazetteer_index.connect()  # builds it: some seconds
    built = path.stat().st_mtime_ns
    rows = db.execute("SELECT name, country, kind FROM place WHERE row IN (SELECT row FROM name WHERE key = 'marib')").fetchall()
    assert {"YE"} == {country for _, country, _ in rows} and {"city", "region", "district"} <= {kind for _, _, kind in rows}
    gazetteer_index.connect().close()
    assert path.stat().st_mtime_ns == built  # opened, not rebuilt
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no scratch file left behind
    monkeypatch.setattr(gazetteer_index, "_FORMAT", gazetteer_index._FORMAT + 1)
    assert gazetteer_index.cache_path() != path  # another index version: another file, so a stale one is never read
