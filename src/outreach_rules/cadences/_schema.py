"""The JSON Schema of cadence files, generated from the model classes.

Types come from the classes' annotations, descriptions from their
docstrings and the docstrings under their fields, so the schema cannot drift
from what ``load`` accepts. The schema checks shape (names, types, allowed
values); checks across steps (branches to missing steps, unbounded loops,
empty windows) are only made by ``load``.
"""

from __future__ import annotations

import ast
import enum
import functools
import inspect
import itertools
import textwrap
import types
import typing
from collections.abc import Mapping
from datetime import time
from typing import Any

import attrs

from outreach_rules.cadences import _model as m
from outreach_rules.cadences._data import converter
from outreach_rules.channels import Channel
from outreach_rules.outcomes import Outcome

__all__ = ["schema"]

_ID_PATTERN = m._ID.pattern
_TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
_COUNTS = {"_count", "_optional_count"}


@functools.cache
def _field_docs(cls: type) -> dict[str, str]:
    """The docstrings written under a class's fields, by field name."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # no source shipped: descriptions are optional
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for before, after in itertools.pairwise(body):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[before.target.id] = _plain(" ".join(after.value.value.split()))
    return docs


def _plain(text: str) -> str:
    # Editors show a description as it is: one backtick reads better than two.
    return text.replace("``", "`")


def _summary(cls: type) -> str:
    return _plain(" ".join((inspect.getdoc(cls) or "").split("\n\n")[0].split()))


def _default(value: Any) -> Any:
    if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
        value = value.factory()
    if attrs.has(type(value)):
        return None
    data = converter().unstructure(value)
    if isinstance(data, (list, tuple)) and all(isinstance(x, str) for x in data):
        return sorted(data) if isinstance(value, frozenset) else list(data)
    return data


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def type_schema(self, hint: Any) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            inner = self.type_schema(options[0]) if len(options) == 1 else {}
            return {"anyOf": [inner, {"type": "null"}]}
        if hint is str:
            return {"type": "string"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is time:
            return {"type": "string", "pattern": _TIME_PATTERN}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [member.value for member in hint]}
        if origin in (tuple, frozenset) and args:
            items = self.type_schema(args[0])
            result: dict[str, Any] = {"type": "array", "items": items}
            if origin is frozenset:
                result["uniqueItems"] = True
            return result
        if origin in (Mapping, dict) or hint is Mapping:
            return {"type": "object"}
        if isinstance(hint, type) and attrs.has(hint):
            return self.ref(hint)
        return {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls, vars(m))
        docs = _field_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            prop = _OVERRIDES.get((cls.__name__, field.name)) or self.type_schema(hints[field.name])
            prop = dict(prop)
            if getattr(field.validator, "__name__", "") in _COUNTS and "anyOf" not in prop:
                prop.update(minimum=0, maximum=m.MAX_COUNT)
            elif getattr(field.validator, "__name__", "") in _COUNTS:
                prop["anyOf"][0].update(minimum=0, maximum=m.MAX_COUNT)
            if field.name in docs:
                prop["description"] = docs[field.name]
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                default = _default(field.default)
                if default is not None:
                    prop["default"] = default
            properties[field.name] = prop
        result: dict[str, Any] = {
            "type": "object",
            "description": _summary(cls),
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            result["required"] = required
        if cls is m.Wait:
            # Exactly one amount: business days, days or hours.
            result["oneOf"] = [
                {"required": [unit], "properties": {unit: {"type": "integer"}}}
                for unit in ("business_days", "days", "hours")
            ]
        return result


_POLICY_REF: dict[str, Any] = {
    "description": "A policy or guard by name, alone or with its options.",
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"use": {"type": "string", "description": "The name."}},
            "required": ["use"],
            "additionalProperties": True,
        },
    ],
}

_OVERRIDES: dict[tuple[str, str], dict[str, Any]] = {
    ("Step", "id"): {"type": "string", "pattern": _ID_PATTERN},
    ("Variant", "id"): {"type": "string", "pattern": _ID_PATTERN},
    ("Step", "next"): {"anyOf": [{"type": "string", "pattern": _ID_PATTERN}, {"type": "null"}]},
    ("Step", "on"): {
        "type": "object",
        "propertyNames": {"enum": [o.value for o in Outcome]},
        "additionalProperties": {"type": "string", "pattern": _ID_PATTERN},
    },
    ("Window", "days"): {
        "type": "array",
        "items": {"enum": list(m.WEEKDAYS)},
        "uniqueItems": True,
        "minItems": 1,
    },
    ("Exits", "on"): {"type": "array", "items": {"enum": list(m.EXIT_NAMES)}, "uniqueItems": True},
    ("Exits", "max_attempts"): {
        "type": "object",
        "propertyNames": {"enum": [c.value for c in Channel]},
        "additionalProperties": {"type": "integer", "minimum": 1},
    },
    ("Cadence", "policies"): {"type": "array", "items": _POLICY_REF},
    ("Cadence", "guards"): {"type": "array", "items": _POLICY_REF},
    ("Cadence", "markets"): {
        "type": "array",
        "items": {"type": "string", "pattern": r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"},
    },
    ("Cadence", "format"): {"const": 1},
}


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a cadence file, TOML or JSON."""
    builder = _Builder()
    root = builder.object_schema(m.Cadence)
    root["properties"] = {
        "$schema": {
            "type": "string",
            "description": "Where editors find this schema; ignored when the file is read.",
        },
        **root["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "outreach_rules cadence",
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }
