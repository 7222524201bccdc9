"""How a path is shown to the user: from the project root when inside it, always printable, on one line."""

from __future__ import annotations

import os


def shown_path(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """A path as messages name it: relative to the project `root` when inside it, else as given; printable on one line."""
    text = os.fspath(path)
    if root is not None:
        base = os.fspath(root)
        prefix = os.path.join(base, "")  # compared as text: load names every entry file so, and Path.relative_to is 5 times slower
        if text == base:
            text = "."
        elif text.startswith(prefix):
            text = text[len(prefix):].replace(os.sep, "/")
    return printable(text)


def printable(text: str) -> str:
    """Text as it can be printed and shown on one line: the bytes of a name that is not UTF-8 written as \\xe9, control characters as \\n."""
    if text.isprintable():
        return text
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def is_utf8(name: str) -> bool:
    """Whether the name was valid UTF-8 on disk (Python gives the bytes of one that is not as lone surrogates)."""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
