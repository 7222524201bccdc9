"""Named-entity recognition with spaCy, batched."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language

from generator.errors import TimelineError

# NER in the English pipelines needs only the tokenizer and its own tok2vec
_NOT_NEEDED = ("parser", "lemmatizer", "attribute_ruler", "tagger", "senter")


@dataclass(frozen=True)
class Mention:
    """One entity span as the model saw it."""

    text: str
    label: str
    start: int  # character offset in the article text


@lru_cache(maxsize=2)
def pipeline(model: str) -> Language:
    """Loads a spaCy pipeline by package name or path, once per process."""
    try:
        return spacy.load(model, exclude=[name for name in _NOT_NEEDED])
    except OSError as error:
        raise TimelineError(f"cannot load the spaCy pipeline '{model}': install it with pip, or set spacy_model in timeline.toml ({error})") from error


def find_mentions(texts: Sequence[str], model: str) -> Iterator[list[Mention]]:
    """The entity mentions of each text, in text order."""
    nlp = pipeline(model)
    for doc in nlp.pipe(texts, batch_size=32):
        yield [Mention(ent.text, ent.label_, ent.start_char) for ent in doc.ents]
