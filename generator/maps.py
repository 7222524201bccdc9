"""Pictures of where: a locator map for each place with coordinates, and the timeline's places nearest to it.

The world's outline is Natural Earth's land at 1:110 million (generator/data/land-110m.json, shipped),
drawn once into site/world.svg in a plain longitude/latitude projection; each place's page shows the
part of it around the place, with the place marked, as inline SVG. No map service is asked.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from generator.model import Term

LAND_FILE = Path(__file__).parent / "data" / "land-110m.json"
WORLD_FILE = "world.svg"  # in site/
SPAN = (40.0, 24.0)  # degrees of longitude and latitude a locator map shows
NEARBY = 6  # places listed as nearby, at most
NEARBY_KM = 1000.0  # and no farther than this
EARTH_KM = 6371.0


@dataclass(frozen=True)
class Nearby:
    name: str
    km: int


def world_svg() -> bytes:
    """The land of the world as one SVG path: x is longitude, y is latitude upside down (viewBox -180 -90 360 180)."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" width="720" height="360">'
        '<title>The land of the world (Natural Earth)</title>'
        f'<path fill="#8a9199" stroke="#6b727a" stroke-width="0.15" d="{_land_path()}"/></svg>\n'
    ).encode("utf-8")


def locator_svg(name: str, lat: float, lon: float, world: str) -> Markup:
    """A small map around (lat, lon) with the place marked; `world` is the link to world.svg from the page."""
    width, height = SPAN
    left = min(max(lon - width / 2, -180.0), 180.0 - width)
    top = min(max(-lat - height / 2, -90.0), 90.0 - height)
    where = f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.2f}° {'E' if lon >= 0 else 'W'}"
    return Markup(
        f'<svg class="locator" viewBox="{left:.2f} {top:.2f} {width:g} {height:g}" role="img" aria-labelledby="locator-title" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="locator-title">Map: {escape(name)}, at {where}</title>'
        f'<rect class="sea" x="-180" y="-90" width="360" height="180"/>'
        f'<image href="{escape(world)}" x="-180" y="-90" width="360" height="180"/>'
        f'<circle class="place" cx="{lon:.3f}" cy="{-lat:.3f}" r="0.8"/>'
        f'<circle class="ring" cx="{lon:.3f}" cy="{-lat:.3f}" r="1.8"/></svg>'
    )


class Places:
    """The located places of a timeline, by latitude, to find those near one of them."""

    def __init__(self, terms: Iterable[Term]) -> None:
        located = sorted((t.record.lat, t.record.lon, t.name) for t in terms
                         if t.record is not None and t.record.lat is not None and t.record.lon is not None)
        self.located = located
        self.lats = [lat for lat, _, _ in located]

    def near(self, name: str, lat: float, lon: float) -> list[Nearby]:
        """The nearest other places within NEARBY_KM, nearest first."""
        band = math.degrees(NEARBY_KM / EARTH_KM)
        start, end = bisect.bisect_left(self.lats, lat - band), bisect.bisect_right(self.lats, lat + band)
        found = []
        for other_lat, other_lon, other in self.located[start:end]:
            if other != name:
                km = distance_km(lat, lon, other_lat, other_lon)
                if km <= NEARBY_KM:
                    found.append((km, other))
        found.sort()
        return [Nearby(other, round(km)) for km, other in found[:NEARBY]]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@functools.cache
def _land_path() -> str:
    """The TopoJSON land decoded (quantized, delta-encoded arcs) into SVG path data, to a tenth of a degree."""
    topology = json.loads(LAND_FILE.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    parts = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = []
                for index in ring:
                    arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                    points += arc[1:] if points else arc  # arcs share their end points
                rounded = [f"{lon:.1f} {-lat:.1f}" for lon, lat in points]
                kept = [point for at, point in enumerate(rounded) if at == 0 or point != rounded[at - 1]]
                parts.append("M" + "L".join(kept) + "Z")
    return "".join(parts)
