"""`timeline serve`: the dev server rebuilds when an entry changes and stays up through mistakes."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, chromium
from tests.conftest import ENTRY, write_entry


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """The page's text, also when the server answers with an error status (the build error page)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def save(path: Path, text: str) -> None:
    """Saves the way editors do: a new file renamed over the old one."""
    temporary = path.with_name(path.name + ".part")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


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
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(tmp_path), "--port", str(port), "--no-search"],
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


def test_a_broken_entry_shows_its_error_in_the_page_until_it_is_fixed(server):
    url, entry = server
    save(entry, "---\ntitle: [\n---\n")
    assert wait_for(lambda: "The site could not be built" in fetch(url))
    assert "content/2024/2024-03-01-talks.md:2: YAML syntax error" in fetch(url)  # the line the list opens on
    save(entry, ENTRY.replace("Talks open in Geneva", "Talks fixed"))
    assert wait_for(lambda: "Talks fixed" in fetch(url))
    assert "could not be built" not in fetch(url)


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
def test_the_browser_reloads_by_itself_on_save_on_error_and_on_the_fix(server):
    url, entry = server
    with chromium() as browser:
        page = browser.new_page()
        page.goto(url + "entries/2024-03-01-talks/index.html")
        assert page.locator("h1").inner_text() == "Talks open in Geneva"
        page.wait_for_function("() => window.LiveReload && window.LiveReload.connector && window.LiveReload.connector._connectionDesired")
        time.sleep(0.3)  # the websocket handshake

        save(entry, ENTRY.replace("Talks open in Geneva", "Talks resume in Vienna"))
        page.wait_for_function("() => document.querySelector('h1').textContent === 'Talks resume in Vienna'", timeout=15_000)

        save(entry, ENTRY.replace("date: 2024-03-01", "date: 2024-02-30"))
        page.wait_for_selector("text=The site could not be built", timeout=15_000)
        assert "content/2024/2024-03-01-talks.md:3: 'date' 2024-02-30 is not a real calendar date" in page.inner_text("ul.problems")

        save(entry, ENTRY.replace("Talks open in Geneva", "Talks back on"))
        page.wait_for_function("() => document.querySelector('h1').textContent === 'Talks back on'", timeout=15_000)
        page.screenshot(path=str(Path(__file__).resolve().parent.parent / "test-artifacts" / "serve-after-fix.png"))
