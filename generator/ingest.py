"""`timeline ingest`: raw articles become entries under content/, never over a person's edit."""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.article import Article, ArticleError, read_article
from generator.config import Config
from generator.escape import escape_paragraphs
from generator.extract import Extraction, extract
from generator.frontmatter import FrontMatterError, dump, parse
from generator.files import write_atomically
from generator.ingest_log import IngestLog, entry_ids
from generator.lead import title_and_summary
from generator.registry import load_registry, save_registry
from generator.urls import slug

BATCH = 64


@dataclass
class IngestReport:
    """What an ingest run did, article by article."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        kept = f", kept {len(self.kept)}" if self.kept else ""
        return f"ingested {len(self.ingested)}, unchanged {len(self.unchanged)}{kept}, failed {len(self.failed)}"


def seed_files(config: Config, paths: Iterable[Path] = ()) -> list[Path]:
    """The files named, with folders expanded to their *.txt; by default every seed."""
    chosen = list(paths) or [config.seeds]
    files: list[Path] = []
    for path in chosen:
        files += sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    return files


def ingest(config: Config, paths: Iterable[Path] = (), say: Callable[[str], None] = print,
           force: frozenset[str] = frozenset(), diff: bool = False) -> IngestReport:
    """Turns each article into an entry file; `say` gets one line per problem or kept edit.

    Entries whose id is in `force` are regenerated even if edited (after a backup) or deleted;
    with `diff`, a kept entry's differences from what ingest would write are shown in full.
    """
    report = IngestReport()
    log = IngestLog.load(config.content)
    on_disk = entry_ids(config.content)
    files = seed_files(config, paths)
    registry = load_registry(config.content)
    for start in range(0, len(files), BATCH):
        batch: list[tuple[Path, Article]] = []
        for path in files[start : start + BATCH]:
            try:
                batch.append((path, read_article(path)))
            except (ArticleError, OSError) as error:
                line = getattr(error, "line", None)
                say(f"{_shown(path, config.root)}{f':{line}' if line else ''}: {getattr(error, 'strerror', None) or error}")
                report.failed.append(str(path))
        extracted = extract([a for _, a in batch], config.spacy_model, registry)
        registry = registry.with_records(extracted.actors, extracted.locations)
        for (path, article), found in zip(batch, extracted.extractions):
            source = _shown(path, config.root)
            relative, text = entry_file(article, found, source)
            _place(config, log, on_disk, article.id, relative, text, report, say, article.id in force, diff)
        log.save(config.content)
        save_registry(config.content, registry)
    return report


def entry_file(article: Article, found: Extraction, source: str) -> tuple[str, str]:
    """The entry's path under content/ and its full text."""
    title, summary = title_and_summary(article.paragraphs)
    meta: dict[str, Any] = {
        "id": article.id,
        "title": title,
        "date": article.date,
        "summary": summary,
        "actors": list(found.actors),
        "locations": list(found.locations),
        "tags": [],
        "source": source,
    }
    if article.image:
        meta["image"] = {"caption": article.image.caption, "credit": article.image.credit}
    relative = f"{article.date.year}/{article.date.isoformat()}-{slug(title)}.md"
    return relative, dump(meta, escape_paragraphs(article.paragraphs))


def _place(config: Config, log: IngestLog, on_disk: dict[str, str], id_: str, relative: str, text: str, report: IngestReport,
           say: Callable[[str], None], forced: bool, diff: bool) -> None:
    """Writes, keeps or skips one entry, by what ingest wrote before and what is on disk now."""
    current_path = on_disk.get(id_)
    written = log.written(id_)
    if current_path is None and written is not None and not forced:
        say(f"content/{written.path}: deleted by hand; not re-created")
        report.kept.append(id_)
        return
    target = relative
    if current_path is not None:
        current = (config.content / current_path).read_bytes()
        untouched = written is not None and _digest(current) == written.sha256
        if current == text.encode("utf-8"):
            log.record(id_, current_path, _digest(current))
            report.unchanged.append(id_)
            return
        if not untouched and not forced:
            changes = changed_fields(current.decode("utf-8", errors="replace"), text)
            say(f"content/{current_path}: edited by hand since ingest wrote it; kept"
                + (f" (ingest would change: {', '.join(changes)}; see --diff, or --force {id_})" if changes else ""))
            if diff:
                say(_diff(current.decode("utf-8", errors="replace"), text, current_path))
            report.kept.append(id_)
            return
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
    log.record(id_, target, _digest(text.encode("utf-8")))
    report.ingested.append(id_)


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
    """`relative`, or a variant with the id in it when another entry has that name."""
    taken = {path for other, path in on_disk.items() if other != id_}
    if relative not in taken and not ((content / relative).exists() and on_disk.get(id_) != relative):
        return relative
    return relative.removesuffix(".md") + f"-{id_[:8]}.md"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _shown(path: Path, root: Path) -> str:
    """A seed's path relative to ROOT when it is inside, else its file name."""
    try:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix() if path.resolve().is_relative_to(root.resolve()) else path.name
    except (OSError, ValueError):
        return path.name
