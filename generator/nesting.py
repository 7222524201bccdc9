"""How deeply a Markdown text's HTML nests: the sanitiser's time grows with length times depth, so it is bounded."""

from __future__ import annotations

import re

from generator.gfm import gfm_to_html

# elements open at once: real bodies stay under 20; nh3 takes ~3 s on 10 MB nested 200 deep, but 100 s on 100,000 '>'
MAX_NESTING = 200

# every element that nests comes from one of these marks in the text (or a numbered list's "1." or "1)"), and no
# mark makes more than two (a list and its item), apart from a few that paragraphs, tables and footnotes add. They
# are counted in the text's bytes with every mark made '<' and every digit '0': a third of the time of str.count.
_MARKS = bytes.maketrans(b"<>*_~[-+0123456789", b"<<<<<<<<0000000000")
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_LINE = re.compile(r'data-sourcepos="(\d+):')
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# an open one of these is closed by the next start tag of its group (<p>a<p>b is two paragraphs, not nested)
_GROUP = {"p": "p", "li": "li", "dt": "d", "dd": "d", "td": "t", "th": "t", "tr": "tr", "option": "option"}
# elements whose end tag may be left out, and those whose end tag closes them too (<ul><li>a<li>b</ul>)
_OPTIONAL_END = frozenset({"li", "p", "dt", "dd", "option", "optgroup", "rb", "rp", "rt", "rtc"})
_CLOSES_OPTIONAL = frozenset({"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption",
                              "figure", "footer", "header", "hgroup", "listing", "main", "menu", "nav", "ol", "pre", "section", "summary", "ul", "p",
                              "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "table", "caption", "tbody", "thead", "tfoot", "tr", "td", "th"})


def too_deep(text: str) -> int | None:
    """The line of `text` at which its HTML opens more than MAX_NESTING elements at once; None if it never does."""
    if not may_be_deep(text):
        return None
    html = gfm_to_html(text, sourcepos=True)
    at = overflow(html)
    return None if at is None else _line(text, html, at)


def may_be_deep(text: str) -> bool:
    """False if the text has too few marks to nest past the bound: the quick look that spares most texts the count."""
    marked = text.encode("utf-8", "surrogatepass").translate(_MARKS)
    return 2 * (marked.count(b"<") + marked.count(b"0.") + marked.count(b"0)")) + 20 > MAX_NESTING


def overflow(html: str) -> int | None:
    """Where in `html` more than MAX_NESTING elements are open, or None.

    Counts as an HTML parser would, except that an end tag closes only the element last opened (or those left
    open above it that need no end tag), so it errs high: the parser, which reopens <b> and <i> after a block that
    cut them, keeps no more open (but for the rows it adds to tables: twice as many at most)."""
    stack: list[str] = []
    for tag in _TAG.finditer(html):
        name = tag.group(2).lower()
        if tag.group(1):
            at = len(stack) - 1
            if name in _CLOSES_OPTIONAL:
                while at >= 0 and stack[at] in _OPTIONAL_END and stack[at] != name:
                    at -= 1
            if at >= 0 and stack[at] == name:
                del stack[at:]
        elif name not in _VOID:
            if stack and name in _GROUP and _GROUP.get(stack[-1]) == _GROUP[name]:
                stack.pop()
            stack.append(name)
            if len(stack) > MAX_NESTING:
                return tag.start()
    return None


def _line(text: str, html: str, at: int) -> int:
    """The line of `text` that the tag at `at` in its HTML comes from: its own if cmark marked it (it marks blocks),
    else that of the raw HTML it is in (copied from the text as written), found from the line of the block before."""
    end = html.find(">", at)
    if own := _LINE.search(html, at, end if end != -1 else len(html)):
        return int(own.group(1))
    before = _LINE.match(html, max(html.rfind(" data-sourcepos=", 0, at), 0) + 1)
    line = int(before.group(1)) if before else 1
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
    found = text.find(html[html.rfind("\n", 0, at) + 1:end + 1 if end != -1 else len(html)], offset)  # its line up to the tag
    return line if found == -1 else text.count("\n", 0, found) + 1
