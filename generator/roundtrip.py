"""Rewrites one top-level entry of a YAML block mapping with ruamel.yaml; every other byte of the text stays as it was."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

Edit = Callable[[Any], None]  # changes a round-trip document (a mapping of one key) in place
_MARKER = re.compile(r"^(?:---|\.\.\.)(?:[ \t]|$)", re.MULTILINE)  # a document start or end after the first key
_COMMENT = re.compile(r"#[^\n]*")
_BREAKS = ("\x85", "\u2028", "\u2029", "\r", "\n")  # line breaks to PyYAML's YAML 1.1 reader: only double quotes keep them
_Scanner = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
_ANALYST = yaml.emitter.Emitter(io.StringIO())  # only asked how PyYAML would write a scalar


@dataclass(frozen=True)
class Chunk:
    """Where one top-level key lies: column-0 comment lines right above it, its own text, then blank or comment lines."""

    head: int  # start of the comment lines right above the key (the key's line if none)
    start: int  # start of the key's line
    end: int  # end of the key's value: its last line that is neither blank nor a comment
    stop: int  # where the next key's head starts, or the end of the text


def chunks(text: str, starts: list[int]) -> list[Chunk] | None:
    """The chunks of a block mapping whose keys start at these offsets, in order; None unless each key starts a line."""
    if not starts or any(s and text[s - 1] != "\n" for s in starts) or _MARKER.search(text, starts[0]):
        return None
    found, head = [], starts[0]  # what is above the first key is the file's own, not that key's
    for start, following in zip(starts, [*starts[1:], None]):
        end, next_head = _tail(text, start, len(text) if following is None else following)
        found.append(Chunk(head, start, end, len(text) if following is None else next_head))
        head = next_head
    return found


def rewrite_chunk(text: str, chunk: Chunk, edit: Edit) -> str:
    """The chunk's text (head to stop) with its key and value changed by `edit`; a comment it would lose goes into its head."""
    body = text[chunk.start : chunk.end]
    new = rewrite(body, edit, keep_lost=False)
    lost = lost_comments(body, new)
    return text[chunk.head : chunk.start] + "".join(f"{c}\n" for c in lost) + new + text[chunk.end : chunk.stop]


def rewrite(text: str, edit: Edit, keep_lost: bool = True) -> str:
    """The YAML text loaded round-trip, changed in place by `edit`, written back in its own indentation."""
    data, indent, offset = load_yaml_guess_indent(text, yaml=_yaml())
    edit(data)
    out = _yaml()
    out.indent(mapping=_mapping_indent(text), sequence=indent or 2, offset=offset or 0)
    written = io.StringIO()
    out.dump(data, written)
    new = written.getvalue()
    return new + "".join(f"{c}\n" for c in lost_comments(text, new)) if keep_lost else new


def load(text: str) -> Any:
    """The YAML text as round-trip values: mappings and lists that keep their comments and style."""
    return _yaml().load(text)


def comments(text: str) -> list[str]:
    """Every comment in the YAML text, without the space around it, in order."""
    found, position = [], 0
    for token in yaml.scan(text, Loader=_Scanner):
        found += _COMMENT.findall(text, position, token.start_mark.index)
        position = max(position, token.end_mark.index)
    return [c.rstrip() for c in found + _COMMENT.findall(text, position)]


def lost_comments(before: str, after: str) -> list[str]:
    """The comments of `before` that `after` no longer has."""
    return list((Counter(comments(before)) - Counter(comments(after))).elements())


def scalar(value: str, like: object = None) -> str:
    """`value` ready to be written: in the quotes of the scalar it replaces, or double quotes if it holds a line break."""
    if any(c in value for c in _BREAKS):
        return DoubleQuotedScalarString(value)
    if isinstance(like, (SingleQuotedScalarString, DoubleQuotedScalarString)):
        return type(like)(value)
    plain = _ANALYST.analyze_scalar(value)  # ruamel writes YAML 1.2, where `:c` may stand plain in a list; PyYAML reads 1.1
    if not (plain.allow_flow_plain and plain.allow_block_plain):
        return SingleQuotedScalarString(value) if plain.allow_single_quoted else DoubleQuotedScalarString(value)
    return value


def _yaml() -> YAML:
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 1_000_000  # never fold a long line a person wrote on one
    return handler


def _mapping_indent(text: str) -> int:
    """The indentation of the first nested key, as the text has it (2 if none)."""
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if len(stripped) < len(line) and stripped[:1] not in ("", "-", "#"):
            return len(line) - len(stripped)
    return 2


def _tail(text: str, start: int, stop: int) -> tuple[int, int]:
    """Where the entry starting at `start` ends, and where the column-0 comment lines right above `stop` begin."""
    end = head = stop
    heading = True
    while end > start:
        line_start = max(start, text.rfind("\n", start, end - 1) + 1)
        line = text[line_start:end]
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        heading = heading and line.startswith("#")
        head = line_start if heading else head
        end = line_start
    return end, head
