"""Web pages in: how many give an entry, with a title and a date, how close the body is to the article's text, and how fast,
side by side with trafilatura called directly.

usage: python benchmarks/articles.py PAGES_DIR [--gold GOLD.jsonl] [--scorer body_score.py] [--runs R]
PAGES_DIR holds saved pages (*.html). With --gold (file, url, articleBody per line), the bodies are scored by the scorer
(default: body_score.py beside the gold file's folder) as the public article-extraction benchmark scores them.
Speed is counted once spaCy, the gazetteer and the base registry are loaded (as for a long run). For the split, the pages
are also read alone (trafilatura, on both cores); in ingest that reading runs while spaCy finds names in pages read before.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402
import yaml  # noqa: E402

from generator.config import Config  # noqa: E402
from generator.extract import base_registry  # noqa: E402
from generator.extract.entities import parse_lead, pipeline  # noqa: E402
from generator.extract.places import gazetteer  # noqa: E402
from generator.fetch import Fetcher  # noqa: E402
from generator.ingest import ingest  # noqa: E402
from generator.ingest_plan import plan  # noqa: E402
from generator.inputs import inputs, read_each  # noqa: E402


def trafilatura_alone(pages: list[Path], content: Path) -> float:
    """trafilatura's own Markdown for each page, written as a bare entry; returns the seconds it took."""
    started = time.perf_counter()
    for number, page in enumerate(pages):
        found = trafilatura.bare_extraction(page.read_bytes(), with_metadata=True)
        body = trafilatura.extract(page.read_bytes(), output_format="markdown") or "" if found is not None else ""
        meta = {"title": (found.title or "") if found is not None else "", "date": (found.date or "") if found is not None else "",
                "source": page.name}
        (content / f"{number:04d}.md").write_text(f"---\n{yaml.safe_dump(meta)}---\n{body}\n", encoding="utf-8")
    return time.perf_counter() - started


def score(scorer: Path | None, gold: Path | None, content: Path) -> str:
    if gold is None or scorer is None:
        return ""
    out = subprocess.run([sys.executable, str(scorer), str(gold), "--content", str(content)], capture_output=True, text=True, check=True).stdout
    return out.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="folder of saved web pages (*.html)")
    parser.add_argument("--gold", type=Path, help="gold.jsonl with each page's article text")
    parser.add_argument("--scorer", type=Path, help="body_score.py (default: beside the gold file's folder)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scorer = args.scorer or (args.gold.parent.parent / "body_score.py" if args.gold else None)
    pages = sorted(args.pages.glob("*.htm*"))
    config_model = Config(root=REPO).spacy_model
    started = time.perf_counter()
    pipeline(config_model)
    parse_lead("The model is loaded.", config_model)
    gazetteer()
    base_registry()
    print(f"pages: {len(pages)}; spaCy, gazetteer and base registry loaded in {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory(prefix="timeline-articles-") as scratch:
        alone = Path(scratch) / "alone"
        alone.mkdir()
        seconds = trafilatura_alone(pages, alone)
        print(f"trafilatura alone: {len(pages) / seconds:.1f} pages/s; {score(scorer, args.gold, alone)}")
        rates, reading = [], []
        for run in range(args.runs):
            root = Path(scratch) / f"root-{run}"
            (root / "seeds").mkdir(parents=True)
            for page in pages:
                shutil.copy(page, root / "seeds" / page.name)
            config = Config(root=root, spacy_model=config_model)
            started = time.perf_counter()
            planned = plan(config, [], lambda line: None, Fetcher, False)
            list(read_each(config, inputs(config, planned), planned, lambda line: None))
            reading.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = ingest(config, say=lambda line: None, progress=open("/dev/null", "w"))
            seconds = time.perf_counter() - started
            rates.append(len(pages) / seconds)
            print(f"run {run + 1}: {len(report.ingested)} entries from {len(pages)} pages in {seconds:.2f} s: {rates[-1]:.1f} pages/s "
                  f"(reading the pages alone takes {reading[-1]:.2f} s)")
        line = score(scorer, args.gold, root / "content")
        print(f"timeline: median {statistics.median(rates):.1f}, best {max(rates):.1f} pages/s; {line}")
        entries = len(list((root / "content").rglob("*.md")))
        titled = sum(bool(re.search(r"^title: \S", p.read_text(encoding="utf-8"), re.M)) for p in (root / "content").rglob("*.md"))
        print(f"entries {entries} of {len(pages)} pages, with title {titled}")


if __name__ == "__main__":
    main()
