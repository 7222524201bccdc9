"""Reading raw articles in the seed format."""

import datetime

import pytest

from generator.article import ArticleError, decode, parse_article, read_article
from tests.conftest import SEED


def test_the_seed_article_has_date_caption_credit_and_paragraphs():
    article = read_article(SEED)
    assert article.id == "029c2bff8747e05e"
    assert article.date == datetime.date(2023, 7, 10)
    assert article.image.credit == "Rania Zanoun/EFE"
    assert article.image.caption.startswith("The city of Deir al Zur")
    assert article.paragraphs[0].startswith("The Central Command of the United States")
    assert len(article.paragraphs) == 3
    assert "Photo:" not in article.text


def test_an_article_without_caption_keeps_its_first_paragraph():
    article = parse_article(" date 2020-05-09 On 9 May 2020, nurses held a protest.\n\nSecond paragraph.", "x")
    assert article.image is None
    assert article.paragraphs == ("On 9 May 2020, nurses held a protest.", "Second paragraph.")


def test_a_stray_trailing_year_is_dropped():
    article = parse_article("date 2023-01-02\nThe talks ended.\n\n2023\n", "x")
    assert article.paragraphs == ("The talks ended.",)
    glued = parse_article("date 2023-01-02\nThe talks ended. 2023", "x")
    assert glued.paragraphs == ("The talks ended.",)


def test_a_year_inside_the_text_is_kept():
    article = parse_article("date 2023-01-02\nThe war began in 2011", "x")
    assert article.paragraphs == ("The war began in 2011",)


def test_an_id_is_a_hash_of_the_text_when_the_file_name_has_none():
    one = parse_article("date 2023-01-02\nText.", "article")
    assert len(one.id) == 16 and one.id == parse_article("date 2023-01-02\nText.", "other").id


@pytest.mark.parametrize(
    "text, message",
    [
        ("No date here.", "no date line"),
        ("date 10/07/2023 Text.", "must be YYYY-MM-DD"),
        ("date 2023-02-30 Text.", "not a real calendar date"),
        ("date 2023-02-03", "no text"),
        ("date 2023-02-03 One.\n\ndate 2023-02-04 Two.", "second date line"),
    ],
)
def test_bad_articles_are_refused_with_a_reason(text, message):
    with pytest.raises(ArticleError, match=message):
        parse_article(text, "x")


def test_text_in_other_encodings_and_line_endings_is_read():
    assert decode("date 2023-01-02\r\nCaf\u00e9.".encode("utf-16")) == "date 2023-01-02\nCaf\u00e9."
    assert decode("date 2023-01-02 Caf\u00e9.".encode("latin-1")) == "date 2023-01-02 Caf\u00e9."
    assert decode(b"\xef\xbb\xbfdate 2023-01-02 x") == "date 2023-01-02 x"


def test_binary_data_is_refused():
    with pytest.raises(ArticleError, match="binary"):
        decode(b"\x00\x01\x02date")
