"""index(): entries in date order, and the actors, locations and tags that list them, with what the registry knows."""

import datetime

from generator.index import index
from generator.model import Entry
from generator.registry import Record, Registry


def entry(path: str, date: str, title: str = "Talks", actors: tuple[str, ...] = ()) -> Entry:
    return Entry(id=path, title=title, date=datetime.date.fromisoformat(date), path=path, actors=actors)


def test_entries_come_out_oldest_first_whatever_order_they_go_in():
    timeline = index([entry("c.md", "2024-02-01"), entry("a.md", "2022-05-01"), entry("b.md", "2023-01-09")])
    assert [e.path for e in timeline.entries] == ["a.md", "b.md", "c.md"]
    assert timeline.years == (2022, 2023, 2024)


def test_entries_of_one_day_are_in_title_order():
    timeline = index([entry("a.md", "2024-01-01", "Strike"), entry("b.md", "2024-01-01", "ceasefire")])
    assert [e.title for e in timeline.entries] == ["ceasefire", "Strike"]  # case does not count


def test_a_term_lists_its_entries_oldest_first():
    timeline = index([entry("new.md", "2024-06-01", actors=("Iran",)), entry("old.md", "2020-01-01", actors=("Iran",)),
                      entry("mid.md", "2022-03-01", actors=("Iran", "Iraq"))])
    iran, iraq = timeline.actors
    assert [e.path for e in iran.entries] == ["old.md", "mid.md", "new.md"]
    assert [e.path for e in iraq.entries] == ["mid.md"]


def test_an_actor_named_by_an_alias_is_listed_under_the_registry_s_name():
    registry = Registry(actors={"Islamic State": Record("Islamic State", "armed group", aliases=("ISIS", "Daesh"))})
    timeline = index([entry("a.md", "2023-07-10", actors=("ISIS",)), entry("b.md", "2023-08-01", actors=("Islamic State",))], registry)
    [term] = timeline.actors
    assert (term.name, term.slug, term.spellings) == ("Islamic State", "islamic-state", ("ISIS",))
    assert term.record is not None and term.record.kind == "armed group"
    assert [e.path for e in term.entries] == ["a.md", "b.md"]


def test_names_that_slugify_alike_get_distinct_slugs_and_the_first_keeps_the_plain_one():
    timeline = index([entry(f"{n}.md", "2024-01-01", actors=(name,)) for n, name in enumerate(["Hamás", "Hamas", "HAMAS"])])
    slugs = {term.name: term.slug for term in timeline.actors}
    assert slugs["HAMAS"] == "hamas"  # first in sorted order
    assert len(set(slugs.values())) == 3 and all(slug.startswith("hamas-") for name, slug in slugs.items() if name != "HAMAS")

