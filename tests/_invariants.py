"""The engine's invariants as plain checks, shared by the property tests and the scale test.

Each check takes a plan and what it was made from and fails with an
assertion that names the action at fault. The hypothesis tests in
test_engine_properties.py call them one law per test; the seeded scale
test in test_invariants_at_scale.py calls ``check_plan`` on every case.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import outreach_rules as orl
from outreach_rules.channels import LegalHours, traits
from outreach_rules.guards.business_hours import BusinessHours
from outreach_rules.situation import Situation


def no_action_before_now(result: orl.Plan, now: datetime) -> None:
    """Every action starts at or after now, and ends no earlier than it starts.

    Instants are compared in UTC: Python compares two times in one zone by their wall clocks,
    which puts a time in the second pass of a repeated hour (or one in a DST gap) wrong.
    """
    for action in result.actions:
        assert action.earliest.astimezone(UTC) >= now.astimezone(UTC), action
        assert action.earliest.astimezone(UTC) <= action.latest.astimezone(UTC), action


def inside_lawful_and_business_hours(result: orl.Plan, situation: Situation) -> None:
    """Calls and texts lie wholly inside their lawful hours (08:00–21:00 local at the widest,
    in the prospect's zone and every zone the number may ring in, DST included), any action
    a law sets hours for inside them, and, unless exempt, every action inside business hours.
    """
    business = next((g for g in situation.playbook.guards if isinstance(g, BusinessHours)), None)
    for action in result.actions:
        channel = action.channel
        lawful = situation.lawful_for(channel)
        if lawful is not None:
            for calendar in (lawful, *situation.also_lawful_for(channel)):
                assert calendar.is_open(action.earliest), action
                assert action.latest <= calendar.window_end(action.earliest), action
        if traits(channel).legal_hours in (LegalHours.CALLS, LegalHours.TEXTS):
            local = action.earliest.astimezone(situation.zone)
            assert 8 <= local.hour < 21, action
        if (
            business is not None
            and action.channel in business.channels
            and action.purpose not in business.exempt
        ):
            assert situation.calendar.is_open(action.earliest), action
            assert action.latest <= situation.calendar.window_end(action.earliest), action


def halted_for_do_not_contact(result: orl.Plan) -> None:
    """The plan of a prospect who asked not to be contacted halts with no actions."""
    assert result.actions == (), result.actions
    assert result.halted is not None
    assert result.halted.startswith("do not contact"), result.halted


def nothing_on(result: orl.Plan, channels: Sequence[orl.Channel]) -> None:
    """No action uses a channel the prospect opted out of, in any of its fields.

    Out of calls is out of voicemail drops too; out of voicemail, no call leaves one.
    """
    for action in result.actions:
        assert action.channel not in channels, action
        assert traits(action.channel).kin not in channels, action
        if orl.Channel.VOICEMAIL in channels:
            assert not action.leave_voicemail, action
            assert action.script is None or action.script.voicemail is None, action


def explained(result: orl.Plan, prospect: orl.Prospect) -> None:
    """Every action has reasons and a policy and names the prospect; plans read in time order."""
    for action in (*result.actions, *result.vetoed):
        assert action.reasons, action
        assert all(reason.strip() for reason in action.reasons), action
        assert action.policy, action
        assert action.prospect_id == prospect.id, action
    for action in result.vetoed:
        assert action.vetoed_by, action
    assert result.halted is None or result.halted.strip()
    assert list(result.actions) == sorted(result.actions, key=lambda a: a.earliest)
    assert result.explain().startswith(f"Plan for {prospect.id}")


def in_zone_to_live_contact_points(result: orl.Plan, situation: Situation) -> None:
    """Action times are in the prospect's zone; no action uses a retired number or address."""
    for action in result.actions:
        assert getattr(action.earliest.tzinfo, "key", None) == situation.prospect.timezone
        assert action.to is not None, action
        assert action.to not in situation.retired, action


def round_trips(value: Any, cls: type) -> None:
    """``to_dict``/``from_dict`` give back an equal value whose ``to_dict`` is the same data.

    The second check is the one that sees instants: datetimes of one zone compare equal by their
    wall clocks, while the data writes each with its offset, so a lost fold (the second of two
    repeated wall times) or a skipped wall time written with the wrong offset shows there.
    """
    data = orl.to_dict(value)
    again = orl.from_dict(cls, data)
    assert again == value, (value, data)
    assert orl.to_dict(again) == data, (value, data)


def check_plan(
    result: orl.Plan,
    *,
    prospect: orl.Prospect,
    history: Sequence[Any],
    now: datetime,
    playbook: orl.Playbook,
) -> None:
    """Check every per-plan invariant of ``result``, planned from the arguments."""
    situation = Situation(prospect, history, now=now, playbook=playbook)
    no_action_before_now(result, now)
    inside_lawful_and_business_hours(result, situation)
    explained(result, prospect)
    in_zone_to_live_contact_points(result, situation)
    assert result.playbook == playbook.name
