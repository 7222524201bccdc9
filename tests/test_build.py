"""The build: content/ in, a complete static site out, or nothing changed at all."""

import json
import xml.etree.ElementTree as ET

import pytest

from generator.build import build
from generator.config import load_config
from generator.errors import TimelineError
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
        assert "http://" not in html.replace('xmlns="http://www.w3.org', "") and "https://" not in html, page


def test_an_actor_page_lists_its_entries(demo):
    html = (demo.site / "actors/islamic-state/index.html").read_text(encoding="utf-8")
    assert "1 entry" in html and "../../entries/2023-07-10-" in html


def test_feeds_and_data_files_parse(demo):
    feed = ET.parse(demo.site / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 1
    sitemap = ET.parse(demo.site / "sitemap.xml").getroot()
    assert len(sitemap) > 5
    data = json.loads((demo.site / "timeline.json").read_text(encoding="utf-8"))
    [event] = data["events"]
    assert event["start_date"] == {"year": 2023, "month": 7, "day": 10}
    assert event["text"]["headline"].startswith("The Central Command")


def test_base_url_gives_absolute_urls_in_feed_sitemap_and_canonical_links(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    config = load_config(tmp_path, base_url="https://example.org/news/")
    build(config)
    assert "<loc>https://example.org/news/entries/2024-03-01-talks/</loc>" in (config.site / "sitemap.xml").read_text()
    assert 'xml:base="https://example.org/news/"' in (config.site / "feed.xml").read_text()
    page = (config.site / "entries/2024-03-01-talks/index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/news/entries/2024-03-01-talks/">' in page
    assert 'href="../../actors/iran/index.html"' in page  # internal links stay relative


def test_names_that_slugify_alike_get_distinct_pages(tmp_path):
    for number, name in enumerate(["Hamas", "HAMAS", "Hamás"]):
        write_entry(tmp_path, f"{number}.md", f"---\ntitle: A\ndate: 2024-01-01\nactors: [{name}]\n---\n")
    config = load_config(tmp_path)
    build(config)
    assert len(list((config.site / "actors").glob("*/index.html"))) == 3


def test_a_broken_entry_stops_the_build_and_leaves_the_site_as_it_was(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    config = load_config(tmp_path)
    build(config)
    before = {p: p.read_bytes() for p in config.site.rglob("*") if p.is_file()}
    write_entry(tmp_path, "2024/broken.md", "---\ntitle: Broken\ndate: 2024-02-30\n---\n")
    with pytest.raises(TimelineError) as caught:
        build(config)
    assert "content/2024/broken.md:3: 'date' is not valid: day is out of range for month" in caught.value.format_message()
    assert {p: p.read_bytes() for p in config.site.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".site-*"))


def test_raw_html_in_a_hand_written_body_is_sanitised(tmp_path):
    write_entry(tmp_path, "a.md", '---\ntitle: A\ndate: 2024-01-01\n---\n\n<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3)) **bold**\n')
    config = load_config(tmp_path)
    build(config)
    html = (config.site / "entries/a/index.html").read_text()
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html
    assert "<strong>bold</strong>" in html


def test_a_template_in_the_project_overrides_the_theme_file_by_file(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/404.html").write_text('{% extends "base.html" %}{% block main %}<h1>Lost at sea</h1>{% endblock %}')
    config = load_config(tmp_path)
    build(config)
    assert "Lost at sea" in (config.site / "404.html").read_text()
    assert "Talks open in Geneva" in (config.site / "index.html").read_text()


def test_an_empty_project_builds_an_empty_timeline(tmp_path):
    config = load_config(tmp_path)
    report = build(config)
    assert report.entries == 0 and "No entries yet" in (config.site / "index.html").read_text()


def test_two_builds_of_the_same_content_are_identical(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    config = load_config(tmp_path)
    build(config)
    first = {p.relative_to(config.site): p.read_bytes() for p in config.site.rglob("*") if p.is_file()}
    build(config)
    assert {p.relative_to(config.site): p.read_bytes() for p in config.site.rglob("*") if p.is_file()} == first
