"""Activity charts and who-appears-with-whom, made at build time."""

import datetime
import json
import xml.etree.ElementTree as ET

from generator.build import build
from generator.charts import activity, activity_svg, seen_with
from generator.config import load_config
from generator.model import Entry
from tests.conftest import write_entry

SVG = "{http://www.w3.org/2000/svg}"


def on(date: str, actors=(), places=()) -> Entry:
    return Entry(id=date, title="t", date=datetime.date.fromisoformat(date), path=f"{date}.md", actors=tuple(actors), locations=tuple(places))


def test_activity_counts_years_with_gaps_and_months_for_short_spans():
    assert activity([on("2019-05-01"), on("2021-02-02"), on("2021-03-03")]) == [("2019", 1), ("2020", 0), ("2021", 2)]
    assert activity([on("2023-11-05"), on("2024-01-09"), on("2024-01-10")]) == [("Nov 2023", 1), ("Dec 2023", 0), ("Jan 2024", 2)]
    assert activity([]) == []


def test_the_chart_is_svg_whose_text_gives_the_figures():
    svg = ET.fromstring(str(activity_svg([("2019", 1), ("2020", 0), ("2021", 2)], "Iran & co")))
    assert svg.get("role") == "img"
    assert svg.findtext(f"{SVG}title") == "Entries per year for Iran & co"
    assert svg.findtext(f"{SVG}desc") == "2019: 1, 2020: 0, 2021: 2"
    heights = [float(rect.get("height")) for rect in svg.iter(f"{SVG}rect")]
    assert heights[1] == 0 and heights[2] == 2 * heights[0]


def test_seen_with_counts_the_others_most_first():
    entries = [on("2024-01-01", ["Iran", "UN"], ["Geneva"]), on("2024-01-02", ["Iran", "Hamas"], ["Geneva", "Gaza"]),
               on("2024-01-03", ["Iran", "UN"], [])]
    assert seen_with("Iran", "actors", entries) == {"actors": [("UN", 2), ("Hamas", 1)], "locations": [("Geneva", 2), ("Gaza", 1)]}
    assert seen_with("Geneva", "locations", entries[:2])["locations"] == [("Gaza", 1)]


def test_actor_pages_show_the_chart_and_link_who_they_are_seen_with(tmp_path):
    for n, (actors, places) in enumerate([(["Iran", "United Nations"], ["Geneva"]), (["Iran", "United Nations"], ["Vienna"]), (["Iran"], ["Geneva"])]):
        write_entry(tmp_path, f"{n}.md", f"---\ntitle: Talks {n}\ndate: 2024-0{n + 1}-01\nactors: {json.dumps(actors)}\nlocations: {json.dumps(places)}\n---\n")
    build(load_config(tmp_path, search=False))
    html = (tmp_path / "site/actors/iran/index.html").read_text(encoding="utf-8")
    assert '<svg class="activity"' in html and "<desc id=\"activity-desc\">Jan 2024: 1, Feb 2024: 1, Mar 2024: 1</desc>" in html
    assert '<a href="../../actors/united-nations/index.html">United Nations</a> <span class="count">(2)</span>' in html
    assert '<a href="../../locations/geneva/index.html">Geneva</a> <span class="count">(2)</span>' in html
    assert '<svg class="activity"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")
