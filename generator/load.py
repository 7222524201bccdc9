"""Reads content/ into entries, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from stat import S_ISREG
from typing import Any
from urllib.parse import urlsplit

from generator.display import is_utf8, printable, shown_path
from generator.errors import Problem, TimelineError
from generator.fields import ENTRY_KEYS, IMAGE_KEYS, of_kind
from generator.frontmatter import FrontMatterError, is_date, parse, split
from generator.model import Entry, Image, Kind
from generator.nesting import MAX_NESTING, too_deep
from generator.parallel import in_parts

KEYS = tuple(ENTRY_KEYS)  # as Entry declares them, in file order
REQUIRED = tuple(name for name, key in ENTRY_KEYS.items() if key.required)
DATES = of_kind("date")
TEXTS = of_kind("text", "address")
ADDRESSES = of_kind("address")
LISTS = of_kind("names")
FLAGS = of_kind("flag")
IMAGE_TEXTS = tuple(IMAGE_KEYS)
MAX_FILE_BYTES = 10_000_000


Stamp = tuple[int, int, int]  # a file's modification time (ns), size and inode: changes whenever it is saved


def entry_files(content: Path) -> list[Path]:
    """Every entry file under content/, in a stable order; hidden folders and files are skipped."""
    return [content / relative for relative, _ in scan(content)]


def scan(content: Path) -> list[tuple[str, Stamp]]:
    """Every entry file under content/ (as a path relative to it) with its stamp, in path order."""
    found: list[tuple[str, Stamp]] = []
    folders = [(str(content), "")] if content.is_dir() else []
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as items:
            for item in items:
                if item.name.startswith("."):
                    continue
                if item.is_dir(follow_symlinks=False):  # a linked folder could loop, or lead out of the project
                    folders.append((item.path, f"{prefix}{item.name}/"))
                elif item.name.endswith(".md") and item.is_file():
                    stat = item.stat()
                    found.append((prefix + item.name, (stat.st_mtime_ns, stat.st_size, stat.st_ino)))
    return sorted(found)


def rescan(content: Path, previous: list[tuple[str, Stamp]], changed: Iterable[Path]) -> list[tuple[str, Stamp]] | None:
    """`previous`, a scan of content/, brought up to date with the files said to have changed; None when
    a change is more than an entry file saved, added or removed (a folder, say): then only a scan will do."""
    files = dict(previous)
    content = content.absolute()
    for path in changed:
        try:
            parts = path.absolute().relative_to(content).parts
        except ValueError:
            continue  # not under content/
        if any(part.startswith(".") for part in parts):
            continue  # hidden: scan skips it too
        if not parts or not parts[-1].endswith(".md") or any(os.path.islink(content.joinpath(*parts[:i])) for i in range(1, len(parts))):
            return None
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            files.pop("/".join(parts), None)
            continue
        except OSError:
            return None
        if not S_ISREG(stat.st_mode):
            return None
        files["/".join(parts)] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return sorted(files.items())


PARALLEL_FROM = 2000  # files to parse; below this a second process costs more than it saves
Read = dict[str, "Entry | list[Problem]"]  # relative path -> the entry read from the file, or its problems


def load(content: Path, display_root: Path | None = None, workers: int = 1) -> tuple[list[Entry], list[Problem]]:
    """Every entry under `content`, in path order, and the problems found; paths shown relative to display_root."""
    files = scan(content)
    read = read_files(content, files, display_root, workers)
    results = [read[relative] for relative, _ in files]
    return [r for r in results if isinstance(r, Entry)], [p for r in results if not isinstance(r, Entry) for p in r]


def read_files(content: Path, files: list[tuple[str, Stamp]], display_root: Path | None = None, workers: int = 1) -> Read:
    """Each of these entry files (found by `scan`) read; with `workers` > 1, many files are parsed on that many processes."""
    if workers > 1 and len(files) >= PARALLEL_FROM:
        shares = in_parts(lambda part, parts: _load_share(content, display_root, files[part::parts]), workers)
        return {relative: result for share in shares for relative, result in share}
    return dict(_load_share(content, display_root, files))


def _load_share(content: Path, root: Path | None, files: list[tuple[str, Stamp]]) -> list[tuple[str, Entry | list[Problem]]]:
    read = []
    for relative, (_, size, _) in files:
        path = f"{content}/{relative}"
        read.append((relative, load_entry(path, relative, shown_path(path, root), size)))
    return read


def load_entry(path: str | Path, relative: str, shown: str, size: int | None = None) -> Entry | list[Problem]:
    """One entry, or the problems that keep it from being one."""
    if not is_utf8(relative):  # its id and URL come from its name, and pages are UTF-8: nothing could be made of it
        return [_not_utf8(shown, relative)]
    try:
        if (size if size is not None else os.stat(path).st_size) > MAX_FILE_BYTES:
            return [Problem(shown, None, f"file larger than {MAX_FILE_BYTES:,} bytes")]
        with open(path, "rb") as file:
            data = file.read()
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [Problem(shown, None, f"not UTF-8 text ({error.reason} at byte {error.start})", "save the file as UTF-8")]
    except OSError as error:
        return [Problem(shown, None, f"cannot read: {error.strerror}")]
    try:
        document = parse(text)
    except FrontMatterError as error:
        return [Problem(shown, error.line, str(error))]
    entry = entry_from(document.meta, document.lines, relative, shown, hashlib.blake2b(data, digest_size=16).hexdigest(), document.body)
    if (deep := too_deep(document.body)) is not None:  # it would take the sanitiser minutes
        line = text.count("\n") - document.body.count("\n") + deep
        return [*(entry if isinstance(entry, list) else []), Problem(shown, line, f"the body nests HTML or Markdown more than {MAX_NESTING} deep",
                                                                     "close the tags it opens, or nest fewer quotes and lists")]
    return entry


class FileChanged(TimelineError):
    """An entry file that went, or became unreadable, between the moment it was read and the moment its body was wanted."""


def with_body(content: Path, entry: Entry, root: Path | None = None) -> Entry:
    """The entry with its body, read again from its file: for an entry kept without it (see incremental.py). Its
    digest is that of the file now: another than the entry's if the file was saved again since it was read."""
    path = content / entry.path
    try:
        data = path.read_bytes()
        body = split(data.decode("utf-8"))[1]
    except FileNotFoundError:
        raise FileChanged(f"{shown_path(path, root)}: removed while the site was being built; build again") from None
    except (UnicodeDecodeError, FrontMatterError):
        raise FileChanged(f"{shown_path(path, root)}: changed while the site was being built, and is not an entry now; build again") from None
    except OSError as error:
        raise TimelineError(f"{shown_path(path, root)}: cannot read: {error.strerror}") from None
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if digest != entry.digest and too_deep(body) is not None:  # saved since it was read: checked as load_entry checks it
        raise FileChanged(f"{shown_path(path, root)}: changed while the site was being built; build again")
    return dataclasses.replace(entry, body=body, digest=digest)


def entry_from(meta: dict[str, Any], lines: dict[str, int], relative: str, shown: str, digest: str = "", body: str = "") -> Entry | list[Problem]:
    """Validates front matter values and builds the Entry."""
    problems = []

    def problem(key: str | None, message: str, hint: str = "") -> None:
        problems.append(Problem(shown, lines.get(key, 1) if key else 1, message, hint))

    for key in meta:
        if key not in ENTRY_KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            problem(key, f"unknown key '{key}'", f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(KEYS)}")
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            problem(key if key in meta else None, f"'{key}' is missing or empty", f"every entry needs {' and '.join(f'a {name}' for name in REQUIRED)}")
    for key in DATES:
        value = meta.get(key)
        if value not in (None, "") and not is_date(value):
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
                problem(key, f"'{key}' {value} is not a real calendar date")
            else:
                problem(key, f"'{key}' must be a real date written YYYY-MM-DD, got '{value}'")
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
    for key in FLAGS:
        if meta.get(key) is not None and _flag(meta[key]) is None:
            problem(key, f"'{key}' must be true or false, got '{_shown_value(str(meta[key]))}'", f"write '{key}: true', or leave '{key}' out")
    for key in ADDRESSES:
        address = meta.get(key)
        if isinstance(address, str) and address and not is_web_address(address):  # it becomes a link: javascript: or data: would run or show anything
            problem(key, f"'{key}' must be a web address starting http:// or https://, got '{_shown_value(address)}'",
                    f"write the article's own address, or leave '{key}' out")
    image = meta.get("image")
    if image is not None and not (isinstance(image, dict) and all(isinstance(image.get(key, ""), str) for key in IMAGE_TEXTS)):
        problem("image", "'image' must have 'caption' and 'credit' text (and 'src' text, if any)")
    elif image and (src := image.get("src", "")) and not (is_web_address(src) or _is_path(src)):
        problem("image", f"'image' 'src' must be a web address starting http:// or https://, or a path, got '{_shown_value(src)}'",
                "write the photo's address, or a path under content/ without a scheme")
    if problems:
        return problems
    values = {name: read(meta.get(name)) for name, read in _READERS}
    values["id"] = values["id"] or Path(relative).stem
    values["title"] = values["title"].strip()
    return Entry(**values, path=relative, body=body, lines={sys.intern(key): line for key, line in lines.items()}, digest=digest)


def is_web_address(text: str) -> bool:
    """Whether `text` is an absolute http(s) URL with a host, and no spaces or control characters (browsers drop
    some of those, and would read another URL than the one checked)."""
    if not text.isprintable() or any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # an unclosed IPv6 bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_path(text: str) -> bool:
    """Whether `text` is a path on this site: no scheme (looked for as a browser would, spaces and controls
    dropped) and no '//' that makes it another site's address."""
    bare = re.sub(r"[\x00-\x20\x7f]", "", text)
    return text.isprintable() and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2}", bare)


def _shown_value(text: str, most: int = 80) -> str:
    """A value as an error message shows it: on one line, and cut short (a data: URL can be megabytes)."""
    text = printable(text)
    return text if len(text) <= most else text[: most - 1] + "…"


def _names(value: list[str] | None) -> tuple[str, ...]:
    """Trimmed names, first spelling of each kept once (and one copy of each name in memory: they repeat a lot)."""
    seen: dict[str, str] = {}
    for name in value or ():
        name = sys.intern(" ".join(name.split()))
        seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def _image(value: dict[str, str] | None) -> Image | None:
    return Image(**{key: value.get(key, "") for key in IMAGE_TEXTS}) if value else None


def _flag(value: object) -> bool | None:
    """A flag as written: true or false (front matter is read as text, so 'true'), None for anything else."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(value.strip().lower()) if isinstance(value, str) else None


# A checked front matter value -> the Entry field's value, by the key's kind; what an entry leaves out is '' or None
_READ: dict[Kind, Callable[[Any], Any]] = {"text": lambda value: value or "", "address": lambda value: value or "", "date": lambda value: value or None,
                                          "names": _names, "image": _image, "flag": lambda value: bool(_flag(value)) if value is not None else False}
_READERS = tuple((name, _READ[key.kind]) for name, key in ENTRY_KEYS.items())


def _kind(value: object) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false"}.get(type(value), type(value).__name__)


def _not_utf8(shown: str, relative: str) -> Problem:
    """The problem of a path with a file or folder name that is not UTF-8, with what it reads as in Latin-1 (as old Windows tools write)."""
    parts = relative.split("/")
    at = next(number for number, part in enumerate(parts) if not is_utf8(part))
    guess = os.fsencode(parts[at]).decode("latin-1")
    what = "the file name" if at == len(parts) - 1 else f"the name of the folder '{printable(parts[at])}'"
    hint = f"rename it: read as Latin-1, it is '{guess}'" if guess.isprintable() else "rename it with letters, digits and hyphens"
    return Problem(shown, None, f"{what} is not UTF-8", hint)

