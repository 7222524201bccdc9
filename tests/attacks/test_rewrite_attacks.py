"""What people wrote survives every rewrite: ingest's additions, merge and rename keep comments, order and unknown keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import generator.content_lock
from generator.check import check
from generator.cli import main
from generator.config import load_config
from generator.content_lock import content_lock
from generator.errors import TimelineError
from generator.frontmatter import TextLoader, parse
from generator.merge import apply, plan_merge
from generator.registry import Record, Registry, added, load_registry, name_key
from generator.registry_edit import add_records
from generator.registry_fold import fold
from generator.registry_file import read_file
from tests.conftest import write_entry

ACTORS = """\
# Actors: edited by hand, extended by ingest.

Hamas:  # the movement, not its armed wing
  kind: armed group
  aliases: [Harakat al-Muqawama al-Islamiya]
  wikidata: Q38799
  notes: |
    Check the spelling with the desk.

# do not merge with the Islamic State
ISIS:
  kind: militia
  aliases:
  - Daesh  # pejorative
  description: Sunni jihadist group.
  notes: seen in early reports

Islamic State:
  kind: armed group
  aliases:
  - IS
  description: The Islamic State.
  wikidata: Q2429253
"""

ENTRY = """\
---
title: Attack claimed  # as the agency put it
# do not publish before the embargo
date: 2024-01-02
actors:
- ISIS  # claimed responsibility
- Iraq
locations: ['Raqqah']
summary: >
  Folded
  summary.
---

Body with *Markdown*,   trailing spaces   
and a line that looks like front matter:
---
actors: [ISIS]
"""


def project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/actors.yml").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "content/locations.yml").write_text("Raqqah:  # as the seeds spell it\n  kind: city\n  lat: 35.95\n  lon: 39.01\n",
                                                   encoding="utf-8")
    write_entry(tmp_path, "2024/a.md", ENTRY)
    return tmp_path


def comment_lines(text: str) -> list[str]:
    return re.findall(r"#[^\n]*", text)


# Ingest's additions


def test_adding_records_keeps_comments_unknown_keys_and_order(tmp_path):
    root = project(tmp_path)
    registry = add_records(root / "content", (Record("Hezbollah", "armed group", ("Hizbullah",)), Record("Daesh", "", ("Islamic State of Iraq",))))
    text = (root / "content/actors.yml").read_text(encoding="utf-8")
    assert all(comment in text for comment in comment_lines(ACTORS))
    assert "wikidata: Q38799" in text and "notes: seen in early reports" in text and "aliases: [Harakat al-Muqawama al-Islamiya]" in text
    assert text.index("Hamas:") < text.index("Hezbollah:") < text.index("ISIS:") < text.index("Islamic State:")  # where it sorts
    assert "  - Daesh  # pejorative\n  - Islamic State of Iraq\n" in text  # a new alias goes last in its record's list
    assert registry == load_registry(root / "content")


def test_a_record_a_person_added_during_a_long_ingest_is_still_there_after_it(tmp_path):
    root = project(tmp_path)
    registry = load_registry(root / "content")  # as ingest does when it starts
    with (root / "content/actors.yml").open("a", encoding="utf-8") as file:  # ... a person edits while it runs
        file.write("\n# added by hand during the run\nUnited Nations:\n  kind: organisation\n  aliases: [UN]\n")
    found = registry.with_records((Record("Hezbollah", "armed group"),))
    now = add_records(root / "content", tuple(found.actors.values()))  # ... and it saves what it found
    assert now.actor("UN") is not None and now.actor("Hezbollah") is not None
    assert "# added by hand during the run\nUnited Nations:" in (root / "content/actors.yml").read_text(encoding="utf-8")


def test_a_file_is_not_written_when_nothing_new_is_added(tmp_path):
    root = project(tmp_path)
    path = root / "content/actors.yml"
    before = path.stat().st_mtime_ns
    add_records(root / "content", (Record("Daesh", "militia", ("ISIS",)),))  # every name already known
    assert path.stat().st_mtime_ns == before and path.read_text(encoding="utf-8") == ACTORS


def test_a_registry_written_as_one_flow_mapping_is_edited_and_keeps_its_comments(tmp_path):
    (tmp_path / "actors.yml").write_text("# header\n{Hamas: {kind: armed group, notes: kept}}  # flow\n", encoding="utf-8")
    registry = add_records(tmp_path, (Record("Hezbollah", "armed group"),))
    text = (tmp_path / "actors.yml").read_text(encoding="utf-8")
    assert "# header" in text and "# flow" in text and "notes: kept" in text
    assert set(registry.actors) == {"Hamas", "Hezbollah"} == set(load_registry(tmp_path).actors)


def test_a_registry_with_windows_line_ends_and_a_byte_order_mark_keeps_them(tmp_path):
    (tmp_path / "actors.yml").write_bytes("\ufeffHamas:  # c\r\n  kind: armed group\r\n".encode())
    add_records(tmp_path, (Record("Hamas", "", ("Harakat",)),))
    assert (tmp_path / "actors.yml").read_bytes() == "\ufeffHamas:  # c\r\n  kind: armed group\r\n  aliases:\r\n  - Harakat\r\n".encode()


def test_a_broken_registry_is_not_overwritten(tmp_path):
    (tmp_path / "actors.yml").write_text("Hamas:\n  kind: [armed group\n", encoding="utf-8")
    with pytest.raises(TimelineError):
        add_records(tmp_path, (Record("Hezbollah", "armed group"),))
    assert (tmp_path / "actors.yml").read_text(encoding="utf-8") == "Hamas:\n  kind: [armed group\n"


# Merge and rename


def test_merge_rewrites_only_the_list_it_changes_and_keeps_the_body_byte_for_byte(tmp_path):
    root = project(tmp_path)
    assert main(["merge", "--root", str(root), "ISIS", "Islamic State", "--yes"]) == 0
    text = (root / "content/2024/a.md").read_text(encoding="utf-8")
    assert text == ENTRY.replace("- ISIS  # claimed", "- Islamic State  # claimed", 1).replace("Islamic State  # claimed", "Islamic State # claimed")
    assert parse(text).meta["actors"] == ["Islamic State", "Iraq"]


def test_merge_folds_the_records_keeping_comments_and_unknown_keys_of_both(tmp_path):
    root = project(tmp_path)
    assert main(["merge", "--root", str(root), "ISIS", "Islamic State", "--yes"]) == 0
    text = (root / "content/actors.yml").read_text(encoding="utf-8")
    assert all(comment in text for comment in comment_lines(ACTORS))
    assert "notes: seen in early reports" in text and "wikidata: Q2429253" in text and "wikidata: Q38799" in text
    assert text.index("Hamas:") < text.index("Islamic State:") and "ISIS:" not in text
    record = load_registry(root / "content").actor("Daesh")
    assert record.name == "Islamic State" and record.aliases == ("IS", "ISIS", "Daesh") and record.kind == "armed group"
    assert record.description == "The Islamic State.\n\nSunni jihadist group."  # combined, not lost


def test_rename_keeps_the_record_where_it_is_with_its_comments(tmp_path):
    root = project(tmp_path)
    assert main(["rename", "--root", str(root), "Raqqah", "Raqqa", "--yes"]) == 0
    assert (root / "content/locations.yml").read_text(encoding="utf-8") == (
        "Raqqa:   # as the seeds spell it\n  kind: city\n  aliases:\n  - Raqqah\n  lat: 35.95\n  lon: 39.01\n")
    entry = (root / "content/2024/a.md").read_text(encoding="utf-8")
    assert entry == ENTRY.replace("locations: ['Raqqah']", "locations: ['Raqqa']")  # its quotes too


def test_the_preview_names_everything_the_merge_combines_or_drops(tmp_path):
    root = project(tmp_path)
    (root / "content/actors.yml").write_text(ACTORS.replace("Islamic State:\n", "Islamic State:\n  lat: 1\n  lon: 2\n")
                                             .replace("ISIS:\n", "ISIS:\n  lat: 3\n  lon: 4\n  country: Syria\n"), encoding="utf-8")
    lines = plan_merge(load_config(root), "ISIS", "Islamic State").describe(root)
    shown = "\n".join(lines)
    assert "combine: the description of 'ISIS' is added to that of 'Islamic State'" in shown
    assert "drop: kind of 'ISIS' ('militia'); 'Islamic State' keeps 'armed group'" in shown
    assert "drop: the coordinates of 'ISIS' (3, 4); 'Islamic State' keeps (1, 2)" in shown
    assert "keep: country of 'ISIS'" in shown
    assert "keep: 'notes' of 'ISIS'" in shown


def test_merge_writes_nothing_if_a_planned_file_changed_after_the_plan(tmp_path):
    root = project(tmp_path)
    config = load_config(root)
    plan = plan_merge(config, "ISIS", "Islamic State")
    entry = root / "content/2024/a.md"
    entry.write_text(ENTRY.replace("Folded", "Edited meanwhile"), encoding="utf-8")
    with pytest.raises(TimelineError) as error:
        apply(config, plan)
    assert error.value.problems[0].path == "content/2024/a.md"
    assert "Edited meanwhile" in entry.read_text(encoding="utf-8")
    assert (root / "content/actors.yml").read_text(encoding="utf-8") == ACTORS


def test_merge_waits_for_the_content_lock_and_then_refuses(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    real = generator.content_lock.content_lock
    monkeypatch.setattr(generator.content_lock, "content_lock", lambda root, command: real(root, command, wait=0.2))
    with content_lock(root, "ingest"):
        assert main(["merge", "--root", str(root), "ISIS", "Islamic State", "--yes"]) == 1
    assert "being changed by 'timeline ingest'" in capsys.readouterr().err
    assert (root / "content/actors.yml").read_text(encoding="utf-8") == ACTORS


# check


def problems_of(root: Path) -> list[str]:
    return [p.format() for p in check(load_config(root))[1]]


def test_unknown_keys_are_warnings_that_say_they_are_kept(tmp_path):
    root = project(tmp_path)
    (root / "content/actors.yml").write_text(ACTORS.replace("  description: The Islamic", "  decription: The Islamic"), encoding="utf-8")
    found = problems_of(root)
    assert ("content/actors.yml:22: warning: 'Islamic State' has a key timeline does not read: 'decription' "
            "(did you mean 'description'? it is kept as written)") in found
    assert any(p.startswith("content/actors.yml:6: warning: 'Hamas' has a key timeline does not read: 'wikidata' (kept as written") for p in found)


def test_a_key_given_twice_in_a_record_is_an_error_at_its_second_line(tmp_path):
    root = project(tmp_path)
    (root / "content/actors.yml").write_text(ACTORS.replace("  kind: militia\n", "  kind: militia\n  kind: person\n"), encoding="utf-8")
    assert any(p.startswith("content/actors.yml:13: 'ISIS': 'kind' is given twice (first on line 12)") for p in problems_of(root))


def test_a_key_given_twice_in_a_nested_front_matter_mapping_is_an_error(tmp_path):
    root = project(tmp_path)
    write_entry(root, "2024/b.md", "---\ntitle: T\ndate: 2024-01-03\nimage:\n  src: a.jpg\n  caption: One\n  caption: Two\n---\n")
    assert "content/2024/b.md:7: 'image': 'caption' is given twice (first on line 6)" in problems_of(root)


@pytest.mark.parametrize(("fields", "line", "message"), [
    ("  lat: 35.9\n  lon: 1e999\n", 4, "lon must be a finite number from -180 to 180, got 1e999"),
    ("  lat: 500\n  lon: 39\n", 3, "lat must be a finite number from -90 to 90, got 500"),
    ("  lat: nan\n  lon: 39\n", 3, "lat must be a finite number from -90 to 90, got nan"),
    ("  lat: -inf\n  lon: 39\n", 3, "lat must be a finite number from -90 to 90, got -inf"),
    ("  lat: 35.9\n", 3, "lat is given without lon (give both, or neither)"),
    ("  lon: 39\n", 3, "lon is given without lat (give both, or neither)"),
    ("  lat: north\n  lon: 39\n", 3, "lat must be a number, got 'north'"),
])
def test_bad_coordinates_are_registry_errors_at_their_line(tmp_path, fields, line, message):
    root = project(tmp_path)
    (root / "content/locations.yml").write_text(f"Raqqah:\n  kind: city\n{fields}", encoding="utf-8")
    assert any(p.startswith(f"content/locations.yml:{line}: 'Raqqah': {message}") for p in problems_of(root))


# Any registry a person could write survives any rewrite

WORDS = st.text(st.sampled_from("abcdefgh ĳklmnöpqrs-'.:#\"é"), min_size=1, max_size=10)
COMMENTS = st.text(st.sampled_from("abc xyz#:'\"-é"), max_size=12)


@st.composite
def registries(draw: st.DrawFn) -> tuple[str, dict[str, Record], list[str], list[tuple[str, str, str]]]:
    """Registry text as a person might write it, its records, every comment in it, and its unknown keys."""
    names: list[str] = []
    for word in draw(st.lists(WORDS, min_size=2, max_size=14)):
        word = " ".join(word.split())
        if word and name_key(word) and name_key(word) not in {name_key(n) for n in names}:
            names.append(word)
    assume(len(names) >= 2)
    comments: list[str] = []

    def comment(always: bool = False) -> str:
        if not always and not draw(st.booleans()):
            return ""
        comments.append(f"# c{len(comments)} {draw(COMMENTS)}".rstrip())
        return comments[-1]

    def quoted(text: str) -> str:
        style = draw(st.sampled_from(["plain", "single", "double"]))
        if style == "plain" and re.fullmatch(r"[a-hk-s][a-hk-s .-]*[a-hk-s]|[a-hk-s]", text) and not re.search(r"\d{4}", text):
            return text
        return f"'{text.replace(chr(39), chr(39) * 2)}'" if style == "single" else json.dumps(text)

    lines, records, unknown = [comment()], {}, []
    count = draw(st.integers(1, max(1, len(names) // 2)))
    canonical, rest = names[:count], names[count:]
    for index, name in enumerate(canonical):
        aliases = rest[index::count]
        if draw(st.booleans()):
            lines.append("")
        lines.append(comment())
        lines.append(f"{quoted(name)}:  {comment()}".rstrip())
        lines.append(f"  kind: person  {comment()}".rstrip())
        if aliases and draw(st.booleans()):
            lines.append(f"  aliases: [{', '.join(quoted(a) for a in aliases)}]  {comment()}".rstrip())
        elif aliases:
            lines.append("  aliases:")
            for alias in aliases:
                lines.append(f"  - {quoted(alias)}  {comment()}".rstrip())
                lines.append(f"  {comment()}".rstrip())
        for key in draw(st.lists(st.sampled_from(["notes", "wikidata", "source"]), unique=True, max_size=2)):
            value = draw(COMMENTS.filter(lambda v: v.strip() == v and v))
            lines.append(f"  {key}: {json.dumps(value)}  {comment()}".rstrip())
            unknown.append((name, key, value))
        lines.append(comment())
        records[name] = Record(name, "person", tuple(aliases))
    lines.append(comment(always=True))
    text = "\n".join(line for line in lines if line is not None) + "\n"
    return text, records, comments, unknown


@st.composite
def additions(draw: st.DrawFn, records: dict[str, Record]) -> tuple[Record, ...]:
    """Records as ingest finds them: some new, some naming a known record by any of its names and bringing new aliases."""
    known = [n for r in records.values() for n in r.names()]
    new = []
    for word in draw(st.lists(WORDS, max_size=6)):
        word = " ".join(word.split())
        if not word or not name_key(word):
            continue
        if known and draw(st.booleans()):
            new.append(Record(draw(st.sampled_from(known)), "", (word,)))
        else:
            new.append(Record(word, "person"))
    return tuple(new)


def survives(text: str, comments: list[str], unknown: list[tuple[str, str, str]], renamed: dict[str, str] | None = None) -> None:
    for comment in comments:
        assert text.count(comment) >= 1, comment
    data = yaml.load(text, Loader=TextLoader)  # as timeline reads it: `false` and `no` are names
    renamed = renamed or {}
    for name, key, value in unknown:
        fields = data[renamed.get(name, name)]
        assert value in (fields.get(key), fields.get(f"{key} ({name})")), (name, key)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_any_registry_with_comments_survives_any_addition(tmp_path, data):
    text, records, comments, unknown = data.draw(registries())
    path = tmp_path / "actors.yml"
    path.write_text(text, encoding="utf-8")
    assert read_file(path).records == records  # the text says what it was made to say
    new = data.draw(additions(records))
    registry = add_records(tmp_path, new)
    after = path.read_text(encoding="utf-8")
    survives(after, comments, unknown)
    assert registry == load_registry(tmp_path) == Registry(added(records, new))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_any_registry_with_comments_survives_any_merge_or_rename(tmp_path, data):
    text, records, comments, unknown = data.draw(registries())
    path = tmp_path / "actors.yml"
    path.write_text(text, encoding="utf-8")
    old = data.draw(st.sampled_from(list(records)))
    new = data.draw(st.sampled_from([n for n in records if n != old] + ["Zz Unknown"]))  # a merge, or a rename (no 'z' in WORDS)
    folded = fold(read_file(path), old, new)
    survives(folded.text, comments, unknown, {old: new})
    path.write_text(folded.text, encoding="utf-8")
    registry = load_registry(tmp_path)
    names = set(records[old].names()) | (set(records[new].names()) if new in records else {new})
    assert registry.actor(old).name == new and set(registry.actors[new].names()) == names
    assert {n: r for n, r in registry.actors.items() if n != new} == {n: r for n, r in records.items() if n not in (old, new)}
