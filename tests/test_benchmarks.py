"""benchmarks/: the synthetic corpus is deterministic, has awkward names, and is valid timeline content."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks._measure import entry_files, retitle
from benchmarks.make_corpus import make_corpus
from generator.cli import main
from generator.frontmatter import parse


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root by its relative path."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def names(root: Path) -> list[str]:
    """Every actor and location named in the corpus's entries."""
    found = []
    for path in entry_files(root):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        found += meta["actors"] + meta["locations"]
    return found


def test_the_same_size_and_seed_give_a_byte_identical_corpus(tmp_path: Path) -> None:
    make_corpus(30, tmp_path / "first")
    make_corpus(30, tmp_path / "second")
    assert tree(tmp_path / "first") == tree(tmp_path / "second")
    assert len(entry_files(tmp_path / "first")) == 30


def test_another_seed_gives_another_corpus(tmp_path: Path) -> None:
    make_corpus(30, tmp_path / "first", seed=1)
    make_corpus(30, tmp_path / "second", seed=2)
    assert tree(tmp_path / "first") != tree(tmp_path / "second")


def test_names_include_diacritics_and_apostrophes(tmp_path: Path) -> None:
    make_corpus(30, tmp_path)
    found = names(tmp_path)
    assert any(not name.isascii() for name in found)
    assert any("'" in name for name in found)


def test_timeline_check_accepts_the_corpus(tmp_path: Path) -> None:
    make_corpus(30, tmp_path)
    assert main(["check", "--root", str(tmp_path)]) == 0


def test_retitle_changes_only_the_title_and_keeps_the_file_valid(tmp_path: Path) -> None:
    make_corpus(30, tmp_path)
    entry = entry_files(tmp_path)[0]
    before = parse(entry.read_text(encoding="utf-8"))
    retitle(entry, "bench-edit-1")
    after = parse(entry.read_text(encoding="utf-8"))
    assert after.meta == {**before.meta, "title": before.meta["title"] + " bench-edit-1"}
    assert after.body == before.body
    assert [path.name for path in entry.parent.iterdir() if path.name.startswith(".")] == []
