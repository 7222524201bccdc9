"""Writing the site: only files whose bytes changed, swapped or moved into site/ whole, and never a path outside it."""

import os
from pathlib import Path

import pytest

from generator.contexts import Page
from generator.errors import TimelineError
from generator.write import Manifest, WriteReport, check_paths, inside, publish, stage, staging_folder

OLD_TIME = 1_000_000_000_000_000_000  # 2001, in nanoseconds: long before any file the test writes


def pages(texts: dict[str, str]) -> list[Page]:
    """Pages made: each one's text by its path in the site."""
    return [Page(path, f"key of {text}", text.encode()) for path, text in texts.items()]


def files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text() for p in sorted(site.rglob("*")) if p.is_file()}


def write(site: Path, made: list[Page], previous: Manifest | None = None) -> WriteReport:
    """What a build does with the pages it made: stages those that changed, then publishes them."""
    with staging_folder(site) as staging:
        staged = stage(made, staging, previous or {})
        return publish(staged, staging, site, previous, [page.path for page in made])


def test_stage_writes_only_the_pages_whose_bytes_differ_from_the_current_site(tmp_path):
    first = stage(pages({"index.html": "Home", "entries/a/index.html": "Talks"}), tmp_path / "first", {})
    assert first.written == ["index.html", "entries/a/index.html"]
    second = stage(pages({"index.html": "Home", "entries/a/index.html": "Talks, retitled"}), tmp_path / "second", first.manifest)
    assert second.written == ["entries/a/index.html"] and files(tmp_path / "second") == {"entries/a/index.html": "Talks, retitled"}
    assert second.manifest["index.html"] == first.manifest["index.html"]  # recorded as it is in site/


def test_with_no_previous_site_the_staged_folder_becomes_the_site(tmp_path):
    report = write(tmp_path / "site", pages({"index.html": "Home", "entries/a/index.html": "Talks"}))
    assert files(tmp_path / "site") == {"index.html": "Home", "entries/a/index.html": "Talks"}
    assert report.written == 2 and sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging folder left beside it


def test_a_site_folder_without_a_manifest_is_replaced_whole(tmp_path):
    (tmp_path / "site/old").mkdir(parents=True)
    (tmp_path / "site/old/stray.html").write_text("made by hand")
    write(tmp_path / "site", pages({"index.html": "Home"}))
    assert files(tmp_path / "site") == {"index.html": "Home"}


def test_with_a_previous_site_only_changed_files_are_replaced_and_stale_ones_removed(tmp_path):
    site = tmp_path / "site"
    first = write(site, pages({"index.html": "Home", "entries/a/index.html": "Talks", "entries/b/index.html": "Strike"}))
    os.utime(site / "index.html", ns=(OLD_TIME, OLD_TIME))
    report = write(site, pages({"index.html": "Home", "entries/a/index.html": "Talks, retitled", "entries/c/index.html": "Ceasefire"}), first.manifest)
    assert files(site) == {"index.html": "Home", "entries/a/index.html": "Talks, retitled", "entries/c/index.html": "Ceasefire"}
    assert (site / "index.html").stat().st_mtime_ns == OLD_TIME  # not touched
    assert not (site / "entries/b").exists()  # the stale page's folder goes with it
    assert (report.written, report.removed) == (2, 1)


@pytest.mark.parametrize("path", ["../x", "entries/../../x", "/etc/passwd", "entries\\..\\x", "a\x00b", ""])
def test_inside_refuses_any_path_that_could_leave_the_folder(tmp_path, path):
    with pytest.raises(ValueError, match="refusing to write outside the site folder"):
        inside(tmp_path, path)


def test_inside_gives_the_file_under_the_folder(tmp_path):
    assert inside(tmp_path, "entries/a/index.html") == tmp_path / "entries" / "a" / "index.html"


def test_two_pages_at_one_path_are_refused_before_anything_is_written():
    check_paths(["index.html", "entries/a/index.html"])
    with pytest.raises(TimelineError, match=r"two pages would be written to site/entries/a/index\.html"):
        check_paths(["index.html", "entries/a/index.html", "feed.xml", "entries/a/index.html"])
