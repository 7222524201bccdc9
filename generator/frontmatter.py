"""Parses and writes entry files: YAML front matter between `---` lines, then Markdown."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

FENCE = "---"
MAX_FRONT_MATTER = 100_000  # characters; anything larger is not hand-written metadata


class FrontMatterError(ValueError):
    """Front matter that cannot be read, with the line (1-based, in the file) at fault."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Document:
    """Front matter values, the line each key is on, and the Markdown body."""

    meta: dict[str, Any]
    lines: dict[str, int]
    body: str


class TextLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Reads every scalar as text except dates, so `NO`, `On` or `1984` stay as written."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse(text: str) -> Document:
    """Splits an entry file into front matter and body; raises FrontMatterError."""
    source, body = split(text)
    if len(source) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"front matter longer than {MAX_FRONT_MATTER:,} characters", 2)
    meta, lines = load_mapping(source, first_line=2)
    return Document(meta=meta, lines=lines, body=body)


def split(text: str) -> tuple[str, str]:
    """The front matter's YAML text and the body, without reading the YAML; raises FrontMatterError."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith(FENCE + "\n"):
        raise FrontMatterError("the file must start with a '---' line, then the front matter", 1)
    end = text.find("\n" + FENCE + "\n", len(FENCE))
    if end == -1 and text.endswith("\n" + FENCE):
        end = len(text) - len(FENCE) - 1
    if end == -1:
        raise FrontMatterError("the front matter is not closed by a '---' line", 1)
    return text[len(FENCE) + 1 : end + 1], text[end + len(FENCE) + 2 :].lstrip("\n")


def load_mapping(source: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    """A YAML mapping read as TextLoader reads it, and the line of each top-level key (the text starts at `first_line`)."""
    loader = TextLoader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            kind = {yaml.SequenceNode: "a list", yaml.ScalarNode: "a single value"}[type(node)]
            raise FrontMatterError(f"front matter must be 'key: value' lines, not {kind}", first_line)
        if "&" in source or "*" in source:  # an anchor or alias needs one of them
            refuse_aliases(node)
        meta: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = first_line + key_node.start_mark.line
            try:
                key = loader.construct_object(key_node, deep=True)
            except (ValueError, OverflowError):
                key = None  # a key that reads as an impossible date ('2024-02-30:')
            if not isinstance(key, str):
                raise FrontMatterError(f"'{key if key is not None else key_node.value}' is not a valid key", line)
            if key in meta:
                raise FrontMatterError(f"'{key}' is given twice (first on line {lines[key]})", line)
            if not isinstance(value_node, yaml.ScalarNode) and (repeated := repeated_key(value_node)):
                name, first, again = repeated
                raise FrontMatterError(f"'{key}': '{name}' is given twice (first on line {first_line + first.start_mark.line})",
                                       first_line + again.start_mark.line)
            try:
                meta[key] = loader.construct_object(value_node, deep=True)
            except (ValueError, OverflowError) as error:
                if not isinstance(value_node, yaml.ScalarNode):
                    raise FrontMatterError(f"'{key}' is not valid: {error}", line) from None
                meta[key] = value_node.value  # a date like 2023-02-30 stays text, for validation to explain
            lines[key] = line
        return meta, lines
    except yaml.MarkedYAMLError as error:
        raise syntax_error(error, source, first_line) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"YAML error: {error}", first_line) from None
    except RecursionError:
        raise FrontMatterError("front matter nested too deeply", first_line) from None
    finally:
        loader.dispose()


def syntax_error(error: yaml.MarkedYAMLError, source: str, first_line: int) -> FrontMatterError:
    """A YAML syntax error at the line to fix: where an unclosed bracket or quote opened, else where YAML gave up."""
    problem, context = error.problem_mark, error.context_mark
    last = max(source.count("\n") - 1, 0)  # YAML gives up at the end of the text: the front matter's last line, not the closing '---'
    if context is not None and (problem is None or context.line < problem.line):
        message = f"YAML syntax error: {error.problem or error.context}" + (f" ({error.context} that starts on this line)" if error.problem else "")
        return FrontMatterError(message, first_line + min(context.line, last))
    mark = problem or context
    at = min(mark.line, last) if mark else 0
    line = source.split("\n")[at]
    if error.problem and error.problem.startswith("mapping values are not allowed") and (quoted := quoted_line(line)):
        return FrontMatterError(f"YAML syntax error: a value holding ': ' must be quoted, e.g. {quoted}", first_line + at)
    return FrontMatterError(f"YAML syntax error: {error.problem or error.context}", first_line + at)


def quoted_line(line: str) -> str:
    """`title: Ceasefire: talks collapse` as YAML reads it, `title: "Ceasefire: talks collapse"`; '' if the line is no `key: value`."""
    key, colon, value = line.partition(": ")
    value = value.strip()
    if not colon or not key.strip() or key != key.rstrip() or not (": " in value or value.endswith(":")) or value[0] in "\"'[{|>":
        return ""
    if '"' in value and "'" not in value:
        return f"{key}: '{value}'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{key}: "{escaped}"'


def refuse_aliases(node: yaml.Node) -> None:
    """Anchors and aliases have no use in an entry, and nested ones can explode in size."""
    stack, seen = [node], set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            raise FrontMatterError("YAML anchors and aliases (&name, *name) are not allowed", current.start_mark.line + 2)
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))


def repeated_key(node: yaml.Node) -> tuple[str, yaml.Node, yaml.Node] | None:
    """The first key given twice in a mapping anywhere inside `node`, with its first and second key nodes.

    PyYAML keeps the last of two silently; a person who wrote both meant one of them.
    """
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and (first := seen.setdefault(key.value, key)) is not key:
                    return key.value, first, key
                if not isinstance(value, yaml.ScalarNode):
                    stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(item for item in current.value if not isinstance(item, yaml.ScalarNode))
    return None


class BlockDumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Writes block-style YAML, keys in the order given, unicode as is (libyaml's emitter: registries are big)."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # YAML 1.1 also breaks lines at NEL and the Unicode separators: only double quotes keep them
    style = '"' if any(c in value for c in "\x85\u2028\u2029\r") else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


BlockDumper.add_representer(str, _str_representer)


def dump(meta: dict[str, Any], body: str) -> str:
    """The exact inverse of parse: front matter then body, ending in one newline."""
    front = yaml.dump(meta, Dumper=BlockDumper, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")  # as parse reads it back
    return f"{FENCE}\n{front}{FENCE}\n" + (f"\n{body}\n" if body else "")


def edit(text: str, key: str, change: Callable[[Any], None]) -> str:
    """The entry with front-matter field `key` changed in place by `change`; comments, other fields and body as they were."""
    from generator import roundtrip  # only merge and rename edit entries: a build never imports ruamel

    bom = "\ufeff" if text.startswith("\ufeff") else ""
    raw = text[len(bom) :]
    source, _ = split(raw)
    region = raw[: _after_lines(raw, (FENCE + "\n" + source + FENCE + "\n").count("\n"))]  # both fences, as written
    closing = next(len(FENCE + end) for end in ("\r\n", "\n", "") if region.endswith(FENCE + end))
    opening = len(FENCE) + (2 if region.startswith(FENCE + "\r\n") else 1)
    root = yaml.compose(source, Loader=TextLoader)
    keys = [k for k, _ in root.value] if isinstance(root, yaml.MappingNode) else []
    found = roundtrip.chunks(source, [k.start_mark.index for k in keys]) if root is not None and not root.flow_style else None
    at = next((i for i, k in enumerate(keys) if k.value == key), None)

    def apply(data: Any) -> None:
        change(data[next(k for k in data if str(k) == key)])

    if found is not None and at is not None:
        chunk = found[at]
        new = source[: chunk.head] + roundtrip.rewrite_chunk(source, chunk, apply) + source[chunk.stop :]
    else:
        new = roundtrip.rewrite(source, apply)
    if "\r\n" in region:
        new = new.replace("\n", "\r\n")
    return bom + region[:opening] + new + region[len(region) - closing :] + raw[len(region) :]


def _after_lines(text: str, count: int) -> int:
    """The offset just after the `count`th newline of `text` (its end if it has fewer)."""
    position = 0
    for _ in range(count):
        position = text.find("\n", position) + 1
        if position == 0:
            return len(text)
    return position


def is_date(value: object) -> bool:
    """True for a calendar date (not a datetime)."""
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
