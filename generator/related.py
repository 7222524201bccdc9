"""What an entry's page points to besides itself: the events just before and after it, and the events that share its actors and places."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from heapq import nsmallest
from dataclasses import dataclass, field

from generator import spellings
from generator.index import sort_key
from generator.model import Entry, Term, Timeline

RELATED = 5  # events listed as related on an entry's page
# Per actor or place, only the entries this near in date order are candidates: a name thousands of entries share
# then costs an entry 2 * WINDOW looks, not thousands, and related events for 10,000 entries are not quadratic.
WINDOW = 8


@dataclass(frozen=True)
class Neighbours:
    """Every entry's previous, next and related events, by its place in the timeline. A term's entries are indexed the
    first time an entry naming it is asked about: a serve rebuild asks about a few entries, and indexes a few terms."""

    timeline: Timeline
    at: dict[str, int] = field(init=False)  # entry path -> its place in timeline.entries
    days: list[int] = field(init=False)  # each entry's date as a day number, by its place
    terms: tuple[dict[str, Term], dict[str, Term]] = field(init=False)  # actors, then locations, by every spelling entries use
    places: dict[tuple[str, str], tuple[int, ...]] = field(init=False, default_factory=dict)  # (kind, term name) -> its entries' places

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", {e.path: i for i, e in enumerate(self.timeline.entries)})
        object.__setattr__(self, "days", [e.date.toordinal() for e in self.timeline.entries])
        object.__setattr__(self, "terms", (spellings.by_spelling(self.timeline.actors), spellings.by_spelling(self.timeline.locations)))
        object.__setattr__(self, "places", {})

    def _places(self, kind: str, term: Term) -> tuple[int, ...]:
        """The places of the term's entries in the timeline, oldest first (as term.entries are)."""
        key = (kind, term.name)
        if key not in self.places:
            self.places[key] = tuple(self.at[e.path] for e in term.entries)
        return self.places[key]

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
        seen = set()
        for kind, names, terms in (("actors", entry.actors, self.terms[0]), ("locations", entry.locations, self.terms[1])):
            for name in names:
                term = terms.get(name)
                if term is None or (kind, term.name) in seen:
                    continue
                seen.add((kind, term.name))
                places = self._places(kind, term)
                i = bisect_left(places, me)
                if i < len(places) and places[i] == me:  # named there, not only within (a country's cities)
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
