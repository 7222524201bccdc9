"""`timeline ingest`: raw articles become entries under content/, never over a person's edit; a stopped run resumes."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from itertools import tee
from pathlib import Path
from typing import TextIO

from generator.config import Config
from generator.claims import claimed
from generator.content_lock import content_lock
from generator.display import printable
from generator.entry_file import entry_file, is_untouched, place_entry
from generator.errors import TimelineError
from generator.extract import Found, extract_each
from generator.extract.entities import lead_doc
from generator.fetch import Etiquette, Fetcher
from generator.ingest_plan import Reading, plan
from generator.inputs import Input, digest, fetch, inputs, read_each
from generator.ingest_log import IngestLog, entry_ids, stamp
from generator.progress import Progress, stop_on_interrupt, until
from generator.registry import Record, Registry, load_registry
from generator.registry_edit import add_records
from generator.taxonomy import load_taxonomy

SAVE_EVERY = 15.0  # seconds between saves of the log and registry: what a crash can lose (Ctrl-C loses nothing)


class Stopped(TimelineError):
    """A run stopped from outside, as Ctrl-C stops it (its Dask scheduler was lost): what finished is saved, and the same command resumes."""


@dataclass
class IngestReport:
    """What an ingest run did, article by article."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)

    def summary(self) -> str:
        kept = f", kept {len(self.kept)}" if self.kept else ""
        duplicate = f", duplicate {len(self.duplicate)}" if self.duplicate else ""
        return f"ingested {len(self.ingested)}, unchanged {len(self.unchanged)}{kept}{duplicate}, failed {len(self.failed)}"


def ingest(config: Config, paths: Iterable[Path | str] = (), say: Callable[[str], None] = print,
           force: frozenset[str] = frozenset(), diff: bool = False, progress: TextIO | None = None, refresh: bool = False) -> IngestReport:
    """Turns each article (files, folders and URLs in `paths`, by default seeds/) into an entry file; `say` gets one line
    per problem or kept edit.

    Entries whose id is in `force` are regenerated even if edited (after a backup) or deleted;
    with `diff`, a kept entry's differences from what ingest would write are shown in full.
    An article ingested before from the same file is not extracted again, so a stopped run resumes.
    `progress` (default: stderr) gets a bar on a terminal, else a plain line now and then.
    A page fetched before is read from its copy under seeds/web/ unless `refresh`.
    spaCy runs in worker processes here, or on the Dask cluster `config.cluster` names.
    """
    with content_lock(config.root, "ingest"), _Fetching(config) as fetcher, _extraction(config) as extract:
        try:
            return _ingest(config, paths, say, force, diff, progress, refresh, fetcher, extract)
        except OSError as error:  # a full disk, a read-only content/: what is written so far is whole, and is kept
            where = f" {printable(os.fsdecode(error.filename))}" if error.filename else ""
            raise TimelineError(f"ingest stopped: cannot write{where}: {error.strerror or error}; "
                                "entries written before this are kept; fix this and run the same command again to resume") from None


def _ingest(config: Config, paths: Iterable[Path | str], say: Callable[[str], None], force: frozenset[str], diff: bool,
            progress: TextIO | None, refresh: bool, fetcher: _Fetching, extract: Callable[..., Iterator[Found]]) -> IngestReport:
    """What `ingest` does, while it holds content/'s lock."""
    report = IngestReport()
    kinds = load_taxonomy(config.content)
    log = IngestLog.load(config.content)
    current = stamp(config.content, config.spacy_model)
    stream = sys.stderr if progress is None else progress
    on_disk = entry_ids(config.content)
    reading, items = _planned(config, paths, say, refresh, fetcher, stream)
    to_read = _unfinished(config, items, log, on_disk, force, current == log.stamp, say, report)
    bar = Progress(len(items), len(items) - len(to_read), stream)
    if to_read and log.stamp and log.stamp != current:
        bar.note("ingest: the registry, the spaCy model or timeline changed since the last ingest: every article is extracted again")
    tell = bar.around(say)
    unsaved = _Unsaved(load_registry(config.content))
    stop = threading.Event()
    try:
        todo = claimed(read_each(config, to_read, reading, tell, bar.advance), log, config.root, tell, _counted(report.duplicate, bar))
        mine, theirs = tee(until(stop, todo))
        with stop_on_interrupt(stop), closing(extract((t.article for t in theirs), config.spacy_model, unsaved.registry, len(to_read))) as found:
            for extracted, item in zip(found, mine):  # found first: an item is taken from `todo` only once extraction asks for it
                if extracted.failure:
                    tell(f"{item.source}: {extracted.failure}; no entry made (the rest go on)")
                    report.failed.append(item.source)
                    bar.advance()
                    continue
                relative, text = entry_file(item.article, extracted.extraction, item.source, lead_doc(extracted.lead, config.spacy_model), kinds)
                placed = place_entry(config, log, on_disk, item, relative, text, tell, item.article.id in force, diff)
                getattr(report, placed).append(item.article.id)
                unsaved.add(extracted)
                bar.advance()
                if unsaved.due():
                    try:
                        unsaved.save(config, log)
                    except TimelineError as error:  # a registry file saved half-edited by a person: it is theirs to finish
                        tell(f"{error.format_message()}; ingest tries again at its next save")
                        unsaved.saved = time.monotonic()
        if stop.is_set():
            raise KeyboardInterrupt
    except (KeyboardInterrupt, Stopped):
        bar.close()
        unsaved.save(config, log)
        say(f"ingest: stopped after {bar.done} of {len(items)} articles, which are saved; "
            f"run the same command again to do the other {len(items) - bar.done}")
        raise
    except OSError:
        bar.close()
        with suppress(OSError):  # the disk may still be full: the entries are whole, and the next run finds them
            unsaved.save(config, log)
        raise
    bar.close()
    report.failed += reading.failed
    report.duplicate += [url for url, _ in reading.duplicate]
    if to_read:
        unsaved.save(config, log)
    return report


def _planned(config: Config, paths: Iterable[Path | str], say: Callable[[str], None], refresh: bool, fetcher: _Fetching,
             stream: TextIO) -> tuple[Reading, list[Input]]:
    """What the inputs hold, feeds and exports opened, and every page fetched that has no saved copy (with a bar)."""
    try:
        reading = plan(config, paths, say, fetcher.get, refresh)
        items = inputs(config, reading)
        for url, where in reading.duplicate:
            say(f"{url}: listed again{f' in {where}' if where != url else ''}; ingested once")
        fetches = sum(1 for item in items if item.job.url)  # each fetched, or found saved
        bar = Progress(fetches, 0, stream, unit="pages") if fetches else None
        items = fetch(config, items, reading, bar.around(say) if bar else say, fetcher.get, refresh, bar.advance if bar else lambda: None)
        if bar:
            bar.close()
    except KeyboardInterrupt:
        say("ingest: stopped while fetching pages; those fetched are saved under seeds/web/, "
            "so run the same command again to go on")
        raise
    return reading, items


@contextmanager
def _extraction(config: Config) -> Iterator[Callable[..., Iterator[Found]]]:
    """`extract_each` with spaCy in worker processes here, or on the cluster `config.cluster` names (only then is Dask imported)."""
    if not config.cluster:
        yield extract_each
        return
    try:
        from generator.cluster import on_cluster
    except ModuleNotFoundError as error:
        if error.name not in ("dask", "distributed"):
            raise
        raise TimelineError(f"cluster {config.cluster!r}: ingest on a cluster needs Dask's distributed: "
                            "pip install 'timeline[cluster]'") from None
    with on_cluster(config.cluster, config.spacy_model) as analyser:
        yield partial(extract_each, analyser=analyser)


def _counted(into: list[str], bar: Progress) -> Callable[[str], None]:
    """What takes an input that makes no entry: it is listed, and done."""
    def count(source: str) -> None:
        into.append(source)
        bar.advance()
    return count


class _Fetching:
    """The run's one Fetcher, made when the first page is fetched (a run of files never makes one) and closed at the end."""

    def __init__(self, config: Config) -> None:
        self.config, self.fetcher = config, None

    def get(self) -> Fetcher:
        if self.fetcher is None:
            self.fetcher = Fetcher(Etiquette(delay=self.config.fetch_delay, timeout=self.config.fetch_timeout))
        return self.fetcher

    def __enter__(self) -> _Fetching:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fetcher is not None:
            self.fetcher.close()


def _unfinished(config: Config, items: list[Input], log: IngestLog, on_disk: dict[str, str], force: frozenset[str], same: bool,
                say: Callable[[str], None], report: IngestReport) -> list[Input]:
    """The inputs to read and extract; the rest are reported here, unread: deleted by hand, or done before from the very same bytes.

    `same` says whether what else decides an entry (model, version, registry) is as when the log was saved.
    """
    todo: list[Input] = []
    for item in items:
        id_ = log.made_from(item.key, digest(config, item) or "")
        written = log.written(id_) if id_ is not None else None
        if written is not None and id_ not in on_disk and id_ not in force:
            say(f"content/{written.path}: deleted by hand; not re-created")
            report.kept.append(id_)
        elif written is not None and same and id_ not in force and is_untouched(config.content, on_disk.get(id_), written):
            report.unchanged.append(id_)
        else:
            todo.append(item)
    return todo


class _Unsaved:
    """The registry with what this run has found, and how long since it and the log were last saved."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.actors: dict[str, Record] = {}
        self.locations: dict[str, Record] = {}
        self.saved = time.monotonic()

    def add(self, found: Found) -> None:
        self.actors.update((r.name, r) for r in found.actors)
        self.locations.update((r.name, r) for r in found.locations)

    def due(self) -> bool:
        return time.monotonic() - self.saved >= SAVE_EVERY

    def save(self, config: Config, log: IngestLog) -> None:
        """Adds what was found to the registry files as they are now (a person may have edited them meanwhile), then saves
        the log stamped with them: stopped between the two, the next run only extracts more."""
        self.registry = add_records(config.content, tuple(self.actors.values()), tuple(self.locations.values()))
        self.actors, self.locations = {}, {}
        log.stamp = stamp(config.content, config.spacy_model)
        log.save(config.content)
        self.saved = time.monotonic()
