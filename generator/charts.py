"""Pictures made at build time: how active a timeline, actor or place was (a strip of bars over its whole period), and who appears together.

The strip is inline SVG drawn in CSS pixels and percentages, so its text stays at its size at any width and
it needs no script: tick labels of years link to their pages, and its title and description give the figures.
static/axis.js makes it a range control. Buckets are chosen by the span (days, weeks, months, years or
decades), between MIN_BUCKETS and MAX_BUCKETS of them; ticks fall on round dates and never crowd at 320 px.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.eras import Era
from generator.model import Entry
from generator.theme import MONTHS

MIN_BUCKETS, MAX_BUCKETS = 7, 120
NARROW_PX = 320  # the narrowest strip (a 360 px phone): ticks are spaced for it
CHAR_PX, LABEL_GAP_PX = 7.5, 14  # about how wide a character of 12 px text is, and the room kept between labels
STRIP_PX, BARS_BOTTOM, ERA_ROW = 72, 66, 20  # the picture's height; where bars stand; the top row era titles take
MOST_SEEN_WITH = 10
UNITS = ("day", "week", "month", "year", "decade")
DAY = datetime.timedelta(days=1)
UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 28.0, "year": 365.0}  # the least days a tick unit spans


@dataclass(frozen=True)
class Strip:
    """Entries counted in equal steps of a unit: bucket i runs from bounds[i] to the day before bounds[i + 1]."""

    unit: str  # one of UNITS
    bounds: tuple[datetime.date, ...]  # one more than counts
    counts: tuple[int, ...]

    def label(self, at: int) -> str:
        """How bucket `at` is named: '3 May 2020', 'week of 3 May 2020', 'May 2020', '2020' or '2020s'."""
        start = self.bounds[at]
        return {"day": _long(start), "week": f"week of {_long(start)}", "month": f"{MONTHS[start.month - 1]} {start.year}",
                "year": str(start.year), "decade": f"{start.year}s"}[self.unit]

    def where(self, day: datetime.date) -> float:
        """Where a day falls along the strip, from 0 (its start) to 1 (its end)."""
        bounds = self.bounds
        if day <= bounds[0]:
            return 0.0
        if day >= bounds[-1]:
            return 1.0
        at = next(i for i in range(len(bounds) - 1) if day < bounds[i + 1])
        return (at + (day - bounds[at]) / (bounds[at + 1] - bounds[at])) / len(self.counts)


def days(entries: Iterable[Entry]) -> tuple[tuple[str, int], ...]:
    """Entries per day, (YYYY-MM-DD, count) for each day with any, oldest first: what a strip is drawn from."""
    return tuple((day.isoformat(), count) for day, count in sorted(Counter(e.date for e in entries).items()))


def activity(per_day: Iterable[tuple[str, int]]) -> Strip | None:
    """`days` counted in buckets of the finest unit that needs at most MAX_BUCKETS, widened to MIN_BUCKETS; None for no entries."""
    counted = {datetime.date.fromisoformat(day): count for day, count in per_day}
    if not counted:
        return None
    first, last = min(counted), max(counted)
    unit = next((u for u in UNITS if len(_bounds(u, first, last)) - 1 <= MAX_BUCKETS), "decade")
    bounds = _bounds(unit, first, last)
    while len(bounds) - 1 < MIN_BUCKETS:  # a few empty buckets either side: one busy day is a bar, not the whole strip
        bounds = [_step(unit, bounds[0], -1), *bounds] if len(bounds) % 2 else [*bounds, _step(unit, bounds[-1], 1)]
    counts = [0] * (len(bounds) - 1)
    at = 0
    for day in sorted(counted):
        while at + 1 < len(counts) and day >= bounds[at + 1]:
            at += 1
        counts[at] += counted[day]
    return Strip(unit, tuple(bounds), tuple(counts))


def activity_svg(strip: Strip | None, subject: str, year_link: Callable[[int], str] | None = None, linked: Iterable[int] = (),
                 eras: Iterable[Era] = (), note: str = "") -> Markup:
    """The strip as a figure: era bands, a bar per bucket, ticks (those of `linked` years link to their pages), and a caption.

    `note` ends the caption: what the counts take in besides the page's own entries."""
    if strip is None or not strip.counts:
        return Markup("")
    counts, n = strip.counts, len(strip.counts)
    most = max(counts)
    shown = [era for era in eras if era.end >= strip.bounds[0] and era.start < strip.bounds[-1]]
    top = ERA_ROW if shown else 4
    bands, bars, marks, labels = [], [], [], []
    for era in shown:
        left, right = strip.where(era.start), strip.where(era.end + DAY)
        name = _fitted(era.title, (right - left) * NARROW_PX - 6)
        bands.append(f'<rect class="era" x="{_pc(left)}" width="{_pc(right - left)}" y="0" height="{BARS_BOTTOM}"><title>{escape(era.title)}: '
                     f'{_long(era.start)} to {_long(era.end)}</title></rect>')
        bands.append(f'<text class="era-name" x="{_pc(left)}" dx="4" y="14" data-title="{escape(era.title)}">{escape(name)}</text>')  # axis.js fits it again
    for at, count in enumerate(counts):
        if not count:
            continue  # axis.js draws the filtered layer from the bounds: an empty bucket needs no bar
        height = round((BARS_BOTTOM - top) * count / most, 1) if most else 0
        bars.append(f'<rect x="{_pc(at / n)}" width="{_pc(1 / n)}" y="{BARS_BOTTOM - height:.1f}" height="{height}">'
                    f'<title>{escape(strip.label(at))}: {count}</title></rect>')
    pages = set(linked)
    for day, text, year in _ticks(strip):
        x = strip.where(day)
        marks.append(f'<line x1="{_pc(x)}" x2="{_pc(x)}" y1="{BARS_BOTTOM}" y2="{STRIP_PX}"></line>')
        place = f'left:{_pc(x)};transform:translateX(-{_pc(x)})'  # a label at the end aligns to it: none sticks out of the strip
        if year is not None and year in pages and year_link is not None:
            labels.append(f'<a href="{escape(year_link(year))}" style="{place}">{escape(text)}</a>')
        else:
            labels.append(f'<span style="{place}">{escape(text)}</span>')
    busiest = counts.index(most)
    title = f"Entries per {strip.unit} for {subject}"
    description = ", ".join(f"{strip.label(at)}: {count}" for at, count in enumerate(counts) if count) + (f"; {note}" if note else "")
    caption = (f"Entries per {strip.unit}, {_span(strip)}; most: {most}" + (f" ({strip.label(busiest)})" if counts.count(most) == 1 and len(counts) - counts.count(0) > 1 else "")
               + (f"; {note}" if note else ""))
    bounds = " ".join(day.isoformat() for day in strip.bounds)
    return Markup(
        f'<div class="strip" data-unit="{strip.unit}" data-most="{most}" data-total="{sum(counts)}" data-top="{top}" data-bounds="{bounds}">'
        f'<svg class="activity" width="100%" height="{STRIP_PX}" role="img" aria-labelledby="activity-title activity-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="activity-title">{escape(title)}</title><desc id="activity-desc">{escape(description)}</desc>'
        f'<g class="eras">{"".join(bands)}</g><g class="bars">{"".join(bars)}</g>'
        f'<g class="ticks"><line x1="0" x2="100%" y1="{BARS_BOTTOM}" y2="{BARS_BOTTOM}"></line>{"".join(marks)}</g></svg></div>'
        f'<p class="axis-ticks">{"".join(labels)}</p>'
        f'<figcaption>{escape(caption)}</figcaption>'
    )


def seen_with(name: str, kind: str, entries: Iterable[Entry], owners: dict[str, dict[str, str]] | None = None) -> dict[str, list[tuple[str, int]]]:
    """The actors and places most often named in the same entries as `name`, with how many times; most first.

    `owners` gives, by kind, the term each name as written stands for (an alias counts for its record)."""
    entries = list(entries)
    actors, places = (owners or {}).get("actors", {}), (owners or {}).get("locations", {})
    counts = {"actors": Counter([a for e in entries for a in dict.fromkeys(actors.get(n, n) for n in e.actors)]),
              "locations": Counter([p for e in entries for p in dict.fromkeys(places.get(n, n) for n in e.locations)])}
    counts[kind].pop(name, None)
    return {kind: sorted(found.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))[:MOST_SEEN_WITH]
            for kind, found in counts.items() if found}


def _floor(unit: str, day: datetime.date) -> datetime.date:
    """The first day of the bucket of `unit` that holds `day` (weeks start on Monday)."""
    if unit == "day":
        return day
    if unit == "week":
        return day - datetime.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return datetime.date(max(day.year - day.year % 10, 1) if unit == "decade" else day.year, 1, 1)


def _step(unit: str, day: datetime.date, by: int) -> datetime.date:
    """The first day of the bucket `by` buckets after the one starting on `day` (the first or last day there is, past them)."""
    try:
        if unit in ("day", "week"):
            return day + datetime.timedelta(days=by * (7 if unit == "week" else 1))
        if unit == "month":
            months = day.year * 12 + day.month - 1 + by
            return datetime.date(months // 12, months % 12 + 1, 1)
        return datetime.date(day.year + by * (10 if unit == "decade" else 1), 1, 1)
    except (ValueError, OverflowError):
        return datetime.date.max if by > 0 else datetime.date.min


def _bounds(unit: str, first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The bounds of the buckets of `unit` from the one holding `first` to the one holding `last`; past MAX_BUCKETS, one more only."""
    bounds = [_floor(unit, first)]
    while bounds[-1] <= last and bounds[-1] != datetime.date.max and (len(bounds) <= MAX_BUCKETS + 1 or unit == UNITS[-1]):
        bounds.append(_step(unit, bounds[-1], 1))
    return bounds


def _ticks(strip: Strip) -> list[tuple[datetime.date, str, int | None]]:
    """Round dates along the strip, each with its label and the year it names alone (a year tick's): as many as fit at NARROW_PX."""
    start, end = strip.bounds[0], strip.bounds[-1]
    room = NARROW_PX / (4 * CHAR_PX + LABEL_GAP_PX) + 1  # no label is shorter than a year's: more ticks than this cannot fit
    for unit, step in (("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 2), ("month", 3), ("month", 6),
                       *(("year", s) for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000))):
        if (end - start).days / (UNIT_DAYS[unit] * step) > room:
            continue  # far too many: not worth listing them
        ticks = _round_dates(unit, step, start, end)
        width = max((len(_tick_label(unit, day)) for day in ticks), default=0) * CHAR_PX + LABEL_GAP_PX
        if ticks and len(ticks) * width <= NARROW_PX:
            return [(day, _tick_label(unit, day), day.year if unit == "year" else None) for day in ticks]
    return [(start, _tick_label("year", start), start.year)]


def _round_dates(unit: str, step: int, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Every date from start to end (both included) that begins a unit counted in steps of `step` from a round one."""
    if unit == "year":
        first = datetime.date(max(start.year + (start > datetime.date(start.year, 1, 1)), 1), 1, 1)
        return [datetime.date(y, 1, 1) for y in range(first.year + (-first.year) % step, end.year + 1, step)]
    if unit == "month":
        months = [_step("month", datetime.date(start.year, 1, 1), m) for m in range(0, (end.year - start.year + 1) * 12, step)]
        return [day for day in months if start <= day <= end]
    if unit == "week":
        day = start + datetime.timedelta(days=(7 - start.weekday()) % 7)
        return [day + datetime.timedelta(days=7 * step * k) for k in range((end - day).days // (7 * step) + 1)] if day <= end else []
    return [day for k in range((end - start).days + 1) if ((day := start + datetime.timedelta(days=k)).day - 1) % step == 0]


def _tick_label(unit: str, day: datetime.date) -> str:
    if unit == "year":
        return str(day.year)
    if unit == "month":
        return f"{MONTHS[day.month - 1][:3]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def _span(strip: Strip) -> str:
    """The period the strip covers, as its unit names it."""
    first, last = strip.label(0), strip.label(len(strip.counts) - 1)
    if strip.unit in ("day", "week"):
        first, last = (f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}" for d in (strip.bounds[0], strip.bounds[-1] - DAY))
    elif strip.unit == "month":
        first, last = (f"{MONTHS[d.month - 1][:3]} {d.year}" for d in (strip.bounds[0], strip.bounds[-2]))
    return first if first == last else f"{first} – {last}"


def _fitted(title: str, room_px: float) -> str:
    """The title, cut short with an ellipsis to fit `room_px` of 12 px text; '' if not even three letters would."""
    fits = int(room_px // CHAR_PX)
    if len(title) <= fits:
        return title
    return title[: fits - 1].rstrip() + "…" if fits >= 4 else ""


def _long(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _pc(fraction: float) -> str:
    return f"{100 * fraction:.3f}".rstrip("0").rstrip(".") + "%"
