"""Turns one article's mentions into canonical actors and places, through the registry and gazetteer."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.extract.base import countries
from generator.extract.context import Context, article_context
from generator.extract.coref import defined_acronym, full_person, registry_person, shortens, written_in_full
from generator.extract.entities import Mention
from generator.extract.forces import code_generic
from generator.extract.generic import GENERIC
from generator.extract.kinds import is_common_noun, names_company, names_portfolio, names_thing
from generator.extract.choose import Prior
from generator.extract.names import Name, clean_name, credited, is_noise
from generator.extract.patterns import dateline_spans, inside_patterns, pattern_mentions
from generator.extract.places import SMALL, gazetteer
from generator.extract.placing import Placer
from generator.extract.spans import (DIRECTIONS, country_prefix, government_of, is_media_or_agreement, is_organisation_name,
                                     ministry, names_broadcaster, names_no_place, names_site, place_name, reads_as_place)
from generator.extract.states import ATTRIBUTES, acts, agentive, speaks_for_government
from generator.extract.tally import Resolved, Tally, with_aliases
from generator.extract.text_actors import text_actors
from generator.registry import Record, Registry, name_key

PLACE_LABELS = {"GPE", "LOC", "FAC", "DATELINE", "ADMIN", "SITE", "GAZ"}
STATES = {"state", "former state"}


def resolve(text: str, excluded: set[str], entities: list[Mention], registry: Registry, prior: Prior | None = None) -> Resolved:
    """Canonical actors and places for the entities and patterns of one article's text; `prior` is the timeline's."""
    entities = [e for e in entities if not credited(e.text, excluded)]
    context = article_context(text, entities, registry, dateline_spans(text))
    patterns = list(pattern_mentions(text, entities, context.admin1))
    mentions = sorted([e for e in entities if not inside_patterns(e, patterns)] + patterns, key=lambda m: m.start)
    article = _Article(text, excluded, registry, context, mentions, Placer(registry, context, mentions, prior or Prior()))
    for m in mentions:
        article.read(m)
    places = article.places
    last = {name for name, count in article.datelines.items() if places.count[name] == count}
    places.records = article.placer.finish(places.records, places.first, last)  # before the patterns: forces take the places' country
    article.read_patterns()
    return Resolved(article.actors.ordered(len(text)), places.ordered(len(text), last))


class _Article:
    """The actors and places of one article, as its mentions are read in order."""

    def __init__(self, text: str, excluded: set[str], registry: Registry, context: Context, mentions: list[Mention], placer: Placer) -> None:
        self.text, self.excluded, self.registry, self.context, self.placer = text, excluded, registry, context, placer
        self.datelines: dict[str, int] = {}  # how often datelines name a place: one only they name is listed last
        self.dateline_spans = dateline_spans(text)
        self.actors, self.places = Tally(), Tally()
        self.people = [clean_name(m.text, person=True).text for m in mentions if m.label == "PERSON"]
        self.acronyms = {name_key(short): clean_name(m.text).text for m in mentions if m.label == "ORG" and (short := defined_acronym(text, m.end))}
        self.orgs = [clean_name(m.text).text for m in mentions if m.label == "ORG" and not m.text.isupper()]
        self.place_keys = self._place_senses(mentions)
        self.generic = code_generic(mentions, registry, context)  # forces and crowds named without a name

    def _place_senses(self, mentions: list[Mention]) -> set[str]:
        """Names that are places in this article, by a vote of their mentions: one sense per article."""
        votes: dict[str, int] = {}
        for m in mentions:
            key = name_key(clean_name(m.text).text)
            if m.label in {"PERSON", "ORG"}:
                votes[key] = votes.get(key, 0) + (2 if reads_as_place(self.text, m) else -1)
            elif m.label in PLACE_LABELS:
                known = self.registry.location(m.text) or gazetteer().find(m.text, fuzzy=False)
                votes[key] = votes.get(key, 0) + (2 if known or m.label not in {"GPE", "LOC", "FAC"} else 1)
        return {key for key, vote in votes.items() if vote > 0}

    def read(self, m: Mention) -> None:
        """Adds what one mention names."""
        if m.label == GENERIC:
            self._generic(m)
            return
        shouted = m.text.isupper() and len(m.text) > 3
        name = clean_name(m.text.title() if shouted else m.text, person=m.label == "PERSON")
        written, key = name.text, name_key(name.text)
        if not written or re.fullmatch(r"(?:pro|anti)-\w+", written, re.IGNORECASE):
            return  # nothing left, or a side, which is a pattern mention of its own
        if shouted and not (self._organisation(written) or self.registry.location(written) or full_person(written, self.people) != written
                            or gazetteer().find(written, fuzzy=False)):
            return  # headlines in capitals: only names that the body or the registry confirm
        if m.label == "ORG" and is_media_or_agreement(self.text, m, written):
            return
        placed = reads_as_place(self.text, m) or (key in self.place_keys and not is_organisation_name(written))
        if m.label in {"PERSON", "ORG"} and placed and not self._organisation(written) and full_person(written, self.people) == written:
            m = Mention(m.text, "GPE", m.start, m.end)
        elif m.label in {"GPE", "LOC"} and key not in self.place_keys and any(key == name_key(o) for o in self.orgs):
            m = Mention(m.text, "ORG", m.start, m.end)  # "Pertamina" is an organisation elsewhere in the article
        if m.label in {"ORG", "GPE"} and not self.registry.location(written) and (split := country_prefix(written, self.registry)):
            self._country_attribute(m, *split)
        elif m.label in PLACE_LABELS:
            self._place_mention(m, written, key)
        elif m.label == "NORP":
            self._group(m, written, key)
        elif m.label == "SIDE":
            self._side(m, written, key)
        elif m.label == "PERSON":
            self._person(m, name, key)
        elif m.label == "ORG":
            self._organisation_mention(m, written, key)

    def read_patterns(self) -> None:
        """States that whole-text patterns make actors: a 'regime', 'U.S.-Japan talks'; forces known by the places."""
        self._generic_by_places()
        for name, kind, start in text_actors(self.text, self.context.country, self.registry):
            self.actor(name, kind, start)

    def actor(self, name: str, kind: str, start: int, aliases: tuple[str, ...] = ()) -> None:
        """Adds an actor under its registry name, unless it is noise, a credit or a news agency."""
        if not name or is_noise(name) or name.casefold() in self.excluded:
            return
        known = self.registry.actor(name) or next((r for a in aliases if (r := self.registry.actor(a))), None)
        if known and known.kind == "news agency":
            return
        self.actors.add(with_aliases(known, aliases) if known else Record(name, kind, aliases), start)

    def _country_attribute(self, m: Mention, country: Record, rest: str) -> None:
        """'U.S. Military', 'U.K. Economy': the country is named; it acts unless the word is a mere attribute."""
        self.places.add(country, m.start)
        if rest.casefold() not in ATTRIBUTES and (agentive(" " + rest, 0) or acts(self.text, m.start, m.end)):
            self.actor(country.name, "state", m.start)

    def _place_mention(self, m: Mention, written: str, key: str) -> None:
        state = countries()
        if names_broadcaster(self.text, m) or names_no_place(self.text, m) or key in state.demonyms or key in DIRECTIONS:
            return  # "Tehran radio", "US dollar", "Louvre Accord", "Kuwaiti waters", "East and West": no place named
        if m.label == "GPE" and key in state.capitals and speaks_for_government(self.text, m.start, m.end):
            self.actor(state.capitals[key], "state", m.start)  # "Washington said": the government, not the city
            return
        name = place_name(written)
        known = self.registry.location(name)
        if known is None and (organisation := self._organisation(name)):
            self.actor(organisation.name, organisation.kind, m.start)  # EC, GATT: organisations are never places
            return
        if (record := self._place(name, m.label, known)) is not None:
            self.places.add(record, m.start)
            if any(start <= m.start < end for start, end in self.dateline_spans):  # "CAMBRIDGE, Mass.,"
                self.datelines[record.name] = self.datelines.get(record.name, 0) + 1
            if record.kind in {"country", "former state"} and acts(self.text, m.start, m.end):
                self.actor(record.name, "state", m.start)

    def _group(self, m: Mention, written: str, key: str) -> None:
        """Nationalities and groups: an actor only as a registered group or a state's agents."""
        known = self.registry.actor(written)
        demonym = countries().demonyms.get(key)
        if known and known.kind not in STATES | {"news agency"}:
            self.actor(known.name, known.kind, m.start)  # "Houthi forces"
        elif demonym and agentive(self.text, m.end):
            self.actor(demonym, "state", m.start)  # "Russian planes"
        elif known and known.kind in STATES and written.endswith("s"):
            self.actor(known.name, "state", m.start)  # "the Soviets have not indicated"
        elif not known and not demonym and (city := gazetteer().find(written, self.context.codes)) and city.population >= SMALL:
            if (record := self._place(written, "GPE", self.registry.location(written))) is not None:
                self.places.add(record, m.start)  # the model took a city for a nationality

    def _generic(self, m: Mention) -> None:
        """A force or crowd named without a name ('Israeli forces', 'protesters'), and the state its words say commands it."""
        for coded in self.generic.coded.get((m.start, m.end), ()):
            if coded.state:
                self.actor(coded.state, "state", m.start)
            known = self.registry.actor(coded.record.name)
            self.actors.add(with_aliases(known, coded.record.aliases) if known else coded.record, m.start)

    def _generic_by_places(self) -> None:
        """Forces and crowds in an article whose names tell no country but whose places all lie in one."""
        named = {r.name if r.kind in STATES else r.country for r in self.places.records.values()} - {""}
        if self.context.codes or len(named) != 1 or (code := countries().codes.get(country := named.pop())) is None:
            return  # an article about several countries, or none
        late = code_generic(self.generic.uncoded(), self.registry, replace(self.context, codes=frozenset({code}), country=country))
        self.generic = replace(self.generic, coded=self.generic.coded | late.coded)
        for start, end in late.coded:
            self._generic(Mention("", GENERIC, start, end))

    def _side(self, m: Mention, written: str, key: str) -> None:
        """The object of 'pro-X' or 'anti-X', when the registry or the article names it in full ('pro-Hadi forces' are
        Yemen's forces; Hadi is an actor too once the registry knows Abdrabbuh Mansur Hadi, alias Hadi)."""
        if (known := self.registry.actor(written)) is not None:
            self.actor(known.name, known.kind, m.start)
        elif (demonym := countries().demonyms.get(key)) is not None:
            self.actor(demonym, "state", m.start)
        elif (fuller := full_person(written, self.people)) != written:
            self.actor(fuller, "person", m.start)  # the article names the person in full
        # else a bare name: 'pro-Hadi forces' are the forces, and a surname alone is no actor

    def _person(self, m: Mention, name: Name, key: str) -> None:
        """A person, unless the article shows the name is a company, a place, a thing or a common noun."""
        if key in self.acronyms or self._organisation(name.text) or names_company(self.text, name.text):
            self.actor(self.acronyms.get(key, name.text), "organisation", m.start)  # "the national oil company, Petronas"
        elif (known := self.registry.location(name.text)) and len(name.text.split()) > 1:
            self.places.add(known, m.start)
        elif (place := self._article_place(key)) is not None:
            self.places.add(place, m.start)  # "on Maaret Alia and Saraqab fronts": a place the article names
        elif not self.registry.actor(name.text) and (names_thing(self.text, name.text) or is_common_noun(self.text, name.text)):
            return  # "the Reshadat rigs", "a martyr"
        else:
            self.actor(self._full_person(name.text), "person", m.start, name.aliases)

    def _full_person(self, name: str) -> str:
        """The fullest name of a person: in the article, with the compound given names it writes, else the registry's one of that surname."""
        if (fuller := full_person(name, self.people)) != name or (fuller := written_in_full(self.text, name)) != name:
            return fuller
        return registry_person(name, self.registry) or name

    def _article_place(self, key: str) -> Record | None:
        """The place of the article that goes by this name, if the article has already named it."""
        return next((r for r in self.places.records.values() if key in {name_key(n) for n in r.names()}), None)

    def _organisation_mention(self, m: Mention, written: str, key: str) -> None:
        if body := ministry(written, self.context.main):
            self.actor(body, "government body", m.start, (f"{self.context.main} {written}",))
        elif (who := government_of(written)) and (demonym := countries().demonyms.get(name_key(who))):
            self.actor(demonym, "state", m.start)  # "Turkish Government"
        elif names_site(written):
            self.places.add(self._place(place_name(written), "SITE", None) or Record(written, "site"), m.start)
        elif names_portfolio(self.text, m.start) or not self.registry.actor(written) and (names_thing(self.text, written) or is_common_noun(self.text, written)):
            return  # "Vice-President for Upstream Sector", "Louvre cooperation" where the Louvre accord is meant, "a martyr"
        elif key in self.acronyms:
            self.actor(self.acronyms[key], "organisation", m.start, (written,))
        elif (longer := next((o for o in self.orgs if o != written and shortens(written, o)), None)) and not self.registry.actor(written):
            self.actor(longer, "organisation", m.start, (written,))  # "Centcom", "Barclay's" for Barclays de Zoete Wedd
        elif len(written.split()) == 1 and (fuller := full_person(written, self.people)) != written:
            self.actor(fuller, "person", m.start)  # "Kurilla" taken for an organisation
        elif (known := self.registry.location(written)) and not self.registry.actor(written):
            self.places.add(known, m.start)
        else:
            short = defined_acronym(self.text, m.end)
            self.actor(written, "organisation", m.start, ((short,) if short else ()) + clean_name(m.text).aliases)  # "(Keidanren"

    def _place(self, name: str, label: str, known: Record | None) -> Record | None:
        """The registry's place, else the GeoNames place the article's evidence supports, else a new place."""
        if label == "DATELINE":
            if (city := gazetteer().find(name, self.context.codes)) and city.population >= SMALL:
                known = None  # a dateline names a city: LUXEMBOURG is Luxembourg City
        return self.placer.place(name, label, known)

    def _organisation(self, name: str) -> Record | None:
        """A registered actor other than a state: a person's name that is also a capital ('Douglas') is no state."""
        known = self.registry.actor(name)
        return known if known and known.kind not in STATES else None
