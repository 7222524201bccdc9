"""Reads exports from news databases and APIs: JSON Lines, a JSON list and CSV, one article per record.

Field names are the common ones; `[fields]` in timeline.toml names others (`title = "Headline"`).
"""

from __future__ import annotations

import csv
import datetime
import email.utils
import json
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from generator.article import ArticleError
from generator.given import Given

EXPORT_SUFFIXES = (".jsonl", ".json", ".csv")
FIELDS: dict[str, tuple[str, ...]] = {  # an entry's field -> the names exports commonly give it, first found wins
    "id": ("id",),
    "title": ("title", "headline"),
    "date": ("date", "published", "publishedAt", "published_at", "pubDate", "datePublished"),
    "text": ("text", "body", "content", "articleBody"),
    "url": ("url", "link"),
    "author": ("author", "byline", "authors"),
    "publisher": ("source", "publisher", "source_name"),
    "summary": ("summary", "description"),
}
MAX_FIELD = 5_000_000  # characters in one field: more is no article


def read_records(stream: TextIO, suffix: str, names: Mapping[str, tuple[str, ...]] = FIELDS) -> Iterator[tuple[int, Given | ArticleError]]:
    """Each record's line (for JSON, its number in the list) with what it gives, or the reason it gives nothing."""
    for line, record in _raw(stream, suffix):
        if isinstance(record, ArticleError):
            yield line, record
        elif not isinstance(record, dict):
            yield line, ArticleError(f"a record must be an object with fields, not {type(record).__name__}")
        else:
            try:
                yield line, _given(record, names)
            except ArticleError as error:
                yield line, error


def field_names(mapping: Mapping[str, str | list[str]]) -> dict[str, tuple[str, ...]]:
    """The default names with timeline.toml's `[fields]` put first: `text = "StoryBody"` or a list of names."""
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise ValueError(f"[fields] knows {', '.join(FIELDS)}, not {', '.join(unknown)}")
    return {key: (*([mapping[key]] if isinstance(mapping.get(key), str) else mapping.get(key, [])), *names) for key, names in FIELDS.items()}


def _raw(stream: TextIO, suffix: str) -> Iterator[tuple[int, Any]]:
    if suffix == ".csv":
        reader = csv.DictReader(stream)
        start = 2
        try:
            for row in reader:
                yield start, row
                start = reader.line_num + 1
        except csv.Error as error:
            yield reader.line_num, ArticleError(f"not CSV as expected: {error}")
    elif suffix == ".jsonl":
        for number, text in enumerate(stream, start=1):
            if text.strip():
                try:
                    yield number, json.loads(text)
                except json.JSONDecodeError as error:
                    yield number, ArticleError(f"not a JSON record: {error.msg} at column {error.colno}")
    else:
        try:
            records = json.load(stream)
        except json.JSONDecodeError as error:
            yield error.lineno, ArticleError(f"not JSON: {error.msg} at column {error.colno}")
            return
        if not isinstance(records, list):
            yield 1, ArticleError("a JSON export must be a list of records (or use .jsonl, one record per line)")
            return
        yield from enumerate(records, start=1)


def _given(record: dict[str, Any], names: Mapping[str, tuple[str, ...]]) -> Given:
    values = {key: _text(next((record[n] for n in options if record.get(n) not in (None, "")), "")) for key, options in names.items()}
    if not values["text"] and not values["url"].startswith(("http://", "https://")):
        raise ArticleError(f"the record has no text ({', '.join(names['text'])}) and no http(s) URL to fetch it from")
    return Given(title=values["title"], date=_date(values["date"]) if values["date"] else None, summary=values["summary"],
                 text=values["text"], url=values["url"], author=values["author"], publisher=values["publisher"],
                 id=values["id"], wins=True)


def _text(value: Any) -> str:
    """A field as text: a list of authors joined, a {"name": …} object (NewsAPI's source) by its name."""
    if isinstance(value, dict):
        value = value.get("name") or ""
    if isinstance(value, list):
        value = ", ".join(_text(v) for v in value if _text(v))
    text = str(value)
    if len(text) > MAX_FIELD:
        raise ArticleError(f"a field of {len(text):,} characters is longer than an article may be")
    return text.strip()


def _date(value: str) -> datetime.date:
    """ISO 8601, RFC 2822 (as feeds write it), else whatever dateparser reads; the record's own date, kept as given."""
    try:
        return datetime.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # a tenth of a second to import: only for dates written another way
    parsed = dateparser.parse(value, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise ArticleError(f"cannot read the date '{value[:40]}'")
    return parsed.date()
