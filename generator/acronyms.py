"""Short forms an article defines in parentheses: 'the International Atomic Energy Agency (IAEA)', '… Forces (Centcom)'.

The match of a short form to the words before it is Schwartz and Hearst's (2003): its letters in order, the first
at the start of a word. Written by hand: the packages that implement it are unmaintained ('abbreviations', 2019)
or bring a biomedical stack and a pipeline component of their own (scispacy), and the parse is here already.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

MIN_WORDS = 3  # a shorter name ('Islamic State (IS)') reads better than its short form and costs little room
_WINDOW = 10  # words before the parenthesis a definition may span


def short_forms(sentence: Span) -> dict[int, str]:
    """For each long phrase in `sentence` followed by its short form in parentheses: the phrase's head → the short form."""
    found: dict[int, str] = {}
    doc = sentence.doc
    for opening in sentence:
        end = opening.i + 2
        if opening.text != "(" or end >= sentence.end or doc[end].text != ")" or not _short_form(doc[opening.i + 1]):
            continue
        short = doc[opening.i + 1].text
        phrase = _defined(doc[max(sentence.start, opening.i - _WINDOW) : opening.i], short)
        if phrase is not None and sum(t.is_alpha for t in phrase) >= MIN_WORDS and (head := _head(phrase)) is not None:
            found[head.i] = short
    return found


def _short_form(token: Token) -> bool:
    """One word of two to ten letters with a capital first: 'IAEA', 'Centcom', 'EC'."""
    return token.is_alpha and 2 <= len(token.text) <= 10 and token.text[0].isupper()


def _defined(before: Span, short: str) -> Span | None:
    """The fewest words just before the parenthesis that spell `short`, by Schwartz and Hearst's rule."""
    letters = short.lower()
    for start in range(len(before) - 1, -1, -1):
        words = before[start:]
        if any(t.is_punct or t.pos_ in {"VERB", "AUX"} for t in words):
            return None
        if words[0].lower_.startswith(letters[0]) and _spells(words.text.lower(), letters):
            return words
    return None


def _spells(text: str, letters: str) -> bool:
    """Whether `letters` occur in `text` in order, the first at its start."""
    at = 0
    for letter in letters:
        at = text.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


def _head(phrase: Span) -> Token | None:
    """The one token of `phrase` whose head lies outside it, when the phrase is a constituent."""
    outside = [t for t in phrase if t.head.i < phrase.start or t.head.i >= phrase.end or t.head == t]
    return outside[0] if len(outside) == 1 else None
