"""The activity strip in headless Chromium: a range control of the timeline's filter, by pointer and by keyboard, that follows
the filter and shows the eras; readable on a phone, and a picture with links to years without JavaScript."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from benchmarks.make_corpus import make_corpus
from generator.build import build, read_content
from generator.config import load_config
from tests.browser import CHROMIUM, static_server, strict_page

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ERAS = """\
- title: The harbour strikes
  start: 2008
  end: 2012-06
  description: Dockers stopped work for months at a time.
- title: Quiet years
  start: 2016-01-01
  end: 2019-12-31
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """200 entries over some 25 years, with two eras: (base URL, timeline)."""
    root = tmp_path_factory.mktemp("axis")
    make_corpus(200, root)
    (root / "content/eras.yml").write_text(ERAS, encoding="utf-8")
    config = load_config(root, search=False)
    build(config)
    timeline, *_ = read_content(config)
    with static_server(config.site) as base:
        yield base, timeline


@pytest.fixture
def page(browser):
    """A phone-sized page that fails the test on any console error or uncaught exception."""
    with strict_page(browser, viewport={"width": 390, "height": 844}) as page:
        yield page


def dates_in_url(page) -> tuple[str, str]:
    query = parse_qs(urlsplit(page.url).query)
    return query["from"][0], query["to"][0]


def listed_dates(page) -> list[str]:
    return page.locator(".filter-results li.entry time").evaluate_all("times => times.map(t => t.dateTime)")


def test_dragging_across_the_strip_narrows_the_list_and_its_url_reopens_it(site, page):
    base, timeline = site
    page.goto(base)
    box = page.locator("figure.activity .strip").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + 40, steps=6)
    page.mouse.up()
    page.wait_for_selector(".filter-results:not([hidden])")
    start, end = dates_in_url(page)
    expected = sorted(e.date.isoformat() for e in timeline.entries if start <= e.date.isoformat() <= end)
    assert start.endswith("-01-01") and end.endswith("-12-31")  # whole years: the strip counts years
    assert 0 < len(expected) < len(timeline.entries) and listed_dates(page) == expected
    shared = page.url
    page.goto(shared)
    page.wait_for_selector(".filter-results:not([hidden])")
    assert listed_dates(page) == expected
    assert page.get_by_role("slider", name="Start of the period shown").get_attribute("aria-valuetext") == f"1 January {start[:4]}"
    assert page.locator("figure.activity .range").is_visible()
    page.screenshot(path=str(ARTIFACTS / "range-phone.png"))  # the README's


def test_a_tap_on_a_bar_shows_its_year(site, page):
    base, timeline = site
    page.goto(base)
    bar = page.locator("svg.activity .bars rect").nth(3)
    year = bar.locator("title").text_content().split(":")[0]
    bar.click(force=True)  # where the handles are not: a tap on the strip chooses the bucket under it
    page.wait_for_selector(".filter-results:not([hidden])")
    assert dates_in_url(page) == (f"{year}-01-01", f"{year}-12-31")
    assert page.locator("#filter-year").input_value() == year  # the filter's own year menu agrees


def test_the_handles_are_sliders_moved_by_keyboard(site, page):
    base, timeline = site
    page.goto(base)
    first = page.get_by_role("slider", name="Start of the period shown")
    last = page.get_by_role("slider", name="End of the period shown")
    strip_start, strip_end = first.get_attribute("aria-valuetext"), last.get_attribute("aria-valuetext")
    first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    last.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_selector(".filter-results:not([hidden])")
    start, end = dates_in_url(page)
    assert first.get_attribute("aria-valuenow") == "3" and first.get_attribute("aria-valuetext") != strip_start
    assert last.get_attribute("aria-valuetext") != strip_end and listed_dates(page)[0] >= start and listed_dates(page)[-1] <= end
    page.keyboard.press("End")
    first.focus()
    page.keyboard.press("Home")
    page.wait_for_selector(".listing:not([hidden])")  # the whole strip again: no dates in the filter
    assert "from=" not in page.url


def test_the_strip_follows_the_filter_over_faint_totals(site, page):
    base, timeline = site
    actor = max(timeline.actors, key=lambda t: len(t.entries))
    page.goto(f"{base}?actor={actor.name}")
    page.wait_for_selector("figure.activity.filtered svg.activity .shown rect")
    drawn = page.locator("svg.activity .shown rect").evaluate_all("rects => rects.map(r => Number(r.getAttribute('height')))")
    totals = page.locator("svg.activity .bars rect").evaluate_all("rects => rects.map(r => Number(r.getAttribute('height')))")
    assert 0 < len(drawn) <= len(totals) and sum(drawn) < sum(totals)
    page.get_by_role("button", name=f"Remove actor {actor.name}").click()
    page.wait_for_function("!document.querySelector('figure.activity').classList.contains('filtered')")


def test_eras_are_bands_on_the_strip_and_headings_in_the_list(site, page):
    base, timeline = site
    page.goto(f"{base}2010/")
    assert "The harbour strikes" in page.locator("p.era-title").first.inner_text()  # under way when 2010 begins
    page.goto(base)
    assert page.locator("svg.activity rect.era").count() == 2
    names = page.locator("svg.activity text.era-name").all_text_contents()
    assert all(name == "" or name.endswith("…") and title.startswith(name[:-1]) for name, title in zip(names, ["The harbour strikes", "Quiet years"]))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.evaluate("window.dispatchEvent(new Event('resize'))")
    assert page.locator("svg.activity text.era-name").all_text_contents() == ["The harbour strikes", "Quiet years"]  # fitted again, with room


def test_a_filtered_list_heads_an_era_where_its_first_listed_entry_is_as_the_built_list_does(site, page):
    base, timeline = site
    page.goto(f"{base}?from=2011-01-01&to=2017-12-31")
    page.wait_for_selector(".filter-results:not([hidden])")
    headings = [" ".join(text.split()) for text in page.locator(".filter-results p.era-title").all_text_contents()]
    assert headings == ["Era The harbour strikes 1 January 2008 to 30 June 2012", "Era Quiet years 1 January 2016 to 31 December 2019"]
    assert page.locator(".filter-results p.era-about").all_inner_texts() == ["Dockers stopped work for months at a time."]
    first_quiet = next(e for e in timeline.entries if e.date.year >= 2016).title  # in date order
    after = page.locator(".filter-results p.era-title:has-text('Quiet years') + ol li.entry h4").first.inner_text()
    assert after == first_quiet
    page.goto(base)
    assert [" ".join(text.split()) for text in page.locator(".listing p.era-title").all_text_contents()][1] == headings[1]  # as the built list


def test_on_a_phone_its_text_is_readable_its_targets_big_enough_and_nothing_overflows(site, page):
    base, _ = site
    page.goto(base)
    sizes = page.evaluate("""Array.from(document.querySelectorAll('figure.activity .axis-ticks > *, figure.activity figcaption, svg.activity text'))
        .filter(e => e.textContent).map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= 12
    assert page.locator("svg.activity").get_attribute("viewBox") is None  # not scaled: CSS px are screen px
    labels = page.locator("figure.activity .axis-ticks > *").evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })")
    assert all(right <= next_left for (_, right), (next_left, _) in zip(labels, labels[1:]))  # no two labels overlap
    targets = page.locator("figure.activity .axis-ticks a, figure.activity .handle").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })")
    assert targets and all(width >= 24 and height >= 24 for width, height in targets)
    height = page.locator("figure.activity").evaluate("f => f.getBoundingClientRect().height")
    assert height <= 8 * 16 + 16
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("figure.activity").screenshot(path=str(ARTIFACTS / "axis-phone.png"))


def test_the_strip_and_a_narrowed_view_pass_the_accessibility_check(site, page):
    base, _ = site
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{base}?from=2008-01-01&to=2012-12-31")
        page.wait_for_selector(".filter-results:not([hidden])")
        page.locator(".handle").first.focus()
        results = Axe().run(page).response
        assert [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]] == []
        page.goto(f"{base}2010/")
        results = Axe().run(page).response
        assert [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]] == []


def test_without_javascript_it_is_a_picture_with_links_to_years(site, browser):
    base, timeline = site
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base)
    assert page.locator("svg.activity .bars rect").count() > 0 and page.locator(".handle").count() == 0
    link = page.locator("figure.activity .axis-ticks a").first
    year = link.inner_text()
    link.click()
    assert page.locator("h1").inner_text() == year
    context.close()
