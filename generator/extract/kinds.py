"""What a name is when the words around it say so: a company, an accord, a site, a disease, a portfolio or a common noun."""

from __future__ import annotations

import re

# nouns that make the name before them a thing, wherever in the article it is written so ("the Louvre accord")
_THING = r"(?:accords?|agreements?|treaty|pact|protocol|convention|rigs?|platforms?|oilfields?|refinery|terminal|pipeline|pandemic|epidemic|outbreak|virus)"
# nouns whose name stands beside them: "the national oil company, Petronas", "Petronas, the state oil company"
_COMPANY = r"(?:company|firm|corporation|conglomerate|group|producer|carrier|airline|insurer|maker|manufacturer|operator|utility|brokerage|bank)"
_COMPANY_BEFORE = re.compile(rf"\b{_COMPANY},?\s+\Z", re.IGNORECASE)
_COMPANY_AFTER = re.compile(rf"\A,\s+(?:a|an|the|its)\s+(?:(?!(?:of|for|at|in)\s)[a-z][\w'’-]*\s+){{0,3}}{_COMPANY}\b")  # not "the President of ... company"
# what a company has and a person has not: "Petronas's Vice-President for Upstream Sector"
_CORPORATE = re.compile(r"\A['’]s?\s+(?:vice[- ]president|chief executive|managing director|board|shares|shareholders|subsidiary|output|profits?|earnings)\b", re.IGNORECASE)
_PORTFOLIO = re.compile(r"\b(?:President|Minister|Secretary|Commissioner|Director|Officer|Chairman|Head|Chief|Manager)\s+for\s+\Z", re.IGNORECASE)


def names_thing(text: str, name: str) -> bool:
    """True when the article writes the name before an accord, a site or a disease ('Louvre accord', 'Reshadat rigs')."""
    return bool(re.search(rf"(?<!\w){re.escape(name)}\s+{_THING}\b", text, re.IGNORECASE))


def names_company(text: str, name: str) -> bool:
    """True when the article writes the name beside a company noun or with what only companies have."""
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        if _COMPANY_BEFORE.search(text[max(0, match.start() - 40) : match.start()]) or _COMPANY_AFTER.match(text[match.end() : match.end() + 80]):
            return True
        if _CORPORATE.match(text[match.end() : match.end() + 30]):
            return True
    return False


def names_portfolio(text: str, start: int) -> bool:
    """True for the portfolio of an office ('Vice-President for Upstream Sector'), which is no actor."""
    return bool(_PORTFOLIO.search(text[max(0, start - 40) : start]))


def is_common_noun(text: str, name: str) -> bool:
    """True for one capitalised word the article also writes in lower case ('Martyr' … 'a martyr')."""
    return " " not in name and name[:1].isupper() and not name.isupper() and bool(re.search(rf"(?<![\w.]){re.escape(name.lower())}(?!\w)", text))
