"""Nothing is planned before the moment of planning."""

from __future__ import annotations

from outreach_rules._time import later, show
from outreach_rules.actions import Action
from outreach_rules.guards import Veto, move
from outreach_rules.situation import Situation

__all__ = ["not_in_past"]


def not_in_past(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """Move an action whose time has already passed to ``now``.

    A callback the prospect asked for yesterday is still worth making, as
    soon as it is allowed; it is not silently dropped.
    """
    if not situation.is_past(action.earliest):
        return action
    now = situation.local_now
    latest = later(action.latest, now)
    reason = f"was due {show(situation.local(action.earliest), year=False)}, already past; due now"
    return move(action, now, reason=reason, guard="not_in_past", latest=latest)
