"""Scores and times geocoding and extraction of the current extractor, its previous release and raw spaCy, side by side.

usage: python benchmarks/geocoding.py CORPUS [--previous REF] [--scorer PATH] [--geo-scorer PATH] [--model NAME] [--verbose]

CORPUS holds articles/ and gold.jsonl (records with `geo` lists and `source_labels`, as in ../shared/corpus/dev).
The current extractor is a copy of this working tree's generator/ taken at the start (others may be editing it);
the previous release is REF (default 9cf1e53), checked out with `git worktree add`. Both live in a temporary folder
and are imported from there. Each ingests CORPUS/articles into its own scratch root with `python -m generator`, timed
as a whole command, and geo_score.py and score.py read that content/. Each gets an empty cache folder
(XDG_CACHE_HOME), and start-up is timed first in fresh processes: the first start builds an on-disk gazetteer index
where the release has one, and the ingests find it built. Raw spaCy is the current generator's spaCy pipeline alone
(entity texts by label, no registry, one process); with no coordinates, its geocoding cells are "-". The ingests and
raw spaCy run --runs times, taking turns; --verbose prints every command as a shell line.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from _measure import compile_timeline, score  # noqa: E402
from generator.config import Config  # noqa: E402

PREVIOUS = "9cf1e53"  # the last release before the geocoding work
MODEL = Config(root=REPO).spacy_model
GEO_ROWS = ("country@1", "acc161@1", "acc161@any", "located")
SCORE_ROWS = tuple(f"{field} {measure}" for field in ("actors", "locations") for measure in ("P", "R", "F1"))
SPEED_ROWS = ("articles/s (whole command)", "wall time of the command, s", "gazetteer, first start, s",
              "gazetteer, second start, s", "spaCy model load, s")
SECTIONS = (("geocoding (geo_score.py)", "", GEO_ROWS), ("extraction (score.py)", "", SCORE_ROWS),
            ("ACLED notes against the coders' own labels (score.py --lenient)", "ACLED ", SCORE_ROWS),
            ("newswire stories alone (score.py on the 'reuters' set)", "newswire ", SCORE_ROWS), ("speed", "", SPEED_ROWS))
IMPORTED = "import generator; print(generator.__file__)"
CACHE = """import importlib.util  # where the release caches its gazetteer index; nothing if it has none
if importlib.util.find_spec("generator.extract.gazetteer_index"):
    from generator.extract import gazetteer_index
    print(getattr(gazetteer_index, "cache_path", str)())"""
GAZETTEER = "import time; from generator.extract.places import gazetteer; t = time.perf_counter(); gazetteer(); print(time.perf_counter() - t)"
SPACY = "import sys, time; from generator.extract.entities import pipeline; t = time.perf_counter(); pipeline(sys.argv[1]); print(time.perf_counter() - t)"
RAW_SPACY = """import sys; from pathlib import Path
from _measure import write_baseline; from generator.article import read_article; from generator.extract.entities import pipeline
files = sorted(Path(sys.argv[2]).glob("*.txt"))
write_baseline(Path(sys.argv[3]), [p.name for p in files], pipeline(sys.argv[1]).pipe([read_article(p).text for p in files], batch_size=32))"""

Say = Callable[[str], None]


@dataclass(frozen=True)
class Corpus:
    """The articles, the gold labels, the ACLED notes' gold made from the coders' labels, and how many articles."""

    articles: Path
    gold: Path
    acled: Path
    count: int
    newswire: Path | None = None  # the gold of the fully labelled newswire stories alone, when there are any


@dataclass(frozen=True)
class Tree:
    """A checkout whose `generator` package its processes import, and the cache folder they share."""

    path: Path
    cache: Path | None  # None: the user's own cache folder

    def variables(self) -> dict[str, str]:
        """The environment variables that make a process import this checkout and use this cache folder."""
        return {"PYTHONPATH": str(self.path), **({"XDG_CACHE_HOME": str(self.cache)} if self.cache else {})}


def main(argv: Sequence[str] | None = None) -> int:
    """Measures each system on CORPUS in a scratch folder, then prints where each came from and one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder holding articles/ and gold.jsonl")
    parser.add_argument("--previous", default=PREVIOUS, metavar="REF", help=f"the release to compare with (default: {PREVIOUS})")
    parser.add_argument("--scorer", type=Path, default=REPO.parent / "shared" / "corpus" / "score.py")
    parser.add_argument("--geo-scorer", type=Path, default=REPO.parent / "shared" / "corpus" / "geo_score.py")
    parser.add_argument("--model", default=MODEL, help=f"spaCy pipeline every system uses (default: {MODEL})")
    parser.add_argument("--runs", type=int, default=3, help="ingests per system, timed; the median is shown (default: 3)")
    parser.add_argument("--verbose", action="store_true", help="print each command before running it")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    say: Say = print if args.verbose else (lambda line: None)

    with tempfile.TemporaryDirectory(prefix="timeline-geocoding-") as folder, worktree(args.previous, Path(folder) / "previous", say) as old:
        scratch = Path(folder)
        source = snapshot(scratch / "current", say)
        articles = args.corpus.resolve() / "articles"  # absolute: the commands run in other folders
        corpus = Corpus(articles, articles.parent / "gold.jsonl", scratch / "acled-gold.jsonl", len(list(articles.glob("*.txt"))),
                        scratch / "newswire-gold.jsonl")
        notes = write_acled_gold(corpus.gold, corpus.acled)
        write_set(corpus.gold, "reuters", corpus.newswire)  # type: ignore[arg-type]
        trees = {"current": Tree(scratch / "current", scratch / "cache-current"), args.previous: Tree(old, scratch / "cache-previous")}
        origins = [f"{name}: generator from {check_imports(tree, say)}" for name, tree in trees.items()]
        columns = {name: start_up(tree, args.model, say) for name, tree in trees.items()}
        seconds: dict[str, list[float]] = {name: [] for name in [*trees, "raw spaCy"]}
        for turn in range(args.runs):  # taking turns, so that a machine whose speed drifts slows every system alike
            for name, tree in trees.items():
                seconds[name].append(ingest(tree, corpus.articles, scratch / f"root-{name}-{turn}", args.model, say))
            seconds["raw spaCy"].append(raw_spacy(trees["current"], corpus.articles, scratch / f"raw-spacy-{turn}.jsonl", args.model, say))
        for name in trees:
            content = scratch / f"root-{name}-0" / "content"
            columns[name] |= {**geo_cells(args.geo_scorer, corpus.gold, content, say), **scores(args.scorer, corpus, ["--content", str(content)], say)}
        columns["raw spaCy"] = {"spaCy model load, s": columns["current"]["spaCy model load, s"],  # the same load of the same pipeline
                                **scores(args.scorer, corpus, ["--pred", str(scratch / "raw-spacy-0.jsonl")], say)}
        for name, times in seconds.items():
            columns[name] |= speed_cells(corpus.count, statistics.median(times))

    print(f"Geocoding benchmark, {datetime.date.today().isoformat()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, spaCy pipeline {args.model}.")
    print(f"corpus {args.corpus}: {corpus.count} articles, {columns['current']['geo events']} geo events (ACLED precision 1-2), "
          f"{notes} ACLED notes; scores from the first of {args.runs} ingests per system, speed their median")
    print(f"{origins[0]} (a copy of {source})")
    print(f"{origins[1]} (a git worktree)")
    print("raw spaCy: the current generator's spaCy pipeline alone (its model load is current's), one process, no registry")
    print()
    print(table(columns))
    return 0


@contextmanager
def worktree(ref: str, path: Path, say: Say) -> Iterator[Path]:
    """A detached checkout of `ref` at `path`, removed afterwards."""
    run(["git", "worktree", "add", "--detach", str(path), ref], REPO, {}, say)
    try:
        yield path
    finally:
        run(["git", "worktree", "remove", "--force", str(path)], REPO, {}, say)


def check_imports(tree: Tree, say: Say) -> Path:
    """Where the processes run in `tree` import `generator` from; refuses a package from anywhere else."""
    origin = Path(run([sys.executable, "-c", IMPORTED], tree.path, tree.variables(), say).strip())
    if not origin.is_relative_to(tree.path):
        raise SystemExit(f"run in {tree.path}, Python imports generator from {origin}")
    return origin


def ingest(tree: Tree, articles: Path, root: Path, model: str, say: Say) -> float:
    """Seconds the ingest command of the generator in `tree` takes to turn `articles` into entries under a new root."""
    root.mkdir()
    (root / "timeline.toml").write_text(f"spacy_model = {json.dumps(model)}\n", encoding="utf-8")
    return timed([sys.executable, "-m", "generator", "--root", str(root), "ingest", str(articles)], tree.path, tree.variables(), say)[1]


def raw_spacy(tree: Tree, articles: Path, predictions: Path, model: str, say: Say) -> float:
    """Seconds one process takes to write raw spaCy's predictions for `articles`, loading the pipeline of the generator in `tree`."""
    variables = {**tree.variables(), "PYTHONPATH": f"{tree.path}{os.pathsep}{REPO / 'benchmarks'}"}  # and _measure
    return timed([sys.executable, "-c", RAW_SPACY, model, str(articles), str(predictions)], tree.path, variables, say)[1]


def start_up(tree: Tree, model: str, say: Say) -> dict[str, str]:
    """Seconds fresh processes take to load the gazetteer, first with no cached index and again, and the spaCy model."""
    say(command([sys.executable, "-m", "compileall", "-q", str(tree.path / "generator")], None, {}))  # as compile_timeline() runs it
    compile_timeline(tree.path)
    index = run([sys.executable, "-c", CACHE], tree.path, tree.variables(), say).strip()
    if index and Path(index).exists():  # kept outside the empty cache folder: removed, so that the first start is cold
        say(f"rm {shlex.quote(index)}")
        Path(index).unlink()
    first, second = (float(run([sys.executable, "-c", GAZETTEER], tree.path, tree.variables(), say)) for _ in range(2))
    loaded = float(run([sys.executable, "-c", SPACY, model], tree.path, tree.variables(), say))
    return {"gazetteer, first start, s": f"{first:.2f}", "gazetteer, second start, s": f"{second:.2f}", "spaCy model load, s": f"{loaded:.2f}"}


def write_acled_gold(gold: Path, out: Path) -> int:
    """Writes the ACLED records of `gold` with the coders' own actors and locations as labels; returns how many."""
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    acled = [{"file": r["file"], "set": r["set"], **{field: r["source_labels"][field] for field in ("actors", "locations")}}
             for r in records if r.get("set") == "acled" and r.get("source_labels")]
    out.write_text("".join(json.dumps(r) + "\n" for r in acled), encoding="utf-8")
    return len(acled)


def write_set(gold: Path, name: str, out: Path) -> int:
    """Writes the records of `gold` whose set is `name`, as they are; returns how many."""
    lines = [line for line in gold.read_text(encoding="utf-8").splitlines() if line.strip() and json.loads(line).get("set") == name]
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def geo_cells(scorer: Path, gold: Path, content: Path, say: Say) -> dict[str, str]:
    """geo_score.py's figures by name, from its last line: 'geo events=27 country@1=0.556 …'."""
    line = run([sys.executable, str(scorer), str(gold), "--content", str(content)], None, {}, say).strip().splitlines()[-1]
    figures = dict(token.split("=", 1) for token in line.split() if "=" in token)
    return {"geo events": figures["events"], **{name: figures[name] for name in GEO_ROWS}}


def scores(scorer: Path, corpus: Corpus, options: list[str], say: Say) -> dict[str, str]:
    """score.py's cells for entries (--content) or predictions (--pred): on the gold, and leniently on the ACLED coders' labels."""
    cells = {**score_cells(scorer, corpus.gold, options, say), **score_cells(scorer, corpus.acled, [*options, "--lenient"], say, "ACLED ")}
    if corpus.newswire and corpus.newswire.read_text(encoding="utf-8").strip():
        cells |= score_cells(scorer, corpus.newswire, options, say, "newswire ")
    return cells


def score_cells(scorer: Path, gold: Path, options: list[str], say: Say, prefix: str = "") -> dict[str, str]:
    """score.py's P, R and F1 per field, as cells named 'actors P', 'locations F1' (after `prefix`)."""
    say(command([sys.executable, str(scorer), str(gold), *options], None, {}))  # as score() runs it
    return {f"{prefix}{field} {name}": value for field, values in score(scorer, gold, options).items()
            for name, value in (part.split("=", 1) for part in values.split())}


def speed_cells(count: int, seconds: float) -> dict[str, str]:
    """Articles per second of a whole command, and its wall time."""
    return {"articles/s (whole command)": f"{count / seconds:.1f}", "wall time of the command, s": f"{seconds:.2f}"}


def table(columns: dict[str, dict[str, str]]) -> str:
    """One row per figure under its section, one column per system; '-' where a system has no such figure."""
    lines = [" " * 52 + "".join(f"{name:>12}" for name in columns)]
    for section, prefix, rows in SECTIONS:
        lines.append(section)
        lines += [f"  {row:50}" + "".join(f"{cells.get(prefix + row, '-'):>12}" for cells in columns.values()) for row in rows]
    return "\n".join(lines)


def snapshot(folder: Path, say: Say) -> str:
    """Copies the working tree's generator package into `folder`; says what it copied: commit, files changed since, fingerprint."""
    head = run(["git", "rev-parse", "--short", "HEAD"], REPO, {}, say).strip()
    changed = [line[3:] for line in run(["git", "status", "--porcelain", "--", "generator"], REPO, {}, say).splitlines()]
    say(f"cp -R {shlex.quote(str(REPO / 'generator'))} {shlex.quote(str(folder / 'generator'))}  # leaving out __pycache__")
    shutil.copytree(REPO / "generator", folder / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    source = hashlib.sha256()
    for path in sorted((folder / "generator").rglob("*.py")):
        source.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return (f"the working tree at {head}" + (f", with uncommitted changes to {', '.join(changed)}" if changed else "")
            + f"; generator/**/*.py sha256 {source.hexdigest()[:12]}")


def timed(arguments: list[str], cwd: Path | None, variables: dict[str, str], say: Say) -> tuple[str, float]:
    """The output of `arguments` run in `cwd` (None: here) with `variables` set, and its wall time in seconds; exits if it fails."""
    say(command(arguments, cwd, variables))
    started = time.perf_counter()
    result = subprocess.run(arguments, cwd=cwd, env={**os.environ, **variables}, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"{command(arguments, cwd, variables)} failed with exit code {result.returncode}:\n{result.stderr}")
    return result.stdout, seconds


def run(arguments: list[str], cwd: Path | None, variables: dict[str, str], say: Say) -> str:
    """The output of `arguments`, run as `timed` runs them."""
    return timed(arguments, cwd, variables, say)[0]


def command(arguments: list[str], cwd: Path | None, variables: dict[str, str]) -> str:
    """`arguments` as a shell line that runs them as `timed` does (in the current folder if `cwd` is None)."""
    settings = "".join(f"{name}={shlex.quote(value)} " for name, value in variables.items())
    return f"(cd {shlex.quote(str(cwd))} && {settings}{shlex.join(arguments)})" if cwd else settings + shlex.join(arguments)


if __name__ == "__main__":
    sys.exit(main())
