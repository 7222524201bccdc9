"""What a headline does with each dependent in a lead sentence's parse: keeps it, offers it, or leaves it out.

Written by hand, by dependency label (no library compresses a parsed sentence): subject, verb and object are
kept; places, parties, modifiers are offers the headline takes while it stays short (`rank` says in which order);
dates, hearsay adverbs, appositives, relative and adverbial clauses are left out.
"""

from __future__ import annotations

from spacy.tokens import Token

from generator.written import written_word

_HEARSAY = {"reportedly", "allegedly", "apparently", "assumedly", "reported", "purportedly", "also", "however", "moreover",
            "meanwhile", "further", "furthermore", "nevertheless", "nonetheless", "then", "absolutely", "already"}
PLACE_NOUNS = {"city", "town", "village", "area", "region", "province", "district", "governorate", "municipality", "county",
               "neighbourhood", "neighborhood", "camp", "island", "port", "capital", "country"}
_PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "over", "into", "around", "on", "off", "along", "throughout"}
_PARTY_PREPOSITIONS = {"between", "against", "with", "to", "for", "from", "over", "on", "into"}
_OPEN_ENDED = {"until", "by", "before", "after", "from", "to", "since", "till"}  # 'adjourned until Thursday' says what happened
_CONNECTIVE = {"bid", "part", "result", "effort", "order", "attempt", "response", "way", "wake", "light", "view", "case"}
_DROPPED_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those"}
_ALWAYS = {"nsubj", "nsubjpass", "csubj", "expl", "dobj", "attr", "acomp", "oprd", "dative", "xcomp", "ccomp", "pcomp", "pobj",
           "prt", "neg", "compound", "nummod", "poss", "case", "quantmod", "nmod", "predet", "preconj"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
             "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}  # when NER misses a date


def kind(head: Token, child: Token, optional: set[str] = frozenset()) -> str:
    """What the headline does with `child` of a kept `head`: 'keep', 'conj', 'option', 'lift' (its places only) or 'drop'.

    `optional` names what a headline too long even at its core takes in only as options ('of', 'conj', 'acl') or
    leaves out ('clause': a verb's clausal complement below the main clause).
    """
    dep = child.dep_
    if dep == "pobj":
        return "keep"
    if dep == "prep" and child.lower_ == "of" and head.pos_ in {"NOUN", "PROPN"}:
        return "option" if "of" in optional else "keep"  # 'death of', 'use of': the noun says little without it
    if "clause" in optional and dep in {"ccomp", "xcomp", "pcomp"} and head.dep_ not in {"ROOT", "ccomp"}:
        return "drop"
    if is_when(child) or dep == "prep" and not any(c.dep_ in {"pobj", "pcomp"} for c in child.children):
        return "drop"
    if dep == "prep" and any(c.dep_ == "pobj" and c.lemma_ in _CONNECTIVE for c in child.children):
        return "drop"  # 'in a bid to', 'as part of', 'as a result of': the link, not the event
    if dep == "det":
        return "drop" if child.lower_ in _DROPPED_DETERMINERS else "keep"
    if dep in {"aux", "auxpass"}:
        modal = any(c.tag_ == "MD" for c in head.children if c.dep_ == "aux")
        return "keep" if modal or child.tag_ in {"MD", "TO"} or child.lemma_ == "do" else "drop"
    if dep == "amod" and head.dep_ in SUBJECTS | {"dobj"} and _names_a_side(child):
        return "keep"  # who the actor or target is: 'Israeli forces', 'pro-Houthi forces', 'Saudi-led coalition'
    if dep in {"amod", "advmod"} and _set_off(child):
        return "drop"  # '…machine guns, assumedly heavy, at…'
    if dep == "advmod" and child.lower_ in _HEARSAY:
        return "drop"
    if dep == "advmod":
        return "keep" if child.i == head.i + 1 and head.pos_ == "VERB" and not list(child.children) else "option"  # 'cut short'
    if dep == "cc":
        return "keep" if head.pos_ in {"NOUN", "PROPN", "ADJ"} else "drop"  # verbs' 'and' comes with the second verb
    if dep == "amod" and list(child.children) and all(is_when(c) for c in child.children):
        return "drop"  # 'due November 9, 1993'
    if dep == "conj" and any(c.dep_ in SUBJECTS for c in child.children):
        return "drop"  # a second clause: '…, but analysts said…'
    if dep == "conj":
        nominal = head.pos_ in {"NOUN", "PROPN", "PRON", "ADJ"} and child.pos_ in {"NOUN", "PROPN", "ADJ"}
        return "conj" if nominal and "conj" not in optional else "option"
    if dep in {"prep", "agent", "amod"}:
        return "option"
    if dep in {"acl", "relcl"} and any(c.dep_ == "aux" and c.tag_ == "TO" for c in child.children):
        return "lift" if "acl" in optional else "option"  # lawsuits to file
    if dep in {"acl", "relcl", "advcl", "appos"}:
        return "lift"
    return "keep" if dep in _ALWAYS else "drop"


def rank(root: Token, head: Token, child: Token) -> tuple[int, int, int]:
    """Places and parties to the event first, then what qualifies them, then the rest; shallower and earlier first."""
    depth = sum(1 for _ in head.ancestors)
    near = head == root or head.head == root
    if is_place(child):
        order = 0
    elif child.dep_ == "amod" or child.dep_ == "prep" and child.lower_ in _PARTY_PREPOSITIONS and near:
        order = 1
    elif child.dep_ == "conj":
        order = 3
    elif child.dep_ == "advmod":
        order = 4
    else:
        order = 2 if near else 3
    return order, depth, child.i


def is_place(token: Token) -> bool:
    """A prepositional phrase naming a place: 'in al-Hasakeh', 'in eastern Syria', 'in Al Husha district', 'on X road'."""
    if token.dep_ != "prep" or token.lower_ not in _PLACE_PREPOSITIONS:
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return bool(objects) and not is_when(token) and any(
        o.ent_type_ in {"GPE", "LOC", "FAC"} or o.pos_ == "PROPN"
        or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in o.children) for o in objects)  # 'on Areesheh road'


def is_when(token: Token) -> bool:
    """A date or time, or a phrase that gives one: 'on Sunday', 'On 9 May 2020', 'two days ago', 'today'."""
    if token.lower_ in {"ago", "yesterday", "today", "tonight", "tomorrow", "earlier", "later"}:
        return True
    if token.dep_ == "prep":
        objects = [c for c in token.children if c.dep_ in {"pobj", "pcomp"}]
        return token.lower_ not in _OPEN_ENDED and bool(objects) and all(_dated(o) or o.lower_ == "ago" for o in objects)
    return token.dep_ in {"npadvmod", "advmod", "tmod", "poss"} and token.ent_type_ in {"DATE", "TIME"}


def _dated(token: Token) -> bool:
    """A date or time by the entities, or by its words where NER missed it ('on 9 May 2020', 'in 1988')."""
    year = token.like_num and len(token.text) == 4 and token.text.startswith(("19", "20"))
    return token.ent_type_ in {"DATE", "TIME"} or token.lower_ in _CALENDAR and token.pos_ == "PROPN" or year


def is_person(token: Token) -> bool:
    """The last word of a person's name, full name or title and all, as a subject names them ('Gerhard Stoltenberg')."""
    if token.ent_type_ != "PERSON" or token.dep_ not in SUBJECTS | {"dobj"} or token.pos_ != "PROPN":
        return False
    end = token.i + 1
    return end == len(token.doc) or token.doc[end].ent_iob_ != "I"


def is_copula(token: Token) -> bool:
    """A 'be' a headline leaves out: 'the accord was vital' → 'accord vital' ('there were' and 'are cause' stay)."""
    if token.lemma_ != "be" or token.dep_ in {"aux", "auxpass"}:
        return False
    children = list(token.children)
    adjective = next((c for c in children if c.dep_ == "acomp"), None)
    modal = any(c.dep_ == "aux" for c in children)
    return adjective is not None and not modal and not any(c.dep_ == "ccomp" for c in adjective.children)


def happened(verb: Token) -> bool:
    """'took place': a verb that says only that its subject happened."""
    return verb.lemma_ == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" and not list(c.children) for c in verb.children)


def _names_a_side(modifier: Token) -> bool:
    """A modifier that names a people or a party: 'Israeli', 'pro-Houthi', 'Saudi-led' (not 'due November 9')."""
    word = [modifier.doc[i] for i in written_word(modifier)] + [modifier]
    return any(t.pos_ == "PROPN" or t.ent_type_ in {"NORP", "ORG", "GPE"} or t.is_alpha and t.is_title and not t.is_sent_start
               for t in word)


def _set_off(token: Token) -> bool:
    """Whether a modifier stands between commas, as an aside."""
    doc = token.doc
    left, right = token.left_edge.i - 1, token.right_edge.i + 1
    return left >= 0 and doc[left].text == "," and right < len(doc) and doc[right].text in {",", "."}
