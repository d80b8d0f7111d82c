"""The default playbook: calling new prospects on a schedule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from outreach_rules.calendar import Hours
from outreach_rules.channels import Channel
from outreach_rules.guards.business_hours import BusinessHours
from outreach_rules.guards.hold import OutOfOfficeHold
from outreach_rules.offerings import Offering
from outreach_rules.playbooks import Playbook
from outreach_rules.playbooks._common import assemble
from outreach_rules.policies.brush_off import BrushOff
from outreach_rules.policies.end_of_cadence import end_of_cadence, out_of_numbers
from outreach_rules.policies.follow_up import FollowUp
from outreach_rules.policies.interest import SendInfo
from outreach_rules.policies.intro import intro_call
from outreach_rules.policies.receptionist import Receptionist
from outreach_rules.policies.reconnect import Reconnect
from outreach_rules.policies.requested_callback import RequestedCallback
from outreach_rules.policies.texts import TextAfterCalls
from outreach_rules.prospects import Sender
from outreach_rules.scripts import TemplatePair
from outreach_rules.trips import Trip


def cold_calling(
    *,
    sender: Sender | None = None,
    offerings: Iterable[Offering] = (),
    trips: Iterable[Trip] = (),
    hours: Hours | None = None,
    follow_up: FollowUp | None = None,
    brush_off: BrushOff | None = None,
    receptionist: Receptionist | None = None,
    templates: Mapping[tuple[str, Channel], TemplatePair] | None = None,
    compliance: Iterable[str] = (),
    texts: bool | TextAfterCalls = False,
) -> Playbook:
    """Build the cold-calling playbook.

    An intro call for a new prospect; follow-ups after no answer on business
    days 1, 3 and 7, then weekly, up to 8 in a row, with a voicemail only
    from the third; on voicemail, the receptionist first; the callback they
    asked for at the time they named; an inbound callback answered at once
    with the earlier context; information within the hour after interest;
    after a hang-up, an apology note and a call on the day it names; the end
    on a booked meeting, a second refusal or a person who left. Business
    hours default to weekdays 09:00–17:00 in the prospect's zone; calls
    never fall outside 08:00–21:00 whatever the playbook.

    ``follow_up``, ``brush_off`` and ``receptionist`` take configured
    policies in place of the defaults; to leave a practice out, build an
    ``orl.Playbook`` with the policies you want. Without a ``sender`` the
    actions carry no scripts (nobody to sign them). ``compliance`` names
    opt-in rule packs to apply too, e.g. ``("us-debt",)`` for debt collection.
    ``texts=True`` adds a short text to the prospect's mobile after the
    second unanswered call in a row (``TextAfterCalls``; pass one to
    configure it); off by default, since texts need more care in law.
    """
    if texts is True:
        texts = TextAfterCalls()
    return assemble(
        "cold_calling",
        (
            end_of_cadence,
            out_of_numbers,
            intro_call,
            follow_up or FollowUp(),
            receptionist or Receptionist(),
            RequestedCallback(),
            Reconnect(),
            SendInfo(),
            brush_off or BrushOff(),
            *((texts,) if texts else ()),
        ),
        (OutOfOfficeHold(), BusinessHours()),
        sender=sender,
        offerings=offerings,
        trips=trips,
        hours=hours,
        templates=templates,
        compliance=compliance,
    )


__all__ = ["Playbook", "cold_calling"]
