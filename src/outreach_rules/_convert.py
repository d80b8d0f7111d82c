"""The converter underneath data exchange: datetime text, strict scalars, enums, located problems.

``exchange`` (``to_dict``/``from_dict``) and the cadences (their files and
options) both read plain data with it; it sits below both, so that neither
imports the other's private parts. It knows the values below the cadences;
the cadences add the hooks of their own values to a ``new_converter``.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time
from fractions import Fraction
from typing import Any

import attrs
import cattrs
import pendulum
from cattrs import AttributeValidationNote, IterableValidationNote
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from outreach_rules._suggest import closest
from outreach_rules._time import zone
from outreach_rules._validate import key_path, not_one_of
from outreach_rules.actions import Action, Reference, Script
from outreach_rules.brief import Brief
from outreach_rules.dayplan import DayPlan
from outreach_rules.errors import InvalidData
from outreach_rules.guards import Veto
from outreach_rules.history import Attempt, Event, HistoryItem
from outreach_rules.lint import Finding
from outreach_rules.offerings import Offering
from outreach_rules.plans import Plan
from outreach_rules.policies import Halt
from outreach_rules.prospects import Phone, Prospect, Sender
from outreach_rules.trips import Trip

__all__ = [
    "format_datetime",
    "located",
    "new_converter",
    "parse_datetime",
    "problems",
    "strict",
    "values_converter",
]

# Values whose constructors check more than one field: when one check fails, the others are
# run too, so that from_dict names every bad field at once (see _every_problem).
_CHECKED_FIELDS: tuple[type, ...] = (
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
    DayPlan,
    Finding,
    Halt,
    Veto,
)

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


def format_datetime(moment: datetime, *, zone_name: bool = True) -> str:
    """Write an aware datetime as RFC 9557 text: ISO 8601, offset, then the zone name if known.

    With ``zone_name=False``, plain RFC 3339: ISO 8601 with the offset, no
    zone name. Either way the text is the instant ``moment`` stands for, in
    its zone: a wall time in a spring-forward gap (which Python keeps as it
    was built, with the offset from before the change) is written as the
    wall time of that instant, so that the offset agrees with the zone and
    the text reads back. A repeated hour's ``fold`` shows in the offset.
    """
    tz = moment.tzinfo
    key = getattr(tz, "key", None)
    if isinstance(key, str) and key:
        # Through UTC and back: astimezone into its own zone would return the value unchanged.
        moment = moment.astimezone(UTC).astimezone(tz)
    offset = moment.utcoffset()
    if not zone_name and offset is not None and offset.seconds % 60:
        # RFC 3339 offsets are whole minutes; old local mean times were not.
        moment = moment.astimezone(UTC)
    text = moment.isoformat()
    return f"{text}[{key}]" if zone_name and isinstance(key, str) and key else text


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
        raise ValueError(not_one_of(cls, value)) from None


def _structure_float(value: Any, _: object) -> float:
    # A whole number is a float too (JSON writes 2.0 as 2 in some tools); text and booleans are not.
    if type(value) not in (int, float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _structure_fraction(value: Any, _: object) -> Fraction:
    # Written as "numerator/denominator" text: exact, where a float would round.
    if type(value) is int:
        return Fraction(value)
    if not isinstance(value, str):
        raise TypeError(f"expected a fraction such as '31/4', got {value!r}")
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{value!r} is not a fraction such as '31/4'") from None


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


def _is(expected: object) -> Any:
    return lambda t: t == expected


def _structure_member(conv: cattrs.Converter, members: tuple[type, ...]) -> Any:
    return lambda value, _: conv.structure(value, _discriminate(value, members))


def new_converter(*, zone_names: bool) -> cattrs.Converter:
    """A new converter for every value below the cadences: datetimes (with their zone names when
    ``zone_names``), strict scalars, enums, phones, history unions, every problem at once.

    Uncached, so that a layer above can add its own hooks (the cadences add their policy
    references) before the converter builds the hooks of its classes.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_unstructure_hook(
        datetime, lambda moment: format_datetime(moment, zone_name=zone_names)
    )
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
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook(Fraction, str)
    # Every enum of the values (channel, outcome, event kind, phone kind, the cadences' own, the
    # simulation's exits): a bad value lists the valid ones and suggests the closest.
    # Registered on StrEnum itself: dispatch by class then finds it before the hook of str,
    # which every StrEnum also is.
    conv.register_structure_hook(enum.StrEnum, _structure_enum)
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
    for cls in _CHECKED_FIELDS:
        conv.register_structure_hook(cls, _every_problem(conv, cls, conv.get_structure_hook(cls)))
    return conv


@functools.cache
def values_converter(*, zone_names: bool = True) -> cattrs.Converter:
    """The shared converter of the values below the cadences (never add hooks to it)."""
    return new_converter(zone_names=zone_names)


def _every_problem(conv: cattrs.Converter, cls: type, structure: Any) -> Callable[[Any, Any], Any]:
    """Wrap the structure hook of ``cls`` so that a failure names every bad field, not the first.

    cattrs gathers the fields it cannot structure; the value's own checks (its
    converters and validators) run in ``__init__`` and stop at the first that
    fails. On any failure, each field that cattrs did structure is checked on
    its own, and every problem is raised at once.
    """

    def structure_all(value: Any, kind: Any) -> Any:
        try:
            return structure(value, kind)
        except InvalidData:
            raise
        except (ClassValidationError, ForbiddenExtraKeysError) as exc:
            found = problems(exc)
            extra = _field_problems(conv, cls, value, skip=_fields_named(found))
            if not extra:
                raise
            raise InvalidData(_in_field_order(cls, found + extra)) from None
        except (TypeError, ValueError) as exc:
            extra = _field_problems(conv, cls, value, skip=frozenset())
            if not extra:
                raise  # a check across fields (an outcome that takes no callback_at, say)
            raise InvalidData(_in_field_order(cls, extra)) from exc

    return structure_all


def _fields_named(found: Iterable[str]) -> frozenset[str]:
    return frozenset(re.split(r"[.\[:]", problem, maxsplit=1)[0] for problem in found)


def _in_field_order(cls: type, found: list[str]) -> list[str]:
    order = {field.alias: i for i, field in enumerate(attrs.fields(cls))}
    # Unknown fields, which have no place among the fields, come last.
    last = len(order)
    return sorted(found, key=lambda p: order.get(re.split(r"[.\[:]", p, maxsplit=1)[0], last))


def _field_problems(
    conv: cattrs.Converter, cls: type, value: Any, *, skip: frozenset[str]
) -> list[str]:
    """Each field of ``value`` checked alone: structured, converted and validated."""
    if not isinstance(value, Mapping):
        return []
    attrs.resolve_types(cls)
    found: list[str] = []
    for field in attrs.fields(cls):
        if not field.init or field.alias in skip or field.alias not in value:
            continue
        try:
            item = conv.structure(value[field.alias], field.type)
            if field.converter is not None:
                item = field.converter(item)
            if field.validator is not None:
                field.validator(None, field, item)
        except AttributeError:
            continue  # a check that needs the whole value: left to its constructor
        except Exception as exc:
            found += [_at_field(field.alias, problem) for problem in problems(exc)]
    return found


def _at_field(name: str, problem: str) -> str:
    """A problem of one field checked alone, located at that field."""
    if re.split(r"[.\[:]", problem, maxsplit=1)[0] == name:
        return problem  # its message names the field already
    return located(name, problem)


def located(prefix: str, problem: str) -> str:
    """Put a field's prefix before a problem's own path (``(top)`` is the field itself)."""
    top = "(top): "
    if problem.startswith(top):
        return f"{prefix}: {problem[len(top) :]}"
    joiner = "" if problem.startswith("[") else "."
    return f"{prefix}{joiner}{problem}"


def _did_you_mean(key: str, names: list[str]) -> str:
    close = closest(key, names, n=1)
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
