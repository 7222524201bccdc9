"""One article's canonical names as its mentions are read: where each is first seen, how often, in what order."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.registry import Record, name_key


@dataclass(frozen=True)
class Resolved:
    """One article's canonical actors and places, most important first, with their records."""

    actors: tuple[Record, ...]
    locations: tuple[Record, ...]


@dataclass
class Tally:
    """Where each canonical name is first seen and how often."""

    records: dict[str, Record] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)
    count: dict[str, int] = field(default_factory=dict)

    def add(self, record: Record, start: int) -> None:
        old = self.records.get(record.name)
        self.records[record.name] = with_aliases(old, record.aliases) if old else record
        self.first[record.name] = min(self.first.get(record.name, start), start)
        self.count[record.name] = self.count.get(record.name, 0) + 1

    def ordered(self, length: int, last: set[str] = frozenset()) -> tuple[Record, ...]:  # type: ignore[assignment]
        """By first mention, pulled forward by frequency; the names in `last` (a dateline's place) at the end."""
        weight = {n: self.first[n] / max(length, 1) - 0.08 * min(self.count[n] - 1, 5) for n in self.records}
        return tuple(self.records[n] for n in sorted(self.records, key=lambda n: (n in last, weight[n], n)))


def with_aliases(record: Record, aliases: tuple[str, ...]) -> Record:
    """The record with the names it did not have yet added as aliases."""
    known = {name_key(n) for n in record.names()}
    extra = tuple(a for a in dict.fromkeys(aliases) if a and name_key(a) not in known)
    return replace(record, aliases=record.aliases + extra) if extra else record
