"""The entry's fields declared once, on Entry: which are front-matter keys, of what kind, how an entry is written, and what the loader fills in."""

import datetime
from dataclasses import fields

from generator.fields import ENTRY_KEYS, IMAGE_KEYS, front_matter, of_kind
from generator.load import load_entry
from generator.model import Entry, Image
from tests.conftest import ENTRY, write_entry


def test_every_field_of_entry_is_a_key_or_marked_as_none():
    assert all("key" in field.metadata for field in fields(Entry))
    assert [name for name in (field.name for field in fields(Entry)) if name not in ENTRY_KEYS] == ["path", "body", "lines", "digest"]


def test_the_keys_are_in_the_order_an_entry_file_has_them():
    assert list(ENTRY_KEYS) == ["id", "title", "date", "published", "summary", "actors", "locations", "tags", "source",
                                "url", "author", "publisher", "lang", "image", "featured"]
    assert list(IMAGE_KEYS) == ["caption", "credit", "src"]
    assert of_kind("names") == ("actors", "locations", "tags") and of_kind("date") == ("date", "published")


def test_every_key_says_in_one_line_what_it_holds():
    assert all(key.about and "\n" not in key.about for key in (*ENTRY_KEYS.values(), *IMAGE_KEYS.values()))


def test_the_loader_keeps_the_body_which_makes_no_difference_to_the_entry(tmp_path):
    path = write_entry(tmp_path, "2024/talks.md", ENTRY)
    entry = load_entry(path, "2024/talks.md", "content/2024/talks.md")
    assert isinstance(entry, Entry) and entry.body.startswith("The first round") and entry.body.endswith("\n")
    path.write_text(ENTRY.replace("The first round", "The second round"), encoding="utf-8")
    again = load_entry(path, "2024/talks.md", "content/2024/talks.md")
    assert again == entry and "body" not in repr(entry)


def test_an_entry_is_written_as_the_keys_it_has_and_those_always_written():
    entry = Entry(id="x1", title="Talks", date=datetime.date(2024, 3, 1), path="2024/talks.md", actors=("Iran",), url="https://example.org/a",
                  image=Image("The hall"))
    assert front_matter(entry) == {"id": "x1", "title": "Talks", "date": datetime.date(2024, 3, 1), "summary": "", "actors": ["Iran"],
                                   "locations": [], "tags": [], "source": "", "url": "https://example.org/a",
                                   "image": {"caption": "The hall", "credit": ""}}
    assert list(front_matter(entry)) == [name for name in ENTRY_KEYS if name in front_matter(entry)]



def test_a_key_event_is_featured_true_and_written_back_so(tmp_path):
    path = write_entry(tmp_path, "2024/talks.md", ENTRY.replace("---\n\n", "featured: true\n---\n\n", 1))
    entry = load_entry(path, "2024/talks.md", "content/2024/talks.md")
    assert isinstance(entry, Entry) and entry.featured is True and front_matter(entry)["featured"] is True
    assert "featured" not in front_matter(Entry(id="x", title="T", date=datetime.date(2024, 1, 1), path="x.md"))  # false: left out


def test_featured_is_true_or_false_and_nothing_else(tmp_path):
    path = write_entry(tmp_path, "2024/talks.md", ENTRY.replace("---\n\n", "featured: maybe\n---\n\n", 1))
    [problem] = load_entry(path, "2024/talks.md", "content/2024/talks.md")  # type: ignore[misc]
    assert "'featured' must be true or false, got 'maybe'" in str(problem)
