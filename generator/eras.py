"""content/eras.yml: periods a person names (title, start, end, description), shown on the time axis, in the list and in TimelineJS."""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.display import shown_path
from generator.errors import Problem
from generator.frontmatter import FrontMatterError, TextLoader, refuse_aliases, syntax_error
from generator.model import Entry

ERAS_FILE = "eras.yml"  # in content/, beside the registry
KEYS = ("title", "start", "end", "description")
_HINT = "each era is '- title: …' with 'start:' and 'end:' as YYYY-MM-DD, YYYY-MM or YYYY, and an optional 'description:'"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Era:
    """A named period: from its first day to its last, both included."""

    title: str
    start: datetime.date
    end: datetime.date
    description: str = ""
    line: int = field(default=0, compare=False, repr=False)  # where eras.yml gives it: a page shows the era, not the line

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def read_eras(content: Path) -> tuple[tuple[Era, ...], list[Problem]]:
    """The eras of content/eras.yml (none if there is no such file), oldest first, and every problem in the file."""
    path = content / ERAS_FILE
    shown = shown_path(path, content.parent)
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n") if path.is_file() else ""
    except UnicodeDecodeError as error:
        return (), [Problem(shown, None, f"not UTF-8 text ({error.reason} at byte {error.start})", "save the file as UTF-8")]
    except OSError as error:
        return (), [Problem(shown, None, f"cannot read: {error.strerror or error}")]
    return parse_eras(text, shown)


def parse_eras(text: str, shown: str = f"content/{ERAS_FILE}") -> tuple[tuple[Era, ...], list[Problem]]:
    """Eras from the text of an eras file that messages call `shown`, and every problem with them (an era with one is left out)."""
    loader = TextLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None and ("&" in text or "*" in text):  # an anchor or alias needs one of them
            refuse_aliases(node)
    except yaml.MarkedYAMLError as error:
        failed = syntax_error(error, text, 1)
        return (), [Problem(shown, failed.line, str(failed), _HINT)]
    except yaml.YAMLError as error:
        return (), [Problem(shown, None, f"YAML error: {error}", _HINT)]
    except FrontMatterError as error:
        return (), [Problem(shown, error.line and error.line - 1, str(error), _HINT)]
    if node is None:
        return (), []
    if not isinstance(node, yaml.SequenceNode):
        return (), [Problem(shown, node.start_mark.line + 1, "the file must be a list of eras, each starting with '- title:'", _HINT)]
    eras: list[Era] = []
    problems: list[Problem] = []
    for item in node.value:
        found = _era(item, shown)
        if isinstance(found, Era):
            eras.append(found)
        else:
            problems += found
    return tuple(sorted(eras, key=lambda e: (e.start, e.end, e.title))), problems


def beginnings(eras: Iterable[Era], listing: Iterable[Entry]) -> dict[str, tuple[Era, ...]]:
    """Where a list shows each era's heading: before the first of its entries within the era, by that entry's path."""
    entries = list(listing)
    found: dict[str, list[Era]] = {}
    for era in eras:
        first = next((e for e in entries if era.holds(e.date)), None)  # entries are in date order
        if first is not None:
            found.setdefault(first.path, []).append(era)
    return {path: tuple(there) for path, there in found.items()}


def _era(item: yaml.Node, shown: str) -> Era | list[Problem]:
    """The era one list item describes, or every problem with it."""
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        return [Problem(shown, line, "each era must be 'title:', 'start:' and 'end:' lines (and 'description:', if you like)", _HINT)]
    values: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for key_node, value_node in item.value:
        key, at = str(key_node.value), key_node.start_mark.line + 1
        if key not in KEYS:
            problems.append(Problem(shown, at, f"'{key}' is not a key of an era (it has {', '.join(KEYS)})", _HINT))
        elif key in values:
            problems.append(Problem(shown, at, f"'{key}' is given twice (first on line {values[key][1]})", _HINT))
        elif not isinstance(value_node, yaml.ScalarNode):
            problems.append(Problem(shown, at, f"'{key}' must be text, not a list or mapping", _HINT))
        else:
            values[key] = (value_node.value.strip(), at)
    for key in ("title", "start", "end"):
        if not values.get(key, ("",))[0] and not any(p.message.startswith(f"'{key}'") for p in problems):
            problems.append(Problem(shown, values[key][1] if key in values else line, f"the era has no '{key}'", _HINT))
    start = _day(values["start"], shown, problems, last=False) if values.get("start", ("",))[0] else None
    end = _day(values["end"], shown, problems, last=True) if values.get("end", ("",))[0] else None
    if start and end and end < start:
        problems.append(Problem(shown, values["end"][1], f"the era ends ({end.isoformat()}) before it starts ({start.isoformat()})", _HINT))
    if problems or start is None or end is None:
        return problems
    return Era(" ".join(values["title"][0].split()), start, end, values.get("description", ("",))[0], line)


def _day(value: tuple[str, int], shown: str, problems: list[Problem], last: bool) -> datetime.date | None:
    """The first day (or, with `last`, the last day) of a date written YYYY-MM-DD, YYYY-MM or YYYY."""
    text, line = value
    match = _DATE.fullmatch(text)
    try:
        if match is None:
            raise ValueError
        year, month, day = int(match[1]), int(match[2] or (12 if last else 1)), match[3]
        days = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return datetime.date(year, month, int(day) if day else days if last else 1)
    except ValueError:
        problems.append(Problem(shown, line, f"'{text}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY", _HINT))
        return None
