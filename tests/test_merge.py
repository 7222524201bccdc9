"""Merging and renaming actors and locations: entries, registry and old URLs all follow."""

from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main
from generator.config import load_config
from generator.frontmatter import parse
from generator.registry import load_registry
from tests.browser import CHROMIUM, chromium, static_server
from tests.conftest import write_entry


def project(tmp_path):
    write_entry(tmp_path, "2024/a.md", "---\ntitle: Attack claimed\ndate: 2024-01-02\nactors: [ISIS, Iraq]\n---\n\nBody.\n")
    write_entry(tmp_path, "2024/b.md", "---\ntitle: Leader killed\ndate: 2024-02-03\nactors: [Islamic State, ISIS]\nlocations: [Raqqah]\n---\n")
    write_entry(tmp_path, "2024/c.md", "---\ntitle: Unrelated\ndate: 2024-03-04\nactors: [Iraq]\n---\n")
    (tmp_path / "content/actors.yml").write_text("Islamic State:\n  kind: armed group\n  aliases: [IS]\n", encoding="utf-8")
    config = load_config(tmp_path, search=False)
    build(config)
    return config


def actors_of(config, name):
    return parse((config.content / "2024" / name).read_text(encoding="utf-8")).meta["actors"]


def test_merge_without_yes_shows_the_plan_and_changes_nothing(tmp_path, capsys):
    config = project(tmp_path)
    before = (config.content / "2024/a.md").read_bytes()
    assert main(["merge", "--root", str(tmp_path), "ISIS", "Islamic State"]) == 1
    out = capsys.readouterr()
    assert "actor 'ISIS' → 'Islamic State':" in out.out and "rewrite content/2024/a.md" in out.out
    assert "--yes" in out.err
    assert (config.content / "2024/a.md").read_bytes() == before


def test_merge_folds_the_old_name_into_the_new_everywhere(tmp_path):
    config = project(tmp_path)
    assert main(["merge", "--root", str(tmp_path), "ISIS", "Islamic State", "--yes"]) == 0
    assert actors_of(config, "a.md") == ["Islamic State", "Iraq"]
    assert actors_of(config, "b.md") == ["Islamic State"]
    assert actors_of(config, "c.md") == ["Iraq"]
    record = load_registry(config.content).actor("ISIS")
    assert record.name == "Islamic State" and "ISIS" in record.aliases and record.kind == "armed group"
    build(config)
    redirect = (config.site / "actors/isis/index.html").read_text()
    assert 'url=../../actors/islamic-state/index.html' in redirect
    assert "2 entries" in (config.site / "actors/islamic-state/index.html").read_text()


def test_rename_gives_a_place_a_new_name_and_keeps_the_old_as_alias(tmp_path):
    config = project(tmp_path)
    assert main(["rename", "--root", str(tmp_path), "Raqqah", "Raqqa", "--yes"]) == 0
    assert parse((config.content / "2024/b.md").read_text()).meta["locations"] == ["Raqqa"]
    assert load_registry(config.content).location("Raqqah").name == "Raqqa"
    build(config)
    assert (config.site / "locations/raqqah/index.html").is_file() and (config.site / "locations/raqqa/index.html").is_file()


def test_an_unknown_name_is_an_error(tmp_path, capsys):
    project(tmp_path)
    assert main(["merge", "--root", str(tmp_path), "Nobody", "Islamic State", "--yes"]) == 1
    assert "'Nobody' is neither an actor nor a location" in capsys.readouterr().err


def test_listing_actors_shows_counts_and_kinds(tmp_path, capsys):
    project(tmp_path)
    assert main(["actors", "--root", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["2", "ISIS", "(-)"] or lines[0].split()[:2] == ["2", "Iraq"]
    assert any(line.split() == ["1", "Islamic", "State", "(armed", "group)"] for line in lines)


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
def test_a_browser_following_the_old_url_lands_on_the_new_page(tmp_path):
    config = project(tmp_path)
    main(["merge", "--root", str(tmp_path), "ISIS", "Islamic State", "--yes"])
    build(config)
    with static_server(config.site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "actors/isis/")
        page.wait_for_url("**/actors/islamic-state/index.html")
        assert page.locator("h1").inner_text() == "Islamic State"


def test_merge_refuses_to_touch_content_with_a_broken_entry(tmp_path, capsys):
    config = project(tmp_path)
    write_entry(tmp_path, "2024/broken.md", "---\ntitle: [\n---\n")
    before = (config.content / "2024/a.md").read_bytes()
    assert main(["merge", "--root", str(tmp_path), "ISIS", "Islamic State", "--yes"]) == 1
    assert "content/2024/broken.md:" in capsys.readouterr().err
    assert (config.content / "2024/a.md").read_bytes() == before


def test_merge_keeps_the_old_description_and_says_so_first(tmp_path, capsys):
    config = project(tmp_path)
    (config.content / "actors.yml").write_text("ISIS:\n  kind: armed group\n  description: Sunni jihadist group.\n"
                                               "Islamic State:\n  kind: armed group\n  description: Also known as IS.\n", encoding="utf-8")
    assert main(["merge", "--root", str(tmp_path), "ISIS", "Islamic State", "--yes"]) == 0
    assert "combine: the description of 'ISIS' is added to that of 'Islamic State' as a further paragraph" in capsys.readouterr().out
    assert load_registry(config.content).actor("ISIS").description == "Also known as IS.\n\nSunni jihadist group."
