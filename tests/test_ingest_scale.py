"""Ingest at scale: finished articles are skipped, a stopped run resumes, and progress shows off a terminal as plain lines."""

import io
import json
import shutil
import signal

import pytest

from generator.config import load_config
from generator.extract import Extraction, Found
from generator.ingest import ingest
from generator.progress import Progress
from generator.ingest_log import LOG_FILE
from tests.conftest import SEED


from generator.extract.entities import ParsedLead, parse_lead  # noqa: E402
from generator.opening import opening  # noqa: E402


def project(tmp_path, count):
    """A project with `count` short articles in seeds/, one a day from 2024-01-01."""
    (tmp_path / "seeds").mkdir()
    for number in range(1, count + 1):
        text = f"date 2024-01-{number:02d}\n\nTalks resume in Geneva, day {number}\n\nDelegations met again on day {number}.\n"
        (tmp_path / "seeds" / f"{number:03d}_{number:016x}.txt").write_text(text, encoding="utf-8")
    return load_config(tmp_path)


def stand_in_for_spacy(monkeypatch, interrupt_after=None, ctrl_c_after=None):
    """Replaces extraction with one that finds the same actor and place in every article; returns the ids it was given."""
    given = []

    def extract_each(articles, model, registry, count):
        for number, article in enumerate(articles, start=1):
            given.append(article.id)
            yield Found(Extraction(("United Nations",), ("Geneva",)), (), (), lead=ParsedLead.of(parse_lead(opening(article.paragraphs).lead, model)))
            if number == interrupt_after:
                raise KeyboardInterrupt
            if number == ctrl_c_after:
                signal.raise_signal(signal.SIGINT)  # as if the person pressed Ctrl-C while this article was written

    monkeypatch.setattr("generator.ingest.extract_each", extract_each)
    return given


def run(config, progress=None):
    said = []
    report = ingest(config, say=said.append, progress=progress or io.StringIO())
    return report, said


def entries(config):
    return sorted(p.name for p in config.content.rglob("*.md"))


def test_a_second_run_does_not_extract_articles_it_finished_from_the_same_file(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds")
    config = load_config(tmp_path)
    run(config)  # with spaCy
    given = stand_in_for_spacy(monkeypatch)
    report, said = run(config)
    assert given == [] and report.summary() == "ingested 0, unchanged 1, failed 0" and said == []


def test_a_changed_article_file_is_extracted_again_and_only_it(tmp_path, monkeypatch):
    config = project(tmp_path, 3)
    given = stand_in_for_spacy(monkeypatch)
    run(config)
    assert given == ["0000000000000001", "0000000000000002", "0000000000000003"]
    seed = config.seeds / "002_0000000000000002.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("met again", "met once more"), encoding="utf-8")
    given.clear()
    report, _ = run(config)
    assert given == ["0000000000000002"] and report.summary() == "ingested 1, unchanged 2, failed 0"


def test_an_interrupted_run_keeps_what_it_finished_and_the_next_run_does_only_the_rest(tmp_path, monkeypatch):
    config = project(tmp_path, 5)
    stand_in_for_spacy(monkeypatch, interrupt_after=2)
    said = []
    with pytest.raises(KeyboardInterrupt):
        ingest(config, say=said.append, progress=io.StringIO())
    assert said == ["ingest: stopped after 2 of 5 articles, which are saved; run the same command again to do the other 3"]
    assert entries(config) == ["2024-01-01-talks-resume-in-geneva.md", "2024-01-02-talks-resume-in-geneva.md"]
    logged = json.loads((config.content / LOG_FILE).read_text(encoding="utf-8"))["entries"]
    assert sorted(logged) == ["0000000000000001", "0000000000000002"]
    assert logged["0000000000000001"]["source"] == "seeds/001_0000000000000001.txt"

    given = stand_in_for_spacy(monkeypatch)
    report, said = run(config)
    assert given == ["0000000000000003", "0000000000000004", "0000000000000005"]
    assert report.summary() == "ingested 3, unchanged 2, failed 0" and said == [] and len(entries(config)) == 5


def test_ctrl_c_lets_the_article_in_hand_finish_then_stops(tmp_path, monkeypatch):
    config = project(tmp_path, 5)
    given = stand_in_for_spacy(monkeypatch, ctrl_c_after=3)
    usual = signal.getsignal(signal.SIGINT)
    said = []
    with pytest.raises(KeyboardInterrupt):
        ingest(config, say=said.append, progress=io.StringIO())
    assert given == ["0000000000000001", "0000000000000002", "0000000000000003"]  # no article is read after Ctrl-C
    assert len(entries(config)) == 3 and "run the same command again to do the other 2" in said[-1]
    assert signal.getsignal(signal.SIGINT) is usual  # once ingest is over, Ctrl-C does what it did before


def test_an_edited_registry_makes_the_next_run_extract_every_article_again(tmp_path, monkeypatch):
    config = project(tmp_path, 2)
    given = stand_in_for_spacy(monkeypatch)
    run(config)
    (config.content / "actors.yml").write_text("United Nations:\n  kind: organisation\n  aliases: [UN]\n", encoding="utf-8")
    given.clear()
    progress = io.StringIO()
    report, _ = run(config, progress)
    assert given == ["0000000000000001", "0000000000000002"] and report.summary() == "ingested 0, unchanged 2, failed 0"
    assert "ingest: the registry, the spaCy model or timeline changed since the last ingest" in progress.getvalue()


def test_an_entry_deleted_by_hand_is_not_extracted_again(tmp_path, monkeypatch):
    config = project(tmp_path, 2)
    given = stand_in_for_spacy(monkeypatch)
    run(config)
    (config.content / "2024" / "2024-01-01-talks-resume-in-geneva.md").unlink()
    given.clear()
    report, said = run(config)
    assert given == [] and said == ["content/2024/2024-01-01-talks-resume-in-geneva.md: deleted by hand; not re-created"]


def test_a_log_from_before_sources_were_recorded_costs_one_more_extraction_then_resumes_as_usual(tmp_path, monkeypatch):
    config = project(tmp_path, 2)
    given = stand_in_for_spacy(monkeypatch)
    run(config)
    log = config.content / LOG_FILE
    entries_only = {id_: {"path": e["path"], "sha256": e["sha256"]} for id_, e in json.loads(log.read_text())["entries"].items()}
    log.write_text(json.dumps({"version": 1, "entries": entries_only}))
    given.clear()
    assert run(config)[0].summary() == "ingested 0, unchanged 2, failed 0" and len(given) == 2
    given.clear()
    assert run(config)[0].summary() == "ingested 0, unchanged 2, failed 0" and given == []


def test_off_a_terminal_ingest_writes_plain_lines(tmp_path, monkeypatch):
    config = project(tmp_path, 3)
    stand_in_for_spacy(monkeypatch)
    progress = io.StringIO()
    run(config, progress)
    assert progress.getvalue() == "ingest: 3 of 3 articles to do\n"


def test_off_a_terminal_progress_is_a_line_every_ten_seconds_with_rate_and_time_left():
    out, ticks = io.StringIO(), [0]
    progress = Progress(total=1000, done=400, stream=out, clock=lambda: ticks[0] / 10)
    for _ in range(300):
        ticks[0] += 1  # ten articles a second
        progress.advance()
    assert out.getvalue().splitlines() == [
        "ingest: 600 of 1000 articles to do (400 done before)",
        "ingest: 500/1000 articles (10.0/s, about 50 s left)",
        "ingest: 600/1000 articles (10.0/s, about 40 s left)",
        "ingest: 700/1000 articles (10.0/s, about 30 s left)",
    ]


def test_on_a_terminal_progress_is_a_bar_and_lines_said_go_above_it():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    progress = Progress(total=10, done=0, stream=out)
    say = progress.around(lambda line: out.write(line + "\n"))
    progress.advance()
    say("content/2024/x.md: edited by hand since ingest wrote it; kept")
    progress.close()
    screen = out.getvalue()
    assert "\r" in screen and "1/10" in screen and " articles/s" in screen
    assert "\rcontent/2024/x.md: edited by hand since ingest wrote it; kept\n" in screen  # the bar is cleared first
