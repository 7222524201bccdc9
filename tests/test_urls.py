"""Slugs and links: short, safe, distinct, relative."""

from hypothesis import given
from hypothesis import strategies as st
from slugify import slugify

from generator.urls import absolute, beside, entry_slug, feed_path, page_file, relative, slug, term_path, timeline_data_path, unique_slugs


def test_slugs_are_ascii_and_short():
    assert slug("Société Générale") == "societe-generale"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert len(slug("x " * 5000)) <= 60


def test_names_that_slugify_alike_get_distinct_slugs():
    slugs = unique_slugs(["Islamic State", "islamic state", "ISLAMIC-STATE"])
    assert len(set(slugs.values())) == 3
    assert slugs["ISLAMIC-STATE"] == "islamic-state"  # first in sorted order keeps the plain slug


def test_a_name_with_nothing_sluggable_still_gets_a_slug():
    assert slug("..").startswith("n-") and slug("") != slug("..")


def test_links_are_relative_and_name_index_files():
    assert relative("actors/x/index.html", "entries/y/") == "../../entries/y/index.html"
    assert relative("index.html", "static/style.css") == "static/style.css"
    assert relative("entries/a/index.html", "") == "../../index.html"


def test_a_terms_page_feed_and_data_share_its_folder_and_link_by_name():
    folder = term_path("actors", "iran")
    page = page_file(folder)
    assert (page, feed_path(folder), timeline_data_path(folder)) == ("actors/iran/index.html", "actors/iran/feed.xml", "actors/iran/timeline.json")
    assert beside(page, feed_path(folder)) == "feed.xml" and relative(page, feed_path()) == "../../feed.xml"
    assert absolute("https://example.org/sub/", folder) == absolute("https://example.org/sub", folder) == "https://example.org/sub/actors/iran/"


def test_entry_slugs_keep_long_file_names_whole_so_ingest_suffixes_tell_them_apart():
    stem = "2020-05-09-looting-on-9-may-2020-opposition-rebels-under-ops-looted"
    assert entry_slug(stem) != entry_slug(stem + "-4f015408")
    assert entry_slug(stem) == stem


@given(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,20}", fullmatch=True))
def test_a_name_that_is_already_a_slug_gets_what_slugify_would_give(name):
    assert slug(name) == (slugify(name, max_length=60, word_boundary=True, save_order=True) or slug(name))
    assert entry_slug(name) == slugify(name, max_length=120, word_boundary=True, save_order=True)
