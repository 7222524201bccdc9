"""The day it happened: a lead that dates its main event relative to the article moves the entry there, and keeps the
article's date as `published`; anything less certain keeps the article's date."""

import csv
import datetime
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.article import parse_article
from generator.cli import main
from generator.config import Config, load_config
from generator.event_date import event_date
from generator.extract.entities import parse_lead
from generator.frontmatter import parse
from generator.write_up import write_up
from tests.conftest import SEED, write_entry

MONDAY = datetime.date(2023, 7, 10)  # the seed article's date
MODEL = Config(root=Path(".")).spacy_model


def day_of(lead: str, published: datetime.date = MONDAY) -> datetime.date:
    return event_date(parse_lead(lead, MODEL), published)


@pytest.mark.parametrize("lead, day", [
    ("Police arrested three men yesterday after a shooting in the capital.", datetime.date(2023, 7, 9)),
    ("Rebels seized the town two days ago, the army said.", datetime.date(2023, 7, 8)),  # what the army said happened
    ("The president signed the decree on 7 July.", datetime.date(2023, 7, 7)),
    ("Troops shelled the village last Friday, killing four.", datetime.date(2023, 7, 7)),
    ("The army said on Sunday that rebels had seized the town.", datetime.date(2023, 7, 9)),  # the saying, when that is all it dates
    ("The minister said on Sunday that troops had taken the town on Friday.", datetime.date(2023, 7, 7)),  # what was said wins
    ("An explosion killed 12 people late on Tuesday in Kabul.", datetime.date(2023, 7, 4)),
    ("The president signed the decree last Monday.", datetime.date(2023, 7, 3)),  # a week before, not today
    ("The president signed the decree on 7 June 2021.", datetime.date(2021, 6, 7)),  # a year given: as far back as it says
])
def test_a_past_event_dated_relative_to_the_article_moves_to_its_day(lead, day):
    assert day_of(lead) == day


@pytest.mark.parametrize("lead", [
    "Ministers will meet on Sunday to discuss the crisis.",  # the future
    "Ministers would meet on Sunday, officials said.",  # a modal: not a fact yet
    "Protesters who gathered on Sunday were dispersed by police.",  # a relative clause, not the main event
    "Police questioned witnesses of Sunday's attack on a convoy.",  # it dates a noun, not the verb
    "Police have arrested 20 people since Sunday.",  # a span of days, not one
    "The president signed the decree on 12 July.",  # after the article's date
    "The president signed the decree on 7 June.",  # weeks before, no year: a guess
    "The president signed the decree on 7/8.",  # July or August
    "The president signed the decree on Monday.",  # Monday's article: that same day
    "The president signed the decree on 10 July 2023.",  # the same day, written out
    "Rebels attacked the base last night.",  # a time of day, not a day
    "The army shelled the town last week.",  # a week, not a day
    "",
])
def test_anything_less_certain_keeps_the_article_s_date(lead):
    assert day_of(lead) == MONDAY


def test_the_seed_s_announcement_was_on_sunday_not_at_the_bombing_two_days_before():
    article = parse_article(SEED.read_text(encoding="utf-8"), SEED.stem)
    lead = parse_lead(article.paragraphs[0], MODEL)
    made = write_up(article, lead)
    assert (made.date, made.published) == (datetime.date(2023, 7, 9), MONDAY)


def test_an_event_on_the_article_s_own_day_has_no_published_date():
    article = parse_article(" date 2020-05-09 On 9 May 2020, regime forces shelled Kinda in Idleb using artillery fire.", "note")
    made = write_up(article, parse_lead(article.paragraphs[0], MODEL))
    assert (made.date, made.published) == (datetime.date(2020, 5, 9), None)


def ingested(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds")
    assert main(["ingest", "--root", str(tmp_path)]) == 0
    [path] = (tmp_path / "content").rglob("*.md")
    return path


def test_ingest_dates_the_seed_by_its_event_and_keeps_the_article_s_date_as_published(tmp_path, capsys):
    path = ingested(tmp_path)
    meta = parse(path.read_text(encoding="utf-8")).meta
    assert (meta["date"], meta["published"]) == (datetime.date(2023, 7, 9), datetime.date(2023, 7, 10))
    assert path.relative_to(tmp_path / "content").as_posix().startswith("2023/2023-07-09-")
    assert main(["check", "--root", str(tmp_path)]) == 0


def test_a_date_set_by_hand_survives_a_new_extractor(tmp_path, capsys, monkeypatch):
    path = ingested(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2023-07-09\n", "date: 2023-07-05\n", 1), encoding="utf-8")
    monkeypatch.setattr("generator.ingest_log.__version__", "99")  # another release: every article is extracted again
    monkeypatch.setattr("generator.write_up.event_date", lambda lead, published: published - datetime.timedelta(days=3))
    capsys.readouterr()
    assert main(["ingest", "--root", str(tmp_path)]) == 0
    assert parse(path.read_text(encoding="utf-8")).meta["date"] == datetime.date(2023, 7, 5)
    assert "edited by hand since ingest wrote it; kept (ingest would change: date" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "content").rglob("*.md")] == [path.name]


def test_an_untouched_entry_follows_the_extractor(tmp_path, monkeypatch):
    path = ingested(tmp_path)
    monkeypatch.setattr("generator.ingest_log.__version__", "99")
    monkeypatch.setattr("generator.write_up.event_date", lambda lead, published: published - datetime.timedelta(days=3))
    assert main(["ingest", "--root", str(tmp_path)]) == 0
    [moved] = (tmp_path / "content").rglob("*.md")
    assert not path.exists() and moved.name.startswith("2023-07-07-")
    assert parse(moved.read_text(encoding="utf-8")).meta["date"] == datetime.date(2023, 7, 7)


ENTRY = "---\ntitle: Strike\ndate: 2023-07-09\npublished: {published}\nsummary: What happened.\n---\n\nBody.\n"


@pytest.mark.parametrize("published, message", [
    ("10/07/2023", "'published' must be a real date written YYYY-MM-DD, got '10/07/2023'"),
    ("2023-02-30", "'published' 2023-02-30 is not a real calendar date"),
    ("2023-07-10 09:00", "'published' must be a real date written YYYY-MM-DD"),
])
def test_check_reports_a_bad_published_date_at_its_line(tmp_path, capsys, published, message):
    write_entry(tmp_path, "2023/strike.md", ENTRY.format(published=published))
    assert main(["check", "--root", str(tmp_path)]) == 1
    assert f"content/2023/strike.md:4: {message}" in capsys.readouterr().out


@pytest.fixture
def site(tmp_path):
    write_entry(tmp_path, "2023/strike.md", ENTRY.format(published="2023-07-10"))
    write_entry(tmp_path, "2023/talks.md", "---\ntitle: Talks\ndate: 2023-07-01\n---\n\nBody.\n")
    assert main(["build", "--root", str(tmp_path), "--base-url", "https://example.org/"]) == 0
    return tmp_path / "site"


def test_the_exports_give_published_beside_date(site):
    records = json.loads((site / "entries.json").read_text(encoding="utf-8"))
    assert [(r["date"], r["published"]) for r in records] == [("2023-07-01", ""), ("2023-07-09", "2023-07-10")]
    rows = list(csv.DictReader(io.StringIO((site / "entries.csv").read_text(encoding="utf-8"))))
    assert [(r["date"], r["published"]) for r in rows] == [("2023-07-01", ""), ("2023-07-09", "2023-07-10")]


def test_the_feed_publishes_an_entry_when_its_article_was(site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()
    assert [(e.findtext(f"{atom}title"), e.findtext(f"{atom}published")) for e in feed.iter(f"{atom}entry")] == [
        ("Strike", "2023-07-10T00:00:00Z"), ("Talks", "2023-07-01T00:00:00Z")]
    assert feed.findtext(f"{atom}updated") == "2023-07-10T00:00:00Z"


def test_the_entry_page_says_when_it_was_published_only_when_that_was_later(site):
    strike = (site / "entries/strike/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-07-09">9 July 2023</time> <span class="published">· Published <time datetime="2023-07-10">10 July 2023</time></span>' in strike
    assert "Published" not in (site / "entries/talks/index.html").read_text(encoding="utf-8")


def test_the_schema_knows_published(tmp_path, capsys):
    import jsonschema

    (tmp_path / "content").mkdir()
    assert main(["schema", "--root", str(tmp_path)]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.validate({"title": "Strike", "date": "2023-07-09", "published": "2023-07-10"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "Strike", "date": "2023-07-09", "published": 20230710}, schema)
