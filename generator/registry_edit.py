"""Writes into the registry files as they are on disk now, keeping what people wrote there: comments, order, unknown keys."""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from generator.errors import TimelineError
from generator.files import write_atomically
from generator.registry import ACTORS_FILE, LOCATIONS_FILE, Record, Registry, added, dump_records, name_key, name_keys
from generator.registry_file import KNOWN_KEYS, RegistryFile, parse_file, read_file
from generator.roundtrip import Chunk, chunks, comments, load, rewrite, rewrite_chunk, scalar

_BOM = "\ufeff".encode()


def add_records(content: Path, actors: tuple[Record, ...] = (), locations: tuple[Record, ...] = ()) -> Registry:
    """Adds these records, or the aliases they bring to records they name, to the files as they are now; the registry now on disk.

    Each file is read again here, so whatever a person added since is kept; a file is written only if its bytes change.
    Raises TimelineError, writing nothing to that file, if it cannot be read.
    """
    return Registry(_add(content / ACTORS_FILE, actors), _add(content / LOCATIONS_FILE, locations))


def with_records(file: RegistryFile, new: Sequence[Record]) -> tuple[str, dict[str, Record]]:
    """The file's text with these records added (or their aliases joined to the records they name), and its records then."""
    grown = added(file.records, tuple(new))
    extra = {name: grown[name].aliases[len(record.aliases) :] for name, record in file.records.items() if grown[name] is not record}
    fresh = [record for name, record in grown.items() if name not in file.records]
    if not extra and not fresh:
        return file.text, file.records
    file = _editable(file)
    layout = _layout(file)
    regions, records = {}, dict(file.records)
    for name, aliases in extra.items():
        regions[name] = rewrite_chunk(file.text, layout[name], lambda data, a=aliases: append_aliases(_fields(data), a))
        records[name] = _one(file.path, regions[name], name)
        if records[name] != grown[name]:
            raise TimelineError(f"{file.path}: adding aliases to '{name}' would not read back as written; nothing was changed")
    return _assembled(file, layout, regions, fresh, records)


def write(file: RegistryFile, text: str) -> None:
    """Writes `text` over the file as it was read, in its own byte-order mark and line ends, if that changes its bytes."""
    data = encoded(file, text)
    if data != file.raw and (text != file.text or not file.path.exists()):
        write_atomically(file.path, data)


def encoded(file: RegistryFile, text: str) -> bytes:
    """`text` as the file's bytes: UTF-8, with the byte-order mark and CRLF line ends if the file had them."""
    if b"\r\n" in file.raw:
        text = text.replace("\n", "\r\n")
    return (_BOM if file.raw.startswith(_BOM) else b"") + text.encode("utf-8")


def append_aliases(fields: CommentedMap, names: Sequence[str]) -> None:
    """Adds names to the end of a record's aliases (a list made if there is none), a trailing comment staying last."""
    if not names:
        return
    current = fields.get("aliases")
    if isinstance(current, list):
        like = next((a for a in current if isinstance(a, str)), None)
        moved = _trailing_lines(current)
        current.extend(scalar(n, like) for n in names)
        if moved is not None:
            current.ca.items[len(current) - 1] = [moved, None, None, None]
    elif isinstance(current, str) and current.strip():
        fields["aliases"] = CommentedSeq([current, *(scalar(n) for n in names)])
    elif "aliases" in fields:
        fields["aliases"] = CommentedSeq(scalar(n) for n in names)
    else:
        fields.insert(list(fields).index("kind") + 1 if "kind" in fields else 0, "aliases", CommentedSeq(scalar(n) for n in names))


def _trailing_lines(names: list[Any]) -> CommentToken | None:
    """Takes the comment lines below a list's last item off it (its end-of-line comment stays), to go below new items."""
    last = len(names) - 1
    slots = names.ca.items.get(last) if isinstance(names, CommentedSeq) and names else None
    token = slots[0] if slots else None
    if token is None or "\n" not in token.value.rstrip("\n"):
        return None
    end_of_line, _, rest = token.value.partition("\n")
    if end_of_line.strip():
        slots[0] = CommentToken(end_of_line + "\n", token.start_mark, None)
    else:
        del names.ca.items[last]
    return CommentToken("\n" + rest, token.start_mark, None)


@dataclass(frozen=True)
class Fold:
    """A registry file with one record folded into another: its new text, and what that combines or drops, in words."""

    text: str
    notes: tuple[str, ...]


def fold(file: RegistryFile, old: str, new: str) -> Fold:
    """OLD's record (if any) folded into NEW's: OLD and its aliases become NEW's aliases, its other fields join NEW's."""
    registry = Registry(file.records)
    old_record, new_record = registry.actor(old), registry.actor(new)
    shown = f"content/{file.path.name}"
    if old_record is not None and new_record is not None and old_record.name == new_record.name:
        return Fold(file.text, (f"'{old}' is already a name of '{new_record.name}' in {shown}: it stays as it is",))
    if old_record is None:
        target = new_record.name if new_record else new
        text, _ = with_records(file, (Record(target, new_record.kind if new_record else "", (old,)),))
        made = "" if new_record else " (a new record)"
        return _checked(file, text, old, target, Fold(text, (f"'{old}' becomes an alias of '{target}'{made} in {shown}",)))
    file = _editable(file)
    layout = _layout(file)
    if new_record is None:
        aliases = [old_record.name] if name_key(old_record.name) != name_key(new) else []
        region = rewrite_chunk(file.text, layout[old_record.name], lambda data: _renamed(data, new, aliases))
        text = _assembled(file, layout, {old_record.name: region}, [], {})[0]
        return _checked(file, text, old, new, Fold(text, (f"'{old_record.name}' is renamed '{new}' in {shown}, its old name kept as an alias",)))
    notes = [f"'{old_record.name}' and its aliases become aliases of '{new_record.name}' in {shown}"]
    old_part, new_part = layout[old_record.name], layout[new_record.name]
    old_fields = _fields(load(file.text[old_part.start : old_part.end]))
    known = {name_key(n) for n in new_record.names()}
    aliases = list({name_key(n): n for n in reversed([old, *old_record.names()]) if name_key(n) not in known}.values())[::-1]

    def folded(data: Any) -> None:
        fields = _fields(data)
        append_aliases(fields, aliases)
        notes.extend(_combined(fields, old_fields, old_record.name, new_record.name))

    region = rewrite_chunk(file.text, new_part, folded)
    before = file.text[new_part.head : new_part.stop]
    carried = Counter(comments(region)) - Counter(comments(before))
    moved = Counter(comments(file.text[old_part.head : old_part.stop])) - carried  # kept above NEW's record: nothing of OLD's is lost
    region = "".join(f"{c}\n" for c in moved.elements()) + region
    text = _assembled(file, layout, {new_record.name: region, old_record.name: ""}, [], {})[0]
    return _checked(file, text, old, new_record.name, Fold(text, tuple(notes)))


def _add(path: Path, new: tuple[Record, ...]) -> dict[str, Record]:
    file = read_file(path)
    if not new:
        return file.records
    text, records = with_records(file, new)
    write(file, text)
    return records


def _editable(file: RegistryFile) -> RegistryFile:
    """The file, or, if its records are not one `name:` line each at the left edge, the file rewritten so that they are."""
    if not file.records or (file.block and chunks(file.text, list(file.starts.values())) is not None):
        return file
    text = rewrite(file.text, lambda data: data.fa.set_block_style())
    again = parse_file(file.path, text, file.raw)
    if again.records != file.records or not again.block or chunks(text, list(again.starts.values())) is None:
        raise TimelineError(f"{file.path}: cannot be changed record by record; write each record as a 'name:' line at the left edge, "
                            "its fields indented below it, then run this again")
    return again


def _layout(file: RegistryFile) -> dict[str, Chunk]:
    """Where each record of an editable file is ({} for a file without records)."""
    found = chunks(file.text, list(file.starts.values())) if file.records else []
    assert found is not None  # _editable made sure
    return dict(zip(file.starts, found))


def _assembled(file: RegistryFile, layout: dict[str, Chunk], regions: dict[str, str], fresh: list[Record],
               records: dict[str, Record]) -> tuple[str, dict[str, Record]]:
    """The text with some chunks replaced by new text ("" drops one) and fresh records inserted where they sort; its records."""
    text = file.text
    written = {record.name: dump_records({record.name: record}) for record in fresh}
    read = {name: _one(file.path, piece, name) for name, piece in written.items()}  # as they will be on disk
    if not layout:  # no record to keep in place: only the comments around
        kept = "".join(line for line in text.splitlines(keepends=True) if not line.strip() or line.lstrip().startswith("#"))
        return _ended(kept) + dump_records({record.name: record for record in fresh}), read
    names, parts = list(layout), list(layout.values())
    spaced = len(parts) > 1 and text[: parts[1].head].endswith("\n\n")  # records apart by blank lines: new ones too
    before = _positions(names, fresh)
    pieces, result = [text[: parts[0].head]], {}
    for index, (name, part) in enumerate(zip(names, parts)):
        for record in before.get(index, []):
            pieces.append(written[record.name] + ("\n" if spaced else ""))
            result[record.name] = read[record.name]
        if regions.get(name) == "":
            continue
        pieces.append(regions.get(name, text[part.head : part.stop]))
        result[name] = records.get(name, file.records[name])
    if at_end := before.get(len(names), []):
        pieces = [_ended("".join(pieces))]
        for record in at_end:
            pieces.append(("\n" if spaced else "") + written[record.name])
            result[record.name] = read[record.name]
    return "".join(pieces), result


def _positions(names: list[str], fresh: list[Record]) -> dict[int, list[Record]]:
    """Before which existing record each fresh one goes: the first that sorts after it (the end if none)."""
    running = list(itertools.accumulate(zip(name_keys(names), names), max))  # the first record past a name is the first whose running maximum is
    found: dict[int, list[Record]] = {}
    for record in sorted(fresh, key=lambda r: (name_key(r.name), r.name)):
        found.setdefault(bisect.bisect_right(running, (name_key(record.name), record.name)), []).append(record)
    return found


def _one(path: Path, text: str, name: str) -> Record:
    """The single record that `text` holds, which must be `name`'s."""
    records = parse_file(path, text).records
    if list(records) != [name]:
        raise TimelineError(f"{path}: the record '{name}' would not read back as written; nothing was changed")
    return records[name]


def _checked(file: RegistryFile, text: str, old: str, target: str, result: Fold) -> Fold:
    """The fold, once its text is known to read back with OLD and NEW as one record and every comment still there."""
    again = parse_file(file.path, text)
    registry = Registry(again.records)
    found_old, found_new = registry.actor(old), registry.actor(target)
    if found_old is None or found_new is None or found_old.name != found_new.name or Counter(comments(file.text)) - Counter(comments(text)):
        raise TimelineError(f"{file.path}: folding '{old}' into '{target}' would not read back as planned; nothing was changed")
    return result


def _renamed(data: Any, new: str, aliases: list[str]) -> None:
    key = next(iter(data))
    fields = data.pop(key)
    fields = CommentedMap() if fields is None else fields
    data.insert(0, scalar(new, key), fields)
    append_aliases(fields, aliases)


def _fields(data: Any) -> CommentedMap:
    """The fields of the one record in a round-trip document (made empty if the record has none)."""
    key = next(iter(data))
    if data[key] is None:
        data[key] = CommentedMap()
    return data[key]


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
    target[key] = source[key]
    if key in source.ca.items:
        target.ca.items[key] = source.ca.items[key]


def _paragraphs(first: str, second: str) -> str:
    text = f"{first.rstrip()}\n\n{second.strip()}"
    return scalar(text) if any(c in text for c in "\x85\u2028\u2029\r") else LiteralScalarString(text)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _short(value: Any) -> str:
    text = " ".join(str(value).split())
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _ended(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
