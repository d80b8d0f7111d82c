"""The values: validation at the edge, with messages that name the field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pendulum
import pytest

import outreach_rules as orl
from outreach_rules.channels import Needs, traits
from outreach_rules.outcomes import valid_outcomes

NY = ZoneInfo("America/New_York")
AT = datetime(2026, 3, 10, 10, 0, tzinfo=NY)


def test_enums_are_lower_case_str_enums():
    """Enum values are the lower-case names, usable as plain strings."""
    assert orl.Channel.CALL == "call"
    assert orl.Outcome.HUNG_UP == "hung_up"
    assert orl.EventKind.OPT_OUT == "opt_out"
    assert orl.Purpose.APOLOGY_NOTE == "apology_note"
    for enum in (orl.Channel, orl.Outcome, orl.EventKind, orl.Purpose):
        for member in enum:
            assert member.value == member.name.lower()


def test_naive_datetime_is_a_type_error_naming_the_field():
    """A naive datetime anywhere is a TypeError whose message starts with the field."""
    with pytest.raises(TypeError, match=r"^at: naive datetime"):
        orl.Attempt(at=datetime(2026, 3, 10, 10), channel="call", outcome="no_answer")
    with pytest.raises(TypeError, match=r"^callback_at: naive"):
        orl.Attempt(
            at=AT, channel="call", outcome="callback_requested", callback_at=datetime(2026, 3, 11)
        )
    with pytest.raises(TypeError, match=r"^resume_at: naive"):
        orl.Event(at=AT, kind="out_of_office", resume_at=datetime(2026, 3, 11))
    with pytest.raises(TypeError, match=r"^now: naive"):
        orl.plan(orl.Prospect(id="x", timezone="UTC"), [], now=datetime(2026, 3, 10))


def test_pendulum_datetimes_are_accepted():
    """pendulum DateTimes are aware datetimes and work as inputs."""
    at = pendulum.datetime(2026, 3, 10, 10, tz="America/New_York")
    attempt = orl.Attempt(at=at, channel="call", outcome="no_answer")
    assert attempt.at == AT


def test_invalid_channel_outcome_pair_says_what_is_valid():
    """An e-mail cannot be hung up on; the error lists what an e-mail can end in."""
    with pytest.raises(ValueError, match=r"outcome: 'hung_up' cannot happen on a 'email'.*bounced"):
        orl.Attempt(at=AT, channel=orl.Channel.EMAIL, outcome=orl.Outcome.HUNG_UP)
    with pytest.raises(ValueError, match="cannot happen"):
        orl.Attempt(at=AT, channel="postcard", outcome="no_answer")


def test_every_channel_has_sent_or_call_outcomes():
    """Each channel accepts its natural outcomes and refuses the others."""
    assert orl.Outcome.HUNG_UP in valid_outcomes(orl.Channel.CALL)
    assert orl.Outcome.BOUNCED in valid_outcomes(orl.Channel.EMAIL)
    assert orl.Outcome.RETURNED in valid_outcomes(orl.Channel.NOTE)
    assert orl.Outcome.RETURNED not in valid_outcomes(orl.Channel.EMAIL)
    assert orl.Outcome.LEFT in valid_outcomes(orl.Channel.VOICEMAIL)


def test_unknown_enum_value_lists_valid_ones():
    """An unknown outcome string names the field and the valid values."""
    with pytest.raises(ValueError, match=r"^outcome: 'hungup' is not one of: no_answer, busy"):
        orl.Attempt(at=AT, channel="call", outcome="hungup")


def test_unknown_time_zone_suggests_close_names():
    """A misspelt IANA zone is a ValueError with suggestions."""
    with pytest.raises(ValueError, match=r"timezone: 'America/New_Yrok'.*America/New_York"):
        orl.Prospect(id="p", timezone="America/New_Yrok")
    with pytest.raises(ValueError, match="not a known IANA time zone"):
        orl.Prospect(id="p", timezone="Mars/Olympus")


def test_phone_numbers_must_be_e164():
    """Numbers are E.164; punctuation is dropped, a missing country code is refused."""
    assert orl.Phone(number="+1 (212) 555-0100").number == "+12125550100"
    with pytest.raises(
        ValueError, match=r"number: '212-555-0100' is not an E.164 number.*\+12125550100"
    ):
        orl.Phone(number="212-555-0100")
    with pytest.raises(ValueError, match=r"phones\[1\]"):
        orl.Prospect(id="p", timezone="UTC", phones=("+12125550100", "0701234567"))


def test_plain_strings_become_phones():
    """Prospect.phones accepts plain strings and converts them."""
    prospect = orl.Prospect(id="p", timezone="UTC", phones=("+46701234567",))
    assert prospect.phones == (orl.Phone(number="+46701234567", kind="other"),)
    assert prospect.phones[0].kind is orl.PhoneKind.OTHER


def test_prospect_country_and_region_are_checked():
    """Country is ISO alpha-2; a region must belong to it."""
    assert (
        orl.Prospect(id="p", timezone="America/New_York", country="US", region="FL").region == "FL"
    )
    with pytest.raises(ValueError, match="country: 'USA' is not an ISO 3166-1"):
        orl.Prospect(id="p", timezone="UTC", country="USA")
    with pytest.raises(ValueError, match="region: 'XX' is not a subdivision of US"):
        orl.Prospect(id="p", timezone="UTC", country="US", region="XX")
    with pytest.raises(ValueError, match="region: 'FL' needs a country"):
        orl.Prospect(id="p", timezone="UTC", region="FL")


def test_values_are_frozen_hashable_and_keyword_only():
    """Values cannot change, hash, and refuse positional arguments."""
    prospect = orl.Prospect(id="p", timezone="UTC", interests={"payroll"})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        prospect.id = "q"  # type: ignore[misc]
    assert hash(prospect) == hash(orl.Prospect(id="p", timezone="UTC", interests={"payroll"}))
    assert isinstance(prospect.interests, frozenset)
    with pytest.raises(TypeError):
        orl.Prospect("p", "UTC")  # type: ignore[misc]
    assert not hasattr(prospect, "__dict__")


def test_callback_time_only_with_a_callback_outcome():
    """callback_at goes with callback_requested or bad_timing only."""
    with pytest.raises(ValueError, match="callback_at: is set but the outcome is 'no_answer'"):
        orl.Attempt(at=AT, channel="call", outcome="no_answer", callback_at=AT)
    ok = orl.Attempt(
        at=AT, channel="call", outcome="bad_timing", callback_at=AT + timedelta(days=30)
    )
    assert ok.callback_at is not None


def test_action_window_and_reasons_are_checked():
    """An action needs a reason, a policy name, and earliest <= latest; due is earliest."""
    common = {"channel": "call", "purpose": "intro", "policy": "p"}
    action = orl.Action(earliest=AT, latest=AT, reasons=("why",), **common)
    assert action.due == action.earliest
    assert action.purpose is orl.Purpose.INTRO
    assert (
        orl.Action(earliest=AT, latest=AT, reasons=("x",), **{**common, "purpose": "mine"}).purpose
        == "mine"
    )
    with pytest.raises(ValueError, match="reasons: an action needs at least one reason"):
        orl.Action(earliest=AT, latest=AT, reasons=(), **common)
    with pytest.raises(ValueError, match=r"latest: .* is before earliest"):
        orl.Action(earliest=AT, latest=AT - timedelta(minutes=1), reasons=("x",), **common)


def test_channel_traits_are_data():
    """Channels say whether they are live, what they need, and how long mail takes."""
    assert traits(orl.Channel.CALL).synchronous
    assert not traits(orl.Channel.EMAIL).synchronous
    assert traits(orl.Channel.EMAIL).needs is Needs.EMAIL
    assert traits(orl.Channel.NOTE).transit_business_days == 3
    assert traits(orl.Channel.POSTCARD).is_mail
    assert traits(orl.Channel.VOICEMAIL).is_phone


def test_offering_and_trip_take_dates_not_datetimes():
    """Offering.launched and Trip.day are dates."""
    assert orl.Offering(name="Payroll", launched=date(2026, 1, 5), topics={"payroll"}).topics == {
        "payroll"
    }
    with pytest.raises(TypeError, match="day: expected a date"):
        orl.Trip(city="Uppsala", day=AT)


def test_sender_contact_details_are_checked():
    """A sender's phone is E.164 and the e-mail looks like one."""
    with pytest.raises(ValueError, match="email: 'sam' is not an e-mail address"):
        orl.Sender(name="Sam", email="sam")
    with pytest.raises(ValueError, match="phone: "):
        orl.Sender(name="Sam", phone="555")


def test_fast_builders_make_the_same_action_as_the_constructor():
    """The engine's unvalidated build/replace give actions equal to validated ones."""
    from outreach_rules.actions import build, replace

    fields = {
        "channel": orl.Channel.EMAIL,
        "purpose": orl.Purpose.SEND_INFO,
        "earliest": AT,
        "latest": AT + timedelta(hours=1),
        "reasons": ("r",),
        "policy": "p",
        "to": "a@b.co",
        "script": orl.Script(opener="hi"),
        "leave_voicemail": True,
        "priority": 3,
        "prospect_id": "x",
        "moved_by": ("g",),
    }
    checked = orl.Action(**fields)
    assert build(**fields) == checked
    assert replace(checked, priority=4) == attrs.evolve(checked, priority=4)
    assert {a.name for a in attrs.fields(orl.Action)} >= set(fields)
    with pytest.raises(ValueError, match="before earliest"):
        replace(checked, latest=AT - timedelta(hours=1))


@pytest.mark.parametrize(
    ("phone", "error", "start"),
    [
        ({"number": "12345", "kind": "mobile"}, ValueError, "new_phone.number: '12345'"),
        ({"number": "+12125550100", "kind": "fax"}, ValueError, "new_phone.kind: 'fax'"),
        ({"num": "+12125550100"}, TypeError, "new_phone: "),
    ],
)
def test_a_bad_learned_number_names_its_full_path(phone, error, start):
    """A number given as a mapping is checked with the field written in full."""
    with pytest.raises(error) as info:
        orl.Attempt(
            at=datetime(2026, 3, 2, 10, tzinfo=UTC),
            channel="call",
            outcome="gatekeeper",
            new_phone=phone,
        )
    assert str(info.value).startswith(start)


def test_the_fast_builders_name_every_field_in_order():
    """The unvalidated builders of actions and plans take exactly the fields of their classes."""
    import inspect

    from outreach_rules.actions import build
    from outreach_rules.plans import _build

    action_fields = [a.name for a in attrs.fields(orl.Action)]
    assert list(inspect.signature(build).parameters) == action_fields
    assert set(inspect.signature(_build).parameters) == {a.name for a in attrs.fields(orl.Plan)}


def test_a_built_action_equals_the_validated_one():
    """An action made by the fast builder equals the same action made by Action(...)."""
    from outreach_rules.actions import build, replace

    at = datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("America/Chicago"))
    fields = {
        "channel": orl.Channel.CALL,
        "purpose": orl.Purpose.FOLLOW_UP,
        "earliest": at,
        "latest": at + timedelta(hours=2),
        "reasons": ("a reason",),
        "policy": "follow_up",
        "to": "+13125550100",
        "priority": 50,
        "prospect_id": "p",
        "step": "s",
        "variant": "b",
    }
    built = build(**fields)
    assert built == orl.Action(**fields)
    moved = replace(built, earliest=at + timedelta(hours=1), moved_by=("x",))
    assert moved == attrs.evolve(built, earliest=at + timedelta(hours=1), moved_by=("x",))
    with pytest.raises(TypeError, match="colour"):
        replace(built, colour="red")
    with pytest.raises(ValueError, match="latest"):
        replace(built, latest=at - timedelta(hours=1))
