"""A day's capacity: mailbox ramp-up and spacing, the rep's calendar, a team's day."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors

NY = ZoneInfo("America/New_York")
MONDAY = date(2026, 3, 9)
START = date(2026, 3, 2)


def _touches(*, situation: orl.Situation):
    """Three e-mails, a LinkedIn request and a call, all at 09:00 with a two-hour window."""
    start = situation.local_now.replace(hour=9)
    who = situation.prospect
    wanted = [("email", who.emails[0])] * 3 + [("linkedin", who.linkedin), ("call", None)]
    return tuple(
        orl.Action(
            channel=channel,
            purpose="follow_up",
            earliest=start,
            latest=start + timedelta(hours=2),
            reasons=(f"{channel} {n}",),
            policy="custom",
            priority=n,
            to=to if to is not None else who.phones[0].number,
        )
        for n, (channel, to) in enumerate(wanted)
    )


BOOK = orl.Playbook(policies=(_touches,), name="touches")


def _people(count: int, *, owner: str | None = None, account: str | None = None):
    return [
        (
            orl.Prospect(
                id=f"{owner or 'p'}-{i}",
                timezone="America/New_York",
                phones=(f"+1212555{i:04d}",),
                emails=(f"p{i}@example.com",),
                linkedin=f"https://www.linkedin.com/in/p{i}",
                country="US",
                region="NY",
                owner=owner,
                account=account,
            ),
            [],
        )
        for i in range(count)
    ]


def test_ramp_starts_at_ten_adds_five_a_day_and_stops_at_the_limit():
    """Day 1 sends 10, day 3 sends 20, nothing before the start, and never more than 50."""
    box = orl.Mailbox(address="sam@example.com", start=START)
    assert box.limit_on(START - timedelta(days=1)) == 0
    assert box.limit_on(START) == 10
    assert box.limit_on(START + timedelta(days=2)) == 20
    assert box.limit_on(START + timedelta(days=30)) == 50
    assert orl.Mailbox(address="sam@example.com").limit_on(START) == 50


def test_mailbox_caps_and_spaces_the_days_e_mails():
    """A ramping mailbox takes its limit of e-mails, ten minutes apart; the rest are carried."""
    box = orl.Mailbox(address="sam@example.com", start=MONDAY, ramp_from=4)
    result = orl.plan_day(
        _people(3), day=MONDAY, playbook=BOOK, mailbox=box, now=datetime(2026, 3, 9, tzinfo=NY)
    )
    mails = [a for a in result.tasks if a.channel == "email"]
    assert len(mails) == 4
    times = sorted(a.earliest for a in mails)
    assert all(b - a >= timedelta(minutes=10) for a, b in itertools.pairwise(times))
    carried = [a for a in result.carried if a.channel == "email"]
    assert len(carried) == 5
    assert "sam@example.com sends 4 e-mails on 2026-03-09 (day 1" in carried[0].reasons[-1]
    assert "mailbox sam@example.com 4/4, ramp-up day 1" in result.explain()


def test_vacation_carries_calls_and_hand_tasks_but_e_mails_go_on():
    """On the rep's vacation calls and LinkedIn wait, naming the vacation; e-mails still go."""
    calendar = orl.RepCalendar(off=(orl.TimeOff(first=MONDAY, last=date(2026, 3, 13)),))
    result = orl.plan_day(_people(1), day=MONDAY, playbook=BOOK, calendar=calendar)
    assert result.calls == ()
    assert {a.channel for a in result.tasks} == {orl.Channel.EMAIL}
    waiting = [a for a in result.carried if a.channel in ("call", "linkedin")]
    assert len(waiting) == 2
    assert all("vacation 2026-03-09 to 2026-03-13" in a.reasons[-1] for a in waiting)


def test_calls_start_when_the_working_hours_do():
    """A call due at 09:00 is moved to 10:00 for a rep who starts at 10; one after hours waits."""
    late = orl.RepCalendar(starts="10:00", ends="17:00", zone="America/New_York")
    result = orl.plan_day(_people(1), day=MONDAY, playbook=BOOK, calendar=late)
    (call,) = result.calls
    assert call.earliest.time() == time(10, 0)
    early = orl.RepCalendar(starts="06:00", ends="08:00", zone="America/New_York")
    result = orl.plan_day(_people(1), day=MONDAY, playbook=BOOK, calendar=early)
    assert result.calls == ()
    assert "outside the rep's working hours" in result.carried[0].reasons[-1]


def test_team_day_gives_each_rep_their_own_capacity_and_one_colleague_a_day():
    """Two reps: each gets their own goal; colleagues of one account stay one a day."""
    pairs = _people(3, owner="sam") + _people(3, owner="kim")
    reps = (orl.Rep(name="sam", goal=2), orl.Rep(name="kim", goal=1))
    result = orl.plan_day(pairs, day=MONDAY, playbook=BOOK, reps=reps)
    assert len(result.for_owner("sam").calls) == 2
    assert len(result.for_owner("kim").calls) == 1
    assert result.owners() == ("kim", "sam")
    assert "== kim: calls 1/1" in result.explain()
    shared = _people(2, owner="sam", account="acme") + _people(2, owner="kim", account="acme")
    result = orl.plan_day(shared, day=MONDAY, playbook=BOOK, reps=reps)
    assert len({a.prospect_id for a in result.calls + result.tasks}) == 1


def test_bad_capacity_values_are_refused_by_name():
    """A ramp, a window or a time off that cannot be is refused naming the field."""
    with pytest.raises(ValueError, match=r"^send_until"):
        orl.Mailbox(address="a@example.com", send_from="18:00", send_until="08:00")
    with pytest.raises(ValueError, match=r"^address"):
        orl.Mailbox(address="nobody")
    with pytest.raises(ValueError, match=r"^last"):
        orl.TimeOff(first=MONDAY, last=START)
    with pytest.raises(ValueError, match=r"^weekdays\[0\]"):
        orl.RepCalendar(weekdays=(7,))
    with pytest.raises(ValueError, match="named twice"):
        orl.plan_day([], day=MONDAY, reps=(orl.Rep(name="a"), orl.Rep(name="a")))


@st.composite
def team_days(draw: st.DrawFn):
    """Prospects of two reps, a ramping mailbox each, limits, maybe a day off."""
    day = draw(st.dates(date(2026, 1, 1), date(2026, 12, 31)))
    people = draw(st.lists(ors.prospects(), min_size=1, max_size=6, unique_by=lambda p: p.id))
    pairs = [(p, []) for p in people if p.emails and p.phones]
    boxes = {
        name: orl.Mailbox(
            address=f"{name}@example.com",
            start=day - timedelta(days=draw(st.integers(-1, 3))),
            ramp_from=draw(st.integers(0, 3)),
            ramp_step=1,
            daily_limit=4,
            gap_minutes=draw(st.integers(0, 90)),
        )
        for name in ("sam", "kim")
    }
    off = draw(st.booleans())
    reps = tuple(
        orl.Rep(
            name=name,
            goal=draw(st.integers(0, 3)),
            limits={"linkedin": draw(st.integers(0, 2))},
            mailbox=box,
            calendar=orl.RepCalendar(off=(orl.TimeOff(first=day, last=day),) if off else ()),
        )
        for name, box in boxes.items()
    )
    return pairs, day, reps


def _team(case, pairs=None):
    original, day, reps = case
    return orl.plan_day(original if pairs is None else pairs, day=day, playbook=BOOK, reps=reps)


@given(team_days())
def test_property_each_reps_list_keeps_its_capacity(case):
    """Goals, limits and the ramp are never exceeded; sends are a gap apart inside their window."""
    result = _team(case)
    for rep in case[2]:
        part = result.for_owner(rep.name)
        assert len(part.calls) <= (rep.goal or 0)
        assert sum(a.channel == "linkedin" for a in part.tasks) <= (rep.limit_for("linkedin") or 0)
        assert rep.mailbox is not None
        mails = sorted(a.earliest for a in part.tasks if a.channel == "email")
        assert len(mails) <= rep.mailbox.limit_on(result.day)
        gap = timedelta(minutes=rep.mailbox.gap_minutes)
        assert all(b - a >= gap for a, b in itertools.pairwise(mails))
        assert rep.calendar is not None
        if rep.calendar.day_off(result.day):
            assert not [a for a in part.calls + part.tasks if a.channel in ("call", "linkedin")]
    for task in result.tasks:
        assert task.earliest <= task.latest
    accounts = {}
    for touch in result.calls + result.tasks:
        account = next(p.account for p in result.prospects if p.id == touch.prospect_id)
        if account is not None:
            assert accounts.setdefault(account, touch.prospect_id) == touch.prospect_id


@given(team_days(), st.randoms(use_true_random=False))
def test_property_a_team_day_does_not_depend_on_input_order(case, random):
    """Any order of the pairs gives the same team day."""
    pairs = list(case[0])
    random.shuffle(pairs)
    first, again = _team(case), _team(case, pairs)
    assert (first.calls, first.tasks, first.carried) == (again.calls, again.tasks, again.carried)


@given(team_days())
def test_property_capacity_values_round_trip(case):
    """Reps, mailboxes and calendars survive to_dict and from_dict."""
    for rep in case[2]:
        assert orl.from_dict(orl.Rep, orl.to_dict(rep)) == rep


def test_usage_gives_calls_each_channel_and_the_mailbox_against_their_limits():
    """usage(): calls against the goal, each channel of the day (None: no limit), the mailbox."""
    box = orl.Mailbox(address="sam@example.com", start=MONDAY, ramp_from=4)
    result = orl.plan_day(
        _people(3),
        day=MONDAY,
        playbook=BOOK,
        mailbox=box,
        limits={"linkedin": 1},
        now=datetime(2026, 3, 9, tzinfo=NY),
    )
    assert result.usage() == (
        ("calls", 3, 50),
        ("email", 4, None),
        ("linkedin", 1, 1),
        ("mailbox sam@example.com", 4, 4),
    )
    assert orl.plan_day([], day=MONDAY, goal=7).usage() == (("calls", 0, 7),)
