"""The kinds of event a lead paragraph reports: its frames (generator/event_frames.py) matched against a taxonomy.

A kind matches a frame by its event words, its causes (weapons, earthquakes), its acts (a verb with its doers or objects) or, weakest,
its topics among the participants; each frame is of one kind at most, its best. The best-scoring kind is the
entry's; a second only when it scores nearly as well. A conflict note's label ('Looting: …') decides alone.
"""

from __future__ import annotations

from spacy.tokens import Doc

from generator.event_frames import Frame, frames
from generator.note_prefix import event_prefix, prefix_end
from generator.taxonomy import Kind, Taxonomy

MAX_KINDS = 2
SECOND = 0.8  # a second kind must score this share of the first's
LEAST = 0.3  # below this nothing is said: a word in passing is no kind of event
CAUSE, LABEL = 3.0, 3.0  # what did the harm (a remote weapon, an earthquake), or the coders' own label, outweighs any act


def kinds_of(lead: Doc, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The entry's tags from its lead: one kind of event usually, two at most, none when none fits; then the note's label."""
    label = event_prefix(lead)
    scores = dict.fromkeys((k.name for k in taxonomy.kinds), 0.0)
    labelled = next((k for k in taxonomy.kinds if label.casefold() in k.prefixes), None) if label else None
    index, kinds = taxonomy.index, taxonomy.kinds
    for frame in frames(lead, prefix_end(lead), taxonomy):
        candidates = {k for slot in (frame.names, frame.doers, frame.objects, frame.means, frame.topics) for w in slot for k in index.get(w, ())}
        best, strength = None, 0.0
        for position in sorted(candidates):  # one event, one kind: the frame's best, the earliest of equals
            if (this := _strength(kinds[position], frame)) > strength:
                best, strength = kinds[position], this
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


def _strength(kind: Kind, frame: Frame) -> float:
    """How well `kind` matches one frame: 3 for a cause, 1 for an event word, 1 more per act slot matched, 0.4 for a topic."""
    strength = 0.0
    if hits := frame.names & kind.events:
        strength = 1.0 + 0.25 * (max(len(h.split()) for h in hits) - 1)
    if kind.causes and ((frame.doers | frame.means) & kind.causes or (named := frame.names & kind.causes) and (frame.central or named & kind.events)):
        return CAUSE  # the harm's doer or means; or the event itself, as its subject or as a word that is both ('shelled')
    for act in kind.acts:
        if frame.names & act.verbs and (not act.doers or frame.doers & act.doers) and (not act.objects or frame.objects & act.objects):
            strength = max(strength, 1.0 + bool(act.doers) + bool(act.objects))
    if not strength and frame.topics & kind.topics:
        strength = 0.4
    return strength
