"""Pictures made at build time: how active a timeline, actor or place was, and who appears together.

The chart is inline SVG: no script, no external service, readable by screen readers through its
title and description, which give the figures themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup, escape

from generator.model import Entry
from generator.theme import MONTHS

WIDTH, HEIGHT, BAR_GAP = 600, 120, 2
MOST_SEEN_WITH = 10


def activity(entries: Iterable[Entry]) -> list[tuple[str, int]]:
    """Entries per year, or per month when they all fall within two years: (label, count), oldest first, gaps as 0."""
    dates = Counter(e.date for e in entries)
    if not dates:
        return []
    first, last = min(dates), max(dates)
    if last.year - first.year < 2:
        counts: Counter[tuple[int, int]] = Counter()
        for date, count in dates.items():
            counts[date.year, date.month] += count
        months = [(y, m) for y in range(first.year, last.year + 1) for m in range(1, 13) if (first.year, first.month) <= (y, m) <= (last.year, last.month)]
        return [(f"{MONTHS[m - 1][:3]} {y}", counts[y, m]) for y, m in months]
    years: Counter[int] = Counter()
    for date, count in dates.items():
        years[date.year] += count
    return [(str(y), years[y]) for y in range(first.year, last.year + 1)]


def activity_svg(counts: list[tuple[str, int]], subject: str) -> Markup:
    """A bar chart of `activity` counts, labelled at both ends, with the figures in its accessible text."""
    if not counts:
        return Markup("")
    most = max(count for _, count in counts)
    step = WIDTH / len(counts)
    bars = []
    for at, (label, count) in enumerate(counts):
        height = round((HEIGHT - 36) * count / most, 1) if most else 0  # the top 16 units hold the "most" label
        bars.append(f'<rect x="{at * step + BAR_GAP / 2:.1f}" y="{HEIGHT - 20 - height:.1f}" width="{max(step - BAR_GAP, 1):.1f}" '
                    f'height="{height}"><title>{escape(label)}: {count}</title></rect>')
    unit = "month" if " " in counts[0][0] else "year"
    title = f"Entries per {unit} for {subject}"
    description = ", ".join(f"{label}: {count}" for label, count in counts)
    return Markup(
        f'<svg class="activity" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="activity-title activity-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="activity-title">{escape(title)}</title><desc id="activity-desc">{escape(description)}</desc>'
        f'<g class="bars">{"".join(bars)}</g>'
        f'<text x="0" y="{HEIGHT - 4}" class="axis">{escape(counts[0][0])}</text>'
        f'<text x="{WIDTH}" y="{HEIGHT - 4}" class="axis" text-anchor="end">{escape(counts[-1][0])}</text>'
        f'<text x="{WIDTH}" y="12" class="axis" text-anchor="end">most: {most}</text></svg>'
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
