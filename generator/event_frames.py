"""The events a parsed lead paragraph reports, as frames: each verb, and each noun that names an event, with who does
it, what it is done to and by what means, and how much it counts.

A frame counts less the further its clause is from the main one ('clashes took place … amid shelling': the
shelling is background) and the later its sentence. Matching frames to kinds is generator/event_kinds.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from generator.lead_tokens import LeadTokens
from generator.taxonomy import Taxonomy

SENTENCES = (1.0, 0.5, 0.25)  # the lead's first sentence reports the event; later ones add to it
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


@dataclass
class Frame:
    """A verb or event noun of the lead: its own words, its participants' words, and how much it counts."""

    weight: float
    names: set[str] = field(default_factory=set)
    doers: set[str] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)
    means: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    central: bool = False  # a noun that is the subject or a light verb's object ('an earthquake struck', 'carried out airstrikes')


def frames(lead: Doc, start: int, taxonomy: Taxonomy) -> list[Frame]:
    """The frames of the lead's first sentences after the note's label (tokens before `start`), in the words of `taxonomy`."""
    sentences = [(s.start, s.end) for s in lead.sents if s.end > start][: len(SENTENCES)]
    if not sentences:
        return []
    parse = LeadTokens(lead, max(start, sentences[0][0]), sentences[-1][1], taxonomy.heads, taxonomy.known)
    nouns = taxonomy.nouns
    found = []
    for (first, end), weight in zip(sentences, SENTENCES):
        for i, counts in _weights(parse, max(first, parse.start), end, weight).items():
            pos, dep = parse.pos[i], parse.dep[i]
            if pos in ("VERB", "AUX") and dep not in ("aux", "auxpass"):
                found.append(_verb(parse, i, counts))
            elif pos in NOUNS and parse.ent[i] not in OUTSIDE and (names := parse.phrases(i)) & nouns:
                found.append(_noun(parse, i, counts, names))
    return found


def _weights(parse: LeadTokens, first: int, end: int, weight: float) -> dict[int, float]:
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


def _factor(parse: LeadTokens, child: int, head: int) -> float:
    """What a child's clause counts for, against its head's."""
    dep = parse.dep[child]
    if dep in ("ccomp", "acl", "relcl", "advcl", "xcomp") and parse.dep[head] == "ROOT" and parse.pos[head] not in ("VERB", "AUX"):
        return 1.0  # a main verb the parser hung under a noun or preposition ('interns protested', 'On … forces thwarted')
    if dep == "ccomp":
        return 1.0 if parse.lemma[head] in SPEECH else 0.8
    if dep == "prep":
        return 0.2 if parse.lemma[child] in BACKGROUND else 0.6 if parse.lemma[child] == "during" else 1.0
    if dep == "advcl" and any(parse.lemma[c] in ("when", "as") for c in parse.kids(child, "mark", "advmod")):
        return 0.9  # how the main event came about ('were killed when a shell landed on their house')
    if dep == "pcomp":  # the means of the act ('by firing missiles'), or what was said ('quoted as saying')
        return 1.0 if parse.lemma[head] in ("by", "through", "via") or parse.lemma[child] in SPEECH else 0.5
    return _FACTORS.get(dep, 1.0)


_FACTORS = {"conj": 1.0, "xcomp": 0.9, "advcl": 0.6, "csubj": 0.6, "csubjpass": 0.6, "parataxis": 0.5, "acl": 0.4, "relcl": 0.4}


def _verb(parse: LeadTokens, verb: int, weight: float) -> Frame:
    """A verb's frame: its lemma with its particle or object, its subjects, objects and means."""
    lemma = parse.lemma[verb]
    frame = Frame(weight, {lemma})
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


def _noun(parse: LeadTokens, noun: int, weight: float, names: set[str]) -> Frame:
    """An event noun's frame ('airstrikes on …', 'clashes between …'); it counts fully as a subject or a light verb's object."""
    dep = parse.dep[noun]
    governor = parse.head[parse.head[noun]] if dep == "pobj" else parse.head[noun]
    full = dep in ("nsubj", "nsubjpass", "ROOT") or parse.lemma[governor] in LIGHT and (dep != "pobj" or parse.lemma[parse.head[noun]] == "in")
    frame = Frame(weight if full else weight * 0.5, set(names), central=full)
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


def _add(parse: LeadTokens, frame: Frame, slot: set[str], token: int) -> None:
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


def _nouns(parse: LeadTokens, token: int) -> frozenset[str]:
    """The words of the nouns and adjectives in a participant's phrase, not in the clauses inside it."""
    if (found := parse.within.get(token)) is None:
        own = parse.phrases(token) if parse.pos[token] in ("NOUN", "PROPN", "ADJ") and parse.ent[token] not in OUTSIDE else set()
        inner = (_nouns(parse, c) for c in parse.children[token] if parse.pos[c] not in ("VERB", "AUX") and parse.dep[c] not in CLAUSES)
        found = parse.within[token] = frozenset(own).union(*inner)
    return found
