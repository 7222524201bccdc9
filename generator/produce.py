"""Renders and stages files on several processes where it pays: render and write, one share per process.

Each forked process renders its share of the files and writes them into the staging folder itself,
so no file's bytes cross between processes (a cold build of 100,000 entries makes gigabytes); only
the records of what was written come back, with the list items a worker made, for the memo.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.contexts import PageSpec
from generator.memo import ItemCache
from generator.parallel import in_parts
from generator.render import Renderer, render
from generator.write import Manifest, Staged, stage

PARALLEL_FROM = 10_000  # weight of the files to make (see PageSpec.weight), some 40 ms: below this a second process costs more than it saves
COLLECT_FROM = 500  # files to make from which the cycle collector must run meanwhile
ITEMS_KEPT = 100_000  # list items a worker process hands back; past that, the handing costs more than making them again


def produce(specs: Sequence[PageSpec], renderer: Renderer, staging: Path, current: Manifest, workers: int,
            prepare: Callable[[PageSpec], PageSpec] | None = None) -> Staged:
    """Renders `specs`, writing into `staging` those whose bytes differ from `current`. `prepare` is given each spec
    right before it is rendered (incremental.py reads an entry's body there)."""
    def made(share: Sequence[PageSpec]) -> Staged:
        return stage(render(map(prepare, share) if prepare else share, renderer), staging, current)

    if len(specs) >= COLLECT_FROM:
        gc.enable()  # a rebuild may have paused the cycle collector; hundreds of pages need it running
    if workers <= 1 or sum(spec.weight for spec in specs) < PARALLEL_FROM:
        return made(specs)
    shares_ = shares(specs, workers)
    memo = renderer.memo
    at_hand = set(memo.items) | set(memo.runs)

    def share(part: int, parts: int) -> tuple[Staged, ItemCache, dict[str, bytes]]:
        if part:
            memo.spill = False  # a child does not write to the store: past RUNS_KEPT bytes, the runs it made are let go
        staged = made(shares_[part])
        return (staged, *memo.made_since(at_hand, ITEMS_KEPT)) if part else (staged, {}, {})

    manifest: Manifest = {}
    written: list[str] = []
    for staged, items, runs in in_parts(share, workers):
        manifest.update(staged.manifest)
        written += staged.written
        memo.keep(items, runs)
    return Staged(manifest, written)


def shares(specs: Sequence[PageSpec], parts: int) -> list[list[PageSpec]]:
    """The files split into shares of about equal weight, the heaviest placed first (each in the lightest share so far)."""
    split: list[list[PageSpec]] = [[] for _ in range(parts)]
    weights = [0] * parts
    for spec in sorted(specs, key=lambda spec: -spec.weight):
        lightest = weights.index(min(weights))
        split[lightest].append(spec)
        weights[lightest] += spec.weight
    return split
