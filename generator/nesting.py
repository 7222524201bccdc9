"""How deeply a Markdown text's HTML nests: the sanitiser's time grows with length times depth, so it is bounded."""

from __future__ import annotations

import re

from generator.gfm import gfm_to_html

# elements open at once: real bodies stay under 20; nh3 takes ~3 s on 10 MB nested 200 deep, but 100 s on 100,000 '>'
MAX_NESTING = 200

# every element that nests comes from one of these in the text (or a numbered list's "1."), and no mark makes more
# than two (a list and its item), apart from a few that tables and footnotes add
_MARKS = "<>*_~[-+"
_NUMBERED = re.compile(r"[0-9][.)]")
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_LINE = re.compile(r'data-sourcepos="(\d+):')
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# an open one of these is closed by the next start tag of its group (<p>a<p>b is two paragraphs, not nested)
_GROUP = {"p": "p", "li": "li", "dt": "d", "dd": "d", "td": "t", "th": "t", "tr": "tr", "option": "option"}


def too_deep(text: str) -> int | None:
    """The line of `text` at which its HTML opens more than MAX_NESTING elements at once; None if it never does."""
    if not may_be_deep(text):
        return None
    html = gfm_to_html(text, sourcepos=True)
    at = overflow(html)
    if at is None:
        return None
    block = max(html.rfind(' data-sourcepos="', 0, at), 0)  # the block it is in, then the lines of raw HTML since
    found = _LINE.match(html, block + 1)
    return min((int(found.group(1)) if found else 1) + html.count("\n", block, at), text.count("\n") + 1)


def may_be_deep(text: str) -> bool:
    """False if the text has too few marks to nest past the bound: the quick look that spares most texts the count."""
    marks = sum(map(text.count, _MARKS)) + sum(1 for _ in _NUMBERED.finditer(text))
    return 2 * marks + 20 > MAX_NESTING


def overflow(html: str) -> int | None:
    """Where in `html` more than MAX_NESTING elements are open, or None.

    Counts as an HTML parser would, except that an end tag closes only the element last opened: never fewer
    than the parser keeps open (which reopens <b> and <i> after a block that cut them), sometimes more."""
    stack: list[str] = []
    for tag in _TAG.finditer(html):
        name = tag.group(2).lower()
        if tag.group(1):
            if stack and stack[-1] == name:
                stack.pop()
        elif name not in _VOID:
            if stack and name in _GROUP and _GROUP.get(stack[-1]) == _GROUP[name]:
                stack.pop()
            stack.append(name)
            if len(stack) > MAX_NESTING:
                return tag.start()
    return None
