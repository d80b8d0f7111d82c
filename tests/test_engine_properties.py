"""The engine's invariants, over generated prospects, histories, moments and playbooks."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

import _invariants as law
import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.situation import Situation


@st.composite
def cases(draw: st.DrawFn) -> tuple[orl.Prospect, list, object, orl.Playbook]:
    prospect = draw(ors.prospects())
    history = draw(ors.histories(prospect))
    # Half the moments are drawn in the prospect's own zone, a quarter of those within hours of
    # a change of its offset: windows that cross a fall-back or spring-forward night.
    now = draw(ors.moments() | ors.moments(zones=(prospect.timezone,)))
    playbook = draw(ors.playbooks())
    return prospect, history, now, playbook


def _situation(prospect, history, now, playbook) -> Situation:
    return Situation(prospect, history, now=now, playbook=playbook)


@given(cases())
def test_no_action_before_now(case):
    """Every action starts at or after now, and ends no earlier than it starts."""
    prospect, history, now, playbook = case
    result = orl.plan(prospect, history, now=now, playbook=playbook)
    law.no_action_before_now(result, now)


@given(cases())
def test_calls_stay_inside_lawful_and_business_hours(case):
    """Phone actions lie wholly inside 08:00–21:00 local and, unless exempt, business hours."""
    prospect, history, now, playbook = case
    result = orl.plan(prospect, history, now=now, playbook=playbook)
    law.inside_lawful_and_business_hours(result, _situation(prospect, history, now, playbook))


@given(cases())
def test_nothing_after_do_not_contact(case):
    """A do-not-contact outcome or an unscoped opt-out anywhere halts the plan with no actions."""
    prospect, history, now, playbook = case
    stop = orl.Event(at=now, kind=orl.EventKind.OPT_OUT)
    law.halted_for_do_not_contact(orl.plan(prospect, [*history, stop], now=now, playbook=playbook))


@given(cases(), st.sampled_from(list(orl.Channel)))
def test_channel_opt_out_stops_that_channel_only(case, channel):
    """An opt-out with a channel leaves no action on that channel."""
    prospect, history, now, playbook = case
    stop = orl.Event(at=now, kind=orl.EventKind.OPT_OUT, channel=channel)
    law.nothing_on(orl.plan(prospect, [*history, stop], now=now, playbook=playbook), [channel])


@given(cases(), st.randoms(use_true_random=False))
def test_history_order_does_not_matter(case, rnd: random.Random):
    """Any permutation of the history gives an equal plan."""
    prospect, history, now, playbook = case
    shuffled = list(history)
    rnd.shuffle(shuffled)
    first = orl.plan(prospect, history, now=now, playbook=playbook)
    second = orl.plan(prospect, tuple(reversed(shuffled)), now=now, playbook=playbook)
    assert first == second
    assert first.explain() == second.explain()


@given(cases())
def test_plans_are_deterministic_and_explained(case):
    """The same inputs give equal plans; every action has reasons, a policy and the prospect id."""
    prospect, history, now, playbook = case
    first = orl.plan(prospect, history, now=now, playbook=playbook)
    assert first == orl.plan(prospect, list(history), now=now, playbook=playbook)
    law.explained(first, prospect)


@given(cases())
def test_actions_are_in_the_prospect_zone_and_use_live_contact_points(case):
    """Action times are in the prospect's zone; no action uses a retired number or address."""
    prospect, history, now, playbook = case
    result = orl.plan(prospect, history, now=now, playbook=playbook)
    law.in_zone_to_live_contact_points(result, _situation(prospect, history, now, playbook))


@given(cases())
def test_plan_round_trips_through_dicts(case):
    """to_dict/from_dict gives back an equal plan, and to_dict is stable."""
    prospect, history, now, playbook = case
    result = orl.plan(prospect, history, now=now, playbook=playbook)
    data = orl.to_dict(result)
    again = orl.from_dict(orl.Plan, data)
    assert again == result
    assert orl.to_dict(again) == data


@given(cases())
def test_plan_many_matches_plan(case):
    """plan_many gives the same plans as plan, in order."""
    prospect, history, now, playbook = case
    other = orl.Prospect(id="other", timezone="Europe/Stockholm", phones=("+46701234567",))
    many = list(orl.plan_many([(prospect, history), (other, [])], now=now, playbook=playbook))
    assert many[0] == orl.plan(prospect, history, now=now, playbook=playbook)
    assert many[1] == orl.plan(other, [], now=now, playbook=playbook)
