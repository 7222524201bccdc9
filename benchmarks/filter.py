"""Times the timeline's filter in headless Chromium on a built site: loading its entries, then each change.

usage: python benchmarks/filter.py ROOT [--changes N]

ROOT is a built project (for example /tmp/timeline-bench/corpus-10000 after benchmarks/build.py). The
page is served on 127.0.0.1; the filter is opened with the busiest actor in the URL (which loads
entries.js), then the year select is changed N times, each time to another year and back to any year,
timing from the change to the list being replaced. Prints each figure and the medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import read_content  # noqa: E402
from generator.config import load_config  # noqa: E402
from tests.browser import chromium, static_server  # noqa: E402

CHANGE = """async (year) => {
  const select = document.querySelector('#filter-year');
  const started = performance.now();
  select.value = year;
  select.dispatchEvent(new Event('change'));
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));  // the list is in the page
  return [performance.now() - started, document.querySelector('.filter-status').textContent];
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--changes", type=int, default=10)
    args = parser.parse_args()
    config = load_config(args.root)
    timeline, *_ = read_content(config)
    actor = max(timeline.actors, key=lambda t: (len(t.entries), t.name))
    years = [str(y) for y in timeline.years]
    with static_server(config.site) as base, chromium() as browser:
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(f"{base}?actor={actor.name}")
        page.wait_for_selector(".filter-results:not([hidden])")
        loaded = time.perf_counter() - started
        size = (config.site / "entries.js").stat().st_size
        print(f"{len(timeline.entries):,} entries; entries.js {size / 1e6:.1f} MB; page and filter with '{actor.name}' "
              f"({len(actor.entries)} entries) ready in {loaded:.2f} s")
        narrow, wide = [], []
        for change in range(args.changes):
            seconds, status = page.evaluate(CHANGE, years[change % len(years)])
            narrow.append(seconds)
            print(f"  year {years[change % len(years)]}: {seconds:.0f} ms, {status}")
            seconds, status = page.evaluate(CHANGE, "")
            wide.append(seconds)
            print(f"  any year: {seconds:.0f} ms, {status}")
    print(f"median change: {statistics.median(narrow):.0f} ms to one year, {statistics.median(wide):.0f} ms back to every year "
          f"(at most 100 entries are listed at a time)")


if __name__ == "__main__":
    main()
