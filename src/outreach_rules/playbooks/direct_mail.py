"""Direct mail with postcard follow-ups (practice 8)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from outreach_rules.calendar import Hours
from outreach_rules.channels import Channel
from outreach_rules.guards.business_hours import BusinessHours
from outreach_rules.guards.hold import OutOfOfficeHold
from outreach_rules.offerings import Offering
from outreach_rules.playbooks import Playbook
from outreach_rules.playbooks._common import assemble
from outreach_rules.policies.direct_mail import DirectMail
from outreach_rules.policies.end_of_cadence import end_of_cadence
from outreach_rules.policies.interest import SendInfo
from outreach_rules.policies.reconnect import Reconnect
from outreach_rules.policies.requested_callback import RequestedCallback
from outreach_rules.prospects import Sender
from outreach_rules.scripts import TemplatePair
from outreach_rules.trips import Trip


def direct_mail(
    *,
    sender: Sender | None = None,
    offerings: Iterable[Offering] = (),
    trips: Iterable[Trip] = (),
    hours: Hours | None = None,
    mail: DirectMail | None = None,
    templates: Mapping[tuple[str, Channel], TemplatePair] | None = None,
    compliance: Iterable[str] = (),
) -> Playbook:
    """Build the direct-mail playbook.

    A first letter (with a brochure), then a postcard every month, and a
    "how are you, need help?" card three months after the letter. A
    returned letter retires the address. When the prospect answers, the
    drip stops and the answer is handled as in cold calling.
    """
    return assemble(
        "direct_mail",
        (end_of_cadence, mail or DirectMail(), RequestedCallback(), Reconnect(), SendInfo()),
        (OutOfOfficeHold(), BusinessHours()),
        sender=sender,
        offerings=offerings,
        trips=trips,
        hours=hours,
        templates=templates,
        compliance=compliance,
    )


__all__ = ["Playbook", "direct_mail"]
