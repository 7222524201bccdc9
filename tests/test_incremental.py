"""Incremental builds: after any series of edits, the site is byte for byte what a cold build makes,
and files whose content did not change keep their modification time."""

import functools
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.build import build, build_afresh
from generator.incremental import Builds
from generator.config import load_config
from generator.errors import TimelineError
from generator.item_store import ItemStore
from generator.cache_store import STORE_FILE, CacheStore
from generator.state import CACHE_DIR, read_manifest
from generator.write import live_runs
from tests.conftest import write_entry

ACTORS = ["United Nations", "Iran", "Islamic State", "Société Générale", "Kurdistan Workers' Party"]
PLACES = ["Geneva", "Syria", "Deir ez-Zor", "Côte d'Ivoire"]


def entry(title: str, date: str, actors: list[str], places: list[str], body: str = "What happened, in *Markdown*.") -> str:
    quoted = functools.partial(json.dumps, ensure_ascii=False)  # JSON is YAML too
    return (f"---\ntitle: {quoted(title)}\ndate: {date}\nsummary: {quoted('About ' + title)}\nactors: {quoted(actors)}\n"
            f"locations: {quoted(places)}\ntags: [talks]\n---\n\n{body}\n")


def files(site: Path) -> dict[str, bytes]:
    """Every file of the site but the search index (made by Pagefind after the pipeline: test_search.py checks it)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and not p.is_relative_to(site / "pagefind")}


def cold_build(root: Path, scratch: Path, search: bool = True) -> dict[str, bytes]:
    """The same project built from nothing in another folder, by the pipeline as it reads (no cache); search as the build had it."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    for name in ("content", "templates"):
        if (root / name).is_dir():
            shutil.copytree(root / name, scratch / name)
    if (root / "timeline.toml").is_file():
        shutil.copy(root / "timeline.toml", scratch)
    build_afresh(load_config(scratch, search=search))
    return files(scratch / "site")


def project(root: Path) -> None:
    write_entry(root, "2023/a.md", entry("Talks open", "2023-03-01", ACTORS[:2], PLACES[:1]))
    write_entry(root, "2023/b.md", entry("Strike near the river", "2023-07-10", ACTORS[2:3], PLACES[1:3]))
    write_entry(root, "2024/c.md", entry("Bank fined", "2024-01-05", ACTORS[3:4], PLACES[3:]))
    write_entry(root, "2024/d.md", entry("Ceasefire", "2024-02-11", ACTORS[1:3] + ACTORS[4:], PLACES[1:2]))


EDITS = {
    "retitle": lambda root: write_entry(root, "2023/a.md", entry("Talks open in Geneva", "2023-03-01", ACTORS[:2], PLACES[:1])),
    "new body": lambda root: write_entry(root, "2024/c.md", entry("Bank fined", "2024-01-05", ACTORS[3:4], PLACES[3:], "A new [source](https://example.org).")),
    "move in time": lambda root: write_entry(root, "2023/b.md", entry("Strike near the river", "2022-12-31", ACTORS[2:3], PLACES[1:3])),
    "new actor": lambda root: write_entry(root, "2024/d.md", entry("Ceasefire", "2024-02-11", ["Hamas", *ACTORS[1:2]], PLACES[1:2])),
    "add entry": lambda root: write_entry(root, "2025/e.md", entry("Elections", "2025-06-01", ACTORS[:1], ["Geneva", "Kabul"])),
    "delete entry": lambda root: (root / "content/2023/a.md").unlink(missing_ok=True),
    "registry": lambda root: (root / "content/actors.yml").write_text("Iran:\n  kind: state\n  aliases: [Islamic Republic of Iran]\n", encoding="utf-8"),
    "template": lambda root: write_entry(root, "../templates/404.html", '{% extends "base.html" %}{% block main %}<h1>Lost</h1>{% endblock %}'),
    # every entry page made again, from entries the cache keeps without their body
    "entry template": lambda root: write_entry(root, "../templates/entry.html", '{% extends "base.html" %}{% block main %}<h1>{{ entry.title }}</h1>{{ body }}{% endblock %}'),
    "add static file": lambda root: write_entry(root, "../templates/static/extra.css", "body { margin: 0 }"),
    "remove static file": lambda root: (root / "templates/static/extra.css").unlink(missing_ok=True),
    "settings": lambda root: (root / "timeline.toml").write_text('title = "Conflict timeline"\n', encoding="utf-8"),
    "rename file": lambda root: (root / "content/2024/c.md").exists() and (root / "content/2024/c.md").rename(root / "content/2024/c2.md"),
}


@pytest.fixture(params=["short pages", "long pages"])
def pages(request, monkeypatch):
    """As the pages of a small site are, and as those of a large one, whose months of items are kept as runs
    (more of them than a build holds in memory: they go to the build cache as they are made)."""
    if request.param == "long pages":
        monkeypatch.setattr("generator.memo.LONG_LISTING", 2)
        monkeypatch.setattr("generator.memo.RUNS_KEPT", 1000)
    return request.param


def test_a_series_of_edits_gives_the_site_a_cold_build_gives(tmp_path, pages):
    root = tmp_path / "project"
    project(root)
    config = load_config(root)  # with search: the search page and its names must follow every kind of edit too
    build(config)
    for name, edit in EDITS.items():
        edit(root)
        build(load_config(root))
        assert files(config.site) == cold_build(root, tmp_path / "cold"), f"after '{name}'"
    good = files(config.site)
    write_entry(root, "2024/d.md", "---\ntitle: [broken\n---\n")
    with pytest.raises(TimelineError):
        build(load_config(root))
    assert files(config.site) == good  # a failed build changes nothing...
    EDITS["new actor"](root)
    build(load_config(root))
    assert files(config.site) == cold_build(root, tmp_path / "cold")  # ...and the next one picks up from there


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=5))
def test_any_order_of_edits_gives_the_same_site_as_a_cold_build(tmp_path_factory, names):
    tmp_path = tmp_path_factory.mktemp("edits")
    root = tmp_path / "project"
    project(root)
    build(load_config(root, search=False))
    for name in names:
        EDITS[name](root)
        build(load_config(root, search=False))
    assert files(root / "site") == cold_build(root, tmp_path / "cold", search=False)


def test_files_that_did_not_change_are_not_rewritten(tmp_path):
    project(tmp_path)
    config = load_config(tmp_path)
    build(config)
    before = {p: p.stat().st_mtime_ns for p in config.site.rglob("*") if p.is_file()}
    EDITS["new body"](tmp_path)
    report = build(load_config(tmp_path))
    changed = {p.relative_to(config.site).as_posix() for p in before if not p.exists() or p.stat().st_mtime_ns != before[p]}
    pages = {p for p in changed if not p.startswith("pagefind/")}
    assert pages == {"entries/c/index.html"}  # the body shows on the entry's own page only...
    index = [p for p in before if p.relative_to(config.site).parts[0] == "pagefind"]
    assert 0 < len(changed - pages) < len(index) / 2  # ...and in a few files of the search index
    assert report.written == 1 and report.files == len(before) - len(index)
    second = build(load_config(tmp_path))
    assert second.written == 0 and second.search_seconds is None  # a second build has nothing to do


def test_a_page_changed_or_removed_in_site_is_put_back(tmp_path):
    project(tmp_path)
    config = load_config(tmp_path, search=False)
    build(config)
    good = (config.site / "entries/a/index.html").read_bytes()
    (config.site / "entries/a/index.html").write_text("vandalised")
    (config.site / "feed.xml").unlink()
    build(config)
    assert (config.site / "entries/a/index.html").read_bytes() == good and (config.site / "feed.xml").is_file()


def test_without_the_cache_the_build_starts_afresh(tmp_path):
    project(tmp_path)
    config = load_config(tmp_path, search=False)
    build(config)
    shutil.rmtree(tmp_path / CACHE_DIR)
    EDITS["retitle"](tmp_path)
    first = build(config)
    assert first.written == first.files  # nothing known about site/: every file is made afresh
    assert build(config).written == 0
    assert files(config.site) == cold_build(tmp_path, tmp_path.parent / f"{tmp_path.name}-cold", search=False)


def snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    """Every file of the project outside site/ and the cache: comparing two tells what changed, as watchfiles does."""
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*") if p.is_file() and not {".timeline-cache", "site"} & set(p.parts)}


def test_a_long_lived_builder_as_serve_uses_gives_the_same_site_after_each_edit(tmp_path, pages):
    root = tmp_path / "project"
    project(root)
    builder = Builds(load_config(root), workers=1)
    builder.build(save=False)
    builder.serving = True  # as in serve: theme, keys, items, months and registry all kept between builds
    for name, edit in [*EDITS.items(), ("folder of entries", lambda root: write_entry(root, "2026/f.md", entry("Vote", "2026-01-02", [], [])))]:
        before = snapshot(root)
        edit(root)
        after = snapshot(root)
        changed = [p for p in before.keys() | after.keys() if before.get(p) != after.get(p)]  # what serve is told
        builder.config = load_config(root)
        builder.build(save=False, changed=changed)
        assert files(root / "site") == cold_build(root, tmp_path / "cold"), f"after '{name}'"


def test_a_damaged_cache_costs_a_cold_build_not_a_wrong_site(tmp_path):
    project(tmp_path)
    config = load_config(tmp_path, search=False)
    build(config)
    EDITS["retitle"](tmp_path)
    with sqlite3.connect(tmp_path / CACHE_DIR / STORE_FILE) as db:  # every chunk of rows cut short, every list item too
        db.execute("UPDATE chunks SET data = substr(data, 1, length(data) - 40)")
        db.execute("UPDATE items SET html = substr(html, 2)")
    build(config)
    assert files(tmp_path / "site") == cold_build(tmp_path, tmp_path.parent / f"{tmp_path.name}-cold", search=False)
    store = CacheStore(tmp_path / CACHE_DIR / STORE_FILE)
    store.replace_chunks("entries.jsonl", [store.chunks("entries.jsonl")[0], b"not json at all"])  # its checksum is right
    assert build(config).files > 0
    EDITS["retitle"](tmp_path)
    store.add_chunks("pages.jsonl", [b'[["index.html", {"key": 1, "digest": "x"}]]'])  # JSON, but not a row of the manifest
    build(config)
    assert files(tmp_path / "site") == cold_build(tmp_path, tmp_path.parent / f"{tmp_path.name}-cold2", search=False)


def test_stored_items_are_found_only_as_they_were_made(tmp_path):
    store = ItemStore(CacheStore(tmp_path / "cache.sqlite"))
    store.use("templates v1")
    item = ("entry-key", "../../", 4, True)
    store.keep({item: Markup("<li>Talks</li>")}, live_entries={"entry-key"})
    again = ItemStore(CacheStore(tmp_path / "cache.sqlite"))  # as the next build opens it
    again.use("templates v1")
    assert again.find(("../../", 4, True), ["entry-key", "other-key"]) == {item: "<li>Talks</li>"}
    assert again.find(("", 4, False), ["entry-key"]) == {}
    again.use("templates v2")
    assert again.find(("../../", 4, True), ["entry-key"]) == {}


def test_a_damaged_item_is_never_used(tmp_path):
    store = ItemStore(CacheStore(tmp_path / "cache.sqlite"))
    store.use("v1")
    item = ("entry-key", "", 4, False)
    store.keep({item: Markup("<li>Talks</li>")}, live_entries={"entry-key"})
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        db.execute("UPDATE items SET html = '<li>Tal'")
    again = ItemStore(CacheStore(tmp_path / "cache.sqlite"))
    again.use("v1")
    assert again.find(("", 4, False), ["entry-key"]) == {}
    assert not (tmp_path / "cache.sqlite").exists()  # started afresh


def test_an_entry_moved_to_another_country_changes_both_countries_pages(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/locations.yml").write_text(
        "Geneva:\n  kind: city\n  country: Switzerland\nDamascus:\n  kind: city\n  country: Syria\n"
        "Switzerland:\n  kind: country\nSyria:\n  kind: country\n", encoding="utf-8")
    write_entry(tmp_path, "a.md", entry("Talks", "2023-03-01", ACTORS[:1], ["Geneva"]))
    write_entry(tmp_path, "b.md", entry("More talks", "2023-03-02", ACTORS[:1], ["Geneva"]))
    write_entry(tmp_path, "c.md", entry("Strike", "2023-03-03", ACTORS[2:3], ["Damascus"]))
    config = load_config(tmp_path, search=False)
    build(config)
    write_entry(tmp_path, "a.md", entry("Talks", "2023-03-01", ACTORS[:1], ["Damascus"]))  # from Switzerland to Syria
    build(config)
    site = files(tmp_path / "site")
    assert b"Talks" in site["locations/syria/index.html"] and b"Talks<" not in site["locations/switzerland/index.html"]
    assert site == cold_build(tmp_path, tmp_path.parent / f"{tmp_path.name}-cold", search=False)


def test_pages_first_leaves_data_files_for_the_next_build(tmp_path):
    project(tmp_path)
    builder = Builds(load_config(tmp_path), workers=1)
    builder.build()
    EDITS["retitle"](tmp_path)
    report = builder.build(pages_first=True)  # as serve does before telling browsers to reload
    site = tmp_path / "site"
    assert "Talks open in Geneva" in (site / "entries/a/index.html").read_text(encoding="utf-8")
    assert "Talks open in Geneva" not in (site / "entries.json").read_text(encoding="utf-8")  # not yet
    assert report.left > 0
    assert builder.build().left == 0
    assert files(site) == cold_build(tmp_path, tmp_path.parent / f"{tmp_path.name}-cold")


def test_long_pages_are_made_of_runs_that_the_cache_keeps(tmp_path, monkeypatch):
    monkeypatch.setattr("generator.memo.LONG_LISTING", 2)  # every page listing two entries or more is long
    project(tmp_path)
    config = load_config(tmp_path, search=False)
    build(config)
    manifest = read_manifest(tmp_path)
    live = live_runs(manifest)
    assert manifest["actors/iran/index.html"].runs and manifest["actors/iran/timeline.json"].runs

    def stored() -> set[str]:
        with sqlite3.connect(tmp_path / CACHE_DIR / STORE_FILE) as db:
            return {key for (key,) in db.execute("SELECT key FROM runs")}

    assert live <= stored()
    EDITS["retitle"](tmp_path)  # a March 2023 entry: the other months' runs are kept
    build(config)
    now = live_runs(read_manifest(tmp_path))
    made = now - live
    assert made and len(made) < len(now) / 2 and now <= stored()
