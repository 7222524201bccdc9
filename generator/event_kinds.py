"""The kinds of event a lead paragraph reports, read from its parse against a taxonomy (generator/taxonomy.py).

Each verb of the lead's first sentences, and each noun that names an event, is a frame: the word, who does it,
what it is done to, and by what means. A kind matches a frame by its event words, its weapons, its acts (a verb
with its doers or objects) or, weakest, its topics among the participants; how much the frame counts falls with
its distance from the main clause ('clashes took place … amid shelling' is a battle). The best kind is the
entry's; a second only when it matches nearly as well. A conflict note's label ('Looting: …') decides alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, ORTH, POS, SPACY, TAG
from spacy.tokens import Doc

from generator.note_prefix import event_prefix, prefix_end
from generator.taxonomy import Kind, Taxonomy

MAX_KINDS = 2
SECOND = 0.8  # a second kind must score this share of the first's
LEAST = 0.3  # below this nothing is said: a word in passing is no kind of event
SENTENCES = (1.0, 0.5, 0.25)  # the lead's first sentence reports the event; later ones add to it
WEAPON, LABEL = 3.0, 3.0  # a remote weapon, or the coders' own label, outweighs any act

SPEECH = frozenset({"say", "tell", "quote", "state", "add", "claim", "report", "announce", "confirm", "allege", "accuse"})
# verbs that only frame the event their subject or object names ('clashes took place', 'held a protest')
LIGHT = frozenset({"take", "hold", "stage", "carry", "conduct", "launch", "organise", "organize", "participate", "engage", "witness",
                   "see", "erupt", "break", "occur", "happen", "continue", "begin", "start", "resume", "renew", "mount", "wage",
                   "join", "report", "leave", "cause", "announce"})
USING = frozenset({"fire", "launch", "use", "drop", "plant", "detonate", "lob", "hurl", "throw", "employ"})  # their object is a means
BACKGROUND = frozenset({"amid", "despite", "after", "before", "following", "since", "until", "ahead", "prior"})
ARGUMENT = frozenset({"against", "at", "on", "upon", "with", "into", "toward", "towards", "onto", "over", "targeting", "of"})
MEANS = frozenset({"by", "with", "using", "in", "through", "via"})
# nouns that stand for what follows their 'of' ('a group of nurses', 'a cache of weapons')
GROUPS = frozenset({"group", "number", "dozen", "hundred", "thousand", "score", "member", "crowd", "some", "many", "several",
                    "couple", "handful", "unit", "team", "one", "two", "three", "all", "most", "each", "cache", "quantity",
                    "amount", "stockpile", "shipment", "consignment", "batch", "load", "depot", "kind", "type"})
OUTSIDE = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
NOUNS = frozenset({"NOUN", "PROPN"})
CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp"})


def kinds_of(lead: Doc, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The entry's tags from its lead: one kind of event usually, two at most, none when none fits; then the note's label."""
    label = event_prefix(lead)
    scores = dict.fromkeys((k.name for k in taxonomy.kinds), 0.0)
    labelled = next((k for k in taxonomy.kinds if label.casefold() in k.prefixes), None) if label else None
    for frame in _frames(lead, prefix_end(lead), taxonomy.nouns, taxonomy.heads):
        words = frame.names | frame.doers | frame.objects | frame.means | frame.topics
        best, strength = None, 0.0
        for kind in taxonomy.kinds:  # one event, one kind: the frame's best, the earliest of equals
            if not words.isdisjoint(taxonomy.words[kind.name]) and (this := _strength(kind, frame)) > strength:
                best, strength = kind, this
        if best is not None:
            scores[best.name] = max(scores[best.name], frame.weight * strength)
    if labelled is not None:
        scores[labelled.name] = LABEL
    order = {k.name: i for i, k in enumerate(taxonomy.kinds)}
    ranked = sorted((name for name, score in scores.items() if score >= LEAST), key=lambda n: (-scores[n], order[n]))
    chosen = [n for n in ranked[:MAX_KINDS] if scores[n] >= SECOND * scores[ranked[0]]]
    if label and label.casefold() not in {c.casefold() for c in chosen}:
        chosen.append(label)
    return tuple(chosen)


@dataclass
class _Frame:
    """A verb or event noun of the lead: its own words, its participants' words, and how much it counts."""

    weight: float
    names: set[str] = field(default_factory=set)
    doers: set[str] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)
    means: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)


def _strength(kind: Kind, frame: _Frame) -> float:
    """How well `kind` matches one frame: 3 for a weapon, 1 for an event word, 1 more per act slot matched, 0.4 for a topic."""
    strength = 0.0
    if hits := frame.names & kind.events:
        strength = 1.0 + 0.25 * (max(len(h.split()) for h in hits) - 1)
    if kind.weapons and (frame.doers | frame.means) & kind.weapons:
        return WEAPON
    for act in kind.acts:
        if frame.names & act.verbs and (not act.doers or frame.doers & act.doers) and (not act.objects or frame.objects & act.objects):
            strength = max(strength, 1.0 + bool(act.doers) + bool(act.objects))
    if not strength and frame.topics & kind.topics:
        strength = 0.4
    return strength


def _frames(lead: Doc, start: int, nouns: frozenset[str], heads: frozenset[str]) -> list[_Frame]:
    """The frames of the lead's first sentences, after the note's label (tokens before `start`)."""
    sentences = [(s.start, s.end) for s in lead.sents if s.end > start][: len(SENTENCES)]
    if not sentences:
        return []
    parse = _Parse(lead, max(start, sentences[0][0]), sentences[-1][1], heads)
    frames = []
    for (first, end), weight in zip(sentences, SENTENCES):
        for i, counts in _weights(parse, max(first, parse.start), end, weight).items():
            pos, dep = parse.pos[i], parse.dep[i]
            if pos in ("VERB", "AUX") and dep not in ("aux", "auxpass"):
                frames.append(_verb(parse, i, counts))
            elif pos in NOUNS and parse.ent[i] not in OUTSIDE and (names := parse.phrases(i)) & nouns:
                frames.append(_noun(parse, i, counts, names))
    return frames


class _Parse:
    """The lead's tokens from `start` to `end` as plain lists (spaCy makes a Python object per token per access)."""

    def __init__(self, lead: Doc, start: int, end: int, heads: frozenset[str]) -> None:
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
        self.nouns: dict[int, frozenset[str]] = {}  # see `_nouns`
        self.heads = heads  # a word no phrase ends in has no phrases but itself

    def kids(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if self.dep[c] in deps]

    def conjuncts(self, i: int) -> list[int]:
        found, stack = [], [i]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.kids(current, "conj"))
        return found

    def pobjs(self, preposition: int) -> list[int]:
        return [c for c in self.kids(preposition, "pobj", "pcomp") if self.pos[c] != "VERB"]

    def phrases(self, i: int) -> set[str]:
        """A noun's lemma and its phrases with the modifiers before it ('air strike', 'violent protest') or a hyphen's parts ('sit-in')."""
        if i not in self._phrases:
            self._phrases[i] = self._phrase(i)
        return self._phrases[i]

    def _phrase(self, i: int) -> set[str]:
        found = {self.lemma[i]} | self._proper(i)
        if found.isdisjoint(self.heads) and not (self.space[i] is False and i + 1 < self.end and self.text[i + 1] == "-"):
            return found
        first = i
        while first > max(self.start, i - 3) and self.dep[first - 1] in ("compound", "amod", "nmod", "punct", "npadvmod", "nummod") and self.head[first - 1] >= first - 1:
            first -= 1
        last = i
        while last + 2 < self.end and not self.space[last] and self.text[last + 1] == "-" and not self.space[last + 1]:
            last += 2
        for begin in range(first, last + 1):
            for stop in {i, last}:
                if stop >= begin:
                    found.add("".join(self.lemma[k] + (" " if self.space[k] and k < stop else "") for k in range(begin, stop + 1)).strip())
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


def _weights(parse: _Parse, first: int, end: int, weight: float) -> dict[int, float]:
    """How much each token's clause counts: the main clause fully, subordinate and background clauses less."""
    roots = [i for i in range(first, end) if parse.head[i] == i or not first <= parse.head[i] < end]
    weights: dict[int, float] = {}
    stack = [(root, weight) for root in roots]
    while stack:
        i, counts = stack.pop()
        if i in weights:
            continue
        weights[i] = counts
        stack.extend((child, counts * _factor(parse, child, i)) for child in parse.children[i] if first <= child < end)
    return weights


def _factor(parse: _Parse, child: int, head: int) -> float:
    """What a child's clause counts for, against its head's."""
    dep = parse.dep[child]
    if dep in ("ccomp", "acl", "relcl", "advcl", "xcomp") and parse.dep[head] == "ROOT" and parse.pos[head] not in ("VERB", "AUX"):
        return 1.0  # a main verb the parser hung under a noun or preposition ('interns protested', 'On … forces thwarted')
    if dep == "ccomp":
        return 1.0 if parse.lemma[head] in SPEECH else 0.8
    if dep == "prep":
        return 0.2 if parse.lemma[child] in BACKGROUND else 0.6 if parse.lemma[child] == "during" else 1.0
    if dep == "pcomp":  # the means of the act ('by firing missiles'), or what was said ('quoted as saying')
        return 1.0 if parse.lemma[head] in ("by", "through", "via") or parse.lemma[child] in SPEECH else 0.5
    return _FACTORS.get(dep, 1.0)


_FACTORS = {"conj": 1.0, "xcomp": 0.9, "advcl": 0.6, "csubj": 0.6, "csubjpass": 0.6, "parataxis": 0.5, "acl": 0.4, "relcl": 0.4}


def _verb(parse: _Parse, verb: int, weight: float) -> _Frame:
    """A verb's frame: its lemma with its particle or object, its subjects, objects and means."""
    lemma = parse.lemma[verb]
    frame = _Frame(weight, {lemma})
    for child in parse.children[verb]:
        dep = parse.dep[child]
        if dep == "prt":
            frame.names.add(f"{lemma} {parse.lemma[child]}")
        elif dep in ("nsubj", "csubj", "expl"):
            _add(parse, frame, frame.doers, child)
        elif dep in ("dobj", "nsubjpass", "attr", "dative", "oprd"):
            frame.names.add(f"{lemma} {parse.lemma[child]}")
            _add(parse, frame, frame.objects, child)
            if lemma in USING:
                _add(parse, frame, frame.means, child)
        elif dep == "agent":
            for pobj in parse.pobjs(child):
                _add(parse, frame, frame.doers, pobj)
        elif dep == "prep":
            preposition = parse.lemma[child]
            for pobj in parse.pobjs(child):
                if preposition in ARGUMENT:
                    _add(parse, frame, frame.objects, pobj)
                if preposition in MEANS:
                    _add(parse, frame, frame.means, pobj)
        elif dep in ("advcl", "xcomp") and parse.lemma[child] == "use":  # 'shelled Kinda using artillery fire'
            for obj in parse.kids(child, "dobj"):
                _add(parse, frame, frame.means, obj)
    if not parse.kids(verb, "dobj"):  # 'shot and killed a boy': what the last verb is done to, the first is too
        for other in parse.kids(verb, "conj"):
            for obj in parse.kids(other, "dobj"):
                _add(parse, frame, frame.objects, obj)
    head = parse.head[verb]
    if parse.dep[verb] in ("acl", "relcl") and parse.pos[head] in NOUNS:  # 'a landmine planted by …', 'forces shelling the area'
        passive = parse.tag[verb] == "VBN" or bool(parse.kids(verb, "nsubjpass"))
        _add(parse, frame, frame.objects if passive else frame.doers, head)
        if passive and lemma in USING:
            _add(parse, frame, frame.means, head)
    if not frame.doers and parse.dep[verb] in ("conj", "xcomp", "advcl") and parse.pos[head] in ("VERB", "AUX"):
        for subject in parse.kids(head, "nsubj"):  # 'forces raided … and attacked …'
            _add(parse, frame, frame.doers, subject)
    return frame


def _noun(parse: _Parse, noun: int, weight: float, names: set[str]) -> _Frame:
    """An event noun's frame ('airstrikes on …', 'clashes between …'); it counts fully as a subject or a light verb's object."""
    dep = parse.dep[noun]
    governor = parse.head[parse.head[noun]] if dep == "pobj" else parse.head[noun]
    full = dep in ("nsubj", "nsubjpass", "ROOT") or parse.lemma[governor] in LIGHT and (dep != "pobj" or parse.lemma[parse.head[noun]] == "in")
    frame = _Frame(weight if full else weight * 0.5, set(names))
    for child in parse.children[noun]:
        if parse.dep[child] in ("poss", "compound", "amod", "nmod"):
            _add(parse, frame, frame.doers, child)
            _add(parse, frame, frame.means, child)
        elif parse.dep[child] == "prep":
            preposition = parse.lemma[child]
            for pobj in parse.pobjs(child):
                if preposition == "by":
                    _add(parse, frame, frame.doers, pobj)
                if preposition in ARGUMENT or preposition == "between":
                    _add(parse, frame, frame.objects, pobj)
                if preposition in MEANS:
                    _add(parse, frame, frame.means, pobj)
    frame.topics |= names
    return frame


def _add(parse: _Parse, frame: _Frame, slot: set[str], token: int) -> None:
    """A participant's words into `slot` (and its conjuncts', and those of 'a group of …'), and its nouns into the topics."""
    for part in parse.conjuncts(token):
        ent, pos = parse.ent[part], parse.pos[part]
        if ent == "PERSON" and pos in NOUNS:
            slot.add("a person")
        elif ent == "NORP" and parse.dep[part] not in ("amod", "compound"):
            slot.add("a nationality")  # 'shot a Palestinian'
        if ent not in OUTSIDE:
            slot.update(parse.phrases(part))
        if parse.lemma[part] in GROUPS or pos == "NUM":
            for preposition in parse.kids(part, "prep"):
                if parse.lemma[preposition] == "of":
                    for pobj in parse.pobjs(preposition):
                        _add(parse, frame, slot, pobj)
    frame.topics |= _nouns(parse, token)


def _nouns(parse: _Parse, token: int) -> frozenset[str]:
    """The words of the nouns and adjectives in a participant's phrase, not in the clauses inside it."""
    if (found := parse.nouns.get(token)) is None:
        own = parse.phrases(token) if parse.pos[token] in ("NOUN", "PROPN", "ADJ") and parse.ent[token] not in OUTSIDE else set()
        inner = (_nouns(parse, c) for c in parse.children[token] if parse.pos[c] not in ("VERB", "AUX") and parse.dep[c] not in CLAUSES)
        found = parse.nouns[token] = frozenset(own).union(*inner)
    return found
