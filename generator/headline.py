"""Writes a news headline from spaCy's parse of an article's lead sentence: who did what to whom, and where.

The parse decides what the sentence says; this module decides what a headline keeps of it. No library turns a
parsed sentence into a headline, so these choices are written by hand, each by dependency label: the main event
(subject, verb, object) always; then, while the headline stays short, the place, the other parties and what
qualifies them; never attribution, dates, appositives, relative clauses or asides. Verbs go to the present
(`generator.tense`), long names the article abbreviates to their short form (`generator.acronyms`).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from generator.acronyms import short_forms
from generator.note_prefix import prefix_end
from generator.tense import members_of, present

TARGET = 72  # characters a headline grows to while it has more to say (wire headlines average 45)
LIMIT = 80  # characters a headline may have: past this its core is built again with less in it
_STRICTER = ({"of", "conj", "speaker", "acl"}, {"of", "conj", "speaker", "acl", "clause"})  # what each retry leaves to options
_SPEECH = {"say", "tell", "add", "state", "quote", "report", "note", "claim", "announce", "confirm", "explain", "stress",
           "insist", "indicate", "assert", "declare", "comment", "write", "acknowledge", "disclose", "reveal"}
_HEARSAY = {"reportedly", "allegedly", "apparently", "assumedly", "reported", "purportedly", "also", "however", "moreover",
            "meanwhile", "further", "furthermore", "nevertheless", "nonetheless", "then", "absolutely", "already"}
_PLACE_NOUNS = {"city", "town", "village", "area", "region", "province", "district", "governorate", "municipality", "county",
                "neighbourhood", "neighborhood", "camp", "island", "port", "capital", "country"}
_PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "over", "into", "around", "on", "off", "along", "throughout"}
_PARTY_PREPOSITIONS = {"between", "against", "with", "to", "for", "from", "over", "on", "into"}
_OPEN_ENDED = {"until", "by", "before", "after", "from", "to", "since", "till"}  # 'adjourned until Thursday' says what happened
_CONNECTIVE = {"bid", "part", "result", "effort", "order", "attempt", "response", "way", "wake", "light", "view", "case"}
_DROPPED_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those"}
_ALWAYS = {"nsubj", "nsubjpass", "csubj", "expl", "dobj", "attr", "acomp", "oprd", "dative", "xcomp", "ccomp", "pcomp", "pobj",
           "prt", "neg", "compound", "nummod", "poss", "case", "quantmod", "nmod", "predet", "preconj"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_OPENERS = {"(": ")", "[": "]", "--": "--", "—": "—"}
_FUNCTION = {"CC", "DT", "IN", "TO", "PRP$"}


@dataclass(frozen=True, order=True)
class _Option:
    """A phrase the headline may take in; a lower rank is taken sooner."""

    rank: tuple[int, int, int]
    token: Token = field(compare=False)


def headline(lead: Doc, target: int = TARGET) -> str:
    """The headline of the article whose lead paragraph spaCy parsed as `lead` ('' for a lead with no words)."""
    sentences = [s for s in lead.sents if any(t.is_alpha for t in s)]
    sentence = next((s for s in sentences if any(t.pos_ in {"VERB", "AUX"} for t in s)), sentences[0] if sentences else None)
    if sentence is None:
        return ""
    for strictness in range(len(_STRICTER) + 1):  # a core longer than LIMIT is built again with less in it
        text = _Writer(sentence, target, strictness).write()
        if len(text) <= LIMIT:
            break
    return text


class _Writer:
    """One headline in the making: which tokens of the sentence it keeps, and the words some of them become."""

    def __init__(self, sentence: Span, target: int, strictness: int = 0) -> None:
        sentence = _before_elaboration(sentence)
        self.sentence, self.doc, self.target = sentence, sentence.doc, target
        self.optional = _STRICTER[strictness - 1] if strictness else set()
        self.clause = sentence.root
        self.skipped = set(range(sentence.start, max(sentence.start, prefix_end(self.doc)))) | _asides(sentence)
        self.forms = short_forms(sentence)
        self.kept: set[int] = set()
        self.words: dict[int, str] = {}
        self.options: list[_Option] = []

    def write(self) -> str:
        clause, speaker = _reported(_main_verb(self.sentence), self.forms)
        self.clause = clause
        speaker = "" if "speaker" in self.optional else speaker
        if clause.dep_ == "acl" and clause.head == self.sentence.root:  # 'interns protested in…' parsed as a noun
            self.words.update(present(clause, self.skipped, subject=clause.head))
            self._take(clause.head)
        else:
            self.words.update(present(clause, self.skipped))
        self._take(clause)
        if _is_copula(clause):
            self.words[clause.i] = ""
        if _happened(clause):  # 'clashes took place between…' → 'clashes between…'
            self.words[clause.i] = ""
            self.words.update({c.i: "" for c in clause.children if c.dep_ == "dobj"})
        while self.options:
            option = heapq.heappop(self.options)
            if option.token.i in self.kept:
                continue
            before = set(self.kept), dict(self.words), list(self.options)
            if option.token.dep_ == "conj":
                self._take_conjunct(option.token.head, option.token)
            else:
                self._take(option.token)
            if len(self._text(speaker)) > self.target:
                self.kept, self.words, self.options = before
        return self._text(speaker)

    def _take(self, token: Token) -> None:
        """Keeps `token` and what it cannot do without; what it could do without becomes an option."""
        if token.i in self.skipped or token.i in self.kept or not self.sentence.start <= token.i < self.sentence.end:
            return
        self._take_phrase(token)
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i in self.kept:
            self._compound(token.head.head, token.head, token)

    def _take_phrase(self, token: Token) -> None:
        if token.i in self.forms:  # a long name the article abbreviates: its short form stands for it
            self.kept.add(token.i)
            self.words[token.i] = self.forms[token.i]
            return
        token = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i not in self.skipped), token) \
            if token.pos_ == "NOUN" else token  # 'the terrorist organization Islamic State' is Islamic State
        self.kept.add(token.i)
        self.kept |= _word(token)
        if _is_person(token):
            self.kept |= {c.i for c in token.children if c.dep_ == "case"}
            return  # a person by surname, as headlines name people
        members = members_of(token)
        subject_seen = False
        for child in token.children:
            if child.i in self.skipped:
                continue
            if members is not None and child.dep_ == "prep" and child.lower_ == "of":  # 'a group of nurses': nurses
                self.words[token.i] = self.words[child.i] = ""
                self._take(child)
                continue
            if child.dep_ in _SUBJECTS:
                if subject_seen:
                    continue  # a second subject is the parser's mistake
                subject_seen = True
            kind = _kind(token, child, self.optional)
            if kind == "keep":
                self._take(child)
            elif kind == "conj":
                self._take_conjunct(token, child)
            elif kind == "option":
                self._offer(token, child)
            elif kind == "lift":
                self._offer_places(token, child)

    def _take_conjunct(self, head: Token, conjunct: Token) -> None:
        """Keeps a conjunct with the 'and' or comma before it."""
        if conjunct.pos_ in {"VERB", "AUX"}:
            self.words.update(present(conjunct, self.skipped, simple=True))
        self._take(conjunct)
        between = {"cc"} if conjunct.pos_ in {"VERB", "AUX"} else {"cc", "punct"}
        self.kept |= {c.i for c in head.children if c.dep_ in between and head.i < c.i < conjunct.i and c.text != "("}

    def _offer(self, head: Token, child: Token) -> None:
        heapq.heappush(self.options, _Option(_rank(self.clause, head, child), child))
        self._offer_places(head, child)

    def _offer_places(self, head: Token, clause: Token) -> None:
        """A place named inside a phrase the headline may leave out ('a bombing carried out … in eastern Syria')."""
        place = next((t for t in clause.subtree if t != clause and _is_place(t) and t.i not in self.skipped), None)
        if place is not None:
            heapq.heappush(self.options, _Option(_rank(self.clause, head, place), place))

    def _compound(self, noun: Token, of: Token, name: Token) -> None:
        """'leader of Islamic State' → 'Islamic State leader'; 'the city of Qalqiliyah' → 'Qalqiliyah'."""
        if noun.tag_ not in {"NN", "NNS"} or not _plain_name(name, self.kept, self.forms):
            return
        before = [c for c in noun.lefts if c.i in self.kept and c.dep_ in {"compound", "amod"} and not list(c.children)]
        if any(c.i in self.kept for c in noun.rights if c != of) or noun.i in self.forms:
            return
        moved = " ".join(self.words.get(t.i, t.text) for t in [*before, noun])
        for t in [*before, noun, of]:
            self.words[t.i] = ""
        last = max(i for i in self.kept if name.left_edge.i <= i <= name.right_edge.i)
        if noun.lower_ not in _PLACE_NOUNS:
            self.words[last] = self.words.get(last, self.doc[last].text) + " " + moved

    def _text(self, speaker: str) -> str:
        kept = [i for i in sorted(self.kept) if self.words.get(i) != ""]
        parts: list[str] = []
        for at, i in enumerate(kept):
            token = self.doc[i]
            word = self.words.get(i, token.text)
            if token.tag_ in _FUNCTION and word[:1].isupper() and word.lower() == token.lower_ and at:
                word = word.lower()  # Reuters writes 'U.S. And West Germany'
            joined = at and kept[at - 1] == i - 1 and not self.doc[i - 1].whitespace_
            if parts and (joined or token.dep_ == "case") and parts[-1] not in {",", ";"}:
                parts[-1] += word
            else:
                parts.append(word)
        words = _tidy(parts)
        if not words:
            return ""
        first = self.doc[kept[0]]
        if not (first.pos_ == "PROPN" or first.ent_type_ or any(c.isupper() for c in words[0][1:]) or words[0] == "I"):
            words[0] = words[0].lower()
        if speaker:
            words = [speaker, "says", *words]
        text = " ".join(words).replace(" ,", ",").replace(" ;", ";")
        return text[:1].upper() + text[1:]


def _main_verb(sentence: Span) -> Token:
    """The sentence's root, or when the parser put a noun or preposition there, its verb nearest the root."""
    root = sentence.root
    if root.pos_ in {"VERB", "AUX"}:
        return root
    reduced = next((c for c in root.children if c.dep_ == "acl" and c.tag_ in {"VBD", "VBN"} and c.i == root.i + 1
                    and not any(g.dep_ in {"auxpass", "agent", "aux"} for g in c.children)), None)
    if reduced is not None and root.pos_ in {"NOUN", "PROPN"}:
        return reduced
    verbs = [t for t in sentence if t.pos_ in {"VERB", "AUX"} and any(c.dep_ in _SUBJECTS for c in t.children)]
    return min(verbs, key=lambda t: (sum(1 for _ in t.ancestors), t.i)) if verbs else root


def _reported(root: Token, forms: dict[int, str]) -> tuple[Token, str]:
    """The clause that states the fact, and the name it is credited to ('' for 'officials said')."""
    clause, speaker = root, ""
    while clause.lemma_ in _SPEECH:
        said = next((c for c in clause.children if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}), None)
        if said is None:  # 'was quoted … as saying he was watching'
            saying = next((t for t in clause.subtree if t.dep_ in {"advcl", "pcomp", "xcomp"} and t.lemma_ in _SPEECH), None)
            said = next((c for c in saying.children if c.dep_ == "ccomp"), None) if saying is not None else None
        if said is None:
            break
        quoted = [c for c in clause.children if c.dep_ == "dobj"] if clause.lemma_ == "quote" else []
        who = next(iter(quoted), None) or next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        speaker = _name(who, forms) if who is not None else ""
        clause = said
    return clause, speaker


def _name(token: Token, forms: dict[int, str]) -> str:
    """A speaker as a headline names one: a surname, a short form, a short name; '' for 'officials' or a long name."""
    if token.i in forms:
        return forms[token.i]
    token = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), token)
    if token.pos_ != "PROPN":
        return ""
    if _is_person(token):
        return token.text
    words = [t for t in token.subtree if (t.dep_ == "compound" and t.head == token) or t == token]
    return " ".join(t.text for t in words if t.pos_ == "PROPN") if len(words) <= 3 else ""


def _kind(head: Token, child: Token, optional: set[str] = frozenset()) -> str:
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
    if _is_when(child) or dep == "prep" and not any(c.dep_ in {"pobj", "pcomp"} for c in child.children):
        return "drop"
    if dep == "prep" and any(c.dep_ == "pobj" and c.lemma_ in _CONNECTIVE for c in child.children):
        return "drop"  # 'in a bid to', 'as part of', 'as a result of': the link, not the event
    if dep == "det":
        return "drop" if child.lower_ in _DROPPED_DETERMINERS else "keep"
    if dep in {"aux", "auxpass"}:
        modal = any(c.tag_ == "MD" for c in head.children if c.dep_ == "aux")
        return "keep" if modal or child.tag_ in {"MD", "TO"} or child.lemma_ == "do" else "drop"
    if dep in {"amod", "advmod"} and _set_off(child):
        return "drop"  # '…machine guns, assumedly heavy, at…'
    if dep == "advmod" and child.lower_ in _HEARSAY:
        return "drop"
    if dep == "advmod":
        return "keep" if child.i == head.i + 1 and head.pos_ == "VERB" and not list(child.children) else "option"  # 'cut short'
    if dep == "cc":
        return "keep" if head.pos_ in {"NOUN", "PROPN", "ADJ"} else "drop"  # verbs' 'and' comes with the second verb
    if dep == "amod" and list(child.children) and all(_is_when(c) for c in child.children):
        return "drop"  # 'due November 9, 1993'
    if dep == "conj" and any(c.dep_ in _SUBJECTS for c in child.children):
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


def _rank(root: Token, head: Token, child: Token) -> tuple[int, int, int]:
    """Places and parties to the event first, then what qualifies them, then the rest; shallower and earlier first."""
    depth = sum(1 for _ in head.ancestors)
    near = head == root or head.head == root
    if _is_place(child):
        kind = 0
    elif child.dep_ == "amod" or child.dep_ == "prep" and child.lower_ in _PARTY_PREPOSITIONS and near:
        kind = 1
    elif child.dep_ == "conj":
        kind = 3
    elif child.dep_ == "advmod":
        kind = 4
    else:
        kind = 2 if near else 3
    return kind, depth, child.i


def _is_place(token: Token) -> bool:
    """A prepositional phrase naming a place: 'in al-Hasakeh', 'in eastern Syria', 'in Al Husha district'."""
    if token.dep_ != "prep" or token.lower_ not in _PLACE_PREPOSITIONS:
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return bool(objects) and not _is_when(token) and any(
        o.ent_type_ in {"GPE", "LOC", "FAC"} or o.pos_ == "PROPN"
        or o.lower_ in _PLACE_NOUNS and any(c.pos_ == "PROPN" for c in o.children) for o in objects)


def _is_when(token: Token) -> bool:
    """A date or time, or a phrase that gives one: 'on Sunday', 'On 9 May 2020', 'two days ago', 'today'."""
    if token.lower_ in {"ago", "yesterday", "today", "tonight", "tomorrow", "earlier", "later"}:
        return True
    if token.dep_ == "prep":
        objects = [c for c in token.children if c.dep_ == "pobj"]
        return token.lower_ not in _OPEN_ENDED and bool(objects) and all(o.ent_type_ in {"DATE", "TIME"} for o in objects)
    return token.dep_ in {"npadvmod", "advmod", "tmod", "poss"} and token.ent_type_ in {"DATE", "TIME"}


def _is_person(token: Token) -> bool:
    """The last word of a person's name, full name or title and all, as a subject names them ('Gerhard Stoltenberg')."""
    if token.ent_type_ != "PERSON" or token.dep_ not in _SUBJECTS | {"dobj"} or token.pos_ != "PROPN":
        return False
    end = token.i + 1
    return end == len(token.doc) or token.doc[end].ent_iob_ != "I"


def _is_copula(token: Token) -> bool:
    """A 'be' a headline leaves out: 'the accord was vital' → 'accord vital' ('there were' and 'are cause' stay)."""
    if token.lemma_ != "be" or token.dep_ in {"aux", "auxpass"}:
        return False
    children = list(token.children)
    adjective = next((c for c in children if c.dep_ == "acomp"), None)
    modal = any(c.dep_ == "aux" for c in children)
    return adjective is not None and not modal and not any(c.dep_ == "ccomp" for c in adjective.children)


def _happened(verb: Token) -> bool:
    """'took place': a verb that says only that its subject happened."""
    return verb.lemma_ == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" and not list(c.children) for c in verb.children)


def _plain_name(name: Token, kept: set[int], forms: dict[int, str]) -> bool:
    """A proper name of a few words and nothing else: what 'X leader' can be made of."""
    if name.i in forms:
        return True
    name = next((c for c in name.children if c.dep_ == "appos" and c.i in kept), name)
    words = [t for t in name.subtree if t.i in kept]
    return name.pos_ == "PROPN" and len(words) <= 4 and all(t.pos_ in {"PROPN", "PART", "PUNCT"} for t in words)


def _set_off(token: Token) -> bool:
    """Whether a modifier stands between commas, as an aside."""
    doc = token.doc
    left, right = token.left_edge.i - 1, token.right_edge.i + 1
    return left >= 0 and doc[left].text == "," and right < len(doc) and doc[right].text in {",", "."}


def _word(token: Token) -> set[int]:
    """The other tokens of the written word `token` is part of ('Saudi-led', 'pro-Houthi', 'U.S./Soviet')."""
    doc, found = token.doc, set()
    i = token.i
    while i > 0 and not doc[i - 1].whitespace_ and _joins(doc[i - 1]):
        i -= 1
        found.add(i)
    i = token.i
    while i + 1 < len(doc) and not doc[i].whitespace_ and _joins(doc[i + 1]):
        i += 1
        found.add(i)
    inner = lambda t: t.is_alpha or t.like_num
    return {i for i in found if not doc[i].is_punct or 0 < i < len(doc) - 1 and inner(doc[i - 1]) and inner(doc[i + 1])
            or doc[i].text in {"'", "’"}}


def _joins(token: Token) -> bool:
    return token.is_alpha or token.like_num or token.text in {"-", "/", "&", "'s", "'", "’"} or "." in token.text and token.is_upper


def _before_elaboration(sentence: Span) -> Span:
    """The sentence up to a colon or semicolon that follows a verb: what comes after elaborates ('…a new angle: they'll…')."""
    verb_seen = False
    for token in sentence[prefix_end(sentence.doc) - sentence.start if sentence.start == 0 else 0 :]:
        if token.text in {":", ";"} and verb_seen:
            return sentence.doc[sentence.start : token.i]
        verb_seen = verb_seen or token.pos_ in {"VERB", "AUX"}
    return sentence


def _asides(sentence: Span) -> set[int]:
    """Tokens inside parentheses, brackets or dashes: asides a headline leaves out."""
    inside: set[int] = set()
    closing, start = "", 0
    for token in sentence:
        if not closing and token.text in _OPENERS:
            closing, start = _OPENERS[token.text], token.i
        elif closing and token.text == closing:
            inside |= set(range(start, token.i + 1))
            closing = ""
    return inside


def _tidy(words: list[str]) -> list[str]:
    """Drops punctuation left doubled or at either end by what was left out."""
    result: list[str] = []
    for word in words:
        if word in {",", ";", ":", "-", "–", "—"} and (not result or result[-1] in {",", ";", ":", "-"}):
            continue
        result.append(word)
    while result and result[-1] in {",", ";", ":", "-", "–", "—", "and", "or", "but"}:
        result.pop()
    while result and result[0] in {",", ";", ":", "-", "–", "—"}:
        result.pop(0)
    if result:
        result[-1] = result[-1].rstrip(",;:")
    return result
