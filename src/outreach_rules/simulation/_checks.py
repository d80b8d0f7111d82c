"""Validators for the simulation's inputs, and the lazy import of its optional libraries."""

from __future__ import annotations

import importlib
import math
from datetime import timedelta
from typing import Any

__all__ = [
    "EXTRA",
    "check_count",
    "check_duration",
    "check_probability",
    "check_seed",
    "is_non_negative",
    "is_positive",
    "is_probability",
    "require",
]

EXTRA = "sim"
"""The extra that installs pandas, polars and matplotlib."""


def require(name: str, needed_by: str) -> Any:
    """Import an optional library by name, or say how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(
            f'{needed_by} needs {name}: pip install "outreach-rules[{EXTRA}]"'
        ) from exc


def _number(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{field}: expected a number, got {type(value).__name__} {value!r}")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{field}: {value!r} is not a finite number")
    return number


def check_probability(value: object, field: str) -> float:
    """Return ``value`` as a float in [0, 1], or raise naming ``field``."""
    number = _number(value, field)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{field}: {value!r} is not a probability; use a number from 0 to 1")
    return number


def is_probability(_instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: a probability from 0 to 1."""
    check_probability(value, attribute.name)


def is_non_negative(_instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: a finite number at or above zero."""
    if _number(value, attribute.name) < 0:
        raise ValueError(f"{attribute.name}: {value!r} is negative; use a number >= 0")


def is_positive(_instance: object, attribute: Any, value: Any) -> None:
    """attrs validator: a finite number above zero."""
    if _number(value, attribute.name) <= 0:
        raise ValueError(f"{attribute.name}: {value!r} must be above zero")


def check_count(value: object, field: str, *, minimum: int = 1) -> int:
    """Return ``value`` if it is a whole number >= ``minimum``, or raise naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field}: expected a whole number, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{field}: {value} is too small; use a whole number >= {minimum}")
    return value


def check_seed(value: object, field: str = "seed") -> int:
    """Return ``value`` if it is an int (any sign), or raise naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field}: expected an int, got {type(value).__name__} {value!r}")
    return value


def check_duration(value: object, field: str) -> timedelta:
    """Return ``value`` if it is a ``timedelta`` of zero or more, or raise naming ``field``."""
    if not isinstance(value, timedelta):
        raise TypeError(f"{field}: expected a datetime.timedelta, got {value!r}")
    if value < timedelta(0):
        raise ValueError(f"{field}: {value!r} is negative; use a duration >= 0")
    return value
