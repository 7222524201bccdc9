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
    page.get_by_role("link", name="Islamic State").first.click()
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
