"""The day an article's lead sentence says its main event happened, read from spaCy's parse and resolved by dateparser.

Only a day the lead sentence gives its main event (the root verb, or what a reporting root verb reports) moves an
entry; anything less certain keeps the article's date, since a wrong date is worse than a late one.
"""

from __future__ import annotations

import calendar
import datetime
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

RECENT = datetime.timedelta(days=14)  # how far before the article a date without a year may be: further back it is a guess
# verbs that attribute a statement: with one as the root, the event is what it reports ("the army said rebels seized ...")
REPORTING = frozenset({"say", "tell", "announce", "report", "confirm", "state", "claim", "add", "note", "declare", "reveal", "insist",
                       "warn", "allege", "deny", "indicate", "explain", "acknowledge", "admit", "write", "disclose", "assert"})
ON_A_DAY = frozenset({"on"})  # the one preposition that puts an event on a day; "since", "until", "by", "before" ... do not
LINKS = frozenset({"prep", "npadvmod", "advmod", "tmod", "obl", "nmod:tmod"})  # how a date modifies its verb (not as subject or object)
WEEKDAYS = {name.casefold(): number for number, name in enumerate(calendar.day_name)}
MONTHS = frozenset(name.casefold() for name in calendar.month_name if name)
BACK = frozenset({"last", "previous", "past"})  # "last Monday" on a Monday is a week before, not the same day


def event_date(lead: Doc, published: datetime.date) -> datetime.date:
    """The day the first sentence of `lead` dates its main event to, or `published` (the article's date) when unsure."""
    sentence = next(iter(lead.sents), None) if lead.has_annotation("DEP") else None  # an empty lead has no parse
    if sentence is None:
        return published
    for verbs in _main_events(sentence.root):
        days = {day for entity in lead.ents if _dates_one_of(entity, sentence, verbs) and (day := _day(entity, published)) is not None}
        if days:
            return days.pop() if len(days) == 1 else published  # two that disagree: the article's date
    return published


def _dates_one_of(entity: Span, sentence: Span, verbs: set[int]) -> bool:
    """Whether `entity` is a date in `sentence` that one of `verbs` (by position) happened on, in the past."""
    if entity.start < sentence.start or entity.end > sentence.end or not _is_dated(entity):
        return False
    verb = _verb_of(entity)
    return verb is not None and verb.i in verbs and _past(verb)


def _is_dated(entity: Span) -> bool:
    """A DATE entity, or a TIME that names its day ('Saturday morning', not 'last night')."""
    return entity.label_ == "DATE" or entity.label_ == "TIME" and any(t.lower_ in WEEKDAYS or t.lower_ in MONTHS for t in entity)


def _main_events(root: Token) -> list[set[int]]:
    """Where the verbs are whose dates are the main event's, surest first: with a root that says, what it reports
    ('police said on Sunday a bomb exploded on Saturday': Saturday), then the saying; else the root alone."""
    if root.lemma_.casefold() in REPORTING:
        return [{child.i for child in root.children if child.dep_ == "ccomp"}, {root.i}]
    return [{root.i}]


def _verb_of(entity: Span) -> Token | None:
    """The verb a date entity modifies, reached through 'on' and adverbs ('late on Tuesday'); None for a date that modifies
    a noun ("Sunday's attack"), is a subject or object, or hangs on another preposition ('since Sunday')."""
    token = entity.root
    while token.head.i != token.i:
        link, token = token, token.head
        if entity.start <= token.i < entity.end or token.pos_ == "ADV" or (token.pos_ == "ADP" and token.lower_ in ON_A_DAY):
            continue
        return token if token.pos_ in ("VERB", "AUX") and link.dep_ in LINKS else None
    return None


def _past(verb: Token) -> bool:
    """Whether a verb tells of the past: a past form without a modal ('will', 'would', 'may')."""
    return verb.tag_ in ("VBD", "VBN") and not any(child.tag_ == "MD" for child in verb.children)


def _day(entity: Span, published: datetime.date) -> datetime.date | None:
    """The day a date entity names, counted back from the article's date; None unless it is one day, not after the article,
    and (without a year) at most RECENT before it."""
    if not any(token.is_alpha for token in entity):
        return None  # '7/8' is July or August
    words = {token.lower_ for token in entity}
    if any(WEEKDAYS.get(word) == published.weekday() for word in words) and not words & BACK:
        return published  # 'on Monday' in Monday's paper is that day, not a week before
    day = _resolve(entity.text, published)
    if day is None or day > published:
        return None
    with_year = any(token.like_num and token.shape_ == "dddd" for token in entity)
    return day if with_year or published - day <= RECENT else None


@lru_cache(maxsize=4096)
def _resolve(text: str, published: datetime.date) -> datetime.date | None:
    """What dateparser makes of a date written in English on the day `published`: a day, else None (a week, a month ...)."""
    from dateparser.date import DateDataParser  # only ingest needs it, and it takes a tenth of a second to import

    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime.datetime.combine(published, datetime.time()), "PREFER_DATES_FROM": "past",
        "PARSERS": ["relative-time", "absolute-time"], "RETURN_AS_TIMEZONE_AWARE": False})
    found = parser.get_date_data(text)
    return found.date_obj.date() if found.date_obj is not None and found.period == "day" else None
