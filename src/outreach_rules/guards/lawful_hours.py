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
    """Keep every phone action inside the calling hours the law allows in the prospect's zone.

    The hours, days and holiday closures come from the compliance packs of
    the prospect's country and region (``orl.compliance``; federal and
    state both apply, the stricter wins), and never reach before 08:00 or
    after 21:00 local. An action outside them is moved to the next
    permitted moment, DST-correct, and the reason cites the rules. It
    applies whatever the playbook, even to a callback the prospect asked
    for at another time.
    """
    if not traits(action.channel).is_phone:
        return action
    return fit(
        action,
        situation.lawful,
        guard="lawful_hours",
        what=f"lawful calling hours ({situation.law.hours})",
    )
