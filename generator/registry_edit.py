"""Writes into the registry files as they are on disk now, keeping what people wrote there: comments, order, unknown keys."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.tokens import CommentToken

from generator.errors import TimelineError
from generator.files import write_atomically
from generator.registry import ACTORS_FILE, LOCATIONS_FILE, Record, Registry, added, dump_records, name_key, name_keys
from generator.registry_file import RegistryFile, parse_file, read_file
from generator.roundtrip import Chunk, chunks, rewrite, rewrite_chunk, scalar

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
    file = editable(file)
    layout = record_chunks(file)
    regions, records = {}, dict(file.records)
    for name, aliases in extra.items():
        regions[name] = rewrite_chunk(file.text, layout[name], lambda data, a=aliases: append_aliases(record_fields(data), a))
        records[name] = _one(file.path, regions[name], name)
        if records[name] != grown[name]:
            raise TimelineError(f"{file.path}: adding aliases to '{name}' would not read back as written; nothing was changed")
    return assembled(file, layout, regions, fresh, records)


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


def _add(path: Path, new: tuple[Record, ...]) -> dict[str, Record]:
    file = read_file(path)
    if not new:
        return file.records
    text, records = with_records(file, new)
    write(file, text)
    return records


def editable(file: RegistryFile) -> RegistryFile:
    """The file, or, if its records are not one `name:` line each at the left edge, the file rewritten so that they are."""
    if not file.records or (file.block and chunks(file.text, list(file.starts.values())) is not None):
        return file
    text = rewrite(file.text, lambda data: data.fa.set_block_style())
    again = parse_file(file.path, text, file.raw)
    if again.records != file.records or not again.block or chunks(text, list(again.starts.values())) is None:
        raise TimelineError(f"{file.path}: cannot be changed record by record; write each record as a 'name:' line at the left edge, "
                            "its fields indented below it, then run this again")
    return again


def record_chunks(file: RegistryFile) -> dict[str, Chunk]:
    """Where each record of an editable file is ({} for a file without records)."""
    found = chunks(file.text, list(file.starts.values())) if file.records else []
    assert found is not None  # editable() made sure
    return dict(zip(file.starts, found))


def assembled(file: RegistryFile, layout: dict[str, Chunk], regions: dict[str, str], fresh: list[Record],
               records: dict[str, Record]) -> tuple[str, dict[str, Record]]:
    """The text with some chunks replaced by new text ("" drops one) and fresh records inserted where they sort; its records."""
    text = file.text
    written = {record.name: dump_records({record.name: record}) for record in fresh}
    read = parse_file(file.path, "".join(written.values())).records if written else {}  # as they will be on disk
    if list(read) != list(written):  # one of them does not read back alone: say which
        read = {name: _one(file.path, piece, name) for name, piece in written.items()}
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


def record_fields(data: Any) -> CommentedMap:
    """The fields of the one record in a round-trip document (made empty if the record has none)."""
    key = next(iter(data))
    if data[key] is None:
        data[key] = CommentedMap()
    return data[key]


def _ended(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
