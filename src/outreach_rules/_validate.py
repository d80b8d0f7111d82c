"""Validators and converters shared by the public values.

Each raises with a message that names the field, the value and what would
be valid; the exception carries the field name as ``field`` so that data
exchange can report a full path such as ``history[3].at``.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs

from outreach_rules._suggest import did_you_mean
from outreach_rules._time import require_aware
from outreach_rules.channels import Channel
from outreach_rules.outcomes import EventKind, Outcome

E = TypeVar("E", bound=enum.StrEnum)
# One "@" between non-empty parts without spaces; the domain's dot is checked apart, since
# a pattern with the dot in it backtracks in time quadratic in the length.
_EMAIL = re.compile(r"[^@\s]+@([^@\s]+)")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_\-]+$")


def key_path(base: str, key: object) -> str:
    """The path of ``key`` in the table at ``base``: ``on.no_answer``, or ``on["no answer"]``.

    A key that is not a bare name (a space, a dot, a quote) is written in
    quoted brackets, so that the path reads back to the same parts.
    """
    text = str(key)
    if _BARE_KEY.match(text):
        return f"{base}.{text}" if base else text
    return f"{base}[{json.dumps(text, ensure_ascii=False)}]"


def field_error(exc_type: type[Exception], field: str, message: str) -> Exception:
    """Build an exception of ``exc_type`` whose text starts with ``field``."""
    exc = exc_type(f"{field}: {message}")
    exc.field = field  # type: ignore[attr-defined]
    return exc


def enum_value(cls: type[E], value: Any, field: str) -> E:
    """Return ``cls(value)``, or raise a ``ValueError`` that lists the valid values."""
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        raise field_error(ValueError, field, not_one_of(cls, value)) from None


def not_one_of(cls: type[enum.StrEnum], value: object) -> str:
    """``'hungup' is not one of: ...; did you mean 'hung_up'?``: the message for a bad value."""
    values = [m.value for m in cls]
    return f"{value!r} is not one of: {', '.join(values)}{did_you_mean(value, values)}"


def text(value: object, field: str, *, allow_empty: bool = True) -> str:
    """Return ``value`` if it is a string (non-empty unless allowed)."""
    if not isinstance(value, str):
        raise field_error(TypeError, field, f"expected text, got {type(value).__name__} {value!r}")
    if not allow_empty and not value.strip():
        raise field_error(ValueError, field, "must not be empty")
    return value


def optional_text(value: object, field: str) -> str | None:
    """Return ``None`` or a non-empty string."""
    if value is None:
        return None
    return text(value, field, allow_empty=False)


def aware(value: object, field: str) -> datetime:
    """Return an aware datetime; a naive one is a ``TypeError`` naming the field."""
    try:
        return require_aware(value, field)
    except TypeError as exc:
        raise field_error(TypeError, field, str(exc).split(": ", 1)[1]) from None


def optional_aware(value: object, field: str) -> datetime | None:
    """Return ``None`` or an aware datetime."""
    return None if value is None else aware(value, field)


def a_date(value: object, field: str) -> date:
    """Return a ``date`` that is not a ``datetime``."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise field_error(
            TypeError, field, f"expected a date, got {type(value).__name__} {value!r}"
        )
    return value


def optional_date(value: object, field: str) -> date | None:
    """Return ``None`` or a ``date``."""
    return None if value is None else a_date(value, field)


def topics(value: object, field: str) -> frozenset[str]:
    """Return a frozenset of non-empty strings from any iterable of strings (not a bare string)."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise field_error(
            TypeError, field, f"expected a set of strings such as {{'payroll'}}, got {value!r}"
        )
    items = frozenset(value)
    for item in items:
        text(item, f"{field} item", allow_empty=False)
    return items


def email(value: object, field: str) -> str:
    """Return an e-mail address that looks like ``name@domain.tld``."""
    address = text(value, field).strip()
    parts = _EMAIL.fullmatch(address)
    if parts is None or "." not in parts[1][1:-1]:
        raise field_error(
            ValueError, field, f"{value!r} is not an e-mail address like name@example.com"
        )
    return address


def boolean(value: object, field: str) -> bool:
    """Return ``value`` if it is a real ``bool`` (not 0/1 or a string)."""
    if not isinstance(value, bool):
        raise field_error(TypeError, field, f"expected true or false, got {value!r}")
    return value


def integer(value: object, field: str) -> int:
    """Return ``value`` if it is an ``int`` (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise field_error(TypeError, field, f"expected an integer, got {value!r}")
    return value


def tuple_of(value: object, field: str) -> tuple[Any, ...]:
    """Return a tuple from a list or tuple; a string or mapping is a ``TypeError``."""
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        raise field_error(
            TypeError, field, f"expected a list, got {type(value).__name__} {value!r}"
        )
    return tuple(value)


# -- attrs converters and validators ---------------------------------------
#
# Converters only reshape (a list becomes a tuple, "call" becomes
# Channel.CALL) and leave what they cannot reshape alone; validators then
# refuse what is wrong, naming the field from the attribute. This keeps one
# validator per rule instead of one lambda per field, and lets mypy see the
# types.


def _name(attribute: Any) -> str:
    return str(attribute.name).lstrip("_")


def as_datetime(value: Any) -> datetime:
    """Reshape a datetime subclass (pendulum) into a plain aware ``datetime``.

    A wall time that does not exist in its zone (02:30 on a spring-forward
    night) becomes the instant Python gives it, written as its zone shows
    it (03:30): the same moment, but one that reads back equal from its
    text and compares rightly with the zone's other times.
    """
    if isinstance(value, datetime) and value.tzinfo is not None:
        moment = require_aware(value, "value")
        if type(moment.tzinfo) is ZoneInfo:
            real = moment.astimezone(UTC).astimezone(moment.tzinfo)
            if real.replace(fold=0) != moment.replace(fold=0):
                return real
        return moment
    return value  # type: ignore[no-any-return]


def as_optional_datetime(value: Any) -> datetime | None:
    """Like ``as_datetime``, passing ``None`` through."""
    return None if value is None else as_datetime(value)


def as_tuple(value: Any) -> tuple[Any, ...]:
    """Reshape a list (or any non-text iterable) into a tuple."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, (list, set, frozenset)) or (
        isinstance(value, Iterable) and not isinstance(value, (str, bytes, dict))
    ):
        return tuple(value)
    return value  # type: ignore[no-any-return]


def as_frozenset(value: Any) -> frozenset[str]:
    """Reshape a set, list or tuple into a frozenset."""
    if isinstance(value, frozenset):
        return value
    if isinstance(value, (set, list, tuple)):
        return frozenset(value)
    return value  # type: ignore[no-any-return]


def reshape_enum(cls: type[E], value: Any) -> Any:
    """Return ``cls(value)`` when possible, else ``value`` for the validator to refuse."""
    if value is None or isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        return value


def as_channel(value: Any) -> Channel:
    """Converter: text to ``Channel``."""
    return reshape_enum(Channel, value)  # type: ignore[no-any-return]


def as_optional_channel(value: Any) -> Channel | None:
    """Converter: text to ``Channel``, ``None`` kept."""
    return reshape_enum(Channel, value)  # type: ignore[no-any-return]


def as_outcome(value: Any) -> Outcome:
    """Converter: text to ``Outcome``."""
    return reshape_enum(Outcome, value)  # type: ignore[no-any-return]


def as_event_kind(value: Any) -> EventKind:
    """Converter: text to ``EventKind``."""
    return reshape_enum(EventKind, value)  # type: ignore[no-any-return]


def is_enum(cls: type[E], *, optional: bool = False) -> Any:
    """Validator: the value is a member of ``cls`` (or ``None`` when optional)."""

    def check(_instance: object, attribute: Any, value: Any) -> None:
        if optional and value is None:
            return
        if not isinstance(value, cls):
            enum_value(cls, value, _name(attribute))

    return check


def is_text(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is a string (possibly empty)."""
    text(value, _name(attribute))


def is_name(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is a non-empty string."""
    text(value, _name(attribute), allow_empty=False)


def is_optional_name(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is ``None`` or a non-empty string."""
    optional_text(value, _name(attribute))


def is_aware(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is a timezone-aware datetime."""
    aware(value, _name(attribute))


def is_optional_aware(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is ``None`` or a timezone-aware datetime."""
    optional_aware(value, _name(attribute))


def is_date(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is a date (not a datetime)."""
    a_date(value, _name(attribute))


def is_optional_date(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is ``None`` or a date."""
    optional_date(value, _name(attribute))


def is_topics(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is a frozenset of non-empty strings."""
    topics(value, _name(attribute))


def is_bool(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is a real bool."""
    boolean(value, _name(attribute))


def is_int(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is an int, not a bool."""
    integer(value, _name(attribute))


def is_tuple(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is a tuple."""
    if not isinstance(value, tuple):
        tuple_of(value, _name(attribute))


def is_text_tuple(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is a tuple of non-empty strings."""
    name = _name(attribute)
    for i, item in enumerate(tuple_of(value, name)):
        text(item, f"{name}[{i}]", allow_empty=False)


def is_optional_email(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is ``None`` or an e-mail address."""
    if value is not None:
        email(value, _name(attribute))


def all_of(kind: type) -> Any:
    """Validator: the value is a tuple whose items are all ``kind``; names the bad item."""

    def check(_instance: object, attribute: Any, value: Any) -> None:
        field = _name(attribute)
        for i, item in enumerate(tuple_of(value, field)):
            if not isinstance(item, kind):
                raise field_error(
                    TypeError, f"{field}[{i}]", f"expected an orl.{kind.__name__}, got {item!r}"
                )

    return check


def is_optional_bool(_instance: object, attribute: Any, value: Any) -> None:
    """Validator: the value is ``None`` or a real bool."""
    if value is not None:
        boolean(value, _name(attribute))


def slot_setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The slots' own setters of the attrs class ``cls``, in the order of its fields.

    For the trusted builders of values made on hot paths (``actions.build``,
    ``history.build_attempt``, ...): a setter skips the frozen-class guard
    and the validators, and costs less than ``object.__setattr__`` with a
    name. Unpack them into one name per field.
    """
    return tuple(cls.__dict__[a.name].__set__ for a in attrs.fields(cls))
