"""Work stays bounded on hostile input: seconds per article for pathological shapes at growing sizes.

For each shape, extraction (spaCy, as ingest runs it) and Markdown rendering (as build runs it) are timed at
sizes that double; `x2` is how much longer each doubling takes: about 2 is linear, 4 would be quadratic.

    .venv/bin/python benchmarks/hostile.py [--sizes 10000 20000 40000 80000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.config import Config  # noqa: E402
from generator.extract.entities import find_mentions, pipeline  # noqa: E402
from generator.markup import markdown_to_html  # noqa: E402

MODEL = Config.__dataclass_fields__["spacy_model"].default  # the default pipeline, as a new project has it
SHAPES: dict[str, Callable[[int], str]] = {
    "exclamation marks": lambda n: "Talks opened in Geneva. " + "!" * n,
    "mixed punctuation": lambda n: "Talks opened in Geneva. " + "!?.,;:" * (n // 6),
    "nested parentheses": lambda n: "(" * (n // 2) + "Geneva" + ")" * (n // 2),
    "quotes": lambda n: '"' * n,
    "one long word": lambda n: "a" * n,
    "ordinary prose": lambda n: ("Iranian and Syrian delegations met United Nations envoys in Geneva on Monday. " * (n // 78 + 1))[:n],
    "block quotes (>)": lambda n: ">" * n,
    "nested lists": lambda n: _deepening_list(n),
    "nested raw HTML": lambda n: "<div>" * (n // 5),
    "emphasis runs": lambda n: "*_" * (n // 2),
    "link brackets": lambda n: "[" * (n // 2) + "](" * (n // 4),
}


def _deepening_list(size: int) -> str:
    """A list nested one level deeper on each line, `size` characters in all."""
    lines, total, depth = [], 0, 0
    while total < size:
        lines.append("  " * depth + "- x\n")
        total += len(lines[-1])
        depth += 1
    return "".join(lines)[:size]


def seconds(run: Callable[[], object], repeat: int = 3) -> float:
    """The median wall time of `run`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def extraction(text: str) -> None:
    list(find_mentions([text], MODEL, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000, 80_000], help="characters per article")
    args = parser.parse_args()
    pipeline(MODEL)  # loaded once, as ingest does, before timing
    print(f"{'shape':<20} {'stage':<10} " + " ".join(f"{size:>10,}" for size in args.sizes) + "   x2 (largest doubling)")
    for name, make in SHAPES.items():
        for stage, run in (("extract", extraction), ("markdown", markdown_to_html)):
            timings = [seconds(lambda: run(make(size))) for size in args.sizes]
            growth = timings[-1] / timings[-2] if len(timings) > 1 and timings[-2] > 0 else float("nan")
            print(f"{name:<20} {stage:<10} " + " ".join(f"{t:>9.3f}s" for t in timings) + f"   {growth:.1f}", flush=True)


if __name__ == "__main__":
    main()
