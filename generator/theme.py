"""The templates and static files a site is made with: the shipped theme, overridden file by file by ROOT/templates/."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.meta

from generator import urls
from generator.cache_store import CacheStore, CompiledTemplates, Damaged
from generator.config import Config
from generator.display import is_utf8, shown_path
from generator.errors import Problem, TimelineError

REFERENCES_FILE = "templates/references.json"  # in the cache store: the templates each one uses
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
    static: dict[str, bytes]  # site path -> the file's bytes (read with the theme: plan reads no file)
    stamps: tuple[tuple[str, int, int], ...] = ()  # every file of the theme and its modification time and size

    def fingerprint(self, template: str) -> str:
        return self.fingerprints.get(template, "")


def load_theme(config: Config, compiled: CacheStore | None = None, previous: Theme | None = None) -> Theme:
    """Reads the theme; a template that does not parse is reported with its file and line.

    `compiled` is the store where Jinja keeps compiled templates between runs; `previous` is returned
    as it is if no file of the theme changed since it was read.
    """
    stamps = _stamps([config.templates, default_theme()]) + _stamps_of(config.root / config.logo if config.logo else None)
    if previous is not None and previous.stamps == stamps:
        return previous
    env = environment(config, compiled)
    try:
        static = {path: file.read_bytes() for path, file in static_files(config).items()}
        if config.logo:  # the project's logo goes with the theme's files: plan reads no file
            static[urls.logo_path(config.logo)] = (config.root / config.logo).read_bytes()
        return Theme(env, _fingerprints(env, compiled), static, stamps)
    except jinja2.TemplateSyntaxError as error:
        where = shown_path(error.filename, config.root) if error.filename else error.name
        raise TimelineError(f"{where}:{error.lineno}: template error: {error.message}; site/ was not changed") from None


def environment(config: Config, compiled: CacheStore | None = None) -> jinja2.Environment:
    """Jinja with ROOT/templates overriding the default theme file by file."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(config.templates), jinja2.FileSystemLoader(default_theme())])
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build reads each template once; serve makes a new environment per build
        bytecode_cache=CompiledTemplates(compiled) if compiled is not None else None,
    )
    env.filters["long_date"] = lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return env


def _fingerprints(env: jinja2.Environment, compiled: CacheStore | None = None) -> dict[str, str]:
    """Each template's digest covers what it extends, imports and includes, so a change reaches every page that uses it.

    What each template uses is kept in the `compiled` store by a digest of its source: parsing them all takes a while.
    """
    names = [n for n in env.list_templates() if n.endswith((".html", ".xml")) and not n.startswith("static/")]
    sources: dict[str, str] = {}
    uses: dict[str, set[str]] = {}
    known = _read_references(compiled)
    references: dict[str, list[str] | None] = {}
    for name in names:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        sources[name] = source
        key = hashlib.blake2b(f"{name}\0{source}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        if key in known:
            references[key] = known[key]
        else:
            found = list(jinja2.meta.find_referenced_templates(env.parse(source, name)))
            references[key] = None if None in found else sorted(str(r) for r in found)  # None: a computed name, could be any
        uses[name] = set(names) if references[key] is None else set(references[key] or ())
    if compiled is not None and references != known:
        try:
            compiled.replace_chunks(REFERENCES_FILE, [json.dumps(references, sort_keys=True).encode()])
        except sqlite3.Error:
            pass  # worked out again next time
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


def _read_references(compiled: CacheStore | None) -> dict[str, list[str] | None]:
    try:
        found = json.loads(compiled.chunks(REFERENCES_FILE)[0]) if compiled is not None else {}
    except (OSError, ValueError, Damaged, sqlite3.Error):
        return {}
    valid = isinstance(found, dict) and all(v is None or (isinstance(v, list) and all(isinstance(n, str) for n in v)) for v in found.values())
    return found if valid else {}


def _stamps(folders: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for folder in folders:
        for directory, _, names in os.walk(folder):
            for name in names:
                stat = os.stat(os.path.join(directory, name))
                stamps.append((os.path.join(directory, name), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(stamps))


def _stamps_of(file: Path | None) -> tuple[tuple[str, int, int], ...]:
    """The file's modification time and size, as _stamps gives them: none for no file."""
    if file is None or not file.is_file():
        return ()
    stat = file.stat()
    return ((str(file), stat.st_mtime_ns, stat.st_size),)


def static_files(config: Config) -> dict[str, Path]:
    """Every static file, the theme's then the project's, by its path in the site; the project's win.

    Raises TimelineError for a name that is not UTF-8, which no page could link to: `check` reports it too.
    """
    files = {}
    for folder in (default_theme() / "static", config.templates / "static"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
                    files["static/" + path.relative_to(folder).as_posix()] = path
    if odd := static_name_problems(files, config.root):
        raise TimelineError("site/ was not changed", tuple(odd))
    return files


def static_name_problems(files: dict[str, Path], root: Path) -> list[Problem]:
    """A problem for each static file (by its path in the site) whose name there is not UTF-8, named from the project `root`."""
    return [Problem(shown_path(path, root), None, "the file name is not UTF-8", "rename it")
            for site_path, path in files.items() if not is_utf8(site_path)]
