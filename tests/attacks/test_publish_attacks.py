"""A site/ that is a link (site -> /var/www/timeline, a common deploy set-up): every build updates the folder
it leads to, made and swapped in beside it, and leaves the link as it is; a link that leads nowhere is
followed where it can be and refused with a clear message where it cannot."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from generator.build import build
from generator.config import load_config
from generator.errors import TimelineError
from tests.conftest import ENTRY, write_entry


@pytest.fixture
def linked(tmp_path):
    """A project whose site/ links to www/timeline, outside it, which holds an older site."""
    project, target = tmp_path / "project", tmp_path / "www/timeline"
    write_entry(project, "2024/2024-03-01-talks.md", ENTRY)
    target.mkdir(parents=True)
    (target / "stale.html").write_text("from an older deploy", encoding="utf-8")
    (project / "site").symlink_to(target, target_is_directory=True)
    return project, target


def leftovers(*folders):
    return [path.name for folder in folders for path in folder.iterdir() if path.name.startswith(".") and ("-new-" in path.name or "-old-" in path.name)]


def test_a_cold_build_fills_the_linked_folder_and_keeps_the_link(linked):
    project, target = linked
    link = os.lstat(project / "site")
    build(load_config(project, search=False))
    assert (project / "site").is_symlink() and os.readlink(project / "site") == str(target)
    assert os.lstat(project / "site").st_ino == link.st_ino  # the very same link
    assert "Talks open in Geneva" in (target / "index.html").read_text(encoding="utf-8")
    assert not (target / "stale.html").exists()  # a cold build leaves only the new site
    assert leftovers(project, target.parent) == []


def test_the_new_site_is_made_beside_the_linked_folder_so_it_is_moved_not_copied(linked, monkeypatch):
    project, target = linked
    made_in = []
    real = tempfile.mkdtemp
    monkeypatch.setattr("generator.write.tempfile.mkdtemp", lambda **kw: made_in.append(kw["dir"]) or real(**kw))
    build(load_config(project, search=False))
    write_entry(project, "2024/2024-03-01-talks.md", ENTRY.replace("Talks open in Geneva", "Talks resume in Vienna"))
    build(load_config(project, search=False))
    assert [os.path.realpath(folder) for folder in made_in] == [str(target.parent)] * 2


def test_an_incremental_build_updates_the_linked_folder_in_place(linked):
    project, target = linked
    build(load_config(project, search=False))
    kept = os.stat(target / "404.html")
    write_entry(project, "2024/2024-03-01-talks.md", ENTRY.replace("Talks open in Geneva", "Talks resume in Vienna"))
    report = build(load_config(project, search=False))
    assert 0 < report.written < report.files
    assert "Talks resume in Vienna" in (target / "entries/2024-03-01-talks/index.html").read_text(encoding="utf-8")
    assert os.stat(target / "404.html").st_mtime_ns == kept.st_mtime_ns  # untouched: a sync sends only what changed
    assert (project / "site").is_symlink() and leftovers(project, target.parent) == []


def test_a_second_cold_build_swaps_the_linked_folder_again_and_keeps_its_permissions(linked):
    project, target = linked
    build(load_config(project, search=False))
    os.chmod(target, 0o750)
    shutil.rmtree(project / ".timeline-cache")
    write_entry(project, "2024/2024-03-01-talks.md", ENTRY.replace("Talks open in Geneva", "Talks resume in Vienna"))
    build(load_config(project, search=False))
    assert "Talks resume in Vienna" in (target / "index.html").read_text(encoding="utf-8")
    assert os.stat(target).st_mode & 0o777 == 0o750
    assert (project / "site").is_symlink() and leftovers(project, target.parent) == []


def test_a_relative_link_is_followed_the_same_way(tmp_path):
    project = tmp_path / "project"
    write_entry(project, "2024/2024-03-01-talks.md", ENTRY)
    (tmp_path / "www").mkdir()
    (project / "site").symlink_to("../www/timeline")
    build(load_config(project, search=False))
    assert os.readlink(project / "site") == "../www/timeline" and (tmp_path / "www/timeline/index.html").is_file()


def test_a_link_to_a_folder_not_made_yet_gets_it_made_by_the_first_build(linked):
    project, target = linked
    shutil.rmtree(target)
    build(load_config(project, search=False))
    assert target.is_dir() and (target / "index.html").is_file() and (project / "site").is_symlink()


def test_a_link_into_a_folder_that_does_not_exist_stops_the_build_saying_what_to_do(linked):
    project, target = linked
    shutil.rmtree(target.parent)  # a disk not mounted, a typo
    with pytest.raises(TimelineError) as caught:
        build(load_config(project, search=False))
    message = str(caught.value)
    assert f"links to {target}, but {target.parent} does not exist" in message and "ln -sfn" in message
    assert not target.parent.exists() and (project / "site").is_symlink()


def test_a_link_in_a_loop_stops_the_build(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    (tmp_path / "site").symlink_to("other")
    (tmp_path / "other").symlink_to("site")
    with pytest.raises(TimelineError, match="a link in a loop"):
        build(load_config(tmp_path, search=False))
    assert os.readlink(tmp_path / "site") == "other"


def test_the_link_an_older_version_swapped_away_is_cleared_and_what_it_leads_to_kept(linked):
    project, target = linked
    (project / ".site-new-abcd1234").symlink_to(target)  # what a cold build used to leave: site/ made a folder, the link moved aside
    build(load_config(project, search=False))
    assert not os.path.lexists(project / ".site-new-abcd1234") and (target / "index.html").is_file()


def test_a_site_that_is_a_file_stops_the_build(tmp_path):
    write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    with pytest.raises(TimelineError, match="is a file, not a folder"):
        build(load_config(tmp_path, search=False))
    assert (tmp_path / "site").read_text(encoding="utf-8") == "not a folder"
