"""How a sentence is written around its parse: the tokens one written word makes ('Saudi-led'), asides in brackets
or dashes, an elaboration after a colon, and punctuation left stranded when words are left out.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from generator.note_prefix import prefix_end

_OPENERS = {"(": ")", "[": "]", "--": "--", "—": "—"}


def written_word(token: Token) -> set[int]:
    """The other tokens of the written word `token` is part of ('Saudi-led', 'pro-Houthi', 'U.S./Soviet')."""
    doc, found = token.doc, set()
    i = token.i
    while i > 0 and not doc[i - 1].whitespace_ and _joins(doc[i - 1]):
        i -= 1
        found.add(i)
    i = token.i
    while i + 1 < len(doc) and not doc[i].whitespace_ and _joins(doc[i + 1]):
        i += 1
        found.add(i)
    inner = lambda t: t.is_alpha or t.like_num
    return {i for i in found if not doc[i].is_punct or 0 < i < len(doc) - 1 and inner(doc[i - 1]) and inner(doc[i + 1])
            or doc[i].text in {"'", "’"}}


def _joins(token: Token) -> bool:
    return token.is_alpha or token.like_num or token.text in {"-", "/", "&", "'s", "'", "’"} or "." in token.text and token.is_upper


def before_elaboration(sentence: Span) -> Span:
    """The sentence up to a colon or semicolon that follows a verb: what comes after elaborates ('…a new angle: they'll…')."""
    verb_seen = False
    for token in sentence.doc[max(sentence.start, prefix_end(sentence.doc)) : sentence.end]:
        if token.text in {":", ";"} and verb_seen:
            return sentence.doc[sentence.start : token.i]
        verb_seen = verb_seen or token.pos_ in {"VERB", "AUX"}
    return sentence


def asides(sentence: Span) -> set[int]:
    """Tokens inside parentheses, brackets or dashes: asides a headline leaves out."""
    inside: set[int] = set()
    closing, start = "", 0
    for token in sentence:
        if not closing and token.text in _OPENERS:
            closing, start = _OPENERS[token.text], token.i
        elif closing and token.text == closing:
            inside |= set(range(start, token.i + 1))
            closing = ""
    return inside


def tidy(words: list[str]) -> list[str]:
    """Drops punctuation left doubled or at either end by what was left out."""
    result: list[str] = []
    for word in words:
        if word in {",", ";", ":", "-", "–", "—"} and (not result or result[-1] in {",", ";", ":", "-"}):
            continue
        result.append(word)
    while result and result[-1] in {",", ";", ":", "-", "–", "—", "and", "or", "but"}:
        result.pop()
    while result and result[0] in {",", ";", ":", "-", "–", "—"}:
        result.pop(0)
    if result:
        result[-1] = result[-1].rstrip(",;:")
    return result
