"""Chooses among places of the same name by the article's evidence, then the timeline's prior, then population.

The evidence, strongest first: a region or district the article names that holds the place; a country the article names
or implies (demonyms, actors tied to a country); nearness to the other places it names. Then the timeline's prior (the
countries and neighbourhoods of the places already in the registry) and, last, population. Every choice keeps its reasons.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.extract.places import DWARFS, FAMOUS, REGION, SMALL, Place
from generator.registry import Record

NEAR_KM = 150  # a place this close to another the article names is likely the one meant
_CELL = 2.0  # degrees: the neighbourhoods of the timeline's prior


@dataclass(frozen=True)
class Evidence:
    """What one article says about where it is."""

    countries: frozenset[str] = frozenset()  # ISO codes of the countries it names, or of its big cities (never from its dateline)
    implied: frozenset[str] = frozenset()  # ISO codes only its demonyms and actors imply ("Lebanese army", "Houthis")
    units: frozenset[int] = frozenset()  # gazetteer rows of the regions and districts it names
    anchors: tuple[tuple[str, float, float], ...] = ()  # places already placed in it: (name, lat, lon)


@dataclass(frozen=True)
class Prior:
    """The timeline's own places: how many lie in each country (ISO code) and in each neighbourhood."""

    countries: Counter[str] = field(default_factory=Counter)
    cells: Counter[tuple[int, int]] = field(default_factory=Counter)

    def with_places(self, places: Iterable[tuple[str, float | None, float | None]]) -> Prior:
        """The prior with these places (ISO code, lat, lon) added."""
        countries, cells = Counter(self.countries), Counter(self.cells)
        for code, lat, lon in places:
            if code:
                countries[code] += 1
            if lat is not None and lon is not None:
                cells[_cell(lat, lon)] += 1
        return Prior(countries, cells)

    def around(self, lat: float | None, lon: float | None) -> int:
        if lat is None or lon is None:
            return 0
        row, column = _cell(lat, lon)
        return sum(self.cells.get((row + i, column + j), 0) for i in (-1, 0, 1) for j in (-1, 0, 1))


@dataclass(frozen=True)
class Choice:
    """The place chosen for a name and why."""

    place: Place
    score: float
    reasons: tuple[str, ...]
    support: float = 0.0  # the score without population: the article's evidence and the timeline's prior
    article: float = 0.0  # the article's own evidence alone


def prior_of(records: Iterable[Record], codes: dict[str, str]) -> Prior:
    """The prior made from registry places below country level; `codes` maps country names to ISO codes."""
    return Prior().with_places((codes.get(r.country, ""), r.lat, r.lon) for r in records if r.kind != "country" and r.country)


def choose(candidates: Sequence[Place], evidence: Evidence, prior: Prior, names: dict[str, str], trust_small: bool = False) -> Choice | None:
    """The best-supported candidate, or None for a small place that nothing but its population supports.

    `names` maps ISO codes to country names, for the reasons. `trust_small` accepts a small place with no evidence
    (the name says what it is: 'Marib Governorate').
    """
    sizes = sorted((p.population for p in candidates), reverse=True) + [0]
    famous = sizes[0] if sizes[0] >= FAMOUS and sizes[0] >= DWARFS * sizes[1] else -1
    ranked = sorted((score(p, evidence, prior, names, p.population == famous) for p in candidates), key=lambda c: (-c.score, c.place.row))
    one_country = len({c.place.country for c in ranked}) == 1
    return next((c for c in ranked if _acceptable(c, evidence, trust_small or (one_country and c.place.kind == REGION))), None)


def _acceptable(choice: Choice, evidence: Evidence, trust_small: bool) -> bool:
    """A big place always is; a small one needs some support, and never lies outside the countries the article names."""
    place = choice.place
    if trust_small or place.population >= SMALL:
        return True
    if evidence.countries and place.country not in evidence.countries:
        return False
    return choice.support > 0


def score(place: Place, evidence: Evidence, prior: Prior, names: dict[str, str], famous: bool = False) -> Choice:
    """How well the evidence supports `place`, with the reasons; a `famous` place dwarfs its namesakes."""
    points, reasons = 0.0, []
    if famous:
        points += 4
        reasons.append("dwarfs every other place of the name (London, not London in Ontario)")
    country = names.get(place.country, place.country)
    if {place.region, place.district, place.row} & evidence.units:
        points += 8
        reasons.append("lies in a region or district the article names")
    if place.country in evidence.countries:
        points += 4
        reasons.append(f"in {country}, which the article names")
    elif place.country in evidence.implied:
        points += 2.5
        reasons.append(f"in {country}, which the article's actors imply")
    near = [(km(place.lat, place.lon, lat, lon), name) for name, lat, lon in evidence.anchors if place.lat is not None and (lat, lon) != (place.lat, place.lon)]
    if near and (closest := min(near))[0] <= NEAR_KM:
        points += 3
        reasons.append(f"{closest[0]:.0f} km from {closest[1]}, which the article names")
    article = points
    total = sum(prior.countries.values())
    if total and prior.countries.get(place.country):
        points += prior.countries[place.country] / total  # at most 1: less than anything the article itself says
        reasons.append(f"{prior.countries[place.country]} of the timeline's {total} places are in {country}")
    if prior.around(place.lat, place.lon):
        points += 0.5
        reasons.append("the timeline has places nearby")
    support = points
    points += min(math.log10(place.population + 1), 7) / 10  # population last: at most 0.7
    reasons.append(f"population {place.population:,}")
    return Choice(place, round(points, 3), tuple(reasons), support, article)


def km(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float:
    """Great-circle distance in kilometres (infinite when a point is unknown)."""
    if None in (lat1, lon1, lat2, lon2):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // _CELL), int(lon // _CELL)
