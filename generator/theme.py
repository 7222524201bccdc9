"""The templates and static files a site is made with: the shipped theme, overridden file by file by ROOT/templates/."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.meta

from generator.config import Config
from generator.errors import TimelineError

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def default_theme() -> Path:
    """The theme shipped with the package (in a wheel) or beside it (in a checkout)."""
    packaged = Path(__file__).parent / "theme"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


@dataclass(frozen=True)
class Theme:
    """The Jinja environment, a fingerprint of each template with everything it includes, and the static files."""

    env: jinja2.Environment
    fingerprints: dict[str, str]  # template name -> digest of its source and of every template it uses
    static: dict[str, Path]  # site path -> file
    stamps: tuple[tuple[str, int, int], ...] = ()  # every file of the theme and its modification time and size

    def fingerprint(self, template: str) -> str:
        return self.fingerprints.get(template, "")


def load_theme(config: Config, compiled: Path | None = None, previous: Theme | None = None) -> Theme:
    """Reads the theme; a template that does not parse is reported with its file and line.

    `compiled` is a folder where Jinja keeps compiled templates between runs; `previous` is returned
    as it is if no file of the theme changed since it was read.
    """
    stamps = _stamps([config.templates, default_theme()])
    if previous is not None and previous.stamps == stamps:
        return previous
    env = environment(config, compiled)
    try:
        return Theme(env, _fingerprints(env), _static_files([default_theme() / "static", config.templates / "static"]), stamps)
    except jinja2.TemplateSyntaxError as error:
        raise TimelineError(f"{error.filename or error.name}:{error.lineno}: template error: {error.message}; site/ was not changed") from None


def environment(config: Config, compiled: Path | None = None) -> jinja2.Environment:
    """Jinja with ROOT/templates overriding the default theme file by file."""
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(config.templates), jinja2.FileSystemLoader(default_theme())])
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build reads each template once; serve makes a new environment per build
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
    )
    env.filters["long_date"] = lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return env


def _fingerprints(env: jinja2.Environment) -> dict[str, str]:
    """Each template's digest covers what it extends, imports and includes, so a change reaches every page that uses it."""
    names = [n for n in env.list_templates() if n.endswith((".html", ".xml")) and not n.startswith("static/")]
    sources: dict[str, str] = {}
    uses: dict[str, set[str]] = {}
    for name in names:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        sources[name] = source
        referenced = set(jinja2.meta.find_referenced_templates(env.parse(source, name)))
        uses[name] = set(names) if None in referenced else {str(r) for r in referenced}  # a computed name: could be any
    fingerprints = {}
    for name in names:
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo += uses.get(current, ())
        digest = hashlib.blake2b(digest_size=16)
        for used in sorted(seen):
            digest.update(f"{used}\0{sources.get(used, '')}\0".encode())
        fingerprints[name] = digest.hexdigest()
    return fingerprints


def _stamps(folders: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for folder in folders:
        for directory, _, names in os.walk(folder):
            for name in names:
                stat = os.stat(os.path.join(directory, name))
                stamps.append((os.path.join(directory, name), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(stamps))


def _static_files(folders: list[Path]) -> dict[str, Path]:
    """Every file under the static folders by its path in the site; later folders win."""
    files = {}
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
                    files["static/" + path.relative_to(folder).as_posix()] = path
    return files
