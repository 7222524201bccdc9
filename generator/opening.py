"""An article's opening as a newswire writes it: a headline paragraph, a dateline, then the lead paragraph.

No library reads wire datelines ("CAMBRIDGE, Mass., March 18 -"), so the one pattern here is written by hand; the
lead's sentences and parse come from spaCy (see `generator.extract.entities.lead_doc`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEAD_CHARS = 1_000  # of the lead paragraph that is parsed: two or three sentences, all a headline or a date needs
_DATELINE = re.compile(r"\A(?P<dateline>[A-Z][A-Za-z .,'-]{1,60}?,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s*(?:\([^()]{1,40}\))?)\s*[-–—]+\s+")


@dataclass(frozen=True)
class Opening:
    """The parts of an article's opening."""

    headline: str  # the source's own headline paragraph, as written ('' when it has none)
    dateline: str  # 'TOKYO, Oct 20' ('' when there is none)
    lead: str  # the lead paragraph, without the dateline
    body: tuple[str, ...]  # every paragraph but the headline's, as written


def opening(paragraphs: tuple[str, ...]) -> Opening:
    """Splits an article's paragraphs into headline, dateline, lead and body."""
    body = list(paragraphs)
    headline = body.pop(0) if len(body) > 1 and is_headline(body[0]) else ""
    first = body[0] if body else ""
    match = _DATELINE.match(first)
    return Opening(headline, match.group("dateline") if match else "", first[match.end() :] if match else first, tuple(body))


def is_headline(paragraph: str) -> bool:
    """An all-capitals first paragraph without a final full stop, as newswires write headlines."""
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and len(paragraph) <= 200 and sum(c.isupper() for c in letters) / len(letters) > 0.8 and not paragraph.endswith(".")
