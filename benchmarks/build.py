"""Times cold, no-change and one-edit builds of timeline, Hugo and Pelican on the same synthetic corpus.

usage: .venv/bin/python benchmarks/build.py [--sizes 1000 10000 100000] [--tools timeline hugo pelican]
           [--work DIR] [--bench-venv /tmp/bench-venv] [--runs R] [--out FILE] [--timeline PATH] [--before TREE]

With --before TREE (a checkout of an earlier commit, e.g. `git worktree add /tmp/before COMMIT`), that
version of timeline is measured too, side by side in the same run, as the tool "timeline-before".

For each size N the corpus is generated once by make_corpus.py and kept in WORK/corpus-N (timeline's
ROOT; Hugo and Pelican read its content/ and write to WORK/out/). Each run of a tool is three fresh
processes: a cold build (its output and caches deleted first), the same build again with nothing
changed, and again after one entry's title was changed. Runs take turns: the first run of every tool,
then the second of every tool, so that a machine whose speed drifts (this one does, by tens of
percent within minutes) slows all tools alike. Figures are medians over the runs; peak RSS is
the largest single process of any run (wait4's ru_maxrss). Hugo and Pelican come from the benchmark's
own environment (--bench-venv), not from the project's. A tool that fails is reported in its row.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import compile_timeline, entry_files, replace, retitle, timeline_program  # noqa: E402
from make_corpus import DEFAULT_SEED, make_corpus  # noqa: E402

GIB = 1024  # MiB


class BuildFailed(Exception):
    """A build that could not start, exited non-zero or ran out of time."""


@dataclass(frozen=True)
class Tool:
    """One generator: its command for a corpus root and an output folder, and where it writes and keeps state."""

    name: str
    command: Callable[[Path, Path], list[str]]
    site: Callable[[Path, Path], Path]
    state: Callable[[Path, Path], list[Path]]  # deleted before a cold build
    entry_page: Callable[[Path], Path]  # an entry file's page, relative to the site
    env: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + sys of the process and its children
    peak_mib: float  # largest single process


@dataclass(frozen=True)
class Result:
    tool: str
    n: int
    command: str
    pages: int = 0
    cold: tuple[Run, ...] = ()
    unchanged: tuple[Run, ...] = ()
    edited: tuple[Run, ...] = ()
    edit_seen: bool = True  # the edited title was in the entry's page after every edit build
    error: str = ""


def main() -> None:
    """Parses the arguments, measures every tool on every size, prints the table (and writes it to --out)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000], metavar="N")
    parser.add_argument("--tools", nargs="+", default=["timeline", "hugo", "pelican"], choices=["timeline", "hugo", "pelican"])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "timeline-bench", help="corpora and outputs (default: /tmp/timeline-bench)")
    parser.add_argument("--bench-venv", type=Path, default=Path("/tmp/bench-venv"), help="virtualenv holding the pelican and hugo packages")
    parser.add_argument("--runs", type=int, help="runs per tool and size (default: 3 up to 10,000 entries, else 1)")
    parser.add_argument("--timeline", type=Path, help="the timeline executable (default: beside this Python, else .venv/bin/timeline)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before a build is killed (default: 3600)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--search", action="store_true", help="timeline also makes its search index (Hugo and Pelican make none: off by default)")
    parser.add_argument("--before", type=Path, metavar="TREE", help="also measure the timeline of this source tree (an earlier commit)")
    args = parser.parse_args()

    tools = {name: tool for name, tool in make_tools(timeline_program(args.timeline), args.bench_venv, args.search, args.before).items()
             if name in args.tools or (name == "timeline-before" and args.before)}
    if "timeline" in tools:
        compile_timeline()
    if args.before:
        compile_timeline(args.before)
    results = []
    for n in args.sizes:
        root = corpus(args.work, n, args.seed)
        results += measure(list(tools.values()), root, args.work / "out", n, args.runs or (3 if n <= 10000 else 1), args.timeout)
    sections = [header(tools), table(results), ratios(results), commands(results)]
    report = "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"
    print(report, end="")
    if args.out:
        args.out.write_text(report, encoding="utf-8")


def make_tools(timeline: Path, bench_venv: Path, search: bool = False, before: Path | None = None) -> dict[str, Tool]:
    """The three generators, building equivalent sites (benchmarks/hugo and benchmarks/pelican mirror timeline's pages);
    timeline without its search index unless `search` (neither Hugo nor Pelican makes one). With `before`, also the
    timeline of that source tree, run by this Python with the tree first on its path."""
    hugo = next(bench_venv.glob("lib/python*/site-packages/hugo/binaries/hugo"), bench_venv / "bin" / "hugo")
    flags = [] if search else ["--no-search"]
    earlier = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(before)!r}); from generator.cli import main; sys.exit(main())"]
    return {
        "timeline": Tool("timeline", lambda root, out: [str(timeline), "build", "--root", str(root), *flags],
                         site=lambda root, out: root / "site",
                         state=lambda root, out: [root / "site", root / ".timeline-cache", *root.glob(".site-*")],
                         entry_page=lambda entry: Path("entries", entry.stem, "index.html")),
        "timeline-before": Tool("timeline-before", lambda root, out: [*earlier, "build", "--root", str(root), *flags],
                                site=lambda root, out: root / "site",
                                state=lambda root, out: [root / "site", root / ".timeline-cache", *root.glob(".site-*")],
                                entry_page=lambda entry: Path("entries", entry.stem, "index.html")),
        "hugo": Tool("hugo", lambda root, out: [str(hugo), "--source", str(HERE / "hugo"), "--contentDir", str(root / "content"),
                                                "--destination", str(out), "--cacheDir", f"{out}-cache", "--noBuildLock", "--quiet"],
                     site=lambda root, out: out, state=lambda root, out: [out, Path(f"{out}-cache")],
                     entry_page=lambda entry: Path(entry.stem[:4], entry.stem, "index.html")),
        "pelican": Tool("pelican", lambda root, out: [str(bench_venv / "bin" / "pelican"), str(root / "content"),
                                                      "-s", str(HERE / "pelican" / "pelicanconf.py"), "-o", str(out), "-q"],
                        site=lambda root, out: out, state=lambda root, out: [out],
                        entry_page=lambda entry: Path(entry.stem[:4], entry.stem, "index.html"),
                        env=(("PYTHONDONTWRITEBYTECODE", "1"),)),  # keep benchmarks/pelican free of __pycache__
    }


def corpus(work: Path, n: int, seed: int) -> Path:
    """WORK/corpus-N, generated unless it already holds this size, seed and version of make_corpus.py."""
    root = work / f"corpus-{n}"
    stamp = root / ".corpus-stamp"
    expected = f"{n} {seed} {hashlib.sha256((HERE / 'make_corpus.py').read_bytes()).hexdigest()[:16]}\n"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == expected:
        return root
    say(f"generating {n:,} entries in {root}")
    stamp.unlink(missing_ok=True)
    make_corpus(n, root, seed)
    stamp.write_text(expected, encoding="utf-8")
    return root


def measure(tools: list[Tool], root: Path, out: Path, n: int, runs: int, timeout: float) -> list[Result]:
    """Cold, no-change and one-edit builds by each tool in turn, `runs` times; the edited entry is restored afterwards."""
    rounds = {tool.name: Result(tool.name, n, " ".join(tool.command(root, out / f"{tool.name}-{n}"))) for tool in tools}
    for number in range(1, runs + 1):
        for tool in tools:
            if not rounds[tool.name].error:
                rounds[tool.name] = measure_round(tool, root, out / f"{tool.name}-{n}", n, number, runs, timeout, rounds[tool.name])
    return list(rounds.values())


def measure_round(tool: Tool, root: Path, out: Path, n: int, number: int, runs: int, timeout: float, so_far: Result) -> Result:
    """One cold, no-change and one-edit build, added to what the tool's earlier runs gave."""
    command, site, env = tool.command(root, out), tool.site(root, out), {**os.environ, **dict(tool.env)}
    entries = entry_files(root)
    entry = entries[len(entries) // 2]
    original = entry.read_bytes()
    cold, unchanged, edited, pages, seen = list(so_far.cold), list(so_far.unchanged), list(so_far.edited), so_far.pages, so_far.edit_seen
    try:
        for path in tool.state(root, out):
            remove(path)
        cold.append(timed(command, env, timeout, f"{tool.name} N={n:,} cold {number}/{runs}"))
        pages = count_pages(site)
        unchanged.append(timed(command, env, timeout, f"{tool.name} N={n:,} no change {number}/{runs}"))
        marker = f"bench-edit-{number}"
        try:
            retitle(entry, marker)
            edited.append(timed(command, env, timeout, f"{tool.name} N={n:,} one edit {number}/{runs}"))
            page = site / tool.entry_page(entry)
            seen = seen and page.is_file() and marker in page.read_text(encoding="utf-8")
        finally:
            replace(entry, original)
    except BuildFailed as error:
        say(f"{tool.name} N={n:,} failed: {error}")
        return Result(tool.name, n, " ".join(command), pages, tuple(cold), tuple(unchanged), tuple(edited), seen, str(error))
    return Result(tool.name, n, " ".join(command), pages, tuple(cold), tuple(unchanged), tuple(edited), seen)


def timed(command: list[str], env: dict[str, str], timeout: float, label: str) -> Run:
    """Runs one build as a fresh process group; wall time, CPU time and peak RSS from wait4."""
    os.sync()  # earlier runs' writeback should not land inside this one
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        try:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        except OSError as error:
            raise BuildFailed(f"cannot start {command[0]}: {error.strerror}") from None
        killer = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL))
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            log.seek(0)
            tail = " | ".join(log.read().decode("utf-8", "replace").strip().splitlines()[-4:])
            raise BuildFailed(f"exit status {code}{' (killed: timeout)' if code == -signal.SIGKILL else ''}: {tail or 'no output'}")
    run = Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
    say(f"{label}: {run.wall:.2f} s wall, {run.cpu:.2f} s CPU, {run.peak_mib:.0f} MiB")
    return run


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def count_pages(site: Path) -> int:
    return sum(name.endswith(".html") for _, _, names in os.walk(site) for name in names)


def header(tools: dict[str, Tool]) -> list[str]:
    versions = {"timeline": ["--version"], "hugo": ["version"], "pelican": ["--version"]}
    lines = [f"Build benchmark, {datetime.date.today().isoformat()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
             f"Python {platform.python_version()}.", ""]
    for tool in tools.values():
        program = tool.command(Path("ROOT"), Path("OUT"))[0]
        if tool.name == "timeline-before":
            lines.append(f"- {tool.name}: the source tree given with --before, run by `{program}`")
            continue
        try:
            shown = subprocess.run([program, *versions[tool.name]], capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            shown = "version unknown"
        lines.append(f"- {tool.name}: {shown} (`{program}`)")
    return lines


def table(results: list[Result]) -> list[str]:
    lines = ["| tool | N | pages | cold (s) | cold CPU (s) | no-change (s) | one edit (s) | pages/s (cold) | peak RSS (MiB) | runs |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for result in results:
        cells = [result.tool, f"{result.n:,}", f"{result.pages:,}" if result.pages else "-"]
        cells += [seconds([r.wall for r in result.cold]), seconds([r.cpu for r in result.cold]),
                  seconds([r.wall for r in result.unchanged]), seconds([r.wall for r in result.edited])]
        cold = median_wall(result.cold)
        cells.append(f"{result.pages / cold:,.0f}" if cold and result.pages else "-")
        every = (*result.cold, *result.unchanged, *result.edited)
        cells.append(f"{max(r.peak_mib for r in every):,.0f}" if every else "-")
        cells.append(str(len(result.cold)))
        lines.append("| " + " | ".join(cells) + " |")
    notes = [f"- {r.tool}, N={r.n:,}: FAILED: {r.error}" for r in results if r.error]
    notes += [f"- {r.tool}, N={r.n:,}: the edited title was not in the entry's page after an edit build" for r in results if not r.edit_seen]
    return lines + ([""] + notes if notes else [])


def ratios(results: list[Result]) -> list[str]:
    """Cold-build ratio timeline / Hugo per size, and the targets that the figures can decide."""
    found = {(r.tool, r.n): r for r in results if not r.error}
    lines = []
    for n in sorted({r.n for r in results}):
        ours, hugo = found.get(("timeline", n)), found.get(("hugo", n))
        if ours and hugo:
            lines.append(f"- N={n:,}: cold build timeline / Hugo = {median_wall(ours.cold) / median_wall(hugo.cold):.2f}")
    if (ours := found.get(("timeline", 10000))) and (hugo := found.get(("hugo", 10000))):
        lines.append(f"- target, N=10,000 cold ≤ 1.5 × Hugo: {verdict(median_wall(ours.cold) <= 1.5 * median_wall(hugo.cold))}")
    if (ours := found.get(("timeline", 100000))) and (hugo := found.get(("hugo", 100000))):
        peak = max(r.peak_mib for r in (*ours.cold, *ours.unchanged, *ours.edited))
        lines.append(f"- target, N=100,000 cold faster than Hugo: {verdict(median_wall(ours.cold) < median_wall(hugo.cold))}; "
                     f"peak RSS under 1 GiB: {verdict(peak < GIB)}")
    if ours := found.get(("timeline", 10000)):
        lines.append(f"- target, N=10,000 one-entry edit as a fresh `timeline build` under 1 s: {verdict(median_wall(ours.edited) < 1.0)}")
    return lines


def commands(results: list[Result]) -> list[str]:
    return ["Commands (each run: cold = output and caches deleted first, then no change, then one title edited):", "",
            *(f"- {r.tool}, N={r.n:,}: `{r.command}`" for r in results)]


def seconds(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "-"


def median_wall(runs: tuple[Run, ...]) -> float:
    return statistics.median(r.wall for r in runs) if runs else 0.0


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
