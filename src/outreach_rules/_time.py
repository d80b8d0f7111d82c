"""Time helpers shared by the values, the calendar and the engine.

Everything here works on stdlib ``datetime`` objects with cached
``zoneinfo`` zones: pendulum is kept for the edges (parsing, display),
because its arithmetic costs an order of magnitude more on hot paths.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, date, datetime, timedelta, timezone

from outreach_rules._suggest import did_you_mean

__all__ = [
    "EPOCH",
    "UTC",
    "before",
    "carry",
    "later",
    "micros",
    "require_aware",
    "shift",
    "sooner",
    "span",
    "zone",
]

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.lru_cache(maxsize=1024)
def zone(name: str) -> zoneinfo.ZoneInfo:
    """Return the IANA time zone called ``name``, cached.

    Raises ``ValueError`` naming close matches when the name is unknown.
    """
    if not isinstance(name, str):
        raise TypeError(f"timezone: expected an IANA name such as 'Europe/Stockholm', got {name!r}")
    try:
        if name and name == name.strip() and not name.startswith("/"):
            return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        pass
    hint = did_you_mean(name, _known_zones()) or (
        "; use an IANA name such as 'America/New_York' or 'Europe/Stockholm'"
    )
    raise ValueError(f"timezone: {name!r} is not a known IANA time zone{hint}")


# Time-zone classes whose ``utcoffset`` always answers: a datetime carrying
# one is aware without asking it, which the hot paths would pay for each time.
ALWAYS_AWARE = (zoneinfo.ZoneInfo, timezone)


def require_aware(value: object, field: str) -> datetime:
    """Return ``value`` as a stdlib aware datetime, else raise naming ``field``.

    Subclasses (pendulum's ``DateTime``) become plain ``datetime`` objects
    with the same instant, zone and fold: their arithmetic is slower and
    returns other types, so they stay at the edges.
    """
    if type(value) is datetime and type(value.tzinfo) in ALWAYS_AWARE:
        # The hot path: a plain datetime in a zone whose offset is never unknown.
        return value
    if not isinstance(value, datetime):
        raise TypeError(
            f"{field}: expected a timezone-aware datetime, got {type(value).__name__} {value!r}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise TypeError(
            f"{field}: naive datetime {value.isoformat()} has no time zone; "
            "pass an aware datetime, e.g. datetime(..., tzinfo=ZoneInfo('UTC'))"
        )
    return plain(value)


def plain(value: datetime) -> datetime:
    """Return a datetime subclass instance (pendulum's) as a plain ``datetime``: same instant,
    zone and fold; a plain one is returned as it is."""
    if type(value) is datetime:
        return value
    return datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=value.tzinfo,
        fold=value.fold,
    )


def micros(value: datetime) -> int:
    """Return the exact number of microseconds since the Unix epoch of an aware datetime."""
    return (value - EPOCH) // _MICROSECOND


DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_DAYS = tuple(name[:3] for name in DAY_NAMES)
_MONTHS = tuple(name[:3] for name in MONTH_NAMES)
# Days, hours and minutes as two digits: a lookup costs less than a format spec.
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(60))


def say_day(day: date) -> str:
    """A day as a caller says it: ``Friday 27 November``."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def show(moment: datetime, *, year: bool = True) -> str:
    """Format a moment as its own clock shows it: ``Thu 26 Nov 2026 15:00 EST``.

    Written by hand because reasons are formatted on the hot path and
    ``strftime`` costs several times more.
    """
    y = f" {moment.year}" if year else ""
    return (
        f"{_DAYS[moment.weekday()]} {_TWO_DIGITS[moment.day]} {_MONTHS[moment.month - 1]}{y} "
        f"{_TWO_DIGITS[moment.hour]}:{_TWO_DIGITS[moment.minute]} {moment.tzname()}"
    )


# Python adds, subtracts and compares two datetimes of one zone by their
# wall clocks, ignoring ``fold``: in the repeated hour of a fall-back night
# 01:50 EDT and 01:40 EST compare the wrong way round. Moments near such a
# night are compared and measured by their instants with these. Only a pair
# in one zone with a fold set needs the conversion to UTC: two zones compare
# by their instants anyway, and without a fold the wall clock of one zone
# runs in the order of real time (the library keeps no moment in the gap of
# a spring-forward night), so the common case costs one comparison.


def before(a: datetime, b: datetime) -> bool:
    """True when the moment ``a`` comes strictly before ``b`` in real time."""
    if (a.fold or b.fold) and a.tzinfo is b.tzinfo:
        return a.astimezone(UTC) < b.astimezone(UTC)
    return a < b


def later(a: datetime, b: datetime) -> datetime:
    """The later of two aware moments, by their instants (``a`` on a tie)."""
    return b if before(a, b) else a


def sooner(a: datetime, b: datetime) -> datetime:
    """The sooner of two aware moments, by their instants (``a`` on a tie)."""
    return b if before(b, a) else a


def span(start: datetime, end: datetime) -> timedelta:
    """The real time from ``start`` to ``end``, whatever their zones' offsets did in between."""
    if start.tzinfo is not end.tzinfo:
        return end - start  # two zones: Python subtracts the instants
    return end.astimezone(UTC) - start.astimezone(UTC)


def carry(start: datetime, end: datetime, to: datetime) -> datetime:
    """The end of the window ``start``–``end`` moved to begin at ``to``, keeping its length.

    Without a fold in play the length is read and added on the wall clock, which is real
    time but across a change of offset, where the window keeps its length on the clock
    (an hour's call stays an hour on the caller's clock); with one, in real time.
    """
    if not (start.fold or end.fold or to.fold) and start.tzinfo is end.tzinfo:
        return to + (end - start)
    return shift(to, span(start, end))


def shift(moment: datetime, delta: timedelta) -> datetime:
    """``moment`` plus ``delta`` of real time, in ``moment``'s zone."""
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)
