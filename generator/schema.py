"""A JSON Schema of entry front matter, with the registry's names offered for completion."""

from __future__ import annotations

import json
from typing import Any

from generator.registry import Registry


def entry_schema(registry: Registry) -> str:
    """The schema as JSON text: required keys, types, and every known actor and place as an example."""

    def names(field: str, records: dict) -> dict[str, Any]:  # type: ignore[type-arg]
        known = sorted({n for record in records.values() for n in record.names()}, key=str.casefold)
        return {"type": "array", "description": f"{field} named in the article, most important first",
                "items": {"type": "string", "minLength": 1, "examples": known}}

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "timeline entry front matter",
        "type": "object",
        "required": ["title", "date"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "description": "stable identifier; the file name stands in when missing"},
            "title": {"type": "string", "minLength": 1},
            "date": {"type": "string", "format": "date", "description": "YYYY-MM-DD"},
            "published": {"type": "string", "format": "date",
                          "description": "YYYY-MM-DD: the article's own date, when it reported the event a day or more after 'date'"},
            "summary": {"type": "string"},
            "actors": names("actors", registry.actors),
            "locations": names("locations", registry.locations),
            "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "source": {"type": "string"},
            "url": {"type": "string", "format": "uri", "pattern": "^https?://",
                    "description": "the article's canonical web address (http:// or https://): the entry's page links to it"},
            "author": {"type": "string", "description": "the article's byline"},
            "publisher": {"type": "string", "description": "the site or outlet that published it ('Reuters', 'The Guardian')"},
            "lang": {"type": "string", "description": "the article's language, a short code ('en', 'fr', 'pt-BR'); the site's when missing"},
            "image": {"type": "object", "additionalProperties": False,
                      "properties": {"caption": {"type": "string"}, "credit": {"type": "string"},
                                     "src": {"type": "string", "description": "where the photo is: an http(s) address, or a path without a scheme"}}},
        },
    }
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"
