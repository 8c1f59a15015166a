"""JSON Schema checks, one compiled validator per annotation type, errors turned into located problems."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import jsonschema_rs

from .project import PARKS, SOURCES

SCHEMA_FILES = {
    PARKS: "park.schema.json",
    SOURCES: "source.schema.json",
    "vocabulary": "vocabulary.schema.json",
    "metrics": "metrics.schema.json",
    "units": "units.schema.json",
    "package": "package.schema.json",
}

_CODES = {
    "required": "schema.required",
    "additionalProperties": "schema.unknown-key",
    "type": "schema.type",
    "pattern": "schema.pattern",
    "enum": "schema.enum",
    "const": "schema.enum",
    "minLength": "schema.too-short",
    "maxLength": "schema.too-long",
    "minItems": "schema.too-few",
    "oneOf": "schema.one-of",
}


def schema_dir() -> Path:
    """The shipped schemas: package data in a wheel, the repository's schemas/ in a source checkout."""
    packaged = resources.files("parkwatch") / "schemas"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "schemas"


@cache
def load_schema(name: str) -> dict:
    return json.loads((schema_dir() / SCHEMA_FILES[name]).read_text(encoding="utf-8"))


@cache
def validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@cache
def fast_validator(name: str) -> jsonschema_rs.Validator:
    """A compiled Rust validator that only answers valid or not; jsonschema explains the failures."""
    return jsonschema_rs.validator_for(load_schema(name))


def schema_for_vocabulary(stem: str) -> str:
    return stem if stem in ("metrics", "units") else "vocabulary"


class SchemaError:
    """One schema violation: a code, a message, the path of the value, and optionally the offending key."""

    __slots__ = ("code", "message", "path", "key", "hint")

    def __init__(self, code: str, message: str, path: tuple, key: str | None = None, hint: str = ""):
        self.code, self.message, self.path, self.key, self.hint = code, message, path, key, hint


def _describe(schema: dict) -> str:
    parts = []
    if "description" in schema:
        parts.append(schema["description"].replace("\n", " / "))
    if "examples" in schema:
        parts.append("e.g. " + ", ".join(json.dumps(e, ensure_ascii=False) for e in schema["examples"][:2]))
    return " ".join(parts)


def _explain(error: jsonschema.ValidationError) -> Iterator[SchemaError]:
    path = tuple(error.absolute_path)
    kind = error.validator
    code = _CODES.get(str(kind), "schema.invalid")
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        for key in error.instance:
            if key in known:
                continue
            close = difflib.get_close_matches(str(key).strip("\u3000 \t"), known, n=1)
            hint = f"Did you mean '{close[0]}'?" if close else "Allowed keys: " + ", ".join(known)
            if "\u3000" in str(key):
                hint = "Indent with ASCII spaces, not the ideographic space U+3000. / 请用半角空格缩进，不要用全角空格。"
            elif "：" in str(key):
                hint = "Use an ASCII colon ':' after a key, not the full-width '：'. / 键后请用半角冒号。"
            yield SchemaError(code, f"unknown key '{key}'", path, key=str(key), hint=hint)
        return
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        name = missing[0] if missing else error.message
        prop = error.schema.get("properties", {}).get(name, {}) if isinstance(error.schema, dict) else {}
        yield SchemaError(code, f"missing required key '{name}'", path, hint=_describe(prop))
        return
    if kind == "oneOf" and "parties" in path:
        yield SchemaError(code, "a party names exactly one of 'park', 'division' or 'organisation'", path,
                          hint="Write one of park: <park-id>, division: {code, name, as_of} or organisation: <id>.")
        return
    hint = _describe(error.schema) if isinstance(error.schema, dict) else ""
    if kind == "type" and isinstance(error.instance, int) and "2021-12" in hint:
        hint = "Quote dates so they stay text: '2021' or '2021-12'. " + hint
    instance = json.dumps(error.instance, ensure_ascii=False, default=str)
    if len(instance) > 80:
        instance = instance[:77] + "..."
    if kind == "type":
        message = f"{instance} is not of type {error.validator_value}"
    elif kind == "pattern":
        message = f"{instance} is not in the expected form"
    else:
        message = error.message if len(error.message) < 160 else error.message[:157] + "..."
    yield SchemaError(code, message, path, hint=hint)


def check(name: str, data: Any) -> list[SchemaError]:
    """All schema violations of a document, each explained."""
    if fast_validator(name).is_valid(data):  # agreement on validity is tested on every golden case
        return []
    out: list[SchemaError] = []
    for error in validator(name).iter_errors(data):
        out.extend(_explain(error))
    return out
