"""Headline tense: a past event told in the present ('announced' → 'announces', 'has advised' → 'advises').

lemminflect inflects the verb; which form a headline wants (present for the past, the bare participle for
the passive and progressive, the modal left alone) is the headline writers' convention, written here.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getInflection, getLemma
from spacy.tokens import Token

_SUBJECTS = {"nsubj", "nsubjpass", "expl"}
_PLURAL_PRONOUNS = {"they", "we", "i", "you"}
_COLLECTIVE = {"group", "number", "crowd", "handful", "team", "band", "contingent", "batch", "members", "member"}


def present(verb: Token, skipped: set[int] = frozenset(), subject: Token | None = None, simple: bool = False) -> dict[int, str]:
    """The words that put `verb` in the headline present, by token index ('' for an auxiliary that goes).

    `subject` is for a verb the parser did not give its subject ('interns protested' read as a noun phrase);
    `simple` puts a progressive in the simple present too, as a second verb needs ('cuts … and returns').
    """
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO"]
    if any(a.tag_ == "MD" for a in auxiliaries) or verb.tag_ in {"VBZ", "VBP", "VB"} and not auxiliaries or _used_to(verb):
        return {}
    plural = _plural(subject or _subject(verb, skipped))
    does = next((a for a in auxiliaries if a.lemma_ == "do"), None)
    if does is not None:
        return {does.i: "do" if plural else "does"}
    words = {a.i: "" for a in auxiliaries}
    passive = any(a.dep_ == "auxpass" for a in auxiliaries)
    progressive = simple and verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxiliaries)
    past = progressive or verb.tag_ == "VBD" or verb.tag_ == "VBN" and (subject is not None or not passive and any(a.lemma_ == "have" for a in auxiliaries))
    negation = next((c for c in verb.children if c.dep_ == "neg"), None)
    if past and negation is not None and verb.lemma_ != "be":  # 'have not indicated' → 'do not indicate'
        words[negation.i] = ("do" if plural else "does") + " " + negation.text
        words[verb.i] = inflect(verb, "VB")
    elif past:
        words[verb.i] = inflect(verb, "VBP" if plural else "VBZ")
    elif negation is not None and negation.lower_ in {"n't", "n’t"} and negation.i - 1 in words:
        words[negation.i] = "not"  # 'isn't expected' → 'not expected'
    return words  # a passive or progressive keeps its participle: 'meeting adjourned', 'EIB issuing'


def _used_to(verb: Token) -> bool:
    """'used to be': a past habit, which has no present."""
    return verb.lower_ == "used" and any(c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children) for c in verb.children)


def inflect(verb: Token, tag: str) -> str:
    """`verb` in the form Penn tag `tag` names."""
    lemma = verb.lemma_.lower()
    if verb.tag_ in {"VBD", "VBN"} and verb.lower_ not in _forms(lemma, verb.tag_):
        # spaCy's rules make 'staged' 'stag' (its '-ed' rule before its '-ed' → '-e' one): the other reading, and
        # only if that fails too lemminflect's lemma table, which takes a third of a second to load
        lemma = lemma + "e" if verb.lower_ in _forms(lemma + "e", verb.tag_) else (getLemma(verb.lower_, upos="VERB") or (lemma,))[0]
    if lemma == "be":
        return {"VBZ": "is", "VBP": "are", "VB": "be"}.get(tag, verb.text)
    return (_forms(lemma, tag) or (verb.text,))[0]


@lru_cache(maxsize=4096)
def _forms(lemma: str, tag: str) -> tuple[str, ...]:
    """lemminflect's forms of `lemma` for `tag`, remembered: it copies its table entry on every call."""
    return tuple(getInflection(lemma, tag=tag) or ())


def _subject(verb: Token, skipped: set[int]) -> Token | None:
    for each in (verb, verb.head if verb.dep_ == "conj" else None):
        if each is None:
            continue
        subject = next((c for c in each.children if c.dep_ in _SUBJECTS and c.i not in skipped), None)
        if subject is not None and subject.dep_ == "expl":  # 'there were no signs': the signs are the subject
            subject = next((c for c in each.children if c.dep_ == "attr"), subject)
        if subject is not None:
            return subject
    return None


def members_of(noun: Token) -> Token | None:
    """Who a collective noun stands for in a headline: 'a group of nurses' → nurses, 'members of X' → X."""
    if noun.lower_ not in _COLLECTIVE:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _plural(subject: Token | None) -> bool:
    if subject is None:
        return False
    subject = members_of(subject) or subject
    return subject.tag_ in {"NNS", "NNPS"} or subject.lower_ in _PLURAL_PRONOUNS or any(c.dep_ == "conj" for c in subject.children)
