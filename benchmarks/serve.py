"""Measures `timeline serve`'s latency from saving an entry to the browser's reload signal.

usage: .venv/bin/python benchmarks/serve.py ROOT [--edits 5] [--port P] [--pause 3.5] [--timeline PATH]

Builds ROOT, starts `timeline serve --root ROOT --port P`, waits until it answers, and connects to
ws://127.0.0.1:P/livereload as livereload.js does (hello, then info). Each edit appends a marker to one
entry's title the way editors save (a temporary file renamed over the entry), takes the time right after
the rename, and waits for a {"command": "reload"} message after which the entry's page
(entries/<file name>/index.html) serves the new title; a reload that still serves the old page is
counted and waited past. Entries are restored afterwards. Only the livereload protocol is assumed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tornado.websocket import WebSocketClientConnection, websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import compile_timeline, entry_files, replace, retitle, timeline_program  # noqa: E402

HELLO = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}


@dataclass(frozen=True)
class Edit:
    """One saved edit: which entry, how long until the reload that served it, how many stale reloads came first."""

    entry: str
    seconds: float | None  # None: no such reload within the timeout
    stale: int
    verified: bool  # the page was fetched and showed the new title


def main() -> None:
    """Parses the arguments, runs the server, measures the edits, prints one line each and a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a timeline project, e.g. one written by make_corpus.py")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--port", type=int, help="port for the server (default: a free one)")
    parser.add_argument("--pause", type=float, default=3.5, help="seconds between edits; livereload drops reloads less than 3 s apart")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for each reload")
    parser.add_argument("--start-timeout", type=float, default=900, help="seconds to wait for the server to answer")
    parser.add_argument("--timeline", type=Path, help="the timeline executable (default: beside this Python, else .venv/bin/timeline)")
    parser.add_argument("--search", action="store_true", help="keep the search index up to date too (in the background, after each reload)")
    args = parser.parse_args()
    no_search = [] if args.search else ["--no-search"]
    compile_timeline()
    program, port = timeline_program(args.timeline), args.port or free_port()

    started = time.perf_counter()
    subprocess.run([str(program), "build", "--root", str(args.root), *no_search], check=True, stdout=subprocess.DEVNULL)
    print(f"built {args.root} in {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([str(program), "serve", "--root", str(args.root), "--port", str(port), *no_search],
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            edits = asyncio.run(measure(server, args.root, port, args.edits, args.pause, args.timeout, args.start_timeout))
        except (OSError, TimeoutError, RuntimeError) as error:
            log.seek(0)
            sys.exit(f"serve benchmark failed: {error}\nserver output:\n{log.read().decode('utf-8', 'replace')[-3000:]}")
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the server and anything it started
            server.wait(timeout=30)
    report(edits)


async def measure(server: subprocess.Popen, root: Path, port: int, count: int, pause: float, timeout: float, start_timeout: float) -> list[Edit]:  # type: ignore[type-arg]
    """Connects like a browser, then saves `count` entries one after another and times each reload."""
    base = f"http://127.0.0.1:{port}/"
    await wait_until_served(server, base, start_timeout)
    connection = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    messages: asyncio.Queue[tuple[float, dict]] = asyncio.Queue()  # type: ignore[type-arg]
    reader = asyncio.create_task(read_messages(connection, messages))
    try:
        await connection.write_message(json.dumps(HELLO))
        _, answer = await asyncio.wait_for(messages.get(), timeout)
        if answer.get("command") != "hello":
            raise RuntimeError(f"the server answered hello with {answer}")
        await connection.write_message(json.dumps({"command": "info", "plugins": {}, "url": base}))
        entries = entry_files(root)
        chosen = [entries[(2 * k + 1) * len(entries) // (2 * count)] for k in range(count)]
        edits = []
        for number, entry in enumerate(chosen, 1):
            await drain(messages, pause)
            edits.append(await edit(entry, f"bench-edit-{number}-{os.getpid()}", base, messages, timeout))
            print(f"edit {number}: {edits[-1].entry}: " + (f"{edits[-1].seconds:.3f} s" if edits[-1].seconds is not None else "no reload"), flush=True)
        return edits
    finally:
        reader.cancel()
        connection.close()


async def edit(entry: Path, marker: str, base: str, messages: asyncio.Queue, timeout: float) -> Edit:  # type: ignore[type-arg]
    """Saves the entry with `marker` in its title and waits for the reload that serves it; restores the entry."""
    original = entry.read_bytes()
    page = f"{base}entries/{entry.stem}/index.html"
    stale = 0
    try:
        retitle(entry, marker)
        saved = time.perf_counter()
        deadline = saved + timeout
        while (left := deadline - time.perf_counter()) > 0:
            try:
                arrived, message = await asyncio.wait_for(messages.get(), left)
            except TimeoutError:
                break
            if message.get("command") != "reload":
                continue
            served = await asyncio.get_running_loop().run_in_executor(None, fetch, page)
            if served is not None and marker not in served:
                stale += 1
                continue
            return Edit(entry.name, arrived - saved, stale, served is not None)
        return Edit(entry.name, None, stale, False)
    finally:
        replace(entry, original)


async def read_messages(connection: WebSocketClientConnection, messages: asyncio.Queue) -> None:  # type: ignore[type-arg]
    """Puts every message with its arrival time on the queue, so that timing does not wait for page fetches."""
    while (text := await connection.read_message()) is not None:
        if isinstance(text, str):
            await messages.put((time.perf_counter(), json.loads(text)))
    await messages.put((time.perf_counter(), {"command": "closed"}))


async def drain(messages: asyncio.Queue, seconds: float) -> None:  # type: ignore[type-arg]
    """Waits `seconds`, dropping what arrives meanwhile (late reloads of the previous edit)."""
    deadline = time.perf_counter() + seconds
    while (left := deadline - time.perf_counter()) > 0:
        try:
            await asyncio.wait_for(messages.get(), left)
        except TimeoutError:
            return


async def wait_until_served(server: subprocess.Popen, url: str, timeout: float) -> None:  # type: ignore[type-arg]
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"timeline serve exited with status {server.returncode}")
        if await asyncio.get_running_loop().run_in_executor(None, fetch, url) is not None:
            return
        await asyncio.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def fetch(url: str) -> str | None:
    """The page's text, or None if it cannot be had."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def report(edits: list[Edit]) -> None:
    times = [e.seconds for e in edits if e.seconds is not None]
    if times:
        print(f"save → reload signal over {len(times)} of {len(edits)} edits: min {min(times):.3f} s, "
              f"median {statistics.median(times):.3f} s, max {max(times):.3f} s")
    print(f"new title served after the reload: {sum(e.verified for e in edits)} of {len(edits)}; "
          f"stale reloads (old page still served): {sum(e.stale for e in edits)}; no reload: {len(edits) - len(times)}")


if __name__ == "__main__":
    main()
