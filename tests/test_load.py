"""Reading content/ into entries, with every problem reported at its line."""

import dataclasses
import datetime
import os

import pytest

from generator.load import FileChanged, load, rescan, scan, with_body
from tests.conftest import ENTRY, write_entry


def test_a_good_entry_loads(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    entries, problems = load(tmp_path / "content", tmp_path)
    assert problems == []
    [entry] = entries
    assert entry.title == "Talks open in Geneva"
    assert entry.date == datetime.date(2024, 3, 1)
    assert entry.actors == ("United Nations", "Iran")
    assert entry.id == "2024-03-01-talks"  # the file name stands in for a missing id
    assert entry.body.startswith("The first round")


def test_an_entry_kept_without_its_body_gets_it_back_from_its_file_with_the_digest_of_the_file_now(tmp_path):
    write_entry(tmp_path, "2024/talks.md", ENTRY)
    [entry], _ = load(tmp_path / "content", tmp_path)
    kept = dataclasses.replace(entry, body="")
    assert with_body(tmp_path / "content", kept, tmp_path) == entry and with_body(tmp_path / "content", kept, tmp_path).body == entry.body
    write_entry(tmp_path, "2024/talks.md", ENTRY.replace("opened", "closed"))  # saved again meanwhile
    again = with_body(tmp_path / "content", kept, tmp_path)
    assert "closed" in again.body and again.digest != entry.digest
    write_entry(tmp_path, "2024/talks.md", ENTRY + "> " * 2000 + "deep\n")  # what load refuses is not made into a page either
    with pytest.raises(FileChanged, match=r"content/2024/talks.md: changed while the site was being built"):
        with_body(tmp_path / "content", kept, tmp_path)
    (tmp_path / "content/2024/talks.md").unlink()
    with pytest.raises(FileChanged, match=r"content/2024/talks.md: removed while the site was being built"):
        with_body(tmp_path / "content", kept, tmp_path)


def test_every_problem_is_reported_with_its_line(tmp_path):
    write_entry(tmp_path, "a.md", "---\ntitle: ''\ndate: 10/07/2023\nactors: Islamic State\nlocatons: [Syria]\n---\n")
    write_entry(tmp_path, "b.md", "---\ntitle: [\n---\n")
    entries, problems = load(tmp_path / "content", tmp_path)
    assert entries == []
    shown = [p.format() for p in problems]
    assert "content/a.md:2: 'title' is missing or empty (every entry needs a title and a date)" in shown
    assert "content/a.md:3: 'date' must be a real date written YYYY-MM-DD, got '10/07/2023'" in shown
    assert any(s.startswith("content/a.md:4: 'actors' must be a list") for s in shown)
    assert "content/a.md:5: unknown key 'locatons' (did you mean 'locations'?)" in shown
    assert any(s.startswith("content/b.md:") and "YAML syntax error" in s for s in shown)


def test_a_missing_date_points_at_the_start(tmp_path):
    write_entry(tmp_path, "a.md", "---\ntitle: Only a title\n---\n")
    _, problems = load(tmp_path / "content", tmp_path)
    assert [p.format() for p in problems] == ["content/a.md:1: 'date' is missing or empty (every entry needs a title and a date)"]


def test_files_that_are_not_utf8_are_reported(tmp_path):
    path = write_entry(tmp_path, "a.md", "")
    path.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    _, problems = load(tmp_path / "content", tmp_path)
    assert "not UTF-8" in problems[0].message


def test_a_scan_brought_up_to_date_with_the_changed_files_is_a_fresh_scan(tmp_path):
    content = tmp_path / "content"
    old = write_entry(tmp_path, "2024/a.md", ENTRY)
    kept = write_entry(tmp_path, "2024/b.md", ENTRY)
    before = scan(content)
    old.unlink()
    new = write_entry(tmp_path, "2025/c.md", ENTRY)
    kept.write_text(ENTRY + "More.\n", encoding="utf-8")
    hidden = write_entry(tmp_path, ".drafts/d.md", ENTRY)
    assert rescan(content, before, [old, new, kept, hidden, tmp_path / "timeline.toml"]) == scan(content)


def test_a_change_that_is_not_an_entry_file_calls_for_a_scan(tmp_path):
    content = tmp_path / "content"
    write_entry(tmp_path, "2024/a.md", ENTRY)
    before = scan(content)
    folder = content / "2025"
    folder.mkdir()
    assert rescan(content, before, [folder]) is None
    (content / "x.md").mkdir()
    assert rescan(content, before, [content / "x.md"]) is None  # a folder named like an entry
    os.symlink(content / "2024", content / "linked")
    assert rescan(content, before, [content / "linked" / "a.md"]) is None  # scan does not follow linked folders
