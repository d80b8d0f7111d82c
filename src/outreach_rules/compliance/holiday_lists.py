"""Holiday lists as statutes write them: "January 8", "the second Monday in October", "Good Friday".

A state or country whose law names its own legal holidays gets them from
here, not from the ``holidays`` package, whose lists follow other
sources. ``statutory`` turns a statute's list into dates for a span of
years; the packs keep the result as ``HolidayRule(extra=..., use_package=False)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

__all__ = [
    "YEARS",
    "after",
    "easter",
    "even_years",
    "fixed",
    "from_easter",
    "last",
    "nth",
    "since",
    "statutory",
]

YEARS = range(2000, 2100)
"""The years the packs' own holiday lists cover."""

Day = Callable[[int], date | None]
"""A holiday as a rule: the year in, the date out (``None``: not a holiday that year)."""


def easter(year: int) -> date:
    """Return Western (Gregorian) Easter Sunday of ``year`` (the anonymous Gregorian computus)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    skipped, leap_left = divmod(century, 4)
    moon_fix = (century + 8) // 25
    moon = (century - moon_fix + 1) // 3
    epact = (19 * golden + century - skipped - moon + 15) % 30
    quarter, within = divmod(rest, 4)
    weekday = (32 + 2 * leap_left + 2 * quarter - epact - within) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def fixed(month: int, day: int) -> Day:
    """The same date every year, e.g. ``fixed(7, 24)`` for 24 July."""
    return lambda year: date(year, month, day)


def nth(n: int, weekday: int, month: int) -> Day:
    """The ``n``-th ``weekday`` (0 = Monday) of ``month``, e.g. ``nth(2, 0, 10)``."""

    def day(year: int) -> date:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))

    return day


def last(weekday: int, month: int) -> Day:
    """The last ``weekday`` of ``month``, e.g. ``last(0, 5)`` for the last Monday in May."""

    def day(year: int) -> date:
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        end = following - timedelta(days=1)
        return end - timedelta(days=(end.weekday() - weekday) % 7)

    return day


def from_easter(days: int) -> Day:
    """A day counted from Easter Sunday: ``-2`` Good Friday, ``-47`` Mardi Gras."""
    return lambda year: easter(year) + timedelta(days=days)


def after(rule: Day, days: int) -> Day:
    """The day ``days`` after another: election day is ``after(nth(1, 0, 11), 1)``."""

    def day(year: int) -> date | None:
        found = rule(year)
        return None if found is None else found + timedelta(days=days)

    return day


def since(first_year: int, rule: Day) -> Day:
    """``rule`` from ``first_year`` on: a holiday the legislature added that year."""
    return lambda year: rule(year) if year >= first_year else None


def even_years(rule: Day) -> Day:
    """``rule`` in even-numbered years only (a general election day)."""
    return lambda year: rule(year) if year % 2 == 0 else None


def statutory(
    days: Iterable[Day], *, years: Iterable[int] = YEARS, weekend_moves: bool = False
) -> frozenset[date]:
    """Return every date of ``days`` in ``years``.

    With ``weekend_moves`` a holiday on a Sunday is kept on the following
    Monday and one on a Saturday on the Friday before, as well as on its own
    date (the stricter reading for a calling ban).
    """
    rules = tuple(days)
    out: set[date] = set()
    for year in years:
        for rule in rules:
            day = rule(year)
            if day is None:
                continue
            out.add(day)
            if weekend_moves and day.weekday() == 6:
                out.add(day + timedelta(days=1))
            elif weekend_moves and day.weekday() == 5:
                out.add(day - timedelta(days=1))
    return frozenset(out)
