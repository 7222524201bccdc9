"""`timeline merge` and `timeline rename`: fold one actor or location into another everywhere."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from generator.config import Config
from generator.errors import Problem, TimelineError
from generator.files import write_atomically
from generator.frontmatter import Document, FrontMatterError, dump, parse
from generator.ingest_log import IngestLog
from generator.load import entry_files
from generator.redirects import Redirects
from generator.registry import Record, Registry, load_registry, name_key, save_registry
from generator.urls import slug

FIELDS = ("actors", "locations")


@dataclass(frozen=True)
class Plan:
    """What a merge will change, shown to the user before anything is written."""

    field: str  # "actors" or "locations"
    old: str
    new: str
    entries: tuple[tuple[Path, str], ...]  # file and its new text
    registry: Registry
    redirect: str  # the old page's path, which will redirect to the new one

    def describe(self, root: Path) -> list[str]:
        lines = [f"{self.field[:-1]} '{self.old}' → '{self.new}':"]
        lines += [f"  rewrite {path.relative_to(root).as_posix()}" for path, _ in self.entries]
        lines.append(f"  registry: '{self.old}' becomes an alias of '{self.new}' in content/{self.field}.yml")
        lines.append(f"  redirect: {self.redirect} → the page of '{self.new}'")
        return lines


def plan_merge(config: Config, old: str, new: str, field: str | None = None) -> Plan:
    """Works out every change that folding `old` into `new` makes; writes nothing."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if not old or not new or name_key(old) == name_key(new) and old == new:
        raise TimelineError("give two different names: timeline merge OLD NEW")
    registry = load_registry(config.content)
    documents, broken = [], []
    for path in entry_files(config.content):
        try:
            documents.append((path, parse(path.read_text(encoding="utf-8"))))
        except (FrontMatterError, UnicodeDecodeError) as error:
            broken.append(Problem(path.relative_to(config.root).as_posix(), getattr(error, "line", None), str(error)))
    if broken:
        raise TimelineError("nothing changed: fix these entries first (timeline check lists every problem)", tuple(broken))
    field = field or _field_of(old, registry, documents)
    changed = []
    for path, document in documents:
        if _names_in(document, field, old):
            renamed = [new if isinstance(n, str) and name_key(n) == name_key(old) else n for n in document.meta[field]]
            changed.append((path, dump({**document.meta, field: list(dict.fromkeys(renamed))}, document.body)))
    return Plan(field, old, new, tuple(changed), _fold(registry, field, old, new), f"{field}/{slug(old)}/")


def apply(config: Config, plan: Plan) -> None:
    """Writes the planned changes: entries, registry, redirect; keeps ingest's record in step."""
    log = IngestLog.load(config.content)
    by_path = {w.path: (id_, w) for id_, w in log.entries.items()}
    for path, text in plan.entries:
        relative = path.relative_to(config.content).as_posix()
        untouched = relative in by_path and hashlib.sha256(path.read_bytes()).hexdigest() == by_path[relative][1].sha256
        write_atomically(path, text.encode("utf-8"))
        if untouched:  # still ingest's own output: let a later ingest regenerate it as usual
            log.record(by_path[relative][0], relative, hashlib.sha256(text.encode("utf-8")).hexdigest())
    save_registry(config.content, plan.registry)
    Redirects.load(config.content).with_redirect(plan.redirect, plan.field, plan.new).save(config.content)
    log.save(config.content)


def _field_of(old: str, registry: Registry, documents: list[tuple[Path, Document]]) -> str:
    """Whether `old` names an actor or a location, from the registry and the entries."""
    found = [field for field in FIELDS if _in_registry(registry, field, old) or any(_names_in(d, field, old) for _, d in documents)]
    if not found:
        raise TimelineError(f"'{old}' is neither an actor nor a location in content/")
    if len(found) > 1:
        raise TimelineError(f"'{old}' is both an actor and a location: add --actors or --locations")
    return found[0]


def _in_registry(registry: Registry, field: str, name: str) -> bool:
    return (registry.actor(name) if field == "actors" else registry.location(name)) is not None


def _names_in(document: Document, field: str, name: str) -> bool:
    names = document.meta.get(field)
    return isinstance(names, list) and any(isinstance(n, str) and name_key(n) == name_key(name) for n in names)


def _fold(registry: Registry, field: str, old: str, new: str) -> Registry:
    """The registry with OLD's record (if any) folded into NEW's, OLD and its aliases kept as aliases."""
    records = dict(getattr(registry, field))
    lookup = registry.actor if field == "actors" else registry.location
    old_record, new_record = lookup(old), lookup(new)
    if old_record is not None and new_record is not None and old_record.name == new_record.name:
        return registry  # already one record: only entries change
    target = new_record or Record(name=new, kind=old_record.kind if old_record else "")
    if old_record is not None:
        records.pop(old_record.name, None)
        target = replace(target, description=target.description or old_record.description, country=target.country or old_record.country,
                         lat=target.lat if target.lat is not None else old_record.lat, lon=target.lon if target.lon is not None else old_record.lon)
    aliases: dict[str, str] = {}  # name key -> first spelling
    for alias in [*target.aliases, old, *(old_record.names() if old_record else ())]:
        if name_key(alias) != name_key(target.name):
            aliases.setdefault(name_key(alias), alias)
    records.pop(target.name, None)
    records[target.name] = replace(target, aliases=tuple(aliases.values()))
    return Registry(records, registry.locations) if field == "actors" else Registry(registry.actors, records)
