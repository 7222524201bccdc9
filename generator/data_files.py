"""The site's data files: TimelineJS's JSON, entries.json and entries.csv for analysts, the filter's entries.js.

Each entry's piece of a whole-site file is joined into one run per year, kept in the memo by a digest
of its entries' keys, so an edit makes only its year's run again.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from markupsafe import Markup, escape

from generator import urls
from generator.config import Config
from generator.eras import Era
from generator.exports import CSV_COLUMNS, record
from generator.links import Links, Slugs
from generator.memo import ItemKey, Memo, run_key
from generator.model import Entry, Timeline
from generator.script_names import script_json


@dataclass
class DataFiles:
    config: Config
    timeline: Timeline
    entry_keys: dict[str, str]
    slugs: Slugs
    memo: Memo

    def __post_init__(self) -> None:
        self._by_year: list[tuple[list[Entry], str]] | None = None

    def timelinejs(self, path: str, entries: tuple[Entry, ...], headline: str, eras: tuple[Era, ...] = ()) -> bytes:
        """The entries in the JSON that Knight Lab's TimelineJS reads, with links relative to `path`, and the eras, if any."""
        links = Links(path, self.slugs)

        def event(entry: Entry) -> str:
            return json.dumps({
                "unique_id": entry.id,
                "start_date": {"year": entry.date.year, "month": entry.date.month, "day": entry.date.day},
                "text": {"headline": str(escape(entry.title)), "text": _timelinejs_text(entry, links.entry(entry))},
                "group": str(escape(entry.locations[0])) if entry.locations else "",
                **({"featured": True} if entry.featured else {}),  # a key event: TimelineJS leaves it be, a reader of the data finds it
            }, ensure_ascii=False, separators=(",", ":"))

        variant = urls.prefix(path) + "timeline.json"  # the links in an event depend on where the file is
        if path == "timeline.json" or len(entries) >= self.memo.long_listing:
            events = self._yearly(variant, entries, event, ",")
        else:
            events = self._pieces(variant, list(entries), event, ",").encode("utf-8")
        # TimelineJS shows these as HTML: text is escaped
        title = {"headline": str(escape(f"{headline} · {self.config.title}" if headline else self.config.title)), "text": str(escape(self.config.description))}
        title_json = json.dumps({"text": title}, ensure_ascii=False, separators=(",", ":"))
        periods = b',"eras":' + json.dumps([_timelinejs_era(era) for era in eras], ensure_ascii=False, separators=(",", ":")).encode("utf-8") if eras else b""
        return b'{"title":' + title_json.encode("utf-8") + b',"events":[' + events + b"]" + periods + b"}\n"

    def entries_json(self) -> bytes:
        """The front matter of every entry, oldest first, one entry per line, for analysts."""
        def line(entry: Entry) -> str:
            return json.dumps(self._record(entry), ensure_ascii=False)

        return b"[\n" + self._yearly("entries.json", self.timeline.entries, line, ",\n") + b"\n]\n"

    def entries_csv(self) -> bytes:
        """The same as a spreadsheet: one row per entry, lists joined with '; '."""
        def row(entry: Entry) -> str:
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerow([_cell("; ".join(v) if isinstance(v, list) else ("true" if v else "") if isinstance(v, bool) else v)
                                                              for v in self._record(entry).values()])
            return out.getvalue()

        header = io.StringIO()
        csv.writer(header, lineterminator="\r\n").writerow(CSV_COLUMNS)
        return header.getvalue().encode("utf-8") + self._yearly("entries.csv", self.timeline.entries, row, "")

    def filter_data(self) -> bytes:
        """Each entry's date, title, page, names and summary, for the timeline's filter (static/filter.js): a script,
        not JSON, so that it loads from the file system too."""
        def row(entry: Entry) -> str:
            page = urls.entry_path(self.timeline.entry_slugs[entry.path])
            return script_json([entry.date.isoformat(), entry.title, page, entry.actors, entry.locations, entry.tags, entry.summary])

        return b"window.timelineEntries=[\n" + self._yearly("entries.js", self.timeline.entries, row, ",\n") + b"\n];\n"

    def _yearly(self, name: str, entries: tuple[Entry, ...], piece: Callable[[Entry], str], separator: str) -> bytes:
        """Every entry's piece of a data file, joined, made of one run per year."""
        years = self._years(entries)
        keys = [run_key([name, joined]) for _, joined in years]
        if entries is self.timeline.entries:  # a whole-site file: no other file has its pieces, and a year's are quickly made again
            runs = self.memo.runs_of(keys, lambda at: separator.join([piece(e) for e in years[at][0]]).encode("utf-8"))
        else:
            runs = self.memo.runs_of(keys, lambda at: self._pieces(name, years[at][0], piece, separator).encode("utf-8"))
        return separator.encode("utf-8").join(runs)

    def _years(self, entries: tuple[Entry, ...]) -> list[tuple[list[Entry], str]]:
        """The entries by year, each year with its entries' keys joined (the same for every whole-site file: made once)."""
        if entries is not self.timeline.entries or self._by_year is None:
            years = [list(in_year) for _, in_year in groupby(entries, key=lambda e: e.date.year)]
            made = [(in_year, "".join([self.entry_keys[e.path] for e in in_year])) for in_year in years]
            if entries is not self.timeline.entries:
                return made
            self._by_year = made
        return self._by_year

    def _pieces(self, name: str, entries: list[Entry], piece: Callable[[Entry], str], separator: str) -> str:
        """Each entry's piece of file `name`, kept with the list items (the TimelineJS data of every term
        at one depth has the same pieces)."""
        keys = [ItemKey(self.entry_keys[entry.path], name, 0, False) for entry in entries]
        if keys:
            self.memo.recall(keys[0].variant, [key.entry for key in keys])
        # not HTML: kept as is, never escaped
        return separator.join([self.memo.item(key, lambda entry=entry: Markup(piece(entry))) for entry, key in zip(entries, keys)])  # type: ignore[misc]

    def _record(self, entry: Entry) -> dict[str, Any]:
        return record(entry, urls.entry_path(self.timeline.entry_slugs[entry.path]))


def _cell(text: str) -> str:
    """A spreadsheet runs a cell that starts like a formula: such text gets a leading apostrophe (OWASP's advice)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _timelinejs_era(era: Era) -> dict[str, Any]:
    """An era as TimelineJS reads one: its first and last day, and its title and description (escaped: shown as HTML)."""
    return {"start_date": {"year": era.start.year, "month": era.start.month, "day": era.start.day},
            "end_date": {"year": era.end.year, "month": era.end.month, "day": era.end.day},
            "text": {"headline": str(escape(era.title)), "text": str(escape(era.description))}}


def _timelinejs_text(entry: Entry, link: str) -> str:
    summary = str(escape(entry.summary))
    return f'<p>{summary}</p><p><a href="{escape(link)}">Read the entry</a></p>'
