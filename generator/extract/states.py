"""States as actors: agentive demonyms ("Russian planes"), capitals for governments, countries that act."""

from __future__ import annotations

import re

# nouns after a demonym or a country's name that make the state the one acting
AGENTS = (
    "government", "governments", "administration", "authorities", "officials", "official", "forces", "force", "troops",
    "army", "navy", "air force", "military", "regime", "planes", "jets", "warplanes", "aircraft", "drones", "warships",
    "destroyers", "ships", "soldiers", "police", "ministry", "diplomats", "negotiators", "delegation", "subsidies",
    "sanctions", "raid", "raids", "attack", "attacks", "strike", "strikes", "airstrikes", "criticism", "pressure",
    "plans", "plan", "calls", "proposal", "proposals", "offer", "demands", "policy", "decision", "intervention", "shelling",
    "artillery", "sniper", "military presence", "interests", "embassy", "leaders", "leadership", "and allied forces",
    "confirmation", "commitment", "determination", "representatives", "delegates",
)
_AGENT = re.compile(r"\A\s+(?:joint\s+)?(?:" + "|".join(sorted(map(re.escape, AGENTS), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_ACTS = re.compile(
    r"\A(?:['’]s)?\s+(?:would|will|could|should|must|may|might|can|cannot|has|have|had|did|does|only)\b|\A(?:['’]s)?\s+(?:(?:has|have|had|is|was|were|will|would|could|should|may|might|must|can|cannot|did|does|do|also|"
    r"not|then|now|already|still|has\s+said)\s+)*(?:said|says|say|told|agreed|agrees|plans|planned|wants|wanted|asked|"
    r"urged|warned|denied|denounced|accused|announced|raised|cut|imposed|rejected|refused|considered|considers|"
    r"insisted|threatened|launched|leads|led|signed|offered|proposed|demanded|claimed|sent|granted|grant|"
    r"advocates|preparing|prepares|seeking|seeks|expects|expected|intends|retaliate\w*|consider|block\w*|"
    r"[a-z]+ed\s+(?:to|that|the|its|a|an)\b)",
    re.IGNORECASE,
)
_TARGET = re.compile(r"(?:\bfrom|\bagainst|\bwith|\bby|\bon|\bcriticism of|\bpressure on|\btalks with|\bdemands of|\bto)\s+(?:the\s+)?\Z", re.IGNORECASE)
_POSSESSED = re.compile(r"\A['’]s\s+(?:own\s+)?(?:" + "|".join(map(re.escape, AGENTS)) + r"|minister|ministers|national oil company|budget|central bank|position|stance|offer|move|response|retaliatory|threat)\b", re.IGNORECASE)


_OF_AGENT = re.compile(r"\b(?:representatives|delegates|delegations?|officials|leaders|governments?|determination|commitment|decision|"
                       r"position|support|proposals?|demands)\s+of\s+(?:the\s+)?\Z", re.IGNORECASE)
_NAME = r"(?:[Tt]he\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}"
_AND = r"(?:and|And|AND)"
_LIST_AFTER = re.compile(rf"\A(?:,\s+{_NAME})*,?\s+{_AND}\s+{_NAME}")  # ", the Soviet Union and Japan"
_LIST_BEFORE = re.compile(rf"(?:{_NAME}(?:,\s+|,?\s+{_AND}\s+))+\Z")  # "the U.S., The Soviet Union and "
_LOCATIVE = re.compile(r"\b(?:in|at|across|throughout|inside|within|over|around)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}(?:and\s+)?(?:the\s+)?\Z")


def acts(text: str, start: int, end: int) -> bool:
    """True when the state named at text[start:end] acts or is acted upon, not when it is a mere place; states in a list act together."""
    after, before = text[end : end + 120], text[max(0, start - 80) : start]
    if _LOCATIVE.search(before):
        return False  # "forces in Syria and Iraq will continue": a place, whatever follows
    if _acts_here(after, before):
        return True
    listed_after, listed_before = _LIST_AFTER.match(after), _LIST_BEFORE.search(before)
    return bool(listed_after and _acts_here(after[listed_after.end() :], "") or listed_before and _acts_here("", before[: listed_before.start()]))


def _acts_here(after: str, before: str) -> bool:
    """True when the words right after or before a state's name make it act."""
    return bool(after and (_AGENT.match(after) or _ACTS.match(after) or _POSSESSED.match(after))
                or before and (_TARGET.search(before) or _OF_AGENT.search(before)))


# words that follow a country's name as a mere attribute ("U.S. Economy"): the state neither acts nor is a body here
ATTRIBUTES = {"economy", "economic", "investments", "investment", "treasury", "market", "markets", "trade", "deficit",
              "deficits", "fusion", "dollar", "interests", "prices", "stocks", "shares", "bonds"}


def agentive(text: str, end: int) -> bool:
    """True when the demonym ending at `end` describes a state's agents ("Russian planes")."""
    return bool(_AGENT.match(text[end : end + 40]))


def speaks_for_government(text: str, start: int, end: int) -> bool:
    """True when a capital stands for its government ("Washington said", "offer Moscow")."""
    after, before = text[end : end + 60], text[max(0, start - 30) : start]
    if re.match(r"\A,\s+[A-Z][a-z]{2}\s+\d", after):
        return False  # a dateline
    return bool(_ACTS.match(after) or re.search(r"\b(?:offer|offered|urged|told|pressure on|talks with)\s+\Z", before))
