"""What `timeline ingest` reads: seed files, saved web pages, URLs, RSS and Atom feeds and exports, each made an article.

Reading is in two steps. `plan` lists what to read: folders opened, feeds and exports read into the pages and records
they hold. `read` then fetches (or finds the saved copy of) each page and extracts its article. Each fetched page is
saved under seeds/web/, so the next run reads that copy and needs no network unless `refresh`.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.article import MAX_BYTES, Article, ArticleError, decode, open_regular, parse_article, read_regular
from generator.config import Config
from generator.display import printable
from generator.feeds import FEED_SUFFIXES, feed_items, is_feed
from generator.fetch import FEEDS, HTML, Etiquette, Fetched, FetchError, Fetcher, load_saved, save, saved_path, saved_url
from generator.given import Given, page_article, text_article
from generator.extract.workers import Failure, bounded_map
from generator.records import EXPORT_SUFFIXES, field_names, read_records
from generator.web_page import language, read_page

PAGE_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", *PAGE_SUFFIXES, *FEED_SUFFIXES, *EXPORT_SUFFIXES)
READ_BATCH = 4  # pages a reading process takes at a time
MAX_EXPORT_BYTES = 2_000_000_000  # an export holds many articles: read record by record, each bounded


@dataclass(frozen=True)
class Todo:
    """An article to extract, and where it came from."""

    article: Article
    source: str  # the URL it was fetched from, else the file as the entry's `source` names it
    source_sha256: str  # of what it was made from: the next run knows an article it has done
    key: str = ""  # what the ingest log knows the input by (see Input)


@dataclass(frozen=True)
class Input:
    """One thing to read, named as its entry's `source` will name it."""

    job: _Job
    source: str
    key: str  # the source; for an export's record, the file and the record's id (one file holds many)


@dataclass(frozen=True)
class _Job:
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

    jobs: list[_Job] = field(default_factory=list)
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


def inputs(config: Config, reading: Reading) -> list[Input]:
    """The planned inputs, each once: a page reached twice through the same address (a feed's item and its saved copy)
    is one input."""
    found: dict[str, Input] = {}
    for job in reading.jobs:
        source = job.source or job.url or (saved_url(job.path) if job.path.suffix.lower() in PAGE_SUFFIXES else None) or shown(job.path, config.root)
        key = f"{source}#{job.article.id}" if job.article is not None else source
        first = found.setdefault(key, Input(job, source, key))
        if first.job is not job and job.url and first.job.url:  # listed again (a saved copy beside its feed is not)
            reading.duplicate.append((source, job.origin or source))
    return list(found.values())


def digest(config: Config, item: Input) -> str | None:
    """A hash of what the input's entry is made from, when it can be had without fetching; None when it cannot."""
    job = item.job
    if job.article is not None:
        return _digest(repr(job.article).encode("utf-8"))
    try:
        if job.url:
            saved = load_saved(config.seeds / "web", job.url, "html")
            return None if saved is None else _digest(saved.body + repr(job.given).encode("utf-8"))
        return _digest(read_regular(job.path, MAX_BYTES))
    except (ArticleError, OSError):
        return None  # reading it says why


def fetch(config: Config, items: list[Input], reading: Reading, say: Callable[[str], None], fetcher: Callable[[], Fetcher], refresh: bool,
          done: Callable[[], None] = lambda: None) -> list[Input]:
    """The inputs, each page among them fetched and saved under seeds/web/ unless saved before (or again, with
    `refresh`), one after the other; a page that cannot be fetched is said and left out."""
    kept = []
    for item in items:
        url = item.job.url
        if url and (refresh and url not in reading.fetched or load_saved(config.seeds / "web", url, "html") is None):
            try:
                save(config.seeds / "web", fetcher().get(url, HTML), "html")
                reading.fetched.add(url)
            except FetchError as error:
                _fail(reading, item, error.reason, say)
                done()
                continue
            done()
        kept.append(item)
    return kept


def read_each(config: Config, items: list[Input], reading: Reading, say: Callable[[str], None],
              failed: Callable[[], None] = lambda: None) -> Iterator[Todo]:
    """The article of each input, in order, read on both cores while what follows works on the ones before; a problem
    is said (and `failed` called) and the rest go on."""
    if any(i.job.url or i.job.path and i.job.path.suffix.lower() in PAGE_SUFFIXES for i in items):
        language("Loaded here, once, not in each reader.")
    processes = 2 if len(items) >= 8 else 1  # forking pays from a few pages on

    def work(batch: Sequence[Input]) -> list[Todo | str]:
        return [_outcome(config, item) for item in batch]

    for item, outcome in zip(items, bounded_map(work, items, processes, READ_BATCH, lambda batch: 30.0 + 10.0 * len(batch))):
        if isinstance(outcome, Failure):
            outcome = f"reading it took too long or failed ({outcome.reason})"
        if isinstance(outcome, str):
            _fail(reading, item, outcome, say)
            failed()
            continue
        if outcome.article.lang and outcome.article.lang != "en":
            say(f"{item.source}: the article is in '{outcome.article.lang}'; names are found in English text only, "
                "so add its actors and places by hand")
        yield outcome


def _outcome(config: Config, item: Input) -> Todo | str:
    """The article of one input, or the reason there is none."""
    try:
        return _read(config, item)
    except (ArticleError, OSError) as error:
        line = getattr(error, "line", None)
        return f"{f':{line}' if line else ''}: {getattr(error, 'strerror', None) or error}"


def _fail(reading: Reading, item: Input, reason: str, say: Callable[[str], None]) -> None:
    reason = reason if reason.startswith(":") else f": {reason}"
    say(f"{item.source}{reason}" + (f" (listed in {item.job.origin})" if item.job.origin else ""))
    reading.failed.append(item.source)


def _read(config: Config, item: Input) -> Todo:
    job, source = item.job, item.source
    if job.article is not None:
        return Todo(job.article, source, _digest(repr(job.article).encode("utf-8")), item.key)
    if job.url:
        fetched = load_saved(config.seeds / "web", job.url, "html")
        if fetched is None:
            raise ArticleError("the page's saved copy under seeds/web/ went missing while ingest ran")
        saved = _day(saved_path(config.seeds / "web", job.url, "html"))
        article = page_article(read_page(fetched.body, fetched.final_url), fetched.body, job.given, saved)
        return Todo(article, source, _digest(fetched.body + repr(job.given).encode("utf-8")), item.key)
    data = read_regular(job.path, MAX_BYTES)
    if job.path.suffix.lower() in PAGE_SUFFIXES:
        article = page_article(read_page(data, source if is_url(source) else ""), data, saved=_day(job.path))
        return Todo(article, source, _digest(data), item.key)
    return Todo(parse_article(decode(data), job.path.stem), source, _digest(data), item.key)


def _plan_url(config: Config, url: str, reading: Reading, say: Callable[[str], None], fetcher: Callable[[], Fetcher], refresh: bool) -> None:
    """A URL given to ingest: an article page, or a feed, which is fetched again each time for its new items (its saved
    copy read when the site cannot be reached)."""
    web = config.seeds / "web"
    if not refresh and load_saved(web, url, "html") is not None:
        reading.jobs.append(_Job(url=url))
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
        reading.jobs.append(_Job(url=url))


def _plan_feed(data: bytes, where: str, reading: Reading, say: Callable[[str], None]) -> None:
    try:
        items = feed_items(data, where if is_url(where) else "")
    except ArticleError as error:
        say(f"{where}: {error}; no entries made from it")
        reading.failed.append(where)
        return
    reading.jobs += [_Job(url=item.url, given=item, origin=where) for item in items]


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
        reading.jobs.append(_Job(path=path))


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
                    reading.jobs.append(_Job(article=text_article(given), source=where))
                except ArticleError as error:
                    say(f"{where}:{line}: {error}")
                    reading.failed.append(f"{where}:{line}")
            else:
                reading.jobs.append(_Job(url=given.url, given=given, origin=f"{where}:{line}"))


def _files(path: Path) -> list[Path]:
    """A folder's supported files in path order, feeds first (their items' pages are saved beside them), a file as itself.

    A fetched page's record of its fetch (`page.html.json` beside `page.html`) is not an export."""
    if not path.is_dir():
        return [path]
    found = [p for p in sorted(path.rglob("*")) if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and not _is_sidecar(p) and not p.is_dir()]
    return sorted(found, key=lambda p: p.suffix.lower() not in FEED_SUFFIXES)


def _is_sidecar(path: Path) -> bool:
    return path.suffix.lower() == ".json" and Path(path.stem).suffix.lower() in (*PAGE_SUFFIXES, ".xml") and path.with_suffix("").exists()


def _day(path: Path) -> datetime.date | None:
    """The day a file was saved: the date of a page that gives none."""
    try:
        return datetime.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shown(path: Path, root: Path) -> str:
    """A file's path relative to ROOT when it is inside, else its file name; bytes no encoding can read shown as \\xNN."""
    # as named, not through links: a link in seeds/ is shown where it is, not where it leads
    where, base = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    relative = where.relative_to(base).as_posix() if where.is_relative_to(base) else path.name
    return printable(relative)
