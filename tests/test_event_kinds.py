"""Kinds of event: what a lead reports, read from its parse against the taxonomy; a project's own taxonomy; tags a person wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.check import check
from generator.config import Config, load_config
from generator.errors import TimelineError
from generator.event_kinds import kinds_of
from generator.extract.entities import lead_pipeline
from generator.frontmatter import parse
from generator.ingest import ingest
from generator.taxonomy import load_taxonomy, shipped_taxonomy
from tests.conftest import SEED

MODEL = Config(root=Path(".")).spacy_model


def kinds(text: str, content: Path | None = None) -> tuple[str, ...]:
    """The tags ingest gives a lead, with the shipped kinds or those of a project's content/."""
    return kinds_of(lead_pipeline(MODEL)(text), shipped_taxonomy() if content is None else load_taxonomy(content))


@pytest.mark.parametrize("lead, kind", [
    ("On 3 June 2020, SDF fighters clashed with ISIS militants near Hajin, killing three of them.", "Battles"),
    ("On 4 May 2020, gunmen attacked an army checkpoint in Arish, killing two soldiers.", "Battles"),
    ("On 5 May 2020, Turkish drones struck a PKK position in the Qandil mountains.", "Explosions/Remote violence"),
    ("On 6 May 2020, an IED exploded near a market in Azaz, killing five civilians.", "Explosions/Remote violence"),
    ("On 7 May 2020, regime forces shelled the town of Kansafra using artillery.", "Explosions/Remote violence"),
    ("On 8 May 2020, two civilians were killed when a shell landed on their house.", "Explosions/Remote violence"),
    ("On 8 May 2020, unidentified gunmen shot and killed a farmer in Tafas.", "Violence against civilians"),
    ("On 9 May 2020, militants abducted a journalist from his home.", "Violence against civilians"),
    ("On 1 May 2020, hundreds of teachers held a protest in front of the ministry, demanding higher pay.", "Protests"),
    ("On 2 May 2020, police dispersed a demonstration against price rises in the capital.", "Protests"),
    ("On 3 May 2020, rioters threw stones at the police and set fire to a bank.", "Riots"),
    ("On 4 May 2020, demonstrators clashed with security forces outside the parliament.", "Riots"),
    ("On 5 May 2020, the army sent reinforcements to the northern front.", "Strategic developments"),
    ("On 6 May 2020, security forces arrested six men during a raid on a village.", "Strategic developments"),
    ("On 7 May 2020, air defences intercepted a drone over the city.", "Strategic developments"),
    ("On 8 May 2020, security forces seized a weapons depot near the border.", "Strategic developments"),
])
def test_a_conflict_note_gets_the_event_type_acled_would_give_it(lead, kind):
    assert kinds(lead) == (kind,)


def test_the_main_clause_decides_and_background_shelling_does_not_add_a_kind():
    assert kinds("On 9 May 2020, clashes took place between two factions on the front, amid regime shelling on the area.") == ("Battles",)


def test_a_remote_weapon_makes_the_event_explosions_whoever_it_hits():
    assert kinds("On 9 May 2020, a landmine planted by an armed group detonated, killing a shepherd.") == ("Explosions/Remote violence",)
    assert kinds("On 9 May 2020, Saudi-led coalition airstrikes targeted rebel forces in the district.") == ("Explosions/Remote violence",)


def test_words_are_matched_on_the_parse_not_as_substrings():
    assert kinds("On 9 May 2020, the minister said the data demonstrated that exports had grown.") == ("Economy and trade",)  # no protest
    assert kinds("The weather in the capital was mild for the time of year.") == ()


def test_a_note_s_label_decides_its_kind_and_is_kept_as_a_tag():
    assert kinds("Looting: On 9 May 2020, rebels looted wheat from farms near the town.") == ("Strategic developments", "Looting")
    assert kinds("Security measures: On 9 May 2020, the governor announced a curfew.") == ("Strategic developments", "Security measures")


@pytest.mark.parametrize("lead, kind", [
    ("The central bank raised interest rates by half a point to curb inflation, the governor said.", "Economy and trade"),
    ("The two foreign ministers signed a treaty on border cooperation in Geneva on Monday.", "Diplomacy"),
    ("Voters went to the polls on Sunday in a presidential election that the opposition boycotted.", "Elections"),
    ("The Supreme Court overturned the conviction of a former minister on Tuesday.", "Courts and law"),
    ("A powerful earthquake struck the north of the country on Friday, killing at least 40 people.", "Disasters"),
    ("The health ministry confirmed 200 new cases of the coronavirus on Wednesday.", "Health"),
])
def test_general_news_gets_a_newsroom_desk(lead, kind):
    assert kinds(lead)[0] == kind


def test_an_entry_gets_two_kinds_at_most():
    lead = ("On 9 May 2020, protesters burned tyres and clashed with police, who fired tear gas, "
            "while an airstrike hit a nearby base and gunmen kidnapped a merchant.")
    assert 1 <= len(kinds(lead)) <= 2


def test_a_project_adds_and_drops_kinds_and_changes_a_word_list(tmp_path):
    (tmp_path / "tags.yml").write_text(
        "words:\n"
        "  civilians: [beekeeper]\n"
        "kinds:\n"
        "  Sport:\n"
        "    events: [match, tournament]\n"
        "  Disasters: off\n", encoding="utf-8")
    assert kinds("The national team won the match against Brazil on Sunday.", tmp_path) == ("Sport",)
    assert kinds("A powerful earthquake struck the north of the country on Friday.", tmp_path) == ()
    assert kinds("On 9 May 2020, gunmen shot a beekeeper near the village.", tmp_path) == ("Violence against civilians",)
    assert kinds("On 9 May 2020, soldiers beat a farmer near the village.", tmp_path) == ()  # the list was replaced


def test_a_project_can_start_from_no_shipped_kinds(tmp_path):
    (tmp_path / "tags.yml").write_text("shipped: no\nkinds:\n  Fires:\n    events: [fire, blaze]\n", encoding="utf-8")
    assert [k.name for k in load_taxonomy(tmp_path).kinds] == ["Fires"]


def test_a_broken_taxonomy_names_the_file_and_line_of_every_problem(tmp_path):
    (tmp_path / "tags.yml").write_text(
        "kinds:\n"
        "  Sport:\n"
        "    event: [match]\n"                 # line 3: a misspelt key
        "  Space:\n"
        "    topics: [$astronauts]\n"          # line 5: no such word list
        "    acts:\n"
        "      - objects: [rocket]\n", encoding="utf-8")  # line 7: an act without verbs
    with pytest.raises(TimelineError) as raised:
        load_taxonomy(tmp_path)
    shown = [p.format() for p in raised.value.problems]
    assert any(s.startswith(f"{tmp_path.name}/tags.yml:3: kind 'Sport': unknown key 'event'") and "did you mean 'events'?" in s for s in shown)
    assert any(s.startswith(f"{tmp_path.name}/tags.yml:5: no word list 'astronauts'") for s in shown)
    assert any(s.startswith(f"{tmp_path.name}/tags.yml:7: an act of 'Space' has no verbs") for s in shown)


def test_a_yaml_syntax_error_in_the_taxonomy_is_reported_by_check_with_its_line(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "tags.yml").write_text("kinds:\n  Sport:\n    events: [match\n", encoding="utf-8")
    _, problems = check(load_config(tmp_path))
    [problem] = [p for p in problems if p.path == "content/tags.yml"]
    assert problem.line is not None and "YAML syntax error" in problem.message


def test_ingest_refuses_a_broken_taxonomy_before_writing_anything(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "tags.yml").write_text("kinds: [Sport]\n", encoding="utf-8")
    with pytest.raises(TimelineError) as raised:
        ingest(load_config(tmp_path), [SEED], say=lambda line: None)
    assert "content/tags.yml:1: 'kinds' must be a mapping" in raised.value.format_message()
    assert not list((tmp_path / "content").rglob("*.md"))


def test_ingest_tags_the_seed_and_keeps_the_tags_a_person_wrote(tmp_path):
    config = load_config(tmp_path)
    ingest(config, [SEED], say=lambda line: None)
    [path] = (tmp_path / "content").rglob("*.md")
    assert parse(path.read_text(encoding="utf-8")).meta["tags"] == ["Explosions/Remote violence"]
    path.write_text(path.read_text(encoding="utf-8").replace("- Explosions/Remote violence", "- Counter-terrorism"), encoding="utf-8")
    (tmp_path / "content" / "tags.yml").write_text("kinds:\n  Sport:\n    events: [match]\n", encoding="utf-8")  # the kinds change: all is extracted again
    said: list[str] = []
    report = ingest(config, [SEED], say=said.append)
    assert report.kept == ["029c2bff8747e05e"] and any("edited by hand" in line for line in said)
    assert parse(path.read_text(encoding="utf-8")).meta["tags"] == ["Counter-terrorism"]


def test_a_kind_with_a_slash_gets_a_page_a_feed_and_a_category_in_the_site_feed(tmp_path):
    config = load_config(tmp_path, search=False)
    ingest(config, [SEED], say=lambda line: None)
    build(config)
    folder = config.site / "tags" / "explosions-remote-violence"
    assert ">Explosions/Remote violence</h1>" in (folder / "index.html").read_text(encoding="utf-8")
    assert "<title>Explosions/Remote violence · Timeline</title>" in (folder / "feed.xml").read_text(encoding="utf-8")
    assert 'label="Tag: Explosions/Remote violence"' in (config.site / "feed.xml").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_the_filter_finds_entries_of_a_kind_with_a_slash(demo):
    from tests.browser import chromium, static_server

    with static_server(demo.site) as base, chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base)
        page.fill("#filter-tag", "Explosions/Remote violence")
        page.press("#filter-tag", "Enter")
        page.wait_for_selector(".filter-results:not([hidden])")
        assert page.locator(".filter-status").inner_text() == "1 entry matches."
        assert page.url.endswith("?tag=Explosions%2FRemote+violence")
        page.goto(base + "tags/explosions-remote-violence/index.html")
        assert page.locator("h1").inner_text() == "Explosions/Remote violence"
        assert errors == []
