"""What ingest wrote: per entry, its path and a hash, so that hand edits can be told apart."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.files import write_atomically
from generator.load import entry_files

LOG_FILE = ".ingested.json"
_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([^'\"\n#]+?)['\"]?[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Written:
    """One entry as ingest last wrote it."""

    path: str
    sha256: str


@dataclass
class IngestLog:
    """The record kept in content/.ingested.json, committed with the content."""

    entries: dict[str, Written] = field(default_factory=dict)

    @classmethod
    def load(cls, content: Path) -> IngestLog:
        path = content / LOG_FILE
        if not path.is_file():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls({id_: Written(r["path"], r["sha256"]) for id_, r in data["entries"].items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            # an unreadable log only costs us knowing what is untouched: every entry is then kept
            return cls()

    def written(self, id_: str) -> Written | None:
        return self.entries.get(id_)

    def record(self, id_: str, path: str, sha256: str) -> None:
        self.entries[id_] = Written(path, sha256)

    def save(self, content: Path) -> None:
        data = {"version": 1, "entries": {id_: {"path": w.path, "sha256": w.sha256} for id_, w in sorted(self.entries.items())}}
        write_atomically(content / LOG_FILE, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def entry_ids(content: Path) -> dict[str, str]:
    """Maps each entry's id (or file stem) to its path under content/, as the files are now."""
    ids: dict[str, str] = {}
    for path in entry_files(content):
        relative = path.relative_to(content).as_posix()
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="replace")
        front = head.split("\n---", 1)[0]
        match = _ID_LINE.search(front)
        ids.setdefault(match.group(1).strip() if match else path.stem, relative)
    return ids
