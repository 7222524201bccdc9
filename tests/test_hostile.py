"""The hostile project (tests/hostile/): built, every page loaded in headless Chromium, no injected script runs,
every file lands inside site/ under a short, distinct name, and raw HTML is cut down to the allow-list."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.build import build
from generator.config import load_config
from generator.errors import TimelineError
from generator.ingest import ingest
from generator.markup import markdown_to_html
from tests.browser import CHROMIUM, chromium, static_server

HOSTILE = Path(__file__).resolve().parent / "hostile"
ACTIVE_TAGS = {"iframe", "object", "embed", "frame", "math", "base", "meta", "link", "style"}  # forms: their action is checked
OWN_SCRIPTS = {"static/filter.js", "static/search.js", "static/map.js", "static/axis.js"}


class Active(HTMLParser):
    """What in a page could run script: tags that can, event handlers, script URLs (the site's own scripts excepted)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not any((values.get("src") or "").endswith(own) for own in OWN_SCRIPTS):
            self.found.append(f"<script {values}>")
        if tag in ACTIVE_TAGS and not (tag in ("meta", "link") and self.getpos()[0] < 20):  # the page's own head
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "data", "formaction") and (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value}>")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(HOSTILE, root, dirs_exist_ok=True)
    before = {p for p in root.parent.rglob("*")}
    config = load_config(root)
    assert ingest(config, say=lambda line: None).failed == []
    build(config)
    made = {p for p in root.parent.rglob("*")} - before
    return config, made


def test_every_file_is_written_inside_site_or_the_project_s_own_folders(hostile):
    config, made = hostile
    root = config.root.resolve()
    outside = [p for p in made if not p.resolve().is_relative_to(root)]
    assert outside == []
    stray = [p for p in made if p.resolve().is_relative_to(root)
             and p.relative_to(root).parts[0] not in ("site", "content", ".timeline-cache", ".ingest-log.jsonl")]
    assert stray == []


def test_names_that_try_to_leave_or_clash_get_short_distinct_safe_urls(hostile):
    config, _ = hostile
    for kind, count in (("actors", 16), ("locations", 9), ("tags", 6)):  # 5 hostile tags, and the seed's kind of event
        folders = [p for p in (config.site / kind).iterdir() if p.is_dir()]
        assert len(folders) == count
        assert all((p / "index.html").is_file() and len(p.name) <= 80 for p in folders), folders
    names = {p.name for p in (config.site / "actors").iterdir()}
    assert {"etc-passwd", "hamas", "cafe"} <= names and not names & {"con", "nul", "..", "."}
    assert all(len(p.relative_to(config.site).as_posix()) < 200 for p in config.site.rglob("*") if "pagefind" not in p.parts)


def test_no_page_carries_an_active_payload(hostile):
    config, _ = hostile
    found = {}
    for page in sorted(config.site.rglob("*.html")):
        active = Active()
        active.feed(page.read_text(encoding="utf-8"))
        if active.found:
            found[page.relative_to(config.site).as_posix()] = active.found
    assert found == {}


def test_raw_html_keeps_the_allow_list_and_loses_the_rest(hostile):
    config, _ = hostile
    page = (config.site / "entries/2024-01-01-script-in-every-field/index.html").read_text(encoding="utf-8")
    body = page.split('<div class="body">', 1)[1].split('<dl class="facts">', 1)[0]
    assert "<sup>1</sup>" in body and '<abbr title="United Nations">UN</abbr>' in body and "<em>emphasis</em>" in body
    assert "&lt;script&gt;alert('entity-body')&lt;/script&gt;" in body  # entities stay text
    assert "<details" in body and "ontoggle" not in body  # the tag is allowed, its handler is not


def test_a_hostile_web_page_gives_its_article_text_and_nothing_that_runs(hostile):
    config, _ = hostile
    entry = next(p.read_text(encoding="utf-8") for p in config.content.rglob("*.md") if "source: seeds/hostile-page.html" in p.read_text(encoding="utf-8"))
    assert "fines would follow" in entry and "Read the minutes, the data link and the old link were all offered" in entry
    assert not any(scheme in entry.lower() for scheme in ("javascript:", "data:text", "vbscript:"))  # the links keep their text only
    assert not any(noise in entry for noise in ("home", "menu", "another story about pumps", "comment:", "footer text", "svg text"))
    page = next(p.read_text(encoding="utf-8") for p in (config.site / "entries").rglob("index.html") if "fines would follow" in p.read_text(encoding="utf-8"))
    assert "&lt;script&gt;alert('escaped')&lt;/script&gt;" in page and "<svg" not in page  # shown as the text it was


def test_the_allow_list_can_be_narrowed_but_never_opened_to_script(tmp_path):
    assert markdown_to_html("<sup>1</sup> and <u>u</u>", ("p", "sup")) == "<p><sup>1</sup> and u</p>\n"
    (tmp_path / "timeline.toml").write_text('html_tags = ["p", "em", "script", "IFRAME"]\n', encoding="utf-8")
    with pytest.raises(TimelineError) as caught:
        load_config(tmp_path)
    assert "html_tags: iframe, script can run script" in caught.value.format_message()


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
def test_no_injected_script_runs_on_any_page(hostile):
    config, _ = hostile
    pages = sorted(p.relative_to(config.site).as_posix() for p in config.site.rglob("*.html"))
    extra = ["?actor=" + quote("<img src=x onerror=alert('filter')>") + "&tag=" + quote("<iframe src=javascript:alert('tag')>"),
             "search/index.html?q=" + quote("<img src=x onerror=alert('query')>"),
             "search/index.html?q=" + quote("<svg onload=alert('place')>")]
    dialogs, errors = [], []
    with static_server(config.site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        for path in pages + extra:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(50)  # handlers of images that fail to load run after load
            if path.startswith("?"):
                page.wait_for_function("document.querySelector('.filter-status').textContent.includes('match')")
            if path.startswith("search/"):
                page.wait_for_function("!document.querySelector('.search-status').textContent.startsWith('Searching')")
            page.hover("body")  # onmouseover payloads
        for link in page.locator("a").all():  # and no link of the last page leads to script
            assert not (link.get_attribute("href") or "").strip().lower().startswith(("javascript:", "data:"))
    assert dialogs == [] and errors == []
    assert len(pages) > 30
