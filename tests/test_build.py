"""The build: content/ in, a complete static site out, or nothing changed at all."""

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from generator.build import build
from generator.config import load_config
from generator.errors import TimelineError
from generator.contexts import NotFound, PageSpec
from generator.incremental import Builds
from generator.produce import shares
from tests.conftest import ENTRY, write_entry


def test_the_demo_site_has_every_kind_of_page(demo):
    site = demo.site
    for path in ["index.html", "2023/index.html", "actors/index.html", "locations/index.html", "tags/index.html",
                 "404.html", "feed.xml", "sitemap.xml", "timeline.json", "static/style.css",
                 "actors/islamic-state/index.html", "locations/syria/index.html"]:
        assert (site / path).is_file(), path
    [entry_page] = (site / "entries").glob("*/index.html")
    html = entry_page.read_text(encoding="utf-8")
    assert "Abu Osama al-Muhajer" in html and "Rania Zanoun/EFE" in html
    assert "[do Oriente Médio]" in html  # escaped article text renders as itself


def test_pages_link_relatively_and_make_no_external_requests(demo):
    for page in demo.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'href="/' not in html and 'src="/' not in html, page
        assert not re.search(r'(src|<link[^>]*href)="(https?:)?//', html), page


def test_an_actor_page_lists_its_entries(demo):
    html = (demo.site / "actors/islamic-state/index.html").read_text(encoding="utf-8")
    assert "1 entry" in html and "../../entries/2023-07-09-" in html  # the strike was announced the day before the article


def test_feeds_and_data_files_parse(demo):
    feed = ET.parse(demo.site / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 1
    sitemap = ET.parse(demo.site / "sitemap.xml").getroot()
    assert len(sitemap) > 5
    data = json.loads((demo.site / "timeline.json").read_text(encoding="utf-8"))
    [event] = data["events"]
    assert event["start_date"] == {"year": 2023, "month": 7, "day": 9}  # the day of the announcement, not of the article
    assert event["text"]["headline"].startswith("Centcom announces")


def test_base_url_gives_absolute_urls_in_feed_sitemap_and_canonical_links(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    config = load_config(tmp_path, search=False, base_url="https://example.org/news/")
    build(config)
    assert "<loc>https://example.org/news/entries/2024-03-01-talks/</loc>" in (config.site / "sitemap.xml").read_text()
    assert 'xml:base="https://example.org/news/"' in (config.site / "feed.xml").read_text()
    page = (config.site / "entries/2024-03-01-talks/index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/news/entries/2024-03-01-talks/">' in page
    assert 'href="../../actors/iran/index.html"' in page  # internal links stay relative


def test_names_that_slugify_alike_get_distinct_pages(tmp_path):
    for number, name in enumerate(["Hamas", "HAMAS", "Hamás"]):
        write_entry(tmp_path, f"{number}.md", f"---\ntitle: A\ndate: 2024-01-01\nactors: [{name}]\n---\n")
    config = load_config(tmp_path, search=False)
    build(config)
    assert len(list((config.site / "actors").glob("*/index.html"))) == 3


def test_a_broken_entry_stops_the_build_and_leaves_the_site_as_it_was(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    config = load_config(tmp_path, search=False)
    build(config)
    before = {p: p.read_bytes() for p in config.site.rglob("*") if p.is_file()}
    write_entry(tmp_path, "2024/broken.md", "---\ntitle: Broken\ndate: 2024-02-30\n---\n")
    with pytest.raises(TimelineError) as caught:
        build(config)
    assert "content/2024/broken.md:3: 'date' 2024-02-30 is not a real calendar date" in caught.value.format_message()
    assert {p: p.read_bytes() for p in config.site.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".site-*"))


def test_raw_html_in_a_hand_written_body_is_sanitised(tmp_path):
    write_entry(tmp_path, "a.md", '---\ntitle: A\ndate: 2024-01-01\n---\n\n<script>alert(1)</script><img src=x onerror="alert(2)">\n\n'
                                  '[x](javascript:alert(3)) **bold** <a href="javascript:alert(4)" onclick="alert(5)">y</a> <sup>2</sup>\n')
    config = load_config(tmp_path, search=False)
    build(config)
    html = (config.site / "entries/a/index.html").read_text()
    assert "<script>alert" not in html and "onerror" not in html and "onclick" not in html and 'href="javascript:' not in html
    assert "<strong>bold</strong>" in html and "<sup>2</sup>" in html  # harmless Markdown and HTML stay


def test_a_template_in_the_project_overrides_the_theme_file_by_file(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/404.html").write_text('{% extends "base.html" %}{% block main %}<h1>Lost at sea</h1>{% endblock %}')
    config = load_config(tmp_path, search=False)
    build(config)
    assert "Lost at sea" in (config.site / "404.html").read_text()
    assert "Talks open in Geneva" in (config.site / "index.html").read_text()


def test_an_empty_project_builds_an_empty_timeline(tmp_path):
    config = load_config(tmp_path, search=False)
    report = build(config)
    assert report.entries == 0 and "No entries yet" in (config.site / "index.html").read_text()


def test_two_builds_of_the_same_content_are_identical(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    config = load_config(tmp_path, search=False)
    build(config)
    first = {p.relative_to(config.site): p.read_bytes() for p in config.site.rglob("*") if p.is_file()}
    build(config)
    assert {p.relative_to(config.site): p.read_bytes() for p in config.site.rglob("*") if p.is_file()} == first


REGISTRY_ACTORS = """Islamic State:
  kind: armed group
  aliases: [IS, ISIS]
  description: "A jihadist group. See *the* [UN list](https://www.un.org/). <script>alert(1)</script>"
"""
REGISTRY_LOCATIONS = """Syria:
  kind: country
  aliases: [Syrian Arab Republic]
  lat: 35.0
  lon: 38.0
Deir ez-Zor:
  kind: city
  aliases: [Deir al Zur]
  country: Syria
  lat: 35.33611
  lon: 40.14083
"""


def test_actor_and_location_pages_show_what_the_registry_knows(tmp_path):
    write_entry(tmp_path, "a.md", "---\ntitle: Strike\ndate: 2023-07-10\nactors: [Islamic State]\nlocations: [Deir ez-Zor]\n---\n")
    write_entry(tmp_path, "b.md", "---\ntitle: Talks\ndate: 2023-08-01\nlocations: [Syria]\n---\n")
    (tmp_path / "content/actors.yml").write_text(REGISTRY_ACTORS, encoding="utf-8")
    (tmp_path / "content/locations.yml").write_text(REGISTRY_LOCATIONS, encoding="utf-8")
    config = load_config(tmp_path, search=False)
    build(config)
    actor = (config.site / "actors/islamic-state/index.html").read_text()
    assert "armed group" in actor and "Also known as: IS, ISIS" in actor
    assert "<em>the</em>" in actor and "<script>alert" not in actor
    city = (config.site / "locations/deir-ez-zor/index.html").read_text()
    assert "35.3361, 40.1408" in city and "openstreetmap.org/?mlat=35.33611&amp;mlon=40.14083" in city
    country = (config.site / "locations/syria/index.html").read_text()
    assert "In places in Syria" in country
    direct, within = country.split("In places in Syria")
    assert "Talks" in direct and "Strike" in within


def test_a_broken_registry_stops_the_build_with_its_line(tmp_path):
    write_entry(tmp_path, "a.md", ENTRY)
    (tmp_path / "content/actors.yml").write_text("Islamic State:\n  aliases: [IS\n", encoding="utf-8")
    with pytest.raises(TimelineError) as caught:
        build(load_config(tmp_path, search=False))
    assert "actors.yml:3: YAML syntax error" in caught.value.format_message()


def test_a_build_on_two_processes_gives_the_same_site_as_on_one(tmp_path, monkeypatch):
    monkeypatch.setattr("generator.produce.PARALLEL_FROM", 10)
    for number in range(30):
        write_entry(tmp_path, f"2024/{number:02}.md", ENTRY.replace("Talks open in Geneva", f"Talks, round {number}"))
    outputs = []
    for workers in (1, 2):
        config = load_config(tmp_path, search=False)
        Builds(config, workers=workers).build(save=False)
        outputs.append({p.relative_to(config.site): p.read_bytes() for p in config.site.rglob("*") if p.is_file()})
        shutil.rmtree(config.site)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 30


def test_a_broken_template_is_reported_by_file_and_line(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/404.html").write_text('{% extends "base.html" %}\n{% block main %}{{ nothing_here }}{% endblock %}')
    with pytest.raises(TimelineError, match=r"404.html:2: template error: 'nothing_here' is undefined"):
        build(load_config(tmp_path, search=False))


def test_a_template_that_fails_in_a_worker_process_is_reported_by_file_and_line_not_as_a_disk_error(tmp_path, monkeypatch):
    monkeypatch.setattr("generator.produce.PARALLEL_FROM", 10)  # made on two processes: odd entries by the forked one
    for number in range(30):
        write_entry(tmp_path, f"2024/{number:02}.md", ENTRY.replace("Talks open in Geneva", f"Talks, round {number}"))
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/entry.html").write_text('{% extends "base.html" %}\n{% block main %}\n{% if entry.title == "Talks, round 7" %}{{ entry.date | sum }}{% endif %}{% endblock %}')
    with pytest.raises(TimelineError) as caught:
        Builds(load_config(tmp_path, search=False), workers=2).build(save=False)
    message = caught.value.format_message()
    assert re.search(r"templates/entry.html:3: template error: TypeError", message) and "could not write" not in message
    assert not (tmp_path / "site").exists()


def test_past_the_sitemap_limit_sitemap_xml_indexes_numbered_sitemaps(tmp_path, monkeypatch):
    monkeypatch.setattr("generator.plan.SITEMAP_SIZE", 5)
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    config = load_config(tmp_path, search=False, base_url="https://example.org/")
    build(config)
    index = ET.parse(config.site / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert parts[:2] == ["https://example.org/sitemap-1.xml", "https://example.org/sitemap-2.xml"]
    files = [ET.parse(config.site / part.rsplit("/", 1)[1]).getroot() for part in parts]
    pages = [loc.text for f in files for loc in f.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(len(f) <= 5 for f in files) and len(pages) == len(set(pages))
    assert "https://example.org/entries/2024-03-01-talks/" in pages and "https://example.org/" in pages


def test_pages_are_shared_between_processes_by_how_long_they_take():
    specs = [PageSpec(f"page-{n}", "", NotFound(), weight) for n, weight in enumerate([500, 10, 10, 400, 90, 1])]
    split = shares(specs, 2)
    assert sorted(sum(spec.weight for spec in share) for share in split) == [501, 510]
    assert sorted(spec.path for share in split for spec in share) == sorted(spec.path for spec in specs)
