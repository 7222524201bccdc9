"""The build: content/ ─load─▶ entries ─index─▶ Timeline ─render─▶ pages ─write─▶ site/."""

from __future__ import annotations

import os
import time
import traceback

import jinja2
from dataclasses import dataclass

from generator.config import Config
from generator.errors import Problem, TimelineError
from generator.index import index
from generator.load import load
from generator.model import Entry, Timeline
from generator.redirects import Redirects
from generator.registry import Registry, load_registry
from generator.render import default_theme, render
from generator.validate import alias_clashes, validate
from generator.write import write_site


PARALLEL_FROM = 500  # entries; below this, a second process costs more than it saves


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the summary line."""

    entries: int
    actors: int
    locations: int
    files: int
    seconds: float

    def summary(self) -> str:
        return (f"built {self.files} files from {self.entries} entries "
                f"({self.actors} actors, {self.locations} locations) in {self.seconds:.2f} s")


def build(config: Config) -> BuildReport:
    """Builds the site; raises TimelineError listing every problem and leaves site/ untouched."""
    started = time.perf_counter()
    timeline, redirects = read_content(config)
    workers = min(os.cpu_count() or 1, 4) if len(timeline.entries) >= PARALLEL_FROM else 1
    try:
        files = write_site(lambda part, parts: render(timeline, config, redirects, part, parts),
                           [default_theme() / "static", config.templates / "static"], config.site, workers)
    except jinja2.TemplateError as error:
        raise TimelineError(f"{_template_place(error)}: template error: {error.message}; site/ was not changed") from None
    return BuildReport(len(timeline.entries), len(timeline.actors), len(timeline.locations), files, time.perf_counter() - started)


def _template_place(error: jinja2.TemplateError) -> str:
    """file:line of a template error: given for syntax errors, found in the traceback for the rest."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".html", ".xml"))]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "a template"


def read_content(config: Config) -> tuple[Timeline, Redirects]:
    """Loads and indexes content/; raises TimelineError with every problem found."""
    entries, registry, redirects, problems = gather(config)
    errors = tuple(p for p in problems if not p.warning)
    if errors:
        raise TimelineError(f"build stopped: {len(errors)} problem(s) in content/; site/ was not changed", errors)
    return index(entries, registry), redirects


def gather(config: Config) -> tuple[list[Entry], Registry, Redirects, list[Problem]]:
    """Everything under content/ that can be read, and every error that the rest has."""
    entries, problems = load(config.content, display_root=config.root)
    registry, redirects = Registry(), Redirects()
    try:
        registry = load_registry(config.content)
        redirects = Redirects.load(config.content)
    except TimelineError as error:
        problems += error.problems
    return entries, registry, redirects, problems + validate(entries) + alias_clashes(config.content)
