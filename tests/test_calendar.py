"""Tests for outreach_rules.calendar: hours, holidays, business days and DST-safe instants."""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pendulum
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from outreach_rules.calendar import (
    ALWAYS_OPEN,
    END_OF_DAY,
    FRIDAY,
    MONDAY,
    SATURDAY,
    SUNDAY,
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    Calendar,
    Hours,
    holiday_dates,
)

NY = ZoneInfo("America/New_York")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
SYDNEY = ZoneInfo("Australia/Sydney")
MINUTE = timedelta(minutes=1)
MICRO = timedelta(microseconds=1)


def utc(value: datetime) -> datetime:
    """Return ``value`` in UTC, so that comparisons see instants, not wall times."""
    return value.astimezone(UTC)


def wall(value: datetime) -> tuple[date, time]:
    """Return the local date and naive wall time of an aware datetime."""
    return value.date(), value.time().replace(fold=0)


def hours_on(weekday: int, *windows: tuple[time, time]) -> Hours:
    """Return hours open only on ``weekday`` in the given windows."""
    return Hours.from_mapping({weekday: windows})


# --------------------------------------------------------------------------- Hours


def test_weekly_default_is_monday_to_friday_nine_to_five() -> None:
    """Hours.weekly() opens 09:00–17:00 Monday to Friday and closes the weekend."""
    hours = Hours.weekly()
    for day in range(5):
        assert hours.on(day) == ((time(9), time(17)),)
    assert hours.on(SATURDAY) == ()
    assert hours.on(SUNDAY) == ()


def test_weekly_accepts_custom_days_and_any_iterable() -> None:
    """Hours.weekly takes its window and any iterable of weekdays."""
    hours = Hours.weekly(time(8), time(21), days=range(7))
    assert all(hours.on(day) == ((time(8), time(21)),) for day in range(7))
    assert Hours.weekly(days=[SATURDAY]).on(SATURDAY) == ((time(9), time(17)),)
    assert Hours.weekly(days=[SATURDAY]).on(MONDAY) == ()


def test_from_mapping_sorts_windows_and_closes_missing_days() -> None:
    """from_mapping sorts each day's windows and leaves unlisted weekdays closed."""
    hours = Hours.from_mapping(
        {TUESDAY: [(time(14), time(17)), (time(9), time(12))], SUNDAY: [(time(10), END_OF_DAY)]}
    )
    assert hours.on(TUESDAY) == ((time(9), time(12)), (time(14), time(17)))
    assert hours.on(SUNDAY) == ((time(10), END_OF_DAY),)
    assert [hours.on(d) for d in (MONDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY)] == [()] * 5


def test_touching_windows_are_merged_so_equal_schedules_are_equal() -> None:
    """Windows that touch merge into one, making equal schedules equal and hash-equal."""
    split = Hours.from_mapping({MONDAY: [(time(9), time(12)), (time(12), time(17))]})
    whole = Hours.from_mapping({MONDAY: [(time(9), time(17))]})
    assert split == whole
    assert hash(split) == hash(whole)
    assert split.on(MONDAY) == ((time(9), time(17)),)


def test_hours_converts_lists_and_strips_fold() -> None:
    """Lists become tuples and fold=1 times are stored with fold=0."""
    hours = Hours(windows=[[[time(1, 30, fold=1), time(2)]], [], [], [], [], [], []])
    assert hours.windows[0] == ((time(1, 30), time(2)),)
    assert hours.windows[0][0][0].fold == 0
    assert isinstance(hours.windows, tuple)
    assert {hours: 1}[hours] == 1


def test_always_open_covers_every_day_midnight_to_midnight() -> None:
    """ALWAYS_OPEN has one 00:00–END_OF_DAY window on each of the seven days."""
    assert ALWAYS_OPEN.windows == (((time(0), END_OF_DAY),),) * 7
    assert END_OF_DAY.isoformat() == "23:59:59.999999"


def test_hours_is_frozen() -> None:
    """Hours values cannot be changed after construction."""
    hours = Hours.weekly()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        hours.windows = ()  # type: ignore[misc]
    assert hours == Hours.weekly()


def test_hours_needs_exactly_seven_days() -> None:
    """A windows tuple of other than seven entries is a ValueError that says so."""
    with pytest.raises(ValueError, match=r"windows: expected exactly 7 entries.*got 6"):
        Hours(windows=((),) * 6)


def test_hours_rejects_window_that_ends_before_it_starts() -> None:
    """A window whose start is not before its end is a ValueError naming the weekday."""
    with pytest.raises(ValueError, match=r"mapping\[2\]\[0\]: Wednesday window 17:00:00–09:00:00"):
        Hours.from_mapping({WEDNESDAY: [(time(17), time(9))]})
    bad = [(), (), (), ((time(12), time(12)),), (), (), ()]
    with pytest.raises(ValueError, match=r"windows\[3\]\[0\]: Thursday window 12:00:00–12:00:00"):
        Hours(windows=bad)
    with pytest.raises(ValueError, match="END_OF_DAY"):
        Hours.weekly(time(18), time(0))


def test_hours_rejects_unsorted_and_overlapping_windows() -> None:
    """Unsorted or overlapping windows are a ValueError naming the weekday and both windows."""
    unsorted = [(), (), (), (), ((time(14), time(15)), (time(9), time(10))), (), ()]
    with pytest.raises(ValueError, match=r"windows\[4\]: Friday window 09:00:00–10:00:00 comes"):
        Hours(windows=unsorted)
    with pytest.raises(
        ValueError,
        match=r"windows\[0\]: Monday windows 09:00:00–12:00:00 and 11:00:00–17:00:00 overlap",
    ):
        Hours.from_mapping({MONDAY: [(time(9), time(12)), (time(11), time(17))]})


@pytest.mark.parametrize(
    ("windows", "message"),
    [
        ("9-17", "expected 7 sequences"),
        ([(), (), (), (), (), (), [time(9)]], r"windows\[6\]\[0\]: expected a \(start, end\) pair"),
        (
            [(), (), (), (), (), (), [(time(9, tzinfo=UTC), time(17))]],
            "carries a time zone",
        ),
        ([(), (), (), (), (), (), [("09:00", "17:00")]], "expected a wall-clock time"),
    ],
)
def test_hours_rejects_malformed_windows_with_type_error(windows: object, message: str) -> None:
    """Malformed window data is a TypeError naming the bad part."""
    with pytest.raises(TypeError, match=message):
        Hours(windows=windows)


def test_hours_rejects_bad_weekdays() -> None:
    """Weekday numbers outside 0..6 are rejected by weekly, from_mapping and on."""
    with pytest.raises(ValueError, match=r"days item: 7 is not a weekday; use 0 \(Monday\)"):
        Hours.weekly(days=[7])
    with pytest.raises(ValueError, match="mapping key: -1 is not a weekday"):
        Hours.from_mapping({-1: [(time(9), time(17))]})
    with pytest.raises(TypeError, match="weekday: expected a weekday number"):
        Hours.weekly().on("Monday")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="mapping: expected a mapping"):
        Hours.from_mapping([(0, [(time(9), time(17))])])  # type: ignore[arg-type]


def test_intersect_keeps_only_times_open_in_both() -> None:
    """intersect keeps the overlap of each day's windows and closes days open in only one."""
    office = Hours.weekly(time(9), time(17))
    lawful = Hours.from_mapping(
        {d: [(time(8), time(12)), (time(13), time(21))] for d in (MONDAY, TUESDAY, SATURDAY)}
    )
    both = office.intersect(lawful)
    assert both.on(MONDAY) == ((time(9), time(12)), (time(13), time(17)))
    assert both.on(TUESDAY) == both.on(MONDAY)
    assert both.on(WEDNESDAY) == ()
    assert both.on(SATURDAY) == ()
    assert office.intersect(ALWAYS_OPEN) == office
    with pytest.raises(TypeError, match="other: expected Hours"):
        office.intersect("9-5")  # type: ignore[arg-type]


MINUTE_POOL = [0, 30, 60, 89, 90, 119, 120, 121, 150, 165, 180, 181, 210, 540, 1020, 1380, 1440]


def _clock(minutes: int) -> time:
    return END_OF_DAY if minutes >= 1440 else time(minutes // 60, minutes % 60)


@st.composite
def hours_strategy(draw: st.DrawFn) -> Hours:
    """Random weekly hours on whole minutes, biased to the times around DST changes."""
    days = []
    for _ in range(7):
        points = draw(
            st.lists(
                st.one_of(st.sampled_from(MINUTE_POOL), st.integers(0, 1440)),
                unique=True,
                max_size=6,
            )
        )
        points.sort()
        if len(points) % 2:
            points.pop()
        days.append(
            tuple((_clock(points[i]), _clock(points[i + 1])) for i in range(0, len(points), 2))
        )
    return Hours(windows=days)


def _open_at(hours: Hours, weekday: int, clock: time) -> bool:
    return any(
        start <= clock and (clock < end or end == END_OF_DAY) for start, end in hours.on(weekday)
    )


@settings(max_examples=200, deadline=None)
@given(hours_strategy(), hours_strategy(), st.integers(0, 6), st.integers(0, 1439))
def test_intersect_is_open_exactly_where_both_are(
    left: Hours, right: Hours, weekday: int, minute: int
) -> None:
    """A wall time is open in left.intersect(right) exactly when it is open in both."""
    clock = _clock(minute)
    both = left.intersect(right)
    assert _open_at(both, weekday, clock) == (
        _open_at(left, weekday, clock) and _open_at(right, weekday, clock)
    )
    assert both == right.intersect(left)


# --------------------------------------------------------------------------- Calendar values


def test_calendar_defaults() -> None:
    """A calendar defaults to Mon–Fri 09–17, Mon–Fri business days and no holidays."""
    cal = Calendar(timezone="America/New_York")
    assert cal.hours == Hours.weekly()
    assert cal.business_days == frozenset({0, 1, 2, 3, 4})
    assert cal.country is None
    assert cal.region is None
    assert cal.closed_on_holidays is True
    assert cal.zone is NY


def test_calendar_is_hashable_comparable_and_picklable() -> None:
    """Equal calendars are equal and hash equal, survive pickling and evolve cleanly."""
    one = Calendar(timezone="Europe/Stockholm", country="se", extra_holidays=[date(2026, 6, 19)])
    two = Calendar(timezone="Europe/Stockholm", country="SE", extra_holidays={date(2026, 6, 19)})
    assert one == two
    assert hash(one) == hash(two)
    assert one.country == "SE"
    again = pickle.loads(pickle.dumps(one))
    assert again == one
    assert again.is_holiday(date(2026, 6, 19))
    moved = attrs.evolve(one, timezone="America/New_York")
    assert moved.zone is NY
    assert moved != one
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        one.timezone = "UTC"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"timezone": "America/New_Yrok"},
            ValueError,
            "timezone: 'America/New_Yrok' is not a known",
        ),
        ({"timezone": 5}, TypeError, "timezone: expected an IANA name"),
        ({"country": "USA"}, ValueError, "country: 'USA' is not an ISO 3166-1 alpha-2 code"),
        ({"country": 1}, TypeError, "country: expected an ISO 3166-1 alpha-2 code"),
        ({"region": "FL"}, ValueError, "region: 'FL' given without a country"),
        ({"country": "US", "region": "ZZ"}, ValueError, r"region: 'ZZ' is not a subdivision of US"),
        ({"business_days": [1, 8]}, ValueError, "business_days item: 8 is not a weekday"),
        ({"business_days": []}, ValueError, "business_days: must name at least one weekday"),
        ({"closed_on_holidays": 1}, TypeError, "closed_on_holidays: expected True or False"),
        ({"hours": "9-5"}, TypeError, "hours: expected Hours"),
        (
            {"extra_holidays": [datetime(2026, 1, 2)]},
            TypeError,
            "extra_holidays item: expected a date",
        ),
        ({"not_holidays": date(2026, 1, 2)}, TypeError, "not_holidays: expected a set of dates"),
        (
            {"extra_holidays": [date(2026, 1, 2)], "not_holidays": [date(2026, 1, 2)]},
            ValueError,
            "not_holidays: 2026-01-02 also listed in extra_holidays",
        ),
    ],
)
def test_calendar_rejects_bad_fields(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    """Bad calendar fields raise an error naming the field, the value and what is valid."""
    fields: dict[str, object] = {"timezone": "America/New_York", **kwargs}
    with pytest.raises(error, match=message):
        Calendar(**fields)  # type: ignore[arg-type]


def test_bad_region_error_lists_valid_codes() -> None:
    """An unknown region names the valid subdivision codes of the country."""
    with pytest.raises(ValueError, match=r"valid: .*ACT.*NSW.*VIC") as info:
        Calendar(timezone="Australia/Sydney", country="AU", region="Sydney")
    assert getattr(info.value, "field", None) == "region"


NAIVE = datetime(2026, 3, 10, 10, 0)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.is_open(NAIVE), "t"),
        (lambda c: c.next_open(NAIVE), "t"),
        (lambda c: c.window_end(NAIVE), "t"),
        (lambda c: c.windows(NAIVE, datetime(2026, 3, 11, tzinfo=UTC)), "start"),
        (lambda c: c.windows(datetime(2026, 3, 9, tzinfo=UTC), NAIVE), "end"),
        (lambda c: c.add_business_days(NAIVE, 1), "t"),
        (lambda c: c.next_weekday(NAIVE, MONDAY), "t"),
    ],
)
def test_naive_datetimes_are_refused_naming_the_parameter(call: object, field: str) -> None:
    """Every datetime entry point refuses a naive datetime with a TypeError naming the parameter."""
    cal = Calendar(timezone="America/New_York")
    with pytest.raises(TypeError, match=rf"^{field}: naive datetime"):
        call(cal)  # type: ignore[operator]


def test_date_parameters_refuse_datetimes() -> None:
    """Methods taking a date refuse a datetime, naming the parameter."""
    cal = Calendar(timezone="America/New_York")
    moment = datetime(2026, 3, 10, tzinfo=UTC)
    for method in (cal.is_holiday, cal.is_business_day, cal.next_business_day, cal.start_of_day):
        with pytest.raises(TypeError, match="d: expected a date"):
            method(moment)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="wall: expected a wall-clock time"):
        cal.at(date(2026, 3, 10), "10:00")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- basic behaviour


def test_is_open_inside_and_outside_office_hours() -> None:
    """is_open is true from 09:00 up to (not including) 17:00 on weekdays only."""
    cal = Calendar(timezone="America/New_York")
    assert cal.is_open(datetime(2026, 3, 10, 9, tzinfo=NY))
    assert cal.is_open(datetime(2026, 3, 10, 16, 59, 59, 999999, tzinfo=NY))
    assert not cal.is_open(datetime(2026, 3, 10, 17, tzinfo=NY))
    assert not cal.is_open(datetime(2026, 3, 10, 8, 59, tzinfo=NY))
    assert not cal.is_open(datetime(2026, 3, 14, 12, tzinfo=NY))  # Saturday
    assert cal.is_open(datetime(2026, 3, 10, 14, tzinfo=UTC))  # 10:00 EDT


def test_next_open_returns_open_input_in_local_zone() -> None:
    """next_open of an open instant is that instant, expressed in the calendar's zone."""
    cal = Calendar(timezone="America/New_York")
    t = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    got = cal.next_open(t)
    assert got == t
    assert got.tzinfo is NY
    assert type(got) is datetime
    assert got.hour == 11


def test_next_open_later_today_and_tomorrow() -> None:
    """next_open before opening is today's opening; after closing it is tomorrow's."""
    cal = Calendar(timezone="Europe/Stockholm")
    assert cal.next_open(datetime(2026, 5, 12, 7, tzinfo=STOCKHOLM)) == datetime(
        2026, 5, 12, 9, tzinfo=STOCKHOLM
    )
    assert cal.next_open(datetime(2026, 5, 12, 17, tzinfo=STOCKHOLM)) == datetime(
        2026, 5, 13, 9, tzinfo=STOCKHOLM
    )


def test_next_open_with_no_hours_raises() -> None:
    """A calendar without any opening window has no next opening: ValueError."""
    closed = Calendar(timezone="UTC", hours=Hours(windows=((),) * 7))
    with pytest.raises(ValueError, match="t: no opening window within three years"):
        closed.next_open(datetime(2026, 1, 1, tzinfo=UTC))
    assert not closed.is_open(datetime(2026, 1, 1, tzinfo=UTC))


def test_next_open_gives_up_when_every_open_day_is_a_holiday() -> None:
    """If every open day for three years is a holiday next_open raises ValueError."""
    mondays = {date(2026, 1, 5) + timedelta(weeks=k) for k in range(170)}
    cal = Calendar(timezone="UTC", hours=Hours.weekly(days=[MONDAY]), extra_holidays=mondays)
    with pytest.raises(ValueError, match="every opening day is a holiday"):
        cal.next_open(datetime(2026, 1, 1, tzinfo=UTC))


def test_window_end_and_closed_error() -> None:
    """window_end gives the closing instant of the current window and refuses a closed t."""
    cal = Calendar(
        timezone="America/New_York",
        hours=Hours.from_mapping({TUESDAY: [(time(9), time(12)), (time(13), END_OF_DAY)]}),
    )
    assert cal.window_end(datetime(2026, 3, 10, 10, tzinfo=NY)) == datetime(
        2026, 3, 10, 12, tzinfo=NY
    )
    assert utc(cal.window_end(datetime(2026, 3, 10, 23, 59, tzinfo=NY))) == utc(
        datetime(2026, 3, 11, 0, tzinfo=NY)
    )
    with pytest.raises(ValueError, match=r"t: 2026-03-10T12:30:00-04:00 .* is not inside"):
        cal.window_end(datetime(2026, 3, 10, 12, 30, tzinfo=NY))


def test_windows_clips_to_the_range() -> None:
    """windows() lists each day's windows, clipped to [start, end), and [] for an empty range."""
    cal = Calendar(timezone="America/New_York")
    start = datetime(2026, 3, 10, 12, tzinfo=NY)
    end = datetime(2026, 3, 12, 10, tzinfo=NY)
    assert cal.windows(start, end) == [
        (datetime(2026, 3, 10, 12, tzinfo=NY), datetime(2026, 3, 10, 17, tzinfo=NY)),
        (datetime(2026, 3, 11, 9, tzinfo=NY), datetime(2026, 3, 11, 17, tzinfo=NY)),
        (datetime(2026, 3, 12, 9, tzinfo=NY), datetime(2026, 3, 12, 10, tzinfo=NY)),
    ]
    assert cal.windows(end, start) == []


def test_add_business_days_skips_weekends_and_keeps_wall_time() -> None:
    """add_business_days moves over weekends and keeps the local wall time."""
    cal = Calendar(timezone="Europe/Stockholm")
    thursday = datetime(2026, 5, 7, 14, 15, tzinfo=STOCKHOLM)
    assert cal.add_business_days(thursday, 1) == datetime(2026, 5, 8, 14, 15, tzinfo=STOCKHOLM)
    assert cal.add_business_days(thursday, 2) == datetime(2026, 5, 11, 14, 15, tzinfo=STOCKHOLM)
    assert cal.add_business_days(thursday, 6) == datetime(2026, 5, 15, 14, 15, tzinfo=STOCKHOLM)
    saturday = datetime(2026, 5, 9, 8, tzinfo=STOCKHOLM)
    assert cal.add_business_days(saturday, 1) == datetime(2026, 5, 11, 8, tzinfo=STOCKHOLM)


def test_add_business_days_zero_and_negative() -> None:
    """n == 0 returns t in the local zone; a negative or non-integer n is refused."""
    cal = Calendar(timezone="America/New_York")
    t = datetime(2026, 3, 14, 18, tzinfo=UTC)  # a Saturday
    same = cal.add_business_days(t, 0)
    assert same == t
    assert same.tzinfo is NY
    with pytest.raises(ValueError, match="n: -1 is negative"):
        cal.add_business_days(t, -1)
    with pytest.raises(TypeError, match="n: expected a whole number"):
        cal.add_business_days(t, 1.5)  # type: ignore[arg-type]


def test_custom_business_days() -> None:
    """business_days decides which weekdays count, independent of the opening hours."""
    cal = Calendar(timezone="Asia/Kolkata", business_days={0, 1, 2, 3, 4, 5})
    friday = datetime(2026, 3, 13, 11, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert cal.add_business_days(friday, 1).date() == date(2026, 3, 14)
    assert cal.next_business_day(date(2026, 3, 14)) == date(2026, 3, 16)
    assert cal.is_business_day(date(2026, 3, 14))
    assert not cal.is_business_day(date(2026, 3, 15))


def test_next_weekday() -> None:
    """next_weekday is strictly after t's local date, counted in the calendar's zone."""
    cal = Calendar(timezone="Australia/Sydney")
    # 2026-03-09 20:00 UTC is already Tuesday 2026-03-10 in Sydney.
    t = datetime(2026, 3, 9, 20, tzinfo=UTC)
    assert cal.next_weekday(t, TUESDAY) == date(2026, 3, 17)
    assert cal.next_weekday(t, WEDNESDAY) == date(2026, 3, 11)
    assert cal.next_weekday(t, MONDAY) == date(2026, 3, 16)
    with pytest.raises(ValueError, match="weekday: 9 is not a weekday"):
        cal.next_weekday(t, 9)


def test_inputs_from_any_zone_and_pendulum_give_plain_local_datetimes() -> None:
    """Inputs in other zones or as pendulum DateTimes give stdlib datetimes in the local zone."""
    cal = Calendar(timezone="America/New_York")
    stockholm = datetime(2026, 3, 13, 23, tzinfo=STOCKHOLM)  # Friday 18:00 in New York
    expected = datetime(2026, 3, 16, 9, tzinfo=NY)
    assert cal.next_open(stockholm) == expected
    moment = pendulum.datetime(2026, 3, 13, 23, tz="Europe/Stockholm")
    for result in (
        cal.next_open(moment),
        cal.add_business_days(moment, 1),
        cal.next_open(pendulum.datetime(2026, 3, 16, 14, tz="UTC")),
    ):
        assert type(result) is datetime
        assert result.tzinfo is NY
    assert cal.next_open(moment) == expected
    assert cal.is_open(pendulum.datetime(2026, 3, 16, 10, tz="America/New_York"))
    assert cal.add_business_days(moment, 1) == datetime(2026, 3, 16, 18, tzinfo=NY)


# --------------------------------------------------------------------------- holidays


def test_holiday_dates_us_federal_is_cached() -> None:
    """holiday_dates lists US federal holidays with observed days and caches the set."""
    days = holiday_dates("US", None, 2026)
    assert date(2026, 7, 3) in days  # Independence Day observed (Friday)
    assert date(2026, 7, 4) in days
    assert date(2026, 11, 26) in days
    assert all(d.year == 2026 for d in days)
    assert isinstance(days, frozenset)
    assert holiday_dates("US", None, 2026) is days


def test_us_independence_day_observed_friday_is_closed() -> None:
    """On 2026-07-03 (observed Independence Day, a Friday) a US calendar is closed."""
    cal = Calendar(timezone="America/New_York", country="US")
    friday = datetime(2026, 7, 3, 10, tzinfo=NY)
    assert cal.is_holiday(date(2026, 7, 3))
    assert not cal.is_business_day(date(2026, 7, 3))
    assert not cal.is_open(friday)
    assert cal.next_open(friday) == datetime(2026, 7, 6, 9, tzinfo=NY)
    thursday = datetime(2026, 7, 2, 11, tzinfo=NY)
    assert cal.add_business_days(thursday, 1) == datetime(2026, 7, 6, 11, tzinfo=NY)
    assert cal.next_business_day(date(2026, 7, 2)) == date(2026, 7, 6)
    with pytest.raises(ValueError, match="not inside an opening window"):
        cal.window_end(friday)


def test_us_state_region_adds_state_holidays() -> None:
    """A state region adds its own holidays: California closes the day after Thanksgiving."""
    federal = Calendar(timezone="America/Los_Angeles", country="US")
    california = Calendar(timezone="America/Los_Angeles", country="US", region="CA")
    friday = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert federal.is_open(friday)
    assert not california.is_open(friday)
    assert california.is_holiday(date(2026, 3, 31))  # Cesar Chavez Day
    assert not federal.is_holiday(date(2026, 3, 31))
    assert date(2026, 11, 27) in holiday_dates("US", "CA", 2026)


def test_sweden_midsummer() -> None:
    """Midsummer Day is a Swedish holiday; Midsummer Eve closes only via extra_holidays."""
    always = Calendar(timezone="Europe/Stockholm", hours=ALWAYS_OPEN, country="SE")
    assert always.is_holiday(date(2026, 6, 20))
    assert not always.is_open(datetime(2026, 6, 20, 12, tzinfo=STOCKHOLM))
    assert always.next_open(datetime(2026, 6, 20, 12, tzinfo=STOCKHOLM)) == datetime(
        2026, 6, 21, 0, tzinfo=STOCKHOLM
    )
    assert always.is_holiday(date(2027, 6, 26))
    assert not always.is_holiday(date(2026, 6, 19))  # Midsummer Eve is de facto only
    eve = Calendar(timezone="Europe/Stockholm", country="SE", extra_holidays={date(2026, 6, 19)})
    assert eve.is_holiday(date(2026, 6, 19))
    assert not eve.is_open(datetime(2026, 6, 19, 10, tzinfo=STOCKHOLM))
    assert eve.next_open(datetime(2026, 6, 18, 18, tzinfo=STOCKHOLM)) == datetime(
        2026, 6, 22, 9, tzinfo=STOCKHOLM
    )


def test_australia_nsw_anzac_day() -> None:
    """ANZAC Day (25 April) is a NSW holiday; on Friday 2025-04-25 the calendar is closed."""
    cal = Calendar(timezone="Australia/Sydney", country="AU", region="NSW")
    assert cal.is_holiday(date(2025, 4, 25))
    assert cal.is_holiday(date(2026, 4, 25))
    assert not cal.is_open(datetime(2025, 4, 25, 10, tzinfo=SYDNEY))
    assert cal.next_open(datetime(2025, 4, 24, 17, 30, tzinfo=SYDNEY)) == datetime(
        2025, 4, 28, 9, tzinfo=SYDNEY
    )


def test_not_holidays_and_extra_holidays_override_the_package() -> None:
    """not_holidays reopens a listed holiday; extra_holidays closes an ordinary day."""
    cal = Calendar(
        timezone="America/New_York",
        country="US",
        not_holidays={date(2026, 7, 3)},
        extra_holidays={date(2026, 7, 7)},
    )
    assert not cal.is_holiday(date(2026, 7, 3))
    assert cal.is_open(datetime(2026, 7, 3, 10, tzinfo=NY))
    assert cal.is_holiday(date(2026, 7, 7))
    assert not cal.is_open(datetime(2026, 7, 7, 10, tzinfo=NY))
    assert cal.add_business_days(datetime(2026, 7, 6, 9, tzinfo=NY), 1).date() == date(2026, 7, 8)
    assert cal.is_holiday(date(2026, 7, 4))  # the rest of the list still applies


def test_closed_on_holidays_false_keeps_windows_but_not_business_days() -> None:
    """With closed_on_holidays=False a holiday keeps its windows but is still no business day."""
    cal = Calendar(timezone="America/New_York", country="US", closed_on_holidays=False)
    assert cal.is_open(datetime(2026, 7, 3, 10, tzinfo=NY))
    assert not cal.is_business_day(date(2026, 7, 3))
    assert cal.next_business_day(date(2026, 7, 2)) == date(2026, 7, 6)


def test_unsupported_country_has_no_holidays() -> None:
    """A country the holidays package does not know has no holidays."""
    assert holiday_dates("ZZ", None, 2026) == frozenset()
    cal = Calendar(timezone="UTC", country="ZZ")
    assert not cal.is_holiday(date(2026, 1, 1))
    assert cal.is_open(datetime(2026, 1, 1, 10, tzinfo=UTC))


def test_holiday_dates_bad_region_raises_listing_codes() -> None:
    """An unknown region of a supported country is a ValueError listing the valid codes."""
    with pytest.raises(ValueError, match=r"region: 'XX' is not a subdivision of US; valid: .*FL"):
        holiday_dates("US", "XX", 2026)
    with pytest.raises(ValueError, match="year: expected a year"):
        holiday_dates("US", None, 0)


def test_next_weekday_skips_holidays_when_business() -> None:
    """next_weekday with business=True skips a holiday to the same weekday a week later."""
    cal = Calendar(timezone="America/New_York", country="US")
    tuesday = datetime(2026, 6, 30, 12, tzinfo=NY)
    assert cal.next_weekday(tuesday, FRIDAY) == date(2026, 7, 10)
    assert cal.next_weekday(tuesday, FRIDAY, business=False) == date(2026, 7, 3)
    assert cal.next_weekday(tuesday, SATURDAY, business=False) == date(2026, 7, 4)
    assert cal.next_weekday(tuesday, SATURDAY) == date(2026, 7, 11)


# --------------------------------------------------------------------------- DST


@attrs.frozen
class Change:
    """One DST change: the zone, the local date and the wall times that are skipped or repeated."""

    zone: str
    day: date
    first: time  # first wall time skipped (gap) or repeated (fold)
    last: time  # first wall time after the gap or the repeated stretch

    @property
    def tz(self) -> ZoneInfo:
        """The zone as a ZoneInfo."""
        return ZoneInfo(self.zone)

    def clock(self, minutes: int) -> time:
        """Return the wall time ``minutes`` after the first affected wall time."""
        return (datetime.combine(self.day, self.first) + timedelta(minutes=minutes)).time()


GAPS = [
    Change("America/New_York", date(2026, 3, 8), time(2), time(3)),
    Change("America/New_York", date(2027, 3, 14), time(2), time(3)),
    Change("Europe/Stockholm", date(2026, 3, 29), time(2), time(3)),
    Change("Europe/Stockholm", date(2027, 3, 28), time(2), time(3)),
    Change("Australia/Sydney", date(2026, 10, 4), time(2), time(3)),
    Change("Australia/Sydney", date(2027, 10, 3), time(2), time(3)),
]
FOLDS = [
    Change("America/New_York", date(2026, 11, 1), time(1), time(2)),
    Change("America/New_York", date(2027, 11, 7), time(1), time(2)),
    Change("Europe/Stockholm", date(2026, 10, 25), time(2), time(3)),
    Change("Europe/Stockholm", date(2027, 10, 31), time(2), time(3)),
    Change("Australia/Sydney", date(2026, 4, 5), time(2), time(3)),
    Change("Australia/Sydney", date(2027, 4, 4), time(2), time(3)),
]


def _ids(change: Change) -> str:
    return f"{change.zone}-{change.day}"


@pytest.mark.parametrize("change", GAPS, ids=_ids)
def test_gap_table_is_right(change: Change) -> None:
    """The listed spring-forward gaps really skip their wall times (guards the table)."""
    inside = datetime.combine(change.day, change.clock(30), change.tz)
    assert inside.utcoffset() != inside.replace(fold=1).utcoffset()
    assert change.day.weekday() == SUNDAY


@pytest.mark.parametrize("change", GAPS, ids=_ids)
def test_window_start_in_gap_maps_to_first_instant_after_gap(change: Change) -> None:
    """A window starting inside the gap opens at the first instant after the gap."""
    cal = Calendar(timezone=change.zone, hours=hours_on(SUNDAY, (change.clock(30), time(5))))
    saturday = datetime.combine(change.day - timedelta(days=1), time(12), change.tz)
    opening = cal.next_open(saturday)
    assert wall(opening) == (change.day, change.last)
    after = utc(datetime.combine(change.day, change.last, change.tz))
    assert utc(opening) == after
    assert opening.utcoffset() == datetime.combine(change.day, time(12), change.tz).utcoffset()
    assert cal.is_open(opening)
    assert not cal.is_open(utc(opening) - MICRO)
    assert cal.at(change.day, change.clock(30)) == opening
    assert utc(cal.at(change.day, change.clock(30), end=True)) == after


@pytest.mark.parametrize("change", GAPS, ids=_ids)
def test_window_end_in_gap_maps_to_the_transition(change: Change) -> None:
    """A window ending inside the gap closes at the transition instant."""
    cal = Calendar(timezone=change.zone, hours=hours_on(SUNDAY, (time(1), change.clock(30))))
    before = datetime.combine(change.day, change.clock(-30), change.tz)
    assert cal.is_open(before)
    end = cal.window_end(before)
    transition = utc(datetime.combine(change.day, change.last, change.tz))
    assert utc(end) == transition
    assert cal.is_open(transition - MICRO)
    assert not cal.is_open(transition)
    assert cal.windows(before, before + timedelta(hours=6)) == [(before, end)]


@pytest.mark.parametrize("change", GAPS, ids=_ids)
def test_window_inside_gap_never_opens_that_day(change: Change) -> None:
    """A window lying wholly inside the gap is empty that day; the next opening is a week on."""
    cal = Calendar(
        timezone=change.zone, hours=hours_on(SUNDAY, (change.clock(10), change.clock(40)))
    )
    saturday = datetime.combine(change.day - timedelta(days=1), time(12), change.tz)
    assert cal.windows(saturday, saturday + timedelta(days=2)) == []
    opening = cal.next_open(saturday)
    assert wall(opening) == (change.day + timedelta(days=7), change.clock(10))


@pytest.mark.parametrize("change", GAPS + FOLDS, ids=_ids)
def test_always_open_calendar_around_the_change(change: Change) -> None:
    """An always-open calendar is open at every instant of a DST day, which lasts 23 or 25 h."""
    cal = Calendar(timezone=change.zone, hours=ALWAYS_OPEN)
    start = cal.start_of_day(change.day)
    stop = cal.start_of_day(change.day + timedelta(days=1))
    length = utc(stop) - utc(start)
    assert length == timedelta(hours=23 if change in GAPS else 25)
    moment = utc(start) - timedelta(hours=2)
    while moment < utc(stop) + timedelta(hours=2):
        assert cal.is_open(moment)
        assert utc(cal.next_open(moment)) == moment
        moment += timedelta(minutes=7)
    assert [(utc(a), utc(b)) for a, b in cal.windows(start, stop)] == [(utc(start), utc(stop))]
    assert utc(cal.window_end(start + timedelta(hours=5))) == utc(stop)


@pytest.mark.parametrize("change", FOLDS, ids=_ids)
def test_window_start_in_fold_maps_to_earlier_occurrence(change: Change) -> None:
    """A window starting inside the fold opens at the earlier (first) occurrence."""
    cal = Calendar(timezone=change.zone, hours=hours_on(SUNDAY, (change.clock(30), time(6))))
    saturday = datetime.combine(change.day - timedelta(days=1), time(12), change.tz)
    opening = cal.next_open(saturday)
    first = datetime.combine(change.day, change.clock(30), change.tz)
    second = first.replace(fold=1)
    assert utc(opening) == utc(first)
    assert utc(opening) < utc(second)
    assert opening.fold == 0
    assert cal.is_open(second)
    assert not cal.is_open(utc(first) - MICRO)
    assert utc(cal.at(change.day, change.clock(30))) == utc(first)


@pytest.mark.parametrize("change", FOLDS, ids=_ids)
def test_window_end_in_fold_maps_to_later_occurrence(change: Change) -> None:
    """A window ending inside the fold closes at the later occurrence; both occurrences are open."""
    cal = Calendar(timezone=change.zone, hours=hours_on(SUNDAY, (time(0), change.clock(30))))
    inside = datetime.combine(change.day, change.clock(15), change.tz)
    for occurrence in (inside, inside.replace(fold=1)):
        assert cal.is_open(occurrence)
        end = cal.window_end(occurrence)
        assert utc(end) == utc(
            datetime.combine(change.day, change.clock(30), change.tz).replace(fold=1)
        )
        assert end.fold == 1
    later = datetime.combine(change.day, change.clock(30), change.tz).replace(fold=1)
    assert not cal.is_open(later)
    assert cal.is_open(utc(later) - MICRO)
    assert utc(cal.at(change.day, change.clock(30), end=True)) == utc(later)


@pytest.mark.parametrize("change", FOLDS, ids=_ids)
def test_window_ending_where_the_fold_starts_closes_on_the_first_pass(change: Change) -> None:
    """A window ending at the first repeated wall time closes when the clock first shows it."""
    cal = Calendar(timezone=change.zone, hours=hours_on(SUNDAY, (time(0), change.first)))
    first_pass = datetime.combine(change.day, change.first, change.tz)
    end = cal.window_end(datetime.combine(change.day, time(0, 30), change.tz))
    assert utc(end) == utc(first_pass)
    assert utc(cal.at(change.day, change.first, end=True)) == utc(first_pass)
    inside = datetime.combine(change.day, change.clock(30), change.tz)
    for moment in (first_pass, first_pass.replace(fold=1), inside, inside.replace(fold=1)):
        assert not cal.is_open(moment)
    assert cal.is_open(utc(first_pass) - MICRO)


@pytest.mark.parametrize("change", FOLDS, ids=_ids)
def test_window_of_exactly_the_repeated_hour_spans_both_passes(change: Change) -> None:
    """A window from the first repeated wall time to the end of the fold lasts both passes."""
    cal = Calendar(timezone=change.zone, hours=hours_on(SUNDAY, (change.first, change.last)))
    midnight = cal.start_of_day(change.day)
    [(begin, end)] = cal.windows(midnight, midnight + timedelta(hours=8))
    assert utc(begin) == utc(datetime.combine(change.day, change.first, change.tz))
    assert utc(end) == utc(datetime.combine(change.day, change.last, change.tz))
    assert utc(end) - utc(begin) == timedelta(hours=2)


@pytest.mark.parametrize("change", FOLDS, ids=_ids)
def test_window_covering_the_fold_contains_both_occurrences(change: Change) -> None:
    """A window covering the fold is one interval an hour longer, open at both occurrences."""
    before, after = time(change.first.hour - 1), time(change.last.hour + 1)
    cal = Calendar(timezone=change.zone, hours=hours_on(SUNDAY, (before, after)))
    begin = datetime.combine(change.day, before, change.tz)
    spans = cal.windows(begin - timedelta(hours=1), begin + timedelta(hours=6))
    assert len(spans) == 1
    assert utc(spans[0][1]) - utc(spans[0][0]) == timedelta(hours=4)
    inside = datetime.combine(change.day, change.clock(30), change.tz)
    assert cal.is_open(inside)
    assert cal.is_open(inside.replace(fold=1))
    assert utc(cal.window_end(inside)) == utc(datetime.combine(change.day, after, change.tz))


@pytest.mark.parametrize("change", GAPS + FOLDS, ids=_ids)
def test_add_business_day_across_the_change_keeps_wall_time(change: Change) -> None:
    """Friday 10:00 plus one business day over a DST weekend is Monday 10:00 at the new offset."""
    cal = Calendar(timezone=change.zone)
    friday = datetime.combine(change.day - timedelta(days=2), time(10), change.tz)
    monday = cal.add_business_days(friday, 1)
    assert wall(monday) == (change.day + timedelta(days=1), time(10))
    shift = monday.utcoffset() - friday.utcoffset()  # type: ignore[operator]
    assert shift == (timedelta(hours=1) if change in GAPS else -timedelta(hours=1))
    assert utc(monday) - utc(friday) == timedelta(days=3) - shift


def test_new_york_friday_plus_one_business_day_over_spring_forward() -> None:
    """Friday 2026-03-06 10:00 EST + 1 business day = Monday 2026-03-09 10:00 EDT."""
    cal = Calendar(timezone="America/New_York")
    monday = cal.add_business_days(datetime(2026, 3, 6, 15, tzinfo=UTC), 1)
    assert monday.isoformat() == "2026-03-09T10:00:00-04:00"


@pytest.mark.parametrize("change", GAPS + FOLDS, ids=_ids)
def test_next_open_from_friday_evening_is_monday_nine_at_new_offset(change: Change) -> None:
    """next_open from Friday 18:00 before a DST weekend is Monday 09:00 with the new UTC offset."""
    cal = Calendar(timezone=change.zone)
    friday = datetime.combine(change.day - timedelta(days=2), time(18), change.tz)
    opening = cal.next_open(utc(friday))
    assert wall(opening) == (change.day + timedelta(days=1), time(9))
    monday_noon = datetime.combine(change.day + timedelta(days=1), time(12), change.tz)
    assert opening.utcoffset() == monday_noon.utcoffset() != friday.utcoffset()


def test_sydney_offsets_are_southern_hemisphere() -> None:
    """Sydney is +11 after springing forward in October and +10 after falling back in April."""
    cal = Calendar(timezone="Australia/Sydney")
    october = cal.next_open(datetime(2026, 10, 2, 8, tzinfo=UTC))
    april = cal.next_open(datetime(2026, 4, 3, 8, tzinfo=UTC))
    assert october.isoformat() == "2026-10-05T09:00:00+11:00"
    assert april.isoformat() == "2026-04-06T09:00:00+10:00"


def test_lord_howe_half_hour_gap() -> None:
    """Lord Howe skips 02:00–02:30: a window starting at 02:10 opens at 02:30 (+11:00)."""
    cal = Calendar(timezone="Australia/Lord_Howe", hours=hours_on(SUNDAY, (time(2, 10), time(4))))
    opening = cal.next_open(datetime(2026, 10, 3, 12, tzinfo=UTC))
    assert opening.isoformat() == "2026-10-04T02:30:00+11:00"
    assert utc(cal.window_end(opening)) - utc(opening) == timedelta(hours=1, minutes=30)


def test_kolkata_has_no_transitions() -> None:
    """In Asia/Kolkata (no DST) business days are whole 24-hour steps at +05:30."""
    cal = Calendar(timezone="Asia/Kolkata")
    friday = datetime(2026, 3, 6, 10, tzinfo=ZoneInfo("Asia/Kolkata"))
    monday = cal.add_business_days(friday, 1)
    assert monday.isoformat() == "2026-03-09T10:00:00+05:30"
    assert utc(monday) - utc(friday) == timedelta(days=3)


def test_start_of_day_when_midnight_does_not_exist() -> None:
    """start_of_day is local midnight, or the first instant after a gap that skips midnight."""
    santiago = Calendar(timezone="America/Santiago")
    assert santiago.start_of_day(date(2026, 9, 6)).isoformat() == "2026-09-06T01:00:00-03:00"
    assert santiago.start_of_day(date(2026, 9, 7)).isoformat() == "2026-09-07T00:00:00-03:00"
    ny = Calendar(timezone="America/New_York")
    assert ny.start_of_day(date(2026, 3, 8)).isoformat() == "2026-03-08T00:00:00-05:00"


def test_santiago_midnight_changes() -> None:
    """Santiago's midnight transitions: until-midnight windows meet the next day's first instant."""
    cal = Calendar(timezone="America/Santiago", hours=ALWAYS_OPEN)
    saturday = datetime(2026, 9, 5, 23, 30, tzinfo=ZoneInfo("America/Santiago"))
    assert utc(cal.window_end(saturday)) == utc(cal.start_of_day(date(2026, 9, 6)))
    assert cal.at(date(2026, 9, 5), END_OF_DAY, end=True) == cal.start_of_day(date(2026, 9, 6))
    # Fall back at 24:00 on 2026-04-04: Saturday 23:00–24:00 happens twice.
    late = datetime(2026, 4, 4, 23, 30, tzinfo=ZoneInfo("America/Santiago"))
    end = cal.window_end(late.replace(fold=1))
    assert utc(end) == utc(cal.start_of_day(date(2026, 4, 5)))
    assert utc(end) - utc(cal.start_of_day(date(2026, 4, 4))) == timedelta(hours=25)


def test_nonexistent_input_wall_time_is_read_as_its_instant() -> None:
    """An input whose wall time is in a gap is read as the instant it denotes (PEP 495 fold=0)."""
    cal = Calendar(timezone="America/New_York", hours=hours_on(SUNDAY, (time(3, 15), time(4))))
    ghost = datetime(2026, 3, 8, 2, 30, tzinfo=NY)  # means 07:30 UTC, i.e. 03:30 EDT
    assert cal.is_open(ghost)
    assert cal.next_open(ghost).isoformat() == "2026-03-08T03:30:00-04:00"


def test_overlapping_fold_windows_are_merged() -> None:
    """Two windows whose instants overlap because of a fold form one interval."""
    cal = Calendar(
        timezone="America/New_York",
        hours=hours_on(SUNDAY, (time(1), time(1, 30)), (time(1, 45), time(2, 30))),
    )
    start = datetime(2026, 11, 1, 0, tzinfo=NY)
    spans = cal.windows(start, start + timedelta(hours=6))
    assert [(utc(a), utc(b)) for a, b in spans] == [
        (datetime(2026, 11, 1, 5, tzinfo=UTC), datetime(2026, 11, 1, 7, 30, tzinfo=UTC))
    ]


# --------------------------------------------------------------------------- properties

ZONES = [
    "America/New_York",
    "Europe/Stockholm",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "America/Santiago",
]
FIRST = datetime(2025, 1, 1, tzinfo=UTC)
LAST = datetime(2028, 12, 31, tzinfo=UTC)


def _changes(name: str) -> list[datetime]:
    """Return the UTC instants at which ``name`` changes its offset in 2025–2028."""
    tz = ZoneInfo(name)
    found = []
    moment = FIRST
    while moment < LAST:
        following = moment + timedelta(days=1)
        if moment.astimezone(tz).utcoffset() != following.astimezone(tz).utcoffset():
            low, high = moment, following
            while high - low > MINUTE:
                mid = low + (high - low) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid == low:
                    break
                if mid.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset():
                    low = mid
                else:
                    high = mid
            found.append(high)
        moment = following
    return found


CHANGES = {name: _changes(name) for name in ZONES}


def test_change_table_covers_the_zones() -> None:
    """Each DST zone changes twice a year in 2025–2028 and Kolkata never does."""
    assert len(CHANGES["Asia/Kolkata"]) == 0
    for name in ZONES:
        if name != "Asia/Kolkata":
            assert len(CHANGES[name]) == 8


@st.composite
def instants(draw: st.DrawFn, name: str, *, whole_minutes: bool) -> datetime:
    """A UTC instant in 2025–2028, often within two days of one of the zone's DST changes."""
    near = CHANGES[name]
    if near and draw(st.booleans()):
        base = draw(st.sampled_from(near))
        moment = base + draw(st.integers(-2 * 1440, 2 * 1440)) * MINUTE
    else:
        moment = FIRST + draw(st.integers(0, int((LAST - FIRST) / MINUTE))) * MINUTE
    if not whole_minutes:
        moment += timedelta(microseconds=draw(st.integers(0, 59_999_999)))
    return moment


@st.composite
def cases(draw: st.DrawFn, *, whole_minutes: bool = False) -> tuple[Calendar, datetime]:
    """A random calendar and an aware instant, given in UTC, the calendar's zone or another."""
    name = draw(st.sampled_from(ZONES))
    moment = draw(instants(name, whole_minutes=whole_minutes))
    extra = draw(
        st.frozensets(
            st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
            | st.just((moment + timedelta(days=1)).date()),
            max_size=2,
        )
    )
    cal = Calendar(
        timezone=name,
        hours=draw(hours_strategy()),
        country=draw(st.sampled_from([None, None, "US", "SE"])),
        business_days=draw(st.frozensets(st.integers(0, 6), min_size=1)),
        closed_on_holidays=draw(st.booleans()),
        extra_holidays=extra,
    )
    shown_in = draw(st.sampled_from([UTC, cal.zone, ZoneInfo("Asia/Tokyo")]))
    return cal, moment.astimezone(shown_in)


def reference_open(
    cal: Calendar, start: datetime, stop: datetime
) -> Iterator[tuple[datetime, bool]]:
    """Yield each whole UTC minute in [start, stop) and whether it is open, from first principles.

    A window (s, e) of local date D is open at instant u when some instant at
    or before u showed a wall time >= D s (the start rule) and some instant at
    or after u shows a wall time < D e (the end rule), and u's local date is D.
    """
    margin = timedelta(hours=6)
    first = utc(start).replace(second=0, microsecond=0) - margin
    count = int((utc(stop) - first + margin) / MINUTE) + 1
    moments = [first + k * MINUTE for k in range(count)]
    walls = [m.astimezone(cal.zone).replace(tzinfo=None, fold=0) for m in moments]
    highest = []
    running = datetime.min
    for value in walls:
        running = max(running, value)
        highest.append(running)
    lowest = [datetime.max] * count
    running = datetime.max
    for k in range(count - 1, -1, -1):
        running = min(running, walls[k])
        lowest[k] = running
    for k, moment in enumerate(moments):
        if not utc(start) <= moment < utc(stop):
            continue
        day = walls[k].date()
        if cal.closed_on_holidays and cal.is_holiday(day):
            yield moment, False
            continue
        is_open = False
        for begin, end in cal.hours.on(day.weekday()):
            closing = (
                datetime.combine(day + timedelta(days=1), time(0))
                if end == END_OF_DAY
                else datetime.combine(day, end)
            )
            if highest[k] >= datetime.combine(day, begin) and lowest[k] < closing:
                is_open = True
        yield moment, is_open


PROPERTY = settings(max_examples=200, deadline=None)


@PROPERTY
@given(cases(whole_minutes=True))
def test_is_open_and_next_open_match_minute_reference(case: tuple[Calendar, datetime]) -> None:
    """is_open agrees with a minute-by-minute reference and next_open is its first open minute."""
    cal, t = case
    horizon = utc(t) + timedelta(hours=30)
    reference = list(reference_open(cal, t, horizon))
    for moment, expected in reference:
        assert cal.is_open(moment) == expected, moment
    first_open = next((moment for moment, is_open in reference if is_open), None)
    if not any(cal.hours.windows):
        with pytest.raises(ValueError, match="no opening"):
            cal.next_open(t)
        return
    opening = cal.next_open(t)
    if first_open is not None:
        assert utc(opening) == first_open
    else:
        assert utc(opening) >= horizon


@PROPERTY
@given(cases())
def test_next_open_properties(case: tuple[Calendar, datetime]) -> None:
    """next_open(t) >= t, is open, is a local stdlib datetime, and its window ends after it."""
    cal, t = case
    assume(any(cal.hours.windows))
    opening = cal.next_open(t)
    assert type(opening) is datetime
    assert opening.tzinfo is cal.zone
    assert utc(opening) >= utc(t)
    assert cal.is_open(opening)
    assert cal.is_open(t) == (utc(opening) == utc(t))
    end = cal.window_end(opening)
    assert utc(end) > utc(opening)
    assert end.tzinfo is cal.zone
    assert cal.is_open(utc(end) - MICRO)
    assert not cal.is_open(end) or utc(end) == utc(cal.start_of_day(end.date()))
    # Nothing opens strictly between t and next_open(t): sample the stretch.
    gap = utc(opening) - utc(t)
    for k in range(1, 40):
        probe = utc(t) + gap * k / 40
        if utc(t) < probe < utc(opening):
            assert not cal.is_open(probe), probe


@PROPERTY
@given(cases(whole_minutes=True), st.integers(1, 3 * 1440))
def test_windows_are_open_sorted_disjoint_and_complete(
    case: tuple[Calendar, datetime], minutes: int
) -> None:
    """windows() intervals are open, sorted, disjoint, in range and cover every open minute."""
    cal, start = case
    stop = utc(start) + minutes * MINUTE
    spans = cal.windows(start, stop)
    previous_end = utc(start)
    for begin, end in spans:
        assert begin.tzinfo is cal.zone
        assert end.tzinfo is cal.zone
        assert previous_end <= utc(begin) < utc(end) <= stop
        assert cal.is_open(begin)
        assert cal.is_open(utc(end) - MICRO)
        assert cal.is_open(utc(begin) + (utc(end) - utc(begin)) / 2)
        previous_end = utc(end)
    if minutes <= 1440:
        open_minutes = sum(1 for _, is_open in reference_open(cal, start, stop) if is_open)
        covered = sum((utc(end) - utc(begin) for begin, end in spans), timedelta())
        assert covered == open_minutes * MINUTE


@PROPERTY
@given(cases(), st.lists(st.integers(0, 12), min_size=2, max_size=4, unique=True))
def test_add_business_days_lands_on_business_days_monotonically(
    case: tuple[Calendar, datetime], counts: list[int]
) -> None:
    """add_business_days lands on a business day, keeps the wall time and grows with n."""
    cal, t = case
    counts.sort()
    local = t.astimezone(cal.zone)
    results = [cal.add_business_days(t, n) for n in counts]
    for n, result in zip(counts, results, strict=True):
        assert result.tzinfo is cal.zone
        if n == 0:
            assert utc(result) == utc(t)
            continue
        day = result.date()
        assert cal.is_business_day(day)
        between = [local.date() + timedelta(days=k) for k in range(1, (day - local.date()).days)]
        assert sum(cal.is_business_day(d) for d in between) == n - 1
        clock = local.time().replace(fold=0)
        exists = datetime.combine(day, clock, cal.zone)
        if utc(exists).astimezone(cal.zone).replace(tzinfo=None) == exists.replace(tzinfo=None):
            assert result.time().replace(fold=0) == clock
            assert utc(result) == utc(exists)
        else:  # the wall time falls in a gap on that date
            assert result.time() > clock
    for earlier, later in itertools.pairwise(results):
        assert utc(earlier) < utc(later)


@PROPERTY
@given(cases())
def test_start_of_day_and_next_business_day(case: tuple[Calendar, datetime]) -> None:
    """start_of_day is the first instant of its local date and next_business_day is the next one."""
    cal, t = case
    day = t.astimezone(cal.zone).date()
    first = cal.start_of_day(day)
    assert first.date() == day
    assert (utc(first) - MICRO).astimezone(cal.zone).date() < day
    following = cal.next_business_day(day)
    assert following > day
    assert cal.is_business_day(following)
    assert not any(
        cal.is_business_day(day + timedelta(days=k)) for k in range(1, (following - day).days)
    )


@given(cases())
def test_open_until_and_open_window_agree_with_the_single_step_methods(
    case: tuple[Calendar, datetime],
) -> None:
    """open_until is is_open + window_end in one step; open_window is next_open + window_end."""
    cal, moment = case
    assume(cal.hours != Hours(windows=((),) * 7))
    end = cal.open_until(moment)
    if cal.is_open(moment):
        assert end is not None
        assert utc(end) == utc(cal.window_end(moment))
    else:
        assert end is None
    start, finish = cal.open_window(moment)
    assert utc(start) == utc(cal.next_open(moment))
    assert utc(finish) == utc(cal.window_end(start))


def test_previous_business_day_skips_weekends_and_holidays() -> None:
    """The day before Tuesday 2026-05-26 that is a business day is Friday 22 May (Memorial Day)."""
    cal = Calendar(timezone="America/New_York", country="US")
    assert cal.previous_business_day(date(2026, 5, 26)) == date(2026, 5, 22)
    assert cal.previous_business_day(date(2026, 5, 22)) == date(2026, 5, 21)
