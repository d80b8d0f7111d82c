"""Cadence files, one construct at a time: real dates in New York and Stockholm, real files."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
import tomllib
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.cadences import Cadence, InvalidCadence
from outreach_rules.guards.business_hours import BusinessHours
from outreach_rules.policies.follow_up import FollowUp

NEW_YORK = ZoneInfo("America/New_York")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = ZoneInfo("UTC")
SENDER = orl.Sender(name="Sam Seller", phone="+12125550100", email="sam@example.com")
ADA_PHONE = "+12125550123"
SWITCHBOARD = "+12125550199"


def ada(**changes) -> orl.Prospect:
    """A prospect in New York with a direct line, a switchboard, an e-mail and an address."""
    fields: dict[str, object] = {
        "id": "p-ada",
        "timezone": "America/New_York",
        "name": "Ada Lovelace",
        "phones": (
            {"number": ADA_PHONE, "kind": "direct"},
            {"number": SWITCHBOARD, "kind": "switchboard"},
        ),
        "emails": ("ada@example.com",),
        "address": "1 Main Street",
        "country": "US",
        "region": "NY",
        "interests": ("payroll",),
    }
    fields.update(changes)
    return orl.Prospect(**fields)


def greta() -> orl.Prospect:
    """A prospect in Stockholm, where 6 January (Epiphany) is a public holiday."""
    return orl.Prospect(
        id="p-greta",
        timezone="Europe/Stockholm",
        name="Greta Garbo",
        phones=("+46701234567",),
        emails=("greta@example.se",),
        address="Storgatan 1",
        country="SE",
    )


def cadence(text: str, **options) -> Cadence:
    """A cadence from TOML text written indented in a test."""
    return orl.cadences.loads(textwrap.dedent(text), source="test.toml", **options)


def plan(book: Cadence, prospect: orl.Prospect, history, now: datetime, **options) -> orl.Plan:
    """The plan of ``book`` as a playbook with a sender."""
    return orl.plan(prospect, history, now=now, playbook=book.to_playbook(sender=SENDER, **options))


def where(book: Cadence, prospect: orl.Prospect, history, now: datetime) -> orl.cadences.Position:
    """Where the prospect stands in ``book``."""
    situation = orl.Situation(prospect, history, now=now, playbook=book.to_playbook())
    return orl.cadences.position(book, situation)


def step_action(result: orl.Plan, book: Cadence) -> orl.Action:
    """The one action the cadence's own steps propose."""
    (action,) = (a for a in result.actions if a.policy == book.name)
    return action


def call(at: datetime, outcome: str = "no_answer", to: str = ADA_PHONE) -> orl.Attempt:
    return orl.Attempt(at=at, channel="call", outcome=outcome, to=to)


def email(at: datetime, outcome: str = "sent") -> orl.Attempt:
    return orl.Attempt(at=at, channel="email", outcome=outcome, to="ada@example.com")


def note(at: datetime) -> orl.Attempt:
    return orl.Attempt(at=at, channel="note", outcome="sent", to="1 Main Street")


def ny(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def sto(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


TWO_STEPS = """
    name = "two"
    [[steps]]
    id = "first"
    channel = "{first}"
    [[steps]]
    id = "second"
    channel = "call"
    {timing}
"""


def two_steps(timing: str, first: str = "call") -> Cadence:
    """A first step on ``first`` and a call after it, due by ``timing``."""
    return cadence(TWO_STEPS.format(first=first, timing=timing))


# -- when a step is due ------------------------------------------------------------------------


def test_day_n_skips_the_weekend_and_thanksgiving():
    """Day 3 after a Wednesday enrolment before Thanksgiving is the Monday after it."""
    book = two_steps("day = 3")
    wednesday = ny(2026, 11, 25, 10)
    result = plan(book, ada(), [call(wednesday)], wednesday + timedelta(minutes=5))
    action = step_action(result, book)
    assert action.step == "second"
    assert action.earliest == ny(2026, 11, 30, 9)
    assert "business day 3 of the cadence" in action.reasons[0]


def test_day_n_skips_a_swedish_holiday():
    """Day 3 after a Friday enrolment in Stockholm skips the weekend and Epiphany (Tue 6 Jan)."""
    book = two_steps("day = 3")
    friday = sto(2026, 1, 2, 10)
    result = plan(book, greta(), [call(friday, to="+46701234567")], friday + timedelta(hours=1))
    assert step_action(result, book).earliest == sto(2026, 1, 7, 9)


def test_wait_in_business_days_skips_a_holiday():
    """One business day after a Monday call in Stockholm is Wednesday: Tuesday is Epiphany."""
    book = two_steps("wait = { business_days = 1 }")
    monday = sto(2026, 1, 5, 10)
    result = plan(book, greta(), [call(monday, to="+46701234567")], monday + timedelta(hours=1))
    action = step_action(result, book)
    assert action.earliest == sto(2026, 1, 7, 9)
    assert action.reasons[0].endswith("1 business day after the call on Mon 05 Jan 2026 10:00 CET")


def test_wait_in_days_counts_the_weekend_then_waits_for_business_hours():
    """Two calendar days after a Friday call is Sunday, so the call falls on Monday's opening."""
    book = two_steps("wait = { days = 2 }")
    friday = ny(2026, 3, 6, 10)
    result = plan(book, ada(), [call(friday)], friday + timedelta(hours=1))
    action = step_action(result, book)
    assert action.earliest == ny(2026, 3, 9, 9)  # after the switch to EDT on 8 March
    assert "2 days after the call" in action.reasons[0]


@pytest.mark.parametrize(
    ("hours", "due"),
    [(3, ny(2026, 3, 3, 13)), (10, ny(2026, 3, 4, 9))],
    ids=["same-afternoon", "after-closing"],
)
def test_wait_in_hours(hours, due):
    """A wait in hours counts clock hours; past the close it waits for the next opening."""
    book = two_steps(f"wait = {{ hours = {hours} }}")
    tuesday = ny(2026, 3, 3, 10)
    result = plan(book, ada(), [call(tuesday)], tuesday + timedelta(minutes=30))
    assert step_action(result, book).earliest == due


@pytest.mark.parametrize(
    ("since", "due", "counted_from"),
    [
        ("arrival", ny(2026, 3, 6, 9), "the arrival of the note sent Mon 02 Mar 2026 11:00 EST"),
        ("previous", ny(2026, 3, 3, 9), "the note on Mon 02 Mar 2026 11:00 EST"),
    ],
)
def test_wait_since_arrival_adds_the_mail_transit(since, due, counted_from):
    """A note arrives three business days after it is sent; since=arrival counts from then."""
    book = two_steps(f'wait = {{ business_days = 1, since = "{since}" }}', first="note")
    monday = ny(2026, 3, 2, 11)
    result = plan(book, ada(), [note(monday)], monday + timedelta(minutes=5))
    action = step_action(result, book)
    assert action.earliest == due
    assert action.reasons[0].endswith(f"1 business day after {counted_from}")


def test_wait_since_enrolment_counts_from_the_first_touch():
    """since=enrolment counts from the first touch of the round, not from the previous step."""
    book = cadence(
        """
        name = "from-start"
        [[steps]]
        id = "a"
        channel = "call"
        [[steps]]
        id = "b"
        channel = "email"
        wait = { hours = 1 }
        [[steps]]
        id = "c"
        channel = "call"
        wait = { business_days = 3, since = "enrolment" }
        """
    )
    monday = ny(2026, 3, 2, 10)
    history = [call(monday), email(ny(2026, 3, 4, 10))]
    result = plan(book, ada(), history, ny(2026, 3, 4, 11))
    action = step_action(result, book)
    assert action.step == "c"
    assert action.earliest == ny(2026, 3, 5, 9)
    assert "the enrolment on Mon 02 Mar 2026 10:00 EST" in action.reasons[0]


def test_step_window_moves_the_action_into_the_window():
    """A step due on Tuesday morning with a 15:00–17:00 window is planned for 15:00–17:00."""
    book = two_steps('day = 2\n    window = { start = "15:00", end = "17:00" }')
    monday = ny(2026, 3, 2, 10)
    result = plan(book, ada(), [call(monday)], monday + timedelta(hours=1))
    action = step_action(result, book)
    assert (action.earliest, action.latest) == (ny(2026, 3, 3, 15), ny(2026, 3, 3, 17))
    assert "in the step's window, 15:00–17:00 Mon–Fri" in action.reasons


def test_step_window_days_move_the_action_to_an_allowed_weekday():
    """A window on Fridays only moves a step due on Tuesday to Friday, in Stockholm time."""
    book = two_steps('day = 2\n    window = { start = "10:00", end = "11:00", days = ["fri"] }')
    monday = sto(2026, 2, 2, 10)
    result = plan(book, greta(), [call(monday, to="+46701234567")], monday + timedelta(hours=1))
    action = step_action(result, book)
    assert (action.earliest, action.latest) == (sto(2026, 2, 6, 10), sto(2026, 2, 6, 11))


# -- where a step leads --------------------------------------------------------------------------

COLD = """
    name = "cold"
    markets = ["US"]
    [exit]
    on = ["reply", "callback", "meeting_booked", "not_interested", "left_company"]
    [[steps]]
    id = "call-1"
    channel = "call"
    on = { gatekeeper = "ask-direct", hung_up = "apology" }
    [[steps]]
    id = "call-2"
    channel = "call"
    wait = { business_days = 2 }
    leave_voicemail = true
    next = "end"
    [[steps]]
    id = "ask-direct"
    channel = "call"
    purpose = "ask_gatekeeper"
    to = "switchboard"
    wait = { business_days = 1 }
    next = "call-2"
    [[steps]]
    id = "apology"
    channel = "note"
    purpose = "apology_note"
    wait = { hours = 2 }
    next = "call-after-note"
    [[steps]]
    id = "call-after-note"
    channel = "call"
    wait = { business_days = 1, since = "arrival" }
    next = "end"
"""


def test_branch_on_gatekeeper_asks_the_switchboard():
    """A receptionist on the first call leads to the ask-direct step, on the switchboard."""
    book = cadence(COLD)
    monday = ny(2026, 3, 2, 10)
    result = plan(book, ada(), [call(monday, "gatekeeper")], monday + timedelta(minutes=10))
    action = step_action(result, book)
    assert (action.step, action.purpose, action.to) == ("ask-direct", "ask_gatekeeper", SWITCHBOARD)
    assert action.earliest == ny(2026, 3, 3, 9)


def test_branch_on_hung_up_sends_the_apology_note_then_calls_after_it_arrives():
    """A hang-up leads to the apology note two hours later, then a call once it has arrived."""
    book = cadence(COLD)
    monday = ny(2026, 3, 2, 10)
    first = plan(book, ada(), [call(monday, "hung_up")], monday + timedelta(minutes=10))
    apology = step_action(first, book)
    assert (apology.step, apology.channel, apology.purpose) == ("apology", "note", "apology_note")
    assert apology.earliest == ny(2026, 3, 2, 12)
    assert apology.script is not None
    assert "I will call you again on Friday." in apology.script.opener  # the call after arrival
    history = [call(monday, "hung_up"), note(ny(2026, 3, 2, 12))]
    second = step_action(plan(book, ada(), history, ny(2026, 3, 2, 13)), book)
    assert second.step == "call-after-note"
    assert second.earliest == ny(2026, 3, 6, 9)  # arrives Thursday, one business day on


def test_no_branch_follows_the_file_order():
    """An outcome with no branch goes on to the next step of the file."""
    book = cadence(COLD)
    monday = ny(2026, 3, 2, 10)
    result = plan(book, ada(), [call(monday)], monday + timedelta(minutes=10))
    action = step_action(result, book)
    assert action.step == "call-2"
    assert action.leave_voicemail


def test_next_end_ends_the_cadence():
    """After the step whose next is "end", the cadence ends, though steps follow it in the file."""
    book = cadence(COLD)
    history = [call(ny(2026, 3, 2, 10)), call(ny(2026, 3, 4, 10))]
    result = plan(book, ada(), history, ny(2026, 3, 4, 11))
    assert result.actions == ()
    assert result.halted == "cadence 'cold' ended: every step taken on Wed 04 Mar 2026 10:00 EST"
    position = where(book, ada(), history, ny(2026, 3, 4, 11))
    assert position.step is None
    assert [t.step for t in position.taken] == ["call-1", "call-2"]


# -- exits, limits and re-enrolment ---------------------------------------------------------------

EXITS = """
    name = "exits"
    policies = [{policies}]
    [exit]
    on = ["reply", "meeting_booked", "not_interested"]
    {limits}
    [re_enrol]
    {re_enrol}
    [[steps]]
    id = "call-1"
    channel = "call"
    [[steps]]
    id = "email-1"
    channel = "email"
    wait = {{ business_days = 1 }}
    [[steps]]
    id = "call-2"
    channel = "call"
    wait = {{ business_days = 2 }}
"""


def exits(limits: str = "", re_enrol: str = 'rule = "never"', policies: str = "") -> Cadence:
    """A call, an e-mail and a call, with the given limits and re-enrolment rule."""
    return cadence(EXITS.format(limits=limits, re_enrol=re_enrol, policies=policies))


def test_a_reply_ends_the_cadence_and_leaves_the_answer_to_other_policies():
    """A reply ends the round; the cadence proposes nothing and halts nothing, reconnect answers."""
    book = exits(policies='"reconnect"')
    monday = ny(2026, 3, 2, 10)
    reply = orl.Event(at=ny(2026, 3, 2, 12), kind="reply", channel="email")
    result = plan(book, ada(), [call(monday), reply], ny(2026, 3, 2, 12, 5))
    assert result.halted is None
    assert [a.policy for a in result.actions] == ["reconnect"]
    position = where(book, ada(), [call(monday), reply], ny(2026, 3, 2, 12, 5))
    assert position.ended == "reply on Mon 02 Mar 2026 12:00 EST"
    assert position.response
    assert not position.final


def test_a_booked_meeting_ends_for_good_even_with_re_enrolment():
    """A booked meeting halts the plan, and re_enrol after 30 days does not restart it a year on."""
    book = exits(re_enrol='rule = "after"\n    days = 30')
    history = [call(ny(2026, 3, 2, 10), "meeting_booked")]
    for now in (ny(2026, 3, 2, 11), ny(2027, 3, 2, 11)):
        result = plan(book, ada(), history, now)
        assert result.actions == ()
        assert result.halted == "cadence 'exits' ended: meeting booked on Mon 02 Mar 2026 10:00 EST"
    assert where(book, ada(), history, ny(2027, 3, 2, 11)).final


def test_not_interested_ends_the_cadence():
    """A refusal listed in exit.on halts the plan with the refusal and its date."""
    book = exits()
    result = plan(book, ada(), [call(ny(2026, 3, 2, 10), "not_interested")], ny(2026, 3, 3, 10))
    assert result.halted == "cadence 'exits' ended: not interested on Mon 02 Mar 2026 10:00 EST"


def test_max_attempts_per_channel_ends_the_cadence():
    """Two calls with max_attempts.call = 2 end the cadence, with a halt that says so."""
    book = exits(limits="max_attempts = { call = 2 }")
    history = [call(ny(2026, 3, 2, 10)), call(ny(2026, 3, 2, 15))]
    result = plan(book, ada(), history, ny(2026, 3, 2, 16))
    assert result.actions == ()
    assert result.halted == (
        "cadence 'exits' ended: 2 calls made, the most this cadence allows on Mon 02 Mar 2026 "
        "15:00 EST"
    )


def test_max_total_counts_every_channel():
    """A call and an e-mail reach max_total = 2 and end the cadence, with a halt that says so."""
    book = exits(limits="max_total = 2")
    history = [call(ny(2026, 3, 2, 10)), email(ny(2026, 3, 3, 10))]
    result = plan(book, ada(), history, ny(2026, 3, 3, 11))
    assert result.actions == ()
    assert result.halted == (
        "cadence 'exits' ended: 2 touches made, the most this cadence allows on Tue 03 Mar 2026 "
        "10:00 EST"
    )


def test_re_enrol_after_days_proposes_step_one_of_round_two():
    """Thirty days after a refusal, step 1 comes again as round 2, and a call then starts it."""
    book = exits(re_enrol='rule = "after"\n    days = 30')
    refusal = call(ny(2026, 3, 2, 10), "not_interested")
    result = plan(book, ada(), [refusal], ny(2026, 3, 3, 10))
    action = step_action(result, book)
    assert action.step == "call-1"
    assert action.earliest == ny(2026, 4, 1, 10)  # same wall-clock time, after the DST switch
    assert action.reasons[:2] == (
        "cadence 'exits' ended: not interested on Mon 02 Mar 2026 10:00 EST",
        "enrol again: 30 days after it ended",
    )
    assert "round 2" in action.reasons[2]
    restarted = [refusal, call(ny(2026, 4, 1, 10))]
    position = where(book, ada(), restarted, ny(2026, 4, 1, 11))
    assert (position.round, position.step) == (2, "email-1")
    assert position.enrolled == ny(2026, 4, 1, 10)


def test_a_touch_before_re_enrolment_is_due_does_not_restart():
    """A call made before the re-enrolment date leaves the round ended."""
    book = exits(re_enrol='rule = "after"\n    days = 30')
    history = [call(ny(2026, 3, 2, 10), "not_interested"), call(ny(2026, 3, 10, 10))]
    position = where(book, ada(), history, ny(2026, 3, 10, 11))
    assert (position.round, position.step) == (1, None)


def test_re_enrol_after_days_does_not_depend_on_the_zone_history_is_written_in():
    """The same refusal written in UTC or in New York time re-enrols at the same moment."""
    book = exits(re_enrol='rule = "after"\n    days = 30')
    refusal = ny(2026, 3, 2, 10)
    local = plan(book, ada(), [call(refusal, "not_interested")], ny(2026, 3, 3, 10))
    in_utc = call(refusal.astimezone(UTC), "not_interested")
    assert in_utc == call(refusal, "not_interested")
    written_in_utc = plan(book, ada(), [in_utc], ny(2026, 3, 3, 10))
    assert step_action(written_in_utc, book).earliest == step_action(local, book).earliest


def test_re_enrol_on_offering_waits_for_a_matching_launch():
    """After a refusal, only an offering launched later on a topic they care about restarts."""
    book = exits(re_enrol='rule = "on_offering"')
    refusal = [call(ny(2026, 3, 2, 10), "not_interested")]
    now = ny(2026, 3, 3, 10)
    earlier = orl.Offering(name="Old Payroll", launched=date(2026, 1, 5), topics=("payroll",))
    other = orl.Offering(name="Safe Vault", launched=date(2026, 4, 6), topics=("security",))
    waiting = plan(book, ada(), refusal, now, offerings=[earlier, other])
    assert waiting.actions == ()
    assert waiting.halted == (
        "cadence 'exits' ended: not interested on Mon 02 Mar 2026 10:00 EST; it starts again "
        "when an offering they care about launches"
    )
    match = orl.Offering(name="Payroll Cloud", launched=date(2026, 5, 4), topics=("Payroll",))
    result = plan(book, ada(), refusal, now, offerings=[earlier, other, match])
    action = step_action(result, book)
    assert (action.step, action.earliest) == ("call-1", ny(2026, 5, 4, 9))
    assert "enrol again: Payroll Cloud launched Monday 4 May and matches their interests" in (
        action.reasons
    )


# -- variants ----------------------------------------------------------------------------------

AB = """
    name = "ab"
    [[steps]]
    id = "open"
    channel = "email"
    script = "intro"
      [[steps.variants]]
      id = "mail"
      weight = 1
      [[steps.variants]]
      id = "ring"
      weight = 1
      channel = "call"
      script = "follow_up:voicemail_last_resort"
      leave_voicemail = true
      [[steps.variants]]
      id = "never"
      weight = 0
      channel = "postcard"
      script = "drip"
"""


def _ids(count: int) -> list[str]:
    return [f"p-{n}" for n in range(count)]


def test_a_prospect_always_gets_the_same_variant():
    """The variant depends on the cadence, the step and the prospect only: not the moment or run."""
    book = cadence(AB)
    step = book.step("open")
    for pid in ("p-4", "p-5"):
        expected = orl.cadences.variant_for("ab", step, pid).id
        for now in (ny(2026, 3, 2, 10), ny(2027, 7, 1, 12), sto(2025, 12, 24, 9)):
            assert step_action(plan(book, ada(id=pid), [], now), book).variant == expected
    # A stable hash, not hash(): the same choices in every process and Python version.
    chosen = [orl.cadences.variant_for("ab", step, pid).id for pid in _ids(8)]
    assert chosen == ["ring", "ring", "ring", "ring", "ring", "mail", "ring", "ring"]


def test_variants_split_by_weight_and_weight_zero_is_never_chosen():
    """Over 2,000 prospects a 1:1 split lands within 45–55 % and a weight of 0 never comes up."""
    step = cadence(AB).step("open")
    counts = Counter(orl.cadences.variant_for("ab", step, pid).id for pid in _ids(2000))
    assert counts["never"] == 0
    assert 900 <= counts["mail"] <= 1100
    assert counts["mail"] + counts["ring"] == 2000


def test_a_variant_overrides_channel_and_script_and_is_named_on_the_action():
    """The 'ring' variant calls with the last-resort voicemail; the 'mail' one e-mails."""
    book = cadence(AB)
    step = book.step("open")
    by_variant = {orl.cadences.variant_for("ab", step, pid).id: pid for pid in _ids(20)}
    now = ny(2026, 3, 2, 10)
    ring = step_action(plan(book, ada(id=by_variant["ring"]), [], now), book)
    assert (ring.channel, ring.variant, ring.leave_voicemail) == ("call", "ring", True)
    assert ring.script is not None
    assert "tried this number a few times" in (ring.script.voicemail or "")
    assert "variant 'ring', fixed for this prospect (weights mail 1, ring 1, never 0)" in (
        ring.reasons
    )
    mail = step_action(plan(book, ada(id=by_variant["mail"]), [], now), book)
    assert (mail.channel, mail.variant, mail.leave_voicemail) == ("email", "mail", False)
    assert mail.script is not None
    assert mail.script.subject == "A quick introduction from Sam Seller"


def test_a_touch_on_the_variants_channel_carries_out_the_step():
    """For a prospect on the 'ring' variant, a call, not an e-mail, takes the step."""
    book = cadence(AB.replace('name = "ab"', 'name = "ab"\n    [exit]\n    max_total = 5'))
    step = book.step("open")
    pid = next(p for p in _ids(20) if orl.cadences.variant_for("ab", step, p).id == "ring")
    monday = ny(2026, 3, 2, 10)
    by_mail = where(book, ada(id=pid), [email(monday)], monday + timedelta(hours=1))
    assert (by_mail.step, len(by_mail.off_cadence)) == ("open", 1)
    by_call = where(book, ada(id=pid), [call(monday)], monday + timedelta(hours=1))
    assert [t.step for t in by_call.taken] == ["open"]


def test_a_variant_on_another_channel_than_its_branches_is_refused_or_planned():
    """A call step with a branch and an e-mail variant is refused on load, or planned."""
    text = """
        name = "mixed"
        [[steps]]
        id = "call-1"
        channel = "call"
        on = { gatekeeper = "end" }
          [[steps.variants]]
          id = "by-mail"
          channel = "email"
        """
    try:
        book = cadence(text)
    except InvalidCadence as exc:
        refused = exc.found
    else:
        refused = ()
    if refused:
        assert refused[0].path.startswith("steps[0]")
        return
    action = step_action(plan(book, ada(), [], ny(2026, 3, 2, 10)), book)
    assert (action.channel, action.variant) == ("email", "by-mail")


# -- reading the position from the history --------------------------------------------------------

POSITION = """
    name = "pos"
    [exit]
    max_total = 3
    [[steps]]
    id = "call-1"
    channel = "call"
    [[steps]]
    id = "call-2"
    channel = "call"
    wait = { business_days = 2 }
    [[steps]]
    id = "email-1"
    channel = "email"
    wait = { business_days = 1 }
"""


def test_an_off_cadence_touch_does_not_advance_but_counts_toward_limits():
    """An e-mail while a call is due takes no step, is named in the reasons, and counts."""
    book = cadence(POSITION)
    history = [call(ny(2026, 3, 2, 10)), email(ny(2026, 3, 2, 11))]
    now = ny(2026, 3, 2, 12)
    position = where(book, ada(), history, now)
    assert position.step == "call-2"
    assert [t.step for t in position.taken] == ["call-1"]
    assert position.off_cadence == (history[1],)
    assert position.touches == {orl.Channel.CALL: 1, orl.Channel.EMAIL: 1}
    action = step_action(plan(book, ada(), history, now), book)
    assert action.step == "call-2"
    assert action.earliest == ny(2026, 3, 4, 9)  # counted from the call, not the e-mail
    (off,) = (r for r in action.reasons if r.startswith("1 touch off the cadence"))
    assert "latest email on Mon 02 Mar 2026 11:00 EST" in off
    third = [*history, call(ny(2026, 3, 4, 10))]
    assert plan(book, ada(), third, ny(2026, 3, 4, 11)).halted == (
        "cadence 'pos' ended: 3 touches made, the most this cadence allows on Wed 04 Mar 2026 "
        "10:00 EST"
    )


def test_an_extra_call_by_hand_carries_out_the_current_call_step():
    """A call made by hand an hour after the first takes call-2; the e-mail is next."""
    book = cadence(POSITION)
    history = [call(ny(2026, 3, 2, 10)), call(ny(2026, 3, 2, 14))]
    now = ny(2026, 3, 2, 15)
    position = where(book, ada(), history, now)
    assert [t.step for t in position.taken] == ["call-1", "call-2"]
    assert position.off_cadence == ()
    action = step_action(plan(book, ada(), history, now), book)
    assert (action.step, action.earliest) == ("email-1", ny(2026, 3, 3, 9))


def test_a_voicemail_drop_carries_out_a_call_step():
    """A voicemail drop counts as the call a call step expects, and as a call toward limits."""
    book = cadence(POSITION)
    drop = orl.Attempt(at=ny(2026, 3, 2, 10), channel="voicemail", outcome="left", to=ADA_PHONE)
    position = where(book, ada(), [drop], ny(2026, 3, 2, 11))
    assert (position.step, position.touches) == ("call-2", {orl.Channel.CALL: 1})


def test_history_order_does_not_matter():
    """Shuffled, the same history gives the same position and the same plan."""
    book = cadence(COLD)
    history = [
        call(ny(2026, 3, 2, 10), "gatekeeper"),
        email(ny(2026, 3, 2, 12)),
        call(ny(2026, 3, 3, 10), to=SWITCHBOARD),
        orl.Event(at=ny(2026, 3, 3, 16), kind="out_of_office", resume_at=ny(2026, 3, 9, 9)),
        orl.Event(at=ny(2026, 3, 3, 10), kind="leadership_change"),
    ]
    now = ny(2026, 3, 3, 17)
    expected_plan = plan(book, ada(), history, now)
    expected_position = where(book, ada(), history, now)
    assert expected_position.step == "call-2"
    rnd = random.Random(20261126)
    for _ in range(20):
        shuffled = list(history)
        rnd.shuffle(shuffled)
        assert plan(book, ada(), shuffled, now) == expected_plan
        assert where(book, ada(), shuffled, now) == expected_position


def test_a_step_without_its_contact_point_is_skipped_with_a_reason():
    """With no e-mail address, the e-mail step is skipped and the next call planned, saying so."""
    book = cadence(POSITION)
    history = [call(ny(2026, 3, 2, 10)), call(ny(2026, 3, 4, 10))]
    result = plan(book, ada(emails=()), history, ny(2026, 3, 4, 11))
    assert result.actions == ()
    assert result.halted == (
        "cadence 'pos': skipped step 'email-1': no e-mail address to use; no step left"
    )
    three = cadence(POSITION + '    [[steps]]\n    id = "call-3"\n    channel = "call"\n')
    action = step_action(plan(three, ada(emails=()), history, ny(2026, 3, 4, 11)), three)
    assert action.step == "call-3"
    assert "skipped step 'email-1': no e-mail address to use" in action.reasons


def test_taking_the_step_proposed_after_a_skip_moves_the_cadence_on():
    """Once the call proposed in place of a skipped e-mail step is made, it is not due again."""
    book = cadence(
        """
        name = "skip"
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
        next = "end"
        """
    )
    no_email = ada(emails=())
    history = [call(ny(2026, 3, 2, 10))]
    proposed = step_action(plan(book, no_email, history, ny(2026, 3, 2, 11)), book)
    assert (proposed.step, proposed.earliest) == ("call-2", ny(2026, 3, 4, 9))
    history.append(call(ny(2026, 3, 4, 9)))
    after = plan(book, no_email, history, ny(2026, 3, 4, 10))
    assert [a.step for a in after.actions if a.policy == "skip"] == []
    position = where(book, no_email, history, ny(2026, 3, 4, 10))
    assert [t.step for t in position.taken] == ["call-1", "call-2"]


def test_position_of_a_cadence_without_steps_has_no_step():
    """A cadence of named policies only has no step to stand on: its position's step is None."""
    book = orl.cadences.builtin("cold_calling")
    assert where(book, ada(), [], ny(2026, 3, 2, 11)).step is None
    assert where(book, ada(), [call(ny(2026, 3, 2, 10))], ny(2026, 3, 2, 11)).step is None


# -- named policies, guards and scripts -----------------------------------------------------------

ONE_STEP = """
[[steps]]
id = "call-1"
channel = "call"
"""


def problems_of(text: str, fmt: str = "toml") -> tuple[orl.cadences.Problem, ...]:
    """The problems loading ``text`` reports; the test fails if it loads."""
    with pytest.raises(InvalidCadence) as caught:
        orl.cadences.loads(text, format=fmt, source=f"bad.{fmt}")
    assert isinstance(caught.value, orl.InvalidData)
    return caught.value.found


def test_an_unknown_policy_name_lists_the_known_ones():
    """An unknown policy is located and the message lists every name the file could use."""
    (problem,) = problems_of('name = "x"\npolicies = ["reconnect", "wave"]\n' + ONE_STEP)
    assert (problem.path, problem.pointer, problem.line) == (
        "policies[1].use",
        "/policies/1/use",
        2,
    )
    assert problem.message.startswith("no policy named 'wave'; known: birthday, brush_off, ")
    assert all(name in problem.message for name in orl.cadences.BUILTIN_POLICIES)


def test_an_option_of_the_wrong_type_is_located():
    """delays = "x" for follow_up names the option and the value it cannot use."""
    text = 'name = "x"\npolicies = [{ use = "follow_up", delays = "x" }]\n' + ONE_STEP
    (problem,) = problems_of(text)
    assert problem.path.startswith("policies[0].delays")
    assert problem.pointer.startswith("/policies/0/delays")
    assert problem.line == 2
    assert "'x'" in problem.message


def test_an_unknown_option_is_located():
    """An option the policy does not have is refused, naming the policy entry."""
    text = 'name = "x"\npolicies = [{ use = "follow_up", dealys = [1] }]\n' + ONE_STEP
    (problem,) = problems_of(text)
    assert problem.path.startswith("policies[0]")
    assert "dealys" in str(problem)


def test_a_policy_without_options_refuses_options():
    """intro_call is a plain function: giving it options is an error naming them."""
    text = 'name = "x"\npolicies = [{ use = "intro_call", when = "now" }]\n' + ONE_STEP
    (problem,) = problems_of(text)
    assert (problem.path, problem.line) == ("policies[0]", 2)
    assert problem.message == "'intro_call' takes no options, got when"


def test_guards_with_options_are_built():
    """A guard named with options is built from them, like keep_in_touch's business hours."""
    book = cadence(
        """
        name = "x"
        guards = [{ use = "business_hours", exempt = ["callback"] }]
        [[steps]]
        id = "call-1"
        channel = "call"
        """
    )
    (guard,) = book.to_playbook().guards
    assert guard == BusinessHours(exempt=frozenset({"callback"}))


def test_an_unknown_guard_name_is_worded_as_a_guard():
    """An unknown guard says 'no guard named …' and lists the known guards."""
    (problem,) = problems_of('name = "x"\nguards = ["nope"]\n' + ONE_STEP)
    assert problem.path == "guards[0].use"
    assert problem.message == "no guard named 'nope'; known: business_hours, out_of_office_hold"


def test_an_unknown_script_lists_the_known_ones():
    """A script with no template for the step's channel is located, listing the channel's ones."""
    (problem,) = problems_of('name = "x"\n' + ONE_STEP + 'script = "pitch"\n')
    assert (problem.path, problem.line) == ("steps[0].script", 6)
    assert problem.message.startswith("no call template named 'pitch'; known: ask_gatekeeper, ")
    assert "follow_up:voicemail_last_resort" in problem.message


def test_factories_passed_by_name_are_built_from_their_options():
    """A factory passed to loads/to_playbook is usable by name, with its options checked."""
    text = 'name = "x"\npolicies = [{ use = "mine", delays = [2] }]\n' + ONE_STEP
    book = orl.cadences.loads(text, policies={"mine": FollowUp})
    playbook = book.to_playbook(policies={"mine": FollowUp})
    assert FollowUp(delays=(2,)) in playbook.policies
    with pytest.raises(InvalidCadence):
        orl.cadences.loads(text)


# -- validation: every problem located, by line in TOML and by pointer in JSON --------------------

HERE = "# <- here"


def case(text: str, path: str, pointer: str, message: str):
    return pytest.param(textwrap.dedent(text), path, pointer, message)


INVALID = {
    "unknown channel": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        [[steps]]
        id = "b"
        channel = "fax"  # <- here
        """,
        "steps[1].channel",
        "/steps/1/channel",
        "'fax' is not one of: call, voicemail, email, postcard, note, sms, linkedin",
    ),
    "unreachable step": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        next = "end"
        [[steps]]  # <- here
        id = "b"
        channel = "call"
        """,
        "steps[1]",
        "/steps/1",
        "'b' is unreachable: no next or branch leads to it from 'a'",
    ),
    "branch to a missing step": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        on = { gatekeeper = "ask" }  # <- here
        """,
        "steps[0].on.gatekeeper",
        "/steps/0/on/gatekeeper",
        "'ask' is not a step; valid: a, end",
    ),
    "loop with no exit": case(
        """
        name = "x"
        [[steps]]  # <- here
        id = "a"
        channel = "call"
        [[steps]]
        id = "b"
        channel = "voicemail"
        wait = { days = 1 }
        next = "a"
        """,
        "steps[0]",
        "/steps/0",
        "the loop a → b → a has no way out if the same outcome keeps coming; bound it with "
        "exit.max_total or exit.max_attempts for call",
    ),
    "negative delay": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        [[steps]]
        id = "b"
        channel = "call"
        wait = { hours = -4 }  # <- here
        """,
        "steps[1].wait.hours",
        "/steps/1/wait/hours",
        "expected a whole number ≥ 0, got -4",
    ),
    "variant weights summing to 0": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "email"
        variants = [{ id = "v1", weight = 0 }, { id = "v2", weight = 0 }]  # <- here
        """,
        "steps[0].variants",
        "/steps/0/variants",
        "the weights add up to 0: give at least one a weight",
    ),
    "call window outside the law": case(
        """
        name = "x"
        business_hours = { start = "06:00", end = "18:00" }
        [[steps]]
        id = "a"
        channel = "call"
        window = { start = "06:00", end = "07:30" }  # <- here
        """,
        "steps[0].window",
        "/steps/0/window",
        "06:00–07:30 Mon–Fri leaves no lawful time to call in anywhere (calls are never placed "
        "outside 08:00–21:00)",
    ),
    "call window outside a state's law": case(
        """
        name = "x"
        markets = ["US", "US-FL"]
        business_hours = { start = "08:00", end = "21:00" }
        [[steps]]
        id = "a"
        channel = "call"
        window = { start = "20:00", end = "21:00" }  # <- here
        """,
        "steps[0].window",
        "/steps/0/window",
        "20:00–21:00 Mon–Fri leaves no lawful time to call in US-FL",
    ),
    "window outside business hours": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "email"
        window = { start = "18:00", end = "20:00" }  # <- here
        """,
        "steps[0].window",
        "/steps/0/window",
        "18:00–20:00 Mon–Fri never overlaps the business hours 09:00–17:00 Mon–Fri",
    ),
    "duplicate step ids": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        [[steps]]
        id = "a"  # <- here
        channel = "email"
        """,
        "steps[1].id",
        "/steps/1/id",
        "'a' repeats steps[0]",
    ),
    "first step on day 3": case(
        """
        name = "x"
        [[steps]]  # <- here
        id = "a"
        channel = "call"
        day = 3
        """,
        "steps[0]",
        "/steps/0",
        "the first step is taken on enrolment, so it cannot wait; give it day = 1 (or no day) "
        "and let the CRM enrol the prospect on the day it should start",
    ),
    # A value of the wrong shape is one problem at its field, worded the same everywhere.
    "steps as one table": case(
        """
        name = "x"
        [steps]  # <- here
        id = "a"
        channel = "call"
        """,
        "steps",
        "/steps",
        "expected a list of tables, got a table {'channel': 'call', 'id': 'a'}",
    ),
    "steps as a string": case(
        """
        name = "x"
        steps = "call"  # <- here
        """,
        "steps",
        "/steps",
        "expected a list of tables, got a string 'call'",
    ),
    "a step as a string": case(
        """
        name = "x"
        steps = ["call"]  # <- here
        """,
        "steps[0]",
        "/steps/0",
        "expected a table, got a string 'call'",
    ),
    "a wait as a number": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        [[steps]]
        id = "b"
        channel = "call"
        wait = 2  # <- here
        """,
        "steps[1].wait",
        "/steps/1/wait",
        "expected a table, got a number 2",
    ),
    "a channel as a list": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = ["call"]  # <- here
        """,
        "steps[0].channel",
        "/steps/0/channel",
        "expected a string, got a list ['call']",
    ),
    "weekdays as a string": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        window = { days = "mon" }  # <- here
        """,
        "steps[0].window.days",
        "/steps/0/window/days",
        "expected a list, got a string 'mon'",
    ),
    "weekdays as a table": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        window = { days = { mon = true } }  # <- here
        """,
        "steps[0].window.days",
        "/steps/0/window/days",
        "expected a list, got a table {'mon': True}",
    ),
    "a window start as a number": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        window = { start = 9 }  # <- here
        """,
        "steps[0].window.start",
        "/steps/0/window/start",
        "expected a time of day such as '09:30', got a number 9",
    ),
    "branches as a list": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        on = ["end"]  # <- here
        """,
        "steps[0].on",
        "/steps/0/on",
        "expected a table, got a list ['end']",
    ),
    "markets as a string": case(
        """
        name = "x"
        markets = "US"  # <- here
        [[steps]]
        id = "a"
        channel = "call"
        """,
        "markets",
        "/markets",
        "expected a list, got a string 'US'",
    ),
    "a long string for a list": case(
        """
        name = "x"
        markets = "US, CA, GB, DE, FR, IT, ES, NL, BE, PL, SE, NO"  # <- here
        [[steps]]
        id = "a"
        channel = "call"
        """,
        "markets",
        "/markets",
        "expected a list, got a string 'US, CA, GB, DE, F...NL, BE, PL, SE, NO'",
    ),
    "policies as a string": case(
        """
        name = "x"
        policies = "reconnect"  # <- here
        """,
        "policies",
        "/policies",
        "expected a list, got a string 'reconnect'",
    ),
    "max_attempts as a list": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        [exit]
        max_attempts = [6]  # <- here
        """,
        "exit.max_attempts",
        "/exit/max_attempts",
        "expected a table, got a list [6]",
    ),
    "a count as a string": case(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "call"
        [exit]
        max_total = "6"  # <- here
        """,
        "exit.max_total",
        "/exit/max_total",
        "expected a whole number, got a string '6'",
    ),
    "an exit table as a string": case(
        """
        name = "x"
        exit = "reply"  # <- here
        [[steps]]
        id = "a"
        channel = "call"
        """,
        "exit",
        "/exit",
        "expected a table, got a string 'reply'",
    ),
    "a list option as a table": case(
        """
        name = "x"
        policies = [{ use = "follow_up", delays = { first = 1 } }]  # <- here
        """,
        "policies[0].delays",
        "/policies/0/delays",
        "expected a list, got a table {'first': 1}",
    ),
    "a policy as a number": case(
        """
        name = "x"
        policies = [3]  # <- here
        """,
        "policies[0]",
        "/policies/0",
        "expected a name or a table with 'use', got a number 3",
    ),
}


@pytest.mark.parametrize(("text", "path", "pointer", "message"), INVALID.values(), ids=INVALID)
def test_toml_problems_name_the_line_and_the_field(text, path, pointer, message):
    """Each invalid TOML cadence gives one problem: its line, its field path and what is wrong."""
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if HERE in row)
    (problem,) = problems_of(text)
    assert (problem.path, problem.pointer, problem.line) == (path, pointer, line)
    assert problem.message == message
    assert str(problem) == f"bad.toml:{line}: {path}: {message}"


@pytest.mark.parametrize(("text", "path", "pointer", "message"), INVALID.values(), ids=INVALID)
def test_json_problems_name_the_pointer(text, path, pointer, message):
    """The same cadences as JSON give the same problems, located by JSON pointer."""
    (problem,) = problems_of(json.dumps(tomllib.loads(text)), fmt="json")
    assert (problem.path, problem.pointer, problem.line) == (path, pointer, None)
    assert problem.message == message
    assert str(problem) == f"bad.json: {pointer}: {message}"


def test_exit_limits_bound_a_loop():
    """The loop refused without limits loads once exit.max_total or max_attempts bounds it."""
    text = INVALID["loop with no exit"].values[0]
    bounded = cadence(text.replace('name = "x"', 'name = "x"\n[exit]\nmax_total = 6'))
    assert bounded.exit.max_total == 6
    by_calls = cadence(
        text.replace('name = "x"', 'name = "x"\n[exit]\nmax_attempts = { call = 4 }')
    )
    assert by_calls.exit.max_attempts == {orl.Channel.CALL: 4}


def test_every_problem_is_reported_at_once():
    """A file with several unrelated problems lists them all, each located."""
    text = textwrap.dedent(
        """
        name = "x"
        policies = ["wave"]
        [[steps]]
        id = "a"
        channel = "call"
        script = "pitch"
        """
    )
    found = problems_of(text)
    assert [p.path for p in found] == ["policies[0].use", "steps[0].script"]
    assert [p.line for p in found] == [3, 7]


def test_a_problem_with_variant_tables_names_their_line():
    """Weights adding up to 0 in [[steps.variants]] tables point at the first variant table."""
    text = textwrap.dedent(
        """
        name = "x"
        [[steps]]
        id = "a"
        channel = "email"
          [[steps.variants]]
          id = "v1"
          weight = 0
        """
    )
    (problem,) = problems_of(text)
    assert (problem.path, problem.line) == ("steps[0].variants", 6)


@pytest.mark.parametrize(
    ("text", "line", "pointer"),
    [
        (
            'name = "x"\n' + ONE_STEP + "[exit]\nmax_attempts = { fax = 2 }\n",
            7,
            "/exit/max_attempts/fax",
        ),
        ('name = "x"\n' + ONE_STEP + 'on = { "no answer" = "end" }\n', 6, "/steps/0/on/no answer"),
    ],
    ids=["unknown channel in max_attempts", "outcome with a space"],
)
def test_a_problem_under_a_map_key_is_located(text, line, pointer):
    """A bad key of exit.max_attempts or of a step's branches is located, not put at the top."""
    (problem,) = problems_of(text)
    assert (problem.line, problem.pointer) == (line, pointer)


def test_a_quoted_dotted_key_is_one_key_in_path_and_pointer():
    """``on."no.answer"`` is one outcome named no.answer, not on → no → answer."""
    text = 'name = "x"\n' + ONE_STEP + 'on."no.answer" = "end"\n'
    (problem,) = problems_of(text)
    assert (problem.path, problem.pointer, problem.line) == (
        'steps[0].on["no.answer"]',
        "/steps/0/on/no.answer",
        6,
    )


@given(st.text(max_size=12))
def test_a_key_path_reads_back_to_the_same_key(key):
    """Whatever a map key holds, the path written for it reads back to it."""
    from outreach_rules._validate import key_path
    from outreach_rules.cadences._load import _parts, _split

    path = key_path("steps[0].on", key)
    assert _parts(path) == ("steps", 0, "on", key)
    assert _split(f"{path}: bad") == (path, "bad")


def test_every_wrong_shape_is_reported_before_the_other_problems():
    """Wrong shapes are one problem each, all at once; the rest shows once they are fixed."""
    text = 'name = "x"\nmarkets = "US, CA"\nguards = "business_hours"\n' + ONE_STEP
    text = text.replace('channel = "call"', 'channel = "fax"\npriority = "5"')
    found = problems_of(text)
    assert [(p.path, p.line, p.message) for p in found] == [
        ("steps[0].priority", 8, "expected a whole number, got a string '5'"),
        ("guards", 3, "expected a list, got a string 'business_hours'"),
        ("markets", 2, "expected a list, got a string 'US, CA'"),
    ]
    fixed = text.replace('"US, CA"', '["US", "CA"]').replace('"business_hours"', "[]")
    (problem,) = problems_of(fixed.replace('"5"', "5"))
    assert (problem.path, problem.line) == ("steps[0].channel", 7)


# Every list of a cadence file, as a JSON pointer into a cadence with one step.
LIST_FIELDS = (
    "/steps",
    "/markets",
    "/policies",
    "/guards",
    "/compliance",
    "/exit/on",
    "/steps/0/variants",
    "/steps/0/window/days",
)


@pytest.mark.parametrize("pointer", LIST_FIELDS)
@settings(max_examples=20)
@given(text=st.text(max_size=60))
def test_a_string_for_any_list_is_one_problem_at_that_field(pointer, text):
    """Whatever string a list field holds, loading names that field once, with the string."""
    data: dict = {"name": "x", "steps": [{"id": "a", "channel": "call", "window": {}}]}
    data["exit"] = {}
    *parents, last = pointer.strip("/").split("/")
    place: Any = data
    for part in parents:
        place = place[int(part) if part.isdigit() else part]
    place[last] = text
    (problem,) = problems_of(json.dumps(data), fmt="json")
    assert problem.pointer == pointer
    what = "a list of tables" if pointer.endswith(("steps", "variants")) else "a list"
    assert problem.message.startswith(f"expected {what}, got a string ")
    assert len(problem.message) < 100


def test_toml_times_of_day_are_times_not_wrong_shapes():
    """A TOML local time (10:00:00) is a time for a window and for a policy's option."""
    book = cadence(
        """
        name = "x"
        policies = [{ use = "birthday", at = 10:30:00 }]
        [[steps]]
        id = "a"
        channel = "call"
        window = { start = 10:00:00, end = 11:30:00 }
        """
    )
    assert book.steps[0].window == orl.cadences.Window(start="10:00", end="11:30")
    assert book.policies[0].options == {"at": time(10, 30)}
    book.to_playbook()


def test_a_loop_must_be_bounded_on_its_variants_channels_too():
    """A call loop bounded by max_attempts.call is refused when a variant moves it to e-mail."""
    text = textwrap.dedent(
        """
        name = "x"
        [exit]
        max_attempts = { call = 3 }
        [[steps]]
        id = "a"
        channel = "call"
        next = "a"
          [[steps.variants]]
          id = "mail"
          channel = "email"
        """
    )
    (problem,) = problems_of(text)
    assert problem.path == "steps[0]"
    assert "email" in problem.message


def test_a_toml_syntax_error_gives_its_line():
    """Broken TOML is one problem for the whole file, with the line of the break."""
    (problem,) = problems_of('name = "x"\n\n[[steps]]\nid = "a"\nchannel = call\n')
    assert (problem.path, problem.pointer, problem.line) == ("(top)", "", 5)
    assert problem.message.startswith("not valid TOML: ")
    assert str(problem).startswith("bad.toml:5: (top): not valid TOML")


def test_a_json_array_at_the_top_is_refused():
    """A JSON file holding an array, not an object, is one problem about the whole file."""
    (problem,) = problems_of('[{"name": "x"}]', fmt="json")
    assert (problem.path, problem.pointer, problem.line) == ("(top)", "", None)
    assert problem.message == "expected a table of cadence fields, got a list [{'name': 'x'}]"


def test_load_reads_toml_and_json_files_by_suffix(tmp_path: Path):
    """load() reads both formats and names the file in every problem."""
    good = tmp_path / "good.toml"
    good.write_text(textwrap.dedent(COLD), encoding="utf-8")
    book = orl.cadences.load(good)
    as_json = tmp_path / "good.json"
    as_json.write_text(json.dumps(orl.to_dict(book)), encoding="utf-8")
    assert orl.cadences.load(as_json) == book
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "steps": [{"id": "a", "channel": "fax"}]}', encoding="utf-8")
    with pytest.raises(InvalidCadence) as caught:
        orl.cadences.load(bad)
    assert str(caught.value).startswith(f"{bad}: /steps/0/channel: 'fax' is not one of")


# -- plugins -------------------------------------------------------------------------------------

PLUGIN = '''
from datetime import timedelta

import attrs

import outreach_rules as orl


@attrs.frozen(kw_only=True)
class Wave:
    """Wave at the prospect by e-mail, with a greeting."""

    greeting: str = "hello"
    name: str = "wave"

    def __call__(self, *, situation):
        start = situation.local_now
        return (
            orl.Action(
                channel="email",
                purpose="wave",
                earliest=start,
                latest=start + timedelta(hours=1),
                reasons=(f"wave: {self.greeting}",),
                policy=self.name,
                to=situation.prospect.emails[0],
                prospect_id=situation.prospect.id,
            ),
        )
'''

PLUGIN_RUN = """
import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

sys.path.insert(0, sys.argv[1])
import outreach_rules as orl

STEP = '[[steps]]\\nid = "a"\\nchannel = "call"\\n'
refused = {}
for name in ("os.system", "myplug", "myplug:Wave", "myplug.Wave"):
    try:
        orl.cadences.loads(f'name = "x"\\npolicies = ["{name}"]\\n' + STEP)
    except orl.cadences.InvalidCadence as exc:
        refused[name] = exc.found[0].message
imported_early = "myplug" in sys.modules
try:
    orl.cadences.loads('name = "x"\\npolicies = [{ use = "wave", greeting = 3 }]\\n' + STEP)
except orl.cadences.InvalidCadence as exc:
    bad_option = str(exc)
book = orl.cadences.loads('name = "x"\\npolicies = [{ use = "wave", greeting = "ahoy" }]\\n')
prospect = orl.Prospect(id="p", timezone="America/New_York", emails=("a@example.com",))
now = datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("America/New_York"))
plan = orl.plan(prospect, [], now=now, playbook=book.to_playbook())
print(json.dumps({
    "refused": refused,
    "imported_early": imported_early,
    "bad_option": bad_option,
    "actions": [[a.policy, a.purpose, list(a.reasons)] for a in plan.actions],
}))
"""


def test_a_policy_installed_under_the_entry_point_group_is_usable_by_name(tmp_path: Path):
    """An installed plugin policy is built from its options and plans; odd names import nothing."""
    info = tmp_path / "myplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: myplug\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[outreach_rules.policies]\nwave = myplug:Wave\n")
    (tmp_path / "myplug.py").write_text(PLUGIN)
    source = str(Path(orl.__file__).resolve().parents[1])
    done = subprocess.run(
        [sys.executable, "-c", PLUGIN_RUN, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": source, "PATH": "", "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["actions"] == [["wave", "wave", ["wave: ahoy"]]]
    assert result["bad_option"] == (
        "<cadence>:2: policies[0].greeting: expected a string, got a number 3"
    )
    assert set(result["refused"]) == {"os.system", "myplug", "myplug:Wave", "myplug.Wave"}
    for name, message in result["refused"].items():
        assert message.startswith(f"no policy named {name!r}; known: ")
        assert ", wave" in message
    assert not result["imported_early"]


# -- the built-in playbooks as cadence files ------------------------------------------------------

BUILTINS = ("cold_calling", "direct_mail", "keep_in_touch", "re_engagement")
BUILTIN_FILES = {name: orl.cadences.builtin(name) for name in BUILTINS}


def test_the_builtin_cadence_files_are_the_four_playbooks():
    """builtin_names() lists the four playbooks; an unknown name lists them."""
    assert orl.cadences.builtin_names() == BUILTINS
    with pytest.raises(ValueError, match="no built-in cadence 'cold'; valid: cold_calling, "):
        orl.cadences.builtin("cold")


# The four files share one property's budget of examples between them.
@pytest.mark.parametrize("name", BUILTINS)
@settings(max_examples=max(1, settings.default.max_examples // len(BUILTINS)))
@given(data=st.data())
def test_builtin_cadence_files_plan_like_the_playbooks(name, data):
    """Each built-in cadence file plans exactly like its playbook factory, with the same options."""
    sender = data.draw(st.none() | ors.senders())
    offerings = data.draw(st.lists(ors.offerings(), max_size=3))
    trips = data.draw(st.lists(ors.trips(), max_size=3))
    prospect = data.draw(ors.prospects())
    history = data.draw(ors.histories(prospect))
    now = data.draw(ors.moments())
    options = {"sender": sender, "offerings": offerings, "trips": trips}
    from_file = BUILTIN_FILES[name].to_playbook(**options)
    from_code = getattr(orl.playbooks, name)(**options)
    expected = orl.to_dict(orl.plan(prospect, history, now=now, playbook=from_code))
    assert orl.to_dict(orl.plan(prospect, history, now=now, playbook=from_file)) == expected


@pytest.mark.parametrize("book", ["cold_outbound file", "cold_calling"])
def test_the_call_promised_with_the_information_stays_planned_after_it_is_sent(book):
    """Interest, then the information e-mail: the call it promised is still planned, with its words.

    A default exit list ends the cadence on ``interested``; ``send_info`` keeps
    the promise: the call two business days after the interest, referring to
    the e-mail, with the words for a call after information.
    """
    if book == "cold_calling":
        playbook = orl.playbooks.cold_calling(sender=SENDER)
    else:
        file = Path(__file__).parent.parent / "examples" / "cadences" / "cold_outbound.toml"
        playbook = orl.cadences.load(file).to_playbook(sender=SENDER)
    interested = call(ny(2026, 11, 24, 9, 30), "interested")
    info = email(ny(2026, 11, 24, 10))
    result = orl.plan(ada(), [info, interested], now=ny(2026, 11, 24, 10, 5), playbook=playbook)
    promised = result.next
    assert promised is not None
    assert (promised.channel, promised.policy) == ("call", "send_info")
    assert promised.earliest == ny(2026, 11, 27, 9, 30)  # Thanksgiving skipped
    assert promised.refers_to == (interested, info)
    assert promised.script is not None
    assert "sent you the information" in promised.script.opener
    assert not [a for a in result.actions if a.policy == "follow_up"]


def test_interest_ends_a_cadence_by_default():
    """Without an exit list, ``interested`` ends the round and the steps give way."""
    book = cadence(
        """
        name = "plain"
        [[steps]]
        id = "a"
        channel = "call"
        [[steps]]
        id = "b"
        channel = "email"
        wait = { business_days = 1 }
        """
    )
    history = [call(ny(2026, 3, 2, 10), "interested")]
    position = where(book, ada(), history, ny(2026, 3, 2, 10, 5))
    assert position.ended is not None
    assert position.response
    assert not [a for a in plan(book, ada(), history, ny(2026, 3, 2, 10, 5)).actions if a.step]


def test_a_policy_name_read_off_a_plan_works_in_a_file():
    """``re_engagement``, ``connection`` and ``out_of_office`` name the same built-ins."""
    book = cadence(
        """
        name = "x"
        policies = ["re_engagement", "connection"]
        guards = ["out_of_office"]
        [[steps]]
        id = "a"
        channel = "call"
        """
    )
    playbook = book.to_playbook()
    assert [type(p).__name__ for p in playbook.policies][:2] == ["ReEngage", "ConnectionRequest"]
    assert [type(g).__name__ for g in playbook.guards] == ["OutOfOfficeHold"]


def test_an_unknown_key_is_placed_on_its_own_line_with_a_suggestion():
    """A misspelt key points at its line, not its table's header, and names the near miss."""
    text = 'name = "x"\n[[steps]]\nid = "a"\nchannel = "call"\nwiat = { days = 1 }\n'
    (problem,) = problems_of(text)
    assert (problem.path, problem.line, problem.pointer) == ("steps[0].wiat", 5, "/steps/0/wiat")
    assert "did you mean 'wait'?" in problem.message


def test_an_answer_before_the_first_touch_holds_the_steps_back_until_that_touch():
    """A form as an ``interest`` event: the cadence proposes nothing; reconnect's call enrols."""
    book = cadence(
        """
        name = "lead"
        policies = ["reconnect"]
        [[steps]]
        id = "call-now"
        channel = "call"
        [[steps]]
        id = "email-now"
        channel = "email"
        """
    )
    form = orl.Event(at=ny(2026, 3, 2, 9, 30), kind="interest", channel="email")
    first = plan(book, ada(), [form], ny(2026, 3, 2, 9, 35))
    assert [(a.policy, a.channel) for a in first.actions] == [
        ("reconnect", "call"),
        ("reconnect", "email"),
    ]
    assert where(book, ada(), [form], ny(2026, 3, 2, 9, 35)).round == 0
    history = [form, call(ny(2026, 3, 2, 9, 40))]
    position = where(book, ada(), history, ny(2026, 3, 2, 9, 45))
    assert (position.round, [t.step for t in position.taken]) == (1, ["call-now"])
    assert position.step == "email-now"


def test_an_opt_out_before_the_first_touch_ends_the_cadence():
    """An opt-out recorded before any touch halts the steps instead of being ignored."""
    book = cadence(
        """
        name = "plain"
        [[steps]]
        id = "a"
        channel = "call"
        """
    )
    opt_out = orl.Event(at=ny(2026, 3, 2, 9), kind="opt_out")
    result = plan(book, ada(), [opt_out], ny(2026, 3, 2, 9, 5))
    assert result.actions == ()
    assert result.halted is not None


def test_a_json_file_may_name_its_schema_for_editors():
    """``$schema`` is allowed at the top and ignored; it must be text."""
    data = {
        "$schema": "cadence.schema.json",
        "name": "x",
        "steps": [{"id": "a", "channel": "call"}],
    }
    assert orl.cadences.loads(json.dumps(data), format="json").name == "x"
    (problem,) = problems_of(json.dumps({**data, "$schema": 3}), "json")
    assert (problem.pointer, problem.path) == ("/$schema", "$schema")


def test_every_schema_property_is_described_and_a_wait_takes_one_amount():
    """Editors show a description for every field; two amounts in one wait are refused."""
    import jsonschema

    schema = orl.cadences.schema()
    objects = [schema, *schema["$defs"].values()]
    for obj in objects:
        for name, prop in obj.get("properties", {}).items():
            assert prop.get("description"), name
            assert "``" not in prop["description"], name
    validator = jsonschema.Draft202012Validator(schema)
    step = {"id": "b", "channel": "email", "wait": {"days": 1, "hours": 2}}
    cadence_data = {"name": "x", "steps": [{"id": "a", "channel": "call"}, step]}
    assert not validator.is_valid(cadence_data)
    step["wait"] = {"days": 1}
    assert validator.is_valid(cadence_data)
