"""Hang-ups and brush-offs: never call straight back (practice 2)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel
from outreach_rules.history import Attempt
from outreach_rules.outcomes import Outcome
from outreach_rules.policies import Halt
from outreach_rules.policies._common import PRIORITY_FOLLOW_UP, propose, when
from outreach_rules.situation import Situation

__all__ = ["BrushOff"]

_REFUSALS = frozenset({Outcome.HUNG_UP, Outcome.NOT_INTERESTED})


@attrs.frozen(kw_only=True)
class BrushOff:
    """After a hang-up or a "not interested", wait before calling again; a second no ends it.

    The first refusal on a cold call is taken as a bad moment, not a final
    answer: no call the same day, and the next call ``wait`` (default 2)
    business days later. A refusal again after that is a real no: the
    cadence is over and the prospect is left to re-engagement's cooldown.

    Reacts to: the latest touch ending in ``HUNG_UP`` or ``NOT_INTERESTED``.
    """

    wait: int = 2
    name: str = "brush_off"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the later call after a first refusal, or halt after a second one."""
        last = situation.last
        if not isinstance(last, Attempt) or last.outcome not in _REFUSALS:
            return ()
        refusals = situation.attempts_with(Outcome.HUNG_UP) + situation.attempts_with(
            Outcome.NOT_INTERESTED
        )
        if len(refusals) > 1:
            return (
                Halt(
                    reason=f"refused again on {when(situation, last.at)} after an earlier refusal: "
                    "a real no; leave them to re-engagement after its cooldown",
                    policy=self.name,
                ),
            )
        phone = situation.phone_to_call()
        if phone is None:
            return ()
        due = max(situation.calendar.add_business_days(last.at, self.wait), situation.now)
        what = "hung up" if last.outcome is Outcome.HUNG_UP else "said not interested"
        return (
            propose(
                situation,
                channel=Channel.CALL,
                purpose=Purpose.FOLLOW_UP,
                earliest=situation.calendar.next_open(
                    situation.calendar.start_of_day(due.astimezone(situation.zone).date())
                ),
                policy=self.name,
                reasons=(
                    f"{what} on {when(situation, last.at)}: likely a bad moment; no call the "
                    f"same day, try again {self.wait} business days later",
                ),
                to=phone.number,
                priority=PRIORITY_FOLLOW_UP,
                refers_to=(last,),
            ),
        )
