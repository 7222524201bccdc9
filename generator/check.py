"""`timeline check`: every problem in content/, each as path:line: message."""

from __future__ import annotations

from generator.config import Config
from generator.errors import Problem
from generator.load import entry_files, load
from generator.validate import validate


def check(config: Config) -> tuple[int, list[Problem]]:
    """The number of entries read and every problem found, in file order."""
    entries, problems = load(config.content, display_root=config.root)
    problems += validate(entries, config)
    return len(entry_files(config.content)), sorted(problems, key=lambda p: (p.path, p.line or 0))
