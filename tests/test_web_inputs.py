"""Ingest reads the web: saved pages, URLs, RSS and Atom feeds and exports, one entry per story, from a local web server."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import Config, load_config
from generator.errors import TimelineError
from generator.fetch import Fetcher
from generator.frontmatter import Document, parse
import generator.ingest
from generator.ingest import IngestReport, ingest
from generator.saved_pages import saved_path
from tests.web_server import Reply, WebServer, serving, web_server  # noqa: F401 - a fixture

BARRIER = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Flood barrier opens on the Thames estuary | Riverside Courier</title>
  <meta name="author" content="Helen Marsh">
  <meta property="og:site_name" content="Riverside Courier">
  <meta property="og:title" content="Flood barrier opens on the Thames estuary">
  <meta property="article:published_time" content="2024-03-05T10:00:00Z">
  <link rel="canonical" href="https://www.riversidecourier.co.uk/news/2024/03/05/flood-barrier-opens">
</head>
<body>
  <header>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World desk</a></li><li><a href="/sport">Sport pages</a></li>
    <li><a href="/subscribe">Subscribe for unlimited access</a></li></ul></nav>
  </header>
  <main>
    <article>
      <h1>Flood barrier opens on the Thames estuary</h1>
      <p>Engineers closed the new tidal barrier at Gravesend for the first time on Tuesday, as a spring tide and a
      strong easterly wind pushed water up the Thames estuary towards London.</p>
      <p>The Environment Agency said the gates, which took six years to build, held back a surge of nearly two metres
      and protected about 40,000 homes on both banks of the river.</p>
      <h2>Years of delays</h2>
      <p>The project was first proposed in 2011 but stalled twice over its cost, which rose from 600 million pounds to
      more than 1.1 billion. Local councils in Kent and Essex paid a share of the final bill.</p>
      <p>Residents of the riverside villages had waited a long time. Several streets in Northfleet were flooded in the
      winter of 2013, and many families there still pay high insurance premiums.</p>
      <ul>
        <li>Six steel gates, each weighing 3,000 tonnes</li>
        <li>A closing time of under ninety minutes</li>
        <li>Designed to last until the end of the century</li>
      </ul>
      <blockquote><p>Today the barrier did exactly what it was built to do, and nobody had to leave their home.</p></blockquote>
      <p>The agency expects to close the gates up to ten times a year as sea levels rise, and will review its
      forecasts for the estuary every five years, according to its <a href="/reports/estuary-plan">published plan</a>.</p>
    </article>
    <aside class="related">
      <h3>Related stories</h3>
      <ul><li><a href="/news/ferry">Ferry strike enters its third week</a></li>
      <li><a href="/news/harbour">Council approves new harbour car park</a></li></ul>
    </aside>
    <section id="comments" class="comments">
      <h3>Comments</h3>
      <div class="comment"><p>Great news for the village, about time too, my cellar has flooded four winters running.</p></div>
    </section>
  </main>
  <footer><p>Copyright 2024 Riverside Courier Media Group. All rights reserved. Contact the newsroom.</p></footer>
</body>
</html>
"""

FERRY = ("Ferry strike enters its third week", [
    "Crews on the Solent ferries stayed off work for a third week after talks between the union and the operator broke "
    "down over pay.",
    "The operator said it had offered a rise of five per cent, which the union called an insult given the cost of living "
    "on the Isle of Wight. Passengers queued for hours at Portsmouth for the few sailings still running, and hauliers "
    "warned that deliveries to the island's supermarkets would be disrupted."])
HARBOUR = ("Council approves new harbour car park", [
    "Councillors in Whitby voted by nine to four to build a 300-space car park beside the harbour, ending a dispute that "
    "has divided the town for two years.",
    "Supporters said visitors had nowhere to leave their cars in summer, while opponents argued the site should stay a "
    "fishing quay. Work is due to start in the autumn and will cost about four million pounds."])
RAIL = ("Rail line reopens after landslip", [
    "Trains ran again between Exeter and Plymouth five weeks after a landslip buried the track near Dawlish under "
    "thousands of tonnes of mud and rock.",
    "Network Rail said engineers had worked day and night to stabilise the cliff and lay new rails. Commuters welcomed "
    "the return of direct services, which had been replaced by buses that added an hour to each journey."])
LIBRARY = ("Central library to open on Sundays", [
    "The central library in Norwich will open on Sundays from next month for the first time in its history, the county "
    "council said.",
    "The change follows a campaign by students and parents who said they had nowhere quiet to study at weekends. Extra "
    "staff will be paid from the library's own budget, and visitor numbers will be reviewed after six months."])
HOSPITAL = ("Hospital opens new cancer wing", [
    "A new cancer treatment wing opened at the Royal Infirmary in Leeds, with two radiotherapy machines and forty beds "
    "for patients.",
    "Hospital managers said the unit would cut waiting times for treatment by up to three weeks. The building was paid "
    "for partly by a local charity, which raised six million pounds over four years through walks and concerts."])

GREVE = """<html lang="fr"><head><title>Grève des contrôleurs aériens à Marseille</title>
<meta property="article:published_time" content="2024-04-02T08:00:00+02:00"></head>
<body><article><h1>Grève des contrôleurs aériens à Marseille</h1>
<p>Des centaines de vols ont été annulés mardi à l'aéroport de Marseille-Provence, où les contrôleurs aériens ont
cessé le travail pour protester contre une réforme de leurs horaires.</p>
<p>La direction générale de l'aviation civile a demandé aux compagnies de réduire leurs programmes de moitié jusqu'à
jeudi. Les voyageurs ont été invités à vérifier l'état de leur vol avant de se rendre à l'aéroport.</p>
<p>Selon le principal syndicat de la profession, la réforme allongerait les journées de travail sans embauches
nouvelles, alors que le trafic aérien a retrouvé son niveau d'avant la pandémie. Le ministre des transports a
promis de recevoir les représentants du personnel dans les prochains jours.</p>
</article></body></html>
"""

INDEX = """<html><head><title>World news | Riverside Courier</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<main><h1>World news</h1>
<ul class="headlines">
<li><a href="/news/ferry">Ferry strike enters its third week</a></li>
<li><a href="/news/harbour">Council approves new harbour car park</a></li>
<li><a href="/news/rail">Rail line reopens after landslip</a></li>
<li><a href="/news/library">Central library to open on Sundays</a></li>
</ul>
<p>Updated every hour.</p></main>
<footer>Copyright 2024 Riverside Courier</footer></body></html>
"""


def page(story: tuple[str, list[str]], date: str | None = "2024-03-06", canonical: str = "") -> bytes:
    """A news page holding `story` (a headline and its paragraphs), with the site's navigation and footer around it."""
    headline, paragraphs = story
    meta = f'<meta property="article:published_time" content="{date}T07:30:00Z">' if date else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    text = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><title>{headline}</title>{meta}{link}</head><body>'
            '<nav><a href="/">Home</a> <a href="/local">Local news</a></nav>'
            f"<article><h1>{headline}</h1>\n{text}</article>"
            "<footer>Copyright 2024 Coastal Gazette</footer></body></html>").encode("utf-8")


def project(tmp_path: Path, settings: str = "") -> Config:
    """A project with an empty seeds/ that fetches without pausing between requests."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "timeline.toml").write_text(f"fetch_delay = 0\n{settings}", encoding="utf-8")
    return load_config(tmp_path)


def run(config: Config, *paths: Path | str, refresh: bool = False) -> tuple[IngestReport, list[str]]:
    """Ingests `paths` (by default seeds/): the report, and the lines said."""
    said: list[str] = []
    return ingest(config, paths, say=said.append, progress=io.StringIO(), refresh=refresh), said


def entries(config: Config) -> dict[str, Document]:
    """Every entry under content/, by its title."""
    documents = [parse(path.read_text(encoding="utf-8")) for path in sorted(config.content.glob("*/*.md"))]
    return {document.meta["title"]: document for document in documents}


def published(document: Document) -> str:
    """The article's own date: an entry's date is the day its lead's event happened, `published` the article's when it differs."""
    return str(document.meta.get("published", document.meta["date"]))


# --- saved pages ---


def test_a_saved_page_becomes_an_entry_of_its_article_alone(tmp_path):
    config = project(tmp_path)
    (config.seeds / "barrier.html").write_text(BARRIER, encoding="utf-8")
    report, said = run(config)
    assert report.summary() == "ingested 1, unchanged 0, failed 0" and said == []
    [entry] = entries(config).values()
    assert entry.meta["title"] == "Flood barrier opens on the Thames estuary"
    assert published(entry) == "2024-03-05"
    assert (entry.meta["author"], entry.meta["publisher"]) == ("Helen Marsh", "Riverside Courier")
    assert entry.meta["source"] == "seeds/barrier.html"
    assert entry.meta["url"] == "https://www.riversidecourier.co.uk/news/2024/03/05/flood-barrier-opens"
    assert entry.meta["lang"] == "en"
    assert entry.body.startswith("Engineers closed the new tidal barrier at Gravesend for the first time on Tuesday, as a "
                                 "spring tide and a strong easterly wind pushed water up the Thames estuary towards London.\n\n")
    assert "\n\n## Years of delays\n\n" in entry.body
    assert ("\n\n- Six steel gates, each weighing 3,000 tonnes\n- A closing time of under ninety minutes\n"
            "- Designed to last until the end of the century\n\n") in entry.body
    assert "\n\n> Today the barrier did exactly what it was built to do, and nobody had to leave their home.\n\n" in entry.body
    assert entry.body.endswith("\n\nThe agency expects to close the gates up to ten times a year as sea levels rise, and will "
                               "review its forecasts for the estuary every five years, according to its [published plan]"
                               "(https://www.riversidecourier.co.uk/reports/estuary-plan).\n")
    for elsewhere in ("World desk", "Subscribe", "Related stories", "Ferry strike", "cellar", "Comments", "Copyright",
                      "All rights reserved", "Flood barrier opens"):
        assert elsewhere not in entry.body


# --- URLs ---


def test_a_fetched_page_is_saved_and_read_from_its_copy_until_refreshed(tmp_path, web_server):
    config = project(tmp_path)
    url = web_server.url("/news/ferry")
    web_server.route("/news/ferry", Reply(body=page(FERRY)))
    report, said = run(config, url)
    assert report.summary() == "ingested 1, unchanged 0, failed 0" and said == []
    [entry] = entries(config).values()
    assert entry.meta["source"] == url and "url" not in entry.meta
    assert (entry.meta["title"], published(entry)) == ("Ferry strike enters its third week", "2024-03-06")
    assert saved_path(config.seeds / "web", url).read_bytes() == page(FERRY)

    web_server.route("/news/ferry", Reply(500))
    assert run(config, url) == (IngestReport(unchanged=[entry.meta["id"]]), [])
    assert run(config) == (IngestReport(unchanged=[entry.meta["id"]]), [])  # seeds/web/ holds the copy, which stands for the URL
    assert web_server.asked("/news/ferry") == 1

    settled = (FERRY[0], [*FERRY[1], "Late on Friday the union accepted a rise of six per cent and crews returned to work."])
    web_server.route("/news/ferry", Reply(body=page(settled)))
    report, said = run(config, url, refresh=True)
    assert report.summary() == "ingested 1, unchanged 0, failed 0" and said == []
    assert web_server.asked("/news/ferry") == 2
    [entry] = entries(config).values()
    assert entry.body.endswith("Late on Friday the union accepted a rise of six per cent and crews returned to work.\n")


def test_a_page_that_cannot_be_had_is_named_with_the_reason_and_the_rest_go_in(tmp_path, web_server):
    config = project(tmp_path)
    web_server.route("/reports/annual.pdf", Reply(body=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", content_type="application/pdf"))
    web_server.route("/news/harbour", Reply(body=page(HARBOUR)))
    gone, pdf, good = (web_server.url(path) for path in ("/news/gone", "/reports/annual.pdf", "/news/harbour"))
    report, said = run(config, gone, pdf, good)
    assert report.summary() == "ingested 1, unchanged 0, failed 2"
    assert report.failed == [gone, pdf]
    assert said[0] == f"{gone}: 404 Not Found"
    assert said[1].startswith(f"{pdf}: not ") and said[1].endswith(" but application/pdf")  # what it is not, and what it is
    assert len(said) == 2
    assert list(entries(config)) == ["Council approves new harbour car park"]


# --- feeds ---


def rss(server: WebServer, *items: tuple[str, str, str]) -> bytes:
    """An RSS feed of (path, title, pubDate) items on `server`."""
    listed = "".join(f"<item><title>{title}</title><link>{server.url(path)}</link><pubDate>{date}</pubDate>"
                     f"<description>&lt;p&gt;{title}.&lt;/p&gt;</description></item>" for path, title, date in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Coastal Gazette</title>'
            f"<link>{server.url('/')}</link><description>Local news</description>{listed}</channel></rss>").encode("utf-8")


def atom(server: WebServer, *items: tuple[str, str, str]) -> str:
    """An Atom feed of (path, title, updated) items on `server`."""
    listed = "".join(f'<entry><title>{title}</title><link href="{server.url(path)}"/><id>{server.url(path)}</id>'
                     f"<updated>{date}</updated></entry>" for path, title, date in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Coastal Gazette</title>'
            f"<id>{server.url('/')}</id><updated>2024-03-08T12:00:00Z</updated>{listed}</feed>")


def test_each_item_of_a_feed_is_fetched_and_only_new_items_are_ingested_again(tmp_path, web_server):
    config = project(tmp_path)
    for path, story, date in (("/news/rail", RAIL, "2024-03-07"), ("/news/library", LIBRARY, None),
                              ("/news/ferry", FERRY, "2024-03-06"), ("/news/harbour", HARBOUR, "2024-03-04"),
                              ("/news/hospital", HOSPITAL, "2024-03-11")):
        web_server.route(path, Reply(body=page(story, date)))
    listed = [("/news/rail", RAIL[0], "Thu, 07 Mar 2024 09:00:00 GMT"), ("/news/library", LIBRARY[0], "Fri, 08 Mar 2024 09:30:00 GMT")]
    web_server.route("/feed.rss", Reply(body=rss(web_server, *listed), content_type="application/rss+xml"))
    (config.seeds / "desk.atom").write_text(atom(web_server, ("/news/ferry", FERRY[0], "2024-03-06T08:00:00Z"),
                                                 ("/news/harbour", HARBOUR[0], "2024-03-04T08:00:00Z")), encoding="utf-8")
    feeds = (web_server.url("/feed.rss"), config.seeds / "desk.atom")
    report, said = run(config, *feeds)
    assert report.summary() == "ingested 4, unchanged 0, failed 0" and said == []
    found = entries(config)
    assert sorted(found) == sorted([RAIL[0], LIBRARY[0], FERRY[0], HARBOUR[0]])
    assert published(found[LIBRARY[0]]) == "2024-03-08"  # its page gives no date: the feed's
    assert published(found[RAIL[0]]) == "2024-03-07"
    assert found[FERRY[0]].meta["source"] == web_server.url("/news/ferry")
    ids = sorted(document.meta["id"] for document in found.values())
    report, said = run(config)  # seeds/: the Atom file, and the RSS feed and each page as saved under seeds/web/
    assert (sorted(report.unchanged), report.summary(), said) == (ids, "ingested 0, unchanged 4, failed 0", [])

    listed.append(("/news/hospital", HOSPITAL[0], "Mon, 11 Mar 2024 10:00:00 GMT"))
    web_server.route("/feed.rss", Reply(body=rss(web_server, *listed), content_type="application/rss+xml"))
    report, said = run(config, *feeds)
    assert report.summary() == "ingested 1, unchanged 4, failed 0" and said == []
    assert HOSPITAL[0] in entries(config)
    assert [web_server.asked(path) for path in ("/news/rail", "/news/library", "/news/ferry", "/news/harbour", "/news/hospital")] == [1] * 5
    assert web_server.asked("/feed.rss") == 2


# --- one story, one entry ---


def test_a_saved_page_and_the_url_it_names_as_canonical_are_one_entry(tmp_path, web_server):
    config = project(tmp_path)
    url = web_server.url("/news/harbour")
    web_server.route("/news/harbour", Reply(body=page(HARBOUR, canonical=url)))
    (config.seeds / "harbour.html").write_bytes(page(HARBOUR, canonical=url))
    report, said = run(config, config.seeds / "harbour.html", url)
    assert report.summary() == "ingested 1, unchanged 0, duplicate 1, failed 0"
    assert said == [f"{url}: the same article as seeds/harbour.html; ingested once"]
    [entry] = entries(config).values()
    assert (entry.meta["source"], entry.meta["url"]) == ("seeds/harbour.html", url)


def test_a_feed_listing_an_item_twice_makes_one_entry(tmp_path, web_server):
    config = project(tmp_path)
    web_server.route("/news/rail", Reply(body=page(RAIL)))
    twice = [("/news/rail", RAIL[0], "Thu, 07 Mar 2024 09:00:00 GMT")] * 2
    web_server.route("/feed.rss", Reply(body=rss(web_server, *twice), content_type="application/rss+xml"))
    report, said = run(config, web_server.url("/feed.rss"))
    assert report.summary() == "ingested 1, unchanged 0, duplicate 1, failed 0"
    assert said == [f"{web_server.url('/news/rail')}: listed again in {web_server.url('/feed.rss')}; ingested once"]
    assert list(entries(config)) == [RAIL[0]]
    assert web_server.asked("/news/rail") == 1


def test_the_same_text_in_two_files_is_one_entry(tmp_path):
    config = project(tmp_path)
    text = "date 2024-03-07\n\n" + "\n\n".join(RAIL[1]) + "\n"
    (config.seeds / "rail.txt").write_text(text, encoding="utf-8")
    (config.seeds / "rail-copy.txt").write_text(text.replace("\n\n", "\n\n\n"), encoding="utf-8")  # spaced otherwise
    report, said = run(config)
    assert report.summary() == "ingested 1, unchanged 0, duplicate 1, failed 0"
    assert said == ["seeds/rail.txt: the same article as seeds/rail-copy.txt; ingested once"]
    [entry] = entries(config).values()
    assert entry.meta["source"] == "seeds/rail-copy.txt"


# --- exports ---


def test_export_records_keep_their_own_titles_and_dates_and_a_bad_record_is_named_by_line(tmp_path, web_server):
    config = project(tmp_path)
    hospital = {"title": "HOSPITAL OPENS NEW CANCER WING", "publishedAt": "2024-03-11T16:20:00Z", "author": "Priya Shah",
                "articleBody": "\n\n".join(HOSPITAL[1]), "source": {"id": None, "name": "Yorkshire Wire"}}  # NewsAPI's shape
    (config.seeds / "wire.jsonl").write_text(json.dumps(hospital) + "\n", encoding="utf-8")
    web_server.route("/news/rail", Reply(body=page(RAIL, "2024-03-07")))
    (config.seeds / "desk.csv").write_text(
        "headline,date,body,byline,publisher,url\r\n"
        f'Library to open on Sundays,8 March 2024,"{LIBRARY[1][0]}\n\n{LIBRARY[1][1]}",Tom Reed,Norfolk Daily,\r\n'
        f'Harbour plan,next Blursday,"{HARBOUR[1][0]}",Ann Cole,Whitby Post,\r\n'
        f",,,,,{web_server.url('/news/rail')}\r\n", encoding="utf-8")
    report, said = run(config)
    assert said == ["seeds/desk.csv:5: cannot read the date 'next Blursday'"]  # the record before spans lines 2 to 4
    assert report.summary() == "ingested 3, unchanged 0, failed 1"
    found = entries(config)
    assert sorted(found) == sorted(["HOSPITAL OPENS NEW CANCER WING", "Library to open on Sundays", RAIL[0]])
    wing, library = found["HOSPITAL OPENS NEW CANCER WING"], found["Library to open on Sundays"]
    assert (str(wing.meta["date"]), "published" in wing.meta) == ("2024-03-11", False)
    assert (wing.meta["author"], wing.meta["publisher"], wing.meta["source"]) == ("Priya Shah", "Yorkshire Wire", "seeds/wire.jsonl")
    assert (str(library.meta["date"]), library.meta["author"], library.meta["publisher"]) == ("2024-03-08", "Tom Reed", "Norfolk Daily")
    assert library.body == "\n\n".join(LIBRARY[1]) + "\n"
    assert found[RAIL[0]].meta["source"] == web_server.url("/news/rail") and published(found[RAIL[0]]) == "2024-03-07"
    assert found[RAIL[0]].body.startswith(RAIL[1][0])  # its page, fetched
    assert web_server.asked("/news/rail") == 1


def test_fields_in_timeline_toml_name_an_exports_own_fields(tmp_path):
    config = project(tmp_path, '[fields]\ntitle = "Headline"\ntext = "StoryBody"\ndate = ["FiledAt", "Filed"]\n')
    (config.seeds / "wire.jsonl").write_text(json.dumps({"Headline": HOSPITAL[0], "FiledAt": "2024-03-11",
                                                         "StoryBody": "\n\n".join(HOSPITAL[1])}) + "\n", encoding="utf-8")
    (config.seeds / "desk.csv").write_text(f'Headline,Filed,StoryBody\n{LIBRARY[0]},2024-03-08,"{" ".join(LIBRARY[1])}"\n', encoding="utf-8")
    report, said = run(config)
    assert report.summary() == "ingested 2, unchanged 0, failed 0" and said == []
    found = entries(config)
    assert [(title, str(found[title].meta["date"])) for title in sorted(found)] == [
        (LIBRARY[0], "2024-03-08"), (HOSPITAL[0], "2024-03-11")]
    assert found[HOSPITAL[0]].body.startswith(HOSPITAL[1][0] + "\n\n")


# --- pages ingest reads but makes nothing of, or little ---


def test_a_page_in_french_is_an_entry_without_names_and_a_warning(tmp_path):
    config = project(tmp_path)
    (config.seeds / "greve.html").write_text(GREVE, encoding="utf-8")
    report, said = run(config)
    assert report.summary() == "ingested 1, unchanged 0, failed 0"
    assert said == ["seeds/greve.html: the article is in 'fr'; names are found in English text only, "
                    "so add its actors and places by hand"]
    [entry] = entries(config).values()
    assert (entry.meta["title"], entry.meta["lang"]) == ("Grève des contrôleurs aériens à Marseille", "fr")
    assert (entry.meta["actors"], entry.meta["locations"]) == ([], [])
    assert entry.body.startswith("Des centaines de vols ont été annulés mardi à l'aéroport de Marseille-Provence")


def test_an_index_page_is_named_with_the_reason_and_makes_no_entry(tmp_path):
    config = project(tmp_path)
    (config.seeds / "world.html").write_text(INDEX, encoding="utf-8")
    report, said = run(config)
    assert report.summary() == "ingested 0, unchanged 0, failed 1"
    assert said == ["seeds/world.html: no article text on the page (fewer than 40 words: an index page, a paywall or a video page?)"]
    assert entries(config) == {}


# --- the command, and stopping midway ---


def test_the_command_takes_urls_beside_paths(tmp_path, web_server):
    config = project(tmp_path)
    web_server.route("/news/rail", Reply(body=page(RAIL)))
    (config.seeds / "library.html").write_bytes(page(LIBRARY))
    done = subprocess.run([sys.executable, "-m", "generator", "ingest", "--root", str(tmp_path), web_server.url("/news/rail"),
                           str(config.seeds / "library.html"), "--refresh"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "ingested 2, unchanged 0, failed 0" in done.stdout + done.stderr
    assert {entry.meta["source"] for entry in entries(config).values()} == {web_server.url("/news/rail"), "seeds/library.html"}


def test_ctrl_c_while_fetching_keeps_the_pages_fetched_and_the_next_run_goes_on(tmp_path, web_server, monkeypatch):
    config = project(tmp_path)
    for story, path in ((RAIL, "/news/rail"), (LIBRARY, "/news/library"), (HOSPITAL, "/news/hospital")):
        web_server.route(path, Reply(body=page(story)))
    urls = [web_server.url(path) for path in ("/news/rail", "/news/library", "/news/hospital")]
    real_get = Fetcher.get

    def interrupted_at_the_second(self, url, accept):
        if url == urls[1]:
            raise KeyboardInterrupt
        return real_get(self, url, accept)

    monkeypatch.setattr(Fetcher, "get", interrupted_at_the_second)
    said: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        ingest(config, urls, say=said.append, progress=io.StringIO())
    assert said == ["ingest: stopped while fetching pages; those fetched are saved under seeds/web/, so run the same command again to go on"]
    assert saved_path(config.seeds / "web", urls[0]).is_file() and not saved_path(config.seeds / "web", urls[1]).exists()

    monkeypatch.setattr(Fetcher, "get", real_get)
    report, said = run(config, *urls)
    assert report.summary() == "ingested 3, unchanged 0, failed 0" and said == []
    assert [web_server.asked(path) for path in ("/news/rail", "/news/library", "/news/hospital")] == [1, 1, 1]


def test_a_page_that_gives_no_date_is_dated_by_the_day_it_was_saved_and_ingest_says_so(tmp_path):
    config = project(tmp_path)
    saved = config.seeds / "rail.html"
    saved.write_bytes(page(RAIL, date=None))
    os.utime(saved, (1_709_985_600, 1_709_985_600))  # noon, 9 March 2024 (UTC)
    report, said = run(config)
    assert report.summary() == "ingested 1, unchanged 0, failed 0"
    assert said == ["seeds/rail.html: the page gives no date; dated 2024-03-09, the day it was saved: check it"]
    assert published(entries(config)[RAIL[0]]) == "2024-03-09"


def test_pages_fetched_by_url_are_not_read_again_when_seeds_is_ingested_next(tmp_path, web_server, monkeypatch):
    config = project(tmp_path)
    for story, path in ((RAIL, "/news/rail"), (LIBRARY, "/news/library")):
        web_server.route(path, Reply(body=page(story)))
    first, _ = run(config, web_server.url("/news/rail"), web_server.url("/news/library"))
    extracted = []
    real = generator.ingest.extract_each
    monkeypatch.setattr(generator.ingest, "extract_each", lambda articles, *rest: real((extracted.append(a.id) or a for a in articles), *rest))
    report, said = run(config)  # the copies under seeds/web/ stand for the URLs
    assert sorted(report.unchanged) == sorted(first.ingested) and report.ingested == [] and said == []
    assert extracted == []
