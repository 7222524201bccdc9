"""An entry's page in headless Chromium: a reader goes on to the next and previous events and to a related one, on a phone
and on a desktop, and a body line with no break in it does not make the page scroll sideways."""

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, chromium, static_server
from tests.conftest import write_entry

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE, NARROW, DESKTOP = {"width": 390, "height": 844}, {"width": 360, "height": 740}, {"width": 1280, "height": 900}
LONG_LINE = "x" * 400  # a hash, or a URL pasted without spaces
ENTRIES = {
    "2022/port.md": ("Strike on the port of Hodeidah", "2022-03-04", "[Houthis]", "[Hodeidah]", ""),
    "2022/talks.md": ("Talks open in Geneva", "2022-05-10", "[Houthis, United Nations]", "[Geneva]",
                      "featured: true\nurl: https://example.org/talks\npublisher: Reuters\nsource: seeds/talks.txt\n"),
    "2022/truce.md": ("A truce is declared", "2022-11-20", "[United Nations]", "[Sanaa]", ""),
    "2023/vote.md": ("The council votes on the truce", "2023-01-15", "[United Nations, Houthis]", "[Geneva]", ""),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Four entries over two years, two of them in Geneva, one a key event whose body has a very long unbroken line."""
    from generator.build import build
    from generator.config import load_config

    root = tmp_path_factory.mktemp("entry")
    (root / "content").mkdir()
    (root / "content/locations.yml").write_text("Geneva:\n  kind: city\n  country: Switzerland\n  lat: 46.2\n  lon: 6.15\n"
                                                "Sanaa:\n  kind: city\n  lat: 15.35\n  lon: 44.2\n", encoding="utf-8")
    for path, (title, date, actors, places, more) in ENTRIES.items():
        body = f"Delegations met for a first round.\n\n{LONG_LINE}\n" if "talks" in path else "Body.\n"
        write_entry(root, path, f"---\ntitle: {title}\ndate: {date}\nsummary: Delegations met for a first round.\nactors: {actors}\n"
                                f"locations: {places}\n{more}---\n\n{body}")
    config = load_config(root, search=False)
    build(config)
    return config.site


def test_a_reader_goes_on_to_the_next_and_previous_events_and_a_related_one(site):
    with static_server(site) as base, chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.goto(base + "entries/talks/index.html")
        page.click("nav.entry-nav a.next")
        assert page.locator("h1").inner_text() == "A truce is declared"
        page.click("nav.entry-nav a.previous")
        assert page.locator("h1").inner_text() == "Talks open in Geneva"
        page.click("section.related a >> nth=0")  # the vote shares the Houthis, the UN and Geneva: the most
        assert page.locator("h1").inner_text() == "The council votes on the truce"


def test_the_entry_page_reads_well_on_a_phone_and_a_desktop_without_sideways_scrolling(site):
    ARTIFACTS.mkdir(exist_ok=True)
    with static_server(site) as base, chromium() as browser:
        for name, viewport in (("390", PHONE), ("1280", DESKTOP), ("360", NARROW)):
            page = browser.new_page(viewport=viewport)
            page.goto(base + "entries/talks/index.html")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name
            assert page.locator("header p.key-event").inner_text().lower() == "key event"
            assert page.locator("p.original a").inner_text() == "Read at Reuters"
            for target in page.locator("nav.entry-nav a, section.related a").all():
                assert target.bounding_box()["height"] >= 24  # type: ignore[index]
            if name != "360":
                page.screenshot(path=str(ARTIFACTS / f"entry-{name}.png"), full_page=True)
            page.close()


def test_a_key_event_is_marked_in_words_on_the_timeline(site):
    with static_server(site) as base, chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.goto(base + "2022/index.html")
        item = page.locator("li.entry.featured")
        text = item.inner_text().lower()
        assert item.count() == 1 and "key event" in text and "talks open in geneva" in text
        page.screenshot(path=str(ARTIFACTS / "entry-timeline-390.png"), full_page=False)
