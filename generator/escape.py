"""Turns plain text into Markdown that renders as exactly that text."""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that can mean something inline
_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^([#+=-]|\d{1,9}(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Escapes one paragraph of plain text so Markdown shows it literally."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    match = _BLOCK_START.match(text)
    if match and match.group(1).isdigit():
        # "1987. The year..." would become a numbered list: escape the dot or bracket
        end = match.end()
        return text[:end] + "\\" + text[end:]
    if match:
        return "\\" + text
    return text


def escape_paragraphs(paragraphs: list[str] | tuple[str, ...]) -> str:
    """Joins escaped paragraphs into a Markdown body."""
    return "\n\n".join(escape_markdown(p) for p in paragraphs) + "\n"
