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
import gc
import glob
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from stat import S_IMODE

import msgspec

from generator.display import printable
from generator.errors import TimelineError
from generator.pages import Job
from generator.parallel import in_parts
from generator.render import ITEMS_KEPT, ItemCache, Renderer

PARALLEL_FROM = 10_000  # weight of the files to make (see Job.weight), some 40 ms: below this a second process costs more than it saves
COLLECT_FROM = 500  # pages to render from which the cycle collector must run meanwhile


class Written(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """What a file in site/ was made from and what it holds, to tell later whether it is still current.

    A msgspec Struct: the build cache holds tens of thousands of them, read and written as compact rows.
    """

    key: str
    digest: str
    size: int
    mtime_ns: int
    runs: tuple[str, ...] = ()  # the keys of the runs it was made of (see Renderer.run): those the build cache keeps


Manifest = dict[str, Written]  # site path -> file


def live_runs(manifest: Manifest) -> set[str]:
    """The runs the files of the site are made of: those worth keeping."""
    return {key for record in manifest.values() for key in record.runs}


@dataclass(frozen=True)
class WriteReport:
    manifest: Manifest
    rendered: int  # pages made (their key changed)
    written: int  # files created or replaced (their bytes changed)
    removed: int  # files no longer part of the site
    left: int = 0  # files left for the next build (see `later`)


def write_site(jobs: Sequence[Job], renderer: Renderer, site: Path, previous: Manifest | None = None, workers: int = 1,
               altered: set[str] | None = None, later: Callable[[str], bool] | None = None, keep: Sequence[str] = (),
               partial: bool = False) -> WriteReport:
    """Brings `site` up to date with `jobs`; `previous` is what the last build wrote (None: start afresh).

    `altered`: the files of `previous` that are no longer as they were written, if known (else they are
    looked for now; none, if the same process wrote them a moment ago); a file changed or removed by hand
    is made again. Files for which `later(path)` is true and that exist are left as they are, their record
    too, so that the next build makes them. The folders `keep` of `site`, made by others (the search index),
    stay as they are. With `partial`, the jobs are only some of the site's files: the others stay as
    `previous` has them. If anything fails, `site` is left as it was.
    """
    planned = {job.path for job in jobs}
    if len(planned) < len(jobs):
        raise TimelineError(f"two pages would be written to site/{_twice(jobs)}, and one of them lost; site/ was not changed "
                            "(a bug in timeline: please report it)")
    site = published(site)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))  # on the site's file system: renames, not copies
    except OSError as error:
        raise TimelineError(f"could not make a folder beside {printable(str(site))} to build the site in: {error.strerror or error}; "
                            f"let this user write to {printable(str(site.parent))}, where the new site is made and swapped in") from error
    try:
        if previous is None or not site.is_dir():
            made, written = _make(jobs, renderer, staging, {}, workers)
            os.chmod(staging, _mode(site))
            for folder in keep:
                if (site / folder).is_dir() and not (staging / folder).exists():
                    os.rename(site / folder, staging / folder)
            swap(staging, site)
            return WriteReport(made, len(jobs), len(written), 0)
        altered = altered if altered is not None else unlike(site, previous)
        current = {path: record for path, record in previous.items() if path not in altered} if altered else previous
        todo = [job for job in jobs if job.path not in current or current[job.path].key != job.key]
        left: list[Job] = []
        if later is not None:
            left = [job for job in todo if job.path in current and later(job.path)]
            todo = [job for job in todo if not (job.path in current and later(job.path))]
        made, written = _make(todo, renderer, staging, current, workers)
        # new files first, then those replaced, then the ones gone: whenever the build stops, each link of
        # site/ leads to a whole file (the next build finishes the work)
        for path in sorted(written, key=lambda path: path in previous):
            target = inside(site, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / path, target)
        stale = [path for path in previous if path not in planned] if not partial else []
        for path in stale:
            _remove(site, path)
        manifest = {**(current if partial else {}), **{job.path: made.get(job.path) or current[job.path] for job in jobs}}
        return WriteReport(manifest, len(todo), len(written), len(stale), len(left))
    except OSError as error:
        raise TimelineError(f"could not write the site to {printable(str(site))}: {error.strerror or error}; the previous site is unchanged") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
        link = f"{printable(str(site))} links to {printable(str(target))}"
        if target.is_symlink():
            raise TimelineError(f"{link}, a link in a loop; point it at a folder (ln -sfn FOLDER {printable(str(site))})")
        if not target.parent.is_dir():
            raise TimelineError(f"{link}, but {printable(str(target.parent))} does not exist; make that folder, or point the link elsewhere "
                                f"(ln -sfn FOLDER {printable(str(site))})")
    if target.exists() and not target.is_dir():
        raise TimelineError(f"{printable(str(target))} is a file, not a folder: move it away, and the build makes the site there")
    return target


def _mode(site: Path) -> int:
    """The permissions the site's folder has (a web server may rely on them), or those of a new folder anyone may read."""
    try:
        return S_IMODE(os.stat(site).st_mode)
    except OSError:
        return 0o755


def _twice(jobs: Sequence[Job]) -> str:
    """The first path that two of the jobs share."""
    seen: set[str] = set()
    for job in jobs:
        if job.path in seen:
            return job.path
        seen.add(job.path)
    return ""


def _make(jobs: Sequence[Job], renderer: Renderer, staging: Path, current: Manifest, workers: int) -> tuple[Manifest, list[str]]:
    """Renders the jobs, writing into `staging` those whose bytes differ from `current`; on several processes if it pays."""
    if len(jobs) >= COLLECT_FROM:
        gc.enable()  # a rebuild may have paused the cycle collector; hundreds of pages need it running
    if workers <= 1 or sum(job.weight for job in jobs) < PARALLEL_FROM:
        return _make_share(jobs, renderer, staging, current)
    shares = _shares(jobs, workers)
    at_hand = set(renderer.items) | set(renderer.runs)

    def share(part: int, parts: int) -> tuple[Manifest, list[str], ItemCache, dict[str, bytes]]:
        if part:  # a child does not write to the build cache: past RUNS_KEPT bytes, the runs it made are let go
            renderer.spill = lambda runs: None
        made, written = _make_share(shares[part], renderer, staging, current)
        if not part:
            return made, written, {}, {}
        # what a child made for the build cache (not what it found there): list items, and runs
        new = {key: item for key, item in renderer.items.items() if key not in at_hand and key not in renderer.fetched}
        runs = {key: run for key, run in renderer.runs.items() if key not in at_hand and key not in renderer.fetched}
        return made, written, new if len(new) <= ITEMS_KEPT else {}, runs

    made: Manifest = {}
    written: list[str] = []
    for share_made, share_written, items, runs in in_parts(share, workers):
        made.update(share_made)
        written += share_written
        renderer.items.update(items)
        renderer.runs.update(runs)
    return made, written


def _shares(jobs: Sequence[Job], parts: int) -> list[list[Job]]:
    """The jobs split into shares of about equal weight, the heaviest placed first (each in the lightest share so far)."""
    shares: list[list[Job]] = [[] for _ in range(parts)]
    weights = [0] * parts
    for job in sorted(jobs, key=lambda job: -job.weight):
        lightest = weights.index(min(weights))
        shares[lightest].append(job)
        weights[lightest] += job.weight
    return shares


def _make_share(jobs: Sequence[Job], renderer: Renderer, staging: Path, current: Manifest) -> tuple[Manifest, list[str]]:
    made: Manifest = {}
    written = []
    folders: set[Path] = set()  # made already: asking again costs a system call as dear as writing a file
    for job in jobs:
        renderer.runs_used = set()
        content = job.make(renderer)
        runs = tuple(sorted(renderer.runs_used))
        digest = hashlib.blake2b(content, digest_size=16).hexdigest()
        old = current.get(job.path)
        if old is not None and old.digest == digest:
            made[job.path] = Written(job.key, digest, old.size, old.mtime_ns, runs)
            continue
        target = inside(staging, job.path)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        stat = _create(target, content)
        made[job.path] = Written(job.key, digest, stat.st_size, stat.st_mtime_ns, runs)
        written.append(job.path)
    return made, written


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
