"""A prospect who wants more information gets it fast (practice 1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import attrs

from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel
from outreach_rules.outcomes import Outcome
from outreach_rules.policies import Halt
from outreach_rules.policies._common import (
    PRIORITY_FOLLOW_UP,
    PRIORITY_SEND_INFO,
    propose,
    when,
)
from outreach_rules.situation import Situation

__all__ = ["SendInfo"]
# Members read once: on Python 3.11 reading `Enum.MEMBER` from the class runs the enum
# metaclass's attribute hook, ten times the cost of reading a global.
_INTERESTED, _SENT, _EMAIL = Outcome.INTERESTED, Outcome.SENT, Channel.EMAIL


@attrs.frozen(kw_only=True)
class SendInfo:
    """After interest, send the information within the hour, then call a few business days later.

    Options: ``within`` (default 1 hour) for the e-mail, ``call_after``
    (default 2) business days for the follow-up call, which refers to the
    e-mail.

    Reacts to: the latest touch ending in ``INTERESTED``, or the information
    e-mail sent right after one: the call the e-mail promised stays planned
    until it is made.
    """

    within: timedelta = timedelta(hours=1)
    call_after: int = 2
    name: str = "send_info"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the information e-mail and the call that follows it."""
        interest = situation.interest_being_answered()
        if interest is None:
            return ()
        sent = situation.last if situation.last is not interest else None
        last = interest
        topics = f" in {', '.join(sorted(last.interests))}" if last.interests else ""
        start = situation.not_before_now(last.at)
        proposals: list[Action] = []
        address = situation.email_to_use()
        if address is not None and sent is None:
            proposals.append(
                propose(
                    situation,
                    channel=Channel.EMAIL,
                    purpose=Purpose.SEND_INFO,
                    earliest=start,
                    latest=start + self.within,
                    policy=self.name,
                    reasons=(
                        f"showed interest{topics} on {when(situation, last.at)}: send the "
                        "information while it is fresh",
                    ),
                    to=address,
                    priority=PRIORITY_SEND_INFO,
                    refers_to=(last,),
                )
            )
        phone = situation.phone_to_call()
        if phone is not None:
            # Counted from the interest, not from now: re-planning before the
            # e-mail is logged must not push the call further out each day.
            due = situation.not_before_now(
                situation.calendar.add_business_days(last.at, self.call_after)
            )
            why = f"call {self.call_after} business days after sending the information"
            if sent is not None:
                why = f"the information went out on {when(situation, sent.at)}; " + why
            proposals.append(
                propose(
                    situation,
                    channel=Channel.CALL,
                    purpose=Purpose.FOLLOW_UP,
                    earliest=due,
                    policy=self.name,
                    reasons=(f"showed interest{topics} on {when(situation, last.at)}: {why}",),
                    to=phone.number,
                    priority=PRIORITY_FOLLOW_UP,
                    leave_voicemail=True,
                    refers_to=(last, sent) if sent is not None else (last, *proposals),
                    template="follow_up:after_info",
                )
            )
        return tuple(proposals)
