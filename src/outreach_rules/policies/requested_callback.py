"""Keep the callback the prospect asked for."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import attrs

from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel
from outreach_rules.history import Attempt
from outreach_rules.outcomes import Outcome
from outreach_rules.policies import Halt
from outreach_rules.policies._common import PRIORITY_CALLBACK, propose, when
from outreach_rules.situation import Situation

__all__ = ["RequestedCallback"]
# Members read once: on Python 3.11 reading `Enum.MEMBER` from the class runs the enum
# metaclass's attribute hook, ten times the cost of reading a global.
_CALLBACK_REQUESTED, _BAD_TIMING = Outcome.CALLBACK_REQUESTED, Outcome.BAD_TIMING


@attrs.frozen(kw_only=True)
class RequestedCallback:
    """Call back exactly when the prospect asked to be called, on the number they were reached at.

    Options: ``window`` (default 30 minutes) after the time asked for, and
    ``without_time`` (default 1) business days to wait when they asked for a
    callback without naming a time. A callback time may fall outside
    business hours; the lawful-hours guard still applies. A callback already
    late at ``now`` (the window after the time asked for has closed) is no
    longer at a time they chose: it goes to the next business-hours opening
    in their zone, not to the first lawful minute, and a reason says so.

    Reacts to: the latest touch ending in ``CALLBACK_REQUESTED``, or in
    ``BAD_TIMING`` with a ``callback_at``.
    """

    window: timedelta = timedelta(minutes=30)
    without_time: int = 1
    name: str = "requested_callback"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the callback call."""
        last = situation.last
        if not isinstance(last, Attempt):
            return ()
        if last.outcome is not _CALLBACK_REQUESTED and not (
            last.outcome is _BAD_TIMING and last.callback_at is not None
        ):
            return ()
        to = last.to if last.to and last.to not in situation.retired else None
        if to is None or last.channel is not Channel.CALL:
            phone = situation.phone_to_call()
            to = phone.number if phone else None
        if to is None:
            return ()
        if last.callback_at is not None:
            at = last.callback_at
            why = (
                f"on {when(situation, last.at)} they asked to be called back on "
                f"{when(situation, at)}"
            )
            latest = at + self.window
            purpose = Purpose.CALLBACK
            # On time, the hour they chose may be outside business hours; once it has
            # passed, nobody chose the next free minute, so business hours apply again.
            in_hours = situation.is_past(latest)
            if in_hours:
                why = (
                    f"{why}; that time has passed, so the late callback goes to the next "
                    "business-hours opening in their time, not to the edge of the lawful hours"
                )
        else:
            at = situation.calendar.add_business_days(last.at, self.without_time)
            why = (
                f"on {when(situation, last.at)} they asked to be called back, no time given; "
                f"call {self.without_time} business day later"
            )
            latest = None
            purpose = Purpose.FOLLOW_UP
            in_hours = True
        return (
            propose(
                situation,
                channel=Channel.CALL,
                purpose=purpose,
                earliest=at,
                latest=latest,
                policy=self.name,
                reasons=(why,),
                to=to,
                priority=PRIORITY_CALLBACK,
                leave_voicemail=True,
                refers_to=(last,),
                business_hours=in_hours,
            ),
        )
