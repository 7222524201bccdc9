"""Derives a headline and a summary from an article's opening."""

from __future__ import annotations

import re

MAX_TITLE = 100
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Gov|Sen|Rep|Prof|St|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|etc)|\b[A-Z]|\.[A-Z])\.\Z")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])")
_DATELINE = re.compile(r"\A[A-Z][A-Z .,'-]+,\s+[A-Z][a-z]{2,8}\.? \d{1,2}\s+-\s+")
_ASIDES = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])")
_DANGLING = re.compile(r"(?:[\s,;:–—-]+(?:a|an|and|as|at|by|for|from|in|of|on|or|the|to|with))+\Z|[\s,;:–—-]+\Z", re.IGNORECASE)


def sentences(paragraph: str) -> list[str]:
    """Splits a paragraph into sentences, keeping 'U.S.' and 'Gen.' whole."""
    result: list[str] = []
    for piece in _SENTENCE_END.split(paragraph):
        if result and _ABBREVIATION.search(result[-1]):
            result[-1] += " " + piece
        else:
            result.append(piece)
    return [s.strip() for s in result if s.strip()]


def is_headline(paragraph: str) -> bool:
    """An all-capitals first line without a final full stop, as newswires write headlines."""
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and len(paragraph) <= 200 and sum(c.isupper() for c in letters) / len(letters) > 0.8 and not paragraph.endswith(".")


def headline_case(text: str) -> str:
    """'JAPANESE PREMIER SAYS' -> 'Japanese Premier Says'; 'U.S.' and 'G-7' stay as they are."""
    small = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "with"}

    def one(word: str, first: bool) -> str:
        if "." in word or any(c.isdigit() for c in word):
            return word
        if not first and word.lower() in small:
            return word.lower()
        return word[:1].upper() + word[1:].lower()

    return " ".join("-".join(one(part, i == 0) for part in word.split("-")) for i, word in enumerate(text.split()))


def shorten(text: str, limit: int = MAX_TITLE) -> str:
    """At most `limit` characters, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return _DANGLING.sub("", cut) + "…"


def title_and_summary(paragraphs: tuple[str, ...]) -> tuple[str, str]:
    """A short headline and a one- or two-sentence summary from the article's opening."""
    body = list(paragraphs)
    headline = body.pop(0) if len(body) > 1 and is_headline(body[0]) else ""
    lead = _DATELINE.sub("", body[0]) if body else ""
    opening = sentences(lead) or [lead]
    summary = _ASIDES.sub("", opening[0]) if opening[0].endswith("]") else opening[0]
    if len(opening) > 1 and len(summary) < 160:
        summary += " " + opening[1]
    if headline:
        title = shorten(headline_case(headline))
    else:
        first = _ASIDES.sub("", opening[0]).rstrip(".")
        title = shorten(first)
    return title, shorten(summary, 400)
