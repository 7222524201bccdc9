"""Named-entity recognition with spaCy, in one or two worker processes, with bounded work per article."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from generator.errors import TimelineError
from generator.opening import LEAD_CHARS
from generator.extract.workers import Failure, bounded_map

# NER in the English pipelines has its own tok2vec: the shared one and the rest are not needed
_NOT_NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
PARALLEL_FROM = 32  # texts; a second process starts in about 0.15 s, which fewer texts do not win back
BATCH_SIZE = 16  # texts per batch a process takes: small, so that both processes have work early on
MAX_CHARS = 12_000  # of an article spaCy reads, about 2,000 words: a story says who and where in its first part; a long feature
# (50,000 characters) goes on to name people around it, not actors of its event, and would take seconds to read
_LONG_RUN = re.compile(r"\S{65,}")
_PUNCTUATION_RUN = re.compile(r"(?:[^\w\s]|_){4,}")  # \w holds "_": it counts as punctuation here
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


@dataclass(frozen=True)
class ParsedLead:
    """A parsed lead paragraph as plain values, token by token: what a worker process sends back (no msgpack, no vocab)."""

    words: tuple[str, ...] = ()
    spaces: tuple[bool, ...] = ()
    tags: tuple[str, ...] = ()
    pos: tuple[str, ...] = ()
    deps: tuple[str, ...] = ()
    heads: tuple[int, ...] = ()
    lemmas: tuple[str, ...] = ()
    sent_starts: tuple[bool, ...] = ()
    ents: tuple[str, ...] = ()  # IOB: 'B-PERSON', 'I-PERSON', 'O'
    morphs: tuple[str, ...] = ()

    @classmethod
    def of(cls, doc: Doc) -> ParsedLead:
        return cls(tuple(t.text for t in doc), tuple(bool(t.whitespace_) for t in doc), tuple(t.tag_ for t in doc), tuple(t.pos_ for t in doc),
                   tuple(t.dep_ for t in doc), tuple(t.head.i for t in doc), tuple(t.lemma_ for t in doc), tuple(bool(t.is_sent_start) for t in doc),
                   tuple(f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in "BI" and t.ent_type_ else "O" for t in doc), tuple(str(t.morph) for t in doc))


@dataclass(frozen=True)
class Analysis:
    """What spaCy found in one article: its entity mentions, and its lead paragraph parsed whole."""

    mentions: list[Mention]
    lead: ParsedLead = ParsedLead()


def find_mentions(texts: Iterable[str], model: str, count: int, limit: Callable[[Sequence[str]], float] | None = None) -> Iterator[list[Mention] | Failure]:
    """The entity mentions of each of `count` texts, in order, or a Failure for a text that overran its time."""
    for found in analyse(((text, "") for text in texts), model, count, limit):
        yield found if isinstance(found, Failure) else found.mentions


def analyse(items: Iterable[tuple[str, str]], model: str, count: int, limit: Callable[[Sequence[str]], float] | None = None) -> Iterator[Analysis | Failure]:
    """For each of `count` (text, lead) pairs, in order: the text's mentions and the lead's full parse, or a Failure.

    spaCy runs in one or two worker processes and reads `items` only as it needs more: to stop early without
    losing work, end `items`, and the ones already handed out still come out. `limit` gives a batch's seconds.
    The lead (an article's lead paragraph) gets every component of the pipeline, parser and lemmatizer included,
    for headlines, dates and kinds of event; the whole text only what entities need.
    """
    pipeline(model)  # loaded here, before the workers fork: each starts with them
    _lead_parser(model)
    processes = processes_for(count)
    batch = max(1, min(BATCH_SIZE, -(-count // (4 * processes))))  # a few batches each at least: no process waits on the last
    yield from bounded_map(partial(analysed, model), items, processes, batch, limit or time_limit)


def analysed(model: str, batch: Sequence[tuple[str, str]]) -> list[Analysis]:
    """What `analyse` finds in one batch of (text, lead) pairs: the work a worker process (or a cluster's worker) does."""
    from generator.extract.generic import find_generic  # it needs Mention from here

    nlp, parser = pipeline(model), _lead_parser(model)
    docs = nlp.pipe([tame(readable(text[:MAX_CHARS])) for text, _ in batch], batch_size=len(batch))
    leads = parser.pipe([tame(lead[:LEAD_CHARS]) for _, lead in batch], batch_size=len(batch))
    return [Analysis([Mention(text[e.start_char : e.end_char], e.label_, e.start_char, e.end_char) for e in doc.ents] + find_generic(nlp, doc),
                     ParsedLead.of(_with_entities(parsed, doc, text.find(lead))) if lead else ParsedLead())
            for doc, parsed, (text, lead) in zip(docs, leads, batch)]


def _with_entities(lead: Doc, whole: Doc, offset: int) -> Doc:
    """The lead's parse with the entities the whole text's pass found in it (the lead starts at `offset` of the text)."""
    if offset >= 0:
        spans = (lead.char_span(e.start_char - offset, e.end_char - offset, label=e.label_) for e in whole.ents
                 if offset <= e.start_char and e.end_char <= offset + len(lead.text))
        lead.ents = [span for span in spans if span is not None]
    return lead


def parse_lead(text: str, model: str) -> Doc:
    """A lead paragraph parsed as ingest parses it (for tests and tools; ingest does it in `analyse`'s workers)."""
    return _with_entities(_lead_parser(model)(tame(text[:LEAD_CHARS])), pipeline(model)(tame(readable(text))), 0)


@lru_cache(maxsize=2)
def lead_pipeline(model: str) -> Language:
    """The whole pipeline, entities included, once per process."""
    try:
        return spacy.load(model)
    except OSError as error:
        raise TimelineError(f"cannot load the spaCy pipeline '{model}': install it with pip, or set spacy_model in timeline.toml ({error})") from error


@lru_cache(maxsize=2)
def _lead_parser(model: str) -> Language:
    """The pipeline's tagger, parser and lemmatizer, for lead paragraphs (their entities come from the whole text's
    pass, which is the dearer half of the model); once per process."""
    try:
        return spacy.load(model, exclude=["ner"])
    except OSError as error:
        raise TimelineError(f"cannot load the spaCy pipeline '{model}': install it with pip, or set spacy_model in timeline.toml ({error})") from error


def lead_doc(lead: ParsedLead, model: str) -> Doc:
    """The parsed lead that `analyse` sent back, as a spaCy Doc again."""
    vocab = pipeline(model).vocab
    if not lead.words:
        return Doc(vocab, words=[])
    return Doc(vocab, words=list(lead.words), spaces=list(lead.spaces), tags=list(lead.tags), pos=list(lead.pos), deps=list(lead.deps),
               heads=list(lead.heads), lemmas=list(lead.lemmas), sent_starts=list(lead.sent_starts), ents=list(lead.ents), morphs=list(lead.morphs))


def time_limit(batch: Sequence[str] | Sequence[tuple[str, str]]) -> float:
    """Seconds a batch may take: far more than spaCy needs here (some 100,000 characters a second), far less than for ever."""
    return 20.0 + sum(min(len(item if isinstance(item, str) else item[0]), MAX_CHARS) for item in batch) / 5_000


def tame(text: str) -> str:
    """The text with runs of punctuation cut to three and runs of over 64 characters without a space broken, offsets unchanged.

    spaCy's tokenizer strips punctuation from a token one character at a time, which is quadratic in the token's
    length ("!!!…", "((((…"); no name holds four punctuation marks in a row or is that long, so this loses nothing.
    Each cut character becomes a space: the text keeps its length, and every offset stays true.
    """
    if len(text) < 4:
        return text
    text = _PUNCTUATION_RUN.sub(lambda match: match.group(0)[:3] + " " * (len(match.group(0)) - 3), text)
    return _LONG_RUN.sub(_broken, text)


def _broken(match: re.Match[str]) -> str:
    chars = list(match.group(0))
    chars[63::64] = " " * len(chars[63::64])
    return "".join(chars)


def readable(text: str) -> str:
    """The text with all-capital lines (headlines, datelines) in title case, offsets unchanged."""
    def title(match: re.Match[str]) -> str:
        titled = match.group(0).title()
        return titled if len(titled) == len(match.group(0)) else match.group(0)

    text = _SHOUTED.sub(title, text)
    return re.sub(r"(?m)^([A-Z][A-Z .'-]{2,})(?=, [A-Z][a-z]{2} \d)", lambda m: m.group(1).title() if len(m.group(1).title()) == len(m.group(1)) else m.group(1), text)
