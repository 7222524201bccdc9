"""An entry's summary: the lead's first one or two sentences, as spaCy splits them, said in full."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from generator.note_prefix import prefix_end
from generator.opening import LEAD_CHARS

ENOUGH = 160  # characters: a first sentence shorter than this is followed by the second


_WORD = re.compile(r"\w+")


def summarise(lead: Doc, title: str) -> str:
    """One or two whole sentences of the lead (all of a one-sentence note), without a note's 'Looting:' label.

    A first sentence that `title` already says word for word is left out, so the summary adds to the headline.
    """
    sentences = _whole(lead)
    if sentences and _says(sentences[0].text, title):
        sentences = sentences[1:]
    if not sentences:
        return ""
    chosen = sentences[:1] if len(sentences[0].text) >= ENOUGH else sentences[:2]
    start = max(chosen[0].start, prefix_end(lead))
    text = lead[start : chosen[-1].end].text.strip()
    bracket = text.rfind(" [")
    if bracket > 0 and text.endswith("]"):
        text = text[:bracket].rstrip()
    return text


def _says(sentence: str, title: str) -> bool:
    """Whether `sentence` opens with the title's words."""
    head = _WORD.findall(title.lower())
    return bool(head) and _WORD.findall(sentence.lower())[: len(head)] == head


def _whole(lead: Doc) -> list[Span]:
    """The lead's sentences, less a last one the parse cut short at LEAD_CHARS."""
    sentences = [s for s in lead.sents if any(t.is_alpha for t in s)]
    if len(sentences) > 1 and len(lead.text) >= LEAD_CHARS and not sentences[-1].text.rstrip().endswith((".", "!", "?", "\"", "”", "]")):
        sentences.pop()
    return sentences
