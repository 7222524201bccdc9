"""Fetching politely from a local web server, and keeping what was fetched under seeds/web/."""

from __future__ import annotations

import pickle
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.fetch import FEEDS, USER_AGENT, Etiquette, Fetched, FetchError, Fetcher
from generator.saved_pages import load_saved, save, saved_path, saved_url
from tests.web_server import Reply, WebServer, serving, web_server  # noqa: F401 - a fixture

PAGE = b"<html><body><p>Talks resume in Geneva.</p></body></html>"
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>'


class Clock:
    """Time that passes only when slept in: pauses are checked without waiting for them."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fetcher(clock: Clock) -> Iterator[Fetcher]:
    with Fetcher(Etiquette(delay=1.0, timeout=2.0), sleep=clock.sleep, clock=clock) as fetcher:
        yield fetcher


def failure(fetcher: Fetcher, url: str, **options: object) -> str:
    """The reason fetching `url` fails."""
    with pytest.raises(FetchError) as caught:
        fetcher.get(url, **options)
    assert caught.value.url == url
    return str(caught.value)


# --- being polite ---


def test_every_request_names_the_tool_and_its_version(web_server: WebServer, fetcher: Fetcher) -> None:
    web_server.route("/story", Reply(body=PAGE))
    fetched = fetcher.get(web_server.url("/story"))
    assert fetched == Fetched(web_server.url("/story"), web_server.url("/story"), (), 200,
                              "text/html; charset=utf-8", PAGE)
    assert [request.path for request in web_server.requests] == ["/robots.txt", "/story"]
    assert {request.headers["user-agent"] for request in web_server.requests} == {USER_AGENT}
    assert USER_AGENT.startswith("timeline/0.")


def test_robots_txt_is_read_once_per_host(web_server: WebServer, fetcher: Fetcher) -> None:
    web_server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private\n", content_type="text/plain"))
    web_server.route("/a", Reply(body=PAGE))
    web_server.route("/b", Reply(body=PAGE))
    fetcher.get(web_server.url("/a"))
    fetcher.get(web_server.url("/b"))
    assert web_server.asked("/robots.txt") == 1


@pytest.mark.parametrize("robots", [
    "User-agent: *\nDisallow: /private\n",
    "User-agent: timeline\nDisallow: /private\n\nUser-agent: *\nDisallow:\n",  # rules for this tool by name
])
def test_what_robots_txt_forbids_is_not_fetched(web_server: WebServer, fetcher: Fetcher, robots: str) -> None:
    web_server.route("/robots.txt", Reply(body=robots.encode(), content_type="text/plain"))
    web_server.route("/private/story", Reply(body=PAGE))
    web_server.route("/public/story", Reply(body=PAGE))
    assert failure(fetcher, web_server.url("/private/story")) == "robots.txt of 127.0.0.1 forbids it"
    assert fetcher.get(web_server.url("/public/story")).body == PAGE
    assert web_server.asked("/private/story") == 0


@pytest.mark.parametrize("robots", [Reply(404), Reply(503), Reply(delay=5.0)], ids=["missing", "failing", "slow"])
def test_a_robots_txt_that_cannot_be_had_allows_everything(web_server: WebServer, clock: Clock, robots: Reply) -> None:
    web_server.route("/robots.txt", robots)
    web_server.route("/story", Reply(body=PAGE))
    started = time.monotonic()
    with Fetcher(Etiquette(timeout=0.5), sleep=clock.sleep, clock=clock) as fetcher:
        assert fetcher.get(web_server.url("/story")).body == PAGE
    assert time.monotonic() - started < 2.0
    assert web_server.asked("/robots.txt") == 1


@pytest.mark.parametrize(("robots", "pause"), [(b"", 5.0), (b"User-agent: *\nCrawl-delay: 7\n", 7.0)])
def test_requests_to_a_host_are_spaced_out(web_server: WebServer, clock: Clock, robots: bytes, pause: float) -> None:
    web_server.route("/robots.txt", Reply(body=robots, content_type="text/plain"))
    web_server.route("/a", Reply(body=PAGE))
    web_server.route("/b", Reply(body=PAGE))
    with Fetcher(Etiquette(delay=5.0), sleep=clock.sleep, clock=clock) as fetcher:
        fetcher.get(web_server.url("/a"))
        fetcher.get(web_server.url("/b"))
    assert clock.slept == [pause, pause]  # robots.txt, pause, /a, pause, /b


def test_different_hosts_do_not_wait_for_each_other(web_server: WebServer, fetcher: Fetcher, clock: Clock) -> None:
    web_server.route("/story", Reply(body=PAGE))
    fetcher.get(web_server.url("/story"))
    fetcher.get(web_server.url("/story").replace("127.0.0.1", "localhost"))
    assert web_server.asked("/story") == 2
    assert clock.slept == [1.0, 1.0]  # each story waits for its own host's robots.txt, not for the other host


def test_a_host_gets_one_connection_even_from_three_threads(web_server: WebServer, fetcher: Fetcher) -> None:
    for path in ("/a", "/b", "/c"):
        web_server.route(path, Reply(body=PAGE, delay=0.1))
    threads = [threading.Thread(target=fetcher.get, args=(web_server.url(path),)) for path in ("/a", "/b", "/c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert web_server.asked("/a") == web_server.asked("/b") == web_server.asked("/c") == 1
    assert len({request.port for request in web_server.requests}) == 1


# --- redirects, statuses, retries ---


def test_redirects_are_followed_and_recorded(web_server: WebServer, fetcher: Fetcher) -> None:
    web_server.route("/old", Reply(301, redirect="/middle"))
    web_server.route("/middle", Reply(302, redirect=web_server.url("/new")))
    web_server.route("/new", Reply(body=PAGE))
    fetched = fetcher.get(web_server.url("/old"))
    assert (fetched.url, fetched.final_url, fetched.body) == (web_server.url("/old"), web_server.url("/new"), PAGE)
    assert fetched.redirects == (web_server.url("/middle"), web_server.url("/new"))


def test_redirects_stop_after_five(web_server: WebServer, fetcher: Fetcher) -> None:
    web_server.route("/loop", Reply(302, redirect="/loop"))
    assert failure(fetcher, web_server.url("/loop")) == "more than 5 redirects"
    assert web_server.asked("/loop") == 6


def test_a_redirect_goes_nowhere_robots_txt_forbids_or_off_the_web(web_server: WebServer, fetcher: Fetcher) -> None:
    web_server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private\n", content_type="text/plain"))
    web_server.route("/in", Reply(302, redirect="/private"))
    web_server.route("/out", Reply(302, redirect="ftp://127.0.0.1/story"))
    assert failure(fetcher, web_server.url("/in")) == "robots.txt of 127.0.0.1 forbids it"
    assert failure(fetcher, web_server.url("/out")) == (
        "only http and https URLs with a host can be fetched, not ftp://127.0.0.1/story")


def test_a_missing_page_says_404(web_server: WebServer, fetcher: Fetcher) -> None:
    assert failure(fetcher, web_server.url("/gone")) == "404 Not Found"
    assert web_server.asked("/gone") == 1


def test_an_unavailable_server_is_asked_again(web_server: WebServer, fetcher: Fetcher, clock: Clock) -> None:
    web_server.route("/story", Reply(503), Reply(body=PAGE))
    assert fetcher.get(web_server.url("/story")).body == PAGE
    assert web_server.asked("/story") == 2
    assert clock.slept == [1.0, 1.0]  # the pause after robots.txt, then the first back-off


@pytest.mark.parametrize(("retry_after", "wait"), [("7", 7.0), ("soon", 1.0)])  # 'soon' means nothing: back off
def test_too_many_requests_waits_as_retry_after_says(web_server: WebServer, fetcher: Fetcher, clock: Clock,
                                                     retry_after: str, wait: float) -> None:
    web_server.route("/story", Reply(429, headers={"Retry-After": retry_after}), Reply(body=PAGE))
    assert fetcher.get(web_server.url("/story")).body == PAGE
    assert clock.slept == [1.0, wait]


def test_retries_are_bounded(web_server: WebServer, clock: Clock) -> None:
    web_server.route("/story", Reply(503))
    with Fetcher(Etiquette(retries=2), sleep=clock.sleep, clock=clock) as fetcher:
        assert failure(fetcher, web_server.url("/story")) == "503 Service Unavailable"
    assert web_server.asked("/story") == 3
    assert clock.slept[-2:] == [1.0, 2.0]


def test_a_retry_after_of_an_hour_is_not_waited_for(web_server: WebServer, fetcher: Fetcher, clock: Clock) -> None:
    web_server.route("/story", Reply(503, headers={"Retry-After": "3600"}))
    assert failure(fetcher, web_server.url("/story")) == "503 Service Unavailable, and asked to wait 3600 s"
    assert web_server.asked("/story") == 1
    assert 3600 not in clock.slept


def test_a_refused_connection_is_tried_again_then_reported(fetcher: Fetcher, clock: Clock) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert failure(fetcher, f"http://127.0.0.1:{port}/story") == "could not connect: Connection refused"
    assert clock.slept[-3:] == [1.0, 2.0, 4.0]


def test_a_slow_server_times_out(web_server: WebServer, clock: Clock) -> None:
    web_server.route("/story", Reply(body=PAGE, delay=5.0))
    started = time.monotonic()
    with Fetcher(Etiquette(timeout=0.5), sleep=clock.sleep, clock=clock) as fetcher:
        assert failure(fetcher, web_server.url("/story")) == "timed out after 0.5 s"
    assert time.monotonic() - started < 2.0


@pytest.mark.skipif(not shutil.which("openssl"), reason="needs openssl to make a certificate")
def test_an_untrusted_certificate_is_refused(tmp_path: Path, fetcher: Fetcher) -> None:
    pem = tmp_path / "self-signed.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", pem, "-out", tmp_path / "cert.pem"], check=True, capture_output=True)
    pem.write_bytes(pem.read_bytes() + (tmp_path / "cert.pem").read_bytes())
    with serving(certificate=pem) as server:
        server.route("/story", Reply(body=PAGE))
        assert failure(fetcher, server.url("/story")).startswith("TLS: certificate verify failed: self")


# --- what comes back ---


def test_a_body_said_to_be_too_large_is_not_read(web_server: WebServer, clock: Clock) -> None:
    # the stated length is a lie: reading on would break off, so the answer is refused on its headers alone
    web_server.route("/story", Reply(body=PAGE, headers={"Content-Length": "999999999"}))
    with Fetcher(Etiquette(max_bytes=1000), sleep=clock.sleep, clock=clock) as fetcher:
        assert failure(fetcher, web_server.url("/story")) == "larger than the 1,000 bytes a page may have"


def test_a_body_of_unstated_length_is_read_up_to_the_limit(web_server: WebServer, clock: Clock) -> None:
    chunk = b"<p>" + b"x" * 65533
    web_server.route("/endless", Reply(body=chunk, repeat=2000, length=False))  # 131 MB
    with Fetcher(Etiquette(max_bytes=1_000_000), sleep=clock.sleep, clock=clock) as fetcher:
        assert failure(fetcher, web_server.url("/endless")) == "larger than the 1,000,000 bytes a page may have"
    assert web_server.sent["/endless"] < 40_000_000  # what the socket buffers held, not the whole


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png"])
def test_an_article_must_be_html(web_server: WebServer, fetcher: Fetcher, content_type: str) -> None:
    web_server.route("/file", Reply(body=b"%PDF-1.7", content_type=content_type))
    assert failure(fetcher, web_server.url("/file")) == f"not HTML but {content_type}"


def test_a_feed_is_fetched_as_a_feed(web_server: WebServer, fetcher: Fetcher) -> None:
    web_server.route("/feed", Reply(body=RSS, content_type="application/rss+xml"))
    web_server.route("/story", Reply(body=PAGE))
    assert fetcher.get(web_server.url("/feed"), accept=FEEDS).body == RSS
    assert "application/rss+xml" in web_server.requests[-1].headers["accept"]
    assert failure(fetcher, web_server.url("/story"), accept=FEEDS) == "not a feed but text/html"


@pytest.mark.parametrize("url", ["ftp://example.com/story", "file:///etc/passwd", "javascript:alert(1)",
                                 "example.com/story", "http:///story", "http://example.com:port/",
                                 "http://exa mple.com/story"])
def test_only_web_addresses_are_fetched(fetcher: Fetcher, url: str) -> None:
    assert failure(fetcher, url).startswith(("only http and https URLs", "not a valid web address"))


def test_a_fetch_error_crosses_processes_whole() -> None:
    error = pickle.loads(pickle.dumps(FetchError("https://example.com/", "404 Not Found")))
    assert (error.url, error.reason, str(error)) == ("https://example.com/", "404 Not Found", "404 Not Found")


# --- keeping pages under seeds/web/ ---


def test_a_plain_url_reads_as_its_path(tmp_path: Path) -> None:
    assert saved_path(tmp_path, "https://www.example.com/news/2024/story") == (
        tmp_path / "www.example.com/news/2024/story.html")
    assert saved_path(tmp_path, "https://www.example.com/news/") == tmp_path / "www.example.com/news/index.html"
    assert saved_path(tmp_path, "https://www.example.com/feed", kind="xml") == tmp_path / "www.example.com/feed.xml"


def test_what_a_name_cannot_show_is_made_up_for_by_a_hash(tmp_path: Path) -> None:
    path = saved_path(tmp_path, "https://www.example.com/news/2024/story?id=3")
    assert path.parent == tmp_path / "www.example.com/news/2024"
    assert path.name.startswith("story_id=3-") and len(path.name) == len("story_id=3-") + 12 + len(".html")
    assert saved_path(tmp_path, "https://www.example.com/news/2024/story_id=3").name == "story_id=3.html"


NEAR_MISSES = [("https://x/a/", "https://x/a/index"), ("https://x/a", "https://x/A"), ("http://x/a", "https://x/a"),
               ("https://x/a?b", "https://x/a_b"), ("https://x/a", "https://x/a.html/b"), ("https://x/.", "https://x/_")]
PIECES = st.sampled_from(["https://", "http://", "/", "..", ".", "?", "#", "_", "a", "A", "index", "%2e", ".html",
                          ".json", "@", ":", " ", "\\", "\x00", "é", "-0123456789ab", "x" * 150])
URLS = st.text() | st.lists(PIECES, max_size=30).map("".join)


@given(URLS)
@settings(max_examples=200)
def test_any_url_is_kept_inside_web_under_names_a_filesystem_takes(url: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        web = Path(folder) / "web"
        path = saved_path(web, url)
        assert path.is_relative_to(web)
        assert all(0 < len(name.encode()) <= 200 and name not in (".", "..") for name in path.relative_to(web).parts)
        path.parent.mkdir(parents=True)
        path.with_name(path.name + ".json").write_bytes(b"{}")
        path.write_bytes(PAGE)
        assert path.resolve().is_relative_to(web.resolve())


def _places(path: Path) -> set[Path]:
    """Every path a saved page occupies: the page, its sidecar and its folders."""
    return {path, path.with_name(path.name + ".json"), *path.parents}


@pytest.mark.parametrize(("one", "other"), NEAR_MISSES)
def test_urls_that_look_alike_are_kept_apart(tmp_path: Path, one: str, other: str) -> None:
    mine, theirs = saved_path(tmp_path, one), saved_path(tmp_path, other)
    assert {mine, mine.with_name(mine.name + ".json")}.isdisjoint(_places(theirs))
    assert {theirs, theirs.with_name(theirs.name + ".json")}.isdisjoint(_places(mine))


def test_a_url_ending_like_a_hash_does_not_take_a_hashed_name(tmp_path: Path) -> None:
    hashed = saved_path(tmp_path, "https://x/story?id=3")
    lookalike = "https://x/" + hashed.stem  # https://x/story_id=3-…: would read back from the same name
    assert saved_path(tmp_path, lookalike) != hashed


@given(URLS, URLS)
@settings(max_examples=300)
def test_different_urls_never_share_a_place(one: str, other: str) -> None:
    if one != other:
        mine, theirs = saved_path(Path("web"), one), saved_path(Path("web"), other)
        assert {mine, mine.with_name(mine.name + ".json")}.isdisjoint(_places(theirs))
        assert {theirs, theirs.with_name(theirs.name + ".json")}.isdisjoint(_places(mine))


def test_a_saved_page_loads_back_as_it_was_fetched(tmp_path: Path) -> None:
    fetched = Fetched("https://example.com/old", "https://example.com/new", ("https://example.com/new",), 200,
                      "text/html; charset=utf-8", PAGE)
    path = save(tmp_path, fetched)
    assert path == saved_path(tmp_path, "https://example.com/old")
    assert load_saved(tmp_path, "https://example.com/old") == fetched
    assert saved_url(path) == "https://example.com/old"
    feed = Fetched("https://example.com/old", "https://example.com/old", (), 200, "application/rss+xml", RSS)
    assert load_saved(tmp_path, "https://example.com/old", kind="xml") is None
    assert save(tmp_path, feed, kind="xml").suffix == ".xml"
    assert load_saved(tmp_path, "https://example.com/old", kind="xml") == feed


def test_a_page_without_a_whole_sidecar_is_not_a_saved_fetch(tmp_path: Path) -> None:
    assert load_saved(tmp_path, "https://example.com/story") is None
    by_hand = tmp_path / "example.com" / "story.html"
    by_hand.parent.mkdir()
    by_hand.write_bytes(PAGE)
    assert saved_url(by_hand) is None
    assert load_saved(tmp_path, "https://example.com/story") is None
    (tmp_path / "example.com" / "story.html.json").write_text('{"url": "https://example.com/story"')
    assert load_saved(tmp_path, "https://example.com/story") is None
    assert saved_url(by_hand) is None
