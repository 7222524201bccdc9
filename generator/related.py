"""What an entry's page points to besides itself: the events just before and after it, and the events that share its actors and places."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from heapq import nsmallest
from dataclasses import dataclass, field

from generator.index import sort_key
from generator.model import Entry, Timeline

RELATED = 5  # events listed as related on an entry's page
# Per actor or place, only the entries this near in date order are candidates: a name thousands of entries share
# then costs an entry 2 * WINDOW looks, not thousands, and related events for 10,000 entries are not quadratic.
WINDOW = 8


@dataclass(frozen=True)
class Neighbours:
    """Every entry's previous, next and related events, by its place in the timeline (index entries by term once, ask per entry)."""

    timeline: Timeline
    at: dict[str, int] = field(init=False)  # entry path -> its place in timeline.entries
    named: dict[str, list[tuple[tuple[int, ...], int]]] = field(init=False)  # entry path -> per term it names: the term's entries (places), its own place there
    days: list[int] = field(init=False)  # each entry's date as a day number, by its place

    def __post_init__(self) -> None:
        at = {e.path: i for i, e in enumerate(self.timeline.entries)}
        named: dict[str, list[tuple[tuple[int, ...], int]]] = {}
        for term in (*self.timeline.actors, *self.timeline.locations):
            places = tuple(at[e.path] for e in term.entries)  # oldest first, as the timeline is
            for i, entry in enumerate(term.entries):
                named.setdefault(entry.path, []).append((places, i))
        object.__setattr__(self, "at", at)
        object.__setattr__(self, "named", named)
        object.__setattr__(self, "days", [e.date.toordinal() for e in self.timeline.entries])

    def previous(self, entry: Entry) -> Entry | None:
        """The event just before it in time."""
        i = self.at[entry.path]
        return self.timeline.entries[i - 1] if i > 0 else None

    def next(self, entry: Entry) -> Entry | None:
        """The event just after it in time."""
        i = self.at[entry.path]
        return self.timeline.entries[i + 1] if i + 1 < len(self.timeline.entries) else None

    def related(self, entry: Entry) -> tuple[Entry, ...]:
        """Up to RELATED events that share its actors and places: those sharing most first, then the nearest in date."""
        me = self.at[entry.path]
        shared: Counter[int] = Counter()
        for places, i in self.named.get(entry.path, ()):
            shared.update(places[max(0, i - WINDOW):i + WINDOW + 1])
        shared.pop(me, None)
        days, day = self.days, self.days[me]
        best = nsmallest(RELATED, [(-n, abs(days[j] - day), j) for j, n in shared.items()])
        return tuple(self.timeline.entries[j] for _, _, j in best)


def around(entries: tuple[Entry, ...], moments: Iterable[tuple[object, ...]], reach: int = 1) -> set[str]:
    """The paths of the entries within `reach` of where each of these moments falls (sort keys of entries as they are and as
    they were): with reach 1, those whose previous or next event is or was such an entry; with WINDOW + 1 in a term's entries,
    those whose related events could have it among their candidates."""
    order = [sort_key(e) for e in entries]
    paths = set()
    for moment in moments:
        at = bisect_left(order, moment)  # type: ignore[arg-type]
        paths |= {entries[i].path for i in range(max(0, at - reach), min(len(entries), at + reach + 1))}
    return paths
