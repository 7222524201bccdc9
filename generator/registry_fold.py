"""Folds one registry record into another in its file's text: what merge and rename do to the registry."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.errors import TimelineError
from generator.registry import Record, Registry, name_key
from generator.registry_edit import append_aliases, assembled, editable, record_chunks, record_fields, with_records
from generator.display import shown_path
from generator.registry_file import KNOWN_KEYS, RegistryFile, parse_file, where
from generator.roundtrip import comments, load, rewrite_chunk, scalar


@dataclass(frozen=True)
class Fold:
    """A registry file with one record folded into another: its new text, and what that combines or drops, in words."""

    text: str
    notes: tuple[str, ...]


def fold(file: RegistryFile, old: str, new: str) -> Fold:
    """OLD's record (if any) folded into NEW's: OLD and its aliases become NEW's aliases, its other fields join NEW's."""
    registry = Registry(file.records)
    old_record, new_record = registry.actor(old), registry.actor(new)
    named = where(file.path)
    if old_record is not None and new_record is not None and old_record.name == new_record.name:
        return Fold(file.text, (f"'{old}' is already a name of '{new_record.name}' in {named}: it stays as it is",))
    if old_record is None:
        target = new_record.name if new_record else new
        text, _ = with_records(file, (Record(target, new_record.kind if new_record else "", (old,)),))
        made = "" if new_record else " (a new record)"
        return _checked(file, text, old, target, Fold(text, (f"'{old}' becomes an alias of '{target}'{made} in {named}",)))
    file = editable(file)
    layout = record_chunks(file)
    if new_record is None:
        aliases = [old_record.name] if name_key(old_record.name) != name_key(new) else []
        region = rewrite_chunk(file.text, layout[old_record.name], lambda data: _renamed(data, new, aliases))
        text = assembled(file, layout, {old_record.name: region}, [], {})[0]
        return _checked(file, text, old, new, Fold(text, (f"'{old_record.name}' is renamed '{new}' in {named}, its old name kept as an alias",)))
    notes = [f"'{old_record.name}' and its aliases become aliases of '{new_record.name}' in {named}"]
    old_part, new_part = layout[old_record.name], layout[new_record.name]
    old_fields = record_fields(load(file.text[old_part.start : old_part.end]))
    known = {name_key(n) for n in new_record.names()}
    aliases: dict[str, str] = {}  # by name key: each name once, spelt as the record has it
    for name in [*old_record.names(), old]:
        if name_key(name) not in known:
            aliases.setdefault(name_key(name), name)

    def folded(data: Any) -> None:
        fields = record_fields(data)
        append_aliases(fields, list(aliases.values()))
        notes.extend(_combined(fields, old_fields, old_record.name, new_record.name))

    region = rewrite_chunk(file.text, new_part, folded)
    before = file.text[new_part.head : new_part.stop]
    carried = Counter(comments(region)) - Counter(comments(before))
    moved = Counter(comments(file.text[old_part.head : old_part.stop])) - carried  # kept above NEW's record: nothing of OLD's is lost
    region = "".join(f"{c}\n" for c in moved.elements()) + region
    text = assembled(file, layout, {new_record.name: region, old_record.name: ""}, [], {})[0]
    return _checked(file, text, old, new_record.name, Fold(text, tuple(notes)))


def _checked(file: RegistryFile, text: str, old: str, target: str, result: Fold) -> Fold:
    """The fold, once its text is known to read back with OLD and NEW as one record and every comment still there."""
    again = parse_file(file.path, text)
    registry = Registry(again.records)
    found_old, found_new = registry.actor(old), registry.actor(target)
    if found_old is None or found_new is None or found_old.name != found_new.name or Counter(comments(file.text)) - Counter(comments(text)):
        raise TimelineError(f"{shown_path(file.path)}: folding '{old}' into '{target}' would not read back as planned; nothing was changed")
    return result


def _renamed(data: Any, new: str, aliases: list[str]) -> None:
    """The one record in `data` under the name NEW (comments on it kept), with these aliases added."""
    key = next(iter(data))
    fields = data.pop(key)
    fields = CommentedMap() if fields is None else fields
    data.insert(0, scalar(new, key), fields)
    append_aliases(fields, aliases)


def _combined(fields: CommentedMap, old: CommentedMap, old_name: str, new_name: str) -> list[str]:
    """Moves OLD's fields into NEW's where NEW has none, joins texts and lists, and says what that combines or drops."""
    notes = []
    if _empty(fields.get("lat")) and _empty(fields.get("lon")) and not _empty(old.get("lat")):
        _move(old, fields, "lat")
        _move(old, fields, "lon")
        notes.append(f"  keep: the coordinates of '{old_name}' ({old['lat']}, {old['lon']}), as '{new_name}' had none")
    elif not _empty(old.get("lat")) and (str(old.get("lat")), str(old.get("lon"))) != (str(fields.get("lat")), str(fields.get("lon"))):
        notes.append(f"  drop: the coordinates of '{old_name}' ({old['lat']}, {old['lon']}); '{new_name}' keeps ({fields['lat']}, {fields['lon']})")
    for key in old:
        name = str(key)
        if name in ("aliases", "lat", "lon") or _empty(old[key]):
            continue
        what = name if name in KNOWN_KEYS else f"'{name}'"
        if _empty(fields.get(key)):
            _move(old, fields, key)
            notes.append(f"  keep: {what} of '{old_name}', as '{new_name}' had none")
        elif fields[key] == old[key]:
            continue
        elif name == "description" and isinstance(fields[key], str) and isinstance(old[key], str):
            fields[key] = _paragraphs(fields[key], old[key])
            notes.append(f"  combine: the description of '{old_name}' is added to that of '{new_name}' as a further paragraph")
        elif name not in KNOWN_KEYS and f"{name} ({old_name})" not in fields:  # a person's own key: both are kept
            fields.insert(list(fields).index(key) + 1, f"{name} ({old_name})", old[key])
            notes.append(f"  keep: {what} of '{old_name}' as '{name} ({old_name})', beside that of '{new_name}'")
        else:
            notes.append(f"  drop: {what} of '{old_name}' ({_short(old[key])}); '{new_name}' keeps {_short(fields[key])}")
    return notes


def _move(source: CommentedMap, target: CommentedMap, key: Any) -> None:
    """Copies a field and the comments on it."""
    target[key] = source[key]
    if key in source.ca.items:
        target.ca.items[key] = source.ca.items[key]


def _paragraphs(first: str, second: str) -> str:
    """Two texts as one, a blank line between, written as a literal block."""
    text = f"{first.rstrip()}\n\n{second.strip()}"
    return scalar(text) if any(c in text for c in "\x85\u2028\u2029\r") else LiteralScalarString(text)


def _empty(value: Any) -> bool:
    """Whether a field says nothing (missing, blank or an empty list)."""
    return value is None or value == "" or value == []


def _short(value: Any) -> str:
    """A value on one short line, quoted, for the preview."""
    text = " ".join(str(value).split())
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
