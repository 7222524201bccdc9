"""What ingest wrote: per entry, its path, a hash and the article file it came from, so that hand edits can be told apart
and finished articles skipped."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.files import write_atomically
from generator.load import entry_files
from generator.registry import ACTORS_FILE, LOCATIONS_FILE
from generator.taxonomy import PROJECT_FILE as TAGS_FILE, SHIPPED as SHIPPED_KINDS

LOG_FILE = ".ingested.json"
_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([^'\"\n#]+?)['\"]?[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Written:
    """One entry as ingest last wrote it, and the article file it wrote it from."""

    path: str
    sha256: str
    source: str = ""  # the article file (or URL) as the entry's `source` names it
    source_sha256: str = ""  # a hash of that file's bytes: the same bytes again need no extraction
    story: str = ""  # a hash of the article's text: the same story from another input is a duplicate


@dataclass
class IngestLog:
    """The record kept in content/.ingested.json, committed with the content."""

    entries: dict[str, Written] = field(default_factory=dict)
    stamp: str = ""  # `stamp()` when ingest last saved: while it holds, a finished article would come out the same
    _sources: dict[str, str] = field(init=False, repr=False)  # source -> the id last written from it

    def __post_init__(self) -> None:
        self._sources = {written.source: id_ for id_, written in self.entries.items()}

    @classmethod
    def load(cls, content: Path) -> IngestLog:
        path = content / LOG_FILE
        if not path.is_file():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = {id_: Written(r["path"], r["sha256"], r.get("source", ""), r.get("source_sha256", ""), r.get("story", ""))
                       for id_, r in data["entries"].items()}
            return cls(entries, data.get("stamp", ""))
        except (ValueError, KeyError, TypeError, AttributeError):
            # an unreadable log only costs us knowing what is untouched: every entry is then kept
            return cls()

    def written(self, id_: str) -> Written | None:
        return self.entries.get(id_)

    def made_from(self, source: str, source_sha256: str) -> str | None:
        """The id of the entry ingest last wrote from this very input, byte for byte, if it did."""
        id_ = self._sources.get(source)
        return id_ if id_ is not None and self.entries[id_].source_sha256 == source_sha256 else None

    def record(self, id_: str, path: str, sha256: str, source: str = "", source_sha256: str = "", story: str = "") -> None:
        self.entries[id_] = Written(path, sha256, source, source_sha256, story)
        self._sources[source] = id_

    def save(self, content: Path) -> None:
        entries = {id_: {"path": w.path, "sha256": w.sha256, "source": w.source, "source_sha256": w.source_sha256, "story": w.story}
                   for id_, w in sorted(self.entries.items())}
        data = {"version": 2, "stamp": self.stamp, "entries": entries}
        write_atomically(content / LOG_FILE, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def stamp(content: Path, model: str) -> str:
    """A hash of what decides an entry besides its article: the spaCy model, timeline's version, the registry files and the kinds of event."""
    digest = hashlib.sha256(f"{model}\n{__version__}\n".encode("utf-8"))
    for path in (content / ACTORS_FILE, content / LOCATIONS_FILE, content / TAGS_FILE, SHIPPED_KINDS):
        digest.update(hashlib.sha256(path.read_bytes() if path.is_file() else b"").digest())
    return digest.hexdigest()


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
