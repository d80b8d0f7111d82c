"""A call announced in an apology note happens on the day the note names (practice 2)."""

from __future__ import annotations

from datetime import date, datetime

from outreach_rules._time import say_day
from outreach_rules.actions import Action, Purpose, replace
from outreach_rules.channels import Channel
from outreach_rules.guards import Veto
from outreach_rules.history import Attempt
from outreach_rules.outcomes import Outcome
from outreach_rules.policies.brush_off import announced_day
from outreach_rules.situation import Situation

__all__ = ["promised_day"]

_WRITTEN = frozenset({Channel.EMAIL, Channel.NOTE})


def promised_day(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """Veto a call that no longer falls on the day its apology note promised.

    The note says "I will call you again on Friday": if any guard moved the
    note (so it arrives later) or the call (so it is on another day), the
    promise would be broken. Refusing the call refuses the note with it, so
    the next plan writes both again with a day that holds. The engine runs
    this guard for every playbook.
    """
    if action.channel is not Channel.CALL or action.purpose != Purpose.FOLLOW_UP:
        return action
    for ref in action.refers_to:
        if isinstance(ref, Action) and ref.purpose == Purpose.APOLOGY_NOTE:
            sent = ref.earliest
            channel = ref.channel
        elif (
            isinstance(ref, Attempt)
            and ref.channel in _WRITTEN
            and ref.outcome is Outcome.SENT
            and action.policy == "brush_off"
        ):
            sent = ref.at
            channel = ref.channel
        else:
            continue
        promised = announced_day(channel, sent, situation.calendar)
        actual = action.earliest.astimezone(situation.zone).date()
        if (
            actual != promised
            and isinstance(ref, Attempt)
            and _away_then(situation, sent, promised)
        ):
            # They announced an absence after the note that covers the day it named:
            # the promise gives way to them, and the call waits for their return.
            hold = situation.hold
            assert hold is not None
            return replace(
                action,
                reasons=(
                    *action.reasons,
                    f"promised_day: the apology named {say_day(promised)}, but on "
                    f"{say_day(hold.at.astimezone(situation.zone).date())} they said they are "
                    f"away until {say_day(_back(situation))}: called after their return",
                ),
            )
        if actual != promised:
            return Veto(
                reason=f"the apology promises a call on {say_day(promised)}, but this call "
                f"would be on {say_day(actual)}"
            )
    return action


def _away_then(situation: Situation, sent: datetime, promised: date) -> bool:
    """True when an absence announced after the note covers the day it promised."""
    hold = situation.hold
    if hold is None or hold.resume_at is None or hold.at <= sent:
        return False
    return hold.resume_at.astimezone(situation.zone).date() >= promised


def _back(situation: Situation) -> date:
    hold = situation.hold
    assert hold is not None
    assert hold.resume_at is not None
    return hold.resume_at.astimezone(situation.zone).date()
