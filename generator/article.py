"""Reads one raw article in the seed format: ` date YYYY-MM-DD ` and then the text."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from generator.model import Image

MAX_BYTES = 5_000_000  # larger files are not articles; refuse them before reading them whole

_DATE_LINE = re.compile(r"\A\s*date\s+(\S+)[ \t]*(.*)", re.DOTALL)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_CREDIT = re.compile(r"\s*\|\s*Photo:\s*(?P<credit>[^|]*?)\s*\Z", re.IGNORECASE)
_STRAY_YEAR = re.compile(r"(?<=[.!?\"”'’)\]])\s+(?:19|20)\d{2}\s*\Z")
_FILE_ID = re.compile(r"(?:^|_)([0-9a-f]{16})$")


class ArticleError(ValueError):
    """An article that cannot be ingested, with a line number where it helps."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Article:
    """The parts of a raw article that ingest needs."""

    id: str
    date: datetime.date
    paragraphs: tuple[str, ...]  # the article text as plain paragraphs, caption excluded: what extraction reads
    image: Image | None = None
    # what a web page, feed item or export record gives besides its text (a seed file gives none of it)
    title: str = ""  # the article's own headline, kept as given
    summary: str = ""  # a record's own summary, kept as given
    markdown: str = ""  # the body with its structure (subheadings, lists, quotes, links), written as it is
    url: str = ""  # the canonical URL
    author: str = ""
    publisher: str = ""
    lang: str = ""  # detected language, e.g. 'en'
    dated: bool = False  # `date` was given as the event's date (an export's field): kept, not re-derived from the lead

    @property
    def text(self) -> str:
        """Everything a reader reads, caption first: what extraction looks at."""
        parts = ([self.image.caption] if self.image else []) + list(self.paragraphs)
        return "\n\n".join(parts)


def read_article(path: Path) -> Article:
    """Reads and parses the article at `path`."""
    return parse_article(decode(read_regular(path, MAX_BYTES)), path.stem)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file (links followed) of at most `limit` bytes; a FIFO, device or larger file is refused unread."""
    with open_regular(path, limit) as handle:
        data = handle.read(limit + 1)  # bounded even if the file grows while it is read
    if len(data) > limit:
        raise ArticleError(f"file grew past the {limit:,} bytes an article may have while it was read")
    return data


def open_regular(path: Path, limit: int) -> BinaryIO:
    """A regular file (links followed) of at most `limit` bytes, opened to read; a FIFO, device or larger file is refused."""
    # O_NONBLOCK: opening a FIFO with no writer would wait for ever; fstat then tells what was opened, links followed
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(f"not a regular file but {_kind(info.st_mode)}: only article files are read")
        if info.st_size > limit:
            raise ArticleError(f"file is {info.st_size:,} bytes, larger than the {limit:,} an article may have")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def decode(data: bytes) -> str:
    """Decodes UTF-8 (with or without BOM) or UTF-16 with BOM; refuses binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # Latin-1 text from old systems
    if "\x00" in text:
        raise ArticleError("file holds binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_article(text: str, name: str) -> Article:
    """Splits text into date, photo caption and paragraphs; `name` gives the id."""
    match = _DATE_LINE.match(text)
    if not match:
        raise ArticleError("no date line: the article must start with 'date YYYY-MM-DD'", 1)
    date = _parse_date(match.group(1))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", match.group(2))]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and _DATE_LINE.match(paragraphs[-1]) is None:
        paragraphs[-1] = _STRAY_YEAR.sub("", paragraphs[-1])
    paragraphs = [p for p in paragraphs if not re.fullmatch(r"(?:19|20)\d{2}", p)]
    for number, paragraph in enumerate(paragraphs[1:], start=2):
        if _DATE_LINE.match(paragraph):
            raise ArticleError(f"a second date line in paragraph {number}: one article per file")
    image = None
    if paragraphs and (credit := _CREDIT.search(paragraphs[0])):
        image = Image(caption=paragraphs[0][: credit.start()].strip(), credit=credit.group("credit"))
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise ArticleError("the article has a date but no text")
    return Article(id=article_id(name, text), date=date, paragraphs=tuple(paragraphs), image=image)


def article_id(name: str, text: str) -> str:
    """The hash in the file name (`000_029c2bff8747e05e`), else a hash of the text."""
    if match := _FILE_ID.search(name):
        return match.group(1)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _parse_date(value: str) -> datetime.date:
    if not _ISO_DATE.match(value):
        raise ArticleError(f"date must be YYYY-MM-DD, got '{value[:40]}'", 1)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ArticleError(f"'{value}' is not a real calendar date", 1) from None
