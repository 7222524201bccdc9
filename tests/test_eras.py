"""content/eras.yml: named periods, read with every problem at its line, then shown on the strip, in the list and in TimelineJS."""

import datetime
import json

from generator.build import build
from generator.check import check
from generator.config import load_config
from generator.eras import Era, beginnings, parse_eras, read_eras
from generator.model import Entry
from tests.conftest import write_entry

D = datetime.date.fromisoformat
ERAS = """\
- title: The blockade
  start: 2020-03
  end: 2021
  description: The port closed to ships.
- title: Talks
  start: 2019-11-05
  end: 2019-12-24
"""


def said(problems) -> list[str]:
    return [f"{p.path}:{p.line}: {p.message}" for p in problems]


def entry(day: str) -> Entry:
    return Entry(id=day, title=day, date=D(day), path=f"{day}.md")


def test_eras_are_read_oldest_first_with_months_and_years_as_their_first_or_last_day():
    eras, problems = parse_eras(ERAS)
    assert problems == []
    assert eras == (Era("Talks", D("2019-11-05"), D("2019-12-24")),
                    Era("The blockade", D("2020-03-01"), D("2021-12-31"), "The port closed to ships."))
    assert parse_eras("- {title: Leap, start: 2024-02, end: 2024-02}\n")[0][0].end == D("2024-02-29")


def test_no_file_no_eras(tmp_path):
    assert read_eras(tmp_path) == ((), [])
    assert parse_eras("") == ((), [])


def test_every_problem_is_named_with_its_file_and_line(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/eras.yml").write_text("""\
- title: Fine
  start: 2020
  end: 2021
- title: Backwards
  start: 2021-05-01
  end: 2020
- start: 10/07/2023
  end: 2023-02-30
  colour: red
- Just a line
""", encoding="utf-8")
    eras, problems = read_eras(tmp_path / "content")
    assert [era.title for era in eras] == ["Fine"]  # the others are left out
    assert said(problems) == [
        "content/eras.yml:6: the era ends (2020-12-31) before it starts (2021-05-01)",
        "content/eras.yml:9: 'colour' is not a key of an era (it has title, start, end, description)",
        "content/eras.yml:7: the era has no 'title'",
        "content/eras.yml:7: '10/07/2023' is not a date written YYYY-MM-DD, YYYY-MM or YYYY",
        "content/eras.yml:8: '2023-02-30' is not a date written YYYY-MM-DD, YYYY-MM or YYYY",
        "content/eras.yml:10: each era must be 'title:', 'start:' and 'end:' lines (and 'description:', if you like)"]


def test_a_file_that_is_not_a_list_or_not_yaml_says_where():
    assert said(parse_eras("title: x\n")[1]) == ["content/eras.yml:1: the file must be a list of eras, each starting with '- title:'"]
    assert parse_eras("- title: [unclosed\n")[1][0].line == 1
    assert "given twice" in parse_eras("- title: a\n  title: b\n  start: 2020\n  end: 2020\n")[1][0].message


def test_check_and_build_stop_at_a_bad_eras_file(tmp_path):
    write_entry(tmp_path, "a.md", "---\ntitle: A\ndate: 2020-01-01\n---\n")
    (tmp_path / "content/eras.yml").write_text("- title: Oops\n  start: soon\n  end: 2020\n", encoding="utf-8")
    _, problems = check(load_config(tmp_path))
    assert said(problems) == ["content/eras.yml:2: 'soon' is not a date written YYYY-MM-DD, YYYY-MM or YYYY"]


def test_an_eras_heading_goes_before_its_first_listed_entry():
    listing = [entry("2019-10-01"), entry("2019-12-01"), entry("2020-04-01"), entry("2022-01-01")]
    eras, _ = parse_eras(ERAS + "- {title: Before it all, start: 1990, end: 1991}\n- {title: Under way, start: 2019, end: 2019-10-30}\n")
    found = beginnings(eras, listing)
    assert {path: [era.title for era in there] for path, there in found.items()} == {
        "2019-10-01.md": ["Under way"], "2019-12-01.md": ["Talks"], "2020-04-01.md": ["The blockade"]}  # an era nothing is listed in has none


def test_eras_show_on_the_timeline_its_year_pages_and_in_timelinejs(tmp_path):
    for day in ("2019-06-01", "2020-02-10", "2020-03-12", "2020-03-20", "2021-05-01"):
        write_entry(tmp_path, f"{day}.md", f"---\ntitle: On {day}\ndate: {day}\n---\n")
    (tmp_path / "content/eras.yml").write_text(ERAS, encoding="utf-8")
    config = load_config(tmp_path, search=False)
    build(config)
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert '<rect class="era"' in home and 'data-title="The blockade"' in home
    march = home[home.index("March 2020</h3>"):home.index("May 2021</h3>")]
    assert march.index('<p class="era-title"><span class="era-label">Era</span> The blockade') < march.index("On 2020-03-12")
    assert '<p class="era-about">The port closed to ships.</p>' in march and home.count('class="era-title"') == 1  # nothing is listed in Talks
    assert 'class="era-title"' in (tmp_path / "site/2021/index.html").read_text(encoding="utf-8")  # under way when the year begins
    data = json.loads((tmp_path / "site/timeline.json").read_text(encoding="utf-8"))
    assert data["eras"][1] == {"start_date": {"year": 2020, "month": 3, "day": 1}, "end_date": {"year": 2021, "month": 12, "day": 31},
                               "text": {"headline": "The blockade", "text": "The port closed to ships."}}


def test_an_edit_to_the_eras_rebuilds_the_pages_that_show_them_as_a_cold_build_would(tmp_path):
    for day in ("2019-06-01", "2020-03-12"):
        write_entry(tmp_path, f"{day}.md", f"---\ntitle: On {day}\ndate: {day}\n---\n")
    config = load_config(tmp_path, search=False)
    build(config)
    assert "era-title" not in (tmp_path / "site/index.html").read_text(encoding="utf-8")
    (tmp_path / "content/eras.yml").write_text(ERAS, encoding="utf-8")
    report = build(config)
    files = {path: (tmp_path / "site" / path).read_bytes() for path in ("index.html", "2020/index.html", "timeline.json", "2019/index.html")}
    assert b"The blockade" in files["index.html"] and b"The blockade" in files["2020/index.html"] and b'"eras"' in files["timeline.json"]
    assert report.written < report.files  # entry and term pages show no era: they stay
    (tmp_path / "site").rename(tmp_path / "incremental")
    (tmp_path / ".timeline-cache").rename(tmp_path / "cache-before")
    build(config)
    assert {path: (tmp_path / "site" / path).read_bytes() for path in files} == files
