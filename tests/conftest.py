"""Fixtures chained like the pipeline: a project folder, ingested, then built."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build
from generator.config import Config, load_config
from generator.ingest import ingest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_029c2bff8747e05e.txt"


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """The demo project: the repository's seeds, ingested and built once per test session."""
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(REPO / "seeds", root / "seeds")
    config = load_config(root)
    report = ingest(config, say=lambda line: None)
    assert report.failed == []
    build(config)
    return config


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright, one per test module."""
    from tests.browser import chromium

    with chromium() as browser:
        yield browser


def write_entry(root: Path, relative: str, text: str) -> Path:
    """Writes an entry file under root/content/ and returns its path."""
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = """---
title: Talks open in Geneva
date: 2024-03-01
summary: Delegations met for the first round.
actors: [United Nations, Iran]
locations: [Geneva]
---

The first round of talks *opened* on Friday.
"""
