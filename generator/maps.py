"""Pictures of where: the world's outline, a locator map for each place with coordinates, and its nearest places.

The outline is Natural Earth's countries at 1:110 million (generator/data/countries-110m.json, shipped), drawn
once into site/world.svg in a plain longitude/latitude projection: land filled, borders as lines. Each place's
page shows the part of it around the place, with the place and its neighbours marked and named, as inline SVG
over world.svg. No map service is asked. Maps of many places (the site's, an actor's) are in point_maps.py.
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

COUNTRIES_FILE = Path(__file__).parent / "data" / "countries-110m.json"
WORLD_FILE = "world.svg"  # in site/
ASPECT = 5 / 3  # a locator map's width to its height
SPAN = (16.0, 60.0)  # the least and most degrees of longitude a locator map shows
NEARBY = 6  # places listed as nearby, at most
NEARBY_KM = 1000.0  # and no farther than this
EARTH_KM = 6371.0
NARROW_PX = 358  # how wide a small map is drawn on a 390 px screen: its labels are sized to be 13 px there
LABEL_PX = 13


@dataclass(frozen=True)
class Nearby:
    name: str
    km: int
    lat: float = 0.0
    lon: float = 0.0


@dataclass(frozen=True)
class Frame:
    """The part of the world a map shows, in degrees: x is longitude, y is latitude upside down."""

    left: float
    top: float
    width: float
    height: float

    def view_box(self) -> str:
        return f"{self.left:.2f} {self.top:.2f} {self.width:.2f} {self.height:.2f}"

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.left + self.width and self.top <= y <= self.top + self.height


def world_svg() -> bytes:
    """The world's land and borders as SVG paths (viewBox -180 -90 360 180)."""
    land, borders = _outline()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" width="720" height="360">'
        '<title>The countries of the world (Natural Earth)</title>'
        f'<path class="land" fill="#8a9199" stroke="#6b727a" stroke-width="0.08" d="{land}"/>'
        f'<path class="borders" fill="none" stroke="#f4f5f7" stroke-width="0.07" stroke-linejoin="round" d="{borders}"/></svg>\n'
    ).encode("utf-8")


def frame(points: Iterable[tuple[float, float]], margin: float, least: float, most: float = 360.0, aspect: float = 2.0) -> Frame:
    """The frame around (lat, lon) points with `margin` degrees about them, `least` to `most` degrees wide and `aspect`
    times as wide as high, kept inside the world (the whole world when there are no points)."""
    given = list(points)
    xs, ys = zip(*((lon, -lat) for lat, lon in given)) if given else ((-180.0, 180.0), (-90.0, 90.0))
    width = min(max(max(xs) - min(xs) + 2 * margin, (max(ys) - min(ys) + 2 * margin) * aspect, least), most, 360.0)
    height = min(width / aspect, 180.0)
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    left = min(max(centre_x - width / 2, -180.0), 180.0 - width)
    top = min(max(centre_y - height / 2, -90.0), 90.0 - height)
    return Frame(left, top, width, height)


def locator_svg(name: str, lat: float, lon: float, world: str, nearby: Iterable[Nearby] = ()) -> Markup:
    """A small map around (lat, lon) with the place and its `nearby` places marked and named; `world` links to world.svg."""
    near = [p for p in nearby if p.lat or p.lon]
    reach = max([max(abs(p.lon - lon), abs(p.lat - lat) * ASPECT) for p in near], default=0.0)
    view = frame([(lat, lon)], 0, max(SPAN[0], 2.6 * reach), SPAN[1], ASPECT)  # centred on the place, the neighbours inside
    where = f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.2f}° {'E' if lon >= 0 else 'W'}"
    around = f", near {', '.join(p.name for p in near)}" if near else ""
    unit = view.width / NARROW_PX  # degrees per pixel on a narrow screen
    labels = Labels(view, LABEL_PX * unit)
    marks = [labels.place(name, lon, -lat, 8 * unit, "here")]
    for place in near:
        x, y = place.lon, -place.lat
        marks.append(f'<circle class="near" cx="{x:.3f}" cy="{y:.3f}" r="{3 * unit:.3f}"/>{labels.place(place.name, x, y, 4 * unit)}')
    return Markup(
        f'<svg class="locator" viewBox="{view.view_box()}" role="img" aria-labelledby="locator-title" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="locator-title">Map: {escape(name)}, at {where}{escape(around)}</title>'
        f'<rect class="sea" x="-180" y="-90" width="360" height="180"/>'
        f'<image href="{escape(world)}" x="-180" y="-90" width="360" height="180"/>'
        f'<circle class="spot-ring" cx="{lon:.3f}" cy="{-lat:.3f}" r="{7 * unit:.3f}" stroke-width="{2 * unit:.3f}"/>'
        f'<circle class="spot" cx="{lon:.3f}" cy="{-lat:.3f}" r="{3.5 * unit:.3f}" stroke-width="{unit:.3f}"/>'
        f'<g class="labels" font-size="{LABEL_PX * unit:.3f}" stroke-width="{3 * unit:.3f}">{"".join(marks)}</g></svg>'
    )


class Labels:
    """Names put beside points of a map, right of the point or else left of it, where they overlap no name already put."""

    def __init__(self, view: Frame, size: float) -> None:
        self.view, self.size = view, size
        self.taken: list[tuple[float, float, float, float]] = []

    def place(self, name: str, x: float, y: float, gap: float, css: str = "") -> str:
        """The <text> of the name, or '' where it has no room."""
        width, height = 0.58 * self.size * len(name), self.size
        for anchor, left in (("start", x + gap), ("end", x - gap - width)):
            box = (left, y - height / 2, left + width, y + height / 2)
            inside = self.view.holds(box[0], box[1]) and self.view.holds(box[2], box[3])
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in self.taken):
                self.taken.append(box)
                tx = x + gap if anchor == "start" else x - gap
                kind = f' class="{css}"' if css else ""
                return f'<text{kind} x="{tx:.3f}" y="{y + 0.35 * height:.3f}" text-anchor="{anchor}">{escape(name)}</text>'
        return ""


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
                    found.append((km, other, other_lat, other_lon))
        found.sort()
        return [Nearby(other, round(km), other_lat, other_lon) for km, other, other_lat, other_lon in found[:NEARBY]]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@functools.cache
def _outline() -> tuple[str, str]:
    """The TopoJSON decoded (quantized, delta-encoded arcs) into SVG path data to a tenth of a degree: the land's rings,
    and the borders, which are the arcs that two countries share (the coast is an arc of one)."""
    topology = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    land = "".join(_ring(_joined(arcs, ring)) for ring in _rings(topology["objects"]["land"]["geometries"]))
    owners: dict[int, set[int]] = {}
    for number, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        for ring in _rings([geometry]):
            for index in ring:
                owners.setdefault(index if index >= 0 else ~index, set()).add(number)
    borders = "".join(_line(arcs[index]) for index in sorted(owners) if len(owners[index]) > 1)
    return land, borders


def _rings(geometries: list[dict]) -> Iterable[list[int]]:
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]] if geometry["type"] == "Polygon" else []
        for polygon in polygons:
            yield from polygon


def _joined(arcs: list[list[tuple[float, float]]], ring: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc[1:] if points else arc  # arcs share their end points
    return points


def _ring(points: list[tuple[float, float]]) -> str:
    """A land ring as closed path data. One that crosses the antimeridian (Chukotka, Fiji) is drawn with its longitudes
    made continuous, and again a world to the left or right, the map's edge clipping both; one that goes round a pole
    (Antarctica) is closed along the map's edge at the pole rather than straight across the map."""
    unwrapped = [points[0]]
    for lon, lat in points[1:]:
        last = unwrapped[-1][0]
        unwrapped.append((lon + 360.0 * round((last - lon) / 360.0), lat))
    if abs(unwrapped[-1][0] - unwrapped[0][0]) > 180.0:
        pole = 90.0 if sum(lat for _, lat in points) > 0 else -90.0
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole)]
    lons = [lon for lon, _ in unwrapped]
    shifts = [0.0] + ([-360.0] if max(lons) > 180.0 else []) + ([360.0] if min(lons) < -180.0 else [])
    return "".join(_path([(lon + shift, lat) for lon, lat in unwrapped]) + "Z" for shift in shifts)


def _line(points: list[tuple[float, float]]) -> str:
    """A border as path data, broken where it crosses the antimeridian instead of drawn across the map."""
    pieces, piece = [], [points[0]]
    for point in points[1:]:
        if abs(point[0] - piece[-1][0]) > 180.0:
            pieces.append(piece)
            piece = []
        piece.append(point)
    return "".join(_path(p) for p in [*pieces, piece] if len(p) > 1)


def _path(points: list[tuple[float, float]]) -> str:
    rounded = [f"{lon:.1f} {-lat:.1f}" for lon, lat in points]
    kept = [point for at, point in enumerate(rounded) if at == 0 or point != rounded[at - 1]]
    return "M" + "L".join(kept)
