"""`timeline check`: every problem in content/, each as path:line: message."""

from __future__ import annotations

from generator.build import gather
from generator.config import Config
from generator.errors import Problem, TimelineError
from generator.load import entry_files
from generator.registry_file import unknown_keys
from generator.taxonomy import taxonomy_problems
from generator.theme import static_files
from generator.validate import alias_names, countryless_places, unknown_names


def check(config: Config) -> tuple[int, list[Problem]]:
    """The number of entry files read and every problem found, in file order; warnings included."""
    entries, registry, problems = gather(config)
    problems += unknown_names(entries, registry.registry) + alias_names(entries, registry.registry) + unknown_keys(config.content)
    problems += countryless_places(config.content)
    problems += taxonomy_problems(config.content)
    try:
        static_files(config)
    except TimelineError as error:  # what would stop the build there
        problems += error.problems
    return len(entry_files(config.content)), sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
