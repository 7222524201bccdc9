"""`timeline check --fix`: writes the registry's canonical name where an entry names an actor or place by an alias."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.build import gather
from generator.config import Config
from generator.display import shown_path
from generator.errors import Problem, TimelineError
from generator.frontmatter import FrontMatterError, parse
from generator.ingest_log import IngestLog
from generator.load import entry_from
from generator.merge import Rewrite, digest, renamed_in, write_entries
from generator.registry import Registry
from generator.validate import written_aliases


@dataclass(frozen=True)
class Fix:
    """One entry file's new bytes, and each name it writes anew: (field, alias, canonical name)."""

    rewrite: Rewrite
    names: tuple[tuple[str, str, str], ...]

    def describe(self, root: Path) -> str:
        changes = ", ".join(f"{field[:-1]} '{alias}' → '{canonical}'" for field, alias, canonical in self.names)
        return f"{shown_path(self.rewrite.path, root)}: {changes}"


@dataclass(frozen=True)
class FixPlan:
    """The entries to rewrite, and those that cannot be (each a problem saying why and what to do)."""

    fixes: tuple[Fix, ...]
    refused: tuple[Problem, ...] = ()


def plan_fix(config: Config) -> FixPlan:
    """Works out, from the files as they are now, each entry's aliases written as canonical names; writes nothing."""
    entries, registry, _ = gather(config)
    if registry.problems:
        raise TimelineError("nothing fixed: the registry has problems (timeline check lists them)", tuple(registry.problems))
    fixes, refused = [], []
    for entry in entries:
        if written_aliases(entry, registry.registry):  # read when loaded: only these files are read again
            found = _fix(config, config.content / entry.path, entry.path, registry.registry)
            if isinstance(found, Fix):
                fixes.append(found)
            elif found is not None:
                refused.append(found)
    return FixPlan(tuple(fixes), tuple(refused))


def apply_fix(config: Config, plan: FixPlan) -> tuple[list[Fix], list[Problem]]:
    """Writes each planned entry, but not one that changed since it was planned (a person's edit is never lost).

    Returns the fixes written and the problems of the files left as they were. Take the content lock around plan and apply."""
    log = IngestLog.load(config.content)
    done, refused = [], list(plan.refused)
    for fix in plan.fixes:
        if fix.rewrite.moved():
            refused.append(_refusal(config, fix.rewrite.path, "changed since it was read, so it was not fixed; run timeline check --fix again"))
            continue
        write_entries(config.content, [fix.rewrite], log)
        done.append(fix)
    if done:
        log.save(config.content)
    return done, refused


def _fix(config: Config, path: Path, relative: str, registry: Registry) -> Fix | Problem | None:
    """The fix of one entry file, from its bytes as they are now; a problem if it cannot be made; None if there is none to make."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
        document = parse(text)
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return None  # changed since it was loaded, to something check reports on its own
    entry = entry_from(document.meta, document.lines, relative, relative)
    names = written_aliases(entry, registry) if not isinstance(entry, list) else []
    new = text
    for field, alias, canonical in names:
        try:
            new = renamed_in(path, config.root, new, parse(new), field, alias, canonical)
        except TimelineError:  # a list written in a way that the round trip would change more of
            return _refusal(config, path, f"not fixed: its {field} cannot be rewritten without changing more; write '{canonical}' for '{alias}' there by hand")
    return Fix(Rewrite(path, digest(data), new.encode("utf-8")), tuple(names)) if names else None


def _refusal(config: Config, path: Path, message: str) -> Problem:
    return Problem(shown_path(path, config.root), None, message)
