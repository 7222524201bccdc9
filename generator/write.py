"""Writes pages into a fresh folder, then swaps it in: site/ is never half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from generator.errors import TimelineError
from generator.model import Page


def write_site(pages: Iterable[Page], static_dirs: Iterable[Path], site: Path) -> int:
    """Writes every page and static file into a new folder beside `site`, then replaces it.

    Returns the number of files written. If anything fails, `site` is left as it was.
    """
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    try:
        count = 0
        for directory in static_dirs:  # later folders override earlier ones file by file
            if directory.is_dir():
                shutil.copytree(directory, staging / "static", dirs_exist_ok=True)
        for page in pages:
            target = inside(staging, page.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.content)
            count += 1
        os.chmod(staging, 0o755)
        swap(staging, site)
        return count
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise TimelineError(f"could not write the site to {site}: {error.strerror or error}; the previous site is unchanged") from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


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
