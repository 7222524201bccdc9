"""What the benchmarks share: finding and compiling `timeline`, entry files and title edits, scoring and the raw-spaCy baseline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc

REPO = Path(__file__).resolve().parent.parent
BASELINE_ACTORS = {"PERSON", "ORG", "NORP"}
BASELINE_LOCATIONS = {"GPE", "LOC", "FAC"}


def timeline_program(given: Path | None = None) -> Path:
    """The `timeline` executable: the one given, else beside this Python, else the project's .venv."""
    if given is not None:
        return given
    beside = Path(sys.executable).parent / "timeline"
    return beside if beside.exists() else REPO / ".venv" / "bin" / "timeline"


def compile_timeline(tree: Path = REPO) -> None:
    """Compiles the generator's modules in `tree` to bytecode, as pip does on install and Python does on first run.

    Where PYTHONDONTWRITEBYTECODE is set (it is on the machine these figures come from), an editable
    install would otherwise compile every module from source at each start: 70 ms that no user pays.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "generator")], check=True)


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


def score(scorer: Path, gold: Path, options: list[str]) -> dict[str, str]:
    """The corpus scorer's 'P=… R=… F1=…' per field."""
    result = subprocess.run([sys.executable, str(scorer), str(gold), *options], capture_output=True, text=True, check=True)
    line = result.stdout.strip().splitlines()[-1]
    figures = {}
    for part in line.split(";"):
        field, _, values = part.strip().partition(" ")
        if field in {"actors", "locations"}:
            figures[field] = values
    return figures


def write_baseline(out: Path, names: Iterable[str], docs: Iterable[Doc]) -> None:
    """Raw spaCy's predictions as the scorer reads them: each article's entity texts by label, no registry."""
    with out.open("w", encoding="utf-8") as lines:
        for name, doc in zip(names, docs):
            actors = list(dict.fromkeys(e.text for e in doc.ents if e.label_ in BASELINE_ACTORS))
            locations = list(dict.fromkeys(e.text for e in doc.ents if e.label_ in BASELINE_LOCATIONS))
            lines.write(json.dumps({"file": name, "actors": actors, "locations": locations}) + "\n")
