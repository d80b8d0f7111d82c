"""A cadence read from plain data: the hooks of its own values, its converter, the shape check.

The converter underneath (``outreach_rules._convert``) knows every value
below the cadences; this module adds the one form a cadence file has that
no other value has, a policy reference written as a bare name or as a table
with ``use``. ``exchange`` takes its hooks from here, so ``to_dict`` writes
a cadence back in the form of its file.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import cattrs

from outreach_rules._convert import new_converter, problems
from outreach_rules.cadences._model import Cadence, PolicyRef
from outreach_rules.cadences._shape import problems as shape_problems
from outreach_rules.errors import InvalidData

__all__ = ["add_hooks", "converter", "read"]


def _policy_ref(value: Any, _: object) -> PolicyRef:
    if isinstance(value, str):
        return PolicyRef(use=value)
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a name or a table with 'use', got {value!r}")
    if "use" not in value:
        raise ValueError("use: required field is missing: name the policy or guard")
    options = {k: v for k, v in value.items() if k != "use"}
    return PolicyRef(use=value["use"], options=options)


def _policy_ref_data(ref: PolicyRef) -> Any:
    return {"use": ref.use, **ref.options} if ref.options else ref.use


def add_hooks(conv: cattrs.Converter) -> cattrs.Converter:
    """Teach ``conv`` the cadences' own forms (before it structures any cadence); returns it."""
    conv.register_structure_hook(PolicyRef, _policy_ref)
    conv.register_unstructure_hook(PolicyRef, _policy_ref_data)
    return conv


@functools.cache
def converter(*, zone_names: bool = True) -> cattrs.Converter:
    """The converter of every value, the cadences' included."""
    return add_hooks(new_converter(zone_names=zone_names))


def read(data: Mapping[str, Any], *, source: str | None = None) -> Cadence:
    """Build a ``Cadence`` from plain data, or raise ``InvalidData`` listing every problem.

    The shapes are checked first: a value of the wrong shape is one problem
    at its own path and is never read (a string would be split into
    letters, a table read as its keys).
    """
    shapes = shape_problems(data, Cadence, "")
    if shapes:
        raise InvalidData(shapes, source=source)
    try:
        cadence: Cadence = converter().structure(data, Cadence)
    except Exception as exc:  # every failure becomes one located message per problem
        raise InvalidData(problems(exc), source=source) from None
    return cadence
