"""What a build did, for the summary line; and counts in words ("1 entry", "2 entries")."""

from __future__ import annotations

from dataclasses import dataclass

IRREGULAR = {"entry": "entries", "entity": "entities", "country": "countries"}


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and the noun in the number it needs: counted(1, "entry") is '1 entry', counted(2, "entry") '2 entries'."""
    return f"{count} {noun if count == 1 else plural or IRREGULAR.get(noun) or noun + 's'}"


@dataclass(frozen=True)
class BuildReport:
    entries: int
    actors: int
    locations: int
    files: int
    written: int
    removed: int
    seconds: float
    left: int = 0  # data files left for the next build (see incremental.Builds.build's `pages_first`)
    search_seconds: float | None = None  # how long the search index took, if it was made

    def summary(self) -> str:
        removed = f", {self.removed} removed" if self.removed else ""
        search = f"; search index made in {self.search_seconds:.2f} s" if self.search_seconds is not None else ""
        return (f"built {counted(self.files, 'file')} ({self.written} written, {self.files - self.written} unchanged{removed}) "
                f"from {counted(self.entries, 'entry')} ({counted(self.actors, 'actor')}, {counted(self.locations, 'location')}) "
                f"in {self.seconds:.2f} s{search}")
