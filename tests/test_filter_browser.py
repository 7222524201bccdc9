"""The timeline's filter in headless Chromium: it folds on a phone, lists what it finds as the timeline lists
entries, lives in the URL, and tells the page's other scripts which entries it shows."""

import contextlib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import CHROMIUM, static_server, strict_page
from tests.conftest import write_entry

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE, NARROW, DESKTOP = {"width": 390, "height": 844}, {"width": 360, "height": 740}, {"width": 1280, "height": 900}
ENTRIES = {  # three years, so that the page has its years bar; the Houthis are named by another name once
    "2021/port.md": ("Strike on the port", "2021-03-04", "A drone hit the oil terminal at dawn.", "[Houthi]", "[Hodeidah]"),
    "2022/talks.md": ("Talks open in Geneva", "2022-05-10", "Delegations met for a first round.", "[Houthis, United Nations]", "[Geneva]"),
    "2022/truce.md": ("A truce is declared", "2022-11-20", "Both sides agreed to hold fire for two months.", "[United Nations]", "[Sanaa]"),
    "2023/vote.md": ("The council votes", "2023-01-15", "", "[United Nations]", "[New York]"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A small timeline of four entries over three years, with a registry of an armed group and the cities of a country."""
    from generator.build import build
    from generator.config import load_config

    root = tmp_path_factory.mktemp("filter")
    (root / "content").mkdir()
    (root / "content/actors.yml").write_text("Houthis:\n  kind: armed group\n  aliases: [Houthi, Ansar Allah]\n", encoding="utf-8")
    (root / "content/locations.yml").write_text("Yemen:\n  kind: country\nSanaa:\n  kind: city\n  country: Yemen\nHodeidah:\n  kind: city\n"
                                                "  country: Yemen\n", encoding="utf-8")
    for path, (title, date, summary, actors, places) in ENTRIES.items():
        about = f"summary: {summary}\n" if summary else ""
        write_entry(root, path, f"---\ntitle: {title}\ndate: {date}\n{about}actors: {actors}\nlocations: {places}\n---\n\nBody.\n")
    config = load_config(root, search=False)
    build(config)
    return config.site


@pytest.fixture
def open_page(browser):
    """Opens a page of a served site at a viewport size; fails the test on any script error."""
    with contextlib.ExitStack() as pages:
        def open_page(base: str, path: str = "", viewport: dict = DESKTOP):
            page = pages.enter_context(strict_page(browser, viewport=viewport))
            page.goto(base + path)
            return page

        yield open_page


def results(page) -> list[str]:
    page.wait_for_selector(".filter-results:not([hidden])")
    return page.locator(".filter-results li.entry .entry-title a").all_inner_texts()


def test_on_a_phone_the_first_entry_is_on_the_first_screen_and_the_filter_unfolds_from_one_button(demo, open_page):
    ARTIFACTS.mkdir(exist_ok=True)
    with static_server(demo.site) as base:
        page = open_page(base, viewport=PHONE)
        assert page.locator(".listing li.entry").first.bounding_box()["y"] < PHONE["height"]
        toggle = page.locator("button.filter-toggle")
        assert toggle.inner_text() == "Filter" and toggle.get_attribute("aria-expanded") == "false"
        assert page.locator("#filter-actor").is_hidden()
        page.screenshot(path=str(ARTIFACTS / "filter-phone-closed.png"))
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#filter-actor").is_visible()
        assert page.get_by_label("Actor", exact=True).is_visible() and page.get_by_role("button", name="Add").count() == 0
        page.screenshot(path=str(ARTIFACTS / "filter-phone-open.png"))
        page = open_page(base, viewport=DESKTOP)
        assert page.locator("button.filter-toggle").is_hidden() and page.locator("#filter-actor").is_visible()  # room enough: open
        page.screenshot(path=str(ARTIFACTS / "filter-desktop-closed.png"))
        page = open_page(base, viewport=NARROW)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= NARROW["width"]


def test_nothing_scrolls_sideways_at_360_px_folded_unfolded_or_filtered(site, open_page):
    with static_server(site) as base:
        page = open_page(base, "?actor=Houthis&actor=United%20Nations&location=Yemen&from=2021-01-01&to=2022-12-31", NARROW)
        results(page)
        assert page.locator("nav.years").bounding_box()["height"] < 60  # one row, however many years
        assert page.evaluate("document.scrollingElement.scrollWidth") <= NARROW["width"]
        page.locator("button.filter-toggle").click()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= NARROW["width"]
        chips = page.locator("ul.chosen button").evaluate_all("buttons => buttons.map(b => b.getBoundingClientRect().height)")
        assert len(chips) == 4 and min(chips) >= 24  # each name and the dates, each easy to tap


def test_on_a_phone_an_active_filter_is_counted_on_its_button_and_its_names_stay_in_view(site, open_page):
    with static_server(site) as base:
        page = open_page(base, "?actor=Houthi&from=2022-01-01", PHONE)  # another name of the Houthis
        assert results(page) == ["Talks open in Geneva"]
        assert page.locator("button.filter-toggle").inner_text() == "Filter (2)"
        assert page.locator("ul.chosen button").all_inner_texts() == ["Actor: Houthis ×", "Dates: From 1 January 2022 ×"]
        assert page.locator(".filter-status").inner_text() == "1 entry matches."
        page.screenshot(path=str(ARTIFACTS / "filter-phone-filtered.png"), full_page=True)


def test_a_filtered_entry_reads_as_the_timeline_lists_it(site, open_page):
    with static_server(site) as base:
        def links(item):
            return item.locator("a").evaluate_all("links => links.map(a => [a.textContent, a.href])")

        page = open_page(base)
        listed = page.locator(".listing li.entry", has_text="Talks open in Geneva")
        text, listed_links = listed.inner_text(), links(listed)
        page.fill("#filter-actor", "Houthis")
        page.press("#filter-actor", "Enter")
        assert results(page) == ["Strike on the port", "Talks open in Geneva"]
        found = page.locator(".filter-results li.entry", has_text="Talks open in Geneva")
        assert found.inner_text() == text  # date, title, summary, "Actors: …" and "Locations: …"
        assert found.locator("p.meta .label").all_inner_texts() == ["Actors:", "Locations:"]
        assert links(found) == listed_links
        assert page.locator(".filter-results .year-title").all_inner_texts() == ["2021", "2022"]
        assert page.locator(".filter-results .month-title").all_inner_texts() == ["MARCH 2021", "MAY 2022"]  # shown in capitals
        page.screenshot(path=str(ARTIFACTS / "filter-desktop-open.png"), full_page=True)
        found.get_by_role("link", name="United Nations").click()
        assert page.locator("h1").inner_text() == "United Nations"


def test_choosing_a_suggestion_adds_the_name_at_once(site, open_page):
    with static_server(site) as base:
        page = open_page(base)
        page.focus("#filter-location")  # the names load on first use
        page.wait_for_function("document.querySelector('#filter-locations').options.length > 0")
        # what the browser does when a suggestion is picked: it replaces the value and fires "input", typed by nobody
        page.eval_on_selector("#filter-location", "input => { input.value = 'Yemen'; input.dispatchEvent(new Event('input')); }")
        assert results(page) == ["Strike on the port", "A truce is declared"]  # a country finds its cities
        assert page.locator("ul.chosen button").all_inner_texts() == ["Location: Yemen ×"]
        assert page.input_value("#filter-location") == ""


def test_a_range_set_on_the_time_axis_applies_goes_in_the_url_and_reopens(site, open_page):
    with static_server(site) as base:
        page = open_page(base)
        page.evaluate("""() => { // as the time axis sets a range: the dates, then "change"
            for (const [id, value] of [["filter-from", "2022-01-01"], ["filter-to", "2022-06-30"]]) {
                const input = document.getElementById(id);
                input.value = value;
                input.dispatchEvent(new Event("change"));
            }
        }""")
        assert results(page) == ["Talks open in Geneva"]
        assert parse_qs(urlsplit(page.url).query) == {"from": ["2022-01-01"], "to": ["2022-06-30"]}
        again = open_page(page.url)
        assert results(again) == ["Talks open in Geneva"]
        assert again.input_value("#filter-from") == "2022-01-01" and again.input_value("#filter-to") == "2022-06-30"
        again.get_by_role("button", name="Remove the dates").click()
        assert again.locator(".filter-results").is_hidden() and "?" not in again.url


def test_each_change_tells_the_page_which_entries_are_shown(site, open_page):
    with static_server(site) as base:
        page = open_page(base)
        page.evaluate("""() => { window.told = [];
            document.addEventListener("timeline:filtered", event => window.told.push(event.detail.dates)); }""")
        page.fill("#filter-actor", "United Nations")
        page.press("#filter-actor", "Enter")
        page.wait_for_function("window.told.length === 1")
        page.select_option("#filter-year", "2022")
        page.wait_for_function("window.told.length === 2")
        page.get_by_role("button", name="Clear the filter").click()
        page.wait_for_function("window.told.length === 3")
        assert page.evaluate("window.told") == [["2022-05-10", "2022-11-20", "2023-01-15"], ["2022-05-10", "2022-11-20"],
                                                 ["2021-03-04", "2022-05-10", "2022-11-20", "2023-01-15"]]  # cleared: every entry
