"""Keep-in-touch calls on occasions: birthdays, connections, lunch on a trip (practice 5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from outreach_rules.actions import Purpose
from outreach_rules.calendar import Hours
from outreach_rules.channels import Channel
from outreach_rules.guards.business_hours import BusinessHours
from outreach_rules.guards.hold import OutOfOfficeHold
from outreach_rules.offerings import Offering
from outreach_rules.playbooks import Playbook
from outreach_rules.playbooks._common import assemble
from outreach_rules.policies.occasions import Birthday, ConnectionRequest, LunchInvite
from outreach_rules.policies.reconnect import Reconnect
from outreach_rules.policies.requested_callback import RequestedCallback
from outreach_rules.prospects import Sender
from outreach_rules.scripts import TemplatePair
from outreach_rules.trips import Trip


def keep_in_touch(
    *,
    sender: Sender | None = None,
    offerings: Iterable[Offering] = (),
    trips: Iterable[Trip] = (),
    hours: Hours | None = None,
    lunch: LunchInvite | None = None,
    templates: Mapping[tuple[str, Channel], TemplatePair] | None = None,
    compliance: Iterable[str] = (),
) -> Playbook:
    """Build the keep-in-touch playbook.

    A call on the prospect's birthday (on the day itself, weekend or not,
    within lawful hours), a thank-you call after a connection request, and
    a lunch invitation a few business days before a ``Trip`` to their
    city. Every keep-in-touch call leaves a voicemail if nobody answers
    (caller ID shows we called anyway); the birthday message says there is
    no need to call back, the others ask for a callback. Inbound callbacks
    and requested callbacks are answered as in cold calling.
    """
    return assemble(
        "keep_in_touch",
        (Birthday(), ConnectionRequest(), lunch or LunchInvite(), RequestedCallback(), Reconnect()),
        (
            OutOfOfficeHold(),
            BusinessHours(exempt=frozenset({Purpose.CALLBACK, Purpose.BIRTHDAY})),
        ),
        sender=sender,
        offerings=offerings,
        trips=trips,
        hours=hours,
        templates=templates,
        compliance=compliance,
    )


__all__ = ["Playbook", "keep_in_touch"]
