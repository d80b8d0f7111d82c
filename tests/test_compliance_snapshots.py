"""Snapshots: a week or more of permitted windows per pack, checked in as JSON.

Each case is one prospect to which the pack applies (state packs together
with the federal one), with weeks chosen to hold a DST change or a
holiday. The JSON lives in ``tests/snapshots/compliance/<pack>.json``, with
times as ISO 8601 text with their UTC offset. After a deliberate change,
regenerate and review the diff::

    UPDATE_SNAPSHOTS=1 pytest tests/test_compliance_snapshots.py
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import outreach_rules as orl
from outreach_rules import compliance

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "compliance"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"

# Weeks start on a Monday. US and Canada: 2026-01-05 (8 January, Louisiana), 2026-03-02
# (clocks spring forward on Sunday 8 March), 2026-03-09, 2026-10-26 (clocks fall back on
# Sunday 1 November), 2026-11-02 (Election Day 3 November, Veterans Day 11 November is
# the week after), 2026-12-21 (Christmas).
NORTH_AMERICA = ("2026-01-05", "2026-03-02", "2026-03-09", "2026-10-26", "2026-11-02", "2026-12-21")
# Australia: Good Friday and the end of DST (Sunday 5 April), Easter Monday, ANZAC Day on
# Saturday 25 April, the start of DST (Sunday 4 October) before NSW Labour Day.
AUSTRALIA = ("2026-03-30", "2026-04-06", "2026-04-20", "2026-09-28")
# Europe: the clocks spring forward on Sunday 29 March 2026.
EUROPE = ("2026-03-23",)


def _prospect(timezone: str, country: str, region: str | None = None) -> orl.Prospect:
    return orl.Prospect(
        id=f"{country}-{region or 'all'}", timezone=timezone, country=country, region=region
    )


CALL = orl.Channel.CALL
EMAIL = orl.Channel.EMAIL
SMS = orl.Channel.SMS

# pack name -> (prospect, include, channel, week starts)
CASES: dict[str, tuple[orl.Prospect, tuple[str, ...], orl.Channel, tuple[str, ...]]] = {
    "us": (_prospect("America/New_York", "US", "NY"), (), CALL, NORTH_AMERICA),
    "us-FL": (_prospect("America/New_York", "US", "FL"), (), CALL, NORTH_AMERICA),
    "us-OK": (_prospect("America/Chicago", "US", "OK"), (), CALL, NORTH_AMERICA),
    "us-MD": (_prospect("America/New_York", "US", "MD"), (), CALL, NORTH_AMERICA),
    "us-LA": (
        _prospect("America/Chicago", "US", "LA"),
        (),
        CALL,
        (*NORTH_AMERICA, "2026-02-16", "2026-10-12", "2027-08-30", "2027-11-01"),
    ),
    "us-debt": (_prospect("America/Denver", "US", "CO"), ("us-debt",), CALL, NORTH_AMERICA),
    "us-email": (_prospect("America/Los_Angeles", "US", "CA"), (), EMAIL, ("2026-03-02",)),
    "ca": (_prospect("America/Toronto", "CA", "ON"), (), CALL, NORTH_AMERICA),
    "ca-email": (_prospect("America/Toronto", "CA", "ON"), (), EMAIL, ("2026-03-02",)),
    "au": (_prospect("Australia/Sydney", "AU", "NSW"), (), CALL, AUSTRALIA),
    "gb": (_prospect("Europe/London", "GB"), (), CALL, EUROPE),
    "gb-email": (_prospect("Europe/London", "GB"), (), EMAIL, EUROPE),
    "se": (_prospect("Europe/Stockholm", "SE"), (), CALL, EUROPE),
    "de": (_prospect("Europe/Berlin", "DE"), (), CALL, EUROPE),
    "us-TX": (_prospect("America/Chicago", "US", "TX"), (), SMS, NORTH_AMERICA),
    "us-CT": (_prospect("America/New_York", "US", "CT"), (), SMS, NORTH_AMERICA),
    "us-UT": (_prospect("America/Denver", "US", "UT"), (), CALL, (*NORTH_AMERICA, "2026-07-20")),
    "us-MA": (_prospect("America/New_York", "US", "MA"), (), CALL, NORTH_AMERICA),
    "us-WA": (_prospect("America/Los_Angeles", "US", "WA"), (), CALL, NORTH_AMERICA),
    "us-MS": (_prospect("America/Chicago", "US", "MS"), (), CALL, NORTH_AMERICA),
    "us-PA": (_prospect("America/New_York", "US", "PA"), (), CALL, (*NORTH_AMERICA, "2026-06-08")),
    "us-RI": (_prospect("America/New_York", "US", "RI"), (), CALL, (*NORTH_AMERICA, "2026-08-10")),
    "us-AL": (_prospect("America/Chicago", "US", "AL"), (), CALL, (*NORTH_AMERICA, "2026-04-27")),
    "us-KY": (_prospect("America/New_York", "US", "KY"), (), CALL, NORTH_AMERICA),
    "us-MI": (_prospect("America/Detroit", "US", "MI"), (), CALL, NORTH_AMERICA),
    "us-MN": (_prospect("America/Chicago", "US", "MN"), (), CALL, NORTH_AMERICA),
    "us-NM": (_prospect("America/Denver", "US", "NM"), (), CALL, NORTH_AMERICA),
    "ca-BC": (_prospect("America/Vancouver", "CA", "BC"), (), CALL, (*NORTH_AMERICA, "2026-08-03")),
    "fr": (_prospect("Europe/Paris", "FR"), (), CALL, (*EUROPE, "2026-05-04", "2026-10-19")),
    "nl": (_prospect("Europe/Amsterdam", "NL"), (), CALL, EUROPE),
    "es": (_prospect("Europe/Madrid", "ES"), (), CALL, EUROPE),
    "it": (_prospect("Europe/Rome", "IT"), (), CALL, EUROPE),
    "be": (_prospect("Europe/Brussels", "BE"), (), CALL, EUROPE),
}


def render(name: str) -> dict[str, Any]:
    """Return the snapshot of case ``name``: its packs and each week's permitted windows."""
    prospect, include, channel, weeks = CASES[name]
    calendar = compliance.calendar_for(prospect, channel, include=include)
    out: dict[str, Any] = {
        "prospect": {
            "timezone": prospect.timezone,
            "country": prospect.country,
            "region": prospect.region,
        },
        "include": list(include),
        "channel": str(channel),
        "packs": [p.name for p in compliance.packs_for(prospect, include=include)],
        "weeks": {},
    }
    for week in weeks:
        first = date.fromisoformat(week)
        start = calendar.start_of_day(first)
        end = calendar.start_of_day(first + timedelta(days=7))
        found = compliance.windows(prospect, start, end, channel, include=include)
        out["weeks"][week] = [[b.isoformat(), e.isoformat()] for b, e in found]
    return out


def test_every_pack_has_a_snapshot_case():
    """Each shipped pack is snapshotted, in a case where it applies."""
    assert set(CASES) == set(compliance.PACKS)
    for name, (prospect, include, _, _) in CASES.items():
        assert name in [p.name for p in compliance.packs_for(prospect, include=include)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_windows_match_the_snapshot(name):
    """The week's permitted windows equal the checked-in JSON snapshot."""
    path = SNAPSHOTS / f"{name}.json"
    found = render(name)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.exists(), f"{path} is missing; run UPDATE_SNAPSHOTS=1 pytest {__file__}"
    assert json.loads(path.read_text(encoding="utf-8")) == found
