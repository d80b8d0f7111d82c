"""Calls happen on a schedule, not as a last resort (practice 4)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from outreach_rules._time import show
from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel
from outreach_rules.history import Attempt
from outreach_rules.outcomes import WRITTEN_RESULTS, Outcome
from outreach_rules.policies import Halt
from outreach_rules.policies._common import PRIORITY_FOLLOW_UP, propose, when
from outreach_rules.situation import UNREACHED, Situation

__all__ = ["FollowUp"]

# Members read once: on Python 3.11 reading `Enum.MEMBER` from the class runs the enum
# metaclass's attribute hook, ten times the cost of reading a global.
_CALL, _FOLLOW_UP = Channel.CALL, Purpose.FOLLOW_UP


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else _SUFFIXES[n % 10]
    return f"{n}{suffix}"


_SUFFIXES = ("th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th")
# Each outcome as a reason says it ("no answer"), looked up rather than rewritten each plan.
_SPOKEN = {outcome: outcome.value.replace("_", " ") for outcome in Outcome}


@attrs.frozen(kw_only=True)
class FollowUp:
    """Call again on a schedule after a call that reached nobody, a chat, or a written touch.

    Options and defaults:

    - ``delays`` ``(1, 2, 4)``: business days between the 1st, 2nd, 3rd
      unanswered call and the next one (calls on business days 1, 3, 7),
      then every ``then_every`` (5, weekly);
    - ``max_unanswered`` 8: after that many unanswered calls in a row the
      cadence is over;
    - ``voicemail_after`` 3: leave a voicemail only once that many calls
      went unanswered (a voicemail is the last resort);
    - ``after_conversation`` 3, ``after_bad_timing`` 10, ``after_written`` 2:
      business days before calling after a conversation without a result,
      a "bad time" without a date, and a sent e-mail or letter.

    A number learned on the last call (a cell number given by whoever
    answered) is called at once.

    A voicemail on a company line is left to the receptionist practice when
    the playbook has it (``Receptionist``); without it, it is one more
    unanswered call on the schedule.

    Reacts to: the latest touch being an attempt that ended in no answer,
    busy, voicemail, a receptionist, a left message, a wrong number (the
    next number, at once), a conversation, bad timing, or a written touch.
    A written touch that answers a refusal (the apology) or an interest (the
    information) is left to ``brush_off`` or ``send_info``, which plan the
    call they promised. The wait is counted from the end of an announced absence when one was
    announced after the last touch, so the absence does not eat the wait.
    """

    delays: tuple[int, ...] = (1, 2, 4)
    then_every: int = 5
    max_unanswered: int = 8
    voicemail_after: int = 3
    after_conversation: int = 3
    after_bad_timing: int = 10
    after_written: int = 2
    name: str = "follow_up"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the next call after the latest attempt, or halt after too many in vain."""
        last = situation.last
        if not isinstance(last, Attempt):
            return ()
        outcome = last.outcome
        leave_voicemail = False
        if situation.asks_receptionist() and situation.playbook.uses("receptionist"):
            return ()
        learned = last.new_phone
        # In the prospect's zone once: the reasons show it, the wait counts from it.
        at = situation.local(last.at)
        if outcome in UNREACHED and learned is not None and learned.number not in situation.retired:
            delay = 0
            why = f"a new number, {learned.number}, was given on {show(at)}: call it now"
        elif outcome in UNREACHED:
            run = situation.unanswered_calls()
            count = len(run)
            if count >= self.max_unanswered:
                return (
                    Halt(
                        reason=f"{count} calls in a row reached nobody (since "
                        f"{when(situation, run[0].at)}); cadence over",
                        policy=self.name,
                    ),
                )
            delay = self.delays[count - 1] if count <= len(self.delays) else self.then_every
            leave_voicemail = count >= self.voicemail_after
            why = (
                f"{_ordinal(count)} call in a row without reaching them "
                f"({_SPOKEN[outcome]} on {show(at)}); "
                f"next try {delay} business day{'s' if delay != 1 else ''} later"
            )
            if leave_voicemail:
                why += f"; after {count} tries, leave a voicemail if nobody answers"
        elif outcome is Outcome.WRONG_NUMBER:
            delay = 0
            why = f"{last.to or 'the number'} was a wrong number; try the next number now"
        elif outcome is Outcome.CONNECTED:
            delay = self.after_conversation
            why = f"spoke on {show(at)} without a result; follow up in {delay} business days"
        elif outcome is Outcome.BAD_TIMING and last.callback_at is None:
            delay = self.after_bad_timing
            why = f"a bad time on {show(at)}, no date given; try again in {delay} business days"
        elif (
            outcome in WRITTEN_RESULTS
            and situation.refusal_being_answered() is None
            and situation.interest_being_answered() is None
        ):
            delay = self.after_written
            why = (
                f"{last.channel.value} {outcome.value} on {show(at)}; "
                f"call {delay} business days later"
            )
        else:
            return ()
        phone = situation.phone_to_call()
        if phone is None:
            return ()
        back = _return_after(situation, last) if delay else None
        if delay == 0:
            due = situation.not_before_now(at)
        else:
            base = at if back is None else max(at, back)
            due = situation.not_before_now(situation.calendar.add_business_days(base, delay))
        if back is not None:
            why += f", counted from their return on {when(situation, back)}"
        return (
            propose(
                situation,
                channel=_CALL,
                purpose=_FOLLOW_UP,
                earliest=due,
                policy=self.name,
                reasons=(why,),
                to=phone.number,
                priority=PRIORITY_FOLLOW_UP,
                leave_voicemail=leave_voicemail,
                refers_to=(last,),
                template="follow_up:voicemail_last_resort" if leave_voicemail else None,
            ),
        )


def _return_after(situation: Situation, last: Attempt) -> datetime | None:
    """The end of an absence announced with or after ``last``: waits count from there."""
    hold = situation.hold
    if hold is None or hold.resume_at is None or hold.at < last.at:
        return None
    return hold.resume_at
