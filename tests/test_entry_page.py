"""An entry's page: the events before and after it, the events that share its actors and places, its place on a map, each label once."""

import dataclasses
import datetime
import re
from pathlib import Path

from generator.build import build
from generator.check import check
from generator.config import Config, load_config
from generator.contexts import EntryPage, PageSpec
from generator.entry_view import told_once
from generator.index import index
from generator.model import Entry, Image
from generator.plan import entry_keys, plan
from generator.redirects import Redirects
from generator.registry import Record, Registry
from generator.related import RELATED, Neighbours
from generator.render import Renderer
from generator.theme import load_theme
from tests.conftest import write_entry

GENEVA = Record("Geneva", "city", country="Switzerland", lat=46.2, lon=6.15)
REGISTRY = Registry(locations={"Geneva": GENEVA})


def day(n: int) -> datetime.date:
    return datetime.date(2024, 1, 1) + datetime.timedelta(days=n)


def entry(slug: str, n: int, actors: tuple[str, ...] = (), locations: tuple[str, ...] = (), **more: object) -> Entry:
    return Entry(id=slug, title=f"Event {slug}", date=day(n), path=f"2024/{slug}.md", actors=actors, locations=locations, **more)  # type: ignore[arg-type]


TALKS = entry("talks", 10, ("Iran", "United Nations"), ("Geneva",), summary="Talks opened in Geneva.", body="Talks opened in Geneva.\n\nThey went on.")
BEFORE = entry("before", 5, ("Iran",))
AFTER = entry("after", 12, ("Nobody",))
BOTH = entry("both", 30, ("Iran", "United Nations"), ("Geneva",))  # shares three names
NEAR = entry("near", 11, ("United Nations",))  # shares one, a day away
FAR = entry("far", 200, ("Iran",))  # shares one, months away


def site(root: Path, *entries: Entry) -> tuple[Renderer, list[PageSpec]]:
    config = Config(root=root, search=False)
    timeline = index(list(entries), REGISTRY)
    theme, keys = load_theme(config), entry_keys(timeline)
    return Renderer(theme, config, timeline, keys), plan(timeline, theme, config, Redirects(), keys)


def page_of(root: Path, slug: str, *entries: Entry) -> str:
    renderer, specs = site(root, *entries)
    [spec] = [s for s in specs if isinstance(s.context, EntryPage) and s.context.entry.id == slug]
    return renderer.page(spec).data.decode("utf-8")


def test_related_events_share_most_names_first_then_are_nearest_in_date():
    timeline = index([TALKS, BEFORE, AFTER, BOTH, NEAR, FAR], REGISTRY)
    assert [e.id for e in Neighbours(timeline).related(TALKS)] == ["both", "near", "before", "far"]  # never itself, nor 'after' (nothing shared)


def test_previous_and_next_are_the_events_just_before_and_after_in_time():
    timeline = index([TALKS, BEFORE, AFTER, FAR], REGISTRY)
    near = Neighbours(timeline)
    assert (near.previous(TALKS).id, near.next(TALKS).id) == ("before", "after")  # type: ignore[union-attr]
    assert near.previous(BEFORE) is None and near.next(FAR) is None


def test_related_events_are_at_most_a_few_even_for_a_name_thousands_share():
    many = [entry(f"e{n}", n, ("Iran",)) for n in range(3000)]
    timeline = index(many, REGISTRY)
    related = Neighbours(timeline).related(many[1500])
    assert len(related) == RELATED and {e.id for e in related} == {"e1499", "e1501", "e1498", "e1502", "e1497"}


def test_the_page_links_the_previous_next_and_related_events_with_their_dates(tmp_path):
    html = page_of(tmp_path, "talks", TALKS, BEFORE, AFTER, BOTH, NEAR, FAR)
    assert re.search(r'<a class="previous" rel="prev" href="../../entries/before/index.html">.*?<time datetime="2024-01-06">.*?Event before', html)
    assert re.search(r'<a class="next" rel="next" href="../../entries/near/index.html">', html)  # 'near' is a day later: the next event
    related = re.search(r'<section class="related".*?</section>', html, re.S).group(0)  # type: ignore[union-attr]
    assert re.findall(r'href="../../entries/(\w+)/index.html"', related) == ["both", "near", "before", "far"]


def test_each_label_is_given_once(tmp_path):
    html = page_of(tmp_path, "talks", TALKS)
    assert "<dt>Actors</dt>" in html and "Actors:" not in html and "Locations:" not in html


def test_a_summary_the_body_opens_with_is_read_once(tmp_path):
    html = page_of(tmp_path, "talks", TALKS)
    assert html.count("Talks opened in Geneva.") == 2  # the description in <head>, and the lead: not the body's first paragraph too
    assert '<p class="lead">Talks opened in Geneva.</p>' in html and "<p>They went on.</p>" in html


def test_told_once_keeps_the_longer_telling():
    assert told_once("<p>Talks <em>opened</em>.</p>\n<p>More.</p>\n", "Talks opened.") == ("<p>More.</p>\n", True)
    assert told_once("<p>Talks opened in Geneva on Friday.</p>\n", "Talks opened in…") == ("<p>Talks opened in Geneva on Friday.</p>\n", False)
    assert told_once("<p>Something else.</p>\n", "Talks opened.") == ("<p>Something else.</p>\n", True)
    assert told_once("<p>Talks.</p>\n", "") == ("<p>Talks.</p>\n", False)


def test_the_original_is_read_at_its_publisher_and_a_project_file_is_no_source(tmp_path):
    sourced = dataclasses.replace(TALKS, url="https://example.org/talks", publisher="Reuters", source="seeds/2024/talks.txt")
    html = page_of(tmp_path, "talks", sourced)
    assert '<a href="https://example.org/talks" rel="nofollow noopener noreferrer">Read at Reuters</a>' in html
    assert "seeds/" not in html and "<dt>Source</dt>" not in html


def test_the_first_located_place_is_on_a_small_map(tmp_path):
    html = page_of(tmp_path, "talks", TALKS)
    assert '<figure class="locator entry-locator"><svg' in html and 'Where it happened: <a href="../../locations/geneva/index.html">Geneva</a>' in html
    assert "entry-locator" not in page_of(tmp_path, "before", BEFORE)  # no place with coordinates: no map


def test_a_key_event_is_marked_in_words_on_its_page_and_in_lists(tmp_path):
    key = dataclasses.replace(BEFORE, featured=True)
    assert '<p class="key-event">Key event</p>' in page_of(tmp_path, "before", key, TALKS)
    related = page_of(tmp_path, "talks", key, TALKS)
    assert '<li class="featured"><time datetime="2024-01-06">' in related and 'Event before</a> <span class="key-event">Key event</span>' in related
    renderer, specs = site(tmp_path, key, TALKS)
    [actor] = [s for s in specs if s.path == "actors/iran/index.html"]
    listed = renderer.page(actor).data.decode("utf-8")
    assert '<li class="entry featured" id="e-before">' in listed and '<span class="key-event">Key event</span>' in listed


def test_a_web_photo_is_shown_only_with_remote_images(tmp_path):
    photo = dataclasses.replace(TALKS, image=Image("Delegates arrive.", "AP", "https://example.org/lead.jpg"))
    assert "<img" not in page_of(tmp_path, "talks", photo)


def test_a_photo_kept_under_content_is_copied_into_the_site_and_shown_on_the_entry_page(tmp_path):
    (tmp_path / "content/media").mkdir(parents=True)
    (tmp_path / "content/media/quay at dawn.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photo")
    write_entry(tmp_path, "2024/harbour.md", "---\ntitle: Harbour reopens\ndate: 2024-05-02\nimage:\n  src: media/quay at dawn.jpg\n"
                                             "  caption: The quay at dawn\n  credit: A. Reporter\n---\n\nBoats came back.\n")
    config = load_config(tmp_path, search=False)
    build(config)
    assert (config.site / "photos/media/quay at dawn.jpg").read_bytes() == b"\xff\xd8\xff\xe0 a photo"
    page = (config.site / "entries/harbour/index.html").read_text(encoding="utf-8")
    assert '<img src="../../photos/media/quay%20at%20dawn.jpg" alt="The quay at dawn">' in page


def test_a_photo_path_that_leaves_content_or_names_no_file_is_not_copied_and_check_says_why(tmp_path):
    (tmp_path / "secret.jpg").write_bytes(b"not for the site")
    for name, src in (("outside", "../secret.jpg"), ("missing", "media/none.jpg"), ("script", "media/x.svg")):
        write_entry(tmp_path, f"2024/{name}.md", f"---\ntitle: {name}\ndate: 2024-05-02\nimage:\n  src: {src}\n  caption: C\n  credit: D\n---\n\nText.\n")
    config = load_config(tmp_path, search=False)
    build(config)
    assert not (config.site / "photos").exists() and "<img" not in (config.site / "entries/outside/index.html").read_text(encoding="utf-8")
    _, problems = check(config)
    photos = sorted((p.path, p.line, p.message.split(":")[1].strip()) for p in problems if "photo" in p.message)
    assert photos == [("content/2024/missing.md", 4, "there is no such file under content/"),
                      ("content/2024/outside.md", 4, "it must be a .jpg, .jpeg, .png, .webp, .gif, .avif file under content/"),
                      ("content/2024/script.md", 4, "it must be a .jpg, .jpeg, .png, .webp, .gif, .avif file under content/")]


def test_the_timeline_lists_an_entrys_first_five_actors_and_how_many_more_its_page_names(tmp_path):
    actors = [f"Minister {n}" for n in range(1, 8)]
    write_entry(tmp_path, "2024/summit.md", f"---\ntitle: Summit\ndate: 2024-05-02\nactors: [{', '.join(actors)}]\n---\n\nThey met.\n")
    config = load_config(tmp_path, search=False)
    build(config)
    listed = re.search(r'<span class="label">Actors:</span>(.*?)</span>\s*</p>', (config.site / "index.html").read_text(encoding="utf-8"), re.S).group(1)
    assert re.findall(r">(Minister \d)</a>", listed) == actors[:5] and '<span class="more">+2 more</span>' in listed
    page = (config.site / "entries/summit/index.html").read_text(encoding="utf-8")
    assert all(f">{name}</a>" in page for name in actors) and "more</span>" not in page
