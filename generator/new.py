"""`timeline new`: a correctly formed, empty entry to edit by hand."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

from generator.config import Config
from generator.content_lock import content_lock
from generator.errors import TimelineError
from generator.frontmatter import dump
from generator.urls import slug


def new_entry(config: Config, title: str, date: datetime.date) -> Path:
    """Creates content/YYYY/YYYY-MM-DD-<slug>.md and returns its path; never overwrites."""
    title = " ".join(title.split())
    if not title:
        raise TimelineError("the title must not be empty")
    id_ = hashlib.sha256(f"{date.isoformat()} {title}".encode("utf-8")).hexdigest()[:16]
    meta = {"id": id_, "title": title, "date": date, "summary": "", "actors": [], "locations": [], "tags": [], "source": ""}
    path = config.content / str(date.year) / f"{date.isoformat()}-{slug(title)}.md"
    with content_lock(config.root, "new"):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(path, "x", encoding="utf-8") as file:  # "x": made here, or refused; never another's file overwritten
                file.write(dump(meta, "Write what happened here, in Markdown."))
        except FileExistsError:
            raise TimelineError(f"{path} already exists; edit it, or choose another title") from None
    return path
