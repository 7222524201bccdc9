"""The build, one straight pipeline of stages over frozen values:

    content/ ─load─▶ [Entry] ─index─▶ Timeline ─plan─▶ [PageSpec] ─render─▶ [Page] ─write─▶ site/

Only load and write touch the disk. incremental.py wraps the same stages so that a build redoes only
what changed since the last one; `build` is that, and `build_afresh` the pipeline as it reads.
"""

from __future__ import annotations

from dataclasses import replace

from generator.config import Config
from generator.content_registry import RegistryFiles, read_registry
from generator.errors import Problem, stop_on
from generator.incremental import Builds
from generator.index import index
from generator.load import load
from generator.model import Entry, Timeline
from generator.plan import entry_keys, plan
from generator.produce import produce
from generator.redirects import Redirects
from generator.report import BuildReport
from generator.render import Renderer
from generator.theme import load_theme
from generator.validate import validate
from generator.write import check_paths, publish, staging_folder


def build(config: Config) -> BuildReport:
    """Builds the site, redoing only what changed since the last build; raises TimelineError listing every
    problem and leaves site/ untouched. Then brings the search index up to date (or drops it, if search is off)."""
    builds = Builds(config)
    report = builds.build()
    return replace(report, search_seconds=builds.update_search())


def build_afresh(config: Config, workers: int = 1) -> Timeline:
    """The whole site, from nothing, with no cache: the pipeline as it reads. Returns the index it was made of."""
    entries, registry, problems = gather(config)
    stop_on(problems)
    timeline = index(entries, registry.registry)
    theme = load_theme(config)
    keys = entry_keys(timeline)
    specs = plan(timeline, theme, config, registry.redirects, keys, eras=registry.eras)
    check_paths([spec.path for spec in specs])
    with staging_folder(config.site) as staging:
        staged = produce(specs, Renderer(theme, config, timeline, keys), staging, {}, workers)
        publish(staged, staging, config.site, None, [spec.path for spec in specs])
    return timeline


def read_content(config: Config, workers: int = 1) -> tuple[Timeline, Redirects]:
    """Loads and indexes content/; raises TimelineError with every problem found."""
    entries, registry, problems = gather(config, workers)
    stop_on(problems)
    return index(entries, registry.registry), registry.redirects


def gather(config: Config, workers: int = 1) -> tuple[list[Entry], RegistryFiles, list[Problem]]:
    """Everything under content/ that can be read, and every problem that the rest has."""
    entries, problems = load(config.content, display_root=config.root, workers=workers)
    registry = read_registry(config)
    return entries, registry, problems + validate(entries, registry)


