"""Hand-written aliases: an entry that names an actor or place by another name is listed under the registry's record,
check says so, and check --fix writes the canonical name."""

import dataclasses
import datetime
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import fix as fix_module
from generator.alternates import shown_aliases
from generator.build import build
from generator.cli import main
from generator.config import load_config
from generator.fix import apply_fix, plan_fix
from generator.index import index
from generator.model import Entry
from generator.registry import Record, Registry
from generator.reindex import reindex
from generator.script_names import filter_names
from tests.conftest import write_entry

ACTORS = "Houthis:\n  kind: armed group\n  aliases: [Houthi, Ansar Allah]\n"
PLACES = """Yemen:
  kind: country
  aliases: [Republic of Yemen]
  lat: 15.35
  lon: 44.2
Sanaa:
  kind: city
  aliases: [Sana'a]
  country: Republic of Yemen
  region: Amanat al-Asimah
  lat: 15.35
  lon: 44.21
"""
STRIKE = "---\ntitle: Strike on a port\ndate: 2020-01-05\nactors: [Houthi]\nlocations: [Sana'a]\n---\n\nThe Houthi movement said so.\n"
TALKS = "---\ntitle: Talks\ndate: 2020-02-05\nactors: [Houthis, United Nations]\nlocations: [Sanaa]\n---\n\nBody.\n"


def project(tmp_path, **entries):
    (tmp_path / "content").mkdir(parents=True, exist_ok=True)
    (tmp_path / "content/actors.yml").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "content/locations.yml").write_text(PLACES, encoding="utf-8")
    for name, text in (entries or {"strike": STRIKE, "talks": TALKS}).items():
        write_entry(tmp_path, f"2020/{name}.md", text)
    return load_config(tmp_path, search=False)


def registry():
    return Registry({"Houthis": Record("Houthis", "armed group", ("Houthi", "Ansar Allah"))},
                    {"Yemen": Record("Yemen", "country", ("Republic of Yemen",)),
                     "Sanaa": Record("Sanaa", "city", ("Sana'a",), country="Republic of Yemen")})


def entry(n, actors=(), locations=()):
    return Entry(id=f"e{n}", title=f"Entry {n}", date=datetime.date(2020, 1, 1 + n), path=f"{n}.md", actors=actors, locations=locations)


def test_an_alias_is_listed_under_its_record_and_makes_no_term_of_its_own():
    timeline = index([entry(0, ("Houthi",), ("Sana'a",)), entry(1, ("Houthis", "houthi")), entry(2, ("United Nations",))], registry())
    houthis, un = timeline.actors
    assert (houthis.name, houthis.slug, houthis.spellings) == ("Houthis", "houthis", ("Houthi", "houthi"))
    assert [e.id for e in houthis.entries] == ["e0", "e1"]  # e1 names it twice: listed once
    assert un.name == "United Nations" and un.record is None and un.spellings == ()
    sanaa, yemen = timeline.locations
    assert sanaa.name == "Sanaa" and sanaa.spellings == ("Sana'a",)
    assert yemen.entries == () and [e.id for e in yemen.within] == ["e0"]  # in a city of it, its country written by an alias


def test_an_entry_naming_a_country_by_an_alias_is_not_listed_twice_on_its_page():
    timeline = index([entry(0, locations=("Republic of Yemen", "Sanaa"))], registry())
    yemen = next(t for t in timeline.locations if t.name == "Yemen")
    assert [e.id for e in yemen.entries] == ["e0"] and yemen.within == ()


NAMES = ["Houthis", "Houthi", "houthi", "Ansar Allah", "United Nations"]
PLACE_NAMES = ["Sanaa", "Sana'a", "Yemen", "Republic of Yemen", "Aden"]
fields = st.fixed_dictionaries({
    "date": st.sampled_from([datetime.date(2020, 1, 5), datetime.date(2021, 2, 1)]),
    "actors": st.lists(st.sampled_from(NAMES), max_size=3, unique_by=str.casefold).map(tuple),
    "locations": st.lists(st.sampled_from(PLACE_NAMES), max_size=3, unique_by=str.casefold).map(tuple),
})


@settings(max_examples=300, deadline=None)
@given(st.lists(fields, min_size=1, max_size=8), st.data())
def test_an_updated_index_with_aliases_is_the_index_of_the_new_entries(values, data):
    entries = [Entry(id=f"e{n}", title="T", path=f"{n}.md", **value) for n, value in enumerate(values)]
    at = data.draw(st.integers(0, len(entries) - 1))
    edited = [dataclasses.replace(e, **data.draw(fields)) if n == at else e for n, e in enumerate(entries)]
    updated = reindex(index(entries, registry()), edited, registry())
    assert updated is None or updated == index(edited, registry())


def test_an_edit_that_drops_the_last_alias_spelling_updates_the_term():
    entries = [entry(0, ("Houthi",)), entry(1, ("Houthis",))]
    edited = [dataclasses.replace(entries[0], title="Retitled", actors=("Houthis",)), entries[1]]
    updated = reindex(index(entries, registry()), edited, registry())
    assert updated is not None and updated == index(edited, registry()) and updated.actors[0].spellings == ()


def test_the_site_has_one_page_for_a_record_and_links_aliases_to_it(tmp_path):
    config = project(tmp_path)
    build(config)
    site = config.site
    assert sorted(p.name for p in (site / "actors").iterdir() if p.is_dir()) == ["houthis", "united-nations"]
    assert sorted(p.name for p in (site / "locations").iterdir() if p.is_dir()) == ["sanaa", "yemen"]
    strike = (site / "entries/strike/index.html").read_text(encoding="utf-8")
    assert '<a href="../../actors/houthis/index.html">Houthi</a>' in strike  # as written, to the record's page
    assert '<a href="../../locations/sanaa/index.html">Sana&#39;a</a>' in strike
    houthis = (site / "actors/houthis/index.html").read_text(encoding="utf-8")
    assert "Strike on a port" in houthis and "Talks" in houthis and "2 entries" in houthis
    assert ">Houthi</a>" not in houthis.split('class="seen-with"')[1].split("</section>")[0]  # not seen with itself
    listing = (site / "actors/index.html").read_text(encoding="utf-8")
    assert "Houthis</a> <span class=\"count\">2 entries" in listing and ">Houthi<" not in listing
    yemen = (site / "locations/yemen/index.html").read_text(encoding="utf-8")
    assert "In places in Yemen" in yemen and "Strike on a port" in yemen.split("In places in Yemen")[1]
    feed = (site / "actors/houthis/feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2
    assert len(json.loads((site / "actors/houthis/timeline.json").read_text(encoding="utf-8"))["events"]) == 2
    exported = json.loads((site / "entries.json").read_text(encoding="utf-8"))
    assert exported[0]["actors"] == ["Houthi"]  # the export keeps the front matter as written
    assert 'class="locator"' in (site / "locations/sanaa/index.html").read_text(encoding="utf-8") and (site / "world.svg").is_file()


def test_an_edit_away_from_an_alias_updates_the_record_page(tmp_path):
    config = project(tmp_path)
    build(config)
    write_entry(tmp_path, "2020/strike.md", STRIKE.replace("actors: [Houthi]", "actors: [United Nations]"))
    build(config)
    houthis = (config.site / "actors/houthis/index.html").read_text(encoding="utf-8")
    assert "Talks" in houthis and "Strike on a port" not in houthis
    write_entry(tmp_path, "2020/strike.md", STRIKE.replace("actors: [Houthi]", "actors: [Ansar Allah]"))
    build(config)
    assert "Strike on a port" in (config.site / "actors/houthis/index.html").read_text(encoding="utf-8")
    assert not (config.site / "actors/ansar-allah").exists()


def test_the_filter_gets_each_name_s_aliases_once_and_where_places_are():
    timeline = index([entry(0, ("Houthi",), ("Sana'a",)), entry(1, ("Houthis", "United Nations"), ("Sanaa",))], registry())
    names = filter_names(timeline)
    assert names["actors"] == [["Houthis", ["Houthi", "Ansar Allah"]]]  # United Nations has no other name: not sent
    assert names["locations"] == [["Sanaa", ["Sana'a"], "Republic of Yemen"], ["Yemen", ["Republic of Yemen"]]]


def test_entries_js_carries_the_names_once_not_per_entry(tmp_path):
    config = project(tmp_path)
    build(config)
    script = (config.site / "entries.js").read_text(encoding="utf-8")
    rows, names = script.split("\n];\nwindow.timelineNames=")
    assert rows.count("Ansar Allah") == 0 and names.count("Ansar Allah") == 1
    assert json.loads(names.removesuffix(";\n"))["locations"][0] == ["Sanaa", ["Sana'a"], "Republic of Yemen", "Amanat al-Asimah"]


def test_a_place_page_shows_a_few_short_latin_other_names_and_search_keeps_them_all(tmp_path):
    many = ["Dayr az-Zawr", "Deir al-Zor", "Deir al Zor", "DEIR EZ ZOR", "Dêrezor", "Derezor", "Der Zor", "DEZ", "دير الزور",
            "Deir Azzor", "Dejr-ez-Zor", "Deyrizor", "Azaura"]
    config = project(tmp_path, a="---\ntitle: A\ndate: 2020-01-01\nlocations: [Deir ez-Zor]\n---\n")
    (config.content / "locations.yml").write_text(f"Deir ez-Zor:\n  kind: city\n  country: Syria\n  aliases: {json.dumps(many, ensure_ascii=False)}\n",
                                                   encoding="utf-8")
    build(load_config(tmp_path))  # with search: the search page's names are the point
    page = (config.site / "locations/deir-ez-zor/index.html").read_text(encoding="utf-8")
    assert "Also known as: DEZ, Azaura, Der Zor, Derezor, Deyrizor</p>" in page
    assert set(json.loads((config.site / "search/names.json").read_text(encoding="utf-8"))[0][4]) == set(many)


def test_shown_aliases_skip_other_scripts_and_names_alike_but_for_case_and_accents():
    record = Record("Sanaa", "city", ("SANAA", "Sanaá", "صنعاء", "Sana'a", "Sana", "Ṣanʿāʾ", "San'a", "Sanaa City", "Sanaʽa", "Saná"))
    assert shown_aliases(record) == ("Sana", "San'a", "Sana'a", "Sanaa City")  # Saná folds to Sana; Ṣanʿāʾ to sana
    assert len(shown_aliases(record, limit=2)) == 2


def test_check_warns_of_each_alias_with_file_line_and_canonical_name(tmp_path, capsys):
    config = project(tmp_path, strike=STRIKE, other="---\ntitle: O\ndate: 2020-03-01\nactors: [houthis]\n---\n")
    assert main(["check", "--root", str(config.root)]) == 0  # warnings
    out = capsys.readouterr().out
    assert "content/2020/strike.md:4: warning: actor 'Houthi' is an alias of 'Houthis' (" in out
    assert "content/2020/strike.md:5: warning: location 'Sana'a' is an alias of 'Sanaa' (" in out
    assert "content/2020/other.md:4: warning: actor 'houthis' is written 'Houthis' (" in out
    assert main(["check", "--root", str(config.root), "--strict"]) == 1


def test_check_warns_of_a_place_below_a_country_without_one(tmp_path, capsys):
    config = project(tmp_path, a="---\ntitle: A\ndate: 2020-01-01\nlocations: [Aden]\n---\n")
    with (config.content / "locations.yml").open("a", encoding="utf-8") as file:
        file.write("Aden:\n  kind: city\nMiddle East:\n  kind: region\nRed Sea:\n  kind: sea\nSomewhere:\n  aliases: [Elsewhere]\n")
    main(["check", "--root", str(config.root)])
    out = capsys.readouterr().out
    assert "content/locations.yml:13: warning: place 'Aden' (city) has no country (add 'country: NAME'" in out
    assert "Middle East" not in out and "Red Sea" not in out and "Somewhere" not in out


def test_check_fix_writes_canonical_names_and_nothing_else(tmp_path, capsys):
    text = ("---\r\ntitle: Strike  # kept\r\ndate: 2020-01-05\r\nactors:\r\n  - houthi   # as the wire wrote it\r\n  - Houthis\r\n"
            "  - United Nations\r\nlocations: ['Sana''a']\r\ntags: [Houthi]\r\n---\r\n\r\nHouthi fighters, actors: [Houthi].\r\n")
    config = project(tmp_path, strike=text, talks=TALKS)
    (config.content / "2020/strike.md").write_bytes(text.encode("utf-8"))  # as saved on Windows
    talks = (config.content / "2020/talks.md").read_bytes()
    assert main(["check", "--fix", "--root", str(config.root)]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines()[0] == "fixed content/2020/strike.md: actor 'houthi' → 'Houthis', location 'Sana'a' → 'Sanaa'"
    assert "is an alias of" not in out.out  # checked after the fix: nothing left to warn of but United Nations
    assert (config.content / "2020/strike.md").read_bytes().decode("utf-8") == text.replace(
        "  - houthi   # as the wire wrote it\r\n  - Houthis\r\n", "  - Houthis  # as the wire wrote it\r\n").replace("['Sana''a']", "['Sanaa']")
    assert (config.content / "2020/talks.md").read_bytes() == talks  # nothing to fix there: not touched
    assert main(["check", "--fix", "--root", str(config.root)]) == 0
    assert "fixed" not in capsys.readouterr().out  # nothing left to fix


def test_check_fix_leaves_alone_a_file_changed_since_it_was_read(tmp_path):
    config = project(tmp_path, strike=STRIKE, other=STRIKE.replace("Strike on a port", "Other"))
    plan = plan_fix(config)
    edited = STRIKE.replace("The Houthi movement said so.", "A person's edit.")
    write_entry(tmp_path, "2020/strike.md", edited)
    done, refused = apply_fix(config, plan)
    assert [f.rewrite.path.name for f in done] == ["other.md"]
    assert [(p.path, p.message) for p in refused] == [("content/2020/strike.md", "changed since it was read, so it was not fixed; run timeline check --fix again")]
    assert (config.content / "2020/strike.md").read_text(encoding="utf-8") == edited
    assert "actors: [Houthis]" in (config.content / "2020/other.md").read_text(encoding="utf-8")


def test_check_fix_holds_the_content_lock_while_it_writes(tmp_path, monkeypatch, capsys):
    config = project(tmp_path)
    seen = []

    def apply(config, plan):
        seen.append((config.root / ".timeline-cache/content.lock").read_text())
        return [], []

    monkeypatch.setattr(fix_module, "apply_fix", apply)
    main(["check", "--fix", "--root", str(config.root)])
    assert seen == [f"'timeline check --fix' (process {__import__('os').getpid()})\n"]


def test_check_fix_keeps_ingest_able_to_regenerate_an_entry_it_wrote(tmp_path):
    from generator.ingest_log import IngestLog
    from generator.merge import digest

    config = project(tmp_path, strike=STRIKE)
    log = IngestLog()
    log.record("strike", "2020/strike.md", digest(STRIKE.encode("utf-8")))
    log.save(config.content)
    apply_fix(config, plan_fix(config))
    now = (config.content / "2020/strike.md").read_bytes()
    assert IngestLog.load(config.content).entries["strike"].sha256 == digest(now)
