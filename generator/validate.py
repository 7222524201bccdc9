"""Checks that span entries: what no single file can tell about itself."""

from __future__ import annotations

from generator.config import Config
from generator.errors import Problem
from generator.model import Entry


def validate(entries: list[Entry], config: Config) -> list[Problem]:
    """Problems between entries: for now, two entries claiming one id."""
    problems = []
    first_with: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        other = first_with.setdefault(entry.id, entry)
        if other is not entry:
            problems.append(Problem(f"content/{entry.path}", 2, f"id '{entry.id}' is already used by content/{other.path}", "give one of them another id"))
    return problems
