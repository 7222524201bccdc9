"""`timeline init`: a new project, with an example article, commented settings, a .gitignore and a README."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem, TimelineError

EXAMPLE = Path(__file__).resolve().parent / "data" / "example"
# shipped file → where it goes in the project (a `.gitignore` inside the package would be read as ignore rules)
FILES = (
    ("seeds/example.txt", "seeds/example.txt"),
    ("timeline.toml", "timeline.toml"),
    ("gitignore", ".gitignore"),
    ("README.md", "README.md"),
)


def init(folder: Path) -> list[Path]:
    """Writes the new project's files into `folder` (made if missing) and returns them; refuses if any is there already."""
    if folder.exists() and not folder.is_dir():
        raise TimelineError(f"{folder}: not a folder")
    taken = [Problem(str(folder / target), None, "already exists") for _, target in FILES if (folder / target).exists()]
    if taken:
        raise TimelineError("nothing was written: timeline init never overwrites a file (move these away, or init another folder)", tuple(taken))
    made = []
    for source, target in FILES:
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as file:  # "x": a file that appeared since the check above is refused, not overwritten
            file.write((EXAMPLE / source).read_bytes())
        made.append(path)
    return made
