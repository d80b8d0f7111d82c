"""The situation read item by item (``Situation.extended``) equals the one read whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.engine import _decide
from outreach_rules.history import order_key
from outreach_rules.situation import Situation


def facts(situation: Situation) -> dict[str, object]:
    """Everything a policy or guard can read from a situation, its lazy answers included."""
    outcomes = {item.outcome for item in situation.history if isinstance(item, orl.Attempt)}
    contacts = {item.to for item in situation.history if isinstance(item, orl.Attempt)}
    return {
        "history": situation.history,
        "now": (situation.now, situation.now.tzinfo),
        "local_now": (situation.local_now, situation.local_now.tzinfo, situation.local_now.fold),
        "steady_now": situation._steady_now,
        "place": (situation.zone, situation.calendar, situation.lawful, situation.also_lawful),
        "do_not_contact": situation.do_not_contact,
        "opted_out": situation.opted_out,
        "retired": situation.retired,
        "hold": situation.hold,
        "ended": situation.ended,
        "last": situation.last,
        "last_inbound": situation.last_inbound,
        "learned_phones": situation.learned_phones,
        "phones": situation.phones(),
        "unanswered": situation.unanswered_calls(),
        "asks_receptionist": situation.asks_receptionist(),
        "refusal": situation.refusal_being_answered(),
        "interest": situation.interest_being_answered(),
        "resume_at": situation.resume_at,
        "law": {c: situation.law_for(c) for c in orl.Channel},
        "barring": {c: situation.registers_barring(c) for c in orl.Channel},
        "by_channel": {c: situation.attempts_on(c) for c in orl.Channel},
        "by_outcome": {o: situation.attempts_with(o) for o in outcomes},
        "by_contact": {c: situation.attempts_to(c) for c in contacts if c is not None},
    }


@st.composite
def growing(draw: st.DrawFn) -> tuple[orl.Prospect, list, list, orl.Playbook, bool]:
    """A prospect, a history in time order, a moment per item and whether to read lazily."""
    prospect = draw(ors.prospects())
    history = sorted(draw(ors.histories(prospect, max_size=8)), key=order_key)
    nows = [
        item.at + timedelta(minutes=draw(st.integers(min_value=0, max_value=60 * 24 * 3)))
        for item in history
    ]
    playbook = draw(ors.playbooks())
    return prospect, history, nows, playbook, draw(st.booleans())


@given(growing(), ors.moments())
def test_extended_reads_what_a_fresh_situation_reads(case, start):
    """After each item joins, every fact and the plan equal those of a situation read whole."""
    prospect, history, nows, playbook, warm = case
    situation = Situation(prospect, [], now=start, playbook=playbook)
    for count, (item, now) in enumerate(zip(history, nows, strict=True), start=1):
        if warm:
            facts(situation)  # the lazy answers, carried forward or not, must not matter
        situation = situation.extended(item, now=now)
        fresh = Situation(prospect, history[:count], now=now, playbook=playbook)
        assert facts(situation) == facts(fresh)
        assert _decide(situation) == orl.plan(prospect, history[:count], now=now, playbook=playbook)


@given(growing(), ors.moments())
def test_an_item_out_of_order_is_read_with_the_whole_history(case, start):
    """An item not later than the latest one is placed where a full read would put it."""
    prospect, history, nows, playbook, _ = case
    if len(history) < 2:
        return
    earlier = Situation(prospect, history[1:], now=start, playbook=playbook)
    extended = earlier.extended(history[0], now=nows[-1])
    fresh = Situation(prospect, history, now=nows[-1], playbook=playbook)
    assert facts(extended) == facts(fresh)
    assert extended.history[0] is history[0] or extended.history == fresh.history


def test_extended_refuses_what_is_not_a_history_item():
    """Only an Attempt or an Event can join the history; anything else is a TypeError."""
    prospect = orl.Prospect(id="ada", timezone="America/Chicago", phones=("+13125550100",))
    now = datetime(2026, 11, 23, 15, tzinfo=UTC)
    situation = Situation(prospect, [], now=now, playbook=orl.playbooks.cold_calling())
    with pytest.raises(TypeError, match="item: expected an Attempt or an Event"):
        situation.extended("no_answer", now=now)  # type: ignore[arg-type]
