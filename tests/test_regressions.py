"""Regression classes seen in other scheduling tools' public bug trackers, each a named test.

Each test pins one kind of bug that sequence and scheduling tools have
shipped: a wait that counts twice after a branch, business-hours scheduling
that never sends, a weekday rule forgotten after a decision, and schedules
that drift when daylight-saving time starts or ends.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules.situation import Situation

NEW_YORK = ZoneInfo("America/New_York")
SENDER = orl.Sender(name="Sam Seller", phone="+12125550100", email="sam@example.com")
DIRECT = "+12125550123"
SWITCHBOARD = "+12125550199"
ADA = orl.Prospect(
    id="p-ada",
    name="Ada Lovelace",
    timezone="America/New_York",
    phones=(
        orl.Phone(number=DIRECT, kind="direct"),
        orl.Phone(number=SWITCHBOARD, kind="switchboard"),
    ),
    emails=("ada@example.com",),
    country="US",
    region="NY",
)


def ny(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def book(text: str) -> orl.Playbook:
    return orl.cadences.loads(textwrap.dedent(text)).to_playbook(sender=SENDER)


def step_action(result: orl.Plan) -> orl.Action:
    (action,) = (a for a in result.actions if a.step is not None)
    return action


def call(at: datetime, outcome: str = "no_answer", to: str = DIRECT) -> orl.Attempt:
    return orl.Attempt(at=at, channel="call", outcome=outcome, to=to)


BRANCH = """
    name = "branch"
    [[steps]]
    id = "first"
    channel = "call"
    on = { gatekeeper = "ask" }
    [[steps]]
    id = "plain"
    channel = "call"
    wait = { business_days = 2 }
    [[steps]]
    id = "ask"
    channel = "call"
    to = "switchboard"
    wait = { business_days = 2 }
    window = { start = "10:00", end = "12:00", days = ["tue", "thu"] }
"""


def test_a_wait_does_not_double_after_a_branch():
    """A branch taken on Monday waits its 2 business days once: Wednesday, not Friday."""
    monday = ny(2026, 3, 2, 9, 30)
    playbook = book(
        BRANCH.replace('days = ["tue", "thu"]', 'days = ["mon", "tue", "wed", "thu", "fri"]')
    )
    result = orl.plan(
        ADA, [call(monday, "gatekeeper")], now=monday + timedelta(minutes=5), playbook=playbook
    )
    action = step_action(result)
    assert action.step == "ask"
    assert action.earliest == ny(2026, 3, 4, 10)
    # Re-planning later the same day, or the next day, does not push it further out.
    later = orl.plan(ADA, [call(monday, "gatekeeper")], now=ny(2026, 3, 3, 16), playbook=playbook)
    assert step_action(later).earliest == ny(2026, 3, 4, 10)


def test_a_weekday_rule_holds_after_a_decision():
    """The branch's step runs only on Tuesdays and Thursdays: due Wednesday becomes Thursday."""
    monday = ny(2026, 3, 2, 9, 30)
    result = orl.plan(
        ADA, [call(monday, "gatekeeper")], now=monday + timedelta(minutes=5), playbook=book(BRANCH)
    )
    action = step_action(result)
    assert action.earliest == ny(2026, 3, 5, 10)
    assert action.earliest.weekday() == 3
    assert action.latest == ny(2026, 3, 5, 12)


NARROW = """
    name = "narrow"
    [business_hours]
    start = "09:00"
    end = "17:00"
    [[steps]]
    id = "first"
    channel = "call"
    [[steps]]
    id = "late"
    channel = "call"
    wait = { hours = 1 }
    window = { start = "16:30", end = "17:00", days = ["fri"] }
"""


@settings(max_examples=60, deadline=None)
@given(minutes=st.integers(min_value=0, max_value=14 * 24 * 60))
def test_business_hours_scheduling_always_sends(minutes):
    """Whenever the last call was, a half-hour Friday window is found within eight days."""
    at = ny(2026, 3, 2, 0) + timedelta(minutes=minutes)
    playbook = book(NARROW)
    result = orl.plan(ADA, [call(at)], now=at + timedelta(minutes=1), playbook=playbook)
    action = step_action(result)
    local = action.earliest.astimezone(NEW_YORK)
    assert local.weekday() == 4
    assert (local.hour, local.minute) >= (16, 30)
    assert action.latest.astimezone(NEW_YORK).time() <= datetime(2026, 1, 1, 17).time()
    assert action.earliest - at <= timedelta(days=8)


DST = """
    name = "dst"
    [business_hours]
    start = "08:00"
    end = "20:00"
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    [[steps]]
    id = "first"
    channel = "call"
    [[steps]]
    id = "next"
    channel = "call"
    wait = {wait}
"""


def test_schedules_keep_the_wall_clock_across_daylight_saving_time():
    """A day later opens at the same local hour across both switches; 24 hours is 24 real hours."""
    for before, next_day in [
        (ny(2026, 3, 7, 10), ny(2026, 3, 8, 8)),  # EST → EDT: the day has 23 hours
        (ny(2026, 10, 31, 10), ny(2026, 11, 1, 8)),  # EDT → EST: the day has 25 hours
    ]:
        # A wait in days is counted in days: due from the opening of that day, local time.
        playbook = book(DST.replace("{wait}", "{ days = 1 }"))
        result = orl.plan(ADA, [call(before)], now=before + timedelta(minutes=1), playbook=playbook)
        due = step_action(result).earliest
        assert due == next_day
        assert due.utcoffset() != before.utcoffset()
        playbook = book(DST.replace("{wait}", "{ hours = 24 }"))
        result = orl.plan(ADA, [call(before)], now=before + timedelta(minutes=1), playbook=playbook)
        due = step_action(result).earliest
        # Compared in UTC: subtracting two times of one zone gives wall-clock hours.
        assert due.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=24)
        assert due.astimezone(NEW_YORK).hour != 10


def test_the_follow_up_schedule_keeps_the_wall_clock_across_daylight_saving_time():
    """The default playbook's business-day waits land at the same local hour after the switch."""
    friday = ny(2026, 3, 6, 10, 15)
    result = orl.plan(ADA, [call(friday)], now=friday + timedelta(minutes=1))
    assert result.next.earliest == ny(2026, 3, 9, 10, 15)
    assert result.next.earliest.utcoffset() == timedelta(hours=-4)


def _in_utc(history: list[orl.Attempt]) -> list[orl.Attempt]:
    return [
        orl.Attempt(at=a.at.astimezone(UTC), channel=a.channel, outcome=a.outcome, to=a.to)
        for a in history
    ]


def test_day_counts_do_not_depend_on_the_zone_the_history_is_written_in():
    """90 days after a January refusal, 30 after a February letter: the same local hour in UTC."""
    prospect = orl.Prospect(
        id="p-ada",
        name="Ada Lovelace",
        timezone="America/New_York",
        phones=(DIRECT,),
        address="1 Main Street",
        country="US",
        region="NY",
    )
    cases = [
        (orl.playbooks.re_engagement(), "call", "not_interested", DIRECT, ny(2026, 1, 15, 9, 30)),
        (orl.playbooks.direct_mail(), "note", "sent", "1 Main Street", ny(2026, 2, 20, 9, 30)),
    ]
    for playbook, channel, outcome, to, at in cases:
        history = [orl.Attempt(at=at, channel=channel, outcome=outcome, to=to)]
        now = at + timedelta(days=1)
        local = orl.plan(prospect, history, now=now, playbook=playbook).next
        utc = orl.plan(prospect, _in_utc(history), now=now, playbook=playbook).next
        assert local.earliest == utc.earliest
        assert local.earliest.astimezone(NEW_YORK).hour == 9  # after the March switch too


def test_items_at_the_same_instant_sort_by_value_whatever_the_input_order():
    """History items that tie to the microsecond are ordered by their values, not by the input."""
    ny = ZoneInfo("America/New_York")
    at = datetime(2026, 11, 20, 10, 0, tzinfo=ny)
    prospect = orl.Prospect(id="tie", timezone="America/New_York", phones=("+12125550100",))
    tied = [
        orl.Attempt(at=at, channel="call", outcome="no_answer", to="+12125550100"),
        orl.Attempt(at=at, channel="call", outcome="connected", to="+12125550100"),
        orl.Event(at=at, kind="callback", channel="call"),
        orl.Attempt(at=at - timedelta(days=1), channel="call", outcome="busy"),
    ]
    now = datetime(2026, 11, 23, 9, 0, tzinfo=ny)
    first, *others = (
        orl.plan(prospect, order, now=now)
        for order in (tied, tied[::-1], [tied[2], tied[0], tied[3], tied[1]])
    )
    assert all(plan == first for plan in others)
    situation = Situation(prospect, tied[::-1], now=now, playbook=orl.playbooks.cold_calling())
    assert [item.order_key for item in situation.history] == sorted(item.order_key for item in tied)


def test_a_window_in_the_repeated_hour_never_ends_before_it_starts():
    """A window proposed in the first 01:xx of a fall-back night, planned during the second, keeps
    its length from now: compared and measured in UTC, not by the wall clock."""
    from outreach_rules.policies._common import propose

    ny = ZoneInfo("America/New_York")
    first = datetime(2026, 11, 1, 1, 20, tzinfo=ny)  # EDT, before the clocks go back
    now = datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=ny)  # EST, 50 minutes later in real time

    def card_at_night(*, situation):
        return (
            propose(
                situation, channel=orl.Channel.POSTCARD, purpose="drip", earliest=first,
                latest=first.replace(minute=50), policy="card_at_night", reasons=("test",),
                to=situation.address_to_use(), business_hours=False,
            ),
        )  # fmt: skip

    prospect = orl.Prospect(id="p", timezone="America/New_York", address="1 Main Street")
    plan = orl.plan(prospect, [], now=now, playbook=orl.Playbook(policies=(card_at_night,)))
    (action,) = plan.actions
    start, end = action.earliest.astimezone(UTC), action.latest.astimezone(UTC)
    assert start == now.astimezone(UTC)
    assert end - start == timedelta(minutes=30)


def test_a_window_that_ends_in_the_second_repeated_hour_is_valid_and_can_be_vetoed():
    """A callback window from 01:30 EDT to 01:00 EST (half an hour of real time) is a valid window:
    building the action and the engine's veto of it compare instants, not wall clocks (found by
    the compliance property in CI: a Vancouver prospect on the national list, planned at 00:30
    on the fall-back night)."""
    vancouver = ZoneInfo("America/Vancouver")
    first = datetime(2025, 11, 2, 1, 30, tzinfo=vancouver)  # PDT
    second = datetime(2025, 11, 2, 1, 0, fold=1, tzinfo=vancouver)  # PST, 30 minutes later
    action = orl.Action(
        channel="call", purpose="callback", earliest=first, latest=second, reasons=("r",),
        policy="p",
    )  # fmt: skip
    assert action.latest == second

    prospect = orl.Prospect(
        id="p", timezone="America/Vancouver", phones=(orl.Phone(number="+16045550100"),),
        country="CA", region="BC", flags=frozenset({"on_national_dncl"}),
    )  # fmt: skip
    asked = orl.Attempt(
        at=datetime(2025, 3, 9, 3, 0, tzinfo=NEW_YORK), channel="voicemail",
        outcome="callback_requested", to="+16045550100",
        callback_at=datetime(2025, 3, 9, 3, 5, tzinfo=NEW_YORK),
    )  # fmt: skip
    around_the_clock = orl.calendar.Hours.weekly(time(0), orl.calendar.END_OF_DAY, days=range(7))
    eager = orl.playbooks.cold_calling(hours=around_the_clock)
    now = datetime(2025, 11, 2, 0, 30, tzinfo=vancouver)
    plan = orl.plan(prospect, [asked], now=now, playbook=eager)
    (callback,) = (a for a in plan.vetoed if a.purpose == "callback")
    assert callback.vetoed_by == "registries"
    assert callback.latest.astimezone(UTC) > callback.earliest.astimezone(UTC)
