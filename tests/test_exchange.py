"""Data exchange: lossless round trips and located errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

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
