"""An entry's own photo: `image.src` a path under content/, copied into the site as it is, beside the pages."""

from __future__ import annotations

import posixpath
from pathlib import Path

from generator.display import shown_path
from generator.errors import Problem
from generator.load import is_web_address
from generator.model import Entry

# what a browser shows as an <img> and cannot run: no SVG, which may carry scripts
PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


def photo_path(entry: Entry) -> str | None:
    """Where the entry says its photo is under content/ ('media/harbour.jpg'), written as a path; None for no
    photo, a photo on the web, or a path that leaves content/ or is no photo's."""
    src = entry.image.src if entry.image else ""
    if not src or is_web_address(src):
        return None
    path = posixpath.normpath(src.replace("\\", "/").lstrip("/"))
    if path in (".", "..") or path.startswith("../") or posixpath.splitext(path)[1].lower() not in PHOTO_TYPES:
        return None
    return path


def photo_file(entry: Entry, content: Path) -> Path | None:
    """The entry's photo file, if it is one inside `content` (links followed): what the build copies."""
    path = photo_path(entry)
    if path is None:
        return None
    try:
        file = (content / path).resolve()
        inside = file.is_relative_to(content.resolve()) and file.is_file()
    except (OSError, RuntimeError):
        return None
    return file if inside else None


def photo_problems(entries: list[Entry], content: Path) -> list[Problem]:
    """Warnings, at the `image` line, for each photo given as a path that the entry page will not show."""
    return [Problem(shown_path(Path("content") / e.path), e.lines.get("image"), message, "put the photo there, or correct 'src'", warning=True)
            for e in entries if (message := photo_problem(e, content))]


def photo_problem(entry: Entry, content: Path) -> str | None:
    """Why the entry's photo, a path, will not be shown; None if it will be or is on the web."""
    src = entry.image.src if entry.image else ""
    if not src or is_web_address(src):
        return None
    if photo_path(entry) is None:
        return f"the photo '{src}' is not shown: it must be a {', '.join(PHOTO_TYPES)} file under content/"
    if photo_file(entry, content) is None:
        return f"the photo '{src}' is not shown: there is no such file under content/"
    return None
