"""A web server on 127.0.0.1 for tests: replies set per path, and a log of the requests it received.

    from tests.web_server import Reply, web_server

    def test_story(web_server):
        web_server.route("/story", Reply(body=b"<p>Hi</p>"))
        web_server.route("/flaky", Reply(503), Reply(body=b"ok"))  # answered in turn, the last one ever after
        ... fetch web_server.url("/story") ...
        assert web_server.asked("/story") == 1
"""

from __future__ import annotations

import contextlib
import http.server
import ssl
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Reply:
    """One answer: a status, a typed body, more headers, and optionally a delay or a redirect."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)  # a Content-Length here is sent as is, even a lie
    delay: float = 0.0  # seconds before answering
    redirect: str | None = None  # sent as Location
    repeat: int = 1  # the body is sent this many times: a huge answer, never whole in memory
    length: bool = True  # send Content-Length; False: the body ends when the connection closes


@dataclass(frozen=True)
class Request:
    """A request as it arrived."""

    method: str
    path: str  # with its query
    headers: Mapping[str, str]  # names in lower case
    port: int  # the client's: requests on one connection share it


NOT_FOUND = Reply(404, b"not found", "text/plain")


class WebServer:
    """The routes to answer, and what was asked; `url(path)` is the address of a path."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.requests: list[Request] = []
        self.sent: dict[str, int] = {}  # path -> bytes of body written
        self._routes: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self.stopping = threading.Event()

    def url(self, path: str = "/") -> str:
        return self.base + path

    def route(self, path: str, *replies: Reply) -> None:
        """Answers `path` (with its query, or without it) with `replies` in turn, the last one again and again."""
        self._routes[path] = list(replies)

    def asked(self, path: str) -> int:
        """How many requests for `path` arrived."""
        return sum(request.path == path for request in self.requests)

    def answer(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            replies = self._routes.get(request.path) or self._routes.get(request.path.partition("?")[0])
            if not replies:
                return NOT_FOUND
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def count(self, path: str, size: int) -> None:
        with self._lock:
            self.sent[path] = self.sent.get(path, 0) + size


@contextlib.contextmanager
def serving(certificate: Path | None = None) -> Iterator[WebServer]:
    """A WebServer running in a thread; over TLS with `certificate` (a PEM holding the key and certificate)."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    if certificate:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    scheme = "https" if certificate else "http"
    httpd.site = WebServer(f"{scheme}://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield httpd.site
    finally:
        httpd.site.stopping.set()  # a delayed reply gives up at once
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def web_server() -> Iterator[WebServer]:
    """A fresh local web server: 404 for every path until routed."""
    with serving() as server:
        yield server


class _Server(http.server.ThreadingHTTPServer):
    site: WebServer

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError)):  # a client hanging up is no error
            super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps connections open, as real servers do
    server: _Server

    def do_GET(self) -> None:  # noqa: N802
        site = self.server.site
        headers = {name.lower(): value for name, value in self.headers.items()}
        reply = site.answer(Request(self.command, self.path, headers, self.client_address[1]))
        if site.stopping.wait(reply.delay):
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        if reply.redirect:
            self.send_header("Location", reply.redirect)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        stated = any(name.lower() == "content-length" for name in reply.headers)
        if reply.length and not stated:
            self.send_header("Content-Length", str(len(reply.body) * reply.repeat))
        if stated or not reply.length:  # the client cannot tell where the body ends: the connection ends it
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        for _ in range(reply.repeat):
            self.wfile.write(reply.body)
            site.count(self.path, len(reply.body))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass
