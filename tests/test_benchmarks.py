"""benchmarks/: the synthetic corpus is deterministic, has awkward names, and is valid timeline content; geocoding.py's pieces."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from benchmarks._measure import entry_files, retitle
from benchmarks.geocoding import (MODEL, REPO, SECTIONS, Corpus, Tree, check_imports, geo_cells, ingest, raw_spacy, scores,
                                  speed_cells, table, worktree, write_acled_gold)
from benchmarks.headlines import figures, load, write_headless
from benchmarks.make_corpus import make_corpus
from generator.cli import main
from generator.frontmatter import parse


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root by its relative path."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def names(root: Path) -> list[str]:
    """Every actor and location named in the corpus's entries."""
    found = []
    for path in entry_files(root):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        found += meta["actors"] + meta["locations"]
    return found


def test_the_same_size_and_seed_give_a_byte_identical_corpus(tmp_path: Path) -> None:
    make_corpus(30, tmp_path / "first")
    make_corpus(30, tmp_path / "second")
    assert tree(tmp_path / "first") == tree(tmp_path / "second")
    assert len(entry_files(tmp_path / "first")) == 30


def test_another_seed_gives_another_corpus(tmp_path: Path) -> None:
    make_corpus(30, tmp_path / "first", seed=1)
    make_corpus(30, tmp_path / "second", seed=2)
    assert tree(tmp_path / "first") != tree(tmp_path / "second")


def test_names_include_diacritics_and_apostrophes(tmp_path: Path) -> None:
    make_corpus(30, tmp_path)
    found = names(tmp_path)
    assert any(not name.isascii() for name in found)
    assert any("'" in name for name in found)


def test_timeline_check_accepts_the_corpus(tmp_path: Path) -> None:
    make_corpus(30, tmp_path)
    assert main(["check", "--root", str(tmp_path)]) == 0


def test_retitle_changes_only_the_title_and_keeps_the_file_valid(tmp_path: Path) -> None:
    make_corpus(30, tmp_path)
    entry = entry_files(tmp_path)[0]
    before = parse(entry.read_text(encoding="utf-8"))
    retitle(entry, "bench-edit-1")
    after = parse(entry.read_text(encoding="utf-8"))
    assert after.meta == {**before.meta, "title": before.meta["title"] + " bench-edit-1"}
    assert after.body == before.body
    assert [path.name for path in entry.parent.iterdir() if path.name.startswith(".")] == []


SHARED = REPO.parent / "shared" / "corpus"
ARTICLES = {
    "001_syrprotest.txt": " date 2020-03-03 On 3 March 2020, shop owners held a protest in Aleppo city (Aleppo, Syria) "
                          "against rising prices. [size=no report]",
    "002_yemshelling.txt": " date 2020-03-04 On 4 March 2020, Houthi forces shelled government positions near Taiz city "
                           "(Taiz, Yemen). No casualties were reported.",
    "003_reutbonn.txt": " date 1987-10-20 BONN SAYS RATES WILL STAY LOW\n\nBONN, Oct 20 - West German Finance Minister "
                        "Gerhard Stoltenberg said interest rates would stay low, the Finance Ministry said.\n",
}
GOLD = [
    {"file": "001_syrprotest.txt", "set": "acled", "date": "2020-03-03", "actors": [], "locations": ["Aleppo", "Syria"],
     "evidence": {"actors": {}, "locations": {"Aleppo": ["Aleppo city"], "Syria": ["Syria"]}}, "notes": "",
     "source_labels": {"actors": ["Protesters (Syria)"], "locations": ["Aleppo", "Aleppo", "Syria"]},
     "geo": [{"location": "Aleppo", "admin1": "Aleppo", "country": "Syria", "lat": 36.2021, "lon": 37.1343, "precision": 1}]},
    {"file": "002_yemshelling.txt", "set": "acled", "date": "2020-03-04", "actors": ["Houthis"], "locations": ["Taiz", "Yemen"],
     "evidence": {"actors": {"Houthis": ["Houthi forces"]}, "locations": {"Taiz": ["Taiz city"], "Yemen": ["Yemen"]}}, "notes": "",
     "source_labels": {"actors": ["Military Forces of Yemen (2017-) Houthi", "Military Forces of Yemen (2016-)"],
                       "locations": ["Taiz", "Taizz", "Yemen"]},
     "geo": [{"location": "Taiz", "admin1": "Taizz", "country": "Yemen", "lat": 13.5795, "lon": 44.0209, "precision": 1}]},
    {"file": "003_reutbonn.txt", "set": "reuters", "date": "1987-10-20", "actors": ["Gerhard Stoltenberg", "Federal Ministry of Finance"],
     "locations": ["Bonn"], "evidence": {"actors": {"Gerhard Stoltenberg": ["Gerhard Stoltenberg"],
                                                    "Federal Ministry of Finance": ["the Finance Ministry"]},
                                         "locations": {"Bonn": ["BONN"]}}, "notes": "",
     "source_labels": {"actors": ["Gerhard Stoltenberg"], "locations": ["West Germany"]}},
]


def tiny_corpus(folder: Path) -> Corpus:
    """Three short made-up articles, two of them ACLED-style notes, with gold in the shared corpus's format."""
    (folder / "articles").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    (folder / "gold.jsonl").write_text("".join(json.dumps(record) + "\n" for record in GOLD), encoding="utf-8")
    return Corpus(folder / "articles", folder / "gold.jsonl", folder / "acled-gold.jsonl", len(ARTICLES))


def rows(printed: str) -> dict[str, dict[str, list[str]]]:
    """The printed table's cells, by section and row."""
    found: dict[str, dict[str, list[str]]] = {}
    for line in printed.splitlines()[1:]:
        if line.startswith("  "):
            label, *cells = re.split(r"\s{2,}", line.strip())
            found[section][label] = cells
        else:
            section = line
            found[section] = {}
    return found


def test_the_acled_gold_holds_the_acled_notes_with_their_coders_labels(tmp_path: Path) -> None:
    corpus = tiny_corpus(tmp_path)
    assert write_acled_gold(corpus.gold, corpus.acled) == 2
    written = [json.loads(line) for line in corpus.acled.read_text(encoding="utf-8").splitlines()]
    assert written == [{"file": "001_syrprotest.txt", "set": "acled", **GOLD[0]["source_labels"]},
                       {"file": "002_yemshelling.txt", "set": "acled", **GOLD[1]["source_labels"]}]


def test_a_previous_release_is_imported_from_its_own_worktree_which_goes_afterwards(tmp_path: Path) -> None:
    listed = ["git", "worktree", "list", "--porcelain"]
    before = subprocess.run(listed, cwd=REPO, capture_output=True, text=True, check=True).stdout
    with worktree("HEAD", tmp_path / "previous", lambda line: None) as old:
        assert check_imports(Tree(old, None), lambda line: None) == old / "generator" / "__init__.py"
    assert not (tmp_path / "previous").exists()
    assert subprocess.run(listed, cwd=REPO, capture_output=True, text=True, check=True).stdout == before


def test_the_table_has_every_row_for_every_system_and_a_dash_for_what_a_system_lacks() -> None:
    printed = table({"current": {"country@1": "0.500", "ACLED actors P": "0.250", **speed_cells(3, 1.5)}, "raw spaCy": {"actors P": "0.100"}})
    found = rows(printed)
    assert printed.splitlines()[0].split() == ["current", "raw", "spaCy"]
    assert list(found) == [section for section, _, _ in SECTIONS]
    assert [list(cells) for cells in found.values()] == [list(names) for _, _, names in SECTIONS]
    assert found["geocoding (geo_score.py)"]["country@1"] == ["0.500", "-"]
    assert found["extraction (score.py)"]["actors P"] == ["-", "0.100"]
    assert found["ACLED notes against the coders' own labels (score.py --lenient)"]["actors P"] == ["0.250", "-"]
    assert found["speed"]["articles/s (whole command)"] == ["2.0", "-"]


@pytest.mark.skipif(not (SHARED / "score.py").exists() or not (SHARED / "geo_score.py").exists(),
                    reason=f"needs the corpus scorers score.py and geo_score.py in {SHARED} (absent in CI)")
def test_each_system_is_scored_and_timed_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus = tiny_corpus(tmp_path / "corpus")
    write_acled_gold(corpus.gold, corpus.acled)
    quiet = lambda line: None  # noqa: E731
    root, predictions = tmp_path / "root", tmp_path / "raw-spacy.jsonl"
    current = {**speed_cells(corpus.count, ingest(Tree(REPO, None), corpus.articles, root, MODEL, quiet)),
               **geo_cells(SHARED / "geo_score.py", corpus.gold, root / "content", quiet),
               **scores(SHARED / "score.py", corpus, ["--content", str(root / "content")], quiet)}
    baseline = {**speed_cells(corpus.count, raw_spacy(Tree(REPO, None), corpus.articles, predictions, MODEL, quiet)),
                **scores(SHARED / "score.py", corpus, ["--pred", str(predictions)], quiet)}
    found = rows(table({"current": current, "raw spaCy": baseline}))

    assert current["geo events"] == "2"
    for section, _, names in SECTIONS[:3]:
        for name in names:
            ours, raw = found[section][name]
            assert 0 <= float(ours) <= 1, (section, name, ours)
            assert raw == "-" if section.startswith("geocoding") else 0 <= float(raw) <= 1, (section, name, raw)
    for cells in (found["speed"]["articles/s (whole command)"], found["speed"]["wall time of the command, s"]):
        assert [float(cell) for cell in cells]  # figures, whatever their values
    assert found["geocoding (geo_score.py)"]["located"][0] != "0.000"  # Aleppo and Taiz have coordinates


def test_the_headline_benchmark_takes_each_story_s_headline_away_and_keeps_it_as_the_real_one(tmp_path: Path) -> None:
    corpus = tiny_corpus(tmp_path / "corpus")
    titles = write_headless(corpus.articles, ["003_reutbonn.txt"], tmp_path / "headless")
    assert titles == [{"file": "003_reutbonn.txt", "title": "BONN SAYS RATES WILL STAY LOW"}]
    story = (tmp_path / "headless" / "003_reutbonn.txt").read_text(encoding="utf-8")
    assert story.startswith(" date 1987-10-20 BONN, Oct 20 - West German") and "STAY LOW" not in story


@pytest.mark.skipif(not (SHARED / "headline_score.py").exists(), reason=f"needs the corpus scorer headline_score.py in {SHARED}")
def test_the_headline_benchmark_measures_titles_as_headline_score_does() -> None:
    metas = [{"title": "Regime forces shell Kinda", "summary": "On 9 May 2020, regime forces shelled Kinda."},
             {"title": "On 9 May 2020, clashes took place", "summary": "On 9 May 2020, clashes took place in Idleb."}]
    assert figures(metas, load(SHARED / "headline_score.py")) == (
        "entries=2 mean_len=29 max_len=33 over_80=0 cut=0 date_opening=1 distinct=1.000 restated=1")
