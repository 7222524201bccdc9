"""The few other names a place's page shows; every alias stays in the registry, to find the place by."""

from __future__ import annotations

import unicodedata

from generator.registry import Record, name_key

SHOWN = 5  # other names a place's page lists, at most: a gazetteer gives some places dozens


def shown_aliases(record: Record, limit: int = SHOWN) -> tuple[str, ...]:
    """Up to `limit` of the record's aliases, shortest first: in Latin script, each unlike the name and the others but for case, accents and punctuation."""
    seen = {name_key(record.name)}
    shown: list[str] = []
    for alias in sorted(record.aliases, key=lambda a: (len(a), a.casefold(), a)):
        key = name_key(alias)
        if len(shown) < limit and key and key not in seen and is_latin(alias):
            seen.add(key)
            shown.append(alias)
    return tuple(shown)


def is_latin(name: str) -> bool:
    """Whether every letter of the name is a Latin one (digits, spaces and punctuation aside)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())
