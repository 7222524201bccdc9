"""Ingest under attack: colliding names and ids, two runs at once, special files, pathological text, kills and full disks."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import load_config
from generator.content_lock import content_lock
from generator.errors import TimelineError
from generator.extract.workers import Failure, bounded_map
from generator.frontmatter import parse
from generator.ingest import ingest
from generator.load import entry_files

TIMELINE = [sys.executable, "-m", "generator"]
REPO = Path(__file__).resolve().parents[2]


def seed(root: Path, name: str, text: str, date: str = "2024-05-01") -> Path:
    path = root / "seeds" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date {date}\n\n{text}\n", encoding="utf-8")
    return path


def entries(root: Path) -> dict[str, dict]:
    """Every entry file under content/ by its path, with its front matter."""
    return {p.relative_to(root / "content").as_posix(): parse(p.read_text(encoding="utf-8")).meta for p in entry_files(root / "content")}


def quiet(config, *paths):
    said: list[str] = []
    return ingest(config, paths, say=said.append, progress=open(os.devnull, "w")), said


def test_four_seeds_with_one_first_sentence_and_look_alike_names_give_four_entries(tmp_path):
    for n in range(1, 5):
        seed(tmp_path, f"00{n}_000000000000000{n}.txt", f"Troops entered the town of Marib on Friday. Report number {n} differs.")
    config = load_config(tmp_path)
    report, _ = quiet(config)
    found = entries(tmp_path)
    assert len(report.ingested) == 4 and len(found) == 4
    assert sorted(meta["id"] for meta in found.values()) == [f"000000000000000{n}" for n in range(1, 5)]
    again, said = quiet(config)
    assert again.summary() == "ingested 0, unchanged 4, failed 0" and said == []


def test_two_seeds_with_one_hash_in_their_names_give_two_entries_the_same_on_every_run(tmp_path):
    seed(tmp_path, "a_029c2bff8747e05e.txt", "Rebels shelled Idlib on Monday.")
    seed(tmp_path, "b_029c2bff8747e05e.txt", "Protesters marched in Beirut on Tuesday.")
    config = load_config(tmp_path)
    quiet(config)
    first = entries(tmp_path)
    assert len(first) == 2 and len({meta["id"] for meta in first.values()}) == 2
    assert {meta["source"]: meta["id"] for meta in first.values()}["seeds/a_029c2bff8747e05e.txt"] == "029c2bff8747e05e"
    report, _ = quiet(config)
    assert entries(tmp_path) == first and len(report.unchanged) == 2


def test_a_later_run_on_another_file_with_a_taken_id_does_not_take_over_the_entry(tmp_path):
    seed(tmp_path, "a_029c2bff8747e05e.txt", "Rebels shelled Idlib on Monday.")
    config = load_config(tmp_path)
    quiet(config)
    other = seed(tmp_path, "later/b_029c2bff8747e05e.txt", "Protesters marched in Beirut on Tuesday.")
    quiet(config, other)
    assert sorted(meta["source"] for meta in entries(tmp_path).values()) == ["seeds/a_029c2bff8747e05e.txt", "seeds/later/b_029c2bff8747e05e.txt"]


def test_the_same_article_in_two_files_is_one_entry_and_said_to_be_a_duplicate(tmp_path):
    seed(tmp_path, "one.txt", "Rebels shelled Idlib on Monday.")
    seed(tmp_path, "two.txt", "Rebels shelled Idlib on Monday.")
    report, said = quiet(load_config(tmp_path))
    assert len(entries(tmp_path)) == 1 and report.summary().endswith("duplicate 1, failed 0")
    assert said == ["seeds/two.txt: the same article as seeds/one.txt; ingested once"]


names = st.from_regex(r"[a-z0-9]{1,6}(_[0-9a-f]{16})?", fullmatch=True) | st.sampled_from(["0_0000000000000001", "x_0000000000000001", "CON"])
articles = st.lists(st.tuples(names, st.sampled_from(["2024-05-01", "2024-05-02"]), st.integers(0, 3)), min_size=1, max_size=6,
                    unique_by=lambda a: a[0].casefold())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles)
def test_any_set_of_articles_gives_one_entry_each(tmp_path_factory, chosen):
    root = tmp_path_factory.mktemp("any")
    for number, (name, date, opening) in enumerate(chosen):
        # few openings, so titles and file names collide; the number makes each article distinct
        seed(root, f"{name}.txt", f"{['Talks opened.', 'Talks opened in Geneva.', 'A strike hit.', 'Aid arrived.'][opening]} Item {number}.", date)
    report, _ = quiet(load_config(root))
    found = entries(root)
    assert len(found) == len(chosen) == len(report.ingested)
    assert len({meta["id"] for meta in found.values()}) == len(chosen)
    assert sorted(meta["source"] for meta in found.values()) == sorted(f"seeds/{name}.txt" for name, _, _ in chosen)


def test_a_second_writer_waits_for_the_first_then_refuses_naming_it(tmp_path):
    with content_lock(tmp_path, "merge"):
        with pytest.raises(TimelineError, match=r"content/ is being changed by 'timeline merge' \(process \d+\)"):
            with content_lock(tmp_path, "ingest", wait=0.2):
                pass
    with content_lock(tmp_path, "ingest", wait=0.2):
        pass  # free again once the first is done


def test_two_ingests_at_once_leave_one_entry_per_article(tmp_path):
    for n in range(40):
        seed(tmp_path, f"{n:03}.txt", f"Talks opened in Geneva. Round {n} ended.")
    runs = [subprocess.Popen([*TIMELINE, "ingest", "--root", str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, err) in zip(runs, outputs):
        assert run.returncode == 0 or "is being changed by 'timeline ingest'" in err
    found = entries(tmp_path)
    assert len(found) == 40 and len({meta["id"] for meta in found.values()}) == 40


def test_fifos_and_devices_are_refused_by_name_and_the_other_seeds_go_in(tmp_path):
    seed(tmp_path, "good.txt", "Talks opened in Geneva.")
    os.mkfifo(tmp_path / "seeds" / "fifo.txt")
    (tmp_path / "seeds" / "zero.txt").symlink_to("/dev/zero")
    report, said = quiet(load_config(tmp_path))
    assert len(report.ingested) == 1 and sorted(Path(f).name for f in report.failed) == ["fifo.txt", "zero.txt"]
    assert "seeds/fifo.txt: not a regular file but a FIFO: only article files are read" in said
    assert "seeds/zero.txt: not a regular file but a character device: only article files are read" in said


@pytest.mark.parametrize("run", ["!" * 40_000, "!?.,;:" * 7_000, "(" * 20_000 + "x" + ")" * 20_000, '"' * 40_000])
def test_long_runs_of_punctuation_do_not_stall_spacy(tmp_path, run):
    seed(tmp_path, "shouty.txt", f"Talks opened in Geneva. {run} The Iranian delegation left.")
    report, _ = quiet(load_config(tmp_path))
    [meta] = entries(tmp_path).values()
    assert len(report.ingested) == 1 and "Geneva" in meta["locations"]


def _slow_on(word: str):
    def work(items):
        if word in items:
            time.sleep(60)
        return [item.upper() for item in items]
    return work


def test_an_item_that_overruns_its_time_is_a_failure_and_the_rest_go_on():
    results = list(bounded_map(_slow_on("slow"), ["a", "b", "slow", "c", "d"], processes=2, batch_size=2, limit=lambda batch: 1.0))
    assert results == ["A", "B", Failure("extraction took more than 1 s"), "C", "D"]


def _dies_on(word: str):
    def work(items):
        if word in items:
            os._exit(3)
        return [item.upper() for item in items]
    return work


def test_an_item_that_kills_its_worker_is_a_failure_and_the_rest_go_on():
    results = list(bounded_map(_dies_on("boom"), ["a", "boom", "b"], processes=1, batch_size=3, limit=lambda batch: 30.0))
    assert results == ["A", Failure("the extraction process ended unexpectedly"), "B"]


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def test_no_worker_outlives_an_ingest_killed_with_sigkill(tmp_path):
    for n in range(200):
        seed(tmp_path, f"{n:03}.txt", f"Talks opened in Geneva. Round {n} ended. " * 20)
    run = subprocess.Popen([*TIMELINE, "ingest", "--root", str(tmp_path)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(workers := _children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) >= 2, "ingest never started its workers"
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1][:3]
              for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1][:3]]
    assert alive == []


def test_a_full_disk_stops_ingest_with_the_reason_and_the_next_run_finishes(tmp_path, monkeypatch):
    for n in range(4):
        seed(tmp_path, f"{n}.txt", f"Talks opened in Geneva. Round {n} ended.")
    config = load_config(tmp_path)
    import generator.entry_file as entry_file_module

    real, written = entry_file_module.write_atomically, []

    def fills_up(path, data, durable=True):
        if len(written) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        written.append(path)
        real(path, data, durable)

    monkeypatch.setattr(entry_file_module, "write_atomically", fills_up)
    with pytest.raises(TimelineError, match="ingest stopped: cannot write .*: No space left on device; entries written before this are kept"):
        quiet(config)
    assert len(entries(tmp_path)) == 2
    monkeypatch.setattr(entry_file_module, "write_atomically", real)
    report, said = quiet(config)
    assert len(entries(tmp_path)) == 4 and report.failed == [] and not any("edited by hand" in line for line in said)


def test_a_seed_whose_name_is_not_utf8_gets_a_source_that_builds(tmp_path):
    seed(tmp_path, "plain.txt", "Talks opened in Geneva.")
    odd = os.fsencode(tmp_path / "seeds") + b"/caf\xe9.txt"
    with open(odd, "wb") as file:
        file.write(b"date 2024-05-02\n\nAid arrived in Beirut.\n")
    report, _ = quiet(load_config(tmp_path))
    assert len(report.ingested) == 2
    assert "seeds/caf\\xe9.txt" in {meta["source"] for meta in entries(tmp_path).values()}
    checked = subprocess.run([*TIMELINE, "check", "--root", str(tmp_path)], cwd=REPO, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_registry_record_written_by_hand_during_an_ingest_is_kept(tmp_path, monkeypatch):
    for n in range(3):
        seed(tmp_path, f"{n}.txt", f"Iranian officials met Hezbollah leaders in Beirut. Round {n} ended.")
    config = load_config(tmp_path)
    (config.content).mkdir(parents=True)
    (config.content / "actors.yml").write_text("# kept by hand\nMichael Kurilla:\n  kind: person\n", encoding="utf-8")
    import generator.ingest as ingest_module

    real = ingest_module.place_entry

    def edits_meanwhile(*args, **kwargs):
        placed = real(*args, **kwargs)
        with open(config.content / "actors.yml", "a", encoding="utf-8") as file:  # as a person's editor would save it
            file.write(f"Hand Record {len(list(entry_files(config.content)))}:\n  kind: person\n  notes: written during the run\n")
        return placed

    monkeypatch.setattr(ingest_module, "place_entry", edits_meanwhile)
    quiet(config)
    text = (config.content / "actors.yml").read_text(encoding="utf-8")
    assert "# kept by hand" in text and "Michael Kurilla:" in text
    assert all(f"Hand Record {n}:" in text for n in (1, 2, 3)) and text.count("notes: written during the run") == 3
    assert "Hezbollah" in text  # and what ingest found is there too


def test_a_registry_file_saved_half_edited_during_an_ingest_is_waited_for(tmp_path, monkeypatch):
    for n in range(3):
        seed(tmp_path, f"{n}.txt", f"Iranian officials met Hezbollah leaders in Beirut. Round {n} ended.")
    config = load_config(tmp_path)
    import generator.ingest as ingest_module

    real, calls = ingest_module.place_entry, []

    def edits_meanwhile(*args, **kwargs):
        placed = real(*args, **kwargs)
        calls.append(1)
        text = "Hand Record:\n  kind: [person\n" if len(calls) == 1 else "Hand Record:\n  kind: person\n"
        (config.content / "actors.yml").write_text(text, encoding="utf-8")
        return placed

    monkeypatch.setattr(ingest_module, "SAVE_EVERY", 0.0)
    monkeypatch.setattr(ingest_module, "place_entry", edits_meanwhile)
    report, said = quiet(config)
    assert len(report.ingested) == 3
    assert any(line.startswith("content/actors.yml:") and line.endswith("ingest tries again at its next save") for line in said)
    assert "Hand Record:" in (config.content / "actors.yml").read_text(encoding="utf-8")
