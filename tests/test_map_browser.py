"""The map page, a place's locator and an actor's map in headless Chromium: points lead to their places, the page
fits a phone, and the timeline's filter, given in the URL, narrows the map."""

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, static_server
from tests.conftest import write_entry

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PLACES = {"Kyiv": (50.45, 30.52), "Lviv": (49.84, 24.03), "Kharkiv": (49.99, 36.23), "Odesa": (46.48, 30.72), "Warsaw": (52.23, 21.01)}
NAMED = [("Kyiv", "Zelensky")] * 6 + [("Lviv", "Zelensky")] * 2 + [("Kharkiv", "Army")] * 3 + [("Odesa", "Army"), ("Warsaw", "Tusk")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Thirteen entries in five cities of Ukraine and Poland, by three actors."""
    from generator.build import build
    from generator.config import load_config

    root = tmp_path_factory.mktemp("map")
    (root / "content").mkdir()
    (root / "content/locations.yml").write_text("".join(f"{name}:\n  kind: city\n  lat: {lat}\n  lon: {lon}\n" for name, (lat, lon) in PLACES.items()),
                                                encoding="utf-8")
    for n, (place, actor) in enumerate(NAMED):
        write_entry(root, f"2024/e{n}.md", f"---\ntitle: Event {n} in {place}\ndate: 2024-{1 + n % 12:02d}-10\nactors: [{actor}]\n"
                                           f"locations: [{place}]\n---\n\nBody.\n")
    config = load_config(root, search=False)
    build(config)
    return config.site


def test_every_point_leads_to_its_place_and_the_page_fits_a_phone(site, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    with static_server(site) as base:
        page.goto(f"{base}map/")
        points = page.locator("svg.points a")
        assert points.count() == 5 and points.first.get_attribute("aria-label") == "Kyiv: 6 entries"
        assert page.locator("ol.map-places li").all_inner_texts()[:2] == ["Kyiv 6 entries", "Kharkiv 3 entries"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.locator("svg.points a[aria-label='Kharkiv: 3 entries']").click()
        assert page.url.endswith("/locations/kharkiv/index.html") and page.locator("h1").inner_text() == "Kharkiv"
    page.close()


def test_the_map_shows_what_the_timeline_filter_in_its_address_would(site, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    with static_server(site) as base:
        page.goto(f"{base}map/?actor=Army")
        page.wait_for_selector(".map-status:not([hidden])")
        shown = page.locator("svg.points a:visible")
        assert sorted(shown.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")) == ["Kharkiv: 3 entries", "Odesa: 1 entry"]
        assert page.locator(".map-status").inner_text().startswith("Showing 4 entries naming Army.")
        assert page.locator("ol.map-places li:visible a").all_inner_texts() == ["Kharkiv", "Odesa"]
    page.close()


def test_screenshots_of_the_map_a_place_and_an_actor(site, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    pages = {"map": "map/", "place": "locations/kyiv/", "actor": "actors/zelensky/"}
    with static_server(site) as base:
        for width in (390, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(base + path)
                page.screenshot(path=str(ARTIFACTS / f"map-{name}-{width}.png"))
                assert page.evaluate("document.documentElement.scrollWidth") <= width
            sizes = page.locator("figure.locator svg text").evaluate_all("texts => texts.map(t => t.getBoundingClientRect().height)")
            assert sizes  # the actor's map names its places
            page.close()
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + "locations/kyiv/")
        labels = page.locator("svg.locator text")
        assert labels.all_text_contents()[0] == "Kyiv" and "Lviv" in labels.all_text_contents()
        assert min(labels.evaluate_all("texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize) * "
                                       "t.ownerSVGElement.getScreenCTM().a)")) >= 12
        page.close()
