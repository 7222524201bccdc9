"""validate: the one pass over what spans files, made here from entries and registry files in memory."""

import datetime
from pathlib import Path

from generator.content_registry import RegistryFiles
from generator.model import Entry
from generator.redirects import Redirects
from generator.registry import Registry
from generator.registry_file import parse_file
from generator.validate import alias_clashes, validate

ROOT = Path("/srv/timeline")


def entry(path: str, id: str = "", actors: tuple[str, ...] = ()) -> Entry:
    return Entry(id=id or Path(path).stem, title="Talks", date=datetime.date(2023, 1, 1), path=path, actors=actors,
                 lines={"id": 2, "actors": 4})


def registry(actors: str, locations: str = "") -> RegistryFiles:
    files = (parse_file(ROOT / "content/actors.yml", actors), parse_file(ROOT / "content/locations.yml", locations))
    return RegistryFiles((), Registry(files[0].records, files[1].records), Redirects(), alias_clashes(files), files)


def test_the_registrys_problems_come_first_then_entries_that_share_an_id_or_a_url():
    found = registry("Hamas:\n  aliases: [IS]\nIslamic State:\n  aliases:\n  - IS\n")
    problems = validate([entry("2023/talks.md", "x1"), entry("2024/talks.md", "x1")], found)
    assert [p.format() for p in problems] == [
        "content/actors.yml:5: 'IS' is claimed by both 'Hamas' and 'Islamic State' (keep it on one record, or merge them with timeline merge)",
        "content/2024/talks.md:2: id 'x1' is already used by content/2023/talks.md (give one of them another id)",
        "content/2024/talks.md: would be published at the same URL as content/2023/talks.md (entries/talks/) (rename one of the files)"]


def test_warnings_are_asked_for_and_name_the_line_of_each_file():
    found = registry("Hamas:\n  kind: armed group\n  wikidata: Q1\n", "Aden:\n  kind: city\n")
    entries = [entry("2023/strike.md", actors=("Hamass",))]
    assert validate(entries, found) == []
    assert [p.format() for p in validate(entries, found, warnings=True)] == [
        "content/2023/strike.md:4: warning: actor 'Hamass' is not in content/actors.yml (did you mean 'Hamas'?)",
        "content/actors.yml:3: warning: 'Hamas' has a key timeline does not read: 'wikidata' "
        "(kept as written; timeline reads kind, aliases, country, region, lat, lon, approximate, description)",
        "content/locations.yml:1: warning: place 'Aden' (city) has no country "
        "(add 'country: NAME' to it, so that the country's page and the timeline's filter find the entries placed there)"]
