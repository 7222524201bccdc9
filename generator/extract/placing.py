"""Places one article's place names: the registry's record, else the GeoNames place its evidence supports, else a
place of the article's country at the coordinates of the smallest named place around it (marked approximate)."""

from __future__ import annotations

from dataclasses import replace

from generator.extract.base import countries
from generator.extract.choose import Choice, Evidence, Prior, choose
from generator.extract.context import Context
from generator.extract.entities import Mention
from generator.extract.names import clean_name
from generator.extract.places import CITY, DISTRICT, REGION, SMALL, Place, bare_unit, gazetteer
from generator.registry import Record, Registry, name_key

UNIT_KINDS = (REGION, DISTRICT)
_SIZE = {"site": 0, "place": 0, CITY: 1, DISTRICT: 2, REGION: 3, "country": 4}


class Placer:
    """Chooses one article's places, gathering evidence as it goes: each place placed is an anchor for the next."""

    def __init__(self, registry: Registry, context: Context, mentions: list[Mention], prior: Prior) -> None:
        self.registry, self.prior, self.codes, self.named = registry, prior, context.codes, context.named
        self.hint, self.main = context.currency, context.main  # a country to fall back on; the country named most
        self.anchors: list[tuple[str, float, float]] = []
        self.units = frozenset(named_units(mentions, self.named))
        self.choices: dict[str, Choice] = {}  # canonical name → how it was chosen
        self.written: dict[str, str] = {}  # canonical name → the article's spelling
        self.regions: dict[int, str] = {}  # gazetteer row → the canonical name this article gave the region

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.named, self.codes - self.named, self.units, tuple(self.anchors))

    def place(self, name: str, label: str, known: Record | None) -> Record | None:
        """The record for a place name: the registry's when it has one, else the best-supported GeoNames place."""
        gaz = gazetteer()
        unit = label == "ADMIN"
        if label in {"SITE", "FAC"}:
            return known or Record(name, "site")  # a road, square or building is inside the article's places: never looked up elsewhere
        candidates = unit_candidates(name) if unit else [p for p in gaz.candidates(name) if p.kind in (CITY, REGION)]
        choice = choose(candidates, self.evidence, self.prior, gaz.countries, trust_small=unit) if candidates else None
        if label == "GAZ" and (known is None and (choice is None or not _evident(choice))):
            return None  # a capitalised word after "in" or "near" is a place only when GeoNames and the article agree
        if known is not None and (choice is None or not self._better(choice, known)):
            return self._anchored(known, label)
        if not candidates and not unit and (spelled := gaz.spelled(name, set(self.codes))) is not None:
            choice = Choice(spelled, 0, ("spelled like it",))
        if choice is None:
            kind = "district" if name.endswith(" District") else "region" if unit else "place"
            return None if kind == "place" and (len(name) < 3 or name.islower()) else Record(name, kind)
        record = self._named(gaz.record(choice.place, name), name)
        self.choices[record.name] = choice
        self.written[record.name] = name
        if choice.place.kind == REGION:
            self.regions[choice.place.row] = record.name
        return self._anchored(record, label)

    def finish(self, records: dict[str, Record], first: dict[str, int], datelines: set[str]) -> dict[str, Record]:
        """Every place given its country, and coordinates (approximate) from the smallest named place around it."""
        home = self._home(records, datelines)
        records = {n: self._regioned(self._doubted(r, home)) for n, r in records.items()}
        done = dict(records)
        for name, record in records.items():
            if record.kind in {"country", "former state"} or record.lat is not None:
                continue  # a country, or a place already where it is (the Middle East, a continent, a sea, a city)
            around = self._around(record, first[name], records, first, record.country or home)
            country = record.country or home or (around.country if around else "")
            lat, lon = (around.lat, around.lon) if around else self._centre(country)
            region = record.region or (around.region or (around.name if around.kind == REGION else "") if around else "")
            done[name] = replace(record, country=country, region=region, lat=record.lat if record.lat is not None else lat,
                                 lon=record.lon if record.lon is not None else lon,
                                 approximate=record.approximate or (record.lat is None and lat is not None))
        return done

    def _better(self, choice: Choice, known: Record) -> bool:
        """True when the evidence clearly puts the name in another country than the registry's record does."""
        state = countries()
        return bool(known.country and known.kind not in {"country", "former state"} and state.codes.get(known.country) not in self.codes
                    and choice.place.country in self.codes)

    def _anchored(self, record: Record, label: str = "") -> Record:
        """The record, kept as evidence for the article's next places unless a dateline named it."""
        if record.lat is not None and record.lon is not None and record.kind not in {"country", "former state"} and label != "DATELINE":
            self.anchors.append((record.name, record.lat, record.lon))
        return record

    def _named(self, record: Record, written: str) -> Record:
        """The record under the registry's name for it, and its region under the registry's name for that."""
        for alias in record.names():
            existing = self.registry.location(alias)
            if existing and existing.country == record.country and existing.kind not in {"country", "former state"}:
                known = {name_key(n) for n in existing.names()}
                return existing if name_key(written) in known else replace(existing, aliases=existing.aliases + (written,))
        region = self.registry.location(record.region) if record.region else None
        if region and region.country == record.country:
            record = replace(record, region=region.name)
        if (other := self.registry.location(record.name)) and other.country != record.country:
            record = replace(record, name=f"{record.name} ({record.country})")  # Tripoli (Libya), beside Lebanon's Tripoli
        return record

    def _home(self, records: dict[str, Record], datelines: set[str]) -> str:
        """The article's country: the one it names, else the one it names most, else that of its best-placed place (the
        biggest, when it names none), else the one its actors imply, else a fallback."""
        state, names = countries(), gazetteer().countries
        if len(self.named) == 1:
            return names.get(next(iter(self.named)), "")
        if self.main and state.codes.get(self.main) in self.named:
            return self.main
        chosen = [n for n in self.choices if n in records and n not in datelines and records[n].country]
        if chosen and not self.named:
            return records[max(chosen, key=lambda n: (self.choices[n].support >= 3, self.choices[n].place.population))].country
        found = [r.country or (r.name if r.kind == "country" else "") for n, r in records.items() if n not in datelines]
        found = [c for c in found if c and (not self.named or state.codes.get(c) in self.named)]
        if found:
            return found[0]
        return names.get(next(iter(self.codes)), "") if len(self.codes) == 1 else self._fallback()

    def _fallback(self) -> str:
        """With no place of the article's own: its local currency's country, else the country holding most of the timeline."""
        names = gazetteer().countries
        if self.hint:
            return names.get(self.hint, "")
        total = sum(self.prior.countries.values())
        top = self.prior.countries.most_common(1)
        return names.get(top[0][0], "") if top and 2 * top[0][1] > total else ""

    def _regioned(self, record: Record) -> Record:
        """The record, its region under the name this article gave that region."""
        choice = self.choices.get(record.name)
        region = self.regions.get(choice.place.region) if choice else None
        return replace(record, region=region) if region and region != record.region else record

    def _doubted(self, record: Record, home: str) -> Record:
        """A small place that only the timeline's prior put in a country other than the article's: a place of the article's."""
        choice = self.choices.get(record.name)
        if choice is None or not home or record.country == home or choice.place.population >= SMALL:
            return record
        if any("the article" in reason for reason in choice.reasons):
            return record
        written = self.written.get(record.name, record.name)
        code = countries().codes.get(home, "")
        at_home = [p for p in gazetteer().candidates(written) if p.country == code and p.kind in (CITY, REGION)]
        return gazetteer().record(at_home[0], written) if at_home else Record(written, "place")

    def _around(self, record: Record, at: int, records: dict[str, Record], first: dict[str, int], country: str) -> Record | None:
        """The smallest named place with coordinates around `record`: the one right after it in the text ('X in Y',
        'X (Y, Z)'), else the smallest region or district of its country that the article names."""
        around = [r for n, r in records.items() if r.lat is not None and r.kind in {CITY, DISTRICT, REGION} and r.name != record.name
                  and (not country or r.country == country) and _SIZE.get(r.kind, 0) > _SIZE.get(record.kind, 0)]
        after = sorted((first[r.name] - at, _SIZE[r.kind], r.name) for r in around if 0 < first[r.name] - at < 120)
        if after:
            return records[after[0][2]]
        units = [r for r in around if r.kind in {DISTRICT, REGION}] if country else []
        cities = [r for r in around if r.kind == CITY] if country and record.kind == "site" else []
        if not units and len(cities) == 1:
            return cities[0]  # a prison, a square: in the one city the article names
        return min(units, key=lambda r: (_SIZE[r.kind], first[r.name]), default=None)

    def _centre(self, country: str) -> tuple[float | None, float | None]:
        code = countries().codes.get(country)
        centre = gazetteer().centre(code) if code else None
        return centre if centre else (None, None)


def _evident(choice: Choice) -> bool:
    """True when the article itself supports the place (its country, a region, a place nearby), or it is big."""
    return choice.place.population >= SMALL or choice.article >= 2.5


def unit_candidates(name: str) -> list[Place]:
    """The regions or districts 'X Governorate', 'X Province' or 'X District' can mean."""
    gaz = gazetteer()
    kinds = (DISTRICT,) if name.endswith(" District") else (REGION,) if name.endswith((" Governorate", " Province", " Region")) else UNIT_KINDS
    bare = bare_unit(name)
    spellings = (name, bare) if bare != name else (name, *(f"{name} {word}" for word in ("Governorate", "Province", "Region", "District")))
    found = {p.row: p for n in dict.fromkeys(spellings) for p in gaz.candidates(n) if p.kind in kinds}  # "(Sanaa)": Sanaa Governorate
    return list(found.values())


def named_units(mentions: list[Mention], codes: frozenset[str]) -> set[int]:
    """Gazetteer rows of the regions and districts the article names: with the unit's word anywhere ('Marib Governorate',
    '(Mahliyah, Marib)'), a bare region's name ('Idlib') only in the article's countries, or, when it names none, if
    no other country has a place of that name."""
    gaz, rows = gazetteer(), set()
    for m in mentions:
        name = clean_name(m.text).text
        if m.label == "ADMIN":
            rows |= {p.row for p in unit_candidates(name) if not codes or p.country in codes}
        elif m.label in {"GPE", "LOC"} and (found := gaz.candidates(name)):
            unique = len({p.country for p in found}) == 1  # "Valencia, Carabobo": a region no other country has
            rows |= {p.row for p in found if p.kind == REGION and (p.country in codes if codes else unique)}
    return rows


__all__ = ["Placer", "Place"]
