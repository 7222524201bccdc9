"""Article text must render as the same text, whatever Markdown-like characters it holds."""

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.escape import escape_markdown
from generator.markup import markdown_to_html


def rendered_text(source: str) -> str:
    out = markdown_to_html(source)
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


def test_markdown_syntax_in_text_stays_text():
    for text in ["1. Not a list", "# Not a heading", "- not an item", "> not a quote", "*not emphasis*",
                 "<script>alert(1)</script>", "[a link](javascript:alert(1))", "AT&T and &amp;", "a \\ backslash", "---", "~~not struck~~", "| a | b |", "2024) A year", "= not a heading"]:
        assert rendered_text(escape_markdown(text)) == text
        assert "<script" not in markdown_to_html(escape_markdown(text))


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1).filter(lambda s: s.strip()))
def test_any_paragraph_renders_as_itself(text):
    assert rendered_text(escape_markdown(text)) == " ".join(text.split())
