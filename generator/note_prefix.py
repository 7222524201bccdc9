"""The kind of event a conflict note names before its text: 'Looting: On 9 May 2020, …', 'Security measures: …'.

ACLED's coders write it so; no library knows the convention, and the parser reads 'Looting' as the subject,
so the headline leaves these words out and the tags can keep them.
"""

from __future__ import annotations

from spacy.tokens import Doc

MAX_WORDS = 4  # 'Security measures', 'Change to group/activity': a label, not a clause


def event_prefix(lead: Doc) -> str:
    """The label before the colon that opens `lead` ('Looting'), else ''."""
    end = prefix_end(lead)
    return lead[: end - 1].text if end else ""


def prefix_end(lead: Doc) -> int:
    """The index of the first token after the label and its colon (0 when there is no label)."""
    colon = next((t for t in lead[: MAX_WORDS + 1] if t.text == ":"), None)
    if colon is None or colon.i == 0 or not lead[0].is_title or not all(t.is_alpha or t.text == "/" for t in lead[: colon.i]):
        return 0
    return colon.i + 1
