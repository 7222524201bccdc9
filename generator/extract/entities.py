"""Named-entity recognition with spaCy, streamed through one pipe over one or two processes."""

from __future__ import annotations

import multiprocessing
import os
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import tee

import spacy
from spacy.language import Language

from generator.errors import TimelineError

# NER in the English pipelines has its own tok2vec: the shared one and the rest are not needed
_NOT_NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
PARALLEL_FROM = 32  # texts; a second process starts in about 0.15 s, which fewer texts do not win back
BATCH_SIZE = 16  # texts per batch a process takes: small, so that both processes have work early on
_SHOUTED = re.compile(r"^(?=[^a-z\n]*[A-Z]{3})[^a-z\n]+$", re.MULTILINE)


@dataclass(frozen=True)
class Mention:
    """One entity span as the model saw it."""

    text: str
    label: str
    start: int  # character offsets in the article text
    end: int


@lru_cache(maxsize=2)
def pipeline(model: str) -> Language:
    """Loads a spaCy pipeline by package name or path, once per process."""
    try:
        return spacy.load(model, exclude=list(_NOT_NEEDED))
    except OSError as error:
        raise TimelineError(f"cannot load the spaCy pipeline '{model}': install it with pip, or set spacy_model in timeline.toml ({error})") from error


def processes_for(count: int) -> int:
    """How many processes spaCy gets for `count` texts: two cores' worth once there are enough texts to share."""
    return min(2, os.cpu_count() or 1) if count >= PARALLEL_FROM else 1


def find_mentions(texts: Iterable[str], model: str, count: int) -> Iterator[list[Mention]]:
    """The entity mentions of each of `count` texts, in order; spaCy reads `texts` only as it needs more.

    To stop early without losing work, end `texts`: the texts spaCy already holds still come out.
    """
    nlp = pipeline(model)
    ours = set(multiprocessing.active_children())
    read, given = tee(texts)
    docs = nlp.pipe((readable(t) for t in given), batch_size=BATCH_SIZE, n_process=processes_for(count))
    try:
        # docs first: a text is in `read` once spaCy has taken it, and zip never leaves spaCy holding docs (spaCy #8798)
        for doc, text in zip(docs, read):
            yield [Mention(text[e.start_char : e.end_char], e.label_, e.start_char, e.end_char) for e in doc.ents]
    finally:
        _stop(docs, ours)


def _stop(docs: Iterator[object], ours: set[multiprocessing.Process]) -> None:
    """Closes the pipe; workers still busy when the caller gave up early are ended, or spaCy would wait on them for ever."""
    for worker in set(multiprocessing.active_children()) - ours:
        worker.terminate()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spaCy's note that a worker did not finish: we ended it on purpose
        docs.close()  # type: ignore[attr-defined]


def readable(text: str) -> str:
    """The text with all-capital lines (headlines, datelines) in title case, offsets unchanged."""
    def title(match: re.Match[str]) -> str:
        titled = match.group(0).title()
        return titled if len(titled) == len(match.group(0)) else match.group(0)

    text = _SHOUTED.sub(title, text)
    return re.sub(r"(?m)^([A-Z][A-Z .'-]{2,})(?=, [A-Z][a-z]{2} \d)", lambda m: m.group(1).title() if len(m.group(1).title()) == len(m.group(1)) else m.group(1), text)
