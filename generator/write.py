"""Writes pages into a fresh folder, then swaps it in: site/ is never half-written."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import TimelineError
from generator.model import Page


def write_site(pages: Callable[[int, int], Iterable[Page]], static_dirs: Iterable[Path], site: Path, workers: int = 1) -> int:
    """Writes every page and static file into a new folder beside `site`, then replaces it.

    `pages(part, parts)` gives one part of the pages; with `workers` > 1 the parts are rendered and
    written by that many forked processes at once. Returns the number of files written. If anything
    fails, `site` is left as it was.
    """
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    try:
        count = 0
        for directory in static_dirs:  # later folders override earlier ones file by file
            if directory.is_dir():
                shutil.copytree(directory, staging / "static", dirs_exist_ok=True)
        count += _write_parts(pages, staging, workers)
        os.chmod(staging, 0o755)
        swap(staging, site)
        return count
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise TimelineError(f"could not write the site to {site}: {error.strerror or error}; the previous site is unchanged") from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_parts(pages: Callable[[int, int], Iterable[Page]], staging: Path, workers: int) -> int:
    if workers <= 1:
        return _write_pages(pages(0, 1), staging)
    context = multiprocessing.get_context("fork")  # children inherit the loaded content: nothing is pickled
    results = context.SimpleQueue()
    children = [context.Process(target=_child, args=(pages, part, workers, staging, results)) for part in range(1, workers)]
    for child in children:
        child.start()
    try:
        count = _write_pages(pages(0, workers), staging)
    finally:
        for child in children:
            child.join()
    if any(child.exitcode for child in children):  # killed before it could report: do not wait for its result
        raise OSError("a build process ended without finishing its pages")
    outcomes = [results.get() for _ in children]  # each child that exited normally put exactly one
    if failed := [o for o in outcomes if isinstance(o, str)]:
        raise OSError(failed[0])
    return count + sum(outcomes)


def _child(pages: Callable[[int, int], Iterable[Page]], part: int, parts: int, staging: Path, results: Any) -> None:
    try:
        results.put(_write_pages(pages(part, parts), staging))
    except BaseException as error:  # reported by the parent, which cleans up
        results.put(f"{type(error).__name__}: {error}")


def _write_pages(pages: Iterable[Page], staging: Path) -> int:
    count = 0
    for page in pages:
        target = inside(staging, page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.content)
        count += 1
    return count


def inside(base: Path, relative: str) -> Path:
    """The file `relative` under `base`, refusing any path that would leave `base`."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in parts):
        raise ValueError(f"refusing to write outside the site folder: {relative!r}")
    return base.joinpath(*parts)


def swap(new: Path, site: Path) -> None:
    """Puts `new` in the place of `site`; the old one is removed after the swap."""
    if not site.exists():
        new.rename(site)
        return
    old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
    old.rmdir()
    site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)
