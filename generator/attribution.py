"""Who a lead sentence credits with its fact: 'X said (that) …' gives the reported clause and X's name as a headline gives it."""

from __future__ import annotations

from spacy.tokens import Token

from generator.dependents import is_person

SPEECH = {"say", "tell", "add", "state", "quote", "report", "note", "claim", "announce", "confirm", "explain", "stress",
          "insist", "indicate", "assert", "declare", "comment", "write", "acknowledge", "disclose", "reveal"}


def reported(root: Token, forms: dict[int, str]) -> tuple[Token, str]:
    """The clause that states the fact, and the name it is credited to ('' for 'officials said')."""
    clause, speaker = root, ""
    while clause.lemma_ in SPEECH:
        said = next((c for c in clause.children if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}), None)
        if said is None:  # 'was quoted … as saying he was watching'
            saying = next((t for t in clause.subtree if t.dep_ in {"advcl", "pcomp", "xcomp"} and t.lemma_ in SPEECH), None)
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
    if is_person(token):
        return token.text
    if token.ent_iob_ != "O" and token.ent_type_ in {"ORG", "GPE", "NORP"}:  # 'the Bank of Japan said'
        entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
        words = [t.text for t in entity if t.lower_ != "the"]
        return " ".join(words) if len(words) <= 4 else ""
    words = [t for t in token.subtree if (t.dep_ == "compound" and t.head == token) or t == token]
    return " ".join(t.text for t in words if t.pos_ == "PROPN") if len(words) <= 3 else ""
