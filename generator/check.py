"""`timeline check`: every problem in content/, each as path:line: message."""

from __future__ import annotations

from generator.config import Config
from generator.errors import Problem, TimelineError
from generator.load import entry_files, load
from generator.redirects import Redirects
from generator.registry import Registry, load_registry
from generator.validate import alias_clashes, unknown_names, validate


def check(config: Config) -> tuple[int, list[Problem]]:
    """The number of entry files read and every problem found, in file order."""
    entries, problems = load(config.content, display_root=config.root)
    registry = Registry()
    try:
        registry = load_registry(config.content)
        Redirects.load(config.content)
    except TimelineError as error:
        problems += error.problems
    problems += validate(entries) + unknown_names(entries, registry) + alias_clashes(config.content)
    return len(entry_files(config.content)), sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
