"""`timeline serve`: the dev server rebuilds when an entry changes and stays up through mistakes."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ENTRY, write_entry


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


@pytest.fixture
def server(tmp_path):
    entry = write_entry(tmp_path, "2024/2024-03-01-talks.md", ENTRY)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(tmp_path), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "Talks open in Geneva" in fetch(url)), "server did not start"
        yield url, entry
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(tmp_path / "site", ignore_errors=True)


def test_saving_an_entry_rebuilds_the_site(server):
    url, entry = server
    entry.write_text(ENTRY.replace("Talks open in Geneva", "Talks resume in Vienna"), encoding="utf-8")
    assert wait_for(lambda: "Talks resume in Vienna" in fetch(url))


def test_a_broken_entry_keeps_the_last_good_site_until_it_is_fixed(server):
    url, entry = server
    entry.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    time.sleep(1.5)
    assert "Talks open in Geneva" in fetch(url)
    entry.write_text(ENTRY.replace("Talks open in Geneva", "Talks fixed"), encoding="utf-8")
    assert wait_for(lambda: "Talks fixed" in fetch(url))
