"""Scores extraction on a labelled corpus, beside a raw-spaCy baseline, and measures its speed.

usage: python benchmarks/extraction.py CORPUS_DIR [--scorer PATH] [--model NAME]
CORPUS_DIR holds articles/ and gold.jsonl; the scorer defaults to ../shared/corpus/score.py from the repository root.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from _measure import score, write_baseline  # noqa: E402
from generator.article import read_article  # noqa: E402
from generator.config import Config  # noqa: E402
from generator.extract import base_registry  # noqa: E402
from generator.extract.entities import pipeline  # noqa: E402
from generator.extract.places import gazetteer  # noqa: E402
from generator.ingest import ingest  # noqa: E402


def main() -> None:
    """Loads once, ingests the corpus into a scratch root, scores it and the baseline, prints both."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder holding articles/ and gold.jsonl")
    parser.add_argument("--scorer", type=Path, default=REPO / ".." / "shared" / "corpus" / "score.py")
    parser.add_argument("--model", default=Config(root=REPO).spacy_model)
    args = parser.parse_args()
    articles, gold = args.corpus / "articles", args.corpus / "gold.jsonl"
    files = sorted(articles.glob("*.txt"))

    started = time.perf_counter()
    nlp = pipeline(args.model)
    gazetteer()
    base_registry()
    load_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as scratch:
        root = Path(scratch) / "root"
        root.mkdir()
        started = time.perf_counter()
        report = ingest(Config(root=root, spacy_model=args.model), [articles], say=lambda line: None)
        ingest_seconds = time.perf_counter() - started
        ours = score(args.scorer, gold, ["--content", str(root / "content")])

        baseline = Path(scratch) / "baseline.jsonl"
        texts = [read_article(path).text for path in files]
        write_baseline(baseline, (path.name for path in files), nlp.pipe(texts, batch_size=32))
        raw = score(args.scorer, gold, ["--pred", str(baseline)])

    print(f"{'':10} {'ours':>30}   {'raw spaCy baseline':>30}")
    for field in ("actors", "locations"):
        print(f"{field:10} {ours.get(field, '?'):>30}   {raw.get(field, '?'):>30}")
    print(f"ingested {len(report.ingested)} of {len(files)} articles in {ingest_seconds:.2f} s: "
          f"{len(files) / ingest_seconds:.1f} articles/s (model, gazetteer and base registry loaded beforehand in {load_seconds:.2f} s)")


if __name__ == "__main__":
    main()
