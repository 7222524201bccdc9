"""The front-matter keys of an entry and of its image, by name in file order, as their fields declare them; and an entry as front matter."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from generator.model import Entry, Image, Key, Kind


def keys(cls: type[Entry] | type[Image]) -> dict[str, Key]:
    """The fields of `cls` written in front matter, in the order it declares them, by name."""
    return {f.name: f.metadata["key"] for f in fields(cls) if f.metadata["key"] is not None}


ENTRY_KEYS = keys(Entry)
IMAGE_KEYS = keys(Image)


def of_kind(*kinds: Kind) -> tuple[str, ...]:
    """The entry's keys of these kinds, in order."""
    return tuple(name for name, key in ENTRY_KEYS.items() if key.kind in kinds)


def front_matter(entry: Entry) -> dict[str, Any]:
    """The front matter an entry is written as, in file order: the keys it has a value for, and those always written (empty if need be)."""
    meta: dict[str, Any] = {}
    for name, key in ENTRY_KEYS.items():
        value = getattr(entry, name)
        if key.kind == "names":
            value = list(value)
        elif key.kind == "image" and value is not None:
            value = {part: getattr(value, part) for part, inner in IMAGE_KEYS.items() if inner.always or getattr(value, part)}
        if key.always or value:
            meta[name] = value
    return meta
