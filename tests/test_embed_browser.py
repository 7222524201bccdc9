"""Embeds in headless Chromium: the <iframe> snippet a page shows, pasted into a news article, shows that page's
latest entries in a frame as wide as the article's column, with no navigation, and its links open the full site."""

import html
import re
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, static_server
from tests.conftest import write_entry

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PUBLISHED = "https://news.example/timeline/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A newsroom's folder: the timeline's site under timeline/, built for its published address, beside an article."""
    from generator.build import build
    from generator.config import load_config

    root = tmp_path_factory.mktemp("embed")
    for n in range(8):
        featured = "featured: true\n" if n == 5 else ""
        write_entry(root, f"2024/e{n}.md", f"---\ntitle: Talks in Kyiv, round {n}\ndate: 2024-0{n + 1}-10\nsummary: Delegates met for the {n}th time.\n"
                                           f"actors: [Zelensky]\nlocations: [Kyiv]\n{featured}---\n\nBody.\n")
    config = load_config(root, search=False, base_url=PUBLISHED, site_dir="newsroom/timeline")
    build(config)
    return root / "newsroom"


def snippet(page_file: Path) -> str:
    """The <iframe> a page offers to paste, as its reader copies it."""
    code = re.search(r'<details class="embed-snippet">.*?<code>(.*?)</code>', page_file.read_text(encoding="utf-8"), re.S)
    assert code, f"{page_file} shows no snippet"
    return html.unescape(code.group(1))


def test_the_snippet_names_the_published_embed_of_its_page(served):
    iframe = snippet(served / "timeline/actors/zelensky/index.html")
    assert iframe.startswith(f'<iframe src="{PUBLISHED}embed/actors/zelensky/" title="Zelensky · Timeline" width="100%"')
    assert snippet(served / "timeline/index.html").startswith(f'<iframe src="{PUBLISHED}embed/"')


def test_an_embed_pasted_into_an_article_shows_the_latest_entries_and_opens_the_site(served, browser):
    iframe = snippet(served / "timeline/actors/zelensky/index.html")
    with static_server(served) as base:
        local = iframe.replace(PUBLISHED, f"{base}timeline/")
        (served / "article.html").write_text(f"<!doctype html><html lang='en'><title>An article</title><body style='margin:0'>"
                                             f"<main style='width:320px;margin:0 auto'><p>The story so far:</p>{local}<p>More text.</p></main>",
                                             encoding="utf-8")
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{base}article.html")
        frame = page.frame_locator("iframe")
        titles = frame.locator("li.entry h2").all_inner_texts()
        assert titles[:2] == ["Talks in Kyiv, round 7", "Talks in Kyiv, round 6"] and len(titles) == 8  # newest first
        assert frame.locator("li.featured .key-event").text_content() == "Key event"
        assert frame.locator("nav, header.site, form").count() == 0
        box = page.locator("iframe").bounding_box()
        assert box["width"] == 320  # as wide as the article's column
        inner = page.frames[1]
        assert inner.evaluate("document.documentElement.scrollWidth") <= 320
        page.screenshot(path=str(ARTIFACTS / "embed-in-article-390.png"))
        with page.context.expect_page() as opened:
            frame.locator("li.entry a", has_text="round 6").click()
        full = opened.value
        full.wait_for_load_state()
        assert full.url.startswith(f"{base}timeline/entries/") and full.locator("nav[aria-label=Site]").count() == 1
        page.close()
