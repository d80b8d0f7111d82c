"""A cadence gives way to the prospect: answers after its end, and channel-scoped opt-outs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import outreach_rules as orl

NY = ZoneInfo("America/New_York")
ADA = orl.Prospect(
    id="ada",
    timezone="America/New_York",
    phones=("+12125550100",),
    emails=("ada@example.com",),
    country="US",
    region="NY",
)
CADENCE = """
name = "two-touch"
policies = ["reconnect"]

[[steps]]
id = "call-1"
channel = "call"

[[steps]]
id = "email-1"
channel = "email"
wait = { business_days = 1 }

[[steps]]
id = "call-2"
channel = "call"
wait = { business_days = 2 }
"""


def _at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=NY)


def test_a_callback_after_the_end_is_answered():
    """A refusal ends the cadence, yet a later callback gets the reconnect call, not a halt."""
    book = orl.cadences.loads(CADENCE).to_playbook()
    history = [
        orl.Attempt(at=_at(2, 10), channel="call", outcome="not_interested", to="+12125550100"),
        orl.Event(at=_at(23, 9), kind="callback", channel="call"),
    ]
    plan = orl.plan(ADA, history, now=_at(23, 10), playbook=book)
    assert plan.halted is None
    assert plan.actions[0].purpose == orl.Purpose.RECONNECT
    assert all(action.step is None for action in plan.actions)


def test_without_a_later_answer_the_ended_cadence_halts():
    """The same refusal with nothing after it halts, saying why."""
    book = orl.cadences.loads(CADENCE).to_playbook()
    history = [
        orl.Attempt(at=_at(2, 10), channel="call", outcome="not_interested", to="+12125550100")
    ]
    plan = orl.plan(ADA, history, now=_at(23, 10), playbook=book)
    assert plan.halted is not None
    assert "not interested" in plan.halted


def test_an_email_opt_out_skips_email_steps_only():
    """Opting out of e-mail skips the e-mail step, says so, and the calls go on."""
    book = orl.cadences.loads(CADENCE).to_playbook()
    history = [
        orl.Attempt(at=_at(23, 10), channel="call", outcome="no_answer", to="+12125550100"),
        orl.Event(at=_at(23, 11), kind="opt_out", channel="email"),
    ]
    plan = orl.plan(ADA, history, now=_at(23, 12), playbook=book)
    assert plan.halted is None
    step = plan.next
    assert step is not None
    assert step.step == "call-2"
    assert any("opted out of email" in reason for reason in step.reasons)


def test_an_option_given_as_text_is_not_split_into_letters():
    """A list option written as one string is one problem, not one per letter."""
    text = 'name = "x"\nguards = [{ use = "business_hours", exempt = "callback" }]\n'
    text += 'policies = ["reconnect"]\n'
    with pytest.raises(orl.cadences.InvalidCadence) as caught:
        orl.cadences.loads(text)
    (problem,) = caught.value.found
    assert str(problem) == "<cadence>:2: guards[0].exempt: expected a list, got a string 'callback'"
