"""How policies and guards are named in reasons and explanations."""

from __future__ import annotations


def name_of(rule: object) -> str:
    """Return the name a policy or guard is known by.

    Its ``name`` attribute if it has one, else its function name, else its
    class name.
    """
    for attribute in ("name", "__name__"):
        name = getattr(rule, attribute, None)
        if isinstance(name, str) and name:
            return name
    return type(rule).__name__
