"""Fetching pages and feeds as a polite crawler: named, robots.txt obeyed, one connection and a pause per host."""

from __future__ import annotations

import contextlib
import http
import itertools
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3
from urllib3.exceptions import HTTPError, InvalidHeader, NameResolutionError, NewConnectionError, ProtocolError

from generator import __version__

USER_AGENT = f"timeline/{__version__} (+https://github.com/timeline/timeline; static-site timeline generator)"
HTML = frozenset({"text/html", "application/xhtml+xml"})
FEEDS = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"})
MAX_REDIRECTS = 5
LONGEST_WAIT = 60.0  # seconds: a Crawl-delay is cut to this, a longer Retry-After is not waited for
_KINDS = {HTML: "HTML", FEEDS: "a feed", HTML | FEEDS: "HTML or a feed"}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PHRASES = {status.value: status.phrase for status in http.HTTPStatus}


@dataclass(frozen=True)
class Fetched:
    """A page or feed as its server sent it."""

    url: str  # as asked
    final_url: str  # after redirects
    redirects: tuple[str, ...]  # the URLs redirected to, in order, without `url`: the last is `final_url`
    status: int
    content_type: str  # e.g. "text/html; charset=utf-8"
    body: bytes


class FetchError(Exception):
    """Why `url` could not be fetched; str(error) is the reason, worded for the user."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # crosses from a worker process whole
        return (type(self), (self.url, self.reason))


@dataclass(frozen=True)
class Etiquette:
    """How politely to fetch."""

    delay: float = 1.0  # seconds between two requests to the same host (robots.txt Crawl-delay wins when larger)
    timeout: float = 20.0  # seconds to connect, and for each read
    max_bytes: int = 5_000_000
    retries: int = 3  # on 429, 5xx and failed connections, waiting 1, 2, 4 … s or as Retry-After says


class Fetcher:
    """Gets URLs, remembering each host's robots.txt and when it was last asked.

    Meant for one thread: shared by several, a host still gets one connection at a time, but no pause between them.
    """

    def __init__(self, etiquette: Etiquette = Etiquette(), sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.etiquette = etiquette
        self._sleep, self._clock = sleep, clock
        headers = urllib3.make_headers(user_agent=USER_AGENT, accept_encoding=True)
        timeout = urllib3.Timeout(connect=etiquette.timeout, read=etiquette.timeout)
        self._pool = urllib3.PoolManager(maxsize=1, block=True, retries=False, timeout=timeout, headers=headers)
        self._robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}  # host -> clock() when it was last asked

    def get(self, url: str, accept: frozenset[str] = HTML) -> Fetched:
        """The page at `url`, redirects followed, if its type is one of `accept`; raises FetchError saying why not."""
        hops = [url]
        try:
            while True:
                response = self._answer(url, hops[-1], accept)
                with _handed_back(response):
                    location = response.headers.get("Location")
                    if response.status in _REDIRECTS and location:
                        if len(hops) > MAX_REDIRECTS:
                            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
                        hops.append(urljoin(hops[-1], location))
                        continue
                    content_type = self._check(url, response, accept)
                    body = self._read(url, response)
                    return Fetched(url, hops[-1], tuple(hops[1:]), response.status, content_type, body)
        except HTTPError as error:
            raise FetchError(url, _reason(error, hops[-1], self.etiquette.timeout)) from error

    def close(self) -> None:
        """Closes the connections kept open."""
        self._pool.clear()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()

    def _answer(self, url: str, target: str, accept: frozenset[str]) -> urllib3.BaseHTTPResponse:
        """The first answer for `target` not worth asking again, once robots.txt allows it and the pause is over."""
        parts = _web_address(url, target)
        robots = self._robots_of(parts)
        if not robots.can_fetch(USER_AGENT, target):
            raise FetchError(url, f"robots.txt of {parts.hostname} forbids it")
        delay = max(self.etiquette.delay, min(float(robots.crawl_delay(USER_AGENT) or 0), LONGEST_WAIT))
        headers = {**self._pool.headers, "Accept": ", ".join(sorted(accept))}
        for attempt in itertools.count():
            last = attempt >= self.etiquette.retries
            self._pause(parts.netloc, delay)
            try:
                response = self._pool.request("GET", target, headers=headers, preload_content=False)
            except (NewConnectionError, ProtocolError) as error:  # refused or cut off: perhaps not next time
                if last or isinstance(error, NameResolutionError):
                    raise
                wait = 2.0**attempt
            else:
                if last or (response.status != 429 and response.status < 500):
                    return response
                wait = 2.0**attempt
                with contextlib.suppress(InvalidHeader), _handed_back(response):
                    wait = urllib3.Retry().get_retry_after(response) or wait
                if wait > LONGEST_WAIT:
                    raise FetchError(url, f"{_status(response)}, and asked to wait {wait:g} s")
            self._sleep(wait)
        raise AssertionError("unreachable")  # for type checkers: the loop returns or raises

    def _robots_of(self, parts: SplitResult) -> RobotFileParser:
        """The host's robots.txt, fetched once; missing, failing or slow, it allows everything."""
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._pause(parts.netloc, self.etiquette.delay)
            text = b""
            # out of reach, it allows everything: RFC 9309 has a 5xx forbid all, but a flaky host would lose every article
            with contextlib.suppress(HTTPError, FetchError):
                redirects = urllib3.Retry(total=None, connect=0, read=0, status=0, other=0, redirect=MAX_REDIRECTS)
                response = self._pool.request("GET", f"{origin}/robots.txt", preload_content=False, retries=redirects)
                with _handed_back(response):
                    body = self._read(origin, response)  # even a 404's: the connection then stays open
                text = body if response.status == 200 else b""
            self._robots[origin] = RobotFileParser(f"{origin}/robots.txt")
            self._robots[origin].parse(text.decode("utf-8", "replace").splitlines())
        return self._robots[origin]

    def _pause(self, host: str, delay: float) -> None:
        """Waits until `delay` seconds have passed since the host was last asked, and notes the time."""
        last = self._last.get(host)
        if last is not None and last + delay > self._clock():
            self._sleep(last + delay - self._clock())
        self._last[host] = self._clock()

    def _check(self, url: str, response: urllib3.BaseHTTPResponse, accept: frozenset[str]) -> str:
        """The answer's Content-Type, once its status says success and its type is accepted."""
        if not 200 <= response.status < 300:
            raise FetchError(url, _status(response))
        content_type = response.headers.get("Content-Type", "")
        media = content_type.partition(";")[0].strip().lower()
        if media not in accept:
            wanted = _KINDS.get(accept, " or ".join(sorted(accept)))
            raise FetchError(url, f"not {wanted} but {media or 'of no stated type'}")
        return content_type

    def _read(self, url: str, response: urllib3.BaseHTTPResponse) -> bytes:
        """The body, read piece by piece and abandoned as soon as it is known to be too large."""
        limit = self.etiquette.max_bytes
        too_large = FetchError(url, f"larger than the {limit:,} bytes a page may have")
        length = response.headers.get("Content-Length", "").strip()
        if length.isdigit() and int(length) > limit:
            raise too_large
        pieces, size = [], 0
        for piece in response.stream(64 * 1024):
            size += len(piece)
            if size > limit:
                raise too_large
            pieces.append(piece)
        return b"".join(pieces)


def _web_address(url: str, target: str) -> SplitResult:
    """`target` split, if it is an http or https URL with a host."""
    try:
        parts = urlsplit(target)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        urllib3.util.parse_url(target)  # raises LocationParseError, a ValueError, for a host urllib3 refuses
    except ValueError:
        raise FetchError(url, f"not a valid web address: {target}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, f"only http and https URLs with a host can be fetched, not {target}")
    return parts


@contextlib.contextmanager
def _handed_back(response: urllib3.BaseHTTPResponse) -> Iterator[None]:
    """Returns the connection to its pool after use, closed if part of the body is unread (the next answer's start)."""
    try:
        yield
    finally:
        if not response.closed:
            response.close()
        response.release_conn()


def _status(response: urllib3.BaseHTTPResponse) -> str:
    """'404 Not Found': the standard phrase, else the server's own."""
    return f"{response.status} {_PHRASES.get(response.status, response.reason or '')}".strip()


def _reason(error: HTTPError, target: str, timeout: float) -> str:
    """What went wrong asking for `target`, in words for the user."""
    cause = error.__cause__ or error.__context__
    if isinstance(error, NameResolutionError):
        return f"host not found: {urlsplit(target).hostname}"
    if isinstance(error, NewConnectionError):
        return f"could not connect: {getattr(cause, 'strerror', None) or cause or error}"
    if isinstance(error, urllib3.exceptions.TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(error, urllib3.exceptions.SSLError):
        for inner in (*error.args, cause):
            if isinstance(inner, ssl.SSLCertVerificationError):
                return f"TLS: certificate verify failed: {inner.verify_message}"
            if isinstance(inner, ssl.SSLError) and inner.reason:
                return f"TLS: {inner.reason.replace('_', ' ').lower()}"
        return f"TLS: {error}"
    if isinstance(error, ProtocolError):
        return f"connection broken: {error.args[-1]}"
    return f"{type(error).__name__}: {error}"
