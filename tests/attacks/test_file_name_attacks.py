"""File names that are not UTF-8, or hold control characters: `check` reports them with the path shown
safely and a hint, `build` stops on the same problem, and nothing printed can fail to encode."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.config import load_config
from generator.display import printable
from generator.errors import TimelineError
from generator.load import load
from tests.conftest import ENTRY, write_entry


def write_named(folder: Path, name: bytes, text: str = ENTRY) -> None:
    """Writes an entry file whose name is these bytes, as a zip from an old Windows tool may leave it."""
    os.makedirs(os.fsencode(folder), exist_ok=True)
    with open(os.path.join(os.fsencode(folder), name), "w", encoding="utf-8") as file:
        file.write(text)


def timeline(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Runs the command with an output that refuses what is not UTF-8, as a terminal set to UTF-8 does."""
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})


def test_check_reports_a_file_name_that_is_not_utf8_with_its_bytes_escaped_and_a_name_to_give_it(tmp_path):
    write_named(tmp_path / "content/2023", b"caf\xe9.md")
    write_entry(tmp_path, "2023/2023-01-01-fine.md", ENTRY)
    result = timeline("check", "--root", str(tmp_path))
    assert result.returncode == 1, result.stderr
    assert b"content/2023/caf\\xe9.md: the file name is not UTF-8 (rename it: read as Latin-1, it is 'caf\xc3\xa9.md')" in result.stdout
    assert b"1 error," in result.stderr and b"Traceback" not in result.stderr


def test_build_stops_on_the_same_problem_and_leaves_no_site(tmp_path):
    write_named(tmp_path / "content/2023", b"caf\xe9.md")
    result = timeline("build", "--no-search", "--root", str(tmp_path))
    assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr
    assert b"content/2023/caf\\xe9.md: the file name is not UTF-8" in result.stderr + result.stdout
    assert not (tmp_path / "site").exists()


def test_a_folder_name_that_is_not_utf8_is_named_as_the_folder(tmp_path):
    write_named(tmp_path / os.fsdecode(b"content/d\xe9j\xe0"), b"2023-01-01-talks.md")
    with pytest.raises(TimelineError) as caught:
        build(load_config(tmp_path, search=False))
    assert "content/d\\xe9j\\xe0/2023-01-01-talks.md: the name of the folder 'd\\xe9j\\xe0' is not UTF-8" in caught.value.format_message()


def test_once_renamed_the_entry_builds(tmp_path):
    write_named(tmp_path / "content/2023", b"caf\xe9.md")
    os.rename(os.fsencode(tmp_path / "content/2023") + b"/caf\xe9.md", tmp_path / "content/2023/café.md")
    build(load_config(tmp_path, search=False))
    assert (tmp_path / "site/entries/cafe/index.html").is_file()


def test_a_file_name_with_a_line_break_is_shown_on_one_line(tmp_path):
    write_entry(tmp_path, "2023/a\nb.md", "---\ntitle: [\n---\n")
    _, problems = load(tmp_path / "content", display_root=tmp_path)
    assert [p.format().split(":")[0] for p in problems] == ["content/2023/a\\nb.md"]


def test_printable_keeps_any_valid_name_as_it_is_and_escapes_the_rest():
    assert printable("content/2023/Genève talks.md") == "content/2023/Genève talks.md"
    assert printable(os.fsdecode(b"caf\xe9.md")) == "caf\\xe9.md"
    assert printable("tab\there\u202e") == "tab\\there\\u202e"


NAMES = st.binary(min_size=1, max_size=60).filter(lambda name: b"/" not in name and b"\0" not in name and not name.startswith(b"."))


@settings(max_examples=60, deadline=None)
@given(NAMES)
def test_any_file_name_is_an_entry_or_a_problem_that_prints(name):
    with tempfile.TemporaryDirectory() as folder:
        write_named(Path(folder) / "content", name + b".md", ENTRY)
        entries, problems = load(Path(folder) / "content", display_root=Path(folder))
        assert len(entries) + len(problems) == 1
        for problem in problems:
            problem.format().encode("utf-8")  # nothing a terminal set to UTF-8 refuses
            assert problem.format().isprintable()


def test_a_static_file_whose_name_is_not_utf8_is_a_check_error_and_stops_the_build(tmp_path):
    write_entry(tmp_path, "2023/2023-01-01-fine.md", ENTRY)
    write_named(tmp_path / "templates/static", b"caf\xe9.css", "body {}")
    checked = timeline("check", "--root", str(tmp_path))
    assert checked.returncode == 1 and b"templates/static/caf\\xe9.css: the file name is not UTF-8 (rename it)" in checked.stdout
    built = timeline("build", "--root", str(tmp_path), "--no-search")
    assert built.returncode == 1 and b"caf\\xe9.css" in built.stderr and not (tmp_path / "site").exists()
