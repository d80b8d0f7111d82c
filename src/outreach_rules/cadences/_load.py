"""Reading cadence files: TOML or JSON in, a checked ``Cadence`` out, or every problem located.

A problem in a TOML file names its line; in a JSON file, its JSON pointer;
both name the field path (``steps[2].channel``) and what would be valid.
Reading never imports a module or evaluates anything the file says.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from outreach_rules.cadences import _shape
from outreach_rules.cadences._data import read
from outreach_rules.cadences._model import Cadence
from outreach_rules.errors import InvalidData

__all__ = ["InvalidCadence", "Problem", "load", "loads"]

# Cadence files run to a few thousand characters, and their keys to a few parts. These
# limits keep reading bounded: the TOML parser takes time quadratic in the number of parts
# of one dotted key, and a key lies on one line.
_MAX_BYTES = 100_000
_MAX_DOTS_PER_LINE = 500
_NAME = r"[A-Za-z0-9_\-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"'
# A field path as problems write it: steps[2].channel, exit.max_attempts.call, on["no answer"].
_PATH = re.compile(rf"^(\(top\)|{_NAME}(?:\[\d+\]|\[{_QUOTED}\]|\.{_NAME})*): ")
_PART = re.compile(rf"\[(\d+)\]|\[({_QUOTED})\]|\.?({_NAME})")


@attrs.frozen(kw_only=True)
class Problem:
    """One problem in a cadence file, located."""

    message: str
    path: str
    """The field, e.g. ``steps[2].channel``; ``(top)`` for the file as a whole."""
    pointer: str
    """The same place as a JSON pointer, e.g. ``/steps/2/channel``."""
    line: int | None = None
    """The line in a TOML file, when it can be found."""
    source: str | None = None

    def __str__(self) -> str:
        where = self.source or "<cadence>"
        if self.line is not None:
            where += f":{self.line}"
        place = self.path if self.line is not None else self.pointer or "(top)"
        return f"{where}: {place}: {self.message}"


class InvalidCadence(InvalidData):
    """A cadence file that cannot be used, with every problem located (``.found``)."""

    found: tuple[Problem, ...]
    """Every problem, located, in file order."""
    source: str | None
    """The file the problems are in, when read from one."""

    def __init__(self, found: list[Problem], *, source: str | None = None) -> None:
        self.found = tuple(found)
        super().__init__([str(p) for p in found])
        self.source = source


def _parts(path: str) -> tuple[str | int, ...]:
    if path == "(top)":
        return ()
    parts: list[str | int] = []
    for match in _PART.finditer(path):
        number, quoted, name = match.groups()
        if number is not None:
            parts.append(int(number))
        elif quoted is not None:
            parts.append(json.loads(quoted))
        else:
            parts.append(name)
    return tuple(parts)


def _pointer(parts: tuple[str | int, ...]) -> str:
    return "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in parts)


def _split(problem: str) -> tuple[str, str]:
    match = _PATH.match(problem)
    if match is None:
        return "(top)", problem
    return match[1], problem[match.end() :]


_SEGMENT = rf"(?:{_NAME}|{_QUOTED}|'[^']*')"
_KEYS = rf"{_SEGMENT}(?:\s*\.\s*{_SEGMENT})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_KEYS})\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(rf"^\s*({_KEYS})\s*=")
# No field of a cadence lies deeper than this; a longer dotted key is mapped only this far,
# which keeps mapping the lines linear in the length of the text.
_DEPTH = 12


def _names(keys: str) -> list[str]:
    """The names of a dotted TOML key, quotes taken off: ``on."no answer"`` → on, no answer."""
    names = []
    for segment in re.findall(_SEGMENT, keys):
        if segment.startswith('"'):
            names.append(json.loads(segment))
        elif segment.startswith("'"):
            names.append(segment[1:-1])
        else:
            names.append(segment)
    return names


def _lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Where each table and key of a TOML text starts: its path to its line number."""
    found: dict[tuple[str | int, ...], int] = {}
    arrays: dict[tuple[str | int, ...], int] = {}
    table: tuple[str | int, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if match:
            names = _names(match[2])[:_DEPTH]
            path: tuple[str | int, ...] = ()
            for i, name in enumerate(names):
                path += (name,)
                last = i == len(names) - 1
                if last and match[1] == "[[":
                    # The array as a whole starts at its first table.
                    found.setdefault(path, number)
                    arrays[path] = arrays.get(path, 0) + 1
                    path += (arrays[path] - 1,)
                elif path in arrays:
                    path += (arrays[path] - 1,)
            table = path
            found.setdefault(table, number)
            continue
        match = _KEY.match(line)
        if match:
            found.setdefault((*table, *_names(match[1])[:_DEPTH]), number)
    return found


def _locate(
    lines: dict[tuple[str | int, ...], int] | None, parts: tuple[str | int, ...]
) -> int | None:
    if lines is None:
        return None
    for end in range(len(parts), 0, -1):
        if parts[:end] in lines:
            return lines[parts[:end]]
    return None


def _problems(lines: list[str], source: str | None, toml_text: str | None) -> list[Problem]:
    found = []
    # The TOML text is mapped once, however many problems it has.
    where = _lines(toml_text) if toml_text is not None else None
    for line in lines:
        path, message = _split(line)
        parts = _parts(path)
        found.append(
            Problem(
                message=message,
                path=path,
                pointer=_pointer(parts),
                line=_locate(where, parts) or (1 if where is not None else None),
                source=source,
            )
        )
    return found


def _syntax(exc: Exception, source: str | None, kind: str) -> InvalidCadence:
    message = str(exc)
    line = getattr(exc, "lineno", None)
    match = re.search(r"at line (\d+)", message)
    if line is None and match:
        line = int(match[1])
    problem = Problem(
        message=f"not valid {kind}: {message}", path="(top)", pointer="", line=line, source=source
    )
    return InvalidCadence([problem], source=source)


def parse(text: str, *, format: str, source: str | None = None) -> dict[str, Any]:
    """Read TOML or JSON text into plain data, or raise ``InvalidCadence`` with the line."""
    if len(text) > _MAX_BYTES:
        raise InvalidCadence(
            [
                Problem(
                    message=f"the file is over {_MAX_BYTES:,} characters; a cadence is "
                    "never that long",
                    path="(top)",
                    pointer="",
                    source=source,
                )
            ],
            source=source,
        )
    lines = text.split("\n") if format == "toml" else []
    crowded = next(
        (n for n, line in enumerate(lines, start=1) if line.count(".") > _MAX_DOTS_PER_LINE), None
    )
    if crowded is not None:
        problem = Problem(
            message=f"more than {_MAX_DOTS_PER_LINE} dots on one line; no key of a cadence "
            "has that many parts",
            path="(top)",
            pointer="",
            line=crowded,
            source=source,
        )
        raise InvalidCadence([problem], source=source)
    try:
        data = tomllib.loads(text) if format == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _syntax(exc, source, format.upper()) from None
    except ValueError:
        # Neither parser checks the length of a whole number; Python refuses to convert it.
        problem = Problem(
            message=f"not valid {format.upper()}: a number has more than "
            f"{sys.get_int_max_str_digits()} digits",
            path="(top)",
            pointer="",
            source=source,
        )
        raise InvalidCadence([problem], source=source) from None
    if not isinstance(data, dict):
        problem = Problem(
            message=_shape.expected("a table of cadence fields", data),
            path="(top)",
            pointer="",
            source=source,
        )
        raise InvalidCadence([problem], source=source)
    return data


def loads(
    text: str,
    *,
    format: str = "toml",
    source: str | None = None,
    policies: Mapping[str, Any] | None = None,
    guards: Mapping[str, Any] | None = None,
) -> Cadence:
    """Read a cadence from TOML (``format="toml"``) or JSON text and check it whole.

    The check builds the playbook once, so unknown policy names, bad
    options and missing scripts are found here, not at planning time.
    ``policies``/``guards`` add factories by name for this cadence.
    Raises ``InvalidCadence`` (an ``orl.InvalidData``) listing every
    problem with its line (TOML) or JSON pointer.
    """
    if format not in ("toml", "json"):
        raise ValueError(f"format: {format!r} is not one of: toml, json")
    data = parse(text, format=format, source=source)
    toml_text = text if format == "toml" else None
    return from_data(data, source=source, toml_text=toml_text, policies=policies, guards=guards)


def from_data(
    data: Mapping[str, Any],
    *,
    source: str | None = None,
    toml_text: str | None = None,
    policies: Mapping[str, Any] | None = None,
    guards: Mapping[str, Any] | None = None,
) -> Cadence:
    """Check plain data (as read from a file) and build the ``Cadence``."""
    if "$schema" in data:
        # A JSON file may point editors at the schema; the key is for them alone.
        if not isinstance(data["$schema"], str):
            problem = Problem(
                message=_shape.expected("the schema's address as a string", data["$schema"]),
                path="$schema",
                pointer="/$schema",
                source=source,
            )
            raise InvalidCadence([problem], source=source)
        data = {key: value for key, value in data.items() if key != "$schema"}
    try:
        cadence = read(data)
        cadence.to_playbook(policies=policies, guards=guards)
    except InvalidData as exc:
        raise InvalidCadence(
            _problems(list(exc.problems), source, toml_text), source=source
        ) from None
    return cadence


def load(
    path: str | Path,
    *,
    policies: Mapping[str, Any] | None = None,
    guards: Mapping[str, Any] | None = None,
) -> Cadence:
    """Read a cadence file: ``.toml`` or ``.json`` (by its suffix), checked whole.

    Raises ``InvalidCadence`` naming the file and the line or JSON pointer
    of each problem, ``OSError`` if the file cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise ValueError(f"path: {str(path)!r} should end in .toml or .json")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidCadence(
            [
                Problem(
                    message=f"not UTF-8 text: {exc.reason}",
                    path="(top)",
                    pointer="",
                    source=str(path),
                )
            ],
            source=str(path),
        ) from None
    return loads(text, format=suffix[1:], source=str(path), policies=policies, guards=guards)
