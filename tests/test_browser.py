"""The built demo site in a real headless Chromium: a reader follows links from the timeline."""

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, chromium, static_server

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def page(demo):
    with static_server(demo.site) as base, chromium() as browser:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.base = base
        yield page
        assert errors == []


def test_follow_an_actor_link_from_the_timeline_to_the_entry(page):
    page.goto(page.base)
    title = page.locator("li.entry .entry-title a").first.inner_text()
    page.get_by_role("link", name="Islamic State", exact=True).first.click()  # not the title that names it
    assert page.locator("h1").inner_text() == "Islamic State"
    assert page.locator("li.entry .entry-title a").first.inner_text() == title
    page.locator("li.entry .entry-title a").first.click()
    assert page.locator("h1").inner_text() == title
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "entry.png"), full_page=True)


def test_follow_a_location_link_from_the_timeline_to_the_entry(page):
    page.goto(page.base)
    title = page.locator("li.entry .entry-title a").first.inner_text()
    page.locator("li.entry .terms a", has_text="Syria").first.click()
    assert page.locator("h1").inner_text() == "Syria"
    assert page.url.endswith("/index.html") and "/locations/" in page.url
    assert page.locator("li.entry .entry-title a").first.inner_text() == title


def test_the_timeline_reads_well_on_a_phone_and_a_desktop(page):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, width in (("phone", 390), ("desktop", 1280)):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base)
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing overflows sideways
        page.screenshot(path=str(ARTIFACTS / f"timeline-{name}.png"), full_page=True)


def test_an_entry_reported_the_day_after_shows_both_days(page):
    page.goto(page.base)
    page.locator("li.entry .entry-title a").first.click()
    dates = page.locator(".entry-page header p").first
    assert dates.inner_text() == "9 July 2023 · Published 10 July 2023"  # the seed: announced on Sunday, in Monday's article
    assert dates.locator("time").evaluate_all("times => times.map(t => t.dateTime)") == ["2023-07-09", "2023-07-10"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".entry-page header").screenshot(path=str(ARTIFACTS / "entry-published.png"))


@pytest.fixture(scope="module")
def alias_site(tmp_path_factory):
    """A small timeline whose entries name an armed group and a city by other names, and a country only by its cities."""
    from generator.build import build
    from generator.config import load_config
    from tests.conftest import write_entry

    root = tmp_path_factory.mktemp("aliases")
    (root / "content").mkdir()
    (root / "content/actors.yml").write_text("Houthis:\n  kind: armed group\n  aliases: [Houthi, Ansar Allah]\n", encoding="utf-8")
    (root / "content/locations.yml").write_text("Yemen:\n  kind: country\n  lat: 15.35\n  lon: 44.2\nSanaa:\n  kind: city\n  aliases: [Sana'a]\n"
                                                "  country: Yemen\n  lat: 15.35\n  lon: 44.21\nAden:\n  kind: city\n  country: Yemen\n", encoding="utf-8")
    for name, actors, places in (("strike", "Houthi", "Sana'a"), ("talks", "Houthis", "Aden"), ("vote", "United Nations", "Geneva")):
        write_entry(root, f"2020/{name}.md", f"---\ntitle: {name.title()}\ndate: 2020-0{len(name)}-01\nactors: [{actors}]\nlocations: [{places}]\n---\n\nBody.\n")
    config = load_config(root, search=False)
    build(config)
    return config.site


def test_the_filter_finds_an_alias_a_prefix_and_a_country_s_cities(page, alias_site):
    with static_server(alias_site) as base:
        page = page.context.browser.new_page()  # the demo's browser: one Playwright at a time
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for facet, typed, chosen in (("actor", "Houthi", "Houthis"), ("actor", "hout", "Houthis"), ("location", "Yemen", "Yemen"), ("location", "sanaa", "Sanaa")):
            page.goto(base)
            page.fill(f"#filter-{facet}", typed)
            page.press(f"#filter-{facet}", "Enter")
            page.wait_for_selector(".filter-results:not([hidden])")
            titles = page.locator(".filter-results li.entry .entry-title a").all_inner_texts()
            assert titles == (["Strike"] if typed == "sanaa" else ["Talks", "Strike"]), typed  # oldest first: talks is 2020-05
            assert page.locator("ul.chosen").inner_text().startswith(f"{facet.title()}: {chosen}")
        assert page.url.endswith("?location=Sanaa")
        page.goto(base + "?actor=Ansar%20Allah")  # a shared link with another name finds the same
        page.wait_for_selector(".filter-results:not([hidden])")
        assert page.locator(".filter-status").inner_text() == "2 entries match."
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "filter-aliases.png"), full_page=True)
        assert errors == []
