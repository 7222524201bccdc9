"""plan(): every file of the site, each with a key that changes exactly when its bytes could, decided without reading a file."""

import builtins
import dataclasses
import datetime
import io
import os
from collections import Counter
from pathlib import Path

import pytest

from generator.affected import Affected
from generator.config import Config
from generator.contexts import EntriesCsv, EntriesJson, EntryPage, Feed, FilterData, TermPage, TimelineData, TimelinePage
from generator.index import index
from generator.model import KINDS, Entry
from generator.plan import entry_keys, plan
from generator.redirects import Redirects
from generator.registry import Registry
from generator.theme import Theme, load_theme

TALKS = Entry(id="a", title="Talks open", date=datetime.date(2023, 3, 1), path="2023/a.md",
              actors=("Iran", "United Nations"), locations=("Geneva",), tags=("talks",))
STRIKE = Entry(id="b", title="Strike", date=datetime.date(2024, 7, 1), path="2024/b.md", actors=("Iran",), locations=("Syria",), tags=("strike",))


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    return Config(root=tmp_path_factory.mktemp("project"))  # no content/, no templates/: the shipped theme


@pytest.fixture(scope="module")
def theme(config: Config) -> Theme:
    return load_theme(config)


def planned(entries: list[Entry], theme: Theme, config: Config, only: Affected | None = None) -> dict[str, str]:
    """Each planned file's key, by path."""
    timeline = index(entries, Registry())
    return {spec.path: spec.key for spec in plan(timeline, theme, config, Redirects(), entry_keys(timeline), only)}


def term_files(kind: str, slug: str) -> set[str]:
    return {f"{kind}/{slug}/index.html", f"{kind}/{slug}/feed.xml", f"{kind}/{slug}/timeline.json", f"embed/{kind}/{slug}/index.html"}


def test_there_is_a_page_per_entry_term_and_year_and_a_feed_and_data_per_term_and_for_the_site(theme, config):
    timeline = index([TALKS, STRIKE], Registry())
    specs = plan(timeline, theme, config, Redirects(), entry_keys(timeline))
    terms = sum(len(timeline.terms(kind)) for kind in KINDS)
    made = Counter(type(spec.context) for spec in specs)
    assert made[EntryPage] == 2 and made[TermPage] == terms == 6
    assert made[TimelinePage] == 1 + len(timeline.years)  # the home page and a page per year
    assert made[Feed] == made[TimelineData] == terms + 1
    assert made[EntriesJson] == made[EntriesCsv] == made[FilterData] == 1


def test_no_two_files_share_a_path_even_when_names_and_file_names_slugify_alike(theme, config):
    entries = [Entry(id=f"e{n}", title="Talks", date=datetime.date(2024, 1, 1 + n), path=path, actors=(name,), tags=(name,))
               for n, (path, name) in enumerate([("hamas.md", "Hamas"), ("2024/Hamas.md", "HAMAS"), ("index.md", "Hamás"), ("feed.md", "index")])]
    timeline = index(entries, Registry())
    redirects = Redirects({"actors/hamas-old/": ("actors", "Hamas"), "actors/hamas/": ("actors", "HAMAS")})
    paths = [spec.path for spec in plan(timeline, theme, config, redirects, entry_keys(timeline))]
    assert [path for path, count in Counter(paths).items() if count > 1] == []
    assert "actors/hamas-old/index.html" in paths  # the redirect to a page elsewhere is made; the one over a page is not


def test_the_same_entries_give_the_same_keys(theme, config):
    assert planned([TALKS, STRIKE], theme, config) == planned([STRIKE, TALKS], load_theme(config), config)


def test_retitling_an_entry_changes_the_keys_of_exactly_the_files_that_show_it(theme, config):
    before = planned([TALKS, STRIKE], theme, config)
    after = planned([dataclasses.replace(TALKS, title="Talks open in Geneva"), STRIKE], theme, config)
    assert before.keys() == after.keys()
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {"entries/a/index.html", "entries/b/index.html", *term_files("actors", "iran"), *term_files("actors", "united-nations"),
                       *term_files("locations", "geneva"), *term_files("tags", "talks"),
                       "index.html", "embed/index.html", "2023/index.html", "feed.xml", "timeline.json", "entries.json", "entries.csv", "entries.js"}


def test_only_leaves_out_the_pages_of_entries_and_terms_the_edit_did_not_touch(theme, config):
    retitled = dataclasses.replace(TALKS, title="Talks open in Geneva")
    every = planned([retitled, STRIKE], theme, config)
    some = planned([retitled, STRIKE], theme, config, only=Affected.by([TALKS, retitled], Registry()))
    assert every.keys() - some.keys() == {*term_files("locations", "syria"), *term_files("tags", "strike")}
    assert all(every[path] == key for path, key in some.items())  # what is left in is planned as in a whole plan
    assert "actors/iran/index.html" in some  # Strike names Iran too, but the edit changed its page
    assert "entries/b/index.html" in some  # Strike's page links to Talks: the next event, and a related one (Iran)


LONE = [Entry(id=f"l{n}", title=f"Lone {n}", date=datetime.date(2022, 1, 1 + n), path=f"2022/l{n}.md", actors=(f"Nobody {n}",)) for n in range(4)]


def test_retitling_the_next_event_changes_the_key_of_the_page_that_links_to_it(theme, config):
    before = planned(LONE, theme, config)
    after = planned([*LONE[:2], dataclasses.replace(LONE[2], title="Lone two"), LONE[3]], theme, config)
    changed = {path for path in before if path.startswith("entries/") and before[path] != after[path]}
    assert changed == {"entries/l1/index.html", "entries/l2/index.html", "entries/l3/index.html"}  # its own, and its neighbours'


def test_a_related_event_retitled_changes_the_key_of_the_page_that_lists_it(theme, config):
    far = Entry(id="far", title="Far", date=datetime.date(2021, 1, 1), path="2021/far.md", actors=("Iran",))
    before = planned([far, *LONE, STRIKE], theme, config)
    after = planned([far, *LONE, dataclasses.replace(STRIKE, title="Strike at dawn")], theme, config)
    assert before["entries/far/index.html"] != after["entries/far/index.html"]  # not its neighbour, but it shares Iran


def test_only_plans_the_pages_beside_where_a_moved_entry_was(theme, config):
    moved = dataclasses.replace(LONE[1], date=datetime.date(2023, 6, 1))
    entries = [LONE[0], moved, *LONE[2:]]
    every = planned(entries, theme, config)
    some = planned(entries, theme, config, only=Affected.by([LONE[1], moved], Registry()))
    assert {"entries/l0/index.html", "entries/l2/index.html", "entries/l3/index.html"} <= some.keys()  # l0 and l2 are now each other's neighbours
    assert all(every[path] == key for path, key in some.items())


def test_planning_reads_no_file(theme, config, monkeypatch):
    timeline = index([TALKS, STRIKE], Registry())

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"plan read a file: {args[:1]}")

    with monkeypatch.context() as patched:
        for target, name in [(builtins, "open"), (io, "open"), (os, "open"), (Path, "read_bytes"), (Path, "read_text"), (Path, "open")]:
            patched.setattr(target, name, no_reading)
        specs = plan(timeline, theme, config, Redirects(), entry_keys(timeline))
    assert len(specs) > 30


def test_an_entry_without_a_digest_has_a_key_that_covers_its_body(theme, config):
    before = planned([TALKS, STRIKE], theme, config)
    after = planned([dataclasses.replace(TALKS, body="A new paragraph."), STRIKE], theme, config)
    assert before["entries/a/index.html"] != after["entries/a/index.html"]
