"""Full-text search: Pagefind indexes the built pages into site/pagefind/, which the search page reads.

Pagefind writes into a fresh folder beside site/. Once it is complete, its files are moved into
site/pagefind/: the new ones first, then the entry file that points to them, then the old ones are
removed, so the index in site/ is whole at every moment. Files that come out the same are left as
they are (Pagefind names most files by their content), so a sync uploads only what changed. The index
is made again only when an HTML page changed (a digest of their digests is kept in the build cache).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
from pathlib import Path

from generator.cache_store import CacheStore, Damaged
from generator.errors import TimelineError
from generator.write import Manifest

SEARCH_DIR = "pagefind"  # in site/
ENTRY_FILE = "pagefind-entry.json"  # in site/pagefind/: names the index's other files
MADE_FROM = "search.txt"  # in the cache store: a digest of the pages the index in site/ was made from
INDEXED = "{entries,actors,locations}/**/*.html"  # the pages with something to find (marked data-pagefind-body), not the lists


class Search:
    """Keeps site/pagefind/ in step with the pages of site/, one run at a time."""

    def __init__(self, site: Path, cache: CacheStore) -> None:
        self.site = site
        self.cache = cache
        self._one_at_a_time = threading.Lock()
        self._lock = threading.Lock()  # guards _running
        self._running: subprocess.Popen[bytes] | None = None

    def needed(self, manifest: Manifest) -> str:
        """The digest of the site's pages if the index is not made from them, else ''."""
        pages = _pages_digest(manifest)
        try:
            current = self.cache.chunks(MADE_FROM) == [pages.encode()] and (self.site / SEARCH_DIR / "pagefind.js").is_file()
        except (OSError, Damaged, sqlite3.Error):
            current = False
        return "" if current else pages

    def refresh(self, manifest: Manifest) -> bool:
        """Indexes site/ unless the index is current; says whether it did (not if interrupted). Raises TimelineError if Pagefind fails."""
        with self._one_at_a_time:
            pages = self.needed(manifest)
            if not pages:
                return False
            for leftover in self.site.parent.glob(".search-new-*"):  # of a run that was killed
                shutil.rmtree(leftover, ignore_errors=True)
            output = Path(tempfile.mkdtemp(prefix=".search-new-", dir=self.site.parent))
            try:
                if not self._index(output):
                    return False
                self.cache.replace_chunks(MADE_FROM, [])  # none while files move: a crash here costs a run, never a stale index
                _move_in(output, self.site / SEARCH_DIR)
                self.cache.replace_chunks(MADE_FROM, [pages.encode()])
                return True
            finally:
                shutil.rmtree(output, ignore_errors=True)

    def interrupt(self) -> None:
        """Stops the run in progress, if any: what it made is dropped (serve, when the pages change again)."""
        with self._lock:
            if self._running is not None:
                self._running.terminate()

    def _index(self, output: Path) -> bool:
        try:
            from pagefind_bin import get_executable

            executable = get_executable()
        except (ImportError, FileNotFoundError):
            raise TimelineError("search: Pagefind is not installed (pip install 'pagefind[bin]'); build with --no-search to skip the search index") from None
        command = [str(executable), "--site", str(self.site), "--output-path", str(output), "--glob", INDEXED, "--silent"]
        with self._lock:
            self._running = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            said, _ = self._running.communicate()
        finally:
            with self._lock:
                code, self._running = self._running.returncode, None
        if code < 0:  # interrupted
            return False
        if code != 0:
            raise TimelineError(f"search: Pagefind failed ({code}): {said.decode('utf-8', 'replace').strip()[-2000:]}; "
                                "the pages are built, the search index is the previous one")
        return True


def _move_in(new: Path, index: Path) -> None:
    """Makes `index` hold what `new` holds, the entry file last, leaving alone the files that are the same."""
    files = sorted(path.relative_to(new).as_posix() for path in new.rglob("*") if path.is_file())
    files.sort(key=lambda name: name == ENTRY_FILE)  # the entry file last: it names the files of the index
    for name in files:
        source, target = new / name, index / name
        if target.is_file() and target.stat().st_size == source.stat().st_size and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    kept = set(files)
    for path in sorted(index.rglob("*"), reverse=True):  # files before their folders
        name = path.relative_to(index).as_posix()
        if path.is_file() and name not in kept:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _pages_digest(manifest: Manifest) -> str:
    pages = "\n".join(f"{path}\0{record.digest}" for path, record in sorted(manifest.items()) if path.endswith(".html"))
    return hashlib.blake2b(pages.encode("utf-8"), digest_size=16).hexdigest()
