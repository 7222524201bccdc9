"""`timeline serve` and DNS rebinding: requests for any name but its own are refused (421), the reload
channel refuses pages of other origins (403), and the site and live reload work as before for its own."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import urllib.request

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from generator.hosts import is_own, own_names
from tests.conftest import ENTRY, write_entry
from tests.test_serve import free_port, save, wait_for

PAGE = "/entries/2024-03-01-talks/index.html"
HANDSHAKE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"


def serving(root, host: str):
    """`timeline serve --host HOST` on a one-entry project; yields its port."""
    write_entry(root, "2024/2024-03-01-talks.md", ENTRY)
    port = free_port()
    log = open(root / "serve.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--host", host, "--port", str(port), "--no-search"],
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).status == 200), "server did not start"
        yield port
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    """One server for the tests that only send requests: none of them changes what it serves."""
    yield from serving(tmp_path_factory.mktemp("served"), "127.0.0.1")


@pytest.fixture
def own_port(tmp_path):
    """A server of its own, for a test that edits the project in tmp_path."""
    yield from serving(tmp_path, "127.0.0.1")


@pytest.fixture
def lan_port(tmp_path):
    yield from serving(tmp_path, "0.0.0.0")


def send(port: int, host: str, path: str = "/", headers: str = "") -> tuple[int, bytes]:
    """Sends a GET exactly as written, with this Host header; the status and the answer (for a 101, its head)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{headers}\r\n".encode())
        answer = b""
        while b"\r\n\r\n" not in answer and (chunk := connection.recv(65536)):
            answer += chunk
        length = re.search(rb"\r\ncontent-length: *(\d+)", answer.partition(b"\r\n\r\n")[0], re.IGNORECASE)
        while length and len(answer.partition(b"\r\n\r\n")[2]) < int(length[1]) and (chunk := connection.recv(65536)):
            answer += chunk
    return int(answer.split(b" ", 2)[1]), answer


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}", "127.0.0.1.nip.io:{port}",
                                  "EVIL.example.:{port}", "localhost:{port}@evil.example"])
@pytest.mark.parametrize("path", ["/", PAGE, "/livereload.js", "/static/style.css"])
def test_a_request_for_another_name_is_refused_whatever_it_asks_for(port, host, path):
    status, answer = send(port, host.format(port=port), path)
    assert status in (400, 421) and b"Talks open in Geneva" not in answer and b"LiveReload" not in answer


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "localhost", "LocalHost:{port}", "[::1]:{port}", "127.0.0.1"])
def test_its_own_names_are_answered_with_or_without_the_port(port, host):
    status, answer = send(port, host.format(port=port), PAGE)
    assert status == 200 and b"Talks open in Geneva" in answer


def test_a_reload_channel_asked_for_under_another_name_is_refused(port):
    status, _ = send(port, "evil.example", "/livereload", HANDSHAKE + "Origin: http://evil.example\r\n")
    assert status == 421


@pytest.mark.parametrize("origin", ["http://evil.example", "http://evil.example:{port}", "null", "http://localhost:1",
                                    "http://127.0.0.1.nip.io:{port}", "file://"])
def test_a_page_from_another_origin_cannot_open_the_reload_channel(port, origin):
    for browser in ("", "Sec-Fetch-Site: cross-site\r\n", "Sec-Fetch-Site: same-site\r\n"):  # as older and newer browsers ask
        status, _ = send(port, f"127.0.0.1:{port}", "/livereload", HANDSHAKE + browser + f"Origin: {origin.format(port=port)}\r\n")
        assert status == 403, browser


def test_its_own_pages_and_programs_without_origin_open_the_reload_channel(port):
    assert send(port, f"127.0.0.1:{port}", "/livereload", HANDSHAKE + f"Origin: http://127.0.0.1:{port}\r\n")[0] == 101
    assert send(port, f"localhost:{port}", "/livereload", HANDSHAKE + f"Origin: http://localhost:{port}\r\n")[0] == 101
    assert send(port, f"127.0.0.1:{port}", "/livereload", HANDSHAKE)[0] == 101  # no Origin: not a browser


def test_the_reload_channel_still_says_reload_when_an_entry_is_saved(own_port, tmp_path):
    port = own_port

    async def reload_after_a_save() -> dict:
        channel = await websocket_connect(HTTPRequest(f"ws://127.0.0.1:{port}/livereload", headers={"Origin": f"http://127.0.0.1:{port}"}))
        await channel.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        assert json.loads(await channel.read_message())["command"] == "hello"
        await channel.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}{PAGE}"}))
        await asyncio.sleep(0.3)
        save(tmp_path / "content/2024/2024-03-01-talks.md", ENTRY.replace("Talks open in Geneva", "Talks resume in Vienna"))
        return json.loads(await asyncio.wait_for(channel.read_message(), 30))

    assert (asyncio.run(reload_after_a_save()))["command"] == "reload"
    assert b"Talks resume in Vienna" in send(port, f"127.0.0.1:{port}", PAGE)[1]


def test_its_pages_carry_the_script_that_opens_the_channel(port):
    assert b"/livereload.js?port=" in send(port, f"localhost:{port}", PAGE)[1]
    assert send(port, f"localhost:{port}", "/forcereload")[0] == 404  # a GET that reloaded every browser: gone


def test_served_to_the_lan_it_answers_its_addresses_and_its_machine_name_only(lan_port):
    machine = socket.gethostname()
    for host in (f"{machine}:{lan_port}", f"{machine}.local:{lan_port}", f"192.168.1.23:{lan_port}", f"[fe80::1]:{lan_port}", f"localhost:{lan_port}"):
        assert send(lan_port, host, PAGE)[0] == 200, host
    assert send(lan_port, f"evil.example:{lan_port}", PAGE)[0] == 421
    assert send(lan_port, f"192.168.1.23:{lan_port}", "/livereload", HANDSHAKE + "Origin: http://evil.example\r\n")[0] == 403


def test_the_names_of_a_server_bound_to_one_name_are_that_name_and_this_machine_s():
    names = own_names("timeline.lan")
    assert is_own("timeline.lan", names) and is_own("[::1]", names) and is_own("10.0.0.7", names) and is_own("localhost.", names)
    assert not is_own("evil.example", names) and not is_own("timeline.lan.evil.example", names)
    assert not is_own(socket.gethostname(), own_names("127.0.0.1")) or socket.gethostname() == "localhost"
