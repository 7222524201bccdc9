"""What a build did, for the summary line."""

from __future__ import annotations

from dataclasses import dataclass


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
        return (f"built {self.files} files ({self.written} written, {self.files - self.written} unchanged{removed}) from {self.entries} entries "
                f"({self.actors} actors, {self.locations} locations) in {self.seconds:.2f} s{search}")
