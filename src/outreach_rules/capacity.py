"""What a rep and a mailbox can hold in a day: a mailbox's ramp-up and spacing, a rep's calendar.

These are values only; ``plan_day`` reads them (``dayplan``):

- ``Mailbox``: an address that sends e-mail, warmed up gradually. From its
  ``start`` day it sends ``ramp_from`` e-mails, ``ramp_step`` more each day
  after, until ``daily_limit``; without a ``start`` it is warm and sends
  ``daily_limit``. Two sends are at least ``gap_minutes`` apart, between
  ``send_from`` and ``send_until`` in the recipient's zone (sales tools
  send in the recipient's hours).
- ``RepCalendar``: when a rep works (``starts``–``ends`` on ``weekdays``
  in ``zone``) and the days off (``TimeOff``: a vacation, a conference).
- ``Rep``: one member of a team, named like a ``Prospect.owner``, with
  their own goal, channel limits, mailbox and calendar.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

import attrs

from outreach_rules import _time
from outreach_rules import _validate as v
from outreach_rules.channels import Channel, traits

__all__ = [
    "DEFAULT_DAILY_LIMIT",
    "Mailbox",
    "Rep",
    "RepCalendar",
    "TimeOff",
    "channel_limits",
]

DEFAULT_DAILY_LIMIT = 50
"""E-mails a warm mailbox sends a day, unless told otherwise."""

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _count(value: object, field: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise v.field_error(TypeError, field, f"expected a whole number of {what}, got {value!r}")
    if value < 0:
        raise v.field_error(ValueError, field, f"{value} is negative; use 0 or more")
    return value


def _counter(what: str) -> Any:
    def check(_instance: object, attribute: Any, value: Any) -> None:
        _count(value, attribute.name, what)

    return check


def _clock(value: object) -> time:
    """A wall-clock time from a ``time`` or ``"HH:MM"`` text (how JSON writes it)."""
    if isinstance(value, str):
        try:
            value = time.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a time of day such as '09:30'") from None
    if not isinstance(value, time) or value.tzinfo is not None:
        raise TypeError(f"expected a wall-clock time such as time(9, 30) or '09:30', got {value!r}")
    return time(value.hour, value.minute)


def _as_clock(field: str) -> Any:
    def convert(value: object) -> time:
        try:
            return _clock(value)
        except (TypeError, ValueError) as exc:
            raise v.field_error(type(exc), field, str(exc)) from None

    return convert


def _send_from(value: object) -> time:
    return _as_clock("send_from")(value)  # type: ignore[no-any-return]


def _send_until(value: object) -> time:
    return _as_clock("send_until")(value)  # type: ignore[no-any-return]


def _starts(value: object) -> time:
    return _as_clock("starts")(value)  # type: ignore[no-any-return]


def _ends(value: object) -> time:
    return _as_clock("ends")(value)  # type: ignore[no-any-return]


def _is_zone(_instance: object, attribute: Any, value: Any) -> None:
    if value is None:
        return
    name = v.text(value, attribute.name, allow_empty=False)
    try:
        _time.zone(name)
    except ValueError as exc:
        raise v.field_error(ValueError, attribute.name, str(exc)) from None


def _before(start: str) -> Any:
    def check(instance: object, attribute: Any, value: time) -> None:
        begins = getattr(instance, start)
        if not begins < value:
            raise v.field_error(
                ValueError,
                attribute.name,
                f"{value:%H:%M} is not after {start} {begins:%H:%M}; windows cannot cross midnight",
            )

    return check


@attrs.frozen(kw_only=True)
class Mailbox:
    """An address that sends e-mail: its daily limit, its ramp-up from ``start``, its spacing.

    ``limit_on(day)`` is the most e-mails it sends that day: nothing before
    ``start``, ``ramp_from`` on ``start``, ``ramp_step`` more each day
    after, never more than ``daily_limit`` (10, 15, 20, … 50 by default).
    Sends are at least ``gap_minutes`` apart and between ``send_from`` and
    ``send_until``, wall-clock times in the recipient's zone.
    """

    address: str = attrs.field()
    daily_limit: int = attrs.field(default=DEFAULT_DAILY_LIMIT, validator=_counter("e-mails"))
    start: date | None = attrs.field(default=None, validator=v.is_optional_date)
    """The first day it sends (the ramp's day 1); ``None``: warmed up, ``daily_limit`` a day."""
    ramp_from: int = attrs.field(default=10, validator=_counter("e-mails"))
    ramp_step: int = attrs.field(default=5, validator=_counter("e-mails"))
    gap_minutes: int = attrs.field(default=10, validator=_counter("minutes"))
    send_from: time = attrs.field(default=time(8, 0), converter=_send_from)
    send_until: time = attrs.field(
        default=time(18, 0), converter=_send_until, validator=_before("send_from")
    )

    @address.validator
    def _check_address(self, attribute: attrs.Attribute[str], value: str) -> None:
        v.email(value, attribute.name)

    def ramp_day(self, day: date) -> int | None:
        """Which day of its ramp-up ``day`` is (1 on ``start``), ``None`` once it is warm."""
        if self.start is None:
            return None
        number = (v.a_date(day, "day") - self.start).days + 1
        if number >= 1 and self.ramp_from + self.ramp_step * (number - 1) >= self.daily_limit:
            return None
        return number

    def limit_on(self, day: date) -> int:
        """The most e-mails this mailbox sends on ``day``."""
        number = self.ramp_day(day)
        if number is None:
            return self.daily_limit
        if number < 1:
            return 0
        return min(self.daily_limit, self.ramp_from + self.ramp_step * (number - 1))

    def describe_limit(self, day: date) -> str:
        """``ada@acme.example sends 20 e-mails on 2026-03-04 (day 3 of its ramp-up)``."""
        number = self.ramp_day(day)
        most = self.limit_on(day)
        if number is None:
            return f"{self.address} sends {most} e-mails a day"
        if number < 1:
            assert self.start is not None
            return f"{self.address} starts sending on {self.start.isoformat()}"
        return (
            f"{self.address} sends {most} e-mails on {day.isoformat()} "
            f"(day {number} of its ramp-up)"
        )


@attrs.frozen(kw_only=True)
class TimeOff:
    """Days a rep does not work, ``first`` to ``last`` inclusive: a vacation, a conference."""

    first: date = attrs.field(validator=v.is_date)
    last: date = attrs.field(validator=v.is_date)
    reason: str = attrs.field(default="vacation", validator=v.is_name)

    @last.validator
    def _check_last(self, _attribute: attrs.Attribute[date], value: date) -> None:
        if value < self.first:
            raise v.field_error(
                ValueError,
                "last",
                f"{value.isoformat()} is before first {self.first.isoformat()}",
            )

    def covers(self, day: date) -> bool:
        """True when ``day`` is one of these days."""
        return self.first <= day <= self.last

    def describe(self) -> str:
        """``vacation 2026-03-09 to 2026-03-13``, or ``vacation on 2026-03-09``."""
        if self.first == self.last:
            return f"{self.reason} on {self.first.isoformat()}"
        return f"{self.reason} {self.first.isoformat()} to {self.last.isoformat()}"


def _weekdays(value: object) -> tuple[int, ...]:
    items = v.tuple_of(
        value if not isinstance(value, (set, frozenset)) else sorted(value), "weekdays"
    )
    days: set[int] = set()
    for i, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, int) or not 0 <= item <= 6:
            raise v.field_error(
                ValueError, f"weekdays[{i}]", f"{item!r} is not a weekday number 0 (Monday) to 6"
            )
        days.add(item)
    return tuple(sorted(days))


def _time_off(value: object) -> tuple[TimeOff, ...]:
    items = v.tuple_of(value, "off")
    for i, item in enumerate(items):
        if not isinstance(item, TimeOff):
            raise v.field_error(TypeError, f"off[{i}]", f"expected an orl.TimeOff, got {item!r}")
    return tuple(sorted(items, key=lambda o: (o.first, o.last, o.reason)))


@attrs.frozen(kw_only=True)
class RepCalendar:
    """When a rep works: ``starts``–``ends`` on ``weekdays`` (0: Monday) in ``zone``; days off.

    ``zone`` ``None`` means the zone ``plan_day`` is given (the rep's), else
    the prospect's. Calls and hand tasks wait on a day off; a call outside
    the working hours waits for another day.
    """

    zone: str | None = attrs.field(default=None, validator=_is_zone)
    starts: time = attrs.field(default=time(9, 0), converter=_starts)
    ends: time = attrs.field(default=time(17, 0), converter=_ends, validator=_before("starts"))
    weekdays: tuple[int, ...] = attrs.field(default=(0, 1, 2, 3, 4), converter=_weekdays)
    off: tuple[TimeOff, ...] = attrs.field(default=(), converter=_time_off)

    def day_off(self, day: date) -> str | None:
        """Why ``day`` is not a working day (``vacation 2026-03-09 to 2026-03-13``), or ``None``."""
        for leave in self.off:
            if leave.covers(day):
                return leave.describe()
        if day.weekday() not in self.weekdays:
            return f"{_WEEKDAYS[day.weekday()]} is not a working day"
        return None

    def describe_hours(self) -> str:
        """``09:00–17:00``, with the zone when it has one."""
        where = f" {self.zone}" if self.zone is not None else ""
        return f"{self.starts:%H:%M}–{self.ends:%H:%M}{where}"


def channel_limits(value: object, field: str = "limits") -> dict[Channel, int]:
    """Check a mapping of non-call channels (or their names) to whole numbers ≥ 0."""
    if value is None:
        return {}
    if isinstance(value, tuple):
        value = dict(value)
    if not isinstance(value, Mapping):
        raise v.field_error(
            TypeError, field, f"expected a mapping such as {{'email': 50}}, got {value!r}"
        )
    checked: dict[Channel, int] = {}
    for key, most in value.items():
        where = f"{field}[{str(key) if isinstance(key, str) else key!r}]"
        try:
            channel = Channel(key)
        except ValueError:
            known = ", ".join(c.value for c in Channel if not traits(c).synchronous)
            raise v.field_error(
                ValueError, where, f"{key!r} is not a channel; use one of: {known}"
            ) from None
        if traits(channel).synchronous:
            raise v.field_error(
                ValueError, where, f"{traits(channel).plural} are bounded by goal, not by limits"
            )
        checked[channel] = _count(most, where, traits(channel).plural)
    return checked


def _limit_pairs(value: object) -> tuple[tuple[Channel, int], ...]:
    checked = channel_limits(value)
    return tuple(sorted(checked.items()))


def _is_optional_goal(_instance: object, _attribute: Any, value: Any) -> None:
    if value is not None:
        _count(value, "goal", "calls")


def _optional_mailbox(_instance: object, _attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Mailbox):
        raise v.field_error(TypeError, "mailbox", f"expected an orl.Mailbox or None, got {value!r}")


def _optional_calendar(_instance: object, _attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, RepCalendar):
        raise v.field_error(
            TypeError, "calendar", f"expected an orl.RepCalendar or None, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class Rep:
    """One member of a team: the prospects whose ``owner`` is ``name`` are theirs.

    ``goal`` ``None`` takes the goal ``plan_day`` is given; ``limits`` (a
    mapping of channel to most touches, kept as sorted pairs) is theirs
    alone; ``mailbox`` sends their e-mails; ``calendar`` says when they work.
    """

    name: str = attrs.field(validator=v.is_name)
    goal: int | None = attrs.field(default=None, validator=_is_optional_goal)
    limits: tuple[tuple[Channel, int], ...] = attrs.field(default=(), converter=_limit_pairs)
    mailbox: Mailbox | None = attrs.field(default=None, validator=_optional_mailbox)
    calendar: RepCalendar | None = attrs.field(default=None, validator=_optional_calendar)

    def limit_for(self, channel: Channel | str) -> int | None:
        """The most touches of ``channel`` this rep makes a day, ``None`` when unbounded."""
        return dict(self.limits).get(Channel(channel))
