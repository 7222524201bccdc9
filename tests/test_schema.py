"""`timeline schema`: the front matter's JSON Schema, made from the keys Entry declares."""

import json

from generator.fields import ENTRY_KEYS, IMAGE_KEYS
from generator.registry import Record, Registry
from generator.schema import entry_schema


def test_the_schema_has_every_key_in_order_with_what_it_holds_and_the_required_ones():
    schema = json.loads(entry_schema(Registry()))
    assert list(schema["properties"]) == list(ENTRY_KEYS) and schema["required"] == ["title", "date"]
    assert all(schema["properties"][name]["description"] == key.about for name, key in ENTRY_KEYS.items())
    assert list(schema["properties"]["image"]["properties"]) == list(IMAGE_KEYS)


def test_each_kind_of_key_has_its_own_schema():
    properties = json.loads(entry_schema(Registry()))["properties"]
    assert properties["title"] == {"type": "string", "minLength": 1, "description": ENTRY_KEYS["title"].about}
    assert properties["published"]["format"] == "date"
    assert properties["url"]["pattern"] == "^https?://"
    assert properties["tags"]["items"] == {"type": "string", "minLength": 1}  # the registry keeps no tags: none offered


def test_the_registry_offers_its_actors_and_places_every_name_sorted():
    registry = Registry(actors={"Islamic State": Record("Islamic State", "armed group", ("IS",))}, locations={"Syria": Record("Syria", "country")})
    properties = json.loads(entry_schema(registry))["properties"]
    assert properties["actors"]["items"]["examples"] == ["IS", "Islamic State"]
    assert properties["locations"]["items"]["examples"] == ["Syria"]
