"""Every internal link of a built site leads somewhere, wherever the site is put, and every data file parses."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from generator import urls
from generator.build import build
from generator.config import load_config
from generator.links import Links as PageLinks
from generator.links import Slugs
from tests.conftest import REPO, write_entry


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)
            if name == "id" and value:
                self.ids.add(value)


def target(site: Path, page: Path, link: str) -> Path | None:
    """The file a relative link leads to, or None for links that leave the site (absolute URLs, mail)."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("#"):
        return None
    assert not link.startswith("/"), f"{page}: root-relative link {link!r} breaks under a sub-path"
    resolved = PurePosixPath(page.relative_to(site).parent.as_posix(), unquote(parts.path))
    parts_out: list[str] = []
    for part in resolved.parts:
        if part == "..":
            assert parts_out, f"{page}: {link!r} leaves the site"
            parts_out.pop()
        elif part not in (".", ""):
            parts_out.append(part)
    return site.joinpath(*parts_out)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("linked")
    (root / "content").mkdir()
    (root / "content/locations.yml").write_text("Geneva:\n  kind: city\n  country: Switzerland\nSwitzerland:\n  kind: country\n", encoding="utf-8")
    for n, (title, actors, places) in enumerate([("Talks open", ["United Nations", "Iran"], ["Geneva"]),
                                                 ("Strike near the river", ["Islamic State"], ["Deir ez-Zor", "Syria"]),
                                                 ("Talks resume", ["Iran", "Société Générale"], ["Côte d'Ivoire"])]):
        write_entry(root, f"202{n}/e{n}.md", f"---\ntitle: {json.dumps(title)}\ndate: 202{n}-0{n + 1}-1{n}\nactors: {json.dumps(actors)}\n"
                                             f"locations: {json.dumps(places)}\ntags: [talks]\n---\n\nSee [the first](../e0/) and *more*.\n")
    build(load_config(root, base_url="https://example.org/sub/path/"))
    return root / "site"


def test_no_internal_link_is_broken(site):
    broken, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        for link in links.found:
            path = target(site, page, link)
            checked += path is not None
            if path is not None and not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} → {link}")
    assert broken == [] and checked > 200


def test_every_feed_sitemap_and_data_file_parses(site):
    for feed in site.rglob("*.xml"):
        ET.parse(feed)  # raises on anything malformed
    for data in site.rglob("*.json"):
        json.loads(data.read_text(encoding="utf-8"))
    rows = list(csv.reader(io.StringIO((site / "entries.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 4 and all(len(row) == len(rows[0]) for row in rows)


ATOM = "{http://www.w3.org/2005/Atom}"
DATE = {"type": "object", "required": ["year", "month", "day"], "properties": {k: {"type": "integer"} for k in ("year", "month", "day")}}
TIMELINEJS = {  # what TimelineJS needs of its JSON (https://timeline.knightlab.com/docs/json-format.html)
    "type": "object", "required": ["events"],
    "properties": {"title": {"type": "object", "required": ["text"]},
                   "events": {"type": "array", "minItems": 1, "items": {
                       "type": "object", "required": ["start_date", "text", "unique_id"],
                       "properties": {"start_date": DATE, "unique_id": {"type": "string", "minLength": 1},
                                      "text": {"type": "object", "required": ["headline"], "properties": {"headline": {"type": "string", "minLength": 1}}}}}}},
}
ENTRIES = {"type": "array", "minItems": 1, "items": {
    "type": "object", "required": ["id", "date", "title", "actors", "locations", "tags", "page", "file"],
    "properties": {"date": {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
                   **{k: {"type": "array", "items": {"type": "string"}} for k in ("actors", "locations", "tags")}}}}


def test_every_feed_and_json_file_validates(site):
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) > 5
    for path in feeds:  # what RFC 4287 requires of a feed and of its entries
        feed = ET.parse(path).getroot()
        assert feed.tag == f"{ATOM}feed" and all(feed.find(f"{ATOM}{name}") is not None for name in ("id", "title", "updated")), path
        entries = feed.findall(f"{ATOM}entry")
        assert entries, path
        for entry in entries:
            assert all(entry.find(f"{ATOM}{name}") is not None for name in ("id", "title", "updated", "author")), path
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None or entry.find(f"{ATOM}content") is not None, path
    timelines = sorted(site.rglob("timeline.json"))
    assert len(timelines) > 5
    for path in timelines:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), TIMELINEJS)
    jsonschema.validate(json.loads((site / "entries.json").read_text(encoding="utf-8")), ENTRIES)


def test_the_sitemap_and_feeds_carry_the_sub_path_and_pages_link_relatively(site):
    locations = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and all(loc.startswith("https://example.org/sub/path/") for loc in locations)
    assert '<link rel="canonical" href="https://example.org/sub/path/actors/iran/">' in (site / "actors/iran/index.html").read_text(encoding="utf-8")


def test_templates_name_what_they_link_to_and_spell_no_path():
    """A template links through a Links method, so urls.py decides every URL; links.to() only takes a path the page was given."""
    for template in sorted((REPO / "templates").glob("*.*ml")):
        text = template.read_text(encoding="utf-8")
        assert all(given.isidentifier() for given in re.findall(r"links\.to\(([^)]*)\)", text)), template.name
        for value in re.findall(r'\s(?:href|src|action|content|data-[\w-]+)="([^"]*)"', text):
            spelled = re.sub(r"{{.*?}}|{%.*?%}", "", value)
            assert not ("/" in spelled or re.search(r"\.(html|xml|json|js|css|svg)$", spelled)) or spelled.startswith(("https://", "#")), \
                f"{template.name}: {value!r} spells a path"


def test_the_files_pages_link_to_are_where_urls_puts_them(site):
    page = urls.page_file(urls.term_path("actors", "iran"))
    links = PageLinks(page, Slugs({}, {"actors": {"Iran": "iran"}}))
    assert links.kind("actors") == "../../actors/index.html" and links.own_feed() == "feed.xml" and links.search() == "../../search/index.html"
    assert links.home("https://example.org/sub/path/") == urls.absolute("https://example.org/sub/path/", urls.HOME) == "https://example.org/sub/path/"
    for link in (links.home(), links.kind("locations"), links.kind("tags"), links.term("actors", "Iran"), links.feed(), links.feed("actors/iran/"),
                 links.own_feed(), links.timeline_data(), links.own_timeline_data(), links.static("style.css"), links.static("favicon.svg"),
                 links.static("filter.js"), links.static("search.js"), links.entries_script(), links.search(), links.search_names(), links.pagefind()):
        path = target(site, site / page, link)
        assert path is not None and path.is_file(), link
