"""Loads `timeline serve` with requests while entries change, and reports requests served, errors and rebuilds.

usage: python benchmarks/serve_load.py ROOT [--seconds 20] [--clients 4] [--edits-per-second 5] [--storm 200]

ROOT is a project with content/ (for example /tmp/timeline-bench/corpus-1000 from benchmarks/make_corpus.py).
The server runs on 127.0.0.1 with --no-search. For --seconds, --clients threads each request pages in a
loop (the timeline, entries, actor pages, the stylesheet, the feed; each request waits for its answer, so
the load is bounded), while one editor retitles a random entry --edits-per-second times a second; then the
editor saves one entry --storm times as fast as it can. Errors are any answer but 200 and any failed
connection: there must be none. Rebuilds are counted from the server's own output.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _measure import compile_timeline, entry_files, retitle, timeline_program
from serve import free_port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--edits-per-second", type=float, default=5)
    parser.add_argument("--storm", type=int, default=200, help="saves of one entry, as fast as possible, after the timed part")
    parser.add_argument("--timeline", type=Path, help="the timeline executable (default: beside this Python, else .venv/bin/timeline)")
    args = parser.parse_args()
    compile_timeline()
    program, port = timeline_program(args.timeline), free_port()
    entries = entry_files(args.root)
    originals = {path: path.read_bytes() for path in entries}
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        server = subprocess.Popen([str(program), "serve", "--root", str(args.root), "--port", str(port), "--no-search"],
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_up(port)
            pages = sample_pages(args.root / "site")
            started_rebuilds = rebuilds(log.name)
            served, errors, latencies = load(port, pages, entries, args)
            storm_rebuilds = storm(port, entries[0], args.storm, log.name)
            total_rebuilds = rebuilds(log.name) - started_rebuilds
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            for path, data in originals.items():
                if path.read_bytes() != data:
                    path.write_bytes(data)
    print(f"{len(entries):,} entries, {args.clients} clients for {args.seconds:g} s, {args.edits_per_second:g} edits/s, then {args.storm} saves")
    print(f"requests served: {served:,} ({served / args.seconds:,.0f}/s); errors: {len(errors)}")
    print(f"latency: median {statistics.median(latencies) * 1000:.1f} ms, 99th percentile {percentile(latencies, 99) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms")
    print(f"rebuilds: {total_rebuilds - storm_rebuilds} during the timed part, {storm_rebuilds} for the storm of {args.storm} saves")
    for error in errors[:10]:
        print(f"  error: {error}")
    if errors:
        sys.exit(1)


def wait_until_up(port: int, seconds: float = 900) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(port, "/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError("the server did not answer")


def sample_pages(site: Path) -> list[str]:
    """The paths clients ask for: the timeline, 40 entries, 20 actor pages, the stylesheet and the feed."""
    pick = random.Random(1)
    entries = sorted(p.parent.name for p in (site / "entries").glob("*/index.html"))
    actors = sorted(p.parent.name for p in (site / "actors").glob("*/index.html"))
    return (["/", "/static/style.css", "/feed.xml"] + [f"/entries/{e}/index.html" for e in pick.sample(entries, min(40, len(entries)))]
            + [f"/actors/{a}/index.html" for a in pick.sample(actors, min(20, len(actors)))])


def get(port: int, path: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def load(port: int, pages: list[str], entries: list[Path], args: argparse.Namespace) -> tuple[int, list[str], list[float]]:
    stop = threading.Event()
    served, errors, latencies = [0], [], []
    lock = threading.Lock()

    def client(number: int) -> None:
        pick = random.Random(number)
        while not stop.is_set():
            path = pick.choice(pages)
            started = time.perf_counter()
            try:
                status, _ = get(port, path)
            except OSError as error:
                status, problem = 0, repr(error)
            else:
                problem = f"status {status}"
            with lock:
                latencies.append(time.perf_counter() - started)
                if status == 200:
                    served[0] += 1
                else:
                    errors.append(f"{path}: {problem}")

    def editor() -> None:
        pick = random.Random(0)
        number = 0
        while not stop.wait(1 / args.edits_per_second):
            number += 1
            retitle(pick.choice(entries), f"load-{number}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)] + [threading.Thread(target=editor)]
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return served[0], errors, latencies


def storm(port: int, entry: Path, saves: int, log: str) -> int:
    """Saves one entry `saves` times as fast as it can; the rebuilds that made, once the last save shows."""
    before = rebuilds(log)
    for number in range(saves):
        retitle(entry, f"storm-{number}")
    page = f"/entries/{entry.stem}/index.html"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", page)
        if f"storm-{saves - 1}".encode() in connection.getresponse().read():
            break
        time.sleep(0.1)
    time.sleep(1.5)
    return rebuilds(log) - before


def rebuilds(log: str) -> int:
    return Path(log).read_text(encoding="utf-8", errors="replace").count("built ")


def percentile(values: list[float], at: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, len(ordered) * at // 100)]


if __name__ == "__main__":
    main()
