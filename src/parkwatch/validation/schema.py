"""JSON Schema checks, one compiled validator per annotation type, errors turned into located problems."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import jsonschema_rs

if TYPE_CHECKING:
    import jsonschema

from ..base.layout import ORGANISATIONS, PARKS, PERSONS, REDIRECT, REDIRECTABLE, SOURCES

SCHEMA_FILES = {
    PARKS: "park.schema.json",
    SOURCES: "source.schema.json",
    ORGANISATIONS: "organisation.schema.json",
    PERSONS: "person.schema.json",
    REDIRECT: "redirect.schema.json",
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
    return Path(__file__).resolve().parents[3] / "schemas"


@cache
def load_schema(name: str) -> dict:
    return json.loads((schema_dir() / SCHEMA_FILES[name]).read_text(encoding="utf-8"))


@cache
def validator(name: str) -> jsonschema.protocols.Validator:
    """The validator that explains failures; imported only when a document fails (most runs have none)."""
    import jsonschema

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
    """One schema violation: a code, the path of the value, the offending key if any, and message parameters.

    `char`, when set, is the character inside the value that the problem points at.
    """

    __slots__ = ("code", "path", "key", "hint", "params", "char")

    def __init__(self, code: str, path: tuple, key: str | None = None, hint: str | None = None,
                 char: str | None = None, **params: Any):
        self.code, self.path, self.key, self.hint, self.char, self.params = code, path, key, hint, char, params


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_CURLY = "“”‘’「」『』〝〞＂"
_DASHES = "－—–‐‑﹣"
# Characters typed on a Chinese keyboard where ASCII belongs: code, what gives them away, the repair.
_TYPOGRAPHIC: tuple[tuple[str, str, Any], ...] = (
    ("text.curly-quotes", _CURLY, lambda v: '"' + v.strip(_CURLY).translate(FULLWIDTH_DIGITS) + '"'),
    ("text.fullwidth-digits", "０１２３４５６７８９", lambda v: v.translate(FULLWIDTH_DIGITS)),
    ("text.fullwidth-dash", _DASHES, lambda v: re.sub(f"[{_DASHES}]", "-", v)),
    ("text.fullwidth-space", "\u3000", lambda v: v.replace("\u3000", "").strip()),
)


def typographic(path: tuple, value: Any) -> SchemaError | None:
    """A value refused because it holds full-width or curly characters, with the ASCII it means."""
    if not isinstance(value, str):
        return None
    for code, chars, repair in _TYPOGRAPHIC:
        char = next((c for c in value if c in chars), None)
        if char is not None:
            return SchemaError(code, path, char=char, value=_short(value), fixed=repair(value)[:80])
    return None


def _describe(schema: dict) -> dict[str, str]:
    """The property's description and examples, per language, as hint parameters."""
    if not isinstance(schema, dict) or "description" not in schema:
        return {"hint": ""}
    zh, _, en = schema["description"].partition("\n")
    examples = ""
    if "examples" in schema:
        examples = " e.g. " + ", ".join(json.dumps(e, ensure_ascii=False) for e in schema["examples"][:2])
    return {"description_en": (en or zh) + examples, "description_zh": zh + examples.replace(" e.g.", " 例如")}


def _required_keys(schema: Any) -> list[str]:
    """The keys a schema requires, directly or in any of its alternatives."""
    if not isinstance(schema, dict):
        return []
    return [*schema.get("required", []), *(k for alt in schema.get("anyOf", []) for k in _required_keys(alt))]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def _explain(error: jsonschema.ValidationError) -> Iterator[SchemaError]:
    path = tuple(error.absolute_path)
    kind = error.validator
    code = _CODES.get(str(kind), "schema.invalid")
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        for key in error.instance:
            if key in known:
                continue
            text = str(key)
            close = difflib.get_close_matches(text.strip("\u3000 \t"), known, n=1)
            hint = "ideographic-space" if "\u3000" in text else "colon" if "：" in text else \
                "suggest" if close else None
            yield SchemaError(code, path, key=text, hint=hint, key_name=text, allowed=", ".join(known),
                              suggestion=close[0] if close else "")
        return
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        name = missing[0] if missing else error.message
        prop = error.schema.get("properties", {}).get(name, {}) if isinstance(error.schema, dict) else {}
        yield SchemaError(code, path, key_name=name, **_describe(prop))
        return
    if kind == "not" and isinstance(error.instance, dict):  # keys that exclude each other (name / description)
        present = [k for k in _required_keys(error.validator_value) if k in error.instance]
        yield SchemaError("schema.exclusive", path, key=present[0] if present else None,
                          key_name=", ".join(present), **_describe(error.schema))
        return
    if kind == "oneOf" and "parties" in path:
        yield SchemaError(code, path)
        return
    if kind in ("type", "pattern", "enum", "const", "format"):
        found = typographic(path, error.instance)
        if found is not None:
            yield found
            return
    described = _describe(error.schema)
    hint = described.pop("hint", None)
    if kind == "type" and isinstance(error.instance, int) and "2021-12" in described.get("description_en", ""):
        hint = "date"
    params = {"value": _short(error.instance), "detail": error.message[:160], **described}
    if kind == "type":
        params["expected"] = error.validator_value
    elif kind in ("enum", "const"):
        params["allowed"] = _short(error.validator_value)
    if kind == "oneOf":
        code = "schema.invalid"
    yield SchemaError(code, path, hint=hint, **params)


def check(name: str, data: Any) -> list[SchemaError]:
    """All schema violations of a document, each explained."""
    if name in REDIRECTABLE and isinstance(data, dict) and REDIRECT in data:
        name = REDIRECT  # a renamed or merged record: its file keeps only the redirect
    if fast_validator(name).is_valid(data):  # agreement on validity is tested on every golden case
        return []
    out: list[SchemaError] = []
    for error in validator(name).iter_errors(data):
        out.extend(_explain(error))
    return out
