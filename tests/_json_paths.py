"""Paths into JSON-like values, shared by the tests that mangle valid data."""

from __future__ import annotations

from typing import Any


def places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place below ``data``: the keys and indexes that lead to it."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += places(value, (*path, index))
    return found


def parent(data: Any, path: tuple[Any, ...]) -> Any:
    """The dict or list that holds the place at ``path``."""
    for key in path[:-1]:
        data = data[key]
    return data
