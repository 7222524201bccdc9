"""Updating an index for a few changed entries gives the index a full indexing gives, or declines."""

import dataclasses
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.index import index
from generator.model import Entry
from generator.registry import Record, Registry
from generator.reindex import reindex
from generator.cache_store import STORE_FILE, CacheStore
from generator.saved_index import read_index, write_index
from generator.state import CACHE_DIR

ACTORS = ["Iran", "Islamic State", "Hamas", "United Nations"]
PLACES = ["Geneva", "Syria", "Deir ez-Zor", "Deir ez Zor", "Raqqa", "Damascus", "Switzerland"]
REGISTRY = Registry(locations={
    "Syria": Record("Syria", "country"),
    "Switzerland": Record("Switzerland", "country"),
    "Deir ez-Zor": Record("Deir ez-Zor", "city", country="Syria"),
    "Raqqa": Record("Raqqa", "city", country="Syria"),
    "Damascus": Record("Damascus", "city", country="Syria"),
    "Geneva": Record("Geneva", "city", country="Switzerland"),
})

DATES = st.sampled_from([datetime.date(2023, 1, 5), datetime.date(2023, 1, 6), datetime.date(2024, 2, 1)])
TITLES = st.sampled_from(["Talks", "Strike", "talks", "Vote"])
fields = st.fixed_dictionaries({
    "date": DATES,
    "title": TITLES,
    "actors": st.lists(st.sampled_from(ACTORS), max_size=3, unique=True).map(tuple),
    "locations": st.lists(st.sampled_from(PLACES), max_size=3, unique=True).map(tuple),
    "tags": st.lists(st.sampled_from(["talks", "war"]), max_size=2, unique=True).map(tuple),
})


def entries_from(values: list[dict]) -> list[Entry]:
    return [Entry(id=f"e{n}", path=f"{n:02}.md", **value) for n, value in enumerate(values)]


@settings(max_examples=300, deadline=None)
@given(st.lists(fields, min_size=1, max_size=12), st.data())
def test_an_updated_index_is_the_index_of_the_new_entries(values, data):
    entries = entries_from(values)
    previous = index(entries, REGISTRY)
    changed = data.draw(st.sets(st.integers(0, len(entries) - 1), min_size=1, max_size=3))
    edited = [dataclasses.replace(e, **data.draw(fields)) if n in changed else e for n, e in enumerate(entries)]
    updated = reindex(previous, edited, REGISTRY)
    assert updated is None or updated == index(edited, REGISTRY)


@settings(max_examples=200, deadline=None)
@given(st.lists(fields, min_size=1, max_size=12), st.data())
def test_an_entry_given_another_title_or_day_is_always_followed(values, data):
    entries = entries_from(values)
    previous = index(entries, REGISTRY)
    n = data.draw(st.integers(0, len(entries) - 1))
    edited = [dataclasses.replace(e, title=data.draw(TITLES), date=data.draw(DATES)) if i == n else e for i, e in enumerate(entries)]
    updated = reindex(previous, edited, REGISTRY)
    assert updated is not None and updated == index(edited, REGISTRY)  # no new name, no file moved: nothing to decline


def test_a_retitled_entry_is_moved_in_place():
    entries = entries_from([
        {"date": datetime.date(2023, 1, 5), "title": "Talks", "actors": ("Iran",), "locations": ("Geneva",), "tags": ()},
        {"date": datetime.date(2023, 1, 5), "title": "Strike", "actors": ("Hamas", "Iran"), "locations": ("Raqqa",), "tags": ("war",)},
    ])
    edited = [entries[0], dataclasses.replace(entries[1], title="Vote")]  # now after "Talks" on the same day
    updated = reindex(index(entries, REGISTRY), edited, REGISTRY)
    assert updated is not None and updated == index(edited, REGISTRY)
    assert [e.title for e in updated.entries] == ["Talks", "Vote"]


def test_changes_it_cannot_follow_are_declined():
    entries = entries_from([{"date": datetime.date(2023, 1, 5), "title": "Talks", "actors": ("Iran",), "locations": (), "tags": ()}])
    previous = index(entries, REGISTRY)
    assert reindex(previous, [dataclasses.replace(entries[0], actors=("Hamas",))], REGISTRY) is None  # a new name
    assert reindex(previous, [dataclasses.replace(entries[0], path="moved.md")], REGISTRY) is None  # a file renamed
    assert reindex(previous, entries, REGISTRY) is previous  # nothing changed


STAMPS = [[1, 2], [3, 4], [0, -1]]  # of the registry files an index was made with


@settings(max_examples=100, deadline=None)
@given(st.lists(fields, min_size=1, max_size=12), st.data())
def test_the_index_kept_in_the_build_cache_reads_back_as_it_was_after_any_edit(tmp_path_factory, values, data):
    root = CacheStore(tmp_path_factory.mktemp("project") / "cache.sqlite")
    entries = [dataclasses.replace(e, digest=f"file {n}") for n, e in enumerate(entries_from(values))]
    timeline = index(entries, REGISTRY)
    saved = write_index(root, timeline, STAMPS)
    found = read_index(root, {e.path: ((0, 0, 0), e) for e in entries}, REGISTRY, STAMPS)
    assert found is not None and found.timeline == timeline
    changed = data.draw(st.sets(st.integers(0, len(entries) - 1), min_size=1, max_size=3))
    edited = [dataclasses.replace(e, **data.draw(fields), digest=f"edited {n}") if n in changed else e for n, e in enumerate(entries)]
    updated = reindex(timeline, edited, REGISTRY) or index(edited, REGISTRY, previous=timeline)
    write_index(root, updated, STAMPS, saved)  # the rows of terms the edit left alone are those written before
    known = {e.path: ((0, 0, 0), e) for e in edited}
    found = read_index(root, known, REGISTRY, STAMPS)
    assert found is not None and found.timeline == index(edited, REGISTRY)
    assert read_index(root, known, REGISTRY, [[9, 9], *STAMPS[1:]]) is None  # a registry file changed since
    assert read_index(root, {e.path: ((0, 0, 0), e) for e in entries}, REGISTRY, STAMPS) is None  # entries not those it was made of


def test_a_cached_index_that_points_at_no_entry_is_not_used(tmp_path):
    entries = [dataclasses.replace(e, digest=f"file {n}") for n, e in enumerate(entries_from([
        {"date": datetime.date(2023, 1, 5), "title": "Talks", "actors": ("Iran",), "locations": ("Geneva",), "tags": ()},
        {"date": datetime.date(2023, 1, 6), "title": "Strike", "actors": ("Iran",), "locations": (), "tags": ()},
    ]))]
    store = CacheStore(tmp_path / CACHE_DIR / STORE_FILE)
    write_index(store, index(entries, REGISTRY), STAMPS)
    known = {e.path: ((0, 0, 0), e) for e in entries}
    good = store.chunks("index.json")[0].decode()
    for damaged in (good.replace('"order":[0,1]', '"order":[0,7]'), good.replace('"order":[0,1]', '"order":[0,0]'),
                    good.replace('"order":[0,1]', '"order":"all"'), good[: len(good) // 2]):
        assert damaged != good
        store.replace_chunks("index.json", [damaged.encode()])  # with a checksum that matches: what msgspec and read_index refuse
        assert read_index(store, known, REGISTRY, STAMPS) is None
