"""A call announced in an apology note happens on the day the note names (practice 2)."""

from __future__ import annotations

from datetime import date, datetime

from outreach_rules._time import say_day
from outreach_rules.actions import Action, Purpose, replace
from outreach_rules.channels import WRITTEN_CHANNELS, Channel
from outreach_rules.guards import Veto
from outreach_rules.history import Attempt
from outreach_rules.outcomes import Outcome
from outreach_rules.situation import Situation

__all__ = ["promised_day"]

# Members read once: on Python 3.11 reading `Enum.MEMBER` from the class runs the enum
# metaclass's attribute hook, ten times the cost of reading a global.
_CALL, _FOLLOW_UP, _APOLOGY_NOTE = Channel.CALL, Purpose.FOLLOW_UP, Purpose.APOLOGY_NOTE


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
    if action.channel is not _CALL or action.purpose != _FOLLOW_UP:
        return action
    for ref in action.refers_to:
        if isinstance(ref, Action) and ref.purpose == _APOLOGY_NOTE:
            sent = ref.earliest
            channel = ref.channel
        elif (
            isinstance(ref, Attempt)
            and ref.channel in WRITTEN_CHANNELS
            and ref.outcome is Outcome.SENT
            and action.policy == "brush_off"
        ):
            sent = ref.at
            channel = ref.channel
        else:
            continue
        promised = situation.announced_day(channel, sent)
        actual = action.earliest.astimezone(situation.zone).date()
        away = _absence_covering(situation, sent, promised) if isinstance(ref, Attempt) else None
        if actual != promised and away is not None:
            # They announced an absence after the note that covers the day it named:
            # the promise gives way to them, and the call waits for their return.
            said, back = away
            return replace(
                action,
                reasons=(
                    *action.reasons,
                    f"promised_day: the apology named {say_day(promised)}, but on "
                    f"{say_day(said)} they said they are away until {say_day(back)}: called "
                    "after their return",
                ),
            )
        if actual != promised:
            return Veto(
                reason=f"the apology promises a call on {say_day(promised)}, but this call "
                f"would be on {say_day(actual)}"
            )
    return action


def _absence_covering(
    situation: Situation, sent: datetime, promised: date
) -> tuple[date, date] | None:
    """The day they announced an absence after the note, and the day they are back, when that
    absence covers the day the note promised."""
    hold = situation.hold
    if hold is None or hold.resume_at is None or hold.at <= sent:
        return None
    back = situation.local(hold.resume_at).date()
    return (situation.local(hold.at).date(), back) if back >= promised else None
