"""Each input of an ingest run made an article: pages fetched (or found saved under seeds/web/), then every input read
on both cores, in order, while extraction works on the ones read before."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.article import MAX_BYTES, Article, ArticleError, decode, parse_article, read_regular
from generator.config import Config
from generator.extract.workers import Failure, bounded_map
from generator.fetch import HTML, FetchError, Fetcher
from generator.given import Given, page_article
from generator.ingest_plan import PAGE_SUFFIXES, Job, Reading, is_url, shown
from generator.saved_pages import load_saved, save, saved_path, saved_url
from generator.web_page import language, read_page

READ_BATCH = 4  # pages a reading process takes at a time


@dataclass(frozen=True)
class Todo:
    """An article to extract, and where it came from."""

    article: Article
    source: str  # the URL it was fetched from, else the file as the entry's `source` names it
    source_sha256: str  # of what it was made from: the next run knows an article it has done
    key: str = ""  # what the ingest log knows the input by (see Input)
    undated: bool = False  # a page that gives no date, nor its feed or record: dated by the day it was saved


@dataclass(frozen=True)
class Input:
    """One thing to read, named as its entry's `source` will name it."""

    job: Job
    source: str
    key: str  # the source; for an export's record, the file and the record's id (one file holds many)


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
            return None if saved is None else _page_digest(saved.body, job.given)
        data = read_regular(job.path, MAX_BYTES)
        return _page_digest(data, job.given) if job.path.suffix.lower() in PAGE_SUFFIXES else _digest(data)
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
        if url:
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
        if outcome.undated:
            say(f"{item.source}: the page gives no date; dated {outcome.article.date.isoformat()}, the day it was saved: check it")
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
        page = read_page(fetched.body, fetched.final_url)
        article = page_article(page, fetched.body, job.given, _day(saved_path(config.seeds / "web", job.url, "html")))
        return Todo(article, source, _page_digest(fetched.body, job.given), item.key, page.date is None and job.given.date is None)
    data = read_regular(job.path, MAX_BYTES)
    if job.path.suffix.lower() in PAGE_SUFFIXES:
        page = read_page(data, source if is_url(source) else "")
        return Todo(page_article(page, data, saved=_day(job.path)), source, _page_digest(data, job.given), item.key, page.date is None)
    return Todo(parse_article(decode(data), job.path.stem), source, _digest(data), item.key)


def _day(path: Path) -> datetime.date | None:
    """The day a file was saved: the date of a page that gives none."""
    try:
        return datetime.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def _page_digest(page: bytes, given: Given) -> str:
    """A page's with what its feed or record said: a fetch and its saved copy read alone are the same input."""
    return _digest(page + repr(given).encode("utf-8"))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


