"""iCalendar export: one event per action, in the prospect's own zone, stable and escaped."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.ics import to_ics

icalendar = pytest.importorskip("icalendar")

NY = ZoneInfo("America/New_York")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 3, 5, 8, tzinfo=NY)
MONDAY = date(2026, 3, 9)  # the Monday after New York springs forward (Sun 8 Mar 2026)
SENDER = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
BOOK = orl.playbooks.cold_calling(sender=SENDER)
SLOT_15 = timedelta(minutes=15)
TRICKY = "Hi {first_name}; it's Sam,\nfrom Example Co. {{not a template}} \\ done"


def events_of(data: bytes) -> list:
    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def action(start: datetime, hours: int = 1, **fields) -> orl.Action:
    values = {
        "channel": "call",
        "purpose": "follow_up",
        "reasons": ("no answer on Friday", "next try 1 business day later"),
        "policy": "follow_up",
        "to": "+12125550100",
        "prospect_id": "ada",
    }
    values.update(fields)
    # Real time: ``start + timedelta`` would drop the fold of a repeated wall time.
    latest = (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo)
    return orl.Action(earliest=start, latest=latest, **values)


def plan_of(*actions: orl.Action, pid: str = "ada", tz: str = "America/New_York") -> orl.Plan:
    return orl.Plan(prospect_id=pid, timezone=tz, now=NOW, actions=actions)


def prospect(pid: str, tz: ZoneInfo, number: str, country: str, region: str | None):
    return orl.Prospect(
        id=pid,
        timezone=tz.key,
        phones=(orl.Phone(number=number, kind="direct"),),
        country=country,
        region=region,
    )


@st.composite
def pairs_strategy(draw: st.DrawFn, max_size: int = 3) -> list[tuple[orl.Prospect, list]]:
    """Prospects with unique ids, each with a history aimed at their own contact points."""
    people = draw(st.lists(ors.prospects(), max_size=max_size, unique_by=lambda p: p.id))
    return [(p, draw(ors.histories(p))) for p in people]


@settings(max_examples=40)  # each example plans a batch: 40 cover the shapes
@given(pairs_strategy(), ors.moments(), st.sampled_from([None, timedelta(minutes=15)]))
def test_one_event_per_action_at_its_local_wall_time(pairs, now, slot):
    """Each action is one event at its start, in the prospect's zone, ending at its window's end
    or after the slot, whichever comes first."""
    plans = [orl.plan(p, h, now=now, playbook=BOOK) for p, h in pairs]
    events = events_of(to_ics(plans, slot=slot))
    actions = [(p, a) for p in plans for a in p.actions]
    assert len(events) == len(actions)
    for event, (plan, act) in zip(events, actions, strict=True):
        local = act.earliest.astimezone(ZoneInfo(plan.timezone))
        start = event.decoded("DTSTART")
        # iCalendar holds whole seconds: the start rounds up, the end down.
        assert timedelta(0) <= start - act.earliest < timedelta(seconds=1)
        assert start.replace(tzinfo=None) - local.replace(tzinfo=None, microsecond=0) in (
            timedelta(0),
            timedelta(seconds=1),
        )
        if plan.timezone != "UTC":
            assert event["DTSTART"].params["TZID"] == plan.timezone
        end = act.latest if slot is None else min(act.latest, act.earliest + slot)
        if "DTEND" in event:
            assert timedelta(0) <= end - event.decoded("DTEND") < timedelta(seconds=1)
        else:
            assert end - act.earliest < timedelta(seconds=1)
        assert timedelta(0) <= plan.now - event.decoded("DTSTAMP") < timedelta(seconds=1)


def test_summary_description_and_zone_components():
    """The summary names channel, prospect and purpose; the description the number, window,
    prospect, words and reasons; zones used get a VTIMEZONE."""
    script = orl.Script(opener="Hi Ada, it's Sam", voicemail="Sam here, call me back")
    data = to_ics(
        [
            plan_of(
                action(datetime(2026, 3, 9, 10, tzinfo=NY), script=script, leave_voicemail=True)
            ),
            plan_of(
                action(datetime(2026, 3, 9, 10, tzinfo=STOCKHOLM), to=None, purpose="intro"),
                pid="bob",
                tz="Europe/Stockholm",
            ),
        ],
        calendar_name="Sam's calls",
    )
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["X-WR-CALNAME"] == "Sam's calls"
    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/Stockholm",
    ]
    first, second = calendar.walk("VEVENT")
    assert str(first["SUMMARY"]) == "Call ada — follow up"
    assert str(first["DESCRIPTION"]) == (
        "To: +12125550100\n"
        "Window: Mon 09 Mar 2026 10:00 EDT – 11:00 EDT (America/New_York)\n"
        "Prospect: ada\n"
        "Say: Hi Ada, it's Sam\n"
        "Voicemail if no answer: Sam here, call me back\n"
        "Why:\n"
        "- no answer on Friday\n"
        "- next try 1 business day later"
    )
    assert str(second["SUMMARY"]) == "Call bob — intro"
    assert str(second["DESCRIPTION"]).startswith(
        "Window: Mon 09 Mar 2026 10:00 CET – 11:00 CET (Europe/Stockholm)\nProspect: bob\n"
        "Leave no voicemail if no answer.\nWhy:\n"
    )
    # A slot of 15 minutes at the planned time, by default.
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=15)


def test_text_survives_escaping_unchanged():
    """Braces, newlines, semicolons, commas and backslashes in a script come back intact."""
    script = orl.Script(opener=TRICKY, voicemail=TRICKY)
    reason = "they said: call later; after 3, not before {noon}"
    data = to_ics(
        [
            plan_of(
                action(
                    datetime(2026, 3, 9, 10, tzinfo=NY),
                    script=script,
                    leave_voicemail=True,
                    reasons=(reason,),
                    to="+12125550100",
                )
            )
        ]
    )
    [event] = events_of(data)
    text = str(event["DESCRIPTION"])
    assert f"Say: {TRICKY}\n" in text
    assert f"Voicemail if no answer: {TRICKY}\n" in text
    assert text.endswith(f"- {reason}")


def test_uids_and_bytes_are_stable_across_exports():
    """Exporting the same plans twice gives the same UIDs and the same bytes."""
    pairs = [
        (prospect("ada", NY, "+12125550100", "US", "NY"), []),
        (prospect("bob", STOCKHOLM, "+46701234567", "SE", None), []),
    ]
    first = to_ics([orl.plan(p, h, now=NOW, playbook=BOOK) for p, h in pairs])
    second = to_ics([orl.plan(p, h, now=NOW, playbook=BOOK) for p, h in pairs])
    assert first == second
    uids = [str(e["UID"]) for e in events_of(first)]
    assert uids
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in events_of(second)]


def test_uid_depends_on_the_instant_not_the_zone_it_is_written_in():
    """An action keeps its UID whether written in UTC or in its zone; a later one gets another."""
    local = datetime(2026, 3, 9, 10, tzinfo=NY)
    in_ny = events_of(to_ics([plan_of(action(local))]))[0]["UID"]
    in_utc = events_of(to_ics([plan_of(action(local.astimezone(UTC)))]))[0]["UID"]
    later = events_of(to_ics([plan_of(action(local + timedelta(hours=1)))]))[0]["UID"]
    assert str(in_ny) == str(in_utc)
    assert str(in_ny) != str(later)


def test_dst_week_keeps_the_wall_time():
    """Calls at 10:00 the Friday before and the Monday after spring-forward both read 10:00."""
    friday = datetime(2026, 3, 6, 10, tzinfo=NY)
    monday = datetime(2026, 3, 9, 10, tzinfo=NY)
    data = to_ics([plan_of(action(friday), action(monday))])
    starts = [e.decoded("DTSTART") for e in events_of(data)]
    assert [s.replace(tzinfo=None) for s in starts] == [
        datetime(2026, 3, 6, 10),
        datetime(2026, 3, 9, 10),
    ]
    assert [s.utcoffset() for s in starts] == [timedelta(hours=-5), timedelta(hours=-4)]
    assert b"DTSTART;TZID=America/New_York:20260309T100000" in data
    assert b"DTSTART;TZID=America/New_York:20260306T100000" in data
    assert b"TZOFFSETTO:-0400" in data


def test_repeated_wall_times_keep_their_instant():
    """Both 01:30s of a fall-back night come back as the instants they were."""
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NY)
    second = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NY)
    events = events_of(to_ics([plan_of(action(first, hours=0), action(second, hours=0))]))
    starts = [e.decoded("DTSTART") for e in events]
    assert [s.astimezone(UTC) for s in starts] == [
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
        datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
    ]
    assert events[0]["DTSTART"].params["TZID"] == "America/New_York"


def test_day_plan_exports_its_calls_in_list_order():
    """A DayPlan gives one event per call on its list, stamped with each prospect's plan time."""
    pairs = [
        (prospect("ada", NY, "+12125550100", "US", "NY"), []),
        (prospect("bob", STOCKHOLM, "+46701234567", "SE", None), []),
    ]
    day = orl.plan_day(pairs, day=MONDAY, playbook=BOOK)
    events = events_of(to_ics(day))
    assert len(events) == len(day.calls)
    assert [e.decoded("DTSTART") for e in events] == [c.earliest for c in day.calls]
    nows = {p.prospect_id: p.now for p in day.plans}
    assert [e.decoded("DTSTAMP") for e in events] == [nows[c.prospect_id] for c in day.calls]


def test_fractions_of_a_second_never_widen_the_window():
    """A start with microseconds rounds up to the next second and an end rounds down."""
    start = datetime(2026, 3, 9, 9, 59, 59, 500_000, tzinfo=NY)
    [event] = events_of(to_ics([plan_of(action(start, hours=1))], slot=None))
    assert event.decoded("DTSTART") == datetime(2026, 3, 9, 10, tzinfo=NY)
    assert event.decoded("DTEND") == datetime(2026, 3, 9, 10, 59, 59, tzinfo=NY)


def test_zero_length_window_has_no_end():
    """An action whose window is one instant is written without DTEND, as RFC 5545 asks."""
    [event] = events_of(to_ics([plan_of(action(datetime(2026, 3, 9, 10, tzinfo=NY), hours=0))]))
    assert "DTEND" not in event
    assert event.decoded("DTSTART") == datetime(2026, 3, 9, 10, tzinfo=NY)


def test_empty_input_is_an_empty_calendar():
    """No actions give a valid calendar with no events and no zones."""
    calendar = icalendar.Calendar.from_ical(to_ics([]))
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE") == []
    assert str(calendar["VERSION"]) == "2.0"


def test_bad_sources_are_named():
    """A non-plan item, a non-iterable source and an empty calendar name are refused by name."""
    with pytest.raises(TypeError, match=r"source\[1\]: expected an orl\.Plan, got str"):
        to_ics([plan_of(), "plan"])
    with pytest.raises(TypeError, match=r"source: expected an orl\.DayPlan or an iterable"):
        to_ics(3)
    with pytest.raises(ValueError, match="calendar_name: must not be empty"):
        to_ics([], calendar_name=" ")


def test_missing_icalendar_says_what_to_install(monkeypatch):
    """Without icalendar, the error names the package and the extra to install."""
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(
        ImportError, match=r"to_ics needs icalendar: pip install 'outreach-rules\[cli\]'"
    ):
        to_ics([plan_of()])


def test_day_plan_exports_its_tasks_after_its_calls():
    """A DayPlan's tasks (the apology note after a hang-up) follow its calls in the calendar."""
    ada = attrs.evolve(
        prospect("ada", NY, "+12125550100", "US", "NY"), address="1 Main St, New York, NY"
    )
    hung_up = orl.Attempt(
        at=datetime(2026, 3, 9, 10, tzinfo=NY), channel="call", outcome="hung_up", to="+12125550100"
    )
    bob = prospect("bob", STOCKHOLM, "+46701234567", "SE", None)
    now = datetime(2026, 3, 9, 10, 5, tzinfo=NY)
    day = orl.plan_day([(ada, [hung_up]), (bob, [])], day=MONDAY, playbook=BOOK, now=now)
    assert len(day.tasks) == 1
    events = events_of(to_ics(day))
    assert len(events) == len(day.calls) + 1
    assert str(events[-1]["SUMMARY"]) == "Note ada — apology note"
    assert "To: 1 Main St, New York, NY\n" in str(events[-1]["DESCRIPTION"])


def test_day_plan_events_name_the_prospect_and_show_the_reps_time():
    """From a day plan, titles carry names, and with the rep's zone the description its time."""
    ada = attrs.evolve(prospect("ada", NY, "+12125550100", "US", "NY"), name="Ada Lovelace")
    day = orl.plan_day([(ada, [])], day=MONDAY, playbook=BOOK, zone="Europe/Stockholm")
    [event] = events_of(to_ics(day))
    assert str(event["SUMMARY"]) == "Call Ada Lovelace — intro"
    text = str(event["DESCRIPTION"])
    assert "Window: Mon 09 Mar 2026 09:00 EDT – 17:00 EDT (America/New_York)\n" in text
    assert "Your time: Mon 09 Mar 2026 14:00 CET – 22:00 CET\n" in text
    assert "Say: " in text
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=15)
    long = events_of(to_ics(day, slot=timedelta(hours=1)))[0]
    assert long.decoded("DTEND") - long.decoded("DTSTART") == timedelta(hours=1)


@pytest.mark.parametrize(
    ("slot", "error"), [(15, TypeError), (timedelta(0), ValueError), (-SLOT_15, ValueError)]
)
def test_bad_slot_is_refused_by_name(slot, error):
    """A slot that is not a positive timedelta raises an error naming ``slot``."""
    with pytest.raises(error, match=r"^slot: "):
        to_ics([], slot=slot)
