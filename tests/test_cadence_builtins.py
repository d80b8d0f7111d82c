"""The built-in playbooks written as cadence files plan exactly like their Python factories."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors

FACTORIES = {
    "cold_calling": orl.playbooks.cold_calling,
    "keep_in_touch": orl.playbooks.keep_in_touch,
    "direct_mail": orl.playbooks.direct_mail,
    "re_engagement": orl.playbooks.re_engagement,
}


def test_every_builtin_playbook_ships_as_a_file():
    """Each playbook factory has a cadence file of the same name, and nothing else ships."""
    assert set(orl.cadences.builtin_names()) == set(FACTORIES)


@pytest.mark.parametrize("name", sorted(FACTORIES))
@settings(max_examples=25, deadline=None)  # each example plans twice; 25 per playbook
@given(
    prospect=ors.prospects(),
    history=ors.histories(),
    now=ors.moments(),
    sender=st.none() | ors.senders(),
    offerings=st.lists(ors.offerings(), max_size=2),
    trips=st.lists(ors.trips(), max_size=2),
)
def test_file_and_code_plan_alike(name, prospect, history, now, sender, offerings, trips):
    """The file form and the code form give equal plans for the same prospect and history."""
    options = {"sender": sender, "offerings": offerings, "trips": trips}
    from_file = orl.cadences.builtin(name).to_playbook(**options)
    from_code = FACTORIES[name](**options)
    assert orl.to_dict(orl.plan(prospect, history, now=now, playbook=from_file)) == orl.to_dict(
        orl.plan(prospect, history, now=now, playbook=from_code)
    )
