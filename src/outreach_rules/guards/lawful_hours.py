"""Calls only in the hours the law allows in the prospect's zone (practice 9)."""

from __future__ import annotations

from outreach_rules.actions import Action
from outreach_rules.channels import traits
from outreach_rules.guards import Veto
from outreach_rules.guards._windows import fit
from outreach_rules.situation import Situation

__all__ = ["lawful_hours"]


def lawful_hours(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """Keep every phone action between 08:00 and 21:00 in the prospect's zone, any day.

    This is the widest window the jurisdictions we know allow (US federal
    rule, 47 CFR 64.1200(c)(1)); it applies whatever the playbook, and even
    to a callback the prospect asked for at another time. Jurisdictions
    with narrower rules add their own guards.
    """
    if not traits(action.channel).is_phone:
        return action
    return fit(
        action, situation.lawful, guard="lawful_hours", what="lawful calling hours (08:00–21:00)"
    )
