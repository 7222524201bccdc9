"""Writes the site: only the files that changed, and never a half-written site/.

A cold build renders into a fresh folder beside site/ and swaps it in (one atomic exchange of the two
folders where the system has it); where site/ is a link, all this happens beside the folder it leads
to, and the link stays. An incremental build renders the pages whose key changed into a fresh folder
too; once every one of them is made, the files whose
bytes differ are moved into site/ one rename each (new files first, so no link ever leads nowhere),
and files no longer made are removed. Files that come out the same are not touched, so their
modification time stays and a sync uploads only changes. A build killed at any moment leaves every
file of site/ whole, the old version or the new; the next build completes the change.
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from stat import S_IMODE

import msgspec

from generator.display import shown_path
from generator.errors import TimelineError
from generator.contexts import Page


class SiteFile(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """What a file in site/ was made from and what it holds, to tell later whether it is still current.

    A msgspec Struct: the build cache holds tens of thousands of them, read and written as compact rows.
    """

    key: str
    digest: str
    size: int
    mtime_ns: int
    runs: tuple[str, ...] = ()  # the keys of the runs it was made of (see Renderer.run): those the build cache keeps


Manifest = dict[str, SiteFile]  # site path -> file


def live_runs(manifest: Manifest) -> set[str]:
    """The runs the files of the site are made of: those worth keeping."""
    return {key for record in manifest.values() for key in record.runs}


@dataclass(frozen=True)
class WriteReport:
    manifest: Manifest
    rendered: int  # pages made (their key changed)
    written: int  # files created or replaced (their bytes changed)
    removed: int  # files no longer part of the site
    left: int = 0  # files left for the next build (see incremental.Builds.build's `pages_first`)


@dataclass(frozen=True)
class Staged:
    """Files made into the staging folder: the record of each, and those whose bytes are new."""

    manifest: Manifest
    written: list[str]


def check_paths(paths: Sequence[str]) -> None:
    """Refuses a plan in which two files have one path: one of them would be lost."""
    seen: set[str] = set()
    for path in paths:
        if path in seen:
            raise TimelineError(f"two pages would be written to site/{path}, and one of them lost; site/ was not changed "
                                "(a bug in timeline: please report it)")
        seen.add(path)


@contextmanager
def staging_folder(site: Path) -> Iterator[Path]:
    """A fresh folder beside the folder the site is published in (see `published`), on its file system: files
    move from it into site/ by renames, not copies. It is removed afterwards, whatever happens."""
    site = published(site)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    except OSError as error:
        raise TimelineError(f"could not make a folder beside {shown_path(site)} to build the site in: {error.strerror or error}; "
                            f"let this user write to {shown_path(site.parent)}, where the new site is made and swapped in") from error
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def stage(pages: Iterable[Page], staging: Path, current: Manifest) -> Staged:
    """Writes into `staging` the pages whose bytes differ from `current`'s; records every page."""
    made: Manifest = {}
    written = []
    folders: set[Path] = set()  # made already: asking again costs a system call as dear as writing a file
    for page in pages:  # made as they are asked for: an error making one is not a disk error
        digest = hashlib.blake2b(page.data, digest_size=16).hexdigest()
        old = current.get(page.path)
        if old is not None and old.digest == digest:
            made[page.path] = SiteFile(page.key, digest, old.size, old.mtime_ns, page.runs)
            continue
        target = inside(staging, page.path)
        try:
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            stat = _create(target, page.data)
        except OSError as error:
            raise TimelineError(f"could not write the site (into {shown_path(staging)}): {error.strerror or error}; "
                                "the previous site is unchanged") from error
        made[page.path] = SiteFile(page.key, digest, stat.st_size, stat.st_mtime_ns, page.runs)
        written.append(page.path)
    return Staged(made, written)


def publish(staged: Staged, staging: Path, site: Path, previous: Manifest | None, paths: Sequence[str], keep: Sequence[str] = (),
            current: Manifest | None = None, partial: bool = False, left: int = 0) -> WriteReport:
    """Puts the staged files into site/. With no `previous` site, the staging folder (holding every file)
    takes its place at once (the folders `keep` of the old one, made by others, move over). Else the
    new and changed files move in one rename each (new ones first, so no link ever leads nowhere), and
    files no longer among `paths` are removed. `current`: the records of `previous` still true of
    site/. With `partial`, `paths` are only some of the site's files: the others stay as they are."""
    site = published(site)
    current = current if current is not None else previous or {}
    try:
        if previous is None or not site.is_dir():
            os.chmod(staging, _mode(site))
            for folder in keep:
                if (site / folder).is_dir() and not (staging / folder).exists():
                    os.rename(site / folder, staging / folder)
            swap(staging, site)
            return WriteReport(staged.manifest, len(paths), len(staged.written), 0)
        for path in sorted(staged.written, key=lambda path: path in previous):
            target = inside(site, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / path, target)
        planned = set(paths)
        stale = [path for path in previous if path not in planned] if not partial else []
        for path in stale:
            _remove(site, path)
    except OSError as error:
        raise TimelineError(f"could not write the site to {shown_path(site)}: {error.strerror or error}; the previous site is unchanged") from error
    manifest = {**(current if partial else {}), **{path: staged.manifest.get(path) or current[path] for path in paths}}
    return WriteReport(manifest, len(staged.manifest), len(staged.written), len(stale), left)


def published(site: Path) -> Path:
    """The folder the site's files go to: site/ itself, or the folder it links to (a deploy set-up: site -> /var/www/timeline).

    The link stays as it is; the new site is made beside its target and swapped in there. A link to a
    folder not made yet is fine (the first build makes it), but not one into a folder that does not exist:
    a disk not mounted, or a typo, rather than a place to make folders in.
    """
    if not site.is_symlink():
        site = site.absolute()
        site.parent.mkdir(parents=True, exist_ok=True)
        target = site
    else:
        target = Path(os.path.realpath(site))
        link = f"{shown_path(site)} links to {shown_path(target)}"
        if target.is_symlink():
            raise TimelineError(f"{link}, a link in a loop; point it at a folder (ln -sfn FOLDER {shown_path(site)})")
        if not target.parent.is_dir():
            raise TimelineError(f"{link}, but {shown_path(target.parent)} does not exist; make that folder, or point the link elsewhere "
                                f"(ln -sfn FOLDER {shown_path(site)})")
    if target.exists() and not target.is_dir():
        raise TimelineError(f"{shown_path(target)} is a file, not a folder: move it away, and the build makes the site there")
    return target


def _mode(site: Path) -> int:
    """The permissions the site's folder has (a web server may rely on them), or those of a new folder anyone may read."""
    try:
        return S_IMODE(os.stat(site).st_mode)
    except OSError:
        return 0o755


def _create(path: Path, content: bytes) -> os.stat_result:
    """Writes a new file in four system calls (Python's open adds three more): a cold build writes tens of
    thousands, and where system calls are dear (virtual machines), they cost more than rendering."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
        return os.fstat(fd)
    finally:
        os.close(fd)


def unlike(site: Path, manifest: Manifest) -> set[str]:
    """The files of the manifest that site/ no longer has as the manifest describes them (changed or removed)."""
    altered = set()
    for path, record in manifest.items():
        try:
            stat = os.stat(f"{site}/{path}")
        except OSError:
            altered.add(path)
            continue
        if stat.st_size != record.size or stat.st_mtime_ns != record.mtime_ns:
            altered.add(path)
    return altered


def _remove(site: Path, path: str) -> None:
    """Removes a file the site no longer has, and the folders it leaves empty."""
    target = inside(site, path)
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != site and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def inside(base: Path, relative: str) -> Path:
    """The file `relative` under `base`, refusing any path that would leave `base`."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in parts):
        raise ValueError(f"refusing to write outside the site folder: {relative!r}")
    return base.joinpath(*parts)


def swap(new: Path, site: Path) -> None:
    """Puts `new` in the place of `site`, in one step where the system can (Linux); the old one is removed after."""
    if not site.exists():
        new.rename(site)
        return
    if _exchange(new, site):
        shutil.rmtree(new, ignore_errors=True)  # it holds the old site now
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}-old-", dir=site.parent))  # two renames: for a moment there is no site/
    old.rmdir()
    site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swaps two folders in one atomic rename (Linux's renameat2 with RENAME_EXCHANGE); False where that cannot be done."""
    renameat2 = getattr(_LIBC, "renameat2", None) if _LIBC is not None else None
    if renameat2 is None:
        return False
    return renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0


try:
    _LIBC: ctypes.CDLL | None = ctypes.CDLL(None, use_errno=True)
except OSError:
    _LIBC = None
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def remove_leftovers(site: Path) -> None:
    """Deletes what an interrupted build left beside site/, and beside the folder it links to (call only while holding the build lock)."""
    target = Path(os.path.realpath(site))
    for folder, name in {(site.absolute().parent, site.name), (target.parent, target.name)}:
        for leftover in folder.glob(f".{glob.escape(name)}-[no][el][wd]-*"):
            if leftover.is_symlink():
                leftover.unlink()  # site/ itself, swapped away by an older version: not what it leads to
            else:
                shutil.rmtree(leftover, ignore_errors=True)
