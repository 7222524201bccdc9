"""Writes a news headline from spaCy's parse of an article's lead sentence: who did what to whom, and where.

The parse decides what the sentence says; this module decides what a headline keeps of it. No library turns a
parsed sentence into a headline, so these choices are written by hand, each by dependency label: the main event
(subject, verb, object) always; then, while the headline stays short, the place, the other parties and what
qualifies them; never attribution, dates, appositives, relative clauses or asides. Verbs go to the present
(`generator.tense`), long names the article abbreviates to their short form (`generator.acronyms`); what each
dependent is to a headline is `generator.dependents`, who said it `generator.attribution`.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from generator.acronyms import short_forms
from generator.attribution import reported
from generator.dependents import PLACE_NOUNS, SUBJECTS, happened, is_copula, is_person, is_place, kind, rank
from generator.note_prefix import prefix_end
from generator.tense import members_of, present
from generator.written import asides, before_elaboration, tidy, written_word

TARGET = 72  # characters a headline grows to while it has more to say (wire headlines average 45)
LIMIT = 80  # characters a headline may have: past this its core is built again with less in it
_STRICTER = ({"of", "conj", "speaker", "acl"}, {"of", "conj", "speaker", "acl", "clause"})  # what each retry leaves to options
_DANGLING = {"ADP", "CCONJ", "SCONJ", "DET"}
_FUNCTION = {"CC", "DT", "IN", "TO", "PRP$"}  # tags of words a wire capitalises after 'U.S.' and a headline does not


@dataclass(frozen=True, order=True)
class _Option:
    """A phrase the headline may take in; a lower rank is taken sooner."""

    rank: tuple[int, int, int]
    token: Token = field(compare=False)


def headline(lead: Doc, target: int = TARGET) -> str:
    """The headline of the article whose lead paragraph spaCy parsed as `lead` ('' for a lead with no words)."""
    sentence = _first_sentence(lead)
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
        sentence = before_elaboration(sentence)
        self.sentence, self.doc, self.target = sentence, sentence.doc, target
        self.tokens = list(self.doc[: sentence.end])  # indexing a Doc makes a Token each time: the headline is rendered once per offer
        self.optional = _STRICTER[strictness - 1] if strictness else set()
        self.clause = sentence.root
        self.skipped = set(range(sentence.start, max(sentence.start, prefix_end(self.doc)))) | asides(sentence)
        self.forms = short_forms(sentence)
        self.kept: set[int] = set()
        self.words: dict[int, str] = {}
        self.options: list[_Option] = []

    def write(self) -> str:
        clause, speaker = reported(_main_verb(self.sentence), self.forms)
        self.clause = clause
        speaker = "" if "speaker" in self.optional else speaker
        if clause.dep_ == "acl" and clause.head == self.sentence.root:  # 'interns protested in…' parsed as a noun
            self.words.update(present(clause, self.skipped, subject=clause.head))
            self._take(clause.head)
        else:
            self.words.update(present(clause, self.skipped))
        self._take(clause)
        if is_copula(clause):
            self.words[clause.i] = ""
        if happened(clause):  # 'clashes took place between…' → 'clashes between…'
            self.words[clause.i] = ""
            self.words.update({c.i: "" for c in clause.children if c.dep_ == "dobj"})
        placed = False
        while self.options:
            option = heapq.heappop(self.options)
            if option.token.i in self.kept:
                continue
            before = set(self.kept), dict(self.words), list(self.options)
            if option.token.dep_ == "conj":
                self._take_conjunct(option.token.head, option.token)
            else:
                self._take(option.token)
            room = LIMIT if option.rank[0] == 0 and not placed else self.target  # the first place may take the room left
            if len(self._text(speaker)) > room:
                self.kept, self.words, self.options = before
            else:
                placed = placed or option.rank[0] == 0
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
        self.kept |= written_word(token)
        if is_person(token):
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
            if child.dep_ in SUBJECTS:
                if subject_seen:
                    continue  # a second subject is the parser's mistake
                subject_seen = True
            what = kind(token, child, self.optional)
            if what == "keep":
                self._take(child)
            elif what == "conj":
                self._take_conjunct(token, child)
            elif what == "option":
                self._offer(token, child)
            elif what == "lift":
                self._offer_places(token, child)

    def _take_conjunct(self, head: Token, conjunct: Token) -> None:
        """Keeps a conjunct with the 'and' or comma before it."""
        if conjunct.pos_ in {"VERB", "AUX"}:
            self.words.update(present(conjunct, self.skipped, simple=True))
        self._take(conjunct)
        between = {"cc"} if conjunct.pos_ in {"VERB", "AUX"} else {"cc", "punct"}
        self.kept |= {c.i for c in head.children if c.dep_ in between and head.i < c.i < conjunct.i and c.text != "("}

    def _offer(self, head: Token, child: Token) -> None:
        heapq.heappush(self.options, _Option(rank(self.clause, head, child), child))
        self._offer_places(head, child, through_clause=True)

    def _offer_places(self, head: Token, phrase: Token, through_clause: bool = False) -> None:
        """A place named inside a phrase the headline may leave out ('a bombing carried out … in eastern Syria').

        Inside a phrase it may yet take, only a place in a clause the headline would leave out anyway, or in a place
        ('on Areesheh road in al-Hasakeh'): not one that only qualifies something else ('in support of … in Yemen').
        """
        def reachable(place: Token) -> bool:
            between = [t for t in place.ancestors if phrase.is_ancestor(t) or t == phrase]
            return not through_clause or any(t.dep_ in {"acl", "relcl", "advcl"} or is_place(t) for t in between)

        place = next((t for t in phrase.subtree if t != phrase and is_place(t) and t.i not in self.skipped and reachable(t)), None)
        if place is not None:
            heapq.heappush(self.options, _Option(rank(self.clause, head, place), place))

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
        if noun.lower_ not in PLACE_NOUNS:
            self.words[last] = self.words.get(last, self.doc[last].text) + " " + moved

    def _joins(self, cc: Token, after: list[int]) -> bool:
        """Whether an 'and' still stands before what it joins: the next word shown is in a conjunct of its head."""
        if not after:
            return False
        adjacent = after[0] == cc.i + 1 and cc.head.pos_ in {"NOUN", "PROPN"}  # 'Hamza Division and Sultan Murad Division'
        return adjacent or any(c.dep_ == "conj" and c.left_edge.i <= after[0] <= c.right_edge.i for c in cc.head.children)

    def _text(self, speaker: str) -> str:
        shown = sorted(i for i in self.kept if self.words.get(i) != "")
        kept = [i for at, i in enumerate(shown) if self.tokens[i].dep_ != "cc" or self._joins(self.tokens[i], shown[at + 1 :])]
        while kept and (self.tokens[kept[-1]].pos_ in _DANGLING or self.tokens[kept[-1]].tag_ == "TO"):
            kept.pop()  # a phrase whose words were all left out leaves its preposition: never end on one
        parts: list[str] = []
        for at, i in enumerate(kept):
            token = self.tokens[i]
            word = self.words.get(i, token.text)
            if token.tag_ in _FUNCTION and word[:1].isupper() and word.lower() == token.lower_ and at:
                word = word.lower()  # Reuters writes 'U.S. And West Germany'
            joined = at and kept[at - 1] == i - 1 and not self.tokens[i - 1].whitespace_
            if parts and (joined or token.dep_ == "case") and parts[-1] not in {",", ";"}:
                parts[-1] += word
            else:
                parts.append(word)
        words = tidy(parts)
        if not words:
            return ""
        first = self.tokens[kept[0]]
        if not (first.pos_ == "PROPN" or first.ent_type_ or any(c.isupper() for c in words[0][1:]) or words[0] == "I"):
            words[0] = words[0].lower()
        if speaker:
            words = [speaker, "says", *words]
        text = " ".join(words).replace(" ,", ",").replace(" ;", ";")
        return text[:1].upper() + text[1:]


def _first_sentence(lead: Doc) -> Span | None:
    """The lead's first sentence with a verb ('(Reuters) —' is a sentence to spaCy), else its first with a word."""
    first = None
    for sentence in lead.sents:
        if any(t.pos_ in {"VERB", "AUX"} for t in sentence):
            return sentence
        first = first or (sentence if any(t.is_alpha for t in sentence) else None)
    return first


def _main_verb(sentence: Span) -> Token:
    """The sentence's root, or when the parser put a noun or preposition there, its verb nearest the root."""
    root = sentence.root
    if root.pos_ in {"VERB", "AUX"}:
        return root
    reduced = next((c for c in root.children if c.dep_ == "acl" and c.tag_ in {"VBD", "VBN"} and c.i == root.i + 1
                    and not any(g.dep_ in {"auxpass", "agent", "aux"} for g in c.children)), None)
    if reduced is not None and root.pos_ in {"NOUN", "PROPN"}:
        return reduced
    verbs = [t for t in sentence if t.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJECTS for c in t.children)]
    return min(verbs, key=lambda t: (sum(1 for _ in t.ancestors), t.i)) if verbs else root


def _plain_name(name: Token, kept: set[int], forms: dict[int, str]) -> bool:
    """A proper name of a few words and nothing else: what 'X leader' can be made of."""
    if name.i in forms:
        return True
    name = next((c for c in name.children if c.dep_ == "appos" and c.i in kept), name)
    words = [t for t in name.subtree if t.i in kept]
    return name.pos_ == "PROPN" and len(words) <= 4 and all(t.pos_ in {"PROPN", "PART", "PUNCT"} for t in words)
