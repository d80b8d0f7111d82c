"""The packs' own holiday lists: the statutes' days, per year, as checked-in snapshots.

Where a statute names its own legal holidays (Louisiana, Utah, Pennsylvania,
Rhode Island, Alabama), the pack carries the list as data. Each list is
snapshotted per year in ``tests/snapshots/compliance/holidays/<pack>-<year>.json``;
after a deliberate change, regenerate and review the diff::

    UPDATE_SNAPSHOTS=1 pytest tests/test_compliance_holidays.py
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach_rules.calendar import holiday_dates
from outreach_rules.compliance import PACKS
from outreach_rules.compliance.holiday_lists import YEARS, easter, last, nth, statutory

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "compliance" / "holidays"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
OWN_LISTS = sorted(
    name for name, pack in PACKS.items() if any(not rule.use_package for rule in pack.holidays)
)
SNAPSHOT_YEARS = (2026, 2027)


def own_dates(name: str, year: int) -> list[str]:
    """Return the pack's own holidays in ``year`` as ISO dates, sorted."""
    rules = [rule for rule in PACKS[name].holidays if not rule.use_package]
    return sorted(day.isoformat() for rule in rules for day in rule.dates_in(year))


def test_the_packs_with_their_own_lists_are_those_whose_statute_names_them():
    """Louisiana, Utah, Pennsylvania, Rhode Island and Alabama carry their own lists."""
    assert OWN_LISTS == ["us-AL", "us-LA", "us-PA", "us-RI", "us-UT"]


@pytest.mark.parametrize("year", SNAPSHOT_YEARS)
@pytest.mark.parametrize("name", OWN_LISTS)
def test_own_holiday_list_matches_the_snapshot(name, year):
    """The year's holidays of the pack equal the checked-in JSON snapshot."""
    path = SNAPSHOTS / f"{name}-{year}.json"
    found = own_dates(name, year)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    assert path.exists(), f"{path} is missing; run UPDATE_SNAPSHOTS=1 pytest {__file__}"
    assert json.loads(path.read_text(encoding="utf-8")) == found


def test_louisiana_2026_is_the_list_of_rs_1_55():
    """Louisiana 2026: the days R.S. 1:55(A)(1) names, Columbus, Huey P. Long and All Saints in."""
    assert own_dates("us-LA", 2026) == [
        "2026-01-01",
        "2026-01-08",
        "2026-01-19",
        "2026-02-16",
        "2026-02-17",
        "2026-04-03",
        "2026-05-25",
        "2026-07-04",
        "2026-08-30",
        "2026-09-07",
        "2026-10-12",
        "2026-11-01",
        "2026-11-11",
        "2026-11-26",
        "2026-12-25",
    ]
    package = holiday_dates("US", "LA", 2026)
    for day in ("2026-01-08", "2026-08-30", "2026-10-12", "2026-11-01"):
        assert date.fromisoformat(day) not in package


def test_utah_closes_pioneer_day_and_the_friday_before_a_saturday_holiday():
    """Utah 2026: 24 July is closed; 4 July, a Saturday, closes Friday 3 July too."""
    days = own_dates("us-UT", 2026)
    assert "2026-07-24" in days
    assert {"2026-07-03", "2026-07-04"} <= set(days)


@given(st.sampled_from(list(YEARS)))
def test_computed_days_fall_on_the_weekday_the_statute_names(year):
    """nth and last give the named weekday in the named month; Easter is a Sunday in spring."""
    assert nth(2, 0, 10)(year).weekday() == 0
    assert nth(2, 0, 10)(year).month == 10
    assert 8 <= nth(2, 0, 10)(year).day <= 14
    assert last(0, 5)(year).weekday() == 0
    assert last(0, 5)(year).day > 24
    assert easter(year).weekday() == 6
    assert date(year, 3, 22) <= easter(year) <= date(year, 4, 25)


def test_easter_matches_known_dates():
    """Easter Sunday of a few known years."""
    assert [easter(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
    ]


def test_weekend_moves_keep_the_day_and_add_the_observed_weekday():
    """A Sunday holiday adds the Monday; a Saturday one the Friday; the date itself stays."""
    found = statutory((lambda year: date(year, 7, 4),), years=(2026, 2027), weekend_moves=True)
    assert found == {date(2026, 7, 4), date(2026, 7, 3), date(2027, 7, 4), date(2027, 7, 5)}
