"""`timeline serve` under pressure: requests that try to leave site/, a storm of saves while pages are requested."""

from __future__ import annotations

import http.client
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from tests.conftest import ENTRY, write_entry
from tests.test_serve import free_port, save, wait_for

SECRET = "this line must never be served"


def serving(root):
    """`timeline serve` on a small project, its output in a file (a pipe nobody reads would fill up)."""
    for number in range(20):
        write_entry(root, f"2024/2024-03-{number + 1:02}-e{number}.md",
                    ENTRY.replace("Talks open in Geneva", f"Event {number}").replace("2024-03-01", f"2024-03-{number + 1:02}"))
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    port = free_port()
    log = open(root / "serve.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", str(port), "--no-search"],
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).status == 200), "server did not start"
        yield root, port
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for the requests that try to leave site/: none of them changes what it serves."""
    yield from serving(tmp_path_factory.mktemp("served"))


@pytest.fixture
def stormed(tmp_path):
    """A server of its own, for the test that saves an entry 200 times."""
    yield from serving(tmp_path)


def raw_get(port: int, path: str) -> tuple[int, bytes]:
    """GET with the path sent exactly as given (no client-side normalising of '..' or escapes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"127.0.0.1:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
                                  "/static/../../secret.txt", "/static/..%2f..%2fsecret.txt", "/static/%2e%2e/%2e%2e/secret.txt",
                                  "/%252e%252e/secret.txt", "/..\\secret.txt", "/..%5csecret.txt", "//secret.txt", "/....//secret.txt",
                                  "/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%00../secret.txt",
                                  "/.timeline-cache/cache.sqlite", "/../.timeline-cache/cache.sqlite"])
def test_no_request_reaches_a_file_outside_site(served, path):
    _, port = served
    status, body = raw_get(port, path)
    assert status in (400, 403, 404) and SECRET.encode() not in body and b"root:x:0:0" not in body and b'"made_with"' not in body


def test_a_save_storm_makes_few_rebuilds_while_every_request_is_answered(stormed):
    root, port = stormed
    entry = root / "content/2024/2024-03-01-e0.md"
    answered, failed, stop = [], [], threading.Event()

    def reader() -> None:
        while not stop.is_set():
            for path in ("/", "/entries/2024-03-01-e0/index.html", "/actors/iran/index.html", "/static/style.css", "/feed.xml"):
                try:
                    status, _ = raw_get(port, path)
                    (answered if status == 200 else failed).append((path, status))
                except OSError as error:
                    failed.append((path, repr(error)))

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for thread in readers:
        thread.start()
    before = (root / "serve.log").read_text(encoding="utf-8").count("built ")
    for number in range(200):  # 200 saves in about 3 seconds
        save(entry, ENTRY.replace("Talks open in Geneva", f"Storm {number}"))
        time.sleep(0.015)
    assert wait_for(lambda: "Storm 199" in raw_get(port, "/entries/2024-03-01-e0/index.html")[1].decode(), seconds=30)
    time.sleep(1.5)  # anything still pending
    stop.set()
    for thread in readers:
        thread.join()
    rebuilds = (root / "serve.log").read_text(encoding="utf-8").count("built ") - before
    assert failed == [] and len(answered) > 200
    assert 1 <= rebuilds <= 15, rebuilds  # a few, not one per save
