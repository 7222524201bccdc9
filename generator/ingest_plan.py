"""What an ingest run will read, from its arguments: folders opened, URLs told apart (a page or a feed), feeds and
exports read into the pages and records they hold. Feeds given as URLs are fetched here, for their new items."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.article import MAX_BYTES, Article, ArticleError, open_regular, read_regular
from generator.config import Config
from generator.display import printable
from generator.feeds import FEED_SUFFIXES, feed_items, is_feed
from generator.fetch import FEEDS, HTML, FetchError, Fetcher
from generator.given import Given, text_article
from generator.records import EXPORT_SUFFIXES, field_names, read_records
from generator.saved_pages import load_saved, save

PAGE_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", *PAGE_SUFFIXES, *FEED_SUFFIXES, *EXPORT_SUFFIXES)
MAX_EXPORT_BYTES = 2_000_000_000  # an export holds many articles: read record by record, each bounded


@dataclass(frozen=True)
class Job:
    """One thing to read: a file, or a URL with what a feed or record said of it."""

    path: Path | None = None
    url: str = ""
    given: Given = Given()
    origin: str = ""  # the feed or export that listed it, for messages
    article: Article | None = None  # a record's own article: nothing left to read
    source: str = ""


@dataclass
class Reading:
    """What `plan` found, and the problems on the way, each said once as `where: reason`."""

    jobs: list[Job] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    fetched: set[str] = field(default_factory=set)  # URLs fetched in this run: not fetched again
    duplicate: list[tuple[str, str]] = field(default_factory=list)  # a URL listed again, and where


def is_url(argument: str) -> bool:
    return argument.startswith(("http://", "https://"))


def plan(config: Config, arguments: Iterable[str | Path], say: Callable[[str], None], fetcher: Callable[[], Fetcher], refresh: bool) -> Reading:
    """Lists what to read from the command's arguments (default: every supported file under seeds/)."""
    reading = Reading()
    for argument in list(arguments) or [config.seeds]:
        if isinstance(argument, str) and is_url(argument):
            _plan_url(config, argument, reading, say, fetcher, refresh)
        else:
            for path in _files(Path(argument)):
                _plan_file(config, path, reading, say)
    return reading


def _plan_url(config: Config, url: str, reading: Reading, say: Callable[[str], None], fetcher: Callable[[], Fetcher], refresh: bool) -> None:
    """A URL given to ingest: an article page, or a feed, which is fetched again each time for its new items (its saved
    copy read when the site cannot be reached)."""
    web = config.seeds / "web"
    if not refresh and load_saved(web, url, "html") is not None:
        reading.jobs.append(Job(url=url))
        return
    saved_feed = load_saved(web, url, "xml")
    try:
        fetched = fetcher().get(url, HTML | FEEDS)
    except FetchError as error:
        if saved_feed is None:
            say(f"{url}: {error.reason}")
            reading.failed.append(url)
            return
        say(f"{url}: {error.reason}; read the copy of the feed saved before instead")
        fetched = saved_feed
    if fetched is saved_feed or is_feed(fetched.body):
        if fetched is not saved_feed:
            save(web, fetched, "xml")
        _plan_feed(fetched.body, url, reading, say)
    else:
        save(web, fetched, "html")
        reading.fetched.add(url)
        reading.jobs.append(Job(url=url))


def _plan_feed(data: bytes, where: str, reading: Reading, say: Callable[[str], None]) -> None:
    try:
        items = feed_items(data, where if is_url(where) else "")
    except ArticleError as error:
        say(f"{where}: {error}; no entries made from it")
        reading.failed.append(where)
        return
    reading.jobs += [Job(url=item.url, given=item, origin=where) for item in items]


def _plan_file(config: Config, path: Path, reading: Reading, say: Callable[[str], None]) -> None:
    suffix, where = path.suffix.lower(), shown(path, config.root)
    if suffix in FEED_SUFFIXES:
        try:
            data = read_regular(path, MAX_BYTES)
        except (ArticleError, OSError) as error:
            say(f"{where}: {getattr(error, 'strerror', None) or error}")
            reading.failed.append(where)
            return
        if suffix == ".xml" and not is_feed(data):
            return  # an XML file that is not a feed (a sitemap, a saved page's data) is not an input
        _plan_feed(data, where, reading, say)
    elif suffix in EXPORT_SUFFIXES:
        _plan_export(config, path, where, reading, say)
    else:
        reading.jobs.append(Job(path=path))


def _plan_export(config: Config, path: Path, where: str, reading: Reading, say: Callable[[str], None]) -> None:
    try:
        names = field_names(dict(config.fields))
        opened = open_regular(path, MAX_EXPORT_BYTES)  # a FIFO, a device or a huge file refused before it is read
    except (ArticleError, OSError, ValueError) as error:
        say(f"{where}: {getattr(error, 'strerror', None) or error}")
        reading.failed.append(where)
        return
    with io.TextIOWrapper(opened, encoding="utf-8-sig", errors="replace", newline="") as stream:
        for line, given in read_records(stream, path.suffix.lower(), names):
            if isinstance(given, ArticleError):
                say(f"{where}:{line}: {given}")
                reading.failed.append(f"{where}:{line}")
            elif given.text:
                try:
                    reading.jobs.append(Job(article=text_article(given), source=where))
                except ArticleError as error:
                    say(f"{where}:{line}: {error}")
                    reading.failed.append(f"{where}:{line}")
            else:
                reading.jobs.append(Job(url=given.url, given=given, origin=f"{where}:{line}"))


def _files(path: Path) -> list[Path]:
    """A folder's supported files in path order, feeds first (their items' pages are saved beside them), a file as itself.

    A fetched page's record of its fetch (`page.html.json` beside `page.html`) is not an export."""
    if not path.is_dir():
        return [path]
    found = [p for p in sorted(path.rglob("*")) if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and not _is_sidecar(p) and not p.is_dir()]
    return sorted(found, key=lambda p: p.suffix.lower() not in FEED_SUFFIXES)


def _is_sidecar(path: Path) -> bool:
    return path.suffix.lower() == ".json" and Path(path.stem).suffix.lower() in (*PAGE_SUFFIXES, ".xml") and path.with_suffix("").exists()


def shown(path: Path, root: Path) -> str:
    """A file's path relative to ROOT when it is inside, else its file name; bytes no encoding can read shown as \\xNN."""
    # as named, not through links: a link in seeds/ is shown where it is, not where it leads
    where, base = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    relative = where.relative_to(base).as_posix() if where.is_relative_to(base) else path.name
    return printable(relative)
