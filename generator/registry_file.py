"""Reads one registry file: its records, where each one and each of its names is, and every problem in it at once."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from generator.display import shown_path
from generator.errors import Problem, TimelineError
from generator.frontmatter import FrontMatterError, TextLoader, refuse_aliases, repeated_key
from generator.nesting import MAX_NESTING, too_deep
from generator.registry import ACTORS_FILE, LOCATIONS_FILE, Record

KNOWN_KEYS = tuple(f.name for f in fields(Record) if f.name != "name")  # a record's fields are the keys timeline reads
_HINT = "fix the file by hand; ingest will not overwrite it"


@dataclass(frozen=True)
class RegistryFile:
    """One registry file as read: its text, its records in file order, and the line of each record, name and key."""

    path: Path
    raw: bytes  # the file as it is on disk (b"" if there is none)
    text: str  # decoded, lines ending in "\n"
    records: dict[str, Record]
    starts: dict[str, int]  # each record's name: its offset in `text`
    lines: dict[str, int]  # each record's name: its line (1-based)
    block: bool  # one `name:` line per record with its fields below: editable a record at a time
    unknown: tuple[tuple[int, str, str], ...] = ()  # (line, record, key) for each key timeline does not read
    names: tuple[tuple[int, str, str], ...] = ()  # (line, record, name) for each record's name and each alias it lists, as written


def read_registry_files(content: Path) -> list[RegistryFile | TimelineError]:
    """content/actors.yml and content/locations.yml, each as read or the error that keeps it from being read."""
    found: list[RegistryFile | TimelineError] = []
    for file in (ACTORS_FILE, LOCATIONS_FILE):
        try:
            found.append(read_file(content / file))
        except TimelineError as error:
            found.append(error)
    return found


def read_file(path: Path) -> RegistryFile:
    """The registry file at `path` (empty if there is none); raises TimelineError with every problem in it."""
    try:
        raw = path.read_bytes() if path.is_file() else b""
        text = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as error:  # a problem, as an entry's is: check and build report it with the rest
        problem = Problem(where(path), None, f"not UTF-8 text ({error.reason} at byte {error.start})", "save the file as UTF-8")
        raise _error(path, [problem]) from error
    except OSError as error:
        raise _error(path, [Problem(where(path), None, f"cannot read: {error.strerror or error}")]) from error
    return parse_file(path, text, raw)


def parse_file(path: Path, text: str, raw: bytes = b"") -> RegistryFile:
    """Registry text as if read from `path`; raises TimelineError with every problem in it."""
    problems: list[Problem] = []
    records: dict[str, Record] = {}
    starts: dict[str, int] = {}
    lines: dict[str, int] = {}
    unknown: list[tuple[int, str, str]] = []
    names: list[tuple[int, str, str]] = []
    loader = TextLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return RegistryFile(path, raw, text, {}, {}, {}, False)
        if not isinstance(node, yaml.MappingNode):
            raise _error(path, [_problem(path, node.start_mark.line + 1, "the registry must map each canonical name to its record")])
        if "&" in text or "*" in text:  # an anchor or alias needs one of them
            try:
                refuse_aliases(node)
            except FrontMatterError as error:
                raise _error(path, [_problem(path, error.line and error.line - 1, str(error))]) from None
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            name = loader.construct_object(key_node, deep=True)
            if not isinstance(name, str) or not name.strip():
                problems.append(_problem(path, line, f"'{name}' is not a name"))
                continue
            if name in records:
                problems.append(_problem(path, line, f"'{name}' is given twice (first on line {lines[name]})"))
                continue
            found = _checked(path, name, key_node, value_node, loader.construct_object(value_node, deep=True))
            if isinstance(found, Record):
                records[name], starts[name], lines[name] = found, key_node.start_mark.index, line
                names.append((line, name, name))
                if isinstance(value_node, yaml.MappingNode):
                    unknown += [(k.start_mark.line + 1, name, str(k.value)) for k, _ in value_node.value if k.value not in KNOWN_KEYS]
                    names += [(item.start_mark.line + 1, name, str(item.value)) for k, v in value_node.value
                              if k.value == "aliases" and isinstance(v, yaml.SequenceNode) for item in v.value]
            else:
                problems += found
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problems.append(_problem(path, mark.line + 1 if mark else None, f"YAML syntax error: {error.problem or error.context}"))
    except yaml.YAMLError as error:
        problems.append(_problem(path, None, f"YAML error: {error}"))
    except RecursionError:
        problems.append(_problem(path, None, "nested too deeply"))
    finally:
        loader.dispose()
    if problems:
        raise _error(path, problems)
    return RegistryFile(path, raw, text, records, starts, lines, not node.flow_style, tuple(unknown), tuple(names))


def where(path: Path) -> str:
    """A registry file as messages name it: from the project root, the folder above content/ (content/actors.yml)."""
    return shown_path(path, path.parent.parent)


def _checked(path: Path, name: str, key_node: yaml.Node, value_node: yaml.Node, value: Any) -> Record | list[Problem]:
    """The record that `value` describes, or every problem with it."""
    line = key_node.start_mark.line + 1
    if value is None:
        value = {}
    if not isinstance(value, dict):
        return [_problem(path, line, f"'{name}' must have fields (kind, aliases, …), not a single value")]
    at = {str(k.value): k.start_mark.line + 1 for k, _ in value_node.value} if isinstance(value_node, yaml.MappingNode) else {}
    problems = []
    if isinstance(value_node, yaml.MappingNode) and (repeated := repeated_key(value_node)):
        key, first, again = repeated
        problems.append(_problem(path, again.start_mark.line + 1, f"'{name}': '{key}' is given twice (first on line {first.start_mark.line + 1})"))
    aliases = value.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(_problem(path, at.get("aliases", line), f"'{name}': aliases must be a list of names"))
    lat, lon = _number(value.get("lat")), _number(value.get("lon"))
    for key, number, limit in (("lat", lat, 90), ("lon", lon, 180)):
        if isinstance(number, str):
            problems.append(_problem(path, at.get(key, line), f"'{name}': {key} must be a number, got '{number}'"))
        elif number is not None and not -limit <= number <= limit:  # false for nan and inf too: the map would break
            problems.append(_problem(path, at.get(key, line), f"'{name}': {key} must be a finite number from -{limit} to {limit}, got {value[key]}"))
    if (lat is None) != (lon is None):
        given, missing = ("lat", "lon") if lon is None else ("lon", "lat")
        problems.append(_problem(path, at.get(given, line), f"'{name}': {given} is given without {missing} (give both, or neither)"))
    if too_deep(str(value.get("description") or "")) is not None:  # it would take the sanitiser minutes
        problems.append(_problem(path, at.get("description", line), f"'{name}': the description nests HTML or Markdown more than {MAX_NESTING} deep"))
    if problems:
        return problems
    return Record(name=name.strip(), kind=str(value.get("kind") or ""), aliases=tuple(a.strip() for a in aliases if a.strip()),
                  country=str(value.get("country") or ""), region=str(value.get("region") or ""), lat=lat, lon=lon,
                  approximate=str(value.get("approximate")).lower() in {"true", "yes"}, description=str(value.get("description") or ""))  # type: ignore[arg-type]


def _number(value: Any) -> float | str | None:
    """A coordinate as a float (maybe not finite), None if not given, or the text that is not a number."""
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def _problem(path: Path, line: int | None, message: str) -> Problem:
    return Problem(where(path), line, message, _HINT)


def _error(path: Path, problems: list[Problem]) -> TimelineError:
    return TimelineError(f"{shown_path(path)}: the registry cannot be read", tuple(problems))
