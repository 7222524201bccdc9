"""An article's entry file: the text ingest makes of it, and writing that under content/ never over a person's edit."""

from __future__ import annotations

import difflib
import hashlib
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from spacy.tokens import Doc

from generator.article import Article
from generator.claims import story
from generator.config import Config
from generator.escape import escape_paragraphs
from generator.extract import Extraction
from generator.fields import front_matter
from generator.files import write_atomically
from generator.frontmatter import FrontMatterError, dump, parse
from generator.ingest_log import IngestLog, Written
from generator.inputs import Todo
from generator.model import Entry
from generator.taxonomy import Taxonomy
from generator.urls import slug
from generator.write_up import write_up

Placed = Literal["ingested", "unchanged", "kept"]  # written; already as ingest would write it; kept as a person left it


def entry_file(article: Article, found: Extraction, source: str, lead: Doc, kinds: Taxonomy | None = None) -> tuple[str, str]:
    """The entry's path under content/ and its full text; `lead` is spaCy's parse of the lead paragraph."""
    made = write_up(article, lead, kinds)
    relative = f"{made.date.year}/{made.date.isoformat()}-{slug(made.title)}.md"
    entry = Entry(id=article.id, title=made.title, date=made.date, path=relative, published=made.published, summary=made.summary,
                  actors=tuple(found.actors), locations=tuple(found.locations), tags=tuple(made.tags), source=source,
                  url=article.url if article.url != source else "", author=article.author, publisher=article.publisher, lang=article.lang,
                  image=article.image)
    return relative, dump(front_matter(entry), article.markdown or escape_paragraphs(made.body))


def place_entry(config: Config, log: IngestLog, on_disk: dict[str, str], item: Todo, relative: str, text: str,
                say: Callable[[str], None], forced: bool, diff: bool) -> Placed:
    """Writes, keeps or skips one entry, by what ingest wrote before and what is on disk now."""
    id_ = item.article.id
    current_path = on_disk.get(id_)
    written = log.written(id_)
    target = relative
    if current_path is not None:
        current = (config.content / current_path).read_bytes()
        untouched = written is not None and _digest(current) == written.sha256
        if current == text.encode("utf-8"):
            log.record(id_, current_path, _digest(current), item.key or item.source, item.source_sha256, story(item.article))
            return "unchanged"
        if not untouched and not forced:
            changes = changed_fields(current.decode("utf-8", errors="replace"), text)
            say(f"content/{current_path}: edited by hand since ingest wrote it; kept"
                + (f" (ingest would change: {', '.join(changes)}; see --diff, or --force {id_})" if changes else ""))
            if diff:
                say(_diff(current.decode("utf-8", errors="replace"), text, current_path))
            return "kept"
        if not untouched:
            backup = _backup(config.content, current_path)
            say(f"content/{current_path}: regenerated on request; your version is in {backup}")
            target = current_path
        elif written is not None and current_path != written.path:
            target = current_path  # renamed by hand: the name is the person's choice
    target = _free_path(config.content, target, id_, on_disk)
    write_atomically(config.content / target, text.encode("utf-8"))
    if current_path is not None and current_path != target:
        (config.content / current_path).unlink()
    on_disk[id_] = target
    log.record(id_, target, _digest(text.encode("utf-8")), item.key or item.source, item.source_sha256, story(item.article))
    return "ingested"


def is_untouched(content: Path, current: str | None, written: Written | None) -> bool:
    """Whether the entry is where ingest last wrote it, byte for byte."""
    return current is not None and written is not None and current == written.path and _digest((content / current).read_bytes()) == written.sha256


def changed_fields(current: str, new: str) -> list[str]:
    """The front matter keys (and 'body') whose values differ between two entry texts."""
    try:
        old_doc, new_doc = parse(current), parse(new)
    except FrontMatterError:
        return ["everything (the file on disk does not parse)"]
    keys = dict.fromkeys([*new_doc.meta, *old_doc.meta])
    changed = [k for k in keys if old_doc.meta.get(k) != new_doc.meta.get(k)]
    return changed + (["body"] if old_doc.body.strip() != new_doc.body.strip() else [])


def _diff(current: str, new: str, relative: str) -> str:
    lines = difflib.unified_diff(current.splitlines(), new.splitlines(), f"content/{relative} (yours)", f"content/{relative} (ingest)", lineterm="")
    return "\n".join(lines)


def _backup(content: Path, relative: str) -> str:
    """Copies an entry to content/.backups/ before it is overwritten; returns the copy's path."""
    for number in range(1, 10_000):
        backup = content / ".backups" / f"{relative}.{number}"
        if not backup.exists():
            break
    write_atomically(backup, (content / relative).read_bytes())
    return backup.relative_to(content.parent).as_posix()


def _free_path(content: Path, relative: str, id_: str, on_disk: dict[str, str]) -> str:
    """`relative`, or the first variant of it (with the id in it, then a number) that no other entry or file has."""
    taken = {path for other, path in on_disk.items() if other != id_}
    stem = relative.removesuffix(".md")
    candidates = itertools.chain([relative, f"{stem}-{id_[:8]}.md", f"{stem}-{id_}.md"], (f"{stem}-{id_}-{n}.md" for n in itertools.count(2)))
    return next(c for c in candidates if c not in taken and (on_disk.get(id_) == c or not (content / c).exists()))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
