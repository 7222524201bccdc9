"""Reads content/ into entries, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.frontmatter import FrontMatterError, is_date, parse
from generator.model import Entry, Image

KEYS = ("id", "title", "date", "summary", "actors", "locations", "tags", "source", "image")
LISTS = ("actors", "locations", "tags")
TEXTS = ("id", "title", "summary", "source")
MAX_FILE_BYTES = 10_000_000


def entry_files(content: Path) -> list[Path]:
    """Every entry file under content/, in a stable order; hidden folders are skipped."""
    if not content.is_dir():
        return []
    files = (p for p in content.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(content).parts))
    return sorted(files, key=lambda p: p.relative_to(content).as_posix())


def load(content: Path, display_root: Path | None = None) -> tuple[list[Entry], list[Problem]]:
    """All entries under `content` and the problems found; paths shown relative to display_root."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in entry_files(content):
        shown = _shown(path, display_root)
        result = load_entry(path, path.relative_to(content).as_posix(), shown)
        if isinstance(result, Entry):
            entries.append(result)
        else:
            problems.extend(result)
    return entries, problems


def load_entry(path: Path, relative: str, shown: str) -> Entry | list[Problem]:
    """One entry, or the problems that keep it from being one."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return [Problem(shown, None, f"file larger than {MAX_FILE_BYTES:,} bytes")]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return [Problem(shown, None, f"not UTF-8 text ({error.reason} at byte {error.start})", "save the file as UTF-8")]
    except OSError as error:
        return [Problem(shown, None, f"cannot read: {error.strerror}")]
    try:
        document = parse(text)
    except FrontMatterError as error:
        return [Problem(shown, error.line, str(error))]
    return entry_from(document.meta, document.lines, document.body, relative, shown)


def entry_from(meta: dict[str, Any], lines: dict[str, int], body: str, relative: str, shown: str) -> Entry | list[Problem]:
    """Validates front matter values and builds the Entry."""
    problems = []

    def problem(key: str | None, message: str, hint: str = "") -> None:
        problems.append(Problem(shown, lines.get(key, 1) if key else 1, message, hint))

    for key in meta:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            problem(key, f"unknown key '{key}'", f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(KEYS)}")
    for key in ("title", "date"):
        if meta.get(key) in (None, ""):
            problem(key if key in meta else None, f"'{key}' is missing or empty", "every entry needs a title and a date")
    date = meta.get("date")
    if date not in (None, "") and not is_date(date):
        if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", date):
            problem("date", f"'date' {date} is not a real calendar date")
        else:
            problem("date", f"'date' must be a real date written YYYY-MM-DD, got '{date}'")
    for key in TEXTS:
        if key in meta and meta[key] is not None and not isinstance(meta[key], str):
            problem(key, f"'{key}' must be text, got {_kind(meta[key])}")
    for key in LISTS:
        value = meta.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            problem(key, f"'{key}' must be a list", f"write it as '{key}: [{value}]' or one '- name' per line")
        elif not all(isinstance(item, str) and item.strip() for item in value):
            problem(key, f"every item of '{key}' must be a non-empty name")
    image = meta.get("image")
    if image is not None and not (isinstance(image, dict) and isinstance(image.get("caption", ""), str) and isinstance(image.get("credit", ""), str)):
        problem("image", "'image' must have 'caption' and 'credit' text")
    if problems:
        return problems
    return Entry(
        id=meta.get("id") or Path(relative).stem,
        title=meta["title"].strip(),
        date=date,
        body=body,
        path=relative,
        summary=meta.get("summary") or "",
        actors=_names(meta.get("actors")),
        locations=_names(meta.get("locations")),
        tags=_names(meta.get("tags")),
        source=meta.get("source") or "",
        image=Image(caption=image.get("caption", ""), credit=image.get("credit", "")) if image else None,
        lines=lines,
    )


def _names(value: list[str] | None) -> tuple[str, ...]:
    """Trimmed names, first spelling of each kept once."""
    seen: dict[str, str] = {}
    for name in value or ():
        name = " ".join(name.split())
        seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def _kind(value: object) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false"}.get(type(value), type(value).__name__)


def _shown(path: Path, root: Path | None) -> str:
    try:
        return path.relative_to(root).as_posix() if root else str(path)
    except ValueError:
        return str(path)
