"""Headlines and summaries that ingest writes, against real wire headlines, and what the conflict notes get.

usage: python benchmarks/headlines.py CORPUS [--scorers FOLDER] [--keep FOLDER] [--tree FOLDER]

CORPUS holds articles/ and gold.jsonl (as ../shared/corpus/dev). Three ingests, each into a scratch root with
`python -m generator`:
1. the Reuters stories (gold set "reuters") with their headline paragraph (the first after the date line) removed,
   so that ingest writes the headline; the real ones go to TITLES.json and headline_score.py compares them;
2. the conflict notes (set "acled"), whose titles are scored here by headline_score.py's own measures (no real
   headlines exist), and whose kinds of event event_score.py scores against the coders' `event_type`;
3. the whole corpus as it is, for the summaries: how many restate their title.
Then, in this process, what headline and summary cost an article (leads parsed beforehand as ingest's workers do):
the first pass, which loads lemminflect's tables, and the mean of five more.
The scorers are CORPUS/../headline_score.py and event_score.py unless --scorers says where; article texts are
copied only into the temporary folder. --tree runs the generator of another checkout (a `git worktree` of an
earlier commit, say) to compare.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import yaml

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--scorers", type=Path, help="folder of headline_score.py and event_score.py (default: CORPUS/..)")
    parser.add_argument("--keep", type=Path, help="write the scratch roots here instead of a temporary folder")
    parser.add_argument("--tree", type=Path, default=REPO, help="the checkout whose generator ingests (default: this one)")
    args = parser.parse_args(argv)
    ingest = lambda articles, root: run_ingest(articles, root, args.tree)  # noqa: E731
    scorers = args.scorers or args.corpus.resolve().parent
    score = load(scorers / "headline_score.py")
    records = [json.loads(line) for line in (args.corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="headlines-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        reuters = [r["file"] for r in records if r.get("set") == "reuters"]
        titles = write_headless(args.corpus / "articles", reuters, work / "reuters-articles")
        (work / "TITLES.json").write_text(json.dumps(titles, indent=1), encoding="utf-8")
        ingest(work / "reuters-articles", work / "reuters")
        print(f"Reuters stories, headline paragraph removed ({len(titles)}; real headlines in TITLES.json):")
        print("  " + run([sys.executable, str(scorers / "headline_score.py"), str(work / "TITLES.json"), "--content", str(work / "reuters" / "content")]))

        notes = [r["file"] for r in records if r.get("set") == "acled"]
        copy(args.corpus / "articles", notes, work / "acled-articles")
        ingest(work / "acled-articles", work / "acled")
        print(f"Conflict notes ({len(notes)}):")
        print("  " + figures(entries(work / "acled" / "content"), score))
        typed = [r for r in records if r.get("event_type")]
        (work / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in typed), encoding="utf-8")
        print("  " + run([sys.executable, str(scorers / "event_score.py"), str(work / "events.jsonl"), "--content", str(work / "acled" / "content")]))

        copy(args.corpus / "articles", [r["file"] for r in records], work / "all-articles")
        ingest(work / "all-articles", work / "all")
        print(f"The whole corpus as it is ({len(records)}):")
        print("  " + figures(entries(work / "all" / "content"), score))
    if args.tree == REPO:
        print("Cost in this process: " + cost(sorted((args.corpus / "articles").glob("*.txt"))))
    return 0


def cost(paths: list[Path]) -> str:
    """CPU seconds the first pass of headlines and summaries over the articles takes, and milliseconds an article after."""
    sys.path.insert(0, str(REPO))
    from generator.article import read_article
    from generator.config import Config
    from generator.extract.entities import parse_lead
    from generator.headline import headline
    from generator.opening import opening
    from generator.summary import summarise
    from generator.wire_case import sentence_case

    model = Config(root=REPO).spacy_model
    parts = [opening(read_article(path).paragraphs) for path in paths]
    leads = [parse_lead(part.lead, model) for part in parts]

    def write_all() -> float:
        started = time.process_time()  # CPU time: the other sessions on this machine do not count
        for part, lead in zip(parts, leads):
            title = sentence_case(part.headline, (part.lead, *part.body[1:])) if part.headline else headline(lead)
            summarise(lead, title)
        return time.process_time() - started

    first = write_all()
    again = statistics.mean(write_all() for _ in range(5))
    return f"first pass {first:.2f} CPU s for {len(paths)} articles, then {again / len(paths) * 1000:.2f} ms an article"


def load(path: Path) -> ModuleType:
    """The scorer at `path` as a module, so that these figures use its own measures."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: no scorer there (see --scorers)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_headless(articles: Path, names: Iterable[str], out: Path) -> list[dict[str, str]]:
    """Copies each story without its headline paragraph into `out`; returns the headlines as headline_score reads them."""
    out.mkdir(parents=True)
    titles = []
    for name in names:
        first, _, story = (articles / name).read_text(encoding="utf-8").partition("\n\n")
        date, day, headline = (first.split(maxsplit=2) + ["", ""])[:3]  # ' date 1987-10-20 HEADLINE'
        titles.append({"file": name, "title": headline})
        (out / name).write_text(f" {date} {day} {story}", encoding="utf-8")
    return titles


def copy(articles: Path, names: Iterable[str], out: Path) -> None:
    out.mkdir(parents=True)
    for name in names:
        shutil.copyfile(articles / name, out / name)


def run_ingest(articles: Path, root: Path, tree: Path) -> None:
    """Ingests `articles` into a new root with the generator of `tree`."""
    root.mkdir()
    run([sys.executable, "-m", "generator", "--root", str(root.resolve()), "ingest", str(articles.resolve())], tree)


def run(arguments: list[str], cwd: Path = REPO) -> str:
    """The last line `arguments` print, run in `cwd`; exits if they fail."""
    result = subprocess.run(arguments, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(arguments)} failed with exit code {result.returncode}:\n{result.stderr}")
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def entries(content: Path) -> list[dict[str, object]]:
    """The front matter of every entry under `content`."""
    found = []
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        found.append(yaml.safe_load(text[3 : text.find("\n---", 3)]) or {})
    return found


def figures(metas: list[dict[str, object]], score: ModuleType) -> str:
    """headline_score.py's measures that need no real headline: lengths, cut-offs, date openers, distinct, restated."""
    titles = [str(m.get("title") or "") for m in metas]
    restated = 0
    for meta, title in zip(metas, titles):
        head = score.WORD.findall(title.lower())
        restated += bool(head) and score.WORD.findall(str(meta.get("summary") or "").lower())[: len(head)] == head
    n = len(titles) or 1
    return (f"entries={len(titles)} mean_len={sum(map(len, titles)) / n:.0f} max_len={max(map(len, titles), default=0)} "
            f"over_80={sum(len(t) > 80 for t in titles)} cut={sum(t.rstrip().endswith(('…', '...')) for t in titles)} "
            f"date_opening={sum(bool(score.DATE_OPENING.match(t)) for t in titles)} distinct={len(set(titles)) / n:.3f} "
            f"restated={restated}")


if __name__ == "__main__":
    sys.exit(main())
