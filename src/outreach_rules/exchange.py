"""Data exchange: every public value to JSON-compatible dicts and back, without loss.

Aware datetimes are written as RFC 9557 text, ISO 8601 with the offset and,
when known, the zone name (``2026-03-10T10:00:00-04:00[America/New_York]``);
plain ISO 8601 with an offset is accepted on input, a naive time is not.
Sets are written as sorted lists. History entries and references are told
apart by their fields: an attempt has an ``outcome``, an event a ``kind``,
an action a ``purpose``.
"""

from __future__ import annotations

import difflib
import enum
import functools
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any, TypeVar

import attrs
import cattrs
import pendulum
from cattrs import AttributeValidationNote, IterableValidationNote
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from outreach_rules._time import zone
from outreach_rules._validate import key_path
from outreach_rules.actions import Action, Reference, Script
from outreach_rules.brief import Brief
from outreach_rules.cadences._model import (
    Cadence,
    PolicyRef,
    Recipient,
    ReEnrolRule,
    Since,
)
from outreach_rules.cadences._shape import problems as cadence_shapes
from outreach_rules.channels import Channel
from outreach_rules.errors import InvalidData
from outreach_rules.history import Attempt, Event, HistoryItem
from outreach_rules.offerings import Offering
from outreach_rules.outcomes import EventKind, Outcome
from outreach_rules.plans import Plan
from outreach_rules.prospects import Phone, PhoneKind, Prospect, Sender
from outreach_rules.replies import Reply, ReplyKind
from outreach_rules.trips import Trip

__all__ = ["VALUE_TYPES", "format_datetime", "from_dict", "parse_datetime", "to_dict"]

T = TypeVar("T")

VALUE_TYPES: tuple[type, ...] = (
    Prospect,
    Phone,
    Sender,
    Attempt,
    Event,
    Offering,
    Trip,
    Action,
    Script,
    Plan,
    Brief,
    Cadence,
    Reply,
)
"""The public values that ``to_dict``/``from_dict`` exchange."""

# A message that starts with a field name, as every validator here writes them.
_NAMED_MESSAGE = re.compile(r"^([a-z_][a-z0-9_]*(?:\[\d+\]|\.[a-z_][a-z0-9_]*)*): ")
_ZONE_SUFFIX = re.compile(r"^(?P<base>[^\[]+)(?:\[(?P<critical>!?)(?P<zone>[^\]]+)\])?$")
# The longest RFC 9557 text is under 80 characters; longer text is refused before parsing,
# whose fallback parser takes time quadratic in the length.
_MAX_DATETIME_TEXT = 100
# Instants outside these years are typing mistakes, and planning near the ends of what
# datetime holds (years 1 and 9999) would overflow.
_FIRST_YEAR = 1900
_LAST_YEAR = 2999


def format_datetime(moment: datetime) -> str:
    """Write an aware datetime as RFC 9557 text: ISO 8601, offset, then the zone name if known."""
    key = getattr(moment.tzinfo, "key", None)
    text = moment.isoformat()
    return f"{text}[{key}]" if isinstance(key, str) and key else text


def parse_datetime(text: object) -> datetime:
    """Read RFC 9557 or ISO 8601 text with an offset into an aware datetime.

    With a zone name in brackets the result is in that zone, and an offset
    that disagrees with the zone at that instant is an error. Without an
    offset, a zone name is required: a naive time is never guessed. Years
    outside 1900–2999, and text longer than 100 characters, are refused.
    """
    if isinstance(text, datetime):
        moment = text
    else:
        if not isinstance(text, str):
            raise TypeError(
                f"expected ISO 8601 text such as '2026-03-10T10:00:00-04:00', got {text!r}"
            )
        if len(text) > _MAX_DATETIME_TEXT:
            raise ValueError(
                f"{text[:40]!r}… ({len(text):,} characters) is too long for ISO 8601 / "
                f"RFC 9557 text (at most {_MAX_DATETIME_TEXT})"
            )
        match = _ZONE_SUFFIX.match(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not ISO 8601 / RFC 9557 text")
        base, name = match["base"], match["zone"]
        moment = _in_range(_parse_iso(base, text), text)
        if name is not None:
            tz = zone(name)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=tz)
                # A wall time inside a gap does not exist; refuse it rather than shift it.
                if moment.astimezone(pendulum.UTC).astimezone(tz).replace(tzinfo=None) != (
                    moment.replace(tzinfo=None)
                ):
                    raise ValueError(f"{text!r}: that local time does not exist in {name}")
            else:
                local = moment.astimezone(tz)
                if local.utcoffset() != moment.utcoffset():
                    raise ValueError(
                        f"{text!r}: offset {moment.isoformat()[-6:]} does not match {name} "
                        f"at that moment ({local.isoformat()[-6:]})"
                    )
                moment = local
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TypeError(
            f"naive datetime {moment.isoformat()!r}: add an offset (e.g. '-05:00' or 'Z') or a "
            "zone such as '[America/New_York]'"
        )
    return _in_range(moment, moment)


def _in_range(moment: datetime, shown: object) -> datetime:
    # The local year: converting near year 1 or 9999 to UTC could itself overflow.
    if not _FIRST_YEAR <= moment.year <= _LAST_YEAR:
        raise ValueError(f"{shown!r}: the year {moment.year} is not in {_FIRST_YEAR}–{_LAST_YEAR}")
    return moment


def _parse_iso(base: str, original: str) -> datetime:
    try:
        return datetime.fromisoformat(base)
    except ValueError:
        pass
    try:
        parsed = pendulum.parse(base, tz=None, strict=False)
    except (ValueError, OverflowError, pendulum.parsing.exceptions.ParserError):
        # OverflowError: pendulum reads "P1000000000D" as a duration too long for timedelta.
        raise ValueError(f"{original!r} is not ISO 8601 / RFC 9557 text") from None
    if not isinstance(parsed, datetime):
        raise ValueError(f"{original!r} is not a date and time")
    return parsed


def _parse_date(text: object) -> date:
    if isinstance(text, datetime):
        raise TypeError(f"expected a date such as '2026-03-10', got a datetime {text!r}")
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        raise TypeError(f"expected a date such as '2026-03-10', got {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 date such as '2026-03-10'") from None


def _structure_enum(value: Any, cls: type[enum.StrEnum]) -> enum.StrEnum:
    try:
        return cls(value)
    except ValueError:
        valid = ", ".join(m.value for m in cls)
        raise ValueError(f"{value!r} is not one of: {valid}") from None


def _strings(value: object, _: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        raise TypeError(f"expected a list of strings, got {value!r}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"expected a list of strings, got item {item!r}")
    return frozenset(value)


def _discriminate(data: object, allowed: tuple[type, ...]) -> type:
    if isinstance(data, Mapping):
        for key, cls in (("outcome", Attempt), ("kind", Event), ("purpose", Action)):
            if key in data and cls in allowed:
                return cls
    names = " or ".join(
        {
            Attempt: "an attempt (with 'outcome')",
            Event: "an event (with 'kind')",
            Action: "an action (with 'purpose')",
        }[c]
        for c in allowed
    )
    raise ValueError(f"expected {names}, got {data!r}")


def strict(kind: type) -> Any:
    """A structure hook that takes only a real ``kind`` (int, str or bool), never a look-alike."""
    # cattrs would turn 5 into "5" and "3" into 3: outside data is refused instead.
    names = {int: "a whole number", str: "text", bool: "true or false"}

    def structure(value: Any, _: object) -> Any:
        if type(value) is not kind and not (kind is str and isinstance(value, str)):
            raise TypeError(f"expected {names[kind]}, got {value!r}")
        return value

    return structure


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


def _is(expected: object) -> Any:
    return lambda t: t == expected


def _structure_member(conv: cattrs.Converter, members: tuple[type, ...]) -> Any:
    return lambda value, _: conv.structure(value, _discriminate(value, members))


@functools.cache
def _converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_unstructure_hook(datetime, format_datetime)
    conv.register_structure_hook(datetime, lambda v, _: parse_datetime(v))
    conv.register_unstructure_hook(date, lambda d: d.isoformat())
    conv.register_structure_hook(date, lambda v, _: _parse_date(v))
    conv.register_unstructure_hook_func(
        lambda t: t is frozenset or getattr(t, "__origin__", None) is frozenset, sorted
    )
    conv.register_structure_hook_func(lambda t: t == frozenset[str], _strings)
    for kind in (int, str, bool):
        conv.register_structure_hook(kind, strict(kind))
    conv.register_structure_hook(time, lambda v, _: v)  # the value's converter reads "09:30"
    conv.register_unstructure_hook(time, lambda t: t.strftime("%H:%M"))
    conv.register_structure_hook(PolicyRef, _policy_ref)
    conv.register_unstructure_hook(PolicyRef, _policy_ref_data)
    for enum_type in (
        Channel,
        Outcome,
        EventKind,
        PhoneKind,
        Since,
        Recipient,
        ReEnrolRule,
        ReplyKind,
    ):
        conv.register_structure_hook(enum_type, _structure_enum)
    phone_from_mapping = conv.get_structure_hook(Phone)
    conv.register_structure_hook(
        Phone,
        lambda v, t: Phone.of(v, "number") if isinstance(v, str) else phone_from_mapping(v, t),
    )
    unions: tuple[tuple[object, tuple[type, ...]], ...] = (
        (HistoryItem, (Attempt, Event)),
        (Reference, (Attempt, Event, Action)),
    )
    for union, members in unions:
        conv.register_structure_hook_func(_is(union), _structure_member(conv, members))
        conv.register_unstructure_hook_func(_is(union), lambda v: conv.unstructure(v, type(v)))
    return conv


def to_dict(value: Any) -> dict[str, Any]:
    """Return a JSON-compatible dict for any public value (see ``VALUE_TYPES``)."""
    if not isinstance(value, VALUE_TYPES):
        names = ", ".join(t.__name__ for t in VALUE_TYPES)
        raise TypeError(f"to_dict: expected one of {names}, got {type(value).__name__}")
    result = _converter().unstructure(value, type(value))
    assert isinstance(result, dict)
    return result


def from_dict(cls: type[T], data: object, *, source: str | None = None) -> T:
    """Build a ``cls`` value from a dict made by ``to_dict`` (or written by hand).

    Raises ``orl.InvalidData`` listing each bad field with its path, e.g.
    ``history[3].outcome: 'hungup' is not one of: ...``. ``source`` (a file
    name, a record number) prefixes every message.
    """
    if cls not in VALUE_TYPES:
        names = ", ".join(t.__name__ for t in VALUE_TYPES)
        raise TypeError(f"from_dict: expected one of {names}, got {cls!r}")
    if not isinstance(data, Mapping):
        raise InvalidData(
            [f"(top): expected an object for {cls.__name__}, got {data!r}"], source=source
        )
    if cls is Cadence:
        # As for a cadence file: a value of the wrong shape is one problem at its own path.
        shapes = cadence_shapes(data, Cadence, "")
        if shapes:
            raise InvalidData(shapes, source=source)
    try:
        return _converter().structure(data, cls)
    except Exception as exc:  # every failure becomes one located message per problem
        raise InvalidData(problems(exc), source=source) from None


def located(prefix: str, problem: str) -> str:
    """Put a field's prefix before a problem's own path (``(top)`` is the field itself)."""
    top = "(top): "
    if problem.startswith(top):
        return f"{prefix}: {problem[len(top) :]}"
    joiner = "" if problem.startswith("[") else "."
    return f"{prefix}{joiner}{problem}"


def history_from_dicts(entries: Iterable[object]) -> tuple[list[HistoryItem], list[str]]:
    """Read a record's history (an entry with a ``kind`` is an event, any other an attempt).

    Returns the items read and the problems of the others, each located as
    ``history[i].field``, in order: callers that report one problem take the first.
    """
    history: list[HistoryItem] = []
    found: list[str] = []
    for index, entry in enumerate(entries):
        kind: type[Attempt] | type[Event] = (
            Event if isinstance(entry, Mapping) and "kind" in entry else Attempt
        )
        try:
            history.append(from_dict(kind, entry))
        except InvalidData as exc:
            found.extend(located(f"history[{index}]", problem) for problem in exc.problems)
    return history, found


def _did_you_mean(key: str, names: list[str]) -> str:
    close = difflib.get_close_matches(key, names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def problems(exc: BaseException, path: str = "") -> list[str]:
    """Flatten a structuring error into ``path: message`` lines."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        found: list[str] = []
        with_notes, without_notes = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, IterableValidationNote) and isinstance(note.index, str):
                found += problems(sub, key_path(path, note.index))
            elif isinstance(note, IterableValidationNote):
                found += problems(sub, f"{path}[{note.index}]")
            elif isinstance(note, AttributeValidationNote):
                found += problems(sub, f"{path}.{note.name}" if path else str(note.name))
            else:
                found += problems(sub, path)
        for sub in without_notes:
            found += problems(sub, path)
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        names = [a.name.lstrip("_") for a in attrs.fields(exc.cl) if a.init]
        # One problem per unknown key, each at its own path, so a file can name its line.
        return [
            f"{key_path(path, key)}: unknown field {key!r}{_did_you_mean(key, names)}; "
            f"valid fields: {', '.join(names)}"
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, InvalidData):
        return [f"{path}.{p}" if path and not p.startswith("(top)") else p for p in exc.problems]
    if isinstance(exc, KeyError):
        return [f"{path or '(top)'}: required field is missing"]
    message = str(exc)
    field = getattr(exc, "field", None)
    if field is None:
        named = _NAMED_MESSAGE.match(message)
        field = named.group(1) if named else None
    if isinstance(field, str) and message.startswith(f"{field}: "):
        # Our own validators name the field; join it onto the path.
        rest = message[len(field) + 2 :]
        where = f"{path}.{field}" if path else field
        return [f"{where}: {rest}"]
    return [f"{path or '(top)'}: {message}"]
