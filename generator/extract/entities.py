"""Named-entity recognition with spaCy, batched."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language

from generator.errors import TimelineError

# NER in the English pipelines has its own tok2vec: the shared one and the rest are not needed
_NOT_NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
PARALLEL_FROM = 32  # texts in a batch
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


def find_mentions(texts: Sequence[str], model: str) -> Iterator[list[Mention]]:
    """The entity mentions of each text, in text order."""
    nlp = pipeline(model)
    processes = 2 if len(texts) >= PARALLEL_FROM else 1  # a second process pays only past its start-up cost
    for text, doc in zip(texts, nlp.pipe([readable(t) for t in texts], batch_size=16, n_process=processes)):
        yield [Mention(text[e.start_char : e.end_char], e.label_, e.start_char, e.end_char) for e in doc.ents]


def readable(text: str) -> str:
    """The text with all-capital lines (headlines, datelines) in title case, offsets unchanged."""
    def title(match: re.Match[str]) -> str:
        titled = match.group(0).title()
        return titled if len(titled) == len(match.group(0)) else match.group(0)

    text = _SHOUTED.sub(title, text)
    return re.sub(r"(?m)^([A-Z][A-Z .'-]{2,})(?=, [A-Z][a-z]{2} \d)", lambda m: m.group(1).title() if len(m.group(1).title()) == len(m.group(1)) else m.group(1), text)
