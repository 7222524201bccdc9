"""Locator maps and nearby places: drawn from the shipped Natural Earth outline, with the timeline's own places."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.build import build
from generator.config import load_config
from generator.maps import Places, distance_km, locator_svg, world_svg
from generator.model import Term
from generator.registry import Record
from tests.conftest import write_entry

SVG = "{http://www.w3.org/2000/svg}"


def place(name: str, lat: float, lon: float) -> Term:
    return Term(name=name, slug=name.lower(), entries=(), record=Record(name, "city", lat=lat, lon=lon))


def test_the_world_outline_is_land_in_longitude_and_latitude():
    svg = ET.fromstring(world_svg())
    path = svg.find(f"{SVG}path").get("d")
    rings = path.count("M")
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
    assert svg.get("viewBox") == "-180 -90 360 180" and rings > 100
    assert all(-180 <= n <= 180 for n in numbers[0::2]) and all(-90 <= n <= 90 for n in numbers[1::2])


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
