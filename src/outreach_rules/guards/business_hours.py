"""Business hours and business days in the prospect's zone (practice 9)."""

from __future__ import annotations

import attrs

from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel, channels_where
from outreach_rules.guards import Veto
from outreach_rules.guards._windows import fit
from outreach_rules.situation import Situation

__all__ = ["BusinessHours"]


@attrs.frozen(kw_only=True)
class BusinessHours:
    """Keep actions inside the playbook's business hours in the prospect's zone, off holidays.

    Options: ``channels`` the guard applies to (default every channel the
    channel table keeps to office hours: all but mail, which is posted
    whenever), and ``exempt`` purposes (default a callback the prospect
    asked for, which may fall outside business hours, though never outside
    the law).
    """

    channels: frozenset[Channel] = channels_where(office_hours=True)
    exempt: frozenset[str] = frozenset({Purpose.CALLBACK})
    name: str = "business_hours"

    def __call__(
        self, action: Action, *, situation: Situation, planned: tuple[Action, ...]
    ) -> Action | Veto:
        """Move ``action`` to the next business opening if it falls outside one."""
        if action.channel not in self.channels or action.purpose in self.exempt:
            return action
        if situation.in_hours_already(action):
            return action  # placed by the same rule (``_placement.in_hours``) when proposed
        return fit(action, situation.calendar, guard=self.name, what="business hours")
