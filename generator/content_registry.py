"""The registry (content/actors.yml, content/locations.yml), the redirects of renamed terms and the eras (content/eras.yml), as read from their files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.eras import ERAS_FILE, Era, read_eras
from generator.errors import Problem, TimelineError
from generator.redirects import REDIRECTS_FILE, Redirects
from generator.registry import ACTORS_FILE, LOCATIONS_FILE, Registry
from generator.registry_file import RegistryFile, read_registry_files
from generator.state import BuildState
from generator.validate import alias_clashes


@dataclass(frozen=True)
class RegistryFiles:
    """The registry, redirects and eras, with the problems found in their files, and the files' stamps."""

    stamps: tuple[tuple[int, int], ...]
    registry: Registry
    redirects: Redirects
    problems: list[Problem]  # what keeps the files from being read, and names two records claim
    files: tuple[RegistryFile, ...] = ()  # the registry files read, with their lines (none when taken from the build cache)
    eras: tuple[Era, ...] = ()  # content/eras.yml's, oldest first


def read_registry(config: Config, previous: RegistryFiles | None = None) -> RegistryFiles:
    """The registry files, read again only if one of them changed since `previous`."""
    stamps = registry_stamps(config)
    if previous is not None and previous.stamps == stamps:
        return previous
    found = read_registry_files(config.content)
    files = tuple(file for file in found if isinstance(file, RegistryFile))
    problems = [problem for error in found if isinstance(error, TimelineError) for problem in error.problems]
    registry, redirects = Registry(), Redirects()
    if not problems:  # else a build stops at them: the redirects and the names two records claim wait till both files read
        registry = Registry(*(file.records for file in files))
        try:
            redirects = Redirects.load(config.content)
        except TimelineError as error:
            problems += error.problems
        problems += alias_clashes(files)
    eras, wrong = read_eras(config.content)
    return RegistryFiles(stamps, registry, redirects, problems + wrong, files, eras)


def cached_registry(config: Config, state: BuildState) -> RegistryFiles | None:
    """The registry as the build cache has it, if its files have not changed since (reading YAML is slow)."""
    stamps = registry_stamps(config)
    if not state.registry or state.registry_stamps != [list(stamp) for stamp in stamps]:
        return None
    try:
        redirects = Redirects.load(config.content)
    except TimelineError:
        return None
    eras, wrong = read_eras(config.content)  # a few lines: read again rather than kept
    if wrong:
        return None
    actors = {name: record for (file, name), record in state.registry.items() if file == ACTORS_FILE}
    locations = {name: record for (file, name), record in state.registry.items() if file == LOCATIONS_FILE}
    return RegistryFiles(stamps, Registry(actors, locations), redirects, [], eras=eras)


def registry_stamps(config: Config) -> tuple[tuple[int, int], ...]:
    return tuple(_stamp(config.content / name) for name in (ACTORS_FILE, LOCATIONS_FILE, REDIRECTS_FILE, ERAS_FILE))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size
    except OSError:
        return 0, -1
