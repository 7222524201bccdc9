"""Faults: builds and ingests killed (SIGKILL) at random moments, several seeds, leave site/ and content/ whole;
the next run finishes the work. A full disk or a read-only site/ gives a clear error and changes nothing."""

from __future__ import annotations

import errno
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks._measure import retitle
from benchmarks.make_corpus import make_corpus
from generator.build import build
from generator.config import load_config
from generator.errors import TimelineError
from generator.load import load_entry
from generator.write import swap
from tests.conftest import SEED, write_entry
from tests.test_links import Links, target


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def killed_after(seconds: float, *args: str) -> None:
    process = run(*args)
    time.sleep(seconds)
    process.kill()
    process.wait()


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in site.rglob("*.html"):
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        for link in links.found:
            path = target(site, page, link)
            if path is not None and not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} → {link}")
    return broken


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """A project of 300 entries and its site, then the same after edits (titles, one entry gone, one new) and its site."""
    before = tmp_path_factory.mktemp("before")
    make_corpus(300, before)
    subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(before), "--no-search"], check=True, stdout=subprocess.DEVNULL)
    after = tmp_path_factory.mktemp("after")
    shutil.copytree(before / "content", after / "content")
    shutil.copy(before / "timeline.toml", after / "timeline.toml")
    entries = sorted((after / "content").rglob("*.md"))
    for entry in entries[::60]:
        retitle(entry, "(edited)")
    entries[7].unlink()
    write_entry(after, "2024/2024-05-05-a-new-entry.md", "---\ntitle: A new entry\ndate: 2024-05-05\nactors: [New Actor]\n---\n\nNew.\n")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(after), "--no-search"], check=True, stdout=subprocess.DEVNULL)
    return before, after, time.perf_counter() - started


@pytest.mark.parametrize("seed", range(6))
def test_a_build_killed_at_any_moment_leaves_every_file_whole_and_the_next_build_finishes(versions, tmp_path, seed):
    before, after, cold_seconds = versions
    old, new = files(before / "site"), files(after / "site")
    root = tmp_path / "project"
    shutil.copytree(before, root, ignore=shutil.ignore_patterns("content"))
    shutil.copytree(after / "content", root / "content")  # the edits are made; site/ and the cache are the old ones
    if seed % 2:
        shutil.rmtree(root / ".timeline-cache")  # a cold build: a fresh site/ is swapped in
    killed_after(random.Random(seed).uniform(0.05, cold_seconds), "build", "--root", str(root), "--no-search")
    now = files(root / "site")
    assert [path for path, data in now.items() if data != old.get(path) and data != new.get(path)] == []  # nothing half-written
    assert set(old) & set(new) <= set(now)  # nothing both versions have is missing
    assert broken_links(root / "site") == []
    subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--no-search"], check=True, stdout=subprocess.DEVNULL)
    assert files(root / "site") == new and not list(root.glob(".site-*"))


def articles(seeds: Path, count: int) -> None:
    """`count` articles: the seed article under other names and dates."""
    text = SEED.read_text(encoding="utf-8")
    for number in range(count):
        (seeds / f"{number:03}_{number:016x}.txt").write_text(text.replace("2023-07-10", f"2023-07-{10 + number:02}", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """Five articles ingested from start to end without trouble, and how long it took."""
    root = tmp_path_factory.mktemp("whole")
    (root / "seeds").mkdir()
    articles(root / "seeds", 5)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "ingest", "--root", str(root)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return files(root / "content"), time.perf_counter() - started


@pytest.mark.parametrize("seed", range(3))
def test_an_ingest_killed_at_any_moment_leaves_no_half_entry_and_resumes(ingested, tmp_path, seed):
    whole, seconds = ingested
    (tmp_path / "seeds").mkdir()
    articles(tmp_path / "seeds", 5)
    killed_after(random.Random(seed).uniform(0.5, seconds), "ingest", "--root", str(tmp_path))
    for path in (tmp_path / "content").rglob("*.md"):
        if not path.name.startswith("."):
            assert not isinstance(load_entry(path, path.name, str(path)), list), path  # every entry there is whole
    subprocess.run([sys.executable, "-m", "generator", "ingest", "--root", str(tmp_path)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    now = files(tmp_path / "content")
    entries = {path: data for path, data in now.items() if path.endswith(".md") and not Path(path).name.startswith(".")}
    assert entries == {path: data for path, data in whole.items() if path.endswith(".md")}


def project(root: Path) -> None:
    write_entry(root, "2024/a.md", "---\ntitle: First\ndate: 2024-01-01\nactors: [Iran]\n---\n\nText.\n")
    write_entry(root, "2024/b.md", "---\ntitle: Second\ndate: 2024-01-02\nactors: [Iran]\n---\n\nText.\n")


@pytest.mark.parametrize("cold", [True, False])
def test_a_full_disk_stops_the_build_with_a_clear_error_and_site_unchanged(tmp_path, monkeypatch, cold):
    project(tmp_path)
    build(load_config(tmp_path, search=False))
    before = files(tmp_path / "site")
    write_entry(tmp_path, "2024/b.md", "---\ntitle: Second, edited\ndate: 2024-01-02\nactors: [Iran]\n---\n\nText.\n")
    if cold:
        shutil.rmtree(tmp_path / ".timeline-cache")
    real_write, written = os.write, []

    def filling(fd, data):  # the disk fills up after three files
        written.append(fd)
        if len(written) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr("generator.write.os", SimpleNamespace(**{**vars(os), "write": filling}))
    with pytest.raises(TimelineError) as caught:
        build(load_config(tmp_path, search=False))
    assert "could not write the site" in str(caught.value) and "No space left on device" in str(caught.value)
    assert "the previous site is unchanged" in str(caught.value)
    assert files(tmp_path / "site") == before and not list(tmp_path.glob(".site-*"))
    monkeypatch.undo()
    build(load_config(tmp_path, search=False))
    assert "Second, edited" in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_a_read_only_site_stops_the_build_with_a_clear_error_and_site_unchanged(tmp_path, monkeypatch):
    project(tmp_path)
    build(load_config(tmp_path, search=False))
    before = files(tmp_path / "site")
    write_entry(tmp_path, "2024/b.md", "---\ntitle: Second, edited\ndate: 2024-01-02\nactors: [Iran]\n---\n\nText.\n")

    def read_only(source, target):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("generator.write.os.replace", read_only)
    with pytest.raises(TimelineError) as caught:
        build(load_config(tmp_path, search=False))
    assert "could not write the site" in str(caught.value) and "Read-only file system" in str(caught.value)
    assert files(tmp_path / "site") == before and not list(tmp_path.glob(".site-*"))


def test_a_fresh_site_takes_the_old_one_s_place_in_one_step(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("old", encoding="utf-8")
    (tmp_path / ".site-new-1").mkdir()
    (tmp_path / ".site-new-1/index.html").write_text("new", encoding="utf-8")
    monkeypatch.setattr(Path, "rename", lambda *args: pytest.fail("two renames leave a moment without site/"))
    swap(tmp_path / ".site-new-1", tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]
