"""What build.py and serve.py share: finding `timeline`, listing entry files, and editing a title as an editor saves it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def timeline_program(given: Path | None = None) -> Path:
    """The `timeline` executable: the one given, else beside this Python, else the project's .venv."""
    if given is not None:
        return given
    beside = Path(sys.executable).parent / "timeline"
    return beside if beside.exists() else REPO / ".venv" / "bin" / "timeline"


def compile_timeline() -> None:
    """Compiles the generator's modules to bytecode, as pip does on install and Python does on first run.

    Where PYTHONDONTWRITEBYTECODE is set (it is on the machine these figures come from), an editable
    install would otherwise compile every module from source at each start: 70 ms that no user pays.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")], check=True)


def entry_files(root: Path) -> list[Path]:
    """Every entry file under root/content, in path order."""
    return sorted(path for path in (root / "content").rglob("*.md") if not path.name.startswith("."))


def retitle(path: Path, marker: str) -> None:
    """Appends `marker` to the entry's title, writing a temporary file and renaming it over the entry, as editors do."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    title = yaml.safe_load(lines[at])["title"]
    lines[at] = yaml.safe_dump({"title": f"{title} {marker}"}, allow_unicode=True, width=1_000_000).rstrip("\n")
    replace(path, "\n".join(lines).encode("utf-8"))


def replace(path: Path, data: bytes) -> None:
    """Writes `data` to a hidden file beside `path`, then renames it over `path` (one atomic change)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
