"""Ingest throughput: articles per second once the models, gazetteer and base registry are loaded.

usage: python benchmarks/ingest_speed.py ARTICLES_DIR [--copies N] [--runs R]
The folder's articles are ingested N times over (each copy's text opens with 'Copy K.', so every copy is a new
article to extract, not a duplicate), into a fresh scratch project per run; the best and median runs are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.article import read_article  # noqa: E402
from generator.config import Config  # noqa: E402
from generator.extract import base_registry  # noqa: E402
from generator.extract.entities import parse_lead, pipeline  # noqa: E402
from generator.extract.places import gazetteer  # noqa: E402
from generator.ingest import ingest  # noqa: E402


def copies(source: Path, count: int, into: Path) -> int:
    """Writes `count` copies of every article in `source` into `into`, each a distinct article; returns how many."""
    written = 0
    for path in sorted(source.glob("*.txt")):
        article = read_article(path)
        for number in range(1, count + 1):
            text = f" date {article.date.isoformat()} Copy {number}. {article.text}"
            (into / f"{path.stem}-{number}.txt").write_text(text, encoding="utf-8")
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="folder of article files (the seed format)")
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--model", default=Config(root=REPO).spacy_model)
    args = parser.parse_args()
    started = time.perf_counter()
    pipeline(args.model)
    parse_lead("The model is loaded.", args.model)  # and the lead's parser
    gazetteer()
    base_registry()
    print(f"model, gazetteer and base registry loaded in {time.perf_counter() - started:.2f} s")
    rates = []
    with tempfile.TemporaryDirectory(prefix="timeline-speed-") as scratch:
        folder = Path(scratch) / "articles"
        folder.mkdir()
        count = copies(args.articles, args.copies, folder)
        for run in range(args.runs):
            root = Path(scratch) / f"root-{run}"
            root.mkdir()
            started = time.perf_counter()
            report = ingest(Config(root=root, spacy_model=args.model), [folder], say=lambda line: None)
            seconds = time.perf_counter() - started
            rates.append(len(report.ingested) / seconds)
            print(f"run {run + 1}: ingested {len(report.ingested)} of {count} articles in {seconds:.2f} s: {rates[-1]:.1f} articles/s")
    print(f"best {max(rates):.1f}, median {statistics.median(rates):.1f} articles/s")


if __name__ == "__main__":
    main()
