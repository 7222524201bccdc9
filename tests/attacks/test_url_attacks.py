"""Names written to collide: every name and every entry gets a URL of its own, or the build says why not."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.build import build
from generator.config import load_config
from generator.errors import TimelineError
from generator.urls import entry_slug, slug, suffixed, unique_slugs
from generator.write import check_paths
from tests.conftest import ENTRY, write_entry

SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def test_a_name_written_as_another_s_suffixed_slug_does_not_take_its_url():
    crafted = suffixed("x", "x")  # what 'x' gets when 'X' holds 'x'
    slugs = unique_slugs(["X", "x", crafted])
    assert slugs["X"] == "x" and slugs[crafted] == crafted  # plain slugs first
    assert len(set(slugs.values())) == 3


def test_when_the_second_try_is_taken_too_a_third_is_made():
    slugs = unique_slugs(["X", "x", suffixed("x", "x"), suffixed("x", "x", 1)])
    assert len(set(slugs.values())) == 4
    assert slugs["x"] == suffixed("x", "x", 2)


def names_with_their_twins(names: list[str]) -> list[str]:
    """The names, and for each a name that slugifies to the slug it would get beside a twin (and the next try's)."""
    return [*names, *(suffixed(slug(n), n) for n in names), *(suffixed(slug(n), n, 1) for n in names)]


ANY_CHARACTER = st.characters(exclude_categories=())  # lone surrogates too: YAML's "\udce9" gives one
NAMES = st.lists(st.one_of(st.text(max_size=12), st.text(ANY_CHARACTER, max_size=6), st.text(alphabet="xX- é", max_size=4),
                           st.sampled_from(["x", "X", "x-", "-x", "x x", "con", "CON"])),
                 max_size=12).map(names_with_their_twins)


@given(NAMES, st.randoms())
def test_any_names_get_distinct_safe_slugs_whatever_their_order(names, random):
    slugs = unique_slugs(names)
    assert len(set(slugs.values())) == len(slugs) == len(set(names))
    assert all(SAFE.fullmatch(value) for value in slugs.values())
    shuffled = list(names)
    random.shuffle(shuffled)
    assert unique_slugs(shuffled) == slugs


@given(st.lists(st.text(max_size=20), max_size=8).map(names_with_their_twins))
def test_any_file_names_get_distinct_safe_entry_slugs(stems):
    slugs = unique_slugs(stems, entry_slug)
    assert len(set(slugs.values())) == len(set(stems)) and all(SAFE.fullmatch(value) for value in slugs.values())


def test_actors_written_to_collide_each_get_a_page_and_the_summary_counts_add_up(tmp_path):
    names = ["Hamas", "hamas", suffixed("hamas", "hamas"), "HAMAS"]
    for number, name in enumerate(names):
        write_entry(tmp_path, f"2024/2024-01-0{number + 1}-e{number}.md",
                    ENTRY.replace("2024-03-01", f"2024-01-0{number + 1}").replace("[United Nations, Iran]", f"['{name}']"))
    config = load_config(tmp_path, search=False)
    report = build(config)
    headings = {re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8")).group(1) for page in (config.site / "actors").glob("*/index.html")}
    assert headings == set(names)  # four pages, none lost to another
    assert report.written == report.files  # a cold build writes every file once
    write_entry(tmp_path, "2024/2024-01-01-e0.md", ENTRY.replace("2024-03-01", "2024-01-01").replace("[United Nations, Iran]", "['Hamas']")
                .replace("Talks open in Geneva", "Edited"))
    again = build(config)
    summary = again.summary()
    written, unchanged = map(int, re.search(r"\((\d+) written, (\d+) unchanged", summary).groups())
    assert written + unchanged == again.files and 0 < written < again.files, summary


def test_two_entry_files_that_would_share_a_url_are_reported_with_both_paths(tmp_path):
    write_entry(tmp_path, "2023/Talks.md", ENTRY)
    write_entry(tmp_path, "2024/talks.md", ENTRY.replace("Talks open", "Talks close"))
    write_entry(tmp_path, f"2024/{suffixed('talks', 'talks')}.md", ENTRY.replace("Talks open", "Talks resume"))
    with pytest.raises(TimelineError) as caught:
        build(load_config(tmp_path, search=False))
    message = caught.value.format_message()
    assert "content/2024/talks.md: would be published at the same URL as content/2023/Talks.md (entries/talks/)" in message
    assert message.count("same URL") == 1  # the name written like a suffixed slug has one of its own


def test_two_pages_planned_at_one_path_stop_the_build_before_site_changes(tmp_path):
    site = tmp_path / "site"
    with pytest.raises(TimelineError, match="two pages would be written to site/actors/x/index.html"):
        check_paths(["actors/", "actors/x/index.html", "actors/x/index.html"])
    assert not site.exists() and not list(tmp_path.glob(".site-*"))
