"""Data exchange: lossless round trips and located errors."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.exchange import format_datetime, parse_datetime

NY = ZoneInfo("America/New_York")


@given(ors.prospects())
def test_prospects_round_trip(prospect):
    """Prospects survive to_dict → JSON → from_dict unchanged."""
    data = json.loads(json.dumps(orl.to_dict(prospect)))
    assert orl.from_dict(orl.Prospect, data) == prospect


@given(st.data())
def test_history_items_round_trip(data):
    """Attempts and events survive to_dict → JSON → from_dict unchanged, zone included."""
    prospect = data.draw(ors.prospects())
    item = data.draw(st.one_of(ors.attempts(prospect), ors.events(prospect)))
    raw = json.loads(json.dumps(orl.to_dict(item)))
    back = orl.from_dict(type(item), raw)
    assert back == item
    assert back.at.utcoffset() == item.at.utcoffset()
    assert orl.to_dict(back) == orl.to_dict(item)


def test_datetimes_are_written_as_rfc_9557():
    """A zoned datetime is written with its offset and zone name."""
    at = datetime(2026, 3, 10, 10, 0, tzinfo=NY)
    assert format_datetime(at) == "2026-03-10T10:00:00-04:00[America/New_York]"
    assert format_datetime(datetime(2026, 3, 10, tzinfo=UTC)) == "2026-03-10T00:00:00+00:00"


def test_datetime_input_forms():
    """Plain ISO 8601 with an offset, Z, and RFC 9557 are read; naive text is refused."""
    assert parse_datetime("2026-03-10T10:00:00-04:00") == datetime(2026, 3, 10, 14, tzinfo=UTC)
    assert parse_datetime("2026-03-10T14:00:00Z") == datetime(2026, 3, 10, 14, tzinfo=UTC)
    zoned = parse_datetime("2026-03-10T10:00:00-04:00[America/New_York]")
    assert zoned.tzinfo == NY
    assert parse_datetime("2026-03-10T10:00:00[America/New_York]") == zoned
    with pytest.raises(TypeError, match="naive"):
        parse_datetime("2026-03-10T10:00:00")
    with pytest.raises(ValueError, match="does not match America/New_York"):
        parse_datetime("2026-03-10T10:00:00-05:00[America/New_York]")
    with pytest.raises(ValueError, match="does not exist"):
        parse_datetime("2026-03-08T02:30:00[America/New_York]")


def test_fold_round_trips():
    """Both 01:30s of a fall-back night keep their instants through exchange."""
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NY)
    second = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NY)
    for moment in (first, second):
        assert parse_datetime(format_datetime(moment)).astimezone(UTC) == moment.astimezone(UTC)


def test_invalid_data_names_the_path():
    """A bad field deep inside is reported with its path and what is valid."""
    data = {
        "prospect_id": "p",
        "timezone": "UTC",
        "now": "2026-03-10T10:00:00+00:00",
        "actions": [
            {
                "channel": "call",
                "purpose": "intro",
                "earliest": "2026-03-10T10:00:00+00:00",
                "latest": "2026-03-10T11:00:00+00:00",
                "reasons": ["x"],
                "policy": "p",
                "refers_to": [
                    {"at": "2026-03-09T10:00:00+00:00", "channel": "call", "outcome": "hungup"}
                ],
            }
        ],
    }
    with pytest.raises(orl.InvalidData) as info:
        orl.from_dict(orl.Plan, data)
    message = str(info.value)
    assert message.startswith("actions[0].refers_to[0].outcome: 'hungup' is not one of: no_answer")


def test_invalid_data_reports_every_problem_and_validator_fields():
    """Several problems give several lines; validator errors join the path with the field."""
    with pytest.raises(orl.InvalidData) as info:
        orl.from_dict(
            orl.Attempt,
            {"at": "2026-03-10T10:00:00", "channel": "email", "outcome": "sent", "colour": "red"},
        )
    assert any(p.startswith("colour: unknown field 'colour'") for p in info.value.problems)
    with pytest.raises(orl.InvalidData) as info:
        orl.from_dict(
            orl.Attempt, {"at": "2026-03-10T10:00:00Z", "channel": "email", "outcome": "hung_up"}
        )
    assert info.value.problems[0].startswith("outcome: 'hung_up' cannot happen on a 'email'")
    with pytest.raises(orl.InvalidData) as info:
        orl.from_dict(orl.Prospect, {"id": "p", "timezone": "UTC", "phones": ["+1", "abc"]})
    assert info.value.problems[0].startswith("phones[0]")
    with pytest.raises(orl.InvalidData, match="timezone: required field is missing"):
        orl.from_dict(orl.Prospect, {"id": "p"})


def test_phones_accept_strings_and_objects():
    """Prospect phones may be written as plain numbers or as objects with a kind."""
    prospect = orl.from_dict(
        orl.Prospect,
        {
            "id": "p",
            "timezone": "UTC",
            "phones": ["+12125550100", {"number": "+12125550000", "kind": "switchboard"}],
        },
    )
    assert prospect.phones[1].kind is orl.PhoneKind.SWITCHBOARD


def test_to_dict_refuses_non_values():
    """to_dict and from_dict say which types they handle."""
    with pytest.raises(TypeError, match="to_dict: expected one of Prospect"):
        orl.to_dict({"a": 1})
    with pytest.raises(TypeError, match="from_dict: expected one of"):
        orl.from_dict(dict, {})
    with pytest.raises(orl.InvalidData, match="expected an object for Prospect"):
        orl.from_dict(orl.Prospect, ["not", "a", "dict"])


def test_fixed_offsets_round_trip():
    """A datetime with a fixed offset and no zone name round-trips by instant and offset."""
    at = datetime(2026, 3, 10, 10, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    event = orl.Event(at=at, kind="reply")
    back = orl.from_dict(orl.Event, orl.to_dict(event))
    assert back == event
    assert back.at.utcoffset() == timedelta(hours=5, minutes=30)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            {"name": "x", "steps": {"id": "a", "channel": "call"}},
            "steps: expected a list of tables, got a table {'channel': 'call', 'id': 'a'}",
        ),
        (
            {"name": "x", "steps": [{"id": "a", "channel": "call"}], "markets": "US"},
            "markets: expected a list, got a string 'US'",
        ),
    ],
)
def test_a_cadence_of_the_wrong_shape_is_one_problem_at_its_field(data, problem):
    """from_dict words a cadence's wrong shapes as a cadence file does, one problem each."""
    from outreach_rules.cadences import Cadence

    with pytest.raises(orl.InvalidData) as caught:
        orl.from_dict(Cadence, data, source="record 4")
    assert caught.value.problems == (problem,)
    assert str(caught.value) == f"record 4: {problem}"


def _json_round_trip(value, **options):
    data = json.loads(json.dumps(orl.to_dict(value, **options)))
    return orl.from_dict(type(value), data)


def _day_plan():
    pairs = [
        (orl.Prospect(id=f"p{i}", timezone="America/New_York", phones=(f"+1212555010{i}",)), [])
        for i in range(3)
    ]
    return orl.plan_day(
        pairs,
        day=date(2026, 11, 24),
        goal=2,
        limits={"email": 5},
        mailbox=_mailbox(),
        calendar=_calendar(),
        reps=(orl.Rep(name="kim", goal=1),),
    )


def _simulation_values():
    from outreach_rules import simulation as sim

    run = sim.simulate(orl.playbooks.cold_calling(), 6, days=15, seed=3, progress=False)
    comparison = sim.compare(
        {"calls": orl.playbooks.cold_calling(), "mail": orl.playbooks.direct_mail()},
        3,
        days=5,
        runs=2,
        seed=0,
        progress=False,
    )
    reply = orl.Event(at=datetime(2026, 11, 24, 10, tzinfo=NY), kind="reply", channel="email")
    return [
        run,
        run.summary(),
        run.prospects[0],
        run.attempts[0],
        sim.EventRecord(run=0, prospect_id="p", seq=2, event=reply),
        comparison,
        comparison.estimates[0],
        sim.Estimate(strategy="calls", metric="meetings", point=None, low=None, high=None),
        sim.FieldModel(),
        sim.FieldModel().cold,
        sim.Costs(),
        sim.PLACES[0],
        sim.Response(outcome="callback_requested", inbound=(reply,), cancels_pending=True),
    ]


def _mailbox():
    return orl.Mailbox(address="sam@example.com", start=date(2026, 3, 2), send_from="07:30")


def _calendar():
    return orl.RepCalendar(
        zone="America/New_York",
        starts="08:00",
        weekdays=(0, 1, 2, 3),
        off=(orl.TimeOff(first=date(2026, 3, 9), last=date(2026, 3, 13), reason="vacation"),),
    )


def _core_values():
    ada = orl.Prospect(
        id="ada", timezone="America/New_York", phones=("+12125550100",), emails=("a@example.com",)
    )
    attempt = orl.Attempt(
        at=datetime(2026, 11, 20, 16, 5, tzinfo=NY), channel="call", outcome="hung_up"
    )
    plan = orl.plan(ada, [attempt], now=datetime(2026, 11, 23, 9, tzinfo=NY))
    script = orl.Script(opener="Hello", voicemail="Call me", subject="Hi")
    return [
        ada,
        ada.phones[0],
        orl.Sender(name="Sam", phone="+12125550199", email="sam@example.com"),
        attempt,
        orl.Event(at=datetime(2026, 11, 21, 9, tzinfo=NY), kind="out_of_office"),
        orl.Offering(name="Payroll", launched=date(2026, 1, 5), topics=frozenset({"payroll"})),
        orl.Trip(city="Boston", day=date(2026, 12, 3)),
        plan,
        plan.actions[0],
        script,
        orl.brief(ada, [attempt]),
        orl.cadences.builtin("cold_calling"),
        _day_plan(),
        orl.Finding(code="too-long", part="opener", message="the opener is too long"),
        orl.AccountRules(hold_days=7, min_gap_hours=2, one_channel_a_day=False),
        _mailbox(),
        orl.TimeOff(first=date(2026, 3, 9), last=date(2026, 3, 13)),
        _calendar(),
        orl.Rep(
            name="sam", goal=20, limits={"email": 30}, mailbox=_mailbox(), calendar=_calendar()
        ),
        orl.read_reply(
            "From: ada@example.com\nSubject: Out of Office\nAuto-Submitted: auto-replied\n\n"
            "I am away until 14 December 2026.\n",
            received_at=datetime(2026, 12, 2, 10, tzinfo=NY),
        ),
        orl.Halt(reason="do not contact", policy="do_not_contact"),
        orl.Veto(reason="outside calling hours"),
    ]


@pytest.mark.parametrize("zone_names", [True, False])
def test_every_public_value_round_trips(zone_names):
    """Each public value of orl and orl.simulation survives to_dict → JSON → from_dict."""
    for value in _core_values() + _simulation_values():
        back = _json_round_trip(value, zone_names=zone_names)
        name = type(value).__name__
        if zone_names:
            assert back == value, name
        # Without zone names a datetime keeps its instant, not its zone: compare the plain texts.
        assert orl.to_dict(back, zone_names=False) == orl.to_dict(value, zone_names=False), name


def test_the_round_trip_tests_cover_every_public_value():
    """Every attrs value exported by orl and orl.simulation is exchanged and tested above."""
    from outreach_rules import simulation as sim

    # Playbooks and simulation settings hold callables and models: they are code, not data.
    not_data = {"Playbook", "Settings"}
    exported = {
        name
        for module in (orl, sim)
        for name in module.__all__
        if attrs.has(getattr(module, name)) and name not in not_data
    }
    exported.add("Cadence")  # exported from orl.cadences
    tested = {type(value).__name__ for value in _core_values() + _simulation_values()}
    assert exported == tested


def test_a_day_plan_is_written_field_by_field():
    """A DayPlan's dict has one key per attrs field, so a field added later is exchanged too."""
    day = _day_plan()
    data = orl.to_dict(day)
    assert set(data) == {field.name for field in attrs.fields(orl.DayPlan)}
    assert len(data["calls"]) == 2
    assert len(data["carried"]) == 1
    assert orl.from_dict(orl.DayPlan, data) == day


def test_a_spring_forward_wall_time_round_trips_as_the_real_instant():
    """02:30 on a spring-forward day (no such wall time) is written as 03:30 EDT and read back."""
    at = datetime(2026, 3, 8, 2, 30, tzinfo=NY)
    attempt = orl.Attempt(at=at, channel="call", outcome="no_answer")
    data = orl.to_dict(attempt)
    assert data["at"] == "2026-03-08T03:30:00-04:00[America/New_York]"
    back = orl.from_dict(orl.Attempt, data)
    assert back.at.astimezone(UTC) == at.astimezone(UTC)
    assert back.at.tzinfo is NY
    assert orl.to_dict(back) == data
    plain = orl.to_dict(attempt, zone_names=False)["at"]
    assert datetime.fromisoformat(plain) == at.astimezone(UTC)


def test_both_halves_of_a_repeated_hour_round_trip():
    """01:30 with fold=0 and fold=1 on a fall-back night keep their instants, in both forms."""
    for fold, offset in ((0, "-04:00"), (1, "-05:00")):
        at = datetime(2026, 11, 1, 1, 30, fold=fold, tzinfo=NY)
        attempt = orl.Attempt(at=at, channel="email", outcome="sent")
        for zone_names in (True, False):
            data = orl.to_dict(attempt, zone_names=zone_names)
            assert data["at"].startswith(f"2026-11-01T01:30:00{offset}")
            back = orl.from_dict(orl.Attempt, data)
            assert back.at.astimezone(UTC) == at.astimezone(UTC)
            assert back.at.utcoffset() == at.utcoffset()


RFC_3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")


@given(st.data())
def test_plain_datetimes_are_rfc_3339_and_keep_the_instant(data):
    """With zone_names=False every datetime is RFC 3339 that fromisoformat reads to the instant."""
    prospect = data.draw(ors.prospects())
    item = data.draw(st.one_of(ors.attempts(prospect), ors.events(prospect)))
    written = orl.to_dict(item, zone_names=False)
    assert RFC_3339.match(written["at"]), written["at"]
    assert datetime.fromisoformat(written["at"]) == item.at.astimezone(UTC)
    back = orl.from_dict(type(item), written)
    assert back.at.astimezone(UTC) == item.at.astimezone(UTC)


def test_every_bad_field_is_named_at_once():
    """from_dict names each bad field in one InvalidData, in field order, not only the first."""
    with pytest.raises(orl.InvalidData) as info:
        orl.from_dict(
            orl.Prospect,
            {
                "id": "x",
                "timezone": "Mars/Olympus",
                "name": 5,
                "phones": ["12"],
                "emails": ["nope"],
            },
        )
    fields = [problem.split(":")[0] for problem in info.value.problems]
    assert fields == ["timezone", "name", "phones[0].number", "emails[0]"]
    with pytest.raises(orl.InvalidData) as info:
        orl.from_dict(
            orl.Attempt,
            {"at": "2026-03-10T10:00:00Z", "channel": "call", "outcome": "no_answer", "to": 5,
             "notes": 3, "reason": "", "colour": "red"},
        )  # fmt: skip
    fields = [problem.split(":")[0] for problem in info.value.problems]
    assert fields == ["to", "notes", "reason", "colour"]


@pytest.mark.parametrize(
    ("cls", "data", "suggestion"),
    [
        (orl.Attempt, {"at": "2026-03-10T10:00:00Z", "channel": "emial", "outcome": "sent"},
         "channel: 'emial' is not one of: call, "),
        (orl.Attempt, {"at": "2026-03-10T10:00:00Z", "channel": "call", "outcome": "Hung Up"},
         "did you mean 'hung_up'?"),
        (orl.Event, {"at": "2026-03-10T10:00:00Z", "kind": "out-of-office"},
         "did you mean 'out_of_office'?"),
        (orl.Phone, {"number": "+12125550100", "kind": "mobil"}, "did you mean 'mobile'?"),
        (orl.Action, {"channel": "call", "purpose": "intro", "earliest": "2026-03-10T10:00:00Z",
                      "latest": "2026-03-10T11:00:00Z", "reasons": ["x"], "policy": "p",
                      "refers_to": [{"at": "2026-03-09T10:00:00Z", "kind": "replied"}]},
         "did you mean 'reply'?"),
    ],
)  # fmt: skip
def test_an_unknown_enum_value_gets_a_suggestion(cls, data, suggestion):
    """A mistyped channel, outcome, event kind or phone kind names the closest valid value."""
    with pytest.raises(orl.InvalidData) as info:
        orl.from_dict(cls, data)
    assert any(suggestion in problem for problem in info.value.problems), info.value.problems
    assert any("did you mean" in problem for problem in info.value.problems)


def test_constructors_suggest_like_time_zones():
    """Values built in code suggest the closest enum value, as an unknown time zone does."""
    with pytest.raises(ValueError, match=r"channel: 'emial' is not one of: .*did you mean 'email'"):
        orl.Attempt(at=datetime(2026, 3, 10, tzinfo=UTC), channel="emial", outcome="sent")
    with pytest.raises(ValueError, match=r"did you mean 'America/New_York'"):
        orl.Prospect(id="p", timezone="america/new york")
