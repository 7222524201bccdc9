"""Where an entry came from: its article's url, author, publisher and language, and where its photo is."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from generator.build import build
from generator.cli import main
from generator.config import load_config
from generator.errors import TimelineError
from generator.load import load
from tests.browser import CHROMIUM, chromium, static_server
from tests.conftest import ENTRY, write_entry

ATOM = "{http://www.w3.org/2005/Atom}"
URL = "https://www.reuters.com/world/middle-east/talks-open-2024-03-01/"
SOURCED = ENTRY.replace("---\n\n", f"""source: {URL}
url: {URL}
author: Jane Doe
publisher: Reuters
lang: fr
image:
  caption: Delegates arrive.
  credit: AP
  src: https://example.org/lead.jpg
---

""", 1)


def loaded(tmp_path, text: str):
    write_entry(tmp_path, "2024/talks.md", text)
    return load(tmp_path / "content", tmp_path)[:2]


def test_each_source_key_loads(tmp_path):
    [entry], problems = loaded(tmp_path, SOURCED)
    assert problems == []
    assert (entry.url, entry.author, entry.publisher, entry.lang) == (URL, "Jane Doe", "Reuters", "fr")
    assert (entry.image.caption, entry.image.credit, entry.image.src) == ("Delegates arrive.", "AP", "https://example.org/lead.jpg")


def test_an_entry_without_them_has_them_empty(tmp_path):
    [entry], _ = loaded(tmp_path, ENTRY)
    assert (entry.url, entry.author, entry.publisher, entry.lang, entry.image) == ("", "", "", "", None)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/a", "www.reuters.com/a",
                                 "https://", "https://exa mple.org/"])
def test_a_url_that_is_not_a_web_address_is_refused_at_its_line(tmp_path, url):
    entries, problems = loaded(tmp_path, SOURCED.replace(f"url: {URL}", f"url: {json.dumps(url)}"))
    assert entries == []
    [problem] = problems
    assert problem.format().startswith("content/2024/talks.md:8: 'url' must be a web address starting http:// or https://, got ")


def test_a_long_url_is_cut_short_in_the_message(tmp_path):
    _, [problem] = loaded(tmp_path, SOURCED.replace(f"url: {URL}", "url: data:image/png;base64," + "A" * 10_000))
    assert len(problem.message) < 200 and problem.message.endswith("…'")


def test_source_keys_must_be_text(tmp_path):
    _, problems = loaded(tmp_path, SOURCED.replace("author: Jane Doe", "author: [Jane Doe, John Roe]").replace("lang: fr", "lang: {code: fr}"))
    assert [p.format() for p in problems] == ["content/2024/talks.md:9: 'author' must be text, got a list",
                                              "content/2024/talks.md:11: 'lang' must be text, got a mapping"]


@pytest.mark.parametrize("src", ["javascript:alert(1)", " javascript:alert(1)", "data:image/png;base64,AAAA", "//evil.example/x.jpg", "[a, b]"])
def test_an_image_src_with_another_scheme_is_refused(tmp_path, src):
    _, [problem] = loaded(tmp_path, SOURCED.replace("src: https://example.org/lead.jpg", f"src: {json.dumps(src) if src[0] != '[' else src}"))
    assert problem.path == "content/2024/talks.md" and problem.line == 12 and "'image'" in problem.message


def test_an_image_src_may_be_a_path(tmp_path):
    [entry], _ = loaded(tmp_path, SOURCED.replace("src: https://example.org/lead.jpg", "src: 2024/talks/lead.jpg"))
    assert entry.image.src == "2024/talks/lead.jpg"


def test_check_reports_a_bad_url_as_path_line_message(tmp_path, capsys):
    write_entry(tmp_path, "2024/talks.md", SOURCED.replace(f"url: {URL}", "url: javascript:alert(1)"))
    assert main(["check", "--root", str(tmp_path)]) == 1
    assert "content/2024/talks.md:8: 'url' must be a web address starting http:// or https://, got 'javascript:alert(1)'" in capsys.readouterr().out


def test_a_build_refuses_a_javascript_url(tmp_path):
    write_entry(tmp_path, "2024/talks.md", SOURCED.replace(f"url: {URL}", "url: javascript:alert(1)"))
    with pytest.raises(TimelineError) as refused:
        build(load_config(tmp_path, search=False))
    assert any(p.line == 8 and p.message.startswith("'url'") for p in refused.value.problems)
    assert not (tmp_path / "site").exists()


def test_the_schema_describes_them_and_validates_an_entry_with_them(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    assert main(["schema", "--root", str(tmp_path)]) == 0
    schema = json.loads(capsys.readouterr().out)
    for key in ("url", "author", "publisher", "lang"):
        assert schema["properties"][key]["type"] == "string" and schema["properties"][key]["description"]
    assert schema["properties"]["url"]["format"] == "uri" and schema["properties"]["url"]["pattern"] == "^https?://"
    example = {"title": "Talks open", "date": "2024-03-01", "source": URL, "url": URL, "author": "Jane Doe", "publisher": "Reuters", "lang": "pt-BR",
               "image": {"caption": "Delegates arrive.", "credit": "AP", "src": "https://example.org/lead.jpg"}}
    jsonschema.validate(example, schema)
    for bad in ({**example, "url": "javascript:alert(1)"}, {**example, "author": ["Jane Doe"]}, {**example, "image": {"href": "x.jpg"}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


@pytest.fixture
def site(tmp_path):
    write_entry(tmp_path, "2024/talks.md", SOURCED)
    write_entry(tmp_path, "2024/plain.md", ENTRY.replace("2024-03-01", "2024-03-02").replace("Talks open in Geneva", "Talks go on"))
    write_entry(tmp_path, "2024/hosted.md", ENTRY.replace("2024-03-01", "2024-03-03").replace("Talks open in Geneva", "Talks end")
                .replace("---\n\n", "url: https://www.example.org/end\nsource: Wire report\nlang: EN\n---\n\n", 1))
    build(load_config(tmp_path, search=False, base_url="https://example.org/timeline/"))
    return tmp_path / "site"


def page(site, slug: str) -> str:
    return (site / f"entries/{slug}/index.html").read_text(encoding="utf-8")


def test_the_entry_page_links_to_the_original_by_its_publisher_and_shows_the_byline(site):
    html = page(site, "talks")
    assert f'<a href="{URL}" rel="nofollow noopener noreferrer">Read at Reuters</a>' in html
    assert '<span class="byline">· By Jane Doe</span>' in html
    assert html.count(f'href="{URL}"') == 1  # the source is the same address: it is not linked twice
    assert '<a href="https://example.org/lead.jpg" rel="nofollow noopener noreferrer" lang="en">See the photo</a>' in html  # not fetched by readers


def test_an_article_in_another_language_says_so_and_the_page_words_stay_the_sites(site):
    html = page(site, "talks")
    assert '<article class="entry-page" lang="fr"' in html
    assert '<dl class="facts" lang="en">' in html and '<p class="original" lang="en">' in html
    assert "<article class=\"entry-page\" data-pagefind-body" in page(site, "plain")  # the site's language: nothing to say
    assert "<article class=\"entry-page\" data-pagefind-body" in page(site, "hosted")  # written in capitals, still the site's


def test_without_a_publisher_the_link_names_the_host_and_a_different_source_is_still_shown(site):
    html = page(site, "hosted")
    assert '<a href="https://www.example.org/end" rel="nofollow noopener noreferrer">Read at example.org</a>' in html
    assert "<dt>Source</dt><dd>Wire report</dd>" in html
    assert "Read at" not in page(site, "plain") and "By " not in page(site, "plain")


def test_author_and_publisher_are_escaped(tmp_path):
    write_entry(tmp_path, "2024/talks.md", SOURCED.replace("Jane Doe", "'<b>Jane</b>'").replace("publisher: Reuters", "publisher: '<i>R</i> & co'"))
    build(load_config(tmp_path, search=False))
    html = page(tmp_path / "site", "talks")
    assert "By &lt;b&gt;Jane&lt;/b&gt;" in html and "Read at &lt;i&gt;R&lt;/i&gt; &amp; co" in html


def test_the_json_and_csv_exports_carry_them_after_the_existing_columns(site):
    records = {r["title"]: r for r in json.loads((site / "entries.json").read_text(encoding="utf-8"))}
    talks = records["Talks open in Geneva"]
    assert (talks["url"], talks["author"], talks["publisher"], talks["lang"], talks["image_src"]) == (URL, "Jane Doe", "Reuters", "fr", "https://example.org/lead.jpg")
    assert records["Talks go on"]["image_src"] == "" and records["Talks go on"]["url"] == ""
    rows = list(csv.reader(io.StringIO((site / "entries.csv").read_text(encoding="utf-8"))))
    assert rows[0][:13] == ["id", "date", "published", "title", "summary", "actors", "locations", "tags", "source", "image_caption", "image_credit", "page", "file"]
    assert rows[0][13:] == ["url", "author", "publisher", "lang", "image_src", "featured"]
    assert rows[1][13:] == [URL, "Jane Doe", "Reuters", "fr", "https://example.org/lead.jpg", ""]


def test_the_feed_names_the_author_and_links_the_original(site):
    feed = ET.parse(site / "feed.xml").getroot()
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.iter(f"{ATOM}entry")}
    talks, plain = entries["Talks open in Geneva"], entries["Talks go on"]
    assert talks.findtext(f"{ATOM}author/{ATOM}name") == "Jane Doe"
    assert talks.find(f"{ATOM}link[@rel='related']").get("href") == URL
    assert talks.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert plain.findtext(f"{ATOM}author/{ATOM}name") == "Timeline" and plain.find(f"{ATOM}link[@rel='related']") is None


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
def test_a_long_source_wraps_on_a_phone_instead_of_widening_the_page(tmp_path):
    long = "https://www.example.org/news/" + "0123456789abcdef" * 8 + ".html"  # a file under seeds/ is not shown to readers at all
    write_entry(tmp_path, "2024/talks.md", ENTRY.replace("---\n\n", f"source: {long}\n---\n\n", 1))
    config = load_config(tmp_path, search=False)
    build(config)
    with static_server(config.site) as base, chromium() as browser:
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(base + "entries/talks/index.html")
        assert long in phone.inner_text("dl.facts")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
