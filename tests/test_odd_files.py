"""Broken and odd files: each gets a message naming it, the rest of the run goes on, memory stays bounded;
and no bytes or text at all make the article parser or the front-matter loader fail otherwise."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.article import ArticleError, decode, parse_article
from generator.build import build
from generator.config import load_config
from generator.extract import base_registry
from generator.extract.entities import parse_lead, pipeline
from generator.extract.places import gazetteer
from generator.errors import TimelineError
from generator.frontmatter import FrontMatterError, parse
from generator.ingest import ingest
from generator.load import load_entry
from tests.conftest import SEED, write_entry

GOOD = SEED.read_bytes()
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8))


ARTICLES = {  # file name -> (bytes, what the message says)
    "empty.txt": (b"", "no date line"),
    "garbage.bin.txt": (bytes(range(256)) * 40, "binary"),
    "latin1.txt": (" date 2023-07-10 \nLe président a parlé à Genève des négociations. Les délégations étaient présentes.\n".encode("latin-1"), None),
    "utf16.txt": ("\ufeff date 2023-07-10 \r\nThe talks in Geneva ended on Monday, officials said after the meeting.\r\n".encode("utf-16-le"), None),
    "windows.txt": (GOOD.replace(b"\n", b"\r\n"), None),
    "feb30.txt": (b" date 2023-02-30 \nText of the article.\n", "not a real calendar date"),
    "slashes.txt": (b" date 10/07/2023 \nText of the article.\n", "YYYY-MM-DD"),
    "two-dates.txt": (b" date 2023-07-10 \nFirst part.\n\n date 2023-07-11 \nSecond part.\n", "date"),
}


def test_odd_articles_each_get_a_message_naming_them_and_the_rest_are_ingested(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name, (data, _) in ARTICLES.items():
        (tmp_path / "seeds" / name).write_bytes(data)
    with open(tmp_path / "seeds/huge.txt", "wb") as huge:  # 50 MB: refused before it is read
        huge.truncate(50_000_000)
    said: list[str] = []
    config = load_config(tmp_path)
    pipeline(config.spacy_model), parse_lead("Loaded before memory is counted.", config.spacy_model), gazetteer(), base_registry()
    tracemalloc.start()
    try:
        report = ingest(config, say=said.append)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    for name, (_, message) in ARTICLES.items():
        lines = [line for line in said if line.startswith(f"seeds/{name}")]
        if message is None:
            assert lines == [], lines
        else:
            assert lines and message in lines[0], (name, said)
    assert any(line.startswith("seeds/huge.txt") and "larger than" in line for line in said)
    assert sorted(Path(path).name for path in report.failed) == sorted([*(n for n, (_, m) in ARTICLES.items() if m), "huge.txt"])
    assert len(list((tmp_path / "content").rglob("*.md"))) == 3  # Latin-1, UTF-16 and Windows line endings are read
    # bytes this ingest allocated at most: below the 50 MB file, so it was never read whole (the word lists that headlines
    # and dates load on first use take 20 MB of it when no test before this one loaded them)
    assert peak < 45_000_000


ENTRIES = {  # file under content/ -> (text, line, what the message says)
    "empty.md": ("", 1, "must start with a '---' line"),
    "list.md": ("---\n- a\n- b\n---\n", 2, "not a list"),
    "string.md": ("---\njust a string\n---\n", 2, "not a single value"),
    "bomb.md": (f"---\ntitle: x\ndate: 2024-01-01\n{BOMB}---\n", None, "anchors and aliases"),
    "deep.md": ("---\n" + "".join(" " * i + "a:\n" for i in range(400)) + "---\n", 2, "nested too deeply"),
    "deep-flow.md": ("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n", 2, "nesting depth"),
    "feb30.md": ("---\ntitle: x\ndate: 2023-02-30\n---\n", 3, "not a real calendar date"),
    "slashes.md": ("---\ntitle: x\ndate: 10/07/2023\n---\n", 3, "YYYY-MM-DD"),
}


def test_odd_entries_each_get_a_message_with_file_and_line_and_every_one_is_reported(tmp_path):
    write_entry(tmp_path, "good.md", "---\ntitle: Fine\ndate: 2024-01-01\n---\n\nText.\n")
    for name, (text, _, _) in ENTRIES.items():
        write_entry(tmp_path, name, text)
    (tmp_path / "content/binary.md").write_bytes(bytes(range(256)))
    (tmp_path / "content/utf16.md").write_bytes("---\ntitle: x\n---\n".encode("utf-16"))
    (tmp_path / "content/crlf.md").write_bytes(b"---\r\ntitle: Windows\r\ndate: 2024-01-02\r\n---\r\n\r\nText.\r\n")
    with pytest.raises(TimelineError) as caught:
        build(load_config(tmp_path, search=False))
    shown = caught.value.format_message()
    for name, (_, line, message) in ENTRIES.items():
        place = f"content/{name}:{line}:" if line else f"content/{name}"
        found = [row for row in shown.splitlines() if row.startswith(place)]
        assert found and message in found[0], (name, shown)
    assert "content/binary.md: not UTF-8 text" in shown and "content/utf16.md: not UTF-8 text" in shown
    assert "crlf.md" not in shown and "good.md" not in shown and not (tmp_path / "site").exists()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_are_an_article_or_a_reported_problem(data):
    try:
        article = parse_article(decode(data), "file")
    except ArticleError as error:
        assert str(error)
    else:  # some text, in paragraphs spaced as one line each
        assert article.paragraphs and all(p and p == " ".join(p.split()) for p in article.paragraphs)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_is_an_article_or_a_reported_problem(text):
    try:
        parse_article(text, "file")
    except ArticleError as error:
        assert str(error)


YAMLISH = st.lists(st.sampled_from([*"-:[]{}&*!|>'\"#%@`,? \n\tabc01", "---\n", "\n  ", "date: ", "title: ", "2024-02-30"]), max_size=120).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(YAMLISH.map(lambda y: f"---\n{y}\n---\nbody"), st.text(max_size=1000)))
def test_any_text_is_front_matter_or_a_reported_problem(text):
    try:
        document = parse(text)
    except FrontMatterError as error:
        assert str(error) and (error.line is None or error.line >= 1)
    else:
        assert isinstance(document.meta, dict)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=2000), YAMLISH.map(lambda y: f"---\n{y}\n---\n".encode())))
def test_any_bytes_in_an_entry_file_are_an_entry_or_reported_problems(tmp_path, data):
    path = tmp_path / "entry.md"
    path.write_bytes(data)
    result = load_entry(path, "entry.md", "content/entry.md")
    if isinstance(result, list):
        assert result and all(problem.path == "content/entry.md" and problem.message for problem in result)
