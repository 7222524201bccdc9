"""Acronyms defined in the text, and people named by surname: in full elsewhere in the article, or in the registry."""

from __future__ import annotations

import re

from generator.registry import Registry, name_key

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_MINOR = {"of", "the", "and", "for", "on", "in", "at", "de", "du", "des", "la", "le"}
_COMPOUND_GIVEN = r"(?:[A-Z][a-z]+-[A-Za-z][a-z]+\s+)+"  # 'Mir-Hossein ', 'Jean-Claude '
_surnames: list[tuple[Registry, dict[str, tuple[str, ...]]]] = []  # the last registry asked about, with its index


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


def written_in_full(text: str, name: str) -> str:
    """The surname with the compound given names the article writes before it ('Mir-Hossein Mousavi'), or `name`."""
    if " " in name:
        return name
    found = [m.group(0) for m in re.finditer(rf"(?<![\w-]){_COMPOUND_GIVEN}{re.escape(name)}(?![\w-])", text)]
    return " ".join(max(found, key=len).split()) if found else name


def registry_person(surname: str, registry: Registry) -> str:
    """The registry's one person with this surname ('Reagan' → 'Ronald Reagan'), or '' when none or several have it."""
    if " " in surname.strip():
        return ""
    if not _surnames or _surnames[0][0] is not registry:
        index: dict[str, tuple[str, ...]] = {}
        for record in registry.actors.values():
            if record.kind == "person" and " " in record.name.strip():
                key = name_key(record.name.split()[-1])
                index[key] = index.get(key, ()) + (record.name,)
        _surnames[:] = [(registry, index)]
    found = _surnames[0][1].get(name_key(surname), ())
    return found[0] if len(found) == 1 else ""


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


def shortens(short: str, name: str) -> bool:
    """True when `short` is an acronym of `name` or the stem of its first word ('Barclay' for 'Barclays de Zoete Wedd')."""
    return is_acronym_of(short, name) or " " not in short and " " in name and name.split()[0].startswith(short) and len(short) > 3
