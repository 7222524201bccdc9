"""Reads a saved or fetched web page with trafilatura: its article text without navigation, related links, comments
or ads, as plain paragraphs for extraction and as Markdown for the entry, with the page's own title, date, author,
site name, canonical URL, language and lead photo."""

from __future__ import annotations

import copy
import functools
import datetime
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from py3langid.langid import MODEL_FILE, LanguageIdentifier
import trafilatura
from lxml import etree
from trafilatura.xml import xmltotxt

from generator.article import ArticleError
from generator.model import Image

MIN_WORDS = 40  # fewer words of article text is an index page, a paywall stub or a video page, not an article
LINK_SCHEMES = ("http", "https", "mailto")  # a link to anything else (javascript:, data:, file:) keeps its text only
LANGUAGE_CONFIDENCE = 0.9  # below it a text is too short or mixed to tell, and is read as English
_SPACES = re.compile(r"\s+")
_CREDIT_CLASS = re.compile(r"credit|copyright|byline|source|author", re.IGNORECASE)
_CREDIT_WORDS = re.compile(r"\s*[(\[]?\s*(?:(?:photo(?:graph)?|image|picture|credit)s?\s*(?:by)?\s*[:/]|©|\(c\))\s*(?P<credit>[^()\[\]]{2,80}?)[)\]]?\s*\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """What a web page says of its article."""

    title: str
    date: datetime.date | None  # the publication date the page gives, if any
    paragraphs: tuple[str, ...]  # plain text, one per paragraph, list item or subheading
    markdown: str
    url: str  # canonical, else the address it was read from
    author: str
    publisher: str
    lang: str
    image: Image | None


def read_page(html: bytes | str, url: str = "") -> Page:
    """The article on a page fetched from `url` (or saved from it); an ArticleError says why a page has none."""
    tree = trafilatura.load_html(html)
    if tree is None:
        raise ArticleError("not an HTML page")
    image = _lead_photo(tree, url)
    # dates from the page's markup and address only: htmldate's search of the text guesses from a copyright line or a
    # year alone (and gives the 1st); a feed's or record's date, or the day the page was saved, is nearer the truth
    found = trafilatura.bare_extraction(tree, url=url or None, with_metadata=True, include_comments=False, include_links=True,
                                        include_formatting=True, favor_precision=True,
                                        date_extraction_params={"extensive_search": False, "original_date": True})
    body = _spaced(found.body) if found is not None and found.body is not None else etree.Element("body")
    title = " ".join((found.title or "").split()) if found is not None else ""
    canonical = found.url if found is not None and found.url and urlsplit(found.url).scheme in ("http", "https") else url
    markdown = _markdown(body, title, canonical or url)
    paragraphs = _paragraphs(body, title)  # last: it takes the links and emphasis out of `body`
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        raise ArticleError(f"no article text on the page (fewer than {MIN_WORDS} words: an index page, a paywall or a video page?)")
    return Page(title=title, date=_date(found.date), paragraphs=paragraphs, markdown=markdown,
                url=canonical, author=" ".join((found.author or "").split()), publisher=" ".join((found.sitename or "").split()),
                lang=language(" ".join(paragraphs)), image=image)


def page_id(page: Page, html: bytes) -> str:
    """The entry id of a page: from its URL, so a saved copy and a fetch of the same article are one entry; else its text."""
    key = page.url or hashlib.sha256(html).hexdigest()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def language(text: str) -> str:
    """The language a text is written in, as a two-letter code (py3langid); '' when it cannot tell with confidence."""
    if not text.strip():
        return ""
    code, probability = _identifier().classify(text[:3000])
    return code if probability >= LANGUAGE_CONFIDENCE else ""


@functools.cache
def _identifier() -> LanguageIdentifier:
    """py3langid's model, with probabilities: loaded once (half a second), before ingest forks its readers."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _paragraphs(body: etree._Element, title: str) -> tuple[str, ...]:
    """The article's text as plain paragraphs (each subheading, list item and quote one too), the headline left out."""
    etree.strip_tags(body, "ref", "hi", "del")  # links and emphasis as their text
    for element in list(body.iter("head", "p")):  # a kicker or headline above the text is not its lead
        if element.tag == "p":
            break
        if not (element.tail or "").strip():
            element.getparent().remove(element)
    lines = [" ".join(line.split()) for line in xmltotxt(body, False).splitlines()]
    return tuple(_without_headline([line for line in lines if line], title))


def _markdown(body: etree._Element, title: str, base: str) -> str:
    """The article as Markdown by trafilatura's own writer: quotes marked as quotes, links made absolute and safe."""
    for ref in body.iter("ref"):
        target = ref.get("target", "").strip()
        target = urljoin(base, target) if base else target
        if urlsplit(target).scheme.lower() in LINK_SCHEMES:
            ref.set("target", target)
        else:
            ref.tag = "unsafe-link"
    etree.strip_tags(body, "unsafe-link")  # its text only
    quotes = {}
    for quote in body.iter("quote"):
        wrapper = etree.Element("body")
        wrapper.append(copy.deepcopy(quote))
        if text := xmltotxt(wrapper, True).strip():
            quotes[text] = "\n".join(f"> {line}".rstrip() for line in text.splitlines())
    blocks = [block.strip() for block in re.split(r"\n\s*\n", xmltotxt(body, True))]
    blocks = _without_headline([quotes.get(block, block) for block in blocks if block], title)
    return "\n\n".join(blocks) + "\n"


def _spaced(body: etree._Element) -> etree._Element:
    """The body with the page source's line breaks and runs of spaces inside the text made single spaces."""
    for element in body.iter():
        if element.tag != "code" and element.text:
            element.text = _SPACES.sub(" ", element.text)
        if element.tail:
            element.tail = _SPACES.sub(" ", element.tail)
    return body


def _plain(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _without_headline(blocks: list[str], title: str) -> list[str]:
    """The blocks without the headline above the text (as a line or a Markdown heading)."""
    while blocks and title and blocks[0].lstrip("# ").strip() == title:
        blocks = blocks[1:]
    return blocks


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _lead_photo(tree: etree._Element, url: str) -> Image | None:
    """The first photo of the article with a caption: its address, caption and credit."""
    for figure in tree.iterfind(".//figure"):
        caption = next(figure.iterfind(".//figcaption"), None)
        picture = next(figure.iterfind(".//img"), None)
        if caption is None or picture is None:
            continue
        credit = " ".join(" ".join(e.itertext()) for e in caption.iter() if _CREDIT_CLASS.search(e.get("class") or ""))
        text = _plain(caption)
        credit = " ".join(credit.split())
        if credit and text.endswith(credit):
            text = text[: -len(credit)].rstrip(" |,-–—")
        elif match := _CREDIT_WORDS.search(text):
            credit, text = match.group("credit").strip(), text[: match.start()].rstrip(" |,-–—")
        source = picture.get("src") or picture.get("data-src") or ""
        source = urljoin(url, source) if url else source
        if text:
            return Image(caption=text, credit=credit, src=source if urlsplit(source).scheme in ("http", "https") else "")
    return None
