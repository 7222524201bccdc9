"""`timeline new`: a correctly formed, empty entry to edit by hand."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.content_lock import content_lock
from generator.errors import TimelineError
from generator.fields import ENTRY_KEYS, front_matter
from generator.frontmatter import dump, load_mapping, split
from generator.model import Entry
from generator.urls import slug

BODY = "Write what happened here, in Markdown."


def new_entry(config: Config, title: str, date: datetime.date) -> Path:
    """Creates content/YYYY/YYYY-MM-DD-<slug>.md and returns its path; never overwrites."""
    title = " ".join(title.split())
    if not title:
        raise TimelineError("the title must not be empty")
    id_ = hashlib.sha256(f"{date.isoformat()} {title}".encode("utf-8")).hexdigest()[:16]
    relative = f"{date.year}/{date.isoformat()}-{slug(title)}.md"
    path = config.content / relative
    with content_lock(config.root, "new"):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(path, "x", encoding="utf-8") as file:  # "x": made here, or refused; never another's file overwritten
                file.write(commented(front_matter(Entry(id=id_, title=title, date=date, path=relative)), BODY))
        except FileExistsError:
            raise TimelineError(f"{path} already exists; edit it, or choose another title") from None
    return path


def commented(meta: dict[str, Any], body: str) -> str:
    """What `dump` writes, with a comment above each key saying what it holds."""
    text = dump(meta, body)
    _, lines = load_mapping(split(text)[0], first_line=2)  # the line of each key in the file
    rows = text.split("\n")
    for name, line in sorted(lines.items(), key=lambda item: -item[1]):  # from the last, so the lines above stay where they are
        rows.insert(line - 1, f"# {ENTRY_KEYS[name].about}")
    return "\n".join(rows)
