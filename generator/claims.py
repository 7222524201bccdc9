"""One entry per story: which input of a run owns an id, which gets an id of its own, and which is a duplicate."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from generator.article import Article
from generator.ingest_log import IngestLog
from generator.ingest_plan import is_url
from generator.inputs import Todo


def claimed(items: Iterable[Todo], log: IngestLog, root: Path, say: Callable[[str], None], duplicate: Callable[[str], None]) -> Iterator[Todo]:
    """The articles with one id each, in order, as they are read.

    An id stays with the input the log has it from while that input exists, else it goes to the first input that claims
    it; another input claiming it gets an id of its own, made from the id and its source, so it is the same on every run.
    An input holding a story ingest has already (the same text as another input's, or the same canonical URL as the
    id's owner) is a duplicate and makes no entry.
    """
    owners: dict[str, Todo] = {}  # id -> the input that has it in this run
    told = {w.story: w.source for w in log.entries.values() if w.story and still_there(root, w.source)}  # story -> input
    for item in items:
        id_, text, key = item.article.id, story(item.article), item.key or item.source
        recorded = log.written(id_)
        if told.get(text, key) != key:
            same = told[text]
        elif id_ in owners or recorded is not None and recorded.source != key and still_there(root, recorded.source):
            owner = owners.get(id_)
            same = (owner.source if owner else recorded.source) if item.article.url else None  # an id made from the URL
            if same is None:
                own = hashlib.sha256(f"{id_}\n{item.source}".encode("utf-8")).hexdigest()[:16]
                item = replace(item, article=replace(item.article, id=own))
        else:
            same = None
        if same is not None:
            say(f"{item.source}: the same article as {same}; ingested once")
            duplicate(item.source)
            continue
        owners.setdefault(item.article.id, item)
        told.setdefault(text, key)
        yield item


def story(article: Article) -> str:
    """What makes two inputs the same story whatever their ids: the text, spaced alike."""
    return hashlib.sha256(" ".join(" ".join(article.paragraphs).split()).encode("utf-8")).hexdigest()


def still_there(root: Path, source: str) -> bool:
    """Whether the input an entry was made from can still be read: a URL always can (from its saved copy)."""
    return is_url(source) or (root / source.split("#", 1)[0]).is_file()  # an export's record: the file and its id
