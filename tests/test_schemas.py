"""The schemas are the contributors' contract: valid Draft 2020-12, closed, and documented in zh and en."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from parkwatch.validation.schema import SCHEMA_FILES, schema_dir

SCHEMAS = sorted(schema_dir().glob("*.schema.json"))
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_schema_file_is_used() -> None:
    assert {p.name for p in SCHEMAS} == set(SCHEMA_FILES.values())


def properties(node, path=()):
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield path + (name,), sub
        for key, value in node.items():
            if key not in ("if", "not"):  # conditions restate properties; they are not new ones
                yield from properties(value, path + (key,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from properties(item, path + (i,))


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_schema_is_valid_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_property_is_described_in_chinese_and_english(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    for where, prop in properties(schema):
        if "$ref" in prop and "description" not in prop:
            continue  # described where it is defined
        description = prop.get("description", "")
        assert HAN.search(description), where
        assert re.search(r"[A-Za-z]{3}", description), where


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_object_is_closed(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for item in node:
                yield from objects(item)

    for node in objects(schema):
        assert node.get("additionalProperties") is False


def test_leaf_properties_have_examples() -> None:
    schema = json.loads((schema_dir() / "park.schema.json").read_text(encoding="utf-8"))
    missing = [where for where, prop in properties(schema)
               if prop.get("type") in ("string", "number") and "examples" not in prop and where[-1] != "notes"
               and where[-1] != "note"]
    assert missing == []
