"""Fetched pages kept with the project under seeds/web/, named by host and path, each with a sidecar saying where it came
from: the originals stay, and the next ingest reads them without the network."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from generator.fetch import Fetched
from generator.files import write_atomically

_UNSAFE = re.compile(r"[^a-z0-9._~=+,@%-]")  # lower case only: no two names differ by case alone (macOS, Windows)
_HASHED = re.compile(r"-[0-9a-f]{12}$")
_LONGEST = 120  # characters of one name, before its hash and extension: far below the 255 bytes filesystems allow
_DEEPEST = 8  # folders under the host
_EXTENSIONS = {"html": ".html", "xml": ".xml"}


def saved_path(web: Path, url: str, kind: str = "html") -> Path:
    """Where the page (kind "html") or feed ("xml") fetched from `url` is kept: web/host/path….html.

    The name is plain when the URL reads back from it (https://www.example.com/news/story ->
    www.example.com/news/story.html, …/news/ -> news/index.html); anything else it loses (a query, upper case,
    http:, an odd character, length) is made up for by a hash of the whole URL: news/story_id=3-1f0e9a7c2b4d.html.
    """
    address = url.split("://", 1)[-1]
    head = re.split(r"[?#]", address, maxsplit=1)[0]
    tail = address[len(head):]
    host, *folders, last = head.split("/") if "/" in head else [head, ""]
    host = host.rpartition("@")[2]  # no password in a file name
    folders = [_clean(folder, folder=True) for folder in folders[:_DEEPEST]]
    stem = _clean((last or "index") + ("_" + tail[1:] if tail else ""))
    names = [_clean(host, folder=True), *folders]
    read_back = "https://" + "/".join([*names, "" if stem == "index" else stem])
    if read_back != url or _HASHED.search(stem):
        stem += "-" + hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return web.joinpath(*names, stem + _EXTENSIONS[kind])


def save(web: Path, fetched: Fetched, kind: str = "html") -> Path:
    """Keeps `fetched` at saved_path, with a sidecar `….json` saying where it came from; returns the page's path."""
    path = saved_path(web, fetched.url, kind)
    sidecar = _sidecar(path)
    sidecar.unlink(missing_ok=True)  # until the new body is whole, no sidecar vouches for it
    write_atomically(path, fetched.body)
    about = {"url": fetched.url, "final_url": fetched.final_url, "redirects": list(fetched.redirects),
             "status": fetched.status, "content_type": fetched.content_type}
    write_atomically(sidecar, json.dumps(about, indent=2).encode() + b"\n")
    return path


def load_saved(web: Path, url: str, kind: str = "html") -> Fetched | None:
    """The copy of `url` kept by save, or None when there is none whole."""
    path = saved_path(web, url, kind)
    try:
        about = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        fetched = Fetched(about["url"], about["final_url"], tuple(about["redirects"]), about["status"],
                          about["content_type"], path.read_bytes())
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return fetched if fetched.url == url else None


def saved_url(page: Path) -> str | None:
    """The URL a saved page was fetched from, or None for a page without a sidecar (saved by hand)."""
    try:
        url = json.loads(_sidecar(page).read_text(encoding="utf-8"))["url"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return url if isinstance(url, str) else None


def _sidecar(page: Path) -> Path:
    return page.with_name(page.name + ".json")


def _clean(name: str, folder: bool = False) -> str:
    """`name` made safe as one file name: lower case, odd characters '_', not hidden, not '..', not too long."""
    name = _UNSAFE.sub("_", name.lower())[:_LONGEST]
    name = re.sub(r"^\.|\.$", "_", name) or "_"
    # a folder named like a page or sidecar (…/story.html/…) would stand where that page is kept
    return name + "_" if folder and name.endswith((".html", ".xml", ".json")) else name
