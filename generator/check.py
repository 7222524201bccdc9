"""`timeline check`: every problem in content/, each as path:line: message."""

from __future__ import annotations

from generator.config import Config
from generator.content_registry import read_registry
from generator.errors import Problem, TimelineError
from generator.load import entry_files, load
from generator.photos import photo_problems
from generator.taxonomy import taxonomy_problems
from generator.theme import static_files
from generator.validate import validate


def check(config: Config) -> tuple[int, list[Problem]]:
    """The number of entry files read and every problem found, in file order; warnings included."""
    entries, problems = load(config.content, display_root=config.root)
    problems += validate(entries, read_registry(config), warnings=True)
    problems += taxonomy_problems(config.content) + photo_problems(entries, config.content)
    try:
        static_files(config)
    except TimelineError as error:  # what would stop the build there
        problems += error.problems
    return len(entry_files(config.content)), sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
