"""Activity strips and who-appears-with-whom, made at build time."""

import datetime
import json
import xml.etree.ElementTree as ET

from generator.build import build
from generator.charts import CHAR_PX, LABEL_GAP_PX, MAX_BUCKETS, MIN_BUCKETS, NARROW_PX, _ticks, activity, activity_svg, days, seen_with
from generator.config import load_config
from generator.eras import Era
from generator.model import Entry
from tests.conftest import write_entry

SVG = "{http://www.w3.org/2000/svg}"
D = datetime.date.fromisoformat


def on(date: str, actors=(), places=()) -> Entry:
    return Entry(id=date, title="t", date=D(date), path=f"{date}.md", actors=tuple(actors), locations=tuple(places))


def strip_of(*dates: str):
    return activity(days(on(d) for d in dates))


def figure(markup) -> ET.Element:
    return ET.fromstring(f"<figure>{markup}</figure>")


def test_days_counts_entries_per_day_oldest_first():
    assert days([on("2021-02-02"), on("2019-05-01"), on("2021-02-02")]) == (("2019-05-01", 1), ("2021-02-02", 2))


def test_buckets_follow_the_span_from_days_to_decades():
    assert strip_of("2020-05-03", "2020-05-28").unit == "day"
    assert strip_of("2020-01-05", "2020-11-01").unit == "week"
    assert strip_of("2015-01-05", "2021-11-01").unit == "month"
    assert strip_of("1987-03-01", "2023-06-01").unit == "year"
    assert strip_of("1800-01-01", "2023-06-01").unit == "decade"
    for dates in (("2020-05-03",), ("2020-05-03", "2020-09-28"), ("1987-03-01", "2023-06-01"), ("1500-01-01", "2023-06-01")):
        strip = strip_of(*dates)
        assert MIN_BUCKETS <= len(strip.counts) <= MAX_BUCKETS and len(strip.bounds) == len(strip.counts) + 1
        assert sum(strip.counts) == len(dates)


def test_years_count_every_entry_in_its_year_with_gaps_as_zero():
    strip = strip_of("2002-05-01", "2019-05-01", "2021-02-02", "2021-03-03")
    assert strip.unit == "year" and strip.bounds[0] == D("2002-01-01") and strip.bounds[-1] == D("2022-01-01")
    assert strip.counts == (1, *[0] * 16, 1, 0, 2)
    assert strip.label(0) == "2002"


def test_one_busy_month_is_a_bar_among_empty_days_not_the_whole_strip():
    strip = strip_of("2020-05-12", "2020-05-12")
    assert strip.unit == "day" and len(strip.counts) == MIN_BUCKETS
    assert strip.counts.count(0) == MIN_BUCKETS - 1 and max(strip.counts) == 2
    assert strip.bounds[0] < D("2020-05-12") < strip.bounds[-1]


def test_ticks_fall_on_round_dates_and_never_crowd_a_phone():
    for dates, first in ((("1987-03-01", "2023-06-01"), "1990"), (("2020-01-05", "2021-11-01"), "Jan 2020"), (("2020-05-03", "2020-05-28"), "4 May")):
        ticks = _ticks(strip_of(*dates))
        assert ticks[0][1] == first and len(ticks) >= 3
        assert len(ticks) * (max(len(label) for _, label, _ in ticks) * CHAR_PX + LABEL_GAP_PX) <= NARROW_PX
    assert [label for _, label, _ in _ticks(strip_of("1987-03-01", "2023-06-01"))] == ["1990", "1995", "2000", "2005", "2010", "2015", "2020"]


def test_the_strip_is_svg_whose_text_gives_the_figures_and_whose_years_link():
    markup = activity_svg(strip_of("2002-05-01", "2019-05-01", "2021-02-02", "2021-03-03"), "Iran & co", lambda year: f"../{year}/", [2002, 2019, 2021])
    svg = figure(markup).find(f"div/{SVG}svg")
    assert svg.get("role") == "img" and svg.get("height") == "72" and svg.get("viewBox") is None  # drawn in CSS px: its text keeps its size
    assert svg.findtext(f"{SVG}title") == "Entries per year for Iran & co"
    assert svg.findtext(f"{SVG}desc") == "2002: 1, 2019: 1, 2021: 2"
    heights = [float(rect.get("height")) for rect in svg.iter(f"{SVG}rect")]
    assert heights == [heights[0], heights[0], 2 * heights[0]]  # empty years draw nothing
    labels = figure(markup).find("p")
    assert [(a.text, a.get("href")) for a in labels.iter("a")] == []  # the years ticked have no page
    assert [s.text for s in labels.iter("span")] == ["2005", "2010", "2015", "2020"]
    assert figure(markup).findtext("figcaption") == "Entries per year, 2002 – 2021; most: 2 (2021)"
    linked = figure(activity_svg(strip_of("2002-05-01", "2021-02-02"), "x", lambda year: f"../{year}/", [2015]))
    assert [(a.text, a.get("href")) for a in linked.iter("a")] == [("2015", "../2015/")]


def test_eras_are_bands_behind_the_bars_with_titles_that_fit():
    eras = [Era("A very long name for a short war", D("2010-01-01"), D("2012-12-31")), Era("Calm", D("2016-01-01"), D("2021-12-31")),
            Era("Long before", D("1900-01-01"), D("1901-01-01"))]
    svg = figure(activity_svg(strip_of("2002-05-01", "2021-02-02"), "x", eras=eras)).find(f"div/{SVG}svg")
    bands = svg.find(f"{SVG}g[@class='eras']")
    assert [rect.findtext(f"{SVG}title") for rect in bands.iter(f"{SVG}rect")] == [
        "A very long name for a short war: 1 January 2010 to 31 December 2012", "Calm: 1 January 2016 to 31 December 2021"]
    assert [(text.text or "", text.get("data-title")) for text in bands.iter(f"{SVG}text")] == [
        ("A ve…", "A very long name for a short war"), ("Calm", "Calm")]  # 3 of 20 years: 48 px of a 320 px strip


def test_no_entries_no_strip():
    assert activity([]) is None and activity_svg(None, "x") == ""


def test_seen_with_counts_the_others_most_first():
    entries = [on("2024-01-01", ["Iran", "UN"], ["Geneva"]), on("2024-01-02", ["Iran", "Hamas"], ["Geneva", "Gaza"]),
               on("2024-01-03", ["Iran", "UN"], [])]
    assert seen_with("Iran", "actors", entries) == {"actors": [("UN", 2), ("Hamas", 1)], "locations": [("Geneva", 2), ("Gaza", 1)]}
    assert seen_with("Geneva", "locations", entries[:2])["locations"] == [("Gaza", 1)]


def test_actor_pages_show_the_strip_and_link_who_they_are_seen_with(tmp_path):
    for n, (actors, places) in enumerate([(["Iran", "United Nations"], ["Geneva"]), (["Iran", "United Nations"], ["Vienna"]), (["Iran"], ["Geneva"])]):
        write_entry(tmp_path, f"{n}.md", f"---\ntitle: Talks {n}\ndate: 2024-0{n + 1}-01\nactors: {json.dumps(actors)}\nlocations: {json.dumps(places)}\n---\n")
    build(load_config(tmp_path, search=False))
    html = (tmp_path / "site/actors/iran/index.html").read_text(encoding="utf-8")
    assert '<svg class="activity"' in html and "<desc id=\"activity-desc\">1 January 2024: 1, 1 February 2024: 1, 1 March 2024: 1</desc>" in html
    assert '<a href="../../actors/united-nations/index.html">United Nations</a> <span class="count">(2)</span>' in html
    assert '<a href="../../locations/geneva/index.html">Geneva</a> <span class="count">(2)</span>' in html
    assert '<svg class="activity"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_a_country_page_says_its_strip_counts_the_places_within_it(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/locations.yml").write_text("Syria:\n  kind: country\nDamascus:\n  kind: city\n  country: Syria\n", encoding="utf-8")
    write_entry(tmp_path, "a.md", "---\ntitle: In Syria\ndate: 2020-01-01\nlocations: [Syria]\n---\n")
    for n in range(3):
        write_entry(tmp_path, f"d{n}.md", f"---\ntitle: In Damascus {n}\ndate: 2021-0{n + 1}-01\nlocations: [Damascus]\n---\n")
    build(load_config(tmp_path, search=False))
    html = (tmp_path / "site/locations/syria/index.html").read_text(encoding="utf-8")
    assert "<p>1 entry, 1 January 2020.</p>" in html
    assert "counting the 3 in places in Syria</figcaption>" in html
