"""One entry as a record of the site's data files, entries.json and entries.csv: its front matter, flat, and where it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.fields import ENTRY_KEYS, IMAGE_KEYS
from generator.model import Entry, Kind

Cell = Callable[[Entry, str], Any]  # an entry and its page's path -> its value in one column
PAGE, FILE = 11, 12  # the columns of where the entry is; the others are declared on Entry's fields (see its docstring)


def record(entry: Entry, page: str) -> dict[str, Any]:
    """The entry's value in each column, in CSV_COLUMNS order: dates YYYY-MM-DD, lists as lists, flags true or false, what it lacks ''."""
    return {name: cell(entry, page) for name, cell in _CELLS}


def _cells() -> tuple[tuple[str, Cell], ...]:
    """Every column's name and what makes its value, in column order; an image's keys are columns of their own ('image_caption')."""
    columns: dict[int, tuple[str, Cell]] = {PAGE: ("page", lambda entry, page: page), FILE: ("file", lambda entry, page: f"content/{entry.path}")}
    for name, key in ENTRY_KEYS.items():
        if key.kind == "image":
            columns.update({inner.column: (f"{name}_{part}", _image_cell(name, part)) for part, inner in IMAGE_KEYS.items() if inner.column is not None})
        elif key.column is not None:
            columns[key.column] = (name, _CELL[key.kind](name))
    return tuple(columns[at] for at in sorted(columns))


def _text(name: str) -> Cell:
    return lambda entry, page: getattr(entry, name)


def _date(name: str) -> Cell:
    return lambda entry, page: value.isoformat() if (value := getattr(entry, name)) else ""


def _names(name: str) -> Cell:
    return lambda entry, page: list(getattr(entry, name))


def _image_cell(name: str, part: str) -> Cell:
    return lambda entry, page: getattr(image, part) if (image := getattr(entry, name)) else ""


def _flag(name: str) -> Cell:
    return lambda entry, page: bool(getattr(entry, name))


_CELL: dict[Kind, Callable[[str], Cell]] = {"text": _text, "address": _text, "date": _date, "names": _names, "flag": _flag}
_CELLS = _cells()
CSV_COLUMNS = tuple(name for name, _ in _CELLS)
