"""content/redirects.yml: old actor and location URLs that now lead to another page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import Problem, TimelineError
from generator.files import write_atomically
from generator.frontmatter import FrontMatterError, load_mapping

REDIRECTS_FILE = "redirects.yml"
_OLD_PATH = re.compile(r"(actors|locations)/[a-z0-9][a-z0-9-]*/")


@dataclass(frozen=True)
class Redirects:
    """Old page path ('actors/isis/') → (field, name of the page it now leads to)."""

    targets: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, content: Path) -> Redirects:
        path = content / REDIRECTS_FILE
        if not path.is_file():
            return cls()
        try:
            data, lines = load_mapping(path.read_text(encoding="utf-8"), first_line=1)
        except FrontMatterError as error:
            raise TimelineError("redirects cannot be read", (Problem(str(path), error.line, str(error)),)) from None
        targets = {}
        for old, target in data.items():
            if not _OLD_PATH.fullmatch(old):
                raise TimelineError("redirects cannot be read", (Problem(str(path), lines[old], f"'{old}' is not a page path like 'actors/isis/'"),))
            if not (isinstance(target, dict) and len(target) == 1 and next(iter(target)) in ("actors", "locations")
                    and isinstance(next(iter(target.values())), str)):
                raise TimelineError("redirects cannot be read", (Problem(str(path), lines[old], f"'{old}' must map to 'actors: NAME' or 'locations: NAME'"),))
            [(kind, name)] = target.items()
            targets[old] = (kind, name)
        return cls(targets)

    def with_redirect(self, old_path: str, kind: str, name: str) -> Redirects:
        return Redirects({**self.targets, old_path: (kind, name)})

    def save(self, content: Path) -> None:
        data = {old: {kind: name} for old, (kind, name) in sorted(self.targets.items())}
        text = "# Old page paths and the actor or location page they now lead to (written by timeline merge/rename).\n"
        text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1_000_000)
        write_atomically(content / REDIRECTS_FILE, text.encode("utf-8"))
