"""Within one article: acronyms defined in the text, and people named later by surname."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_MINOR = {"of", "the", "and", "for", "on", "in", "at", "de", "du", "des", "la", "le"}


def initials(name: str) -> str:
    """'Central Command' → 'CC'; small words are skipped."""
    return "".join(w[0].upper() for w in _WORD.findall(name) if w.lower() not in _MINOR)


def is_acronym_of(short: str, name: str) -> bool:
    """True when `short` ('GATT', 'Centcom') abbreviates `name`."""
    letters = re.sub(r"[^A-Za-z]", "", short)
    if len(letters) < 2 or " " in short.strip() or len(name.split()) < 2 or len(letters) >= len(name.replace(" ", "")):
        return False
    if letters.isupper():
        return initials(name) == letters.upper() or _squeezed(letters.lower(), name.lower())
    return len(letters) <= 8 and _squeezed(letters.lower(), name.lower())  # mixed case: 'Centcom' from 'Central Command'


def defined_acronym(text: str, end: int) -> str:
    """The acronym given in parentheses right after a name ending at `end`: 'Central Command (Centcom)'."""
    match = re.match(r"\s*\((?P<short>[A-Z][A-Za-z.]{1,11})\)", text[end : end + 16])
    return match.group("short") if match else ""


def full_person(name: str, people: list[str]) -> str:
    """The fuller name of the same person in the article ('Kurilla' → 'Michael Kurilla'), or `name`."""
    words = name.split()
    for other in sorted(people, key=len, reverse=True):
        other_words = other.split()
        if len(other_words) > len(words) and (other_words[-len(words) :] == words or other_words[: len(words)] == words and len(words) > 1):
            return other
    return name


def _squeezed(short: str, name: str) -> bool:
    """Letters of `short` appear in order, starting with the first letter of a word of `name`."""
    words = [w for w in _WORD.findall(name) if w not in _MINOR]
    if not words or not short.startswith(words[0][0]):
        return False
    joined = " ".join(words)
    position = 0
    for letter in short:
        position = joined.find(letter, position)
        if position == -1:
            return False
        position += 1
    word_starts = sum(1 for w in words if w[0] in short)
    return word_starts >= min(2, len(words))
