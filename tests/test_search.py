"""The search index: Pagefind over the built pages, made only when a page changed, moved in whole, byte-identical."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from generator.build import build
from generator.config import load_config
from generator.errors import TimelineError
from generator.search import ENTRY_FILE, _move_in
from generator.served import Served
from tests.conftest import ENTRY, write_entry


def project(root: Path) -> None:
    write_entry(root, "2024/talks.md", ENTRY)
    write_entry(root, "2024/strike.md", ENTRY.replace("Talks open in Geneva", "Strike on the port").replace("2024-03-01", "2024-04-02"))
    (root / "content/actors.yml").write_text("Iran:\n  kind: state\n  aliases: [Islamic Republic of Iran]\n", encoding="utf-8")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_makes_the_search_page_its_index_and_the_names_it_finds(tmp_path):
    project(tmp_path)
    config = load_config(tmp_path)
    report = build(config)
    assert report.search_seconds is not None and "search index made in" in report.summary()
    assert (config.site / "pagefind" / ENTRY_FILE).is_file() and (config.site / "pagefind/pagefind.js").is_file()
    assert 'href="../search/index.html">Search</a>' in (config.site / "actors/index.html").read_text(encoding="utf-8")
    names = json.loads((config.site / "search/names.json").read_text(encoding="utf-8"))
    assert ["Iran", "Actor", "actors/iran/", 2, ["Islamic Republic of Iran"]] in names
    assert ["Geneva", "Location", "locations/geneva/", 2, []] in names


def test_the_index_is_made_again_only_when_a_page_changed(tmp_path):
    project(tmp_path)
    build(load_config(tmp_path))
    assert build(load_config(tmp_path)).search_seconds is None
    (tmp_path / "templates/static").mkdir(parents=True)
    (tmp_path / "templates/static/extra.css").write_text("p {}", encoding="utf-8")  # not a page
    assert build(load_config(tmp_path)).search_seconds is None
    write_entry(tmp_path, "2024/talks.md", ENTRY.replace("first round", "second round"))
    assert build(load_config(tmp_path)).search_seconds is not None


def test_the_index_is_the_same_byte_for_byte_from_two_builds(tmp_path):
    sites = []
    for name in ("one", "two"):
        project(tmp_path / name)
        config = load_config(tmp_path / name)
        build(config)
        sites.append(files(config.site / "pagefind"))
    assert sites[0] == sites[1] and len(sites[0]) > 5


def test_a_cold_build_keeps_the_index_until_the_new_one_is_in(tmp_path):
    project(tmp_path)
    config = load_config(tmp_path)
    build(config)
    before = files(config.site / "pagefind")
    with sqlite3.connect(tmp_path / ".timeline-cache/cache.sqlite") as db:  # the next build is a cold one: a fresh site/ is swapped in
        db.execute("DELETE FROM chunks WHERE file = 'pages.jsonl'")
    build(load_config(tmp_path))
    assert files(config.site / "pagefind") == before


def test_no_search_leaves_out_the_index_the_page_and_the_link(tmp_path):
    project(tmp_path)
    build(load_config(tmp_path))
    config = load_config(tmp_path, search=False)
    report = build(config)
    assert report.search_seconds is None and not (config.site / "pagefind").exists() and not (config.site / "search").exists()
    assert "Search</a>" not in (config.site / "index.html").read_text(encoding="utf-8")


def test_without_pagefind_the_build_says_how_to_go_on(tmp_path, monkeypatch):
    project(tmp_path)

    def missing():
        raise FileNotFoundError("pagefind")

    monkeypatch.setattr("pagefind_bin.get_executable", missing)
    with pytest.raises(TimelineError) as caught:
        build(load_config(tmp_path))
    assert "pip install 'pagefind[bin]'" in str(caught.value) and "--no-search" in str(caught.value)
    assert (tmp_path / "site/index.html").is_file()  # the pages are built all the same


def test_a_run_killed_before_leaves_nothing_behind(tmp_path):
    project(tmp_path)
    (tmp_path / ".search-new-abc123").mkdir()
    (tmp_path / ".search-new-abc123/half.pf_fragment").write_bytes(b"\0")
    build(load_config(tmp_path))
    assert not list(tmp_path.glob(".search-new-*"))


def test_moving_in_keeps_unchanged_files_puts_the_entry_file_last_and_drops_old_ones(tmp_path, monkeypatch):
    old, new = tmp_path / "index", tmp_path / "new"
    for folder, content in ((old, {"same.pf": b"1", "gone.pf": b"2", ENTRY_FILE: b"old", "sub/a.pf": b"3"}),
                            (new, {"same.pf": b"1", "fresh.pf": b"4", ENTRY_FILE: b"new", "sub/b.pf": b"5"})):
        for name, data in content.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
    kept = (old / "same.pf").stat().st_mtime_ns
    moved = []
    real_replace = os.replace
    monkeypatch.setattr("generator.search.os.replace", lambda source, target: (moved.append(Path(target).name), real_replace(source, target)))
    _move_in(new, old)
    assert files(old) == {"same.pf": b"1", "fresh.pf": b"4", ENTRY_FILE: b"new", "sub/b.pf": b"5"}
    assert moved[-1] == ENTRY_FILE and "same.pf" not in moved and (old / "same.pf").stat().st_mtime_ns == kept


def test_serve_brings_the_index_up_to_date_in_the_background(tmp_path):
    project(tmp_path)
    served = Served(tmp_path, say=lambda line: None)
    rebuilt = served(None)
    assert not (tmp_path / "site/pagefind").exists()  # serve's builds leave the index to the background
    rebuilt.then()  # as serve does once browsers are told to reload
    deadline = time.monotonic() + 60
    while served.searching() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (tmp_path / "site/pagefind" / ENTRY_FILE).is_file()
    assert not served.builds.search.needed(served.builds.manifest)
