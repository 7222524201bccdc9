"""Feeds and data files: follow one actor or place, load the whole timeline into a spreadsheet or a script."""

import csv
import dataclasses
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest

from generator.build import build
from generator.config import load_config
from generator.exports import CSV_COLUMNS, FILE, PAGE, record
from generator.fields import ENTRY_KEYS, IMAGE_KEYS
from generator.model import Entry, Image
from tests.conftest import write_entry

ATOM = "{http://www.w3.org/2005/Atom}"


def entry(title: str, date: str, actors: list[str], places: list[str], summary: str = "What happened.") -> str:
    return (f"---\ntitle: {json.dumps(title)}\ndate: {date}\nsummary: {json.dumps(summary)}\nactors: {json.dumps(actors)}\n"
            f"locations: {json.dumps(places)}\ntags: [talks]\n---\n\nBody.\n")


@pytest.fixture
def site(tmp_path):
    write_entry(tmp_path, "2023/a.md", entry("Talks open", "2023-03-01", ["United Nations", "Iran"], ["Geneva"]))
    write_entry(tmp_path, "2023/b.md", entry("Strike near the river", "2023-07-10", ["Islamic State"], ["Syria"]))
    write_entry(tmp_path, "2024/c.md", entry("Talks resume", "2024-01-05", ["Iran"], ["Geneva"], summary="=HYPERLINK(\"http://x\")"))
    build(load_config(tmp_path, search=False, base_url="https://example.org/timeline/"))
    return tmp_path / "site"


def test_each_actor_and_place_has_a_feed_of_its_own_entries(site):
    feed = ET.parse(site / "actors/iran/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == ["Talks resume", "Talks open"]  # newest first
    assert feed.findtext(f"{ATOM}id") == "https://example.org/timeline/actors/iran/"
    places = ET.parse(site / "locations/syria/feed.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in places.iter(f"{ATOM}entry")] == ["Strike near the river"]


def test_the_page_announces_and_links_its_feed(site):
    html = (site / "actors/iran/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="Iran · Timeline" href="feed.xml">' in html
    assert '<a href="feed.xml">Follow Iran (Atom feed)</a>' in html


def test_each_actor_and_place_has_its_timelinejs_data(site):
    data = json.loads((site / "locations/geneva/timeline.json").read_text(encoding="utf-8"))
    assert [event["text"]["headline"] for event in data["events"]] == ["Talks open", "Talks resume"]
    assert "../../entries/c/index.html" in data["events"][1]["text"]["text"]  # links work beside the place's page
    assert data["title"]["text"]["headline"] == "Geneva · Timeline"


def test_every_entry_is_in_the_json_and_csv_exports(site):
    records = json.loads((site / "entries.json").read_text(encoding="utf-8"))
    assert [r["title"] for r in records] == ["Talks open", "Strike near the river", "Talks resume"]
    assert records[0]["actors"] == ["United Nations", "Iran"] and records[0]["page"] == "entries/a/"
    rows = list(csv.DictReader(io.StringIO((site / "entries.csv").read_text(encoding="utf-8"))))
    assert [row["date"] for row in rows] == ["2023-03-01", "2023-07-10", "2024-01-05"]
    assert rows[0]["actors"] == "United Nations; Iran" and rows[0]["file"] == "content/2023/a.md"


def test_a_csv_cell_that_looks_like_a_formula_is_not_one(site):
    rows = list(csv.DictReader(io.StringIO((site / "entries.csv").read_text(encoding="utf-8"))))
    assert rows[2]["summary"] == "'=HYPERLINK(\"http://x\")"
    assert json.loads((site / "entries.json").read_text(encoding="utf-8"))[2]["summary"] == "=HYPERLINK(\"http://x\")"  # JSON keeps it as written


def test_a_file_moved_to_another_folder_is_named_anew_in_the_exports(site):
    root = site.parent
    (root / "content/2025").mkdir()
    (root / "content/2024/c.md").rename(root / "content/2025/c.md")  # same name, same text: the same page
    build(load_config(root, search=False, base_url="https://example.org/timeline/"))
    records = json.loads((site / "entries.json").read_text(encoding="utf-8"))
    assert records[2]["file"] == "content/2025/c.md"
    assert "content/2025/c.md" in (site / "entries.csv").read_text(encoding="utf-8")


FULL = Entry(id="full-1", title="Talks open", date=datetime.date(2024, 3, 1), path="2024/full.md", published=datetime.date(2024, 3, 3),
             summary="What happened.", actors=("United Nations", "Iran"), locations=("Geneva",), tags=("talks",), source="seeds/x.txt",
             url="https://example.org/a", author="Jane Doe", publisher="Reuters", lang="pt-BR", image=Image("The hall", "AP", "https://example.org/a.jpg"))
BARE = Entry(id="min", title="Minimal", date=datetime.date(2024, 4, 1), path="2024/min.md")


def test_a_record_has_every_column_in_order_dates_as_text_and_lists_as_lists():
    assert list(record(FULL, "entries/full/").items()) == [
        ("id", "full-1"), ("date", "2024-03-01"), ("published", "2024-03-03"), ("title", "Talks open"), ("summary", "What happened."),
        ("actors", ["United Nations", "Iran"]), ("locations", ["Geneva"]), ("tags", ["talks"]), ("source", "seeds/x.txt"),
        ("image_caption", "The hall"), ("image_credit", "AP"), ("page", "entries/full/"), ("file", "content/2024/full.md"),
        ("url", "https://example.org/a"), ("author", "Jane Doe"), ("publisher", "Reuters"), ("lang", "pt-BR"), ("image_src", "https://example.org/a.jpg"),
        ("featured", False)]
    assert CSV_COLUMNS == tuple(record(FULL, "entries/full/"))


def test_what_an_entry_lacks_is_empty_text_an_empty_list_or_false():
    empty = {name: value for name, value in record(BARE, "entries/min/").items() if name not in ("id", "date", "title", "page", "file")}
    assert empty == {name: [] if name in ("actors", "locations", "tags") else False if name == "featured" else "" for name in empty}


def test_a_key_event_is_featured_in_the_record():
    assert record(dataclasses.replace(BARE, featured=True), "entries/min/")["featured"] is True


def test_every_column_has_a_place_of_its_own():
    places = [key.column for key in (*ENTRY_KEYS.values(), *IMAGE_KEYS.values()) if key.column is not None] + [PAGE, FILE]
    assert sorted(places) == list(range(len(CSV_COLUMNS)))
