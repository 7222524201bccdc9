"""A JSON Schema of entry front matter, with the registry's names offered for completion."""

from __future__ import annotations

import json
from typing import Any

from generator.fields import ENTRY_KEYS, IMAGE_KEYS
from generator.model import Key
from generator.registry import Registry


def entry_schema(registry: Registry) -> str:
    """The schema as JSON text: required keys, types, and every known actor and place as an example."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "timeline entry front matter",
        "type": "object",
        "required": [name for name, key in ENTRY_KEYS.items() if key.required],
        "additionalProperties": False,
        "properties": {name: _property(key, _known(registry, name)) for name, key in ENTRY_KEYS.items()},
    }
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def _property(key: Key, known: list[str] | None) -> dict[str, Any]:
    """The schema of one key, by its kind."""
    if key.kind == "date":
        return {"type": "string", "format": "date", "description": key.about}
    if key.kind == "address":
        return {"type": "string", "format": "uri", "pattern": "^https?://", "description": key.about}
    if key.kind == "names":
        return {"type": "array", "description": key.about, "items": {"type": "string", "minLength": 1, **({"examples": known} if known is not None else {})}}
    if key.kind == "flag":
        return {"type": "boolean", "description": key.about}
    if key.kind == "image":
        return {"type": "object", "description": key.about, "additionalProperties": False,
                "properties": {name: _property(inner, None) for name, inner in IMAGE_KEYS.items()}}
    return {"type": "string", **({"minLength": 1} if key.required else {}), "description": key.about}


def _known(registry: Registry, name: str) -> list[str] | None:
    """Every name the registry knows for key `name`, sorted: it keeps actors and locations under the keys' own names; None for the rest."""
    records = getattr(registry, name, None) if ENTRY_KEYS[name].kind == "names" else None
    if not isinstance(records, dict):
        return None
    return sorted({n for record in records.values() for n in record.names()}, key=str.casefold)
