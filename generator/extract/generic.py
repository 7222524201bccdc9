"""Mentions of unnamed forces and crowds in a spaCy doc: a group's words, and the words before them that may say whose."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from generator.extract.entities import Mention
from generator.extract.groups import Vocabulary, vocabulary

GENERIC = "GENERIC"  # the label of their mentions
_QUALIFIER_WORDS = 5  # "pro-Hadi and tribal affiliated" is four
_PREPOSITIONS = {"in", "at", "near", "from", "of", "outside", "across", "around", "inside", "on", "to"}
_OPENING = set("([{\"'“‘")
_OBJECTS = {"the", "a", "an", "them", "him", "her", "it", "us", "their", "his", "its", "our", "people"}  # "forces the residents": a verb


def find_generic(nlp: Language, doc: Doc) -> list[Mention]:
    """Generic mentions in a doc: a group's words with the words before them that may say whose ('Israeli forces')."""
    spans = [s for s in filter_spans([Span(doc, start, end) for _, start, end in _matcher(nlp)(doc)]) if not _not_a_noun(doc, s)]
    taken = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for span in spans:
        if (start := _qualifier_start(doc, span, taken)) is not None:
            found.append(Mention(" ".join(doc[start : span.end].text.split()), GENERIC, doc[start].idx, span.end_char))
    return found


def _not_a_noun(doc: Doc, span: Span) -> bool:
    """'forces the residents' is a verb, 'civilian aircraft' an adjective, 'an army of investors' a figure: none names a group."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is None or len(span) > 1:
        return False
    if after.lower_ in _OBJECTS:
        return True
    if after.lower_ == "of" and span.end + 1 < len(doc) and doc[span.end + 1].is_lower and doc[span.end + 1].lower_ not in _OBJECTS:
        return True
    return span.text.casefold() in vocabulary().adjectives and after.is_alpha and after.is_lower and after.lower_ not in STOP_WORDS


def _qualifier_start(doc: Doc, span: Span, taken: set[int]) -> int | None:
    """Where the words before a group's word begin that may say whose it is; None when they make it another thing.

    Names, compounds ('pro-Hadi'), 'and' and the data's modifiers and state words may qualify; a verb ends the
    qualifier ('deployed troops'); any other word right before makes a compound of another sense ('market forces',
    'coalition forces'), except for groups whose words keep their sense after any adjective ('innocent civilians').
    """
    words = vocabulary()
    group, _, _ = words.group_of(span.text)
    start, first = span.start, True
    for begin, end in _words_before(doc, span.start, taken):
        opened = begin < end and doc[begin].is_punct and doc[begin].text in _OPENING
        kind = _word_kind(doc[begin + opened : end], words)
        if kind == "qualifier" or kind == "adjective" and group is not None and group.any_adjective:
            start, first = begin + opened, False
            if opened:
                break  # "(Houthi forces": the parenthesis ends the qualifier
            continue
        if kind == "adjective" and first:
            return None
        break
    while start < span.start and doc[start].lower_ == "and":
        start += 1
    if group is not None and span.text.casefold() in group.events and start > 0 and doc[start - 1].lower_ in _PREPOSITIONS:
        return span.start  # "nurses in Tehran held a protest": the place is not who protests
    return start


def _words_before(doc: Doc, start: int, taken: set[int]) -> Iterator[tuple[int, int]]:
    """Token ranges of the words before token `start`, nearest first: a word is the tokens between two spaces."""
    end = start
    for _ in range(_QUALIFIER_WORDS):
        if end == 0 or end - 1 in taken or doc[end - 1].is_space or not doc[end - 1].whitespace_:
            return
        begin = end - 1
        while begin > 0 and not doc[begin - 1].whitespace_ and begin - 1 not in taken:
            begin -= 1
        yield begin, end
        end = begin


def _word_kind(word: Span, words: Vocabulary) -> str:
    """'qualifier' for a name, compound, 'and', modifier or state word; 'adjective' for another plain word; else 'stop'."""
    text = word.text
    folded = text.casefold().removesuffix("'s").removesuffix("’s")
    if not text or word[-1].is_punct or not text[0].isalpha():
        return "stop"  # "2020,", "said:", a number
    if folded == "and" or folded in words.state_words | words.modifiers:
        return "qualifier"
    if folded in STOP_WORDS or folded in words.stop_words:
        return "stop"
    if text[0].isupper() or "-" in text:
        return "qualifier"
    return "stop" if folded.endswith("ed") else "adjective"


@lru_cache(maxsize=2)
def _matcher(nlp: Language) -> PhraseMatcher:
    """A matcher of every group word, in any case, tokenized as the pipeline tokenizes."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add(GENERIC, [nlp.make_doc(p) for p in sorted(vocabulary().phrases())])
    return matcher
