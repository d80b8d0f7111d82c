"""Opening hours, business days and public holidays in one time zone, safe across DST changes.

A ``Calendar`` answers "may we reach this person now?", "when is the
next opening?" and "what is three business days later?" for one IANA time
zone. Opening hours are wall-clock windows per weekday (``Hours``);
holidays come from the ``holidays`` package, cached per country, region and
year (``holiday_dates``), with per-calendar additions and removals.

Every method takes timezone-aware datetimes in any zone and answers with
aware stdlib datetimes in the calendar's zone. Hot paths use stdlib
``datetime`` arithmetic and cached ``zoneinfo`` zones only.

A local date and wall time become an instant by these rules:

* a window start, or a wall time passed to ``Calendar.at``, that falls in
  a spring-forward gap maps to the first instant after the gap; in a
  fall-back fold it maps to the earlier occurrence;
* a window end in a gap likewise maps to the transition instant; in a fold it
  maps to the later occurrence, so a window that covers part of the fold
  contains both occurrences of those wall times (an end exactly at the first
  repeated wall time, e.g. 01:00 in New York's fold, is reached on the first
  pass already: the end is the instant after which the clock never again
  shows an earlier time that day);
* an end of ``END_OF_DAY`` (``23:59:59.999999``) means "until midnight":
  the window runs up to the first instant of the next local date.

A window is therefore the instant interval ``[start, end)`` of one local
date; windows that overlap or touch once mapped to instants (possible only
around a DST change) are merged.

Note that two aware datetimes sharing one ``tzinfo`` object are compared and
subtracted by wall time, ignoring ``fold``; compare results in UTC
(``x.astimezone(datetime.UTC)``) when a DST fold may be involved.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo

import attrs
import holidays as _holidays

from outreach_rules._time import ALWAYS_AWARE, DAY_NAMES, require_aware, zone

__all__ = [
    "ALWAYS_OPEN",
    "END_OF_DAY",
    "FRIDAY",
    "MONDAY",
    "SATURDAY",
    "SUNDAY",
    "THURSDAY",
    "TUESDAY",
    "WEDNESDAY",
    "Calendar",
    "Hours",
    "holiday_dates",
]

MONDAY: Final = 0
"""Monday, as numbered by ``date.weekday()``."""
TUESDAY: Final = 1
"""Tuesday, as numbered by ``date.weekday()``."""
WEDNESDAY: Final = 2
"""Wednesday, as numbered by ``date.weekday()``."""
THURSDAY: Final = 3
"""Thursday, as numbered by ``date.weekday()``."""
FRIDAY: Final = 4
"""Friday, as numbered by ``date.weekday()``."""
SATURDAY: Final = 5
"""Saturday, as numbered by ``date.weekday()``."""
SUNDAY: Final = 6
"""Sunday, as numbered by ``date.weekday()``."""

END_OF_DAY: Final = time(23, 59, 59, 999999)
"""The window end that means "until midnight" (the first instant of the next local date)."""

_DAY_NAMES: Final = DAY_NAMES
_MIDNIGHT: Final = time(0)
_ONE_DAY: Final = timedelta(days=1)
_ONE_WEEK: Final = timedelta(days=7)
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND: Final = timedelta(seconds=1)
_MICROSECOND: Final = timedelta(microseconds=1)
# How far the searches look before giving up: a little over three years.
_HORIZON_DAYS: Final = 3 * 366 + 7

Window = tuple[time, time]
"""One opening window: a start and an end wall-clock time, ``start < end``."""
DayWindows = tuple[Window, ...]
"""The sorted, disjoint opening windows of one weekday."""


# --------------------------------------------------------------------------- errors


def _error(exc_type: type[Exception], field: str, message: str) -> Exception:
    """Build an exception whose text starts with ``field`` and which carries it as ``.field``."""
    exc = exc_type(f"{field}: {message}")
    exc.field = field  # type: ignore[attr-defined]
    return exc


def _fmt(value: time) -> str:
    return value.isoformat(timespec="auto")


# --------------------------------------------------------------------------- small validators


def _weekday(value: object, field: str) -> int:
    """Return ``value`` if it is a weekday number 0..6 (Monday..Sunday)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(
            TypeError, field, f"expected a weekday number 0 (Monday) to 6 (Sunday), got {value!r}"
        )
    if not 0 <= value <= 6:
        raise _error(ValueError, field, f"{value!r} is not a weekday; use 0 (Monday) to 6 (Sunday)")
    return value


def _weekday_set(value: object, field: str) -> frozenset[int]:
    """Return a frozenset of weekday numbers from any iterable of them."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _error(
            TypeError,
            field,
            f"expected a set of weekday numbers such as {{0, 1, 2, 3, 4}}, got {value!r}",
        )
    return frozenset(_weekday(item, f"{field} item") for item in value)


def _plain_date(value: object, field: str) -> date:
    """Return ``value`` as a stdlib ``date``; a ``datetime`` or anything else is a ``TypeError``."""
    if type(value) is date:
        return value
    if isinstance(value, datetime) or not isinstance(value, date):
        raise _error(
            TypeError,
            field,
            f"expected a date such as date(2026, 7, 3), got {type(value).__name__} {value!r}",
        )
    return date(value.year, value.month, value.day)


def _date_set(value: object, field: str) -> frozenset[date]:
    """Return a frozenset of plain dates from any iterable of dates."""
    if isinstance(value, (str, bytes, Mapping, date)) or not isinstance(value, Iterable):
        raise _error(
            TypeError,
            field,
            f"expected a set of dates such as {{date(2026, 6, 19)}}, got {value!r}",
        )
    return frozenset(_plain_date(item, f"{field} item") for item in value)


def _wall_time(value: object, field: str) -> time:
    """Return a naive ``time`` with ``fold=0``; anything else is a ``TypeError``."""
    if not isinstance(value, time):
        raise _error(
            TypeError,
            field,
            f"expected a wall-clock time such as time(9, 0), got {type(value).__name__} {value!r}",
        )
    if value.tzinfo is not None:
        raise _error(
            TypeError,
            field,
            f"{_fmt(value)} carries a time zone; opening hours are local wall-clock times, "
            "pass a naive time such as time(9, 0)",
        )
    if type(value) is not time or value.fold:
        return time(value.hour, value.minute, value.second, value.microsecond)
    return value


def _window(value: object, field: str, day: str) -> Window:
    """Return a ``(start, end)`` pair of wall times with ``start < end`` (``day`` names the day)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise _error(TypeError, field, f"expected a (start, end) pair of times, got {value!r}")
    pair = tuple(value)
    if len(pair) != 2:
        raise _error(
            TypeError,
            field,
            f"expected a (start, end) pair of times, got {len(pair)} items {value!r}",
        )
    start = _wall_time(pair[0], f"{field} start")
    end = _wall_time(pair[1], f"{field} end")
    if not start < end:
        raise _error(
            ValueError,
            field,
            f"{day} window {_fmt(start)}–{_fmt(end)} does not start before it ends; windows cannot "
            "cross midnight: split them, and write 'until midnight' as END_OF_DAY "
            "(23:59:59.999999)",
        )
    return (start, end)


def _day_windows(value: object, field: str, day: str) -> DayWindows:
    """Return one weekday's windows, checked to be sorted and disjoint, touching ones merged."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _error(
            TypeError,
            field,
            f"expected {day}'s (start, end) time pairs (empty when closed), got {value!r}",
        )
    merged: list[Window] = []
    for index, item in enumerate(value):
        start, end = _window(item, f"{field}[{index}]", day)
        if merged:
            prev_start, prev_end = merged[-1]
            if start < prev_start:
                raise _error(
                    ValueError,
                    field,
                    f"{day} window {_fmt(start)}–{_fmt(end)} comes after {_fmt(prev_start)}–"
                    f"{_fmt(prev_end)}; list windows in order of start time "
                    "(Hours.from_mapping sorts them for you)",
                )
            if start < prev_end:
                raise _error(
                    ValueError,
                    field,
                    f"{day} windows {_fmt(prev_start)}–{_fmt(prev_end)} and "
                    f"{_fmt(start)}–{_fmt(end)} "
                    "overlap; the windows of one day must be disjoint",
                )
            if start == prev_end:
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return tuple(merged)


def _week_windows(value: object) -> tuple[DayWindows, ...]:
    """Convert and check ``Hours.windows``: seven weekdays of sorted, disjoint windows."""
    field = "windows"
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _error(
            TypeError,
            field,
            "expected 7 sequences of (start, end) time pairs, Monday first, got "
            f"{type(value).__name__} {value!r}; use Hours.from_mapping for a mapping",
        )
    days = tuple(value)
    if len(days) != 7:
        raise _error(
            ValueError,
            field,
            f"expected exactly 7 entries, Monday..Sunday, got {len(days)}; "
            "use an empty tuple for a closed day",
        )
    return tuple(
        _day_windows(day, f"{field}[{index}]", _DAY_NAMES[index]) for index, day in enumerate(days)
    )


def _intersect_day(left: DayWindows, right: DayWindows) -> DayWindows:
    """Return the parts of the day open in both ``left`` and ``right``."""
    out: list[Window] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if start < end:
            out.append((start, end))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


# --------------------------------------------------------------------------- Hours


@attrs.frozen(kw_only=True, cache_hash=True)
class Hours:
    """Weekly opening windows in local wall-clock time.

    ``windows`` holds seven entries, Monday first; each is a sorted tuple of
    disjoint ``(start, end)`` naive times with ``start < end`` (an empty tuple
    is a closed day). Windows cannot cross midnight; write "until midnight"
    as ``END_OF_DAY``. Windows that touch (``9-12`` and ``12-17``) are
    merged into one, so equal schedules compare and hash equal.
    """

    windows: tuple[DayWindows, ...] = attrs.field(converter=_week_windows)

    @classmethod
    def weekly(
        cls,
        start: time = time(9),
        end: time = time(17),
        *,
        days: Iterable[int] = (MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY),
    ) -> Hours:
        """Return hours with one ``start``–``end`` window on each of ``days`` (default Mon–Fri)."""
        window = _window((start, end), "start/end", "the weekly")
        open_days = _weekday_set(days, "days")
        return cls(windows=tuple((window,) if d in open_days else () for d in range(7)))

    @classmethod
    def from_mapping(cls, mapping: Mapping[int, Iterable[tuple[time, time]]]) -> Hours:
        """Return hours from ``{weekday: [(start, end), ...]}``; missing weekdays are closed."""
        if not isinstance(mapping, Mapping):
            raise _error(
                TypeError,
                "mapping",
                "expected a mapping such as {0: [(time(9), time(17))]}, got "
                f"{type(mapping).__name__} {mapping!r}",
            )
        days: list[list[Window]] = [[] for _ in range(7)]
        for key, value in mapping.items():
            weekday = _weekday(key, "mapping key")
            field = f"mapping[{weekday}]"
            if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
                raise _error(
                    TypeError,
                    field,
                    f"expected {_DAY_NAMES[weekday]}'s (start, end) time pairs, got {value!r}",
                )
            days[weekday] = sorted(
                _window(item, f"{field}[{index}]", _DAY_NAMES[weekday])
                for index, item in enumerate(value)
            )
        return cls(windows=tuple(tuple(day) for day in days))

    def intersect(self, other: Hours) -> Hours:
        """Return the stricter schedule: only the times open in both ``self`` and ``other``."""
        if not isinstance(other, Hours):
            raise _error(
                TypeError, "other", f"expected Hours, got {type(other).__name__} {other!r}"
            )
        return Hours(
            windows=tuple(
                _intersect_day(mine, theirs)
                for mine, theirs in zip(self.windows, other.windows, strict=True)
            )
        )

    def on(self, weekday: int) -> DayWindows:
        """Return the windows of ``weekday`` (0 = Monday … 6 = Sunday)."""
        return self.windows[_weekday(weekday, "weekday")]


ALWAYS_OPEN: Final = Hours(windows=(((_MIDNIGHT, END_OF_DAY),),) * 7)
"""Hours open every day from midnight to midnight."""

_OFFICE_HOURS: Final = Hours.weekly()


# --------------------------------------------------------------------------- holidays


@functools.cache
def _supported_countries() -> Mapping[str, tuple[str, ...]]:
    """Return the country codes the ``holidays`` package knows, with their subdivision codes."""
    codes = _holidays.list_supported_countries()
    return MappingProxyType({code: tuple(subdivs) for code, subdivs in codes.items()})


@functools.lru_cache(maxsize=1024)
def _check_region(country: str, region: str | None) -> None:
    """Raise ``ValueError`` unless the ``holidays`` package knows ``region`` for ``country``."""
    if region is None:
        return
    try:
        _holidays.country_holidays(country, subdiv=region)
    except NotImplementedError:
        valid = _supported_countries().get(country, ())
        listed = ", ".join(valid) if valid else f"none: {country} has no subdivisions, use None"
        raise _error(
            ValueError, "region", f"{region!r} is not a subdivision of {country}; valid: {listed}"
        ) from None


@functools.lru_cache(maxsize=4096)
def holiday_dates(country: str, region: str | None, year: int) -> frozenset[date]:
    """Return the public holidays of ``country`` (and ``region``) in ``year``, cached.

    Uses ``holidays.country_holidays(country, subdiv=region, years=year)`` with
    its default (public) categories and observed days. A country the package
    does not support has no holidays (an empty set); an unknown region of a
    supported country is a ``ValueError`` that lists the valid codes.
    """
    if not isinstance(country, str):
        raise _error(
            TypeError,
            "country",
            f"expected an ISO 3166-1 alpha-2 code such as 'US', got {country!r}",
        )
    if region is not None and not isinstance(region, str):
        raise _error(
            TypeError, "region", f"expected a subdivision code such as 'FL' or None, got {region!r}"
        )
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise _error(ValueError, "year", f"expected a year 1..9999, got {year!r}")
    code = country.strip().upper()
    if code not in _supported_countries():
        return frozenset()
    try:
        found = _holidays.country_holidays(code, subdiv=region, years=year)
    except NotImplementedError:
        _check_region(code, region)
        raise
    return frozenset(day for day in found if day.year == year)


# --------------------------------------------------------------------------- DST machinery


@functools.lru_cache(maxsize=1 << 16)
def _irregular(tz: ZoneInfo, day: date) -> bool:
    """Tell whether the UTC offset may change during local date ``day`` (or at the next midnight).

    Conservative: a day that merely borders a transition also counts. On a
    regular day every wall time exists exactly once, so plain
    ``datetime.combine(day, wall, tz)`` is the right instant.
    """
    offsets = set()
    for hour in (0, 6, 12, 18):
        wall = datetime.combine(day, time(hour), tz)
        offsets.add(wall.utcoffset())
        offsets.add(wall.replace(fold=1).utcoffset())
    if day < date.max:
        wall = datetime.combine(day + _ONE_DAY, _MIDNIGHT, tz)
        offsets.add(wall.utcoffset())
        offsets.add(wall.replace(fold=1).utcoffset())
    return len(offsets) > 1


def _closing(day: date, end: time, until_midnight: bool, tz: ZoneInfo) -> datetime:
    """The instant a window of a regular ``day`` closes: its end, or the next midnight."""
    if until_midnight:
        return datetime.combine(day + _ONE_DAY, _MIDNIGHT, tz)
    return datetime.combine(day, end, tz)


class _ShiftDays(dict[date, bool]):
    """``_irregular`` for one zone, kept per local date once asked (``shifts[day]``).

    Grows by one entry per date asked about; cleared when it holds more than
    ``_SHIFT_DAYS_KEPT`` dates, so a long-running process stays bounded. As
    with ``_closed``, two threads filling it at once at worst compute twice.
    """

    __slots__ = ("_tz",)

    def __init__(self, tz: ZoneInfo) -> None:
        super().__init__()
        self._tz = tz

    def __missing__(self, day: date) -> bool:
        if len(self) >= _SHIFT_DAYS_KEPT:
            self.clear()
        shifts = self[day] = _irregular(self._tz, day)
        return shifts


_SHIFT_DAYS_KEPT = 1 << 14


@functools.lru_cache(maxsize=4096)
def _gap_end(tz: ZoneInfo, wall: datetime) -> datetime:
    """Return the first instant (UTC) after the DST gap that swallows the naive ``wall``."""
    before = wall.replace(tzinfo=tz).utcoffset()
    after = wall.replace(tzinfo=tz, fold=1).utcoffset()
    assert before is not None
    assert after is not None
    # ``wall - after`` is an instant before the transition, ``wall - before`` one after it.
    low = ((wall - after).replace(tzinfo=UTC) - _EPOCH) // _SECOND
    high = -(((wall - before).replace(tzinfo=UTC) - _EPOCH) // -_SECOND)
    # tzdb transitions fall on whole seconds: find the first second with the new offset.
    while high - low > 1:
        mid = (low + high) // 2
        if (_EPOCH + mid * _SECOND).astimezone(tz).utcoffset() == before:
            low = mid
        else:
            high = mid
    return _EPOCH + high * _SECOND


def _to_utc(tz: ZoneInfo, day: date, wall: time, *, end: bool) -> datetime:
    """Return the instant (in UTC) of ``wall`` on local ``day`` under the gap and fold rules."""
    if end and wall == END_OF_DAY:
        if day == date.max:
            return datetime.max.replace(tzinfo=UTC)
        return _to_utc(tz, day + _ONE_DAY, _MIDNIGHT, end=False)
    first = datetime.combine(day, wall, tz)
    second = first.replace(fold=1)
    offset_first = first.utcoffset()
    offset_second = second.utcoffset()
    assert offset_first is not None
    assert offset_second is not None
    if offset_first == offset_second:
        return first.astimezone(UTC)
    if offset_first > offset_second:  # a fold: the wall time happens twice
        if not end:
            return first.astimezone(UTC)
        later = second.astimezone(UTC)
        # An end closes once the clock has shown ``wall`` for the last time: at the later
        # occurrence, unless ``wall`` is the very first repeated time, which the clock never
        # approaches from below on the second pass; then the first occurrence is the end.
        if (later - _MICROSECOND).astimezone(tz).replace(tzinfo=None) < first.replace(tzinfo=None):
            return later
        return first.astimezone(UTC)
    return _gap_end(tz, datetime.combine(day, wall))  # a gap: the wall time never happens


# --------------------------------------------------------------------------- Calendar converters


def _check_timezone(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    zone(value)  # raises, naming "timezone", for an unknown name


def _country(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _error(
            TypeError,
            "country",
            f"expected an ISO 3166-1 alpha-2 code such as 'US' or None, got {value!r}",
        )
    code = value.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise _error(
            ValueError,
            "country",
            f"{value!r} is not an ISO 3166-1 alpha-2 code; use two letters such as "
            "'US', 'SE' or 'AU', or None for no holidays",
        )
    return code


def _region(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _error(
            TypeError if not isinstance(value, str) else ValueError,
            "region",
            f"expected a subdivision code such as 'FL' or 'NSW', or None, got {value!r}",
        )
    return value.strip()


def _business_days(value: object) -> frozenset[int]:
    days = _weekday_set(value, "business_days")
    if not days:
        raise _error(
            ValueError,
            "business_days",
            "must name at least one weekday, e.g. {0, 1, 2, 3, 4} for Monday to Friday",
        )
    return days


def _extra_holidays(value: object) -> frozenset[date]:
    return _date_set(value, "extra_holidays")


def _not_holidays(value: object) -> frozenset[date]:
    return _date_set(value, "not_holidays")


def _check_hours(instance: object, attribute: attrs.Attribute[Hours], value: Hours) -> None:
    if not isinstance(value, Hours):
        raise _error(
            TypeError,
            "hours",
            f"expected Hours such as Hours.weekly(), got {type(value).__name__} {value!r}",
        )


def _check_bool(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise _error(TypeError, attribute.name, f"expected True or False, got {value!r}")


# --------------------------------------------------------------------------- Calendar


@attrs.frozen(kw_only=True, cache_hash=True)
class Calendar:
    """Opening hours and business days in one time zone, with holidays.

    ``hours`` are wall-clock windows in ``timezone``; ``business_days`` are
    the weekdays that count when waiting a number of business days. With a
    ``country`` (ISO 3166-1 alpha-2) and optional ``region`` the public
    holidays of the ``holidays`` package apply; ``extra_holidays`` adds
    closed dates and ``not_holidays`` removes listed ones. A holiday is never
    a business day, and has no opening windows when ``closed_on_holidays``.
    """

    timezone: str = attrs.field(validator=_check_timezone)
    hours: Hours = attrs.field(default=_OFFICE_HOURS, validator=_check_hours)
    country: str | None = attrs.field(default=None, converter=_country)
    region: str | None = attrs.field(default=None, converter=_region)
    business_days: frozenset[int] = attrs.field(
        default=frozenset({MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY}),
        converter=_business_days,
    )
    closed_on_holidays: bool = attrs.field(default=True, validator=_check_bool)
    extra_holidays: frozenset[date] = attrs.field(default=frozenset(), converter=_extra_holidays)
    not_holidays: frozenset[date] = attrs.field(default=frozenset(), converter=_not_holidays)

    # Derived at construction for the hot paths; not part of the value.
    _tz: ZoneInfo = attrs.field(init=False, repr=False, eq=False, hash=False)
    _week: tuple[tuple[tuple[time, time, bool], ...], ...] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _business: tuple[bool, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _has_holidays: bool = attrs.field(init=False, repr=False, eq=False, hash=False)
    _holidays_close: bool = attrs.field(init=False, repr=False, eq=False, hash=False)
    _ever_open: bool = attrs.field(init=False, repr=False, eq=False, hash=False)
    # Each year's closed dates, filled on first use: the hot paths ask about
    # many days, and one set lookup beats the package's table and the two
    # lists of exceptions. Only ever grows by whole years, so sharing a
    # cached calendar between threads is safe (the worst case computes twice).
    _closed: dict[int, frozenset[date]] = attrs.field(init=False, repr=False, eq=False, hash=False)
    # Whether the offset may change on a date, per date asked about: a dict
    # lookup on the hot paths instead of a call to a cached function.
    _shifts: _ShiftDays = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.region is not None:
            if self.country is None:
                raise _error(
                    ValueError,
                    "region",
                    f"{self.region!r} given without a country; set country too, e.g. "
                    f"country='US', region={self.region!r}",
                )
            if self.country in _supported_countries():
                _check_region(self.country, self.region)
        both = self.extra_holidays & self.not_holidays
        if both:
            listed = ", ".join(sorted(d.isoformat() for d in both))
            raise _error(
                ValueError,
                "not_holidays",
                f"{listed} also listed in extra_holidays; a date cannot be both",
            )
        has_holidays = self.country is not None or bool(self.extra_holidays)
        week = tuple(
            tuple((start, end, end == END_OF_DAY) for start, end in day)
            for day in self.hours.windows
        )
        setattr_ = object.__setattr__
        setattr_(self, "_tz", zone(self.timezone))
        setattr_(self, "_week", week)
        setattr_(self, "_business", tuple(d in self.business_days for d in range(7)))
        setattr_(self, "_has_holidays", has_holidays)
        setattr_(self, "_holidays_close", has_holidays and self.closed_on_holidays)
        setattr_(self, "_ever_open", any(week))
        setattr_(self, "_closed", {})
        setattr_(self, "_shifts", _ShiftDays(self._tz))

    # ----------------------------------------------------------------- properties and dates

    @property
    def zone(self) -> ZoneInfo:
        """The calendar's time zone as a cached ``ZoneInfo``."""
        return self._tz

    def _holiday(self, day: date) -> bool:
        closed = self._closed.get(day.year)
        if closed is None:
            closed = self._closed[day.year] = self._holidays_of(day.year)
        return day in closed

    def _holidays_of(self, year: int) -> frozenset[date]:
        extra = frozenset(d for d in self.extra_holidays if d.year == year)
        if self.country is None:
            return extra
        return (holiday_dates(self.country, self.region, year) - self.not_holidays) | extra

    def is_holiday(self, d: date) -> bool:
        """Tell whether local date ``d`` is a holiday of this calendar."""
        day = _plain_date(d, "d")
        return self._has_holidays and self._holiday(day)

    def is_business_day(self, d: date) -> bool:
        """Tell whether ``d`` falls on one of ``business_days`` and is not a holiday."""
        day = _plain_date(d, "d")
        return self._business[day.weekday()] and not (self._has_holidays and self._holiday(day))

    def next_business_day(self, d: date) -> date:
        """Return the first business day strictly after ``d``."""
        day = _plain_date(d, "d")
        return self._business_day_from(day, "d")

    def previous_business_day(self, d: date) -> date:
        """Return the last business day strictly before ``d``."""
        day = _plain_date(d, "d")
        return self._business_day_from(day, "d", step=-_ONE_DAY)

    def _business_day_from(self, day: date, field: str, *, step: timedelta = _ONE_DAY) -> date:
        business = self._business
        check_holidays = self._has_holidays
        for _ in range(_HORIZON_DAYS):
            day += step
            if business[day.weekday()] and not (check_holidays and self._holiday(day)):
                return day
        raise self._business_error(day, field)

    def _business_error(self, day: date, field: str) -> Exception:
        return _error(
            ValueError,
            field,
            f"no business day within {_HORIZON_DAYS} days before {day.isoformat()} "
            f"(business_days={sorted(self.business_days)}); check extra_holidays",
        )

    def next_weekday(self, t: datetime, weekday: int, *, business: bool = True) -> date:
        """Return the first local date strictly after ``t``'s with ``weekday``.

        With ``business=True`` a date that is a holiday is skipped for the
        same weekday of the following week; the weekday itself need not be
        one of ``business_days``.
        """
        local = self._local(t, "t")
        target = _weekday(weekday, "weekday")
        day = local.date()
        day += timedelta(days=(target - day.weekday() - 1) % 7 + 1)
        if business and self._has_holidays:
            for _ in range(_HORIZON_DAYS // 7):
                if not self._holiday(day):
                    return day
                day += _ONE_WEEK
            raise _error(
                ValueError,
                "weekday",
                f"every {_DAY_NAMES[target]} for three years after {local.date().isoformat()} "
                "is a holiday; pass business=False or check extra_holidays",
            )
        return day

    # ----------------------------------------------------------------- instants

    def _local(self, t: object, field: str) -> datetime:
        """Return ``t`` as a normalised plain datetime in the calendar's zone.

        A ``TypeError`` names ``field`` unless ``t`` is an aware datetime.
        """
        if type(t) is datetime and type(t.tzinfo) in ALWAYS_AWARE:
            moment = t  # the hot path, as in require_aware
        else:
            moment = require_aware(t, field)
        tz = self._tz
        if moment.tzinfo is tz:
            # Same zone: astimezone() would not touch it, so a wall time inside a DST gap
            # would stay as given. Round-trip through UTC on days with a transition.
            if self._shifts[moment.date()]:
                return moment.astimezone(UTC).astimezone(tz)
            return moment
        return moment.astimezone(tz)

    def start_of_day(self, d: date) -> datetime:
        """Return the first instant of local date ``d`` (after the gap when midnight is skipped)."""
        day = _plain_date(d, "d")
        tz = self._tz
        if not self._shifts[day]:
            return datetime.combine(day, _MIDNIGHT, tz)
        return _to_utc(tz, day, _MIDNIGHT, end=False).astimezone(tz)

    def at(self, d: date, wall: time, *, end: bool = False) -> datetime:
        """Return the instant of wall-clock time ``wall`` on local date ``d``.

        A wall time in a spring-forward gap gives the first instant after
        the gap. In a fall-back fold it gives the earlier occurrence; with
        ``end=True`` (the rule for window ends) the later one, except for the
        very first repeated wall time, and ``END_OF_DAY`` gives the start
        of the next date.
        """
        day = _plain_date(d, "d")
        clock = _wall_time(wall, "wall")
        tz = self._tz
        if not (end and clock == END_OF_DAY) and not self._shifts[day]:
            return datetime.combine(day, clock, tz)
        return _to_utc(tz, day, clock, end=end).astimezone(tz)

    def _spans(self, day: date) -> list[tuple[datetime, datetime]]:
        """Return the open intervals (UTC, merged) of local date ``day``, ignoring holidays."""
        tz = self._tz
        spans: list[tuple[datetime, datetime]] = []
        for start, end, _ in self._week[day.weekday()]:
            begin = _to_utc(tz, day, start, end=False)
            finish = _to_utc(tz, day, end, end=True)
            if begin >= finish:
                continue  # the whole window fell into a DST gap
            if spans and begin <= spans[-1][1]:
                if finish > spans[-1][1]:
                    spans[-1] = (spans[-1][0], finish)
                continue
            spans.append((begin, finish))
        return spans

    # ----------------------------------------------------------------- hot paths

    def is_open(self, t: datetime) -> bool:
        """Tell whether instant ``t`` lies in an opening window of its local date."""
        local = self._local(t, "t")
        day = local.date()
        windows = self._week[day.weekday()]
        if not windows or (self._holidays_close and self._holiday(day)):
            return False
        if self._shifts[day]:
            now = local.astimezone(UTC)
            return any(begin <= now < finish for begin, finish in self._spans(day))
        wall = local.time()
        for start, end, until_midnight in windows:
            if wall < end or until_midnight:
                return wall >= start
        return False

    def next_open(self, t: datetime) -> datetime:
        """Return ``t`` (in the calendar's zone) if open, else the start of the next window.

        Raises ``ValueError`` when nothing opens within about three years,
        e.g. for hours without windows.
        """
        return self._next_window(self._local(t, "t"))[0]

    def _next_window(self, local: datetime) -> tuple[datetime, datetime]:
        """The first opening window at or after ``local``: its start (``local`` if open) and end."""
        if not self._ever_open:
            raise self._open_error(local, "the hours have no opening windows")
        tz = self._tz
        week = self._week
        holidays_close = self._holidays_close
        day = local.date()
        windows = week[day.weekday()]
        if windows and not (holidays_close and self._holiday(day)):
            if not self._shifts[day]:
                wall = local.time()
                for start, end, until_midnight in windows:
                    if wall < end or until_midnight:
                        closing = _closing(day, end, until_midnight, tz)
                        if wall >= start:
                            return local, closing
                        return datetime.combine(day, start, tz), closing
            else:
                now = local.astimezone(UTC)
                for begin, finish in self._spans(day):
                    if now < finish:
                        opening = local if now >= begin else begin.astimezone(tz)
                        return opening, finish.astimezone(tz)
        for _ in range(_HORIZON_DAYS):
            day += _ONE_DAY
            windows = week[day.weekday()]
            if not windows or (holidays_close and self._holiday(day)):
                continue
            if not self._shifts[day]:
                start, end, until_midnight = windows[0]
                return datetime.combine(day, start, tz), _closing(day, end, until_midnight, tz)
            spans = self._spans(day)
            if spans:
                return spans[0][0].astimezone(tz), spans[0][1].astimezone(tz)
        raise self._open_error(local, "every opening day is a holiday")

    def _open_error(self, local: datetime, why: str) -> Exception:
        return _error(
            ValueError,
            "t",
            f"no opening window within three years after {local.isoformat()} "
            f"({self.timezone}): {why}; give the calendar some opening hours",
        )

    def window_end(self, t: datetime) -> datetime:
        """Return the end of the opening window that contains ``t``; ``ValueError`` if closed."""
        end = self.open_until(t)
        if end is None:
            local = self._local(t, "t")
            raise _error(
                ValueError,
                "t",
                f"{local.isoformat()} ({self.timezone}) is not inside an opening window; "
                "pass an open instant, e.g. next_open(t)",
            )
        return end

    def open_until(self, t: datetime) -> datetime | None:
        """Return the end of the opening window that contains ``t``, or ``None`` when closed.

        ``is_open`` and ``window_end`` in one step, for guards that check
        many actions.
        """
        local = self._local(t, "t")
        tz = self._tz
        day = local.date()
        windows = self._week[day.weekday()]
        if not windows or (self._holidays_close and self._holiday(day)):
            return None
        if self._shifts[day]:
            now = local.astimezone(UTC)
            for begin, finish in self._spans(day):
                if begin <= now < finish:
                    return finish.astimezone(tz)
            return None
        wall = local.time()
        for start, end, until_midnight in windows:
            if wall < end or until_midnight:
                if wall < start:
                    return None
                return _closing(day, end, until_midnight, tz)
        return None

    def open_window(self, t: datetime) -> tuple[datetime, datetime]:
        """Return the first opening window at or after ``t``: its start (``t`` if open) and end.

        ``next_open`` and ``window_end`` in one step. Raises ``ValueError``
        like ``next_open`` when nothing opens within about three years.
        """
        if type(t) is datetime and t.tzinfo is self._tz and not self._shifts[t.date()]:
            return self._next_window(t)  # what ``_local`` would return, without the call
        return self._next_window(self._local(t, "t"))

    def windows(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """Return the opening intervals ``[begin, end)`` that meet ``[start, end)``, clipped to it.

        The intervals are sorted and disjoint, one per window and local date
        (a window open until midnight and one opening at midnight the next
        day touch but are not merged).
        """
        first = self._local(start, "start")
        last = self._local(end, "end")
        low = first.astimezone(UTC)
        high = last.astimezone(UTC)
        out: list[tuple[datetime, datetime]] = []
        if high <= low:
            return out
        tz = self._tz
        day = first.date()
        final = last.date()
        while day <= final:
            if self._week[day.weekday()] and not (self._holidays_close and self._holiday(day)):
                for begin, finish in self._spans(day):
                    begin = max(begin, low)
                    finish = min(finish, high)
                    if begin < finish:
                        out.append((begin.astimezone(tz), finish.astimezone(tz)))
            day += _ONE_DAY
        return out

    def add_business_days(self, t: datetime, n: int) -> datetime:
        """Return the same local wall time as ``t`` on the ``n``-th business day after its date.

        ``n == 0`` returns ``t`` in the calendar's zone. A wall time that does
        not exist on the target date (DST gap) moves to the first instant
        after the gap; one that happens twice (fold) takes the earlier.
        """
        local = self._local(t, "t")
        if isinstance(n, bool) or not isinstance(n, int):
            raise _error(TypeError, "n", f"expected a whole number of business days, got {n!r}")
        if n < 0:
            raise _error(
                ValueError, "n", f"{n} is negative; count business days forward with n >= 0"
            )
        if n == 0:
            return local
        day = local.date()
        business = self._business
        check_holidays = self._has_holidays
        remaining = n
        idle = 0
        while remaining:
            day += _ONE_DAY
            if business[day.weekday()] and not (check_holidays and self._holiday(day)):
                remaining -= 1
                idle = 0
            else:
                idle += 1
                if idle > _HORIZON_DAYS:
                    raise self._business_error(day, "n")
        tz = self._tz
        wall = local.time()
        if wall.fold:
            wall = wall.replace(fold=0)
        if not self._shifts[day]:
            return datetime.combine(day, wall, tz)
        return _to_utc(tz, day, wall, end=False).astimezone(tz)
