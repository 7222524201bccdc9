"""Locator maps and nearby places: drawn from the shipped Natural Earth outline, with the timeline's own places."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.build import build
from generator.config import load_config
from generator.maps import Nearby, Places, distance_km, frame, locator_svg, world_svg
from generator.model import Entry, Term
from generator.point_maps import Point, located, points_svg, seen_at
from generator.registry import Record
from tests.conftest import write_entry

SVG = "{http://www.w3.org/2000/svg}"


def place(name: str, lat: float, lon: float) -> Term:
    return Term(name=name, slug=name.lower(), entries=(), record=Record(name, "city", lat=lat, lon=lon))


def test_the_world_outline_is_land_and_borders_in_longitude_and_latitude():
    svg = ET.fromstring(world_svg())
    land, borders = (svg.find(f"{SVG}path[@class='{name}']").get("d") for name in ("land", "borders"))
    assert svg.get("viewBox") == "-180 -90 360 180" and land.count("M") > 100 and land.count("Z") == land.count("M")
    assert borders.count("M") > 200 and "Z" not in borders  # lines between countries, not the coast around them
    for path, reach in ((land, 540), (borders, 180)):  # land over the antimeridian is drawn again a world over, clipped by the view
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
        assert all(-reach <= n <= reach for n in numbers[0::2]) and all(-90 <= n <= 90 for n in numbers[1::2])
    assert "0.0 0.0" not in borders and re.search(r"M2\d\.\d -(4[5-9]|5\d)\.\d", borders)  # e.g. Poland's with Ukraine, at 23-24° E


def test_no_outline_is_drawn_straight_across_the_map_where_land_crosses_the_antimeridian():
    svg = ET.fromstring(world_svg())
    for path in svg.iter("{http://www.w3.org/2000/svg}path"):
        for subpath in re.split("M", path.get("d"))[1:]:
            points = [tuple(map(float, point.split())) for point in subpath.rstrip("Z").split("L")]
            assert all(abs(b[0] - a[0]) <= 180 or abs(a[1]) == abs(b[1]) == 90 for a, b in zip(points, points[1:])), subpath[:60]  # or along a pole
    land = svg.find("{http://www.w3.org/2000/svg}path[@class='land']").get("d")
    assert " 90.0L" in land  # Antarctica is closed along the bottom edge, the pole


def test_the_locator_map_is_centred_on_the_place_and_stays_inside_the_world():
    def view(lat, lon):
        svg = ET.fromstring(str(locator_svg("Somewhere", lat, lon, "../../world.svg")))
        left, top, width, height = map(float, svg.get("viewBox").split())
        marker = svg.find(f"{SVG}circle")
        return left, top, width, height, float(marker.get("cx")), float(marker.get("cy"))

    left, top, width, height, x, y = view(35.34, 40.14)  # Deir ez-Zor
    assert (x, y) == (40.14, -35.34) and left + width / 2 == pytest.approx(40.14) and top + height / 2 == pytest.approx(-35.34)
    for lat, lon in ((89.0, 179.0), (-89.0, -179.0)):  # near the poles and the date line the view stops at the edge
        left, top, width, height, x, y = view(lat, lon)
        assert -180 <= left and left + width <= 180 and -90 <= top and top + height <= 90
        assert left <= x <= left + width and top <= y <= top + height


def test_the_map_names_the_place_and_its_coordinates_as_text_and_escapes_the_name():
    svg = str(locator_svg('<script>alert(1)</script>', -33.87, 151.21, "world.svg"))
    assert "Map: &lt;script&gt;alert(1)&lt;/script&gt;, at 33.87° S, 151.21° E" in svg and "<script>" not in svg


def test_nearby_places_are_the_nearest_others_within_reach_nearest_first():
    places = Places([place("Paris", 48.857, 2.352), place("London", 51.507, -0.128), place("Brussels", 50.847, 4.357),
                     place("Tokyo", 35.68, 139.69), place("Nowhere", None, None)])  # type: ignore[arg-type]
    nearby = places.near("Paris", 48.857, 2.352)
    assert [p.name for p in nearby] == ["Brussels", "London"]  # not Paris itself, not Tokyo (too far), not a place without coordinates
    assert nearby[0].km == pytest.approx(264, abs=3) and nearby[1].km == pytest.approx(344, abs=3)
    assert distance_km(0, 0, 0, 180) == pytest.approx(20015, abs=1)


def test_a_place_with_coordinates_gets_a_map_and_its_neighbours_and_one_without_gets_neither(tmp_path):
    write_entry(tmp_path, "a.md", "---\ntitle: Talks in Paris\ndate: 2024-03-01\nlocations: [Paris, Brussels, Atlantis]\n---\n\nText.\n")
    (tmp_path / "content/locations.yml").write_text(
        "Paris:\n  kind: city\n  lat: 48.857\n  lon: 2.352\nBrussels:\n  kind: city\n  lat: 50.847\n  lon: 4.357\nAtlantis:\n  kind: city\n",
        encoding="utf-8")
    config = load_config(tmp_path, search=False)
    build(config)
    paris = (config.site / "locations/paris/index.html").read_text(encoding="utf-8")
    assert '<svg class="locator"' in paris and 'href="../../world.svg"' in paris and (config.site / "world.svg").is_file()
    assert re.search(r'Nearby places in this timeline:</span>\s*<a href="../../locations/brussels/index.html">Brussels</a> '
                     r'<span class="count">\(264 km\)</span>', paris)
    atlantis = (config.site / "locations/atlantis/index.html").read_text(encoding="utf-8")
    assert "locator" not in atlantis and "Nearby places" not in atlantis


def entry(title: str, *locations: str) -> Entry:
    return Entry(id=title, title=title, date=__import__("datetime").date(2024, 1, 1), path=f"{title}.md", locations=locations)


def test_the_map_groups_entries_per_place_with_coordinates_most_named_first():
    kyiv, lviv = place("Kyiv", 50.45, 30.52), place("Lviv", 49.84, 24.03)
    kyiv = Term("Kyiv", "kyiv", (entry("a", "Kyiv"), entry("b", "Kiev"), entry("c", "Kyiv")), kyiv.record, spellings=("Kiev",))
    lviv = Term("Lviv", "lviv", (entry("d", "Lviv"),), lviv.record)
    nowhere = Term("Atlantis", "atlantis", (entry("e", "Atlantis"),) * 5)  # no coordinates: not on the map
    assert located([lviv, nowhere, kyiv]) == (Point("Kyiv", 50.45, 30.52, 3), Point("Lviv", 49.84, 24.03, 1))
    # an actor's map counts its own entries, each once per place however it writes the name
    places = {"Kyiv": kyiv, "Kiev": kyiv, "Lviv": lviv, "Atlantis": nowhere}
    assert seen_at([entry("a", "Kyiv", "Kiev"), entry("b", "Lviv"), entry("c", "Kiev"), entry("f", "Atlantis")], places) == (
        Point("Kyiv", 50.45, 30.52, 2), Point("Lviv", 49.84, 24.03, 1))


def test_a_map_is_framed_to_its_places_with_a_margin_not_the_whole_world():
    view = frame([(50.45, 30.52), (49.84, 24.03), (46.48, 30.72)], 3.0, 24.0)
    assert view.left < 24.03 - 3 and view.left + view.width > 30.72 + 3 and view.width == pytest.approx(2 * view.height)
    assert view.width == 24.0 and view.holds(30.52, -50.45)  # as wide as the least span: a country, not the world
    world = frame([(60.0, -179.0), (-40.0, 179.0)], 3.0, 24.0)
    assert (world.left, world.top, world.width, world.height) == (-180.0, -90.0, 360.0, 180.0)
    assert frame([], 3.0, 24.0).width == 360.0


def test_each_point_links_to_its_place_with_its_count_as_its_name_and_bigger_for_more():
    points = (Point("Kyiv", 50.45, 30.52, 12), Point("Lviv", 49.84, 24.03, 1))
    svg = ET.fromstring(str(points_svg(points, lambda name: f"../locations/{name.lower()}/index.html", "../world.svg", "Map")))
    links = svg.findall(f".//{SVG}a")
    assert [(a.get("href"), a.get("aria-label"), a.find(f"{SVG}title").text) for a in links] == [
        ("../locations/kyiv/index.html", "Kyiv: 12 entries", "Kyiv: 12 entries"), ("../locations/lviv/index.html", "Lviv: 1 entry", "Lviv: 1 entry")]
    radii = [float(a.find(f"{SVG}circle").get("r")) for a in links]
    assert radii[0] > 1.5 * radii[1]
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["Kyiv", "Lviv"] and svg.get("role") is None  # not an image: its links are read


def test_the_locator_names_the_place_and_its_neighbours_in_text_12_px_or_more_at_390_px():
    near = [Nearby("Lviv", 467, 49.84, 24.03), Nearby("Odesa", 442, 46.48, 30.72)]
    svg = ET.fromstring(str(locator_svg("Kyiv", 50.45, 30.52, "../../world.svg", near)))
    left, top, width, height = map(float, svg.get("viewBox").split())
    assert left < 24.03 and [t.text for t in svg.iter(f"{SVG}text")] == ["Kyiv", "Lviv", "Odesa"]
    assert float(svg.find(f"{SVG}g[@class='labels']").get("font-size")) * 358 / width >= 12  # the map is 358 px wide on a 390 px phone
    assert svg.find(f"{SVG}title").text.endswith("near Lviv, Odesa")
