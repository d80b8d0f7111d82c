"""Suggestions for a mistyped name: the closest known names, for "did you mean" hints.

One helper for every place that refuses a name it does not know (a time
zone, a channel, an outcome, a field, a CRM disposition), so that all of
them suggest alike.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


def _folded(name: str) -> str:
    # Case, spaces and hyphens are the usual slips ("Hung Up", "no-answer" for "hung_up").
    return name.casefold().replace(" ", "_").replace("-", "_")


def closest(value: object, names: Iterable[str], *, n: int = 3) -> list[str]:
    """The known ``names`` closest to ``value``, best first, at most ``n`` (none if far off)."""
    if not isinstance(value, str):
        return []
    by_folded: dict[str, str] = {}
    for name in sorted(names):
        by_folded.setdefault(_folded(name), name)
    found = difflib.get_close_matches(_folded(value), list(by_folded), n=n)
    return [by_folded[key] for key in found]


def did_you_mean(value: object, names: Iterable[str], *, n: int = 3) -> str:
    """``"; did you mean 'a', 'b'?"`` for the names closest to ``value``, or ``""``."""
    close = closest(value, names, n=n)
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""
