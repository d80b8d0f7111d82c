"""Re-calling those who said no (practice 6)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from outreach_rules.calendar import Hours
from outreach_rules.channels import Channel
from outreach_rules.guards.business_hours import BusinessHours
from outreach_rules.guards.hold import OutOfOfficeHold
from outreach_rules.offerings import Offering
from outreach_rules.playbooks import Playbook
from outreach_rules.playbooks._common import assemble
from outreach_rules.policies.end_of_cadence import end_of_cadence
from outreach_rules.policies.interest import SendInfo
from outreach_rules.policies.re_engagement import ReEngage
from outreach_rules.policies.reconnect import Reconnect
from outreach_rules.policies.requested_callback import RequestedCallback
from outreach_rules.prospects import Sender
from outreach_rules.scripts import TemplatePair
from outreach_rules.trips import Trip


def re_engagement(
    *,
    sender: Sender | None = None,
    offerings: Iterable[Offering] = (),
    trips: Iterable[Trip] = (),
    hours: Hours | None = None,
    re_engage: ReEngage | None = None,
    templates: Mapping[tuple[str, Channel], TemplatePair] | None = None,
    compliance: Iterable[str] = (),
) -> Playbook:
    """Build the re-engagement playbook.

    After a "not interested", nothing for a cooldown (default 90 days), then
    a low-priority call; sooner and ranked higher when an ``Offering``
    launched after the refusal matches the interests or reason recorded, or
    a leadership change is reported. The reasons say which. Answers are
    handled as in cold calling: callbacks, interest, a booked meeting.
    """
    return assemble(
        "re_engagement",
        (end_of_cadence, re_engage or ReEngage(), RequestedCallback(), Reconnect(), SendInfo()),
        (OutOfOfficeHold(), BusinessHours()),
        sender=sender,
        offerings=offerings,
        trips=trips,
        hours=hours,
        templates=templates,
        compliance=compliance,
    )


__all__ = ["Playbook", "re_engagement"]
