"""The engine keeps every call inside the law of the prospect's jurisdiction."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.calendar import END_OF_DAY, Hours
from outreach_rules.policies.follow_up import FollowUp

# Business hours around the clock, and follow-ups at once: only the law holds calls back.
AROUND_THE_CLOCK = Hours.weekly(time(0), END_OF_DAY, days=range(7))
EAGER = orl.playbooks.cold_calling(
    hours=AROUND_THE_CLOCK, follow_up=FollowUp(delays=(0,), then_every=0)
)


def person(tz: str, country: str, region: str | None, number: str = "+13055550100"):
    return orl.Prospect(id="p", timezone=tz, phones=(number,), country=country, region=region)


def no_answer(at: datetime, to: str = "+13055550100") -> orl.Attempt:
    return orl.Attempt(at=at, channel="call", outcome="no_answer", to=to)


def test_florida_no_call_after_eight_in_the_evening():
    """Florida at 20:00 local: the next call is the next day at 08:00, citing the statute."""
    tz = ZoneInfo("America/New_York")
    fl = person("America/New_York", "US", "FL")
    at_1959 = orl.plan(fl, [], now=datetime(2026, 11, 23, 19, 59, tzinfo=tz), playbook=EAGER).next
    assert at_1959.earliest == datetime(2026, 11, 23, 19, 59, tzinfo=tz)
    assert at_1959.latest == datetime(2026, 11, 23, 20, 0, tzinfo=tz)
    later = orl.plan(fl, [], now=datetime(2026, 11, 23, 20, 0, tzinfo=tz), playbook=EAGER).next
    assert later.earliest == datetime(2026, 11, 24, 8, 0, tzinfo=tz)
    assert any("Fla. Stat. 501.616(6)" in reason for reason in later.reasons)


def test_florida_fourth_call_in_24_hours_is_moved_not_made():
    """Three calls in 24 hours in Florida: the fourth waits until the first leaves the window."""
    tz = ZoneInfo("America/New_York")
    fl = person("America/New_York", "US", "FL")
    first = datetime(2026, 11, 23, 9, 0, tzinfo=tz)
    history = [
        no_answer(first),
        no_answer(first + timedelta(hours=2)),
        no_answer(first + timedelta(hours=4)),
    ]
    action = orl.plan(fl, history, now=first + timedelta(hours=5), playbook=EAGER).next
    assert action.earliest == first + timedelta(hours=24)
    assert "frequency_caps" in action.moved_by
    assert any("at most 3" in r and "501.616(6)" in r for r in action.reasons)


def test_louisiana_no_call_on_sunday():
    """Louisiana: a call due on Sunday moves to Monday 08:00."""
    tz = ZoneInfo("America/Chicago")
    la = person("America/Chicago", "US", "LA", "+15045550100")
    action = orl.plan(la, [], now=datetime(2026, 11, 22, 11, tzinfo=tz), playbook=EAGER).next
    assert action.earliest == datetime(2026, 11, 23, 8, 0, tzinfo=tz)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 22, 11), datetime(2026, 11, 23, 9)),  # a Sunday
        (datetime(2028, 4, 25, 11), datetime(2028, 4, 26, 9)),  # ANZAC Day, a Tuesday
    ],
)
def test_australia_no_call_on_sunday_or_anzac_day(now, expected):
    """Australia: nothing on a Sunday or on ANZAC Day; the call moves to the next opening."""
    tz = ZoneInfo("Australia/Sydney")
    au = person("Australia/Sydney", "AU", "NSW", "+61291234567")
    action = orl.plan(au, [], now=now.replace(tzinfo=tz), playbook=EAGER).next
    assert action.earliest == expected.replace(tzinfo=tz)


def test_canada_not_before_ten_on_saturday():
    """Canada: 09:00 on a Saturday is too early; the call moves to 10:00."""
    tz = ZoneInfo("America/Toronto")
    on = person("America/Toronto", "CA", "ON", "+14165550100")
    action = orl.plan(on, [], now=datetime(2026, 11, 21, 9, tzinfo=tz), playbook=EAGER).next
    assert action.earliest == datetime(2026, 11, 21, 10, tzinfo=tz)


@given(st.data())
def test_every_call_is_permitted_by_the_packs(data):
    """Over generated prospects, histories, playbooks and moments, every call is lawful there."""
    prospect = data.draw(ors.prospects())
    history = data.draw(ors.histories(prospect))
    now = data.draw(ors.moments())
    book = data.draw(st.sampled_from([EAGER]) | ors.playbooks())
    result = orl.plan(prospect, history, now=now, playbook=book)
    for action in result.actions:
        if action.channel in (orl.Channel.CALL, orl.Channel.VOICEMAIL):
            assert orl.compliance.permitted(prospect, action.earliest), action
