"""Nothing is planned before the moment of planning."""

from __future__ import annotations

from outreach_rules._placement import from_now
from outreach_rules._time import show
from outreach_rules.actions import Action
from outreach_rules.guards import Veto, move
from outreach_rules.situation import Situation

__all__ = ["not_in_past"]


def not_in_past(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """Move an action whose time has already passed to ``now``, keeping the length of its window.

    A callback the prospect asked for yesterday is still worth making, as
    soon as it is allowed; it is not silently dropped. The built-in
    policies place their actions by the same rule (``_placement.from_now``),
    so this guard finds theirs in place; it moves what other policies propose.
    """
    if not situation.is_past(action.earliest):
        return action
    now, latest = from_now(situation.local_now, action.earliest, action.latest)
    reason = f"was due {show(situation.local(action.earliest), year=False)}, already past; due now"
    return move(action, now, reason=reason, guard="not_in_past", latest=latest)
