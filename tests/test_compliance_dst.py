"""orl.compliance across the 2026 and 2027 daylight-saving changes of the zones it serves.

Expected windows are written as UTC instants worked out by hand from each
zone's offsets, so they check the DST handling instead of repeating it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

import outreach_rules as orl
from outreach_rules import compliance

FLORIDA = orl.Prospect(id="fl", timezone="America/New_York", country="US", region="FL")
LOUISIANA = orl.Prospect(id="la", timezone="America/Chicago", country="US", region="LA")
ONTARIO = orl.Prospect(id="on", timezone="America/Toronto", country="CA", region="ON")
NEW_SOUTH_WALES = orl.Prospect(id="nsw", timezone="Australia/Sydney", country="AU", region="NSW")
SECOND = timedelta(seconds=1)


def z(text: str) -> datetime:
    """Parse a UTC instant written as ``YYYY-MM-DDTHH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# (prospect, local date, expected windows as UTC instants). The US and Canadian changes
# fall on Sundays in March (2026-03-08, 2027-03-14) and November (2026-11-01,
# 2027-11-07); Sydney's on Sundays in April (2026-04-05, 2027-04-04) and October
# (2026-10-04, 2027-10-03).
DAYS = [
    # Florida, 08:00–20:00 every day; EST -5, EDT -4.
    (FLORIDA, date(2026, 3, 7), [("2026-03-07T13:00", "2026-03-08T01:00")]),
    (FLORIDA, date(2026, 3, 8), [("2026-03-08T12:00", "2026-03-09T00:00")]),
    (FLORIDA, date(2026, 10, 31), [("2026-10-31T12:00", "2026-11-01T00:00")]),
    (FLORIDA, date(2026, 11, 1), [("2026-11-01T13:00", "2026-11-02T01:00")]),
    (FLORIDA, date(2027, 3, 13), [("2027-03-13T13:00", "2027-03-14T01:00")]),
    (FLORIDA, date(2027, 3, 14), [("2027-03-14T12:00", "2027-03-15T00:00")]),
    (FLORIDA, date(2027, 11, 6), [("2027-11-06T12:00", "2027-11-07T00:00")]),
    (FLORIDA, date(2027, 11, 7), [("2027-11-07T13:00", "2027-11-08T01:00")]),
    # Louisiana, Monday to Saturday 08:00–20:00; CST -6, CDT -5; the change days are Sundays.
    (LOUISIANA, date(2026, 3, 7), [("2026-03-07T14:00", "2026-03-08T02:00")]),
    (LOUISIANA, date(2026, 3, 8), []),
    (LOUISIANA, date(2026, 3, 9), [("2026-03-09T13:00", "2026-03-10T01:00")]),
    (LOUISIANA, date(2026, 10, 31), [("2026-10-31T13:00", "2026-11-01T01:00")]),
    (LOUISIANA, date(2026, 11, 1), []),
    (LOUISIANA, date(2026, 11, 2), [("2026-11-02T14:00", "2026-11-03T02:00")]),
    (LOUISIANA, date(2027, 3, 13), [("2027-03-13T14:00", "2027-03-14T02:00")]),
    (LOUISIANA, date(2027, 3, 14), []),
    (LOUISIANA, date(2027, 3, 15), [("2027-03-15T13:00", "2027-03-16T01:00")]),
    (LOUISIANA, date(2027, 11, 6), [("2027-11-06T13:00", "2027-11-07T01:00")]),
    (LOUISIANA, date(2027, 11, 7), []),
    (LOUISIANA, date(2027, 11, 8), [("2027-11-08T14:00", "2027-11-09T02:00")]),
    # Ontario, weekdays 09:00–21:30, weekends 10:00–18:00; EST -5, EDT -4.
    (ONTARIO, date(2026, 3, 7), [("2026-03-07T15:00", "2026-03-07T23:00")]),
    (ONTARIO, date(2026, 3, 8), [("2026-03-08T14:00", "2026-03-08T22:00")]),
    (ONTARIO, date(2026, 3, 9), [("2026-03-09T13:00", "2026-03-10T01:30")]),
    (ONTARIO, date(2026, 10, 31), [("2026-10-31T14:00", "2026-10-31T22:00")]),
    (ONTARIO, date(2026, 11, 1), [("2026-11-01T15:00", "2026-11-01T23:00")]),
    (ONTARIO, date(2026, 11, 2), [("2026-11-02T14:00", "2026-11-03T02:30")]),
    (ONTARIO, date(2027, 3, 13), [("2027-03-13T15:00", "2027-03-13T23:00")]),
    (ONTARIO, date(2027, 3, 14), [("2027-03-14T14:00", "2027-03-14T22:00")]),
    (ONTARIO, date(2027, 11, 6), [("2027-11-06T14:00", "2027-11-06T22:00")]),
    (ONTARIO, date(2027, 11, 7), [("2027-11-07T15:00", "2027-11-07T23:00")]),
    # New South Wales, weekdays 09:00–20:00, Saturday 09:00–17:00, no Sunday; AEDT +11,
    # AEST +10. Monday 2026-04-06 is Easter Monday, a national holiday: closed.
    (NEW_SOUTH_WALES, date(2026, 4, 4), [("2026-04-03T22:00", "2026-04-04T06:00")]),
    (NEW_SOUTH_WALES, date(2026, 4, 5), []),
    (NEW_SOUTH_WALES, date(2026, 4, 6), []),
    (NEW_SOUTH_WALES, date(2026, 4, 7), [("2026-04-06T23:00", "2026-04-07T10:00")]),
    (NEW_SOUTH_WALES, date(2026, 10, 3), [("2026-10-02T23:00", "2026-10-03T07:00")]),
    (NEW_SOUTH_WALES, date(2026, 10, 4), []),
    (NEW_SOUTH_WALES, date(2026, 10, 5), [("2026-10-04T22:00", "2026-10-05T09:00")]),
    (NEW_SOUTH_WALES, date(2027, 4, 3), [("2027-04-02T22:00", "2027-04-03T06:00")]),
    (NEW_SOUTH_WALES, date(2027, 4, 4), []),
    (NEW_SOUTH_WALES, date(2027, 4, 5), [("2027-04-04T23:00", "2027-04-05T10:00")]),
    (NEW_SOUTH_WALES, date(2027, 10, 2), [("2027-10-01T23:00", "2027-10-02T07:00")]),
    (NEW_SOUTH_WALES, date(2027, 10, 3), []),
    (NEW_SOUTH_WALES, date(2027, 10, 4), [("2027-10-03T22:00", "2027-10-04T09:00")]),
]


def _id(case: tuple[orl.Prospect, date, list[tuple[str, str]]]) -> str:
    return f"{case[0].region}-{case[1].isoformat()}"


@pytest.mark.parametrize("case", DAYS, ids=[_id(c) for c in DAYS])
def test_windows_on_days_around_dst_changes(case):
    """The day's permitted windows are the local wall-clock hours, at the right UTC instants."""
    prospect, day, expected = case
    calendar = compliance.calendar_for(prospect)
    start = calendar.start_of_day(day)
    end = calendar.start_of_day(day + timedelta(days=1))
    found = compliance.windows(prospect, start, end)
    assert [(b.astimezone(UTC), e.astimezone(UTC)) for b, e in found] == [
        (z(b), z(e)) for b, e in expected
    ]
    assert all(str(b.tzinfo) == prospect.timezone for b, _ in found)


@pytest.mark.parametrize("case", DAYS, ids=[_id(c) for c in DAYS])
def test_permitted_flips_exactly_at_the_window_edges_around_dst_changes(case):
    """permitted() is false just before a window, true at its start and end-1s, false at its end."""
    prospect, day, expected = case
    for begin, end in expected:
        assert not compliance.permitted(prospect, z(begin) - SECOND)
        assert compliance.permitted(prospect, z(begin))
        assert compliance.permitted(prospect, z(end) - SECOND)
        assert not compliance.permitted(prospect, z(end))
    if not expected:
        tz = ZoneInfo(prospect.timezone)
        for hour in range(0, 24, 3):
            at = datetime.combine(day, time(hour), tz).astimezone(UTC).astimezone(tz)
            assert not compliance.permitted(prospect, at)


# (prospect, asked at, next permitted instant), both as UTC instants.
NEXT = [
    # Florida Saturday 20:00 EST -> Sunday 08:00 EDT (the day the clocks spring forward).
    (FLORIDA, "2026-03-08T01:00", "2026-03-08T12:00"),
    # Florida Saturday 20:00 EDT -> Sunday 08:00 EST (the clocks fall back).
    (FLORIDA, "2026-11-01T00:00", "2026-11-01T13:00"),
    (FLORIDA, "2027-03-14T01:00", "2027-03-14T12:00"),
    (FLORIDA, "2027-11-07T00:00", "2027-11-07T13:00"),
    # Florida during the repeated hour 01:30 EST (second pass) -> 08:00 EST.
    (FLORIDA, "2026-11-01T06:30", "2026-11-01T13:00"),
    # Louisiana Saturday 20:00 CST -> Monday 08:00 CDT, skipping the Sunday.
    (LOUISIANA, "2026-03-08T02:00", "2026-03-09T13:00"),
    (LOUISIANA, "2026-11-01T01:00", "2026-11-02T14:00"),
    (LOUISIANA, "2027-03-14T02:00", "2027-03-15T13:00"),
    (LOUISIANA, "2027-11-07T01:00", "2027-11-08T14:00"),
    # Ontario Saturday 18:00 EST -> Sunday 10:00 EDT.
    (ONTARIO, "2026-03-07T23:00", "2026-03-08T14:00"),
    (ONTARIO, "2026-10-31T22:00", "2026-11-01T15:00"),
    (ONTARIO, "2027-03-13T23:00", "2027-03-14T14:00"),
    (ONTARIO, "2027-11-06T22:00", "2027-11-07T15:00"),
    # NSW Saturday 17:00 AEDT -> (Sunday, Easter Monday closed) Tuesday 09:00 AEST.
    (NEW_SOUTH_WALES, "2026-04-04T06:00", "2026-04-06T23:00"),
    # NSW Saturday 17:00 AEST -> Monday 09:00 AEDT.
    (NEW_SOUTH_WALES, "2026-10-03T07:00", "2026-10-04T22:00"),
    (NEW_SOUTH_WALES, "2027-04-03T06:00", "2027-04-04T23:00"),
    (NEW_SOUTH_WALES, "2027-10-02T07:00", "2027-10-03T22:00"),
]


@pytest.mark.parametrize("case", NEXT, ids=[f"{c[0].region}-{c[1]}" for c in NEXT])
def test_next_permitted_across_dst_changes(case):
    """The next permitted instant after closing is the next opening, at its true UTC instant."""
    prospect, asked, expected = case
    found = compliance.next_permitted(prospect, z(asked))
    assert found.astimezone(UTC) == z(expected)
    assert str(found.tzinfo) == prospect.timezone
    assert compliance.permitted(prospect, found)
    assert not compliance.permitted(prospect, found - SECOND)
