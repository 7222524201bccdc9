"""A newswire's ALL-CAPS headline in sentence case, its acronyms and names as the story itself writes them.

titlecase (Gruber's rules) splits the headline into words and keeps initials ('U.S.', 'N.Z.'), hyphenated and
slashed parts, and Mc/Mac names right; the case of each word it cannot know, so that comes from the story:
a word the story writes in capitals stays so ('EC', 'OPEC'), a word it writes only capitalised is a name
('Louvre', 'Stoltenberg'), and every other word is lower case. No library truecases from the story's own
spellings, so that part is written here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from titlecase import titlecase

_STRIP = "\"'“”‘’()[],;:!?"
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD_AT = re.compile(r"(?P<opening>(?:^|[.!?:\"”]\s+)[\"“‘'(]*)?(?P<word>[^\W\d_]+)")  # a word, and whether it opens a sentence


def is_all_caps(headline: str) -> bool:
    """Whether the headline is written in capitals throughout, as wire headlines are."""
    letters = [c for c in headline if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def sentence_case(headline: str, story: Iterable[str]) -> str:
    """'MINISTERS BACK EC FARM TRADE REFORM PLAN' → 'Ministers back EC farm trade reform plan'.

    `story` is the story's paragraphs after the headline, dateline left out (it is in capitals too).
    A headline that is not all capitals is returned as written.
    """
    if not is_all_caps(headline):
        return headline
    cases = _spellings(story, set(_LETTERS.findall(headline.lower())))

    def word(text: str, all_caps: bool = True) -> str | None:
        core = text.strip(_STRIP)
        if not core or not any(c.isalpha() for c in core) or _initials(core):
            return None  # numbers, 'U.S.', 'N.Z.': titlecase keeps them
        if any(mark in core for mark in "-/"):
            mark = "-" if "-" in core else "/"
            return text.replace(core, mark.join(titlecase(part, callback=word) if part else part for part in core.split(mark)))
        if "." in core.rstrip("."):  # 'W.GERMANY'
            return text.replace(core, ".".join(part if len(part) <= 1 else (word(part) or part) for part in core.split(".")))
        key = core.lower()
        capitals, titled, lower = cases.get(("upper", key), 0), cases.get(("title", key), 0), cases.get(("lower", key), 0)
        if capitals and capitals >= titled + lower and len(core) > 1:
            return text  # an acronym: 'EC', 'OPEC', 'IMF'
        if titled and not lower or core == "I":
            return text.replace(core, core[0] + core[1:].lower()) if "'" not in core else None  # a name
        return text.lower()

    cased = titlecase(headline, callback=word)
    return cased[:1].upper() + cased[1:]


def _spellings(paragraphs: Iterable[str], wanted: set[str]) -> Counter[tuple[str, str]]:
    """How often the story writes each `wanted` word in capitals, capitalised (not opening a sentence) or in lower case."""
    cases: Counter[tuple[str, str]] = Counter()
    for paragraph in paragraphs:
        for match in _WORD_AT.finditer(paragraph):
            word = match.group("word")
            key = word.lower()
            if key not in wanted:
                continue
            if word.isupper() and len(word) > 1:
                cases["upper", key] += 1
            elif word[0].isupper():
                cases["title", key] += match.group("opening") is None  # a sentence's first word says nothing
            else:
                cases["lower", key] += 1
    return cases


def _initials(word: str) -> bool:
    """'U.S.', 'N.Z.', 'U.K.': letters each followed by a full stop."""
    parts = word.split(".")
    return len(parts) > 2 and parts[-1] == "" and all(len(p) == 1 and p.isalpha() for p in parts[:-1])
