"""What a name is when the words around it say so: a company, an accord, a site, a disease, a portfolio or a common noun."""

from __future__ import annotations

import re
from collections.abc import Iterator

# nouns that make the name before them a thing, wherever in the article it is written so ("the Louvre accord")
_THING = r"(?:accords?|agreements?|treaty|pact|protocol|convention|rigs?|platforms?|oilfields?|refinery|terminal|pipeline|pandemic|epidemic|outbreak|virus)"
# nouns whose name stands beside them: "the national oil company, Petronas", "Petronas, the state oil company"
_COMPANY = r"(?:company|firm|corporation|conglomerate|group|producer|carrier|airline|insurer|maker|manufacturer|operator|utility|brokerage|bank)"
_COMPANY_BEFORE = re.compile(rf"\b{_COMPANY},?\s+\Z", re.IGNORECASE)
_COMPANY_AFTER = re.compile(rf"\A,\s+(?:a|an|the|its)\s+(?:(?!(?:of|for|at|in)\s)[a-z][\w'’-]*\s+){{0,3}}{_COMPANY}\b")  # not "the President of ... company"
# what a company has and a person has not: "Petronas's Vice-President for Upstream Sector"
_CORPORATE = re.compile(r"\A['’]s?\s+(?:vice[- ]president|chief executive|managing director|board|shares|shareholders|subsidiary|output|profits?|earnings)\b", re.IGNORECASE)
_THING_AFTER = re.compile(rf"\s+{_THING}\b", re.IGNORECASE)
_PORTFOLIO = re.compile(r"\b(?:President|Minister|Secretary|Commissioner|Director|Officer|Chairman|Head|Chief|Manager)\s+for\s+\Z", re.IGNORECASE)


def names_thing(text: str, name: str) -> bool:
    """True when the article writes the name before an accord, a site or a disease ('Louvre accord', 'Reshadat rigs')."""
    return any(_THING_AFTER.match(text, end) for _, end in _words(text, name, ignore_case=True))


def names_company(text: str, name: str) -> bool:
    """True when the article writes the name beside a company noun or with what only companies have."""
    for start, end in _words(text, name):
        if text[end : end + 1].isalnum() or text[end : end + 1] == "_":
            continue
        if _COMPANY_BEFORE.search(text[max(0, start - 40) : start]) or _COMPANY_AFTER.match(text[end : end + 80]):
            return True
        if _CORPORATE.match(text[end : end + 30]):
            return True
    return False


def names_portfolio(text: str, start: int) -> bool:
    """True for the portfolio of an office ('Vice-President for Upstream Sector'), which is no actor."""
    return bool(_PORTFOLIO.search(text[max(0, start - 40) : start]))


def is_common_noun(text: str, name: str) -> bool:
    """True for one capitalised word the article also writes in lower case ('Martyr' … 'a martyr')."""
    if " " in name or not name[:1].isupper() or name.isupper():
        return False
    lower = name.lower()
    return any(text[start - 1 : start] != "." and not _word_char(text[end : end + 1]) for start, end in _words(text, lower))


def _words(text: str, name: str, ignore_case: bool = False) -> Iterator[tuple[int, int]]:
    """Where `name` starts a word in `text`, as (start, end): a plain search, where a pattern made per name would be
    compiled anew for each of an article's names."""
    hay, needle = (text.lower(), name.lower()) if ignore_case else (text, name)
    if len(hay) != len(text):  # a letter whose lower case is longer: offsets would shift
        hay, needle = text, name
    start = hay.find(needle) if needle else -1
    while start >= 0:
        if not _word_char(hay[start - 1 : start]):
            yield start, start + len(needle)
        start = hay.find(needle, start + 1)


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
