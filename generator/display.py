"""How a path read from disk is shown: always printable, on one line, whatever bytes its name holds."""

from __future__ import annotations


def printable(text: str) -> str:
    """A path as it can be printed and shown on one line: the bytes of a name that is not UTF-8 written as \\xe9, control characters as \\n."""
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
