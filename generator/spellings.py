"""Which term owns each name an entry writes: a registry record, under its canonical name, owns every alias of it."""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Term
from generator.registry import Record


def owner(name: str, record: Record | None) -> str:
    """The name of the term that `name`, as an entry writes it, is listed under: its record's, if the registry knows it."""
    return record.name if record is not None else name


def by_spelling(terms: Iterable[Term]) -> dict[str, Term]:
    """Each term by its name and by every other spelling entries use for it."""
    found: dict[str, Term] = {}
    for term in terms:
        found[term.name] = term
        for spelling in term.spellings:
            found[spelling] = term
    return found


def slugs(terms: Iterable[Term]) -> dict[str, str]:
    """Each term's slug by its name and by every other spelling entries use for it: where an entry's names link."""
    return {name: term.slug for name, term in by_spelling(terms).items()}


def owners(terms: Iterable[Term]) -> dict[str, str]:
    """The term name that each name entries write stands for."""
    return {name: term.name for name, term in by_spelling(terms).items()}
