"""The cadence ends on a booked meeting or a person who left (practice 9)."""

from __future__ import annotations

from collections.abc import Iterable

from outreach_rules.actions import Action
from outreach_rules.history import Attempt
from outreach_rules.outcomes import Outcome
from outreach_rules.policies import Halt
from outreach_rules.policies._common import when
from outreach_rules.situation import Situation

__all__ = ["end_of_cadence"]


def end_of_cadence(*, situation: Situation) -> Iterable[Action | Halt]:
    """Halt the plan after a booked meeting or when the person left the company.

    A later inbound touch (they call us again) opens a new chapter, so only
    an ending not followed by one halts. The reason says which ending.

    Reacts to: ``MEETING_BOOKED``, ``LEFT_COMPANY``.
    """
    ended = situation.ended
    if not isinstance(ended, Attempt):
        return ()
    if ended.outcome is Outcome.MEETING_BOOKED:
        reason = f"meeting booked on {when(situation, ended.at)}: the cadence is done"
    else:
        reason = (
            f"left the company (learned on {when(situation, ended.at)}): the cadence ends for "
            "this person; find their successor as a new prospect"
        )
    return (Halt(reason=reason, policy="end_of_cadence"),)


def out_of_numbers(*, situation: Situation) -> Iterable[Action | Halt]:
    """Halt a calling cadence when no working phone number is left.

    Reacts to: every number retired by a ``WRONG_NUMBER``, or none known.
    """
    if situation.phone_to_call() is not None:
        return ()
    retired = [p.number for p in situation.prospect.phones if p.number in situation.retired]
    if retired:
        reason = f"no working phone number left ({', '.join(retired)} retired as wrong numbers)"
    else:
        reason = "no phone number on record"
    return (Halt(reason=reason, policy="out_of_numbers"),)
