"""A parsed lead's tokens as plain lists, and the phrases of its nouns: spaCy makes a Python object per token per access."""

from __future__ import annotations

from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, ORTH, POS, SPACY, TAG
from spacy.tokens import Doc


class LeadTokens:
    """The lead's tokens from `start` to `end` as plain lists (spaCy makes a Python object per token per access)."""

    def __init__(self, lead: Doc, start: int, end: int, heads: frozenset[str], known: frozenset[str]) -> None:
        rows = lead.to_array([LEMMA, POS, DEP, HEAD, ENT_TYPE, TAG, SPACY, ORTH])[start:end].tolist()  # a Span's to_array is 10 times slower
        strings = lead.vocab.strings
        self.start, self.end = start, end
        self.lemma = [""] * start + [strings[r[0]].casefold() for r in rows]
        self.pos = [""] * start + [strings[r[1]] for r in rows]
        self.dep = [""] * start + [strings[r[2]] for r in rows]
        governors = [start + i + (r[3] - 2**64 if r[3] >= 2**63 else r[3]) for i, r in enumerate(rows)]  # HEAD is an offset, stored unsigned
        self.head = [0] * start + [g if start <= g < end else start + i for i, g in enumerate(governors)]  # outside: a root
        self.ent = [""] * start + [strings[r[4]] for r in rows]
        self.tag = [""] * start + [strings[r[5]] for r in rows]
        self.space = [False] * start + [bool(r[6]) for r in rows]
        self.text = [""] * start + [strings[r[7]] for r in rows]
        self.children: list[list[int]] = [[] for _ in range(end)]
        for i in range(start, end):
            if self.head[i] != i:
                self.children[self.head[i]].append(i)
        self._phrases: dict[int, set[str]] = {}
        self.within: dict[int, frozenset[str]] = {}  # a token's words and those of its phrase: generator/event_frames.py fills it
        self.heads = heads  # the last words of the phrases sought: a noun that is none of them has no phrase but itself
        self.known = known  # the words sought and those heads: a word that is none of them has no phrases at all

    def kids(self, i: int, *deps: str) -> list[int]:
        """The children of token `i` in these relations."""
        return [c for c in self.children[i] if self.dep[c] in deps]

    def conjuncts(self, i: int) -> list[int]:
        """Token `i` and the tokens coordinated with it ('regime and militia forces')."""
        found, stack = [], [i]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.kids(current, "conj"))
        return found

    def pobjs(self, preposition: int) -> list[int]:
        """The nouns a preposition governs."""
        return [c for c in self.kids(preposition, "pobj", "pcomp") if self.pos[c] != "VERB"]

    def phrases(self, i: int) -> set[str]:
        """A noun's lemma and its phrases with the modifiers before it ('air strike', 'violent protest') or a hyphen's parts ('sit-in')."""
        if i not in self._phrases:
            self._phrases[i] = self._phrase(i)
        return self._phrases[i]

    def _phrase(self, i: int) -> set[str]:
        found = {self.lemma[i]} | self._proper(i)
        if found.isdisjoint(self.heads) and not (not self.space[i] and i + 1 < self.end and self.text[i + 1] == "-"):
            return found & self.known
        first = i
        while first > max(self.start, i - 3) and self.dep[first - 1] in ("compound", "amod", "nmod", "punct", "npadvmod", "nummod") and self.head[first - 1] >= first - 1:
            first -= 1
        last = i
        while last + 2 < self.end and not self.space[last] and self.text[last + 1] == "-" and not self.space[last + 1]:
            last += 2
        for begin in range(first, last + 1):
            for stop in {i, last}:
                if stop >= begin:  # each word as its lemma, or the modifiers as written ('weapons depot', 'arms cache')
                    found.add("".join(self.lemma[k] + (" " if self.space[k] and k < stop else "") for k in range(begin, stop + 1)).strip())
                    found.add("".join((self.lemma[k] if k >= i else self.text[k].casefold()) + (" " if self.space[k] and k < stop else "")
                                      for k in range(begin, stop + 1)).strip())
        for preposition in self.kids(i, "prep"):
            if self.lemma[preposition] == "of":
                found.update(f"{self.lemma[i]} of {self.lemma[p]}" for p in self.pobjs(preposition))
        return found

    def _proper(self, i: int) -> set[str]:
        """A capitalised word the tagger took for a name keeps its plural ('U.S. Attacks on …'): its singulars too."""
        word = self.text[i].casefold()
        if self.pos[i] != "PROPN" or self.lemma[i] != word or not word.endswith("s"):
            return set()
        return {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]}
