"""A reader on a 1,000-entry timeline published under a sub-path, in headless Chromium: filter, share, search,
scroll, print, and an accessibility check of every kind of page; screenshots of the demo site for the README."""

from __future__ import annotations

import collections
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from benchmarks.make_corpus import make_corpus
from generator.build import build, read_content
from generator.config import load_config
from generator.model import Timeline
from tests.browser import CHROMIUM, static_server, strict_page
from tests.conftest import write_entry

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SUB_PATH = "news/timeline/"
ZEPPELIN = """---
title: Airship sighted over the harbour
date: 2011-06-02
summary: Crowds gathered on the quay.
actors: [Harbour Police]
locations: [Port Vell]
---

A silver zeppelin hovered over the harbour for an hour before it drifted out to sea.
"""


@dataclass(frozen=True)
class Published:
    base: str  # http://127.0.0.1:PORT/news/timeline/
    timeline: Timeline
    site: Path


def published(root: Path, entries: int):
    """`entries` synthetic entries and the one written here, built with search, served at http://127.0.0.1:PORT/news/timeline/."""
    make_corpus(entries - 1, root)
    write_entry(root, "2011/2011-06-02-airship.md", ZEPPELIN)
    config = load_config(root)
    build(config)
    public = root / "public"
    (public / SUB_PATH).parent.mkdir(parents=True)
    os.symlink(config.site, public / SUB_PATH.rstrip("/"))
    timeline, *_ = read_content(config)
    with static_server(public) as base:
        yield Published(base + SUB_PATH, timeline, config.site)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """1,000 entries: all on the timeline page."""
    yield from published(tmp_path_factory.mktemp("corpus"), 1000)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """40 entries: every kind of page, for the checks the number of entries is not the point of (axe's contrast rule,
    for one, takes a few ms a node: seconds on a long timeline page)."""
    yield from published(tmp_path_factory.mktemp("small"), 40)


@pytest.fixture
def page(browser):
    """A page that fails the test on any console error or uncaught exception."""
    with strict_page(browser) as page:
        yield page


def busiest(timeline):
    """The actor named in most entries, and the year in which it is named most."""
    actor = max(timeline.actors, key=lambda t: (len(t.entries), t.name))
    year = collections.Counter(e.date.year for e in actor.entries).most_common(1)[0][0]
    return actor, year


def shown(page) -> list[str]:
    return page.locator(".filter-results li.entry .entry-title a").all_inner_texts()


def test_filtering_by_an_actor_and_a_year_shows_exactly_their_entries(corpus, page):
    base, timeline = corpus.base, corpus.timeline
    actor, year = busiest(timeline)
    expected = sorted(e.title for e in actor.entries if e.date.year == year)
    page.goto(base)
    page.fill("#filter-actor", actor.name)
    page.press("#filter-actor", "Enter")
    page.wait_for_selector(".filter-results:not([hidden])")
    assert page.locator(".filter-status").inner_text() == f"{len(actor.entries)} entries match."
    page.select_option("#filter-year", str(year))
    assert sorted(shown(page)) == expected and 1 < len(expected) < len(actor.entries)
    assert page.locator(".filter-status").inner_text() == f"{len(expected)} entries match."
    assert page.locator(".listing").is_hidden()  # the unfiltered list gives way
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"actor": [actor.name], "from": [f"{year}-01-01"], "to": [f"{year}-12-31"]}
    first = page.locator(".filter-results li.entry .entry-title a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == title


def test_a_filtered_view_can_be_shared_and_cleared(corpus, page):
    base, timeline = corpus.base, corpus.timeline
    actor, year = busiest(timeline)
    tag = collections.Counter(t for e in actor.entries for t in e.tags).most_common(1)[0][0]
    expected = sorted(e.title for e in actor.entries if tag in e.tags)
    page.goto(page_url := f"{base}?actor={actor.name}&tag={tag}")
    page.wait_for_selector(".filter-results:not([hidden])")
    assert sorted(shown(page)) == expected
    assert page.locator("ul.chosen button").all_inner_texts() == [f"Actor: {actor.name} ×", f"Tag: {tag} ×"]
    page.reload()
    page.wait_for_selector(".filter-results:not([hidden])")
    assert sorted(shown(page)) == expected and page.url == page_url.replace(" ", "%20")
    page.get_by_role("button", name=f"Remove tag {tag}").click()
    assert page.locator(".filter-status").inner_text() == f"{len(actor.entries)} entries match."
    page.get_by_role("button", name="Clear the filter").click()
    assert page.locator(".filter-results").is_hidden() and page.locator(".listing").is_visible() and "?" not in page.url


def test_filtering_by_places_and_dates_narrows_within_and_across_kinds(corpus, page):
    base, timeline = corpus.base, corpus.timeline
    first, second = sorted(timeline.locations, key=lambda t: -len(t.entries))[:2]
    expected = sorted(e.title for e in timeline.entries if {first.name, second.name} & set(e.locations) and "2010-01-01" <= e.date.isoformat() <= "2012-06-30")
    page.goto(f"{base}?location={first.name}&location={second.name}&from=2010-01-01&to=2012-06-30")
    page.wait_for_selector(".filter-results:not([hidden])")
    assert sorted(shown(page)) == expected and 10 < len(expected) <= 100  # any of the places, within the dates


def test_a_long_result_is_listed_a_hundred_at_a_time(corpus, page):
    base, timeline = corpus.base, corpus.timeline
    expected = [e.title for e in timeline.entries if e.date.year <= 2005]
    page.goto(f"{base}?to=2005-12-31")
    page.wait_for_selector(".filter-results:not([hidden])")
    assert 200 < len(expected) < 300 and shown(page) == expected[:100]
    page.get_by_role("button", name=f"Show 100 more (100 of {len(expected)} shown)").click()
    assert page.evaluate("document.activeElement.className") == "more"  # the keyboard stays where the reader was
    page.get_by_role("button", name=f"Show {len(expected) - 200} more (200 of {len(expected)} shown)").click()
    assert shown(page) == expected and page.locator("button.more").count() == 0


def test_an_unknown_name_is_reported_and_nothing_is_lost(small_corpus, page):
    base = small_corpus.base
    page.goto(base)
    page.fill("#filter-actor", "Nobody At All")
    page.press("#filter-actor", "Enter")
    page.wait_for_function("document.querySelector('.filter-status').textContent.includes('Nobody At All')")
    assert page.locator(".listing").is_visible()


def test_without_javascript_the_timeline_is_plain_pages_and_links(small_corpus, browser):
    base, timeline = small_corpus.base, small_corpus.timeline
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base)
    assert page.locator("form.filter").is_hidden() and page.locator(".listing li.entry").count() > 0
    actor = page.locator(".listing li.entry .terms a").first
    name = actor.inner_text()
    actor.click()
    assert page.locator("h1").inner_text() == name
    page.get_by_role("link", name="Timeline", exact=True).click()
    page.locator("nav.years a", has_text=str(timeline.years[0])).click()
    assert page.locator("h1").inner_text() == str(timeline.years[0])
    context.close()


def test_the_site_works_opened_from_the_file_system(corpus, browser):
    timeline = corpus.timeline
    actor, year = busiest(timeline)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{(corpus.site / 'index.html').as_uri()}?actor={actor.name}&from={year}-01-01&to={year}-12-31")
    page.wait_for_selector(".filter-results:not([hidden])")  # entries.js is a script: it loads from disk too
    assert len(shown(page)) == sum(e.date.year == year for e in actor.entries)
    page.locator(".filter-results li.entry a").first.click()
    page.get_by_role("link", name=actor.name).first.click()
    assert page.locator("h1").inner_text() == actor.name and page.url.startswith("file://")
    page.get_by_role("link", name="Search").click()
    page.fill("#search-words", "zeppelin")
    page.press("#search-words", "Enter")
    page.wait_for_function("document.querySelector('.search-status').textContent.includes('served over HTTP')")
    context.close()


def test_search_finds_a_word_of_an_entry_and_opens_it(corpus, page):
    base = corpus.base
    page.goto(base)
    page.get_by_role("link", name="Search").click()
    page.fill("#search-words", "zeppelin")
    page.press("#search-words", "Enter")
    page.wait_for_selector("li.result")
    result = page.locator("li.result").first
    assert result.locator(".result-title").inner_text() == "Airship sighted over the harbour"
    assert result.locator(".result-date").inner_text() == "2 June 2011"
    assert result.locator(".snippet mark").inner_text() == "zeppelin"
    assert page.locator(".search-status").inner_text() == "1 result for “zeppelin”."
    assert page.url.endswith(f"/{SUB_PATH}search/index.html?q=zeppelin")
    assert result.locator("a").get_attribute("href").endswith(f"/{SUB_PATH}entries/2011-06-02-airship/index.html")
    result.locator("a").click()
    assert page.locator("h1").inner_text() == "Airship sighted over the harbour" and f"/{SUB_PATH}entries/" in page.url


def test_search_finds_actors_and_places_by_name_and_by_their_other_names(corpus, demo, page):
    base, timeline = corpus.base, corpus.timeline
    actor, _ = busiest(timeline)
    page.goto(f"{base}search/?q={actor.name.upper()}")
    page.wait_for_selector(".name-results li")
    first = page.locator(".name-results li").first
    assert first.locator("a").inner_text() == actor.name and first.inner_text().endswith(f"Actor · {len(actor.entries)} entries")
    first.locator("a").click()
    assert page.locator("h1").inner_text() == actor.name
    with static_server(demo.site) as demo_base:
        page.goto(f"{demo_base}search/?q=isis")  # an alias in the registry
        page.wait_for_selector(".name-results li")
        page.wait_for_function("!document.querySelector('.search-status').textContent.startsWith('Searching')")  # Pagefind too
        assert page.locator(".name-results li").first.inner_text().startswith("Islamic State Actor")
        assert "(also ISIS)" in page.locator(".name-results li").first.inner_text()


def test_years_and_months_stay_in_view_down_a_long_page(corpus, page):
    base = corpus.base
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(base)
    page.mouse.wheel(0, 40000)
    page.wait_for_function("window.scrollY > 30000")
    years_bar = page.locator("nav.years").bounding_box()
    assert years_bar["y"] == 0 and years_bar["height"] > 20
    stuck = page.evaluate("""() => [...document.querySelectorAll('.listing .year-title, .listing .month-title')]
        .map(h => h.getBoundingClientRect().top).filter(top => top >= 0 && top < 120).length""")
    assert stuck >= 2  # the year and the month being read, under the bar


def test_print_leaves_out_navigation_and_the_filter(small_corpus, page):
    base = small_corpus.base
    page.goto(base)
    page.emulate_media(media="print")
    assert page.locator("header.site nav").is_hidden() and page.locator("form.filter").is_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('nav.years')).position") == "static"


def test_the_timeline_of_1000_entries_weighs_under_1_mb(corpus, page):
    base, timeline = corpus.base, corpus.timeline
    sizes = {}
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.goto(base, wait_until="networkidle")
    page.wait_for_function("document.readyState === 'complete'")  # a loaded machine may still be parsing a long page
    assert len(timeline.entries) == 1000 and page.locator(".listing li.entry").count() == len(timeline.entries)
    assert sum(sizes.values()) < 1_000_000, sizes
    page.set_viewport_size({"width": 390, "height": 844})  # on a phone, the strip above leaves the first entry in view
    assert page.locator(".listing li.entry").first.evaluate("e => e.getBoundingClientRect().top") < 844


def axe_problems(page) -> list[str]:
    """axe-core's violations on the page, one line each: none is allowed, not only no serious or critical one."""
    results = Axe().run(page).response
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_passes_the_accessibility_check(small_corpus, demo, page, scheme):
    base, timeline = small_corpus.base, small_corpus.timeline
    actor, _ = busiest(timeline)
    page.emulate_media(color_scheme=scheme)
    tag = max(timeline.tags, key=lambda t: len(t.entries))
    pages = {"timeline": base, "year": f"{base}{timeline.years[0]}/", "actor": f"{base}actors/{actor.slug}/",
             "actors": f"{base}actors/", "locations": f"{base}locations/", "tags": f"{base}tags/", "tag": f"{base}tags/{tag.slug}/",
             "not found": f"{base}404.html", "search": f"{base}search/?q=zeppelin", "filtered": f"{base}?actor={actor.name}"}
    problems = {}
    for name, url in pages.items():
        page.goto(url)
        if name == "search":
            page.wait_for_selector("li.result")
        if name == "filtered":
            page.wait_for_selector(".filter-results:not([hidden])")
        problems[name] = axe_problems(page)
    with static_server(demo.site) as demo_base:
        entry = next((demo.site / "entries").iterdir()).name
        for name, url in {"entry": f"{demo_base}entries/{entry}/", "location": f"{demo_base}locations/deir-ez-zor/",
                          "map": f"{demo_base}map/", "embed": f"{demo_base}embed/actors/islamic-state/"}.items():
            page.goto(url)
            problems[name] = axe_problems(page)
    assert problems == {name: [] for name in problems}


def test_screenshots_of_every_kind_of_page_of_the_demo_site_at_phone_and_desktop_widths(demo, page):
    ARTIFACTS.mkdir(exist_ok=True)
    entry = next((demo.site / "entries").iterdir()).name
    kinds = {"timeline": "", "year": "2023/", "entry": f"entries/{entry}/", "actor": "actors/islamic-state/", "location": "locations/deir-ez-zor/",
             "tag": f"tags/{next((demo.site / 'tags').glob('*/')).name}/", "actors": "actors/", "map": "map/", "search": "search/?q=syria",
             "embed": "embed/", "not-found": "404.html"}
    with static_server(demo.site) as base:
        for name, path in kinds.items():
            for device, width in (("narrow", 360), ("phone", 390), ("desktop", 1280)):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(base + path)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways at {width} px"
                if device != "narrow":
                    page.screenshot(path=str(ARTIFACTS / f"{name}-{device}.png"), full_page=True)
    assert len(list(ARTIFACTS.glob("*-phone.png"))) >= len(kinds)
