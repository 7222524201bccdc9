"""The kinds of event ingest tags entries with: generator/data/event_kinds.yml, changed by a project's content/tags.yml."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from generator.errors import Problem, TimelineError
from generator.frontmatter import TextLoader

SHIPPED = Path(__file__).resolve().parent / "data" / "event_kinds.yml"
PROJECT_FILE = "tags.yml"  # in content/, beside the registry
WORD_LISTS = ("prefixes", "events", "causes", "topics")
ACT_KEYS = ("verbs", "doers", "objects")
_YES, _NO = frozenset({"yes", "true", "on"}), frozenset({"no", "false", "off"})


@dataclass(frozen=True)
class Act:
    """A verb with who does it and what it is done to; an empty list matches anyone."""

    verbs: frozenset[str]
    doers: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Kind:
    """One kind of event, the tag it gives, and the words of the parse that say an event is of it."""

    name: str
    prefixes: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    causes: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    acts: tuple[Act, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """The kinds in the order that breaks ties, earliest first."""

    kinds: tuple[Kind, ...]
    nouns: frozenset[str] = field(init=False)  # every word that names an event or its cause: such a noun is an event of its own
    words: dict[str, frozenset[str]] = field(init=False)  # each kind's words of every sort
    index: dict[str, frozenset[int]] = field(init=False)  # each word: the kinds (by position) that have it
    heads: frozenset[str] = field(init=False)  # the word a phrase of several ends in, or has before 'of': the others are single words
    known: frozenset[str] = field(init=False)  # the single words and the heads: a word that is neither can match nothing

    def __post_init__(self) -> None:
        object.__setattr__(self, "nouns", frozenset().union(*(k.events | k.causes for k in self.kinds)))
        object.__setattr__(self, "words", {k.name: k.events | k.causes | k.topics | frozenset().union(*(a.verbs | a.doers | a.objects for a in k.acts))
                                           for k in self.kinds})
        index: dict[str, set[int]] = {}
        for position, kind in enumerate(self.kinds):
            for word in self.words[kind.name]:
                index.setdefault(word, set()).add(position)
        object.__setattr__(self, "index", {word: frozenset(kinds) for word, kinds in index.items()})
        phrases = [w for words in self.words.values() for w in words if " " in w or "-" in w]
        object.__setattr__(self, "heads", frozenset(re.split(r"[ -]", w.split(" of ")[0] if " of " in w else w)[-1] for w in phrases))
        object.__setattr__(self, "known", self.heads | frozenset(index))


@dataclass
class _Read:
    """One taxonomy file as written, before the shipped one and the project's are merged."""

    path: str  # as the user sees it
    shipped: bool = True  # whether the shipped kinds are kept
    words: dict[str, list[tuple[str, int]]] | None = None
    kinds: dict[str, dict[str, list] | None] | None = None  # None: the kind is dropped


def load_taxonomy(content: Path) -> Taxonomy:
    """The shipped kinds with content/tags.yml's changes; raises TimelineError naming the file and line of every problem."""
    taxonomy, problems = _load(content)
    if problems:
        problems.sort(key=lambda p: (p.path, p.line or 0))
        raise TimelineError(f"{problems[0].path}: fix the kinds of event above", tuple(problems))
    return taxonomy


def taxonomy_problems(content: Path) -> list[Problem]:
    """Every problem in the taxonomy files, for `timeline check`."""
    return _load(content)[1]


@cache
def shipped_taxonomy() -> Taxonomy:
    """The kinds as shipped, for callers with no project."""
    return _merged([_read(SHIPPED, "generator/data/event_kinds.yml", [])], [])


def _load(content: Path) -> tuple[Taxonomy, list[Problem]]:
    problems: list[Problem] = []
    files = [_read(SHIPPED, "generator/data/event_kinds.yml", problems)]
    if (content / PROJECT_FILE).is_file():
        files.append(_read(content / PROJECT_FILE, f"{content.name}/{PROJECT_FILE}", problems))
    return _merged(files, problems), problems


def _merged(files: list[_Read], problems: list[Problem]) -> Taxonomy:
    """The kinds of the files in order: a later file's kind replaces the one of that name, and its word lists too."""
    words: dict[str, list[tuple[str, int]]] = {}
    kinds: dict[str, tuple[str, dict[str, list] | None]] = {}
    for read in files:
        if not read.shipped:
            words, kinds = {}, {}
        words.update(read.words or {})
        kinds.update((name, (read.path, fields)) for name, fields in (read.kinds or {}).items())

    def expand(path: str, items: list[tuple[str, int]]) -> frozenset[str]:
        found: set[str] = set()
        for word, line in items:
            if word.startswith("$"):
                if word[1:] in words:
                    found.update(w for w, _ in words[word[1:]])
                else:
                    problems.append(Problem(path, line, f"no word list '{word[1:]}'", f"known: {', '.join(sorted(words)) or 'none'}"))
            else:
                found.add(word)
        return frozenset(found)

    made = []
    for name, (path, fields) in kinds.items():
        if fields is None:
            continue
        acts = tuple(Act(*(expand(path, act.get(key, [])) for key in ACT_KEYS)) for act in fields.get("acts", []))
        made.append(Kind(name, *(expand(path, fields.get(key, [])) for key in WORD_LISTS), acts=acts))
    return Taxonomy(tuple(made))


def _read(path: Path, shown: str, problems: list[Problem]) -> _Read:
    """One taxonomy file; what is wrong in it goes to `problems`, and the rest is kept."""
    read = _Read(shown)
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(shown, None, f"cannot read the kinds of event ({error})"))
        return read
    loader = TextLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problems.append(Problem(shown, mark.line + 1 if mark else None, f"YAML syntax error: {error.problem or error.context}"))
        return read
    except yaml.YAMLError as error:
        problems.append(Problem(shown, None, f"YAML error: {error}"))
        return read
    finally:
        loader.dispose()
    if root is None:
        return read
    say = _Teller(shown, problems)
    for key, value in say.mapping(root, "the file", ("shipped", "words", "kinds")):
        if key == "shipped":
            read.shipped = say.flag(value, "'shipped'")
        elif key == "words":
            read.words = {name: say.words(items, f"word list '{name}'") for name, items in say.mapping(value, "'words'")}
        else:
            read.kinds = {name: _kind(say, name, fields) for name, fields in say.mapping(value, "'kinds'")}
    return read


def _kind(say: _Teller, name: str, node: yaml.Node) -> dict[str, list] | None:
    """A kind's word lists (acts as lists of dicts), or None for a kind switched off."""
    if isinstance(node, yaml.ScalarNode) and node.value.casefold() in _NO:
        return None
    fields: dict[str, list] = {}
    before = len(say.problems)
    for key, value in say.mapping(node, f"kind '{name}'", (*WORD_LISTS, "acts"), f"or '{name}: off' to drop the kind"):
        if key == "acts":
            fields["acts"] = [_act(say, name, act) for act in say.sequence(value, f"'{name}' acts")]
        else:
            fields[key] = say.words(value, f"'{name}' {key}")
    if not any(fields.values()) and isinstance(node, yaml.MappingNode) and len(say.problems) == before:
        say.problem(node, f"kind '{name}' has nothing to match", f"give it some of: {', '.join((*WORD_LISTS, 'acts'))}; or write '{name}: off' to drop it")
    return fields


def _act(say: _Teller, name: str, node: yaml.Node) -> dict[str, list]:
    act = {key: say.words(value, f"'{name}' act {key}") for key, value in say.mapping(node, f"an act of '{name}'", ACT_KEYS)}
    if not act.get("verbs"):
        say.problem(node, f"an act of '{name}' has no verbs", "every act needs `verbs: [...]`; `doers` and `objects` are optional")
    return act


@dataclass
class _Teller:
    """Reads the nodes of one file, telling `problems` of each that is not what it should be, with its line."""

    path: str
    problems: list[Problem]

    def problem(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, message, hint))

    def mapping(self, node: yaml.Node, what: str, keys: tuple[str, ...] = (), otherwise: str = "") -> Iterator[tuple[str, yaml.Node]]:
        """The (key, value) pairs of a mapping, once each; with `keys`, only those keys."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of names to values", otherwise)
            return
        seen: dict[str, int] = {}
        for key_node, value in node.value:
            key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else ""
            if not key:
                self.problem(key_node, f"{what}: a key must be a name")
            elif key in seen:
                self.problem(key_node, f"{what}: '{key}' is given twice (first on line {seen[key]})")
            elif keys and key not in keys:
                close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
                self.problem(key_node, f"{what}: unknown key '{key}'", f"did you mean '{close[0]}'?" if close else f"known: {', '.join(keys)}")
            else:
                seen[key] = key_node.start_mark.line + 1
                yield key, value

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list")
            return []
        return node.value

    def words(self, node: yaml.Node, what: str) -> list[tuple[str, int]]:
        """The words of a list, folded as the matcher folds lemmas, each with its line."""
        found = []
        for item in self.sequence(node, what):
            if isinstance(item, yaml.ScalarNode) and str(item.value).strip():
                found.append((" ".join(str(item.value).casefold().split()), item.start_mark.line + 1))
            else:
                self.problem(item, f"{what}: each item must be a word or phrase")
        return found

    def flag(self, node: yaml.Node, what: str) -> bool:
        value = node.value.casefold() if isinstance(node, yaml.ScalarNode) else ""
        if value not in _YES | _NO:
            self.problem(node, f"{what} must be yes or no")
        return value not in _NO
