"""Maps of many places: every place entries name, or those an actor's entries name, as points sized by how many do."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.maps import LABEL_PX, NARROW_PX, Labels, frame
from generator.model import Entry, Term

RADIUS_PX = (4.0, 13.0)  # the least and most named places' points, in pixels on a narrow screen
LEAST_SPAN = 24.0  # degrees of longitude a map of points shows at least
LABELLED = 15  # the most named places get their name written beside them, as many as have room


@dataclass(frozen=True)
class Point:
    """A place on a map, with the number of entries that name it."""

    name: str  # the location's name (its page's)
    lat: float
    lon: float
    count: int


def located(terms: Iterable[Term]) -> tuple[Point, ...]:
    """Each place with coordinates that entries name, with how many do, most named first."""
    points = [Point(t.name, t.record.lat, t.record.lon, len(t.entries)) for t in terms  # type: ignore[union-attr,arg-type]
              if t.entries and t.record is not None and t.record.lat is not None and t.record.lon is not None]
    return tuple(sorted(points, key=lambda p: (-p.count, p.name)))


def seen_at(entries: Iterable[Entry], places: Mapping[str, Term]) -> tuple[Point, ...]:
    """The places with coordinates that `entries` name (`places` by every spelling), with how many of them name each."""
    counts: Counter[str] = Counter()
    terms: dict[str, Term] = {}
    for entry in entries:
        named = {places[n].name: places[n] for n in entry.locations if n in places}
        terms.update(named)
        counts.update(named.keys())
    points = [Point(name, t.record.lat, t.record.lon, counts[name]) for name, t in terms.items()  # type: ignore[union-attr,arg-type]
              if t.record is not None and t.record.lat is not None and t.record.lon is not None]
    return tuple(sorted(points, key=lambda p: (-p.count, p.name)))


def points_svg(points: tuple[Point, ...], link: Callable[[str], str], world: str, title: str, wide_px: int = NARROW_PX) -> Markup:
    """The points on the part of the world they are in, each a link (`link` of its name) named with its count; the most
    named labelled. Labels are 13 px on a narrow screen, and at `wide_px` (how wide the map is drawn on a wide one)."""
    lons, lats = [p.lon for p in points] or [0.0], [p.lat for p in points] or [0.0]
    span = max(max(lons) - min(lons), 2 * (max(lats) - min(lats)))
    margin = max(3.0, 0.15 * span)
    view = frame([(p.lat, p.lon) for p in points], margin, LEAST_SPAN)
    unit = view.width / NARROW_PX
    biggest = max([p.count for p in points], default=1)
    least, most = RADIUS_PX[0] * unit, RADIUS_PX[1] * unit
    circles, labels = [], Labels(view, LABEL_PX * unit)
    for point in sorted(points, key=lambda p: (-p.count, p.name)):  # the biggest first: smaller points stay on top
        r = least + (most - least) * math.sqrt(point.count / biggest)
        name = f"{point.name}: {point.count} {'entry' if point.count == 1 else 'entries'}"
        circles.append(f'<a href="{escape(link(point.name))}" aria-label="{escape(name)}"><title>{escape(name)}</title>'
                       f'<circle cx="{point.lon:.3f}" cy="{-point.lat:.3f}" r="{r:.3f}" data-count="{point.count}"/></a>')
    names = [labels.place(p.name, p.lon, -p.lat, least + (most - least) * math.sqrt(p.count / biggest) + unit)
             for p in points[:LABELLED]]
    sizes = f"--narrow:{LABEL_PX * unit:.3f}px;--wide:{LABEL_PX * view.width / wide_px:.3f}px"
    return Markup(
        f'<svg class="points" viewBox="{view.view_box()}" aria-labelledby="points-title" data-r="{least:.3f} {most:.3f}" '
        f'style="{sizes}" xmlns="http://www.w3.org/2000/svg"><title id="points-title">{escape(title)}</title>'
        f'<rect class="sea" x="-180" y="-90" width="360" height="180"/>'
        f'<image href="{escape(world)}" x="-180" y="-90" width="360" height="180"/>'
        f'<g class="dots" stroke-width="{unit:.3f}">{"".join(circles)}</g>'
        f'<g class="labels" aria-hidden="true" stroke-width="{3 * unit:.3f}">{"".join(names)}</g></svg>'
    )
