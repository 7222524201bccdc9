"""Markdown from strangers: a body that crashed the Markdown parser, nesting that would take the sanitiser
minutes, images that make readers' browsers call other sites, and characters that made feeds not XML."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.check import check
from generator.config import HTML_TAGS, load_config
from generator.errors import TimelineError
from generator.frontmatter import dump
from generator.gfm import gfm_to_html
from generator.markup import is_remote, markdown_to_html
from generator.nesting import MAX_NESTING, overflow
from tests.conftest import write_entry


def entry(title: str = "Talks open", body: str = "", **meta: object) -> str:
    """An entry file's text: its front matter (from any text) and body."""
    return dump({"title": title, "date": datetime.date(2024, 3, 1), **meta}, body)


def errors(config) -> list[str]:
    return [p.format() for p in check(config)[1] if not p.warning]


# --- the parser: cmark-gfm, on 100,000 '>' (markdown-it-pyrs crashed the whole process on them) and on GitHub's Markdown ---

def test_a_body_of_100000_gt_is_an_error_with_its_line_not_a_crash(tmp_path):
    write_entry(tmp_path, "quotes.md", entry(body="A first paragraph.\n\n" + ">" * 100_000))
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(tmp_path), "--no-search"], capture_output=True, text=True)
    assert done.returncode == 1  # an error, not a signal: the process lives
    message = f"content/quotes.md:8: the body nests HTML or Markdown more than {MAX_NESTING} deep"
    assert message in done.stdout + done.stderr
    assert any(line.startswith(message) for line in errors(load_config(tmp_path)))  # check says the same


def test_100000_gt_that_do_not_nest_build_and_show_as_written(tmp_path):
    write_entry(tmp_path, "arrows.md", entry(body="Arrows " + ">" * 100_000 + "\n\n" + "> quoted\n" * 10_000))
    build(load_config(tmp_path, search=False))
    page = (tmp_path / "site/entries/arrows/index.html").read_text(encoding="utf-8")
    assert page.count("&gt;") == 100_000 and page.count("quoted") == 10_000


def test_github_flavored_markdown_still_renders():
    html = markdown_to_html("| a | b |\n|---|:-:|\n| 1 | *2* |\n\n~~struck~~ ~5 km www.example.org\n\n- [x] done\n\n"
                            "\\[do Oriente Médio\\] \\<b\\> \\*not em\\*")
    assert '<table>\n<thead>\n<tr>\n<th>a</th>\n<th align="center">b</th>' in html and '<td align="center"><em>2</em></td>' in html
    assert "<del>struck</del> ~5 km" in html and '<a href="http://www.example.org" rel="noopener noreferrer">www.example.org</a>' in html
    assert "<li> done</li>" in html  # the checkbox is an <input>: never allowed
    assert "[do Oriente Médio] &lt;b&gt; *not em*" in html  # what ingest escapes shows as written


@pytest.mark.parametrize("label", ["1", "note", "note.1", "é", "a&b", "x:y", "*x*"])
def test_footnotes_link_both_ways(label):
    html = markdown_to_html(f"A claim.[^{label}] Again.[^{label}]\n\n[^{label}]: The source.\n")
    links = re.findall(r'href="#([^"]+)"', html)
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(links) == 4 and set(links) == set(ids)  # two references, two ways back


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads the process's memory from /proc")
def test_rendering_frees_what_cmark_allocates():
    """cmarkgfm's own functions leak the tree and the HTML: some 250 KB for this text, 490 MB over these 2,000 renders."""
    def resident() -> int:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    text = "Some *text*, a [link](https://example.org) and a note.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: The note.\n\n" * 50
    gfm_to_html(text)
    before = resident()
    for _ in range(2_000):
        gfm_to_html(text)
    assert resident() - before < 50 * 2**20


# --- nesting: nh3's time grows with length times depth, so depth is bounded ---

HOSTILE_NESTING = {
    "quotes": ">" * 100_000,
    "divs": "<div>" * 50_000,
    "unclosed b and i": "<b><i>" * 100_000,
    "b and i reopened by every paragraph": "<b><i>x\n\n" * 1_000,  # the parser nests them deeper after each
    "lists": "".join("  " * depth + "- item\n" for depth in range(300)),
    "tables in cells": "<table><tr><td>" * 1_000,
    "emphasis": "*a " * 1_000 + "x" + " a*" * 1_000,
}


@pytest.mark.parametrize("body", HOSTILE_NESTING.values(), ids=HOSTILE_NESTING.keys())
def test_deep_nesting_is_a_check_error_and_the_build_stops_on_it(tmp_path, body):
    write_entry(tmp_path, "deep.md", entry(body="Intro.\n\n" + body))
    config = load_config(tmp_path, search=False)
    [error] = errors(config)
    assert error.startswith("content/deep.md:") and f"nests HTML or Markdown more than {MAX_NESTING} deep" in error
    with pytest.raises(TimelineError) as caught:
        build(config)
    assert [p.format() for p in caught.value.problems] == [error]
    assert not config.site.exists()


def test_the_error_names_the_line_where_nesting_goes_past_the_bound(tmp_path):
    write_entry(tmp_path, "deep.md", entry(body="One.\n\nTwo.\n\n" + "> " * 50 + "fine\n\n" + "> " * 300 + "too deep\n"))
    [error] = errors(load_config(tmp_path))
    assert error.startswith("content/deep.md:12: ")  # the body's 7th line, after 4 of front matter and a blank one


def test_a_registry_description_that_nests_too_deep_is_an_error_at_its_line(tmp_path):
    write_entry(tmp_path, "talks.md", entry(actors=["Hamas"]))
    (tmp_path / "content/actors.yml").write_text(f"Hamas:\n  kind: group\n  description: '{'<div>' * 50_000}'\n", encoding="utf-8")
    config = load_config(tmp_path, search=False)
    [error] = errors(config)
    assert error.startswith("content/actors.yml:3: 'Hamas': the description nests HTML or Markdown")
    with pytest.raises(TimelineError):
        build(config)


def test_nesting_people_write_is_far_from_the_bound(tmp_path):
    body = "> quote\n> > reply\n\n- a\n  - b\n    - c\n      1. d\n\n<div><p><b><i>x</i></b></p></div>\n\n| a | b |\n|---|---|\n| *c* | [d](e) |\n\n" * 50
    write_entry(tmp_path, "fine.md", entry(body=body + "<p>open paragraph<p>another<ul><li>one<li>two</ul>\n" * 100))
    config = load_config(tmp_path, search=False)
    assert errors(config) == []
    build(config)
    assert (config.site / "entries/fine/index.html").read_text(encoding="utf-8").count("<blockquote>") == 100


def test_a_text_too_deep_that_reaches_the_renderer_is_shown_as_written():
    html = markdown_to_html("<b><i>" * 100_000)
    assert html.startswith("<pre>&lt;b&gt;&lt;i&gt;") and len(html) < 2_000_000


class Depth(HTMLParser):
    """The deepest nesting of elements in well-formed HTML (nh3's output)."""

    VOID = {"br", "hr", "img", "wbr", "col", "area"}

    def __init__(self, html: str) -> None:
        super().__init__()
        self.depth = self.deepest = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        self.depth -= tag not in self.VOID


PIECES = ["<b>", "<i>", "</b>", "</i>", "<p>", "</p>", "<div>", "</div>", "<li>", "<ul>", "</ul>", "<table>", "<td>", "<tr>", "</td>",
          "<a href=x>", "</a>", "<span>", "</span>", "<em>", "x", "\n", "\n\n", "> ", "- ", "1. ", "*", "_", "[", "](y)", "<br>", "<section>",
          "</li>", "<dd>", "<dt>", "</dl>", "<h2>", "</h3>", "<b title=a>", "<b title=b>", "<u>", "</tr>", "<th>", "</table>", "<blockquote>",
          "</blockquote>", "<ol>", "</section>", "<caption>", "<sup>", "</sup>", "<code>", "    ", "```\n", "<!--", "-->"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=300), st.integers(min_value=2, max_value=12))
def test_text_under_the_bound_never_nests_deeper_in_the_sanitiser(pieces, limit):
    """The count errs high: HTML it lets through nests no deeper in nh3's parser than twice the bound (tables add rows)."""
    import generator.nesting

    text = "".join(pieces)
    original, generator.nesting.MAX_NESTING = generator.nesting.MAX_NESTING, limit
    try:
        if overflow(gfm_to_html(text)) is None:
            assert Depth(markdown_to_html(text)).deepest <= 2 * limit + 4
    finally:
        generator.nesting.MAX_NESTING = original


# --- images: the pages make no external requests ---

REMOTE = ["https://evil.example/a.png", "http://evil.example/a.png", "//evil.example/a.png", " //evil.example/a.png", "\\\\evil.example\\a.png",
          "/\\evil.example/a.png", "ht\ttps://evil.example/a.png", "HTTPS://evil.example/a.png", "\x01https://evil.example/a.png", "mailto:x@evil.example"]
LOCAL = ["images/map.png", "../../static/map.png", "/static/map.png", "map.png?v=2#top", "./a:b.png"]


@pytest.mark.parametrize("src", REMOTE)
def test_a_remote_image_becomes_a_link_to_it(src):
    assert is_remote(src)
    html = markdown_to_html(f'Before <img src="{src}" alt="Map of Gaza"> after')
    assert "<img" not in html and 'rel="noopener noreferrer">Map of Gaza</a>' in html


@pytest.mark.parametrize("src", LOCAL)
def test_a_local_image_stays(src):
    assert not is_remote(src)
    assert "<img src=" in markdown_to_html(f"![map]({src.replace(' ', '%20')})")


def test_a_remote_image_in_a_link_leaves_its_alt_text_in_the_link():
    html = markdown_to_html("[![Map of Gaza](https://evil.example/map.png)](https://news.example/story)")
    assert html == '<p><a href="https://news.example/story" rel="noopener noreferrer">Map of Gaza</a></p>\n'


FETCHING = ["src", "srcset", "poster", "background", "data", "lowsrc", "dynsrc", "longdesc", "ping", "href", "xlink:href", "action", "formaction",
            "icon", "manifest", "codebase", "archive", "style", "imagesrcset", "content"]
ANY_TAGS = (*HTML_TAGS, "image", "picture", "body", "html", "font", "bgsound", "marquee", "layer", "ilayer", "input", "video", "audio")


class Fetches(HTMLParser):
    """(tag, attribute) of every remote URL left in HTML, but links' href and quotations' cite (followed only when clicked)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if "evil.example" in (value or "") and (tag, name) != ("a", "href") and name != "cite":
                self.found.append((tag, name))


@pytest.mark.parametrize("attribute", FETCHING)
def test_no_tag_or_attribute_the_sanitiser_allows_fetches_from_another_site(attribute):
    url = "https://evil.example/x.png"
    value = f"background-image:url({url})" if attribute == "style" else f"0;url={url}" if attribute == "content" else url
    html = "".join(f'<{tag} {attribute}="{value}">x</{tag}>' for tag in ANY_TAGS)
    assert Fetches(markdown_to_html(html, ANY_TAGS)).found == []


def test_remote_images_are_links_by_default_and_shown_with_the_setting(tmp_path):
    write_entry(tmp_path, "talks.md", entry(body="![Map](https://evil.example/map.png)\n\n<img src=//evil.example/b.png alt=B>\n\n![Local](map.png)",
                                            actors=["Hamas"]))
    (tmp_path / "content/actors.yml").write_text("Hamas:\n  kind: group\n  description: '![Logo](https://evil.example/logo.png)'\n", encoding="utf-8")
    build(load_config(tmp_path, search=False))
    pages = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")}
    assert [p for p, html in pages.items() if Fetches(html).found] == []
    entry_page, actor_page = pages[tmp_path / "site/entries/talks/index.html"], pages[tmp_path / "site/actors/hamas/index.html"]
    assert '<a href="https://evil.example/map.png" rel="noopener noreferrer">Map</a>' in entry_page and '<img src="map.png" alt="Local">' in entry_page
    assert '<a href="https://evil.example/logo.png" rel="noopener noreferrer">Logo</a>' in actor_page

    (tmp_path / "timeline.toml").write_text("remote_images = true\n", encoding="utf-8")
    build(load_config(tmp_path, search=False))
    assert '<img src="https://evil.example/map.png" alt="Map">' in (tmp_path / "site/entries/talks/index.html").read_text(encoding="utf-8")
    assert '<img src="https://evil.example/logo.png" alt="Logo">' in (tmp_path / "site/actors/hamas/index.html").read_text(encoding="utf-8")


def test_remote_images_must_be_true_or_false(tmp_path):
    (tmp_path / "timeline.toml").write_text('remote_images = "yes"\n', encoding="utf-8")
    with pytest.raises(TimelineError) as caught:
        load_config(tmp_path)
    assert "setting 'remote_images' must be a bool" in caught.value.format_message()


# --- any characters: feeds and the sitemap stay XML, data files JSON ---

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)  # everything a UTF-8 file can hold: controls, U+FFFE, U+2028, ...
A_NAME = ANY_TEXT.filter(lambda name: name.strip())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=A_NAME, summary=ANY_TEXT, body=ANY_TEXT, actors=st.lists(A_NAME, max_size=3), locations=st.lists(A_NAME, max_size=2),
       site_title=A_NAME)
def test_any_characters_make_well_formed_feeds_sitemap_and_json(tmp_path_factory, title, summary, body, actors, locations, site_title):
    root = tmp_path_factory.mktemp("any")
    write_entry(root, "2024/any.md", entry(title, body, summary=summary, actors=actors, locations=locations, tags=actors[:1]))
    toml_title = json.dumps(site_title, ensure_ascii=False).replace("\x7f", "\\u007f")  # JSON's escapes are TOML's, but for DEL
    (root / "timeline.toml").write_text(f"title = {toml_title}\nbase_url = \"https://example.org/news/\"\n", encoding="utf-8")
    build(load_config(root))
    site = root / "site"
    feeds = sorted(site.rglob("*.xml"))
    assert len(feeds) >= 2 + bool(actors) + bool(locations)  # sitemap.xml, feed.xml, a feed per name
    for path in feeds:
        ET.parse(path)  # raises on anything that is not well-formed XML
    for path in [*site.rglob("*.json"), site / "search/names.json"]:
        json.loads(path.read_text(encoding="utf-8"))
    script = (site / "entries.js").read_text(encoding="utf-8")
    rows, names = script.split("\n];\nwindow.timelineNames=")  # the entries, then the names the filter knows besides
    assert rows.startswith("window.timelineEntries=[\n") and names.endswith(";\n")
    assert "\u2028" not in script and "\u2029" not in script and "</" not in script
    [row] = json.loads(rows.removeprefix("window.timelineEntries=") + "]")
    json.loads(names.removesuffix(";\n"))
    assert row[1] == title.strip()
