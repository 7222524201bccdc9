"""Entry files: YAML front matter and a Markdown body, read and written without surprises."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.frontmatter import FrontMatterError, dump, parse

TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00\ufeff"), max_size=40)


def test_values_that_look_like_other_types_stay_text():
    meta = {"title": "Yes: a #title", "date": datetime.date(2023, 7, 10), "actors": ["NO", "On", "null", "1984", "Исламское государство"]}
    assert parse(dump(meta, "Body.")).meta == meta


@pytest.mark.parametrize("title", ["Talks: day two", "Strike #3", "*Breaking* news", "'Quoted' start", '"Double" start', "- dash", "null", "2023-07-10"])
def test_awkward_titles_and_names_are_read_back_exactly(title):
    meta = {"title": title, "date": datetime.date(2023, 7, 10), "locations": ["NO", "Norway", "دير الزور"], "actors": ["Yes", "On", "1984"]}
    assert parse(dump(meta, "")).meta == meta


def test_each_key_knows_its_line():
    document = parse("---\ntitle: A\n\ndate: 2023-01-02\n---\nBody\n")
    assert document.lines == {"title": 2, "date": 4}
    assert document.body == "Body\n"


def test_dumping_an_unchanged_document_gives_the_same_bytes():
    text = dump({"id": "a", "title": "T", "date": datetime.date(2020, 1, 1), "actors": ["X"]}, "Body text.")
    document = parse(text)
    assert dump(document.meta, document.body) == text


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("title: A\n", 1, "must start with a '---' line"),
        ("---\ntitle: A\n", 1, "not closed"),
        ("---\ntitle: A\ndate: [2023\n---\n", 3, "YAML syntax error"),  # where the list opens
        ("---\n- a list\n---\n", 2, "not a list"),
        ("---\njust text\n---\n", 2, "not a single value"),
        ("---\ntitle: A\ntitle: B\n---\n", 3, "given twice"),
        ("---\na: &x [1]\nb: *x\n---\n", 2, "aliases"),
    ],
)
def test_broken_front_matter_names_the_line(text, line, message):
    with pytest.raises(FrontMatterError, match=message) as caught:
        parse(text)
    assert caught.value.line == line


@given(title=TEXT.filter(str.strip), names=st.lists(TEXT, max_size=4), body=TEXT)
def test_any_text_round_trips(title, names, body):
    meta = {"title": title, "date": datetime.date(2001, 2, 3), "actors": names}
    text = dump(meta, body)
    document = parse(text)
    assert document.meta == meta
    assert dump(document.meta, document.body) == text  # loading then saving rewrites the same bytes
    assert document.body.strip("\n") == body.strip("\n").replace("\r\n", "\n") or "\r" in body


def test_a_date_that_is_not_on_the_calendar_stays_text_for_validation_to_explain():
    assert parse("---\ndate: 2023-02-30\n---\n").meta == {"date": "2023-02-30"}
