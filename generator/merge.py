"""`timeline merge` and `timeline rename`: fold one actor or location into another everywhere."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.errors import Problem, TimelineError
from generator.files import write_atomically
from generator.frontmatter import Document, FrontMatterError, edit, parse, split
from generator.ingest_log import IngestLog
from generator.load import entry_files
from generator.redirects import Redirects
from generator.registry import Registry, load_registry, name_key
from generator.registry_edit import encoded
from generator.registry_fold import fold
from generator.registry_file import read_file
from generator.roundtrip import scalar
from generator.urls import slug

FIELDS = ("actors", "locations")


@dataclass(frozen=True)
class Rewrite:
    """A file's planned bytes, and the digest of the bytes they replace: a change made since the plan is noticed."""

    path: Path
    before: str  # sha256 of the file when planned ("" bytes if there was none)
    data: bytes

    def moved(self) -> bool:
        """Whether the file is no longer as it was when the rewrite was planned."""
        return digest(self.path.read_bytes() if self.path.exists() else b"") != self.before


@dataclass(frozen=True)
class Plan:
    """What a merge will change, shown to the user before anything is written."""

    field: str  # "actors" or "locations"
    old: str
    new: str
    entries: tuple[Rewrite, ...]
    registry: Rewrite | None  # content/actors.yml or content/locations.yml, if it changes
    notes: tuple[str, ...]  # what the registry change is, then each field it keeps, combines or drops
    redirect: str  # the old page's path, which will redirect to the new one

    def describe(self, root: Path) -> list[str]:
        """The plan as lines for the user: every file rewritten, and everything the registry keeps, combines or drops."""
        lines = [f"{self.field[:-1]} '{self.old}' → '{self.new}':"]
        lines += [f"  rewrite {r.path.relative_to(root).as_posix()} (only its {self.field} list)" for r in self.entries]
        lines.append(f"  registry: {self.notes[0]}")
        lines += [f"  {note}" for note in self.notes[1:]]
        lines.append(f"  redirect: {self.redirect} → the page of '{self.new}'")
        return lines


def plan_merge(config: Config, old: str, new: str, field: str | None = None) -> Plan:
    """Works out every change that folding `old` into `new` makes; writes nothing."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if not old or not new or name_key(old) == name_key(new) and old == new:
        raise TimelineError("give two different names, OLD then NEW: timeline merge OLD NEW, or timeline rename OLD NEW")
    registry = load_registry(config.content)
    documents, broken = [], []
    for path in entry_files(config.content):
        try:
            data = path.read_bytes()
            text = data.decode("utf-8")
            documents.append((path, data, text, parse(text)))
        except (FrontMatterError, UnicodeDecodeError) as error:
            broken.append(Problem(path.relative_to(config.root).as_posix(), getattr(error, "line", None), str(error)))
    if broken:
        raise TimelineError("nothing changed: fix these entries first (timeline check lists every problem)", tuple(broken))
    field = field or _field_of(old, registry, [d for _, _, _, d in documents])
    changed = []
    for path, data, text, document in documents:
        if _names_in(document, field, old):
            changed.append(Rewrite(path, digest(data), renamed_in(path, config.root, text, document, field, old, new).encode("utf-8")))
    file = read_file(config.content / f"{field}.yml")
    folded = fold(file, old, new)
    rewrite = Rewrite(file.path, digest(file.raw), encoded(file, folded.text)) if folded.text != file.text else None
    return Plan(field, old, new, tuple(changed), rewrite, folded.notes, f"{field}/{slug(old)}/")


def apply(config: Config, plan: Plan) -> None:
    """Writes the planned changes: entries, registry, redirect; keeps ingest's record in step.

    Writes nothing if a file the plan rewrites changed since it was made (take the content lock around both).
    """
    rewrites = [*plan.entries, *([plan.registry] if plan.registry else [])]
    moved = [Problem(r.path.relative_to(config.root).as_posix(), None, "changed since the plan was made") for r in rewrites if r.moved()]
    if moved:
        raise TimelineError("nothing changed: run the command again to see a plan made from the files as they are now", tuple(moved))
    log = IngestLog.load(config.content)
    write_entries(config.content, plan.entries, log)
    if plan.registry is not None:
        write_atomically(plan.registry.path, plan.registry.data)
    Redirects.load(config.content).with_redirect(plan.redirect, plan.field, plan.new).save(config.content)
    log.save(config.content)


def write_entries(content: Path, rewrites: tuple[Rewrite, ...] | list[Rewrite], log: IngestLog) -> None:
    """Writes rewritten entry files, keeping ingest's record of those still as it wrote them (the caller saves the log)."""
    by_path = {w.path: (id_, w) for id_, w in log.entries.items()}
    for rewrite in rewrites:
        relative = rewrite.path.relative_to(content).as_posix()
        untouched = relative in by_path and rewrite.before == by_path[relative][1].sha256
        write_atomically(rewrite.path, rewrite.data)
        if untouched:  # still ingest's own output: let a later ingest regenerate it as usual
            log.record(by_path[relative][0], relative, digest(rewrite.data))


def renamed_in(path: Path, root: Path, text: str, document: Document, field: str, old: str, new: str) -> str:
    """The entry's text with OLD renamed NEW in its `field` list; everything else, body included, as it was."""
    expected = list(document.meta[field])
    _rename(expected, old, new)
    renamed = edit(text, field, lambda names: _rename(names, old, new))
    if parse(renamed).meta != {**document.meta, field: expected} or split(renamed)[1] != document.body:
        raise TimelineError(f"{path.relative_to(root).as_posix()}: its {field} cannot be rewritten without changing more; "
                            f"nothing changed: rename '{old}' there by hand, then run this again")
    return renamed


def _rename(names: list[object], old: str, new: str) -> None:
    """OLD becomes NEW in the list, in place, in the quotes it had; a second name for NEW goes."""
    seen, index = False, 0
    while index < len(names):
        item = names[index]
        if isinstance(item, str) and name_key(item) == name_key(old):
            names[index] = item = scalar(new, item)
        if isinstance(item, str) and name_key(item) == name_key(new):
            if seen:
                del names[index]
                continue
            seen = True
        index += 1


def digest(data: bytes) -> str:
    """The sha256 of a file's bytes, as ingest's record keeps it."""
    return hashlib.sha256(data).hexdigest()


def _field_of(old: str, registry: Registry, documents: list[Document]) -> str:
    """Whether `old` names an actor or a location, from the registry and the entries."""
    found = [field for field in FIELDS if _in_registry(registry, field, old) or any(_names_in(d, field, old) for d in documents)]
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
