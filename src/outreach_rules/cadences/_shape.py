"""The shape of a cadence file: a table, a list, a string or a number where the model says.

Read before the values are built, so that a table given for a list (or a
string for a list, which Python would split into letters) is one problem at
its own path, worded the same way everywhere: ``steps: expected a list of
tables, got a table {'id': 'a'}``. The expected shapes come from the model
classes' annotations, as the JSON Schema's do, so they cannot drift apart.
What a value means (a known channel, a time of day, a step that exists) is
left to the checks that come after.
"""

from __future__ import annotations

import enum
import functools
import reprlib
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

from outreach_rules import _validate as v

__all__ = ["as_list", "as_table", "expected", "problems"]

# Bounded, whatever the value: a message quotes the start of it, never all of it.
_SHORT = reprlib.Repr()
_SHORT.maxlevel = 2
_SHORT.maxstring = 40
_SHORT.maxother = 40
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 4

# The plain values a field can hold, what a file may give for each, and how to say so.
_LEAVES: dict[object, tuple[tuple[type, ...], str]] = {
    str: ((str,), "a string"),
    int: ((int,), "a whole number"),
    float: ((int, float), "a number"),
    bool: ((bool,), "true or false"),
    time: ((str, time), "a time of day such as '09:30'"),
    timedelta: ((str,), "a duration such as 'PT2H'"),
}
_LISTS = (tuple, list, frozenset, set)
# What a file holds, in the words of TOML (JSON's object is a table, its array a list).
_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (Mapping, "a table"),
    ((list, tuple), "a list"),
    (str, "a string"),
    ((int, float), "a number"),
)


def _given(value: object) -> str:
    """What a file gave, in its own words and short: ``a string 'call'``, ``a table {…}``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return f"a date and time {value.isoformat()}"
    if isinstance(value, (date, time)):
        return f"a {'time' if isinstance(value, time) else 'date'} {value.isoformat()}"
    if value is None:
        return "null"
    kind = next((name for kinds, name in _KINDS if isinstance(value, kinds)), type(value).__name__)
    return f"{kind} {_SHORT.repr(value)}"


def expected(what: str, value: object) -> str:
    """The message for a value of the wrong shape: ``expected a list, got a string 'US'``."""
    return f"expected {what}, got {_given(value)}"


def as_table(value: object, field: str) -> dict[Any, Any]:
    """A copy of a mapping (``None`` is an empty one), or a ``TypeError`` naming ``field``."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise v.field_error(TypeError, field, expected("a table", value))
    return dict(value)


def as_list(value: object, field: str) -> tuple[Any, ...]:
    """A tuple of a list's items, or a ``TypeError`` naming ``field``: a string is not split."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, _LISTS):
        raise v.field_error(TypeError, field, expected("a list", value))
    return tuple(value)


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    try:
        hints = typing.get_type_hints(cls)
    except (NameError, TypeError):  # a plugin's unresolvable annotations: its converter decides
        return ()
    return tuple((f.name, hints[f.name]) for f in attrs.fields(cls) if f.init and f.name in hints)


def _is_ref(hint: object) -> bool:
    from outreach_rules.cadences._model import PolicyRef

    return hint is PolicyRef


def _is_table(hint: Any) -> bool:
    if isinstance(hint, type) and attrs.has(hint):
        return True
    return hint in (dict, Mapping) or typing.get_origin(hint) in (dict, Mapping)


def _expects(hint: Any) -> tuple[str, tuple[type, ...]] | None:
    """What a file should give for a value of type ``hint``, in words and as the types
    that fit; ``None`` when anything goes (the value's own converter decides)."""
    if _is_ref(hint):
        return "a name or a table with 'use'", (str, Mapping)
    if _is_table(hint):
        return "a table", (Mapping,)
    if typing.get_origin(hint) in _LISTS:
        (item, *_) = typing.get_args(hint) or (Any,)
        tables = isinstance(item, type) and attrs.has(item) and not _is_ref(item)
        return ("a list of tables" if tables else "a list"), (list, tuple)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "a string", (str,)
    leaf = _LEAVES.get(hint)
    return (leaf[1], leaf[0]) if leaf else None


def _fits(value: object, kinds: tuple[type, ...]) -> bool:
    # A bool is an int to Python, never to a cadence file.
    return isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)


def problems(value: object, hint: Any, path: str) -> list[str]:
    """Every value under ``value`` whose shape is not the one ``hint`` holds, as ``path: message``.

    Only shapes are checked; keys the model does not know are left to the
    structuring, which names them with the valid ones.
    """
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None and len(options) < len(typing.get_args(hint)):
            return []
        if len(options) == 1:
            return problems(value, options[0], path)
        if any(not problems(value, option, path) for option in options):
            return []
        named = [e[0] for e in map(_expects, options) if e is not None]
        return [f"{path}: {expected(' or '.join(named), value)}"]
    expects = _expects(hint)
    if expects is None:
        return []
    what, kinds = expects
    if not _fits(value, kinds):
        return [f"{path or '(top)'}: {expected(what, value)}"]
    if _is_ref(hint):
        # A name, or a table of 'use' and the options, which the factory's own fields check.
        if isinstance(value, Mapping) and "use" in value:
            return problems(value["use"], str, v.key_path(path, "use"))
        return []
    args = typing.get_args(hint)
    if isinstance(hint, type) and attrs.has(hint):
        assert isinstance(value, Mapping)
        return [
            found
            for name, inner in _fields(hint)
            if name in value
            for found in problems(value[name], inner, v.key_path(path, name))
        ]
    if origin in _LISTS and args and (origin is not tuple or args[-1] is Ellipsis):
        assert isinstance(value, (list, tuple))
        return [
            found
            for i, item in enumerate(value)
            for found in problems(item, args[0], f"{path}[{i}]")
        ]
    if _is_table(hint) and len(args) == 2:
        assert isinstance(value, Mapping)
        return [
            found
            for key, item in value.items()
            for found in problems(item, args[1], v.key_path(path, key))
        ]
    return []
