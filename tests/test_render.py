"""Renderer: a PageSpec in, a Page's bytes out; what goes wrong in a template is reported with the template's file and line."""

import datetime
from pathlib import Path

import pytest

from generator.config import Config
from generator.contexts import EntryPage, PageSpec
from generator.errors import TimelineError
from generator.index import index
from generator.model import Entry
from generator.plan import entry_keys, plan
from generator.redirects import Redirects
from generator.registry import Registry
from generator.render import Renderer, render
from generator.theme import load_theme

TALKS = Entry(id="a", title="Talks open", date=datetime.date(2023, 3, 1), path="2023/a.md", actors=("Iran",), locations=("Geneva",),
              tags=("talks",), body="The first round *opened* on Friday.")
STRIKE = Entry(id="b", title="Strike", date=datetime.date(2024, 7, 1), path="2024/b.md", actors=("Iran",))


def site(root: Path, *entries: Entry) -> tuple[Renderer, list[PageSpec]]:
    """A renderer for these entries with the theme (and ROOT/templates, if any), and the plan of their site."""
    config = Config(root=root, search=False)
    timeline = index(entries, Registry())
    theme, keys = load_theme(config), entry_keys(timeline)
    return Renderer(theme, config, timeline, keys), plan(timeline, theme, config, Redirects(), keys)


def entry_page(specs: list[PageSpec]) -> PageSpec:
    [spec] = [spec for spec in specs if isinstance(spec.context, EntryPage) and spec.context.entry.id == "a"]
    return spec


def test_an_entry_page_shows_its_title_and_its_body_as_html(tmp_path):
    renderer, specs = site(tmp_path, TALKS)
    page = renderer.page(entry_page(specs))
    assert page.path == "entries/a/index.html"
    assert b"<h1>Talks open</h1>" in page.data and b"The first round <em>opened</em> on Friday." in page.data


def test_a_title_that_looks_like_html_is_shown_as_text(tmp_path):
    renderer, specs = site(tmp_path, Entry(id="a", title="<script>alert(1)</script>", date=datetime.date(2023, 3, 1), path="2023/a.md"))
    html = renderer.page(entry_page(specs)).data
    assert b"<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html and b"<script>alert" not in html


def test_an_error_in_a_project_template_names_its_file_and_line(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/entry.html").write_text('{% extends "base.html" %}\n{% block main %}\n<h1>{{ entry.headline }}</h1>\n{% endblock %}\n')
    renderer, specs = site(tmp_path, TALKS)
    with pytest.raises(TimelineError, match=r"templates/entry\.html:3: template error: .*has no attribute 'headline'"):
        renderer.page(entry_page(specs))


def test_an_error_raised_in_a_custom_filter_is_a_template_error_not_a_disk_error(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/entry.html").write_text('{% extends "base.html" %}\n{% block main %}\n<h1>{{ entry.title|shout }}</h1>\n{% endblock %}\n')
    renderer, specs = site(tmp_path, TALKS)

    def shout(text: str) -> str:
        raise FileNotFoundError(2, "No such file or directory", "shouts.txt")

    renderer.theme.env.filters["shout"] = shout
    with pytest.raises(TimelineError) as caught:
        renderer.page(entry_page(specs))
    message = str(caught.value)
    assert "templates/entry.html:3: template error: FileNotFoundError" in message and "(making entries/a/index.html)" in message
    assert not isinstance(caught.value, OSError) and "could not write" not in message


def test_rendering_the_same_site_twice_gives_the_same_bytes(tmp_path):
    renderer, specs = site(tmp_path, TALKS, STRIKE)
    first = [page.data for page in render(specs, renderer)]
    again = [page.data for page in render(specs, renderer)]  # its memo now holds the list items
    other, same_specs = site(tmp_path, STRIKE, TALKS)
    afresh = [page.data for page in render(same_specs, other)]
    assert first == again == afresh and len(first) == len(specs)
