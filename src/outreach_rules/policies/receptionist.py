"""Receptionist before voicemail (practice 3)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import attrs

from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel
from outreach_rules.history import Attempt
from outreach_rules.outcomes import Outcome
from outreach_rules.policies import Halt
from outreach_rules.policies._common import PRIORITY_FOLLOW_UP, propose, when
from outreach_rules.prospects import Phone
from outreach_rules.situation import Situation

__all__ = ["Receptionist"]
# Members read once: on Python 3.11 reading `Enum.MEMBER` from the class runs the enum
# metaclass's attribute hook, ten times the cost of reading a global.
_CALL, _GATEKEEPER, _VOICEMAIL = Channel.CALL, Outcome.GATEKEEPER, Outcome.VOICEMAIL

PRIORITY_ASK_GATEKEEPER = PRIORITY_FOLLOW_UP + 10


@attrs.frozen(kw_only=True)
class Receptionist:
    """Ask the receptionist for help before ever leaving a voicemail.

    On reaching voicemail on a company line, call the switchboard at once
    (``ASK_GATEKEEPER``, within ``window``, default 30 minutes): ask for
    help, offer options (lunch? a meeting? vacation?) and ask for a cell
    number. Their answer, recorded on that attempt, shapes the next call:
    ``resume_at`` (back from lunch, out of a meeting, back from vacation)
    → call then; ``new_phone`` → call that number now; nothing → thank them
    and call another day (``another_day``, default 1 business day). The
    voicemail stays the last resort: the follow-up policy allows it only
    after three unanswered calls.

    Reacts to: ``VOICEMAIL`` on a line other than the switchboard when a
    switchboard is known, ``GATEKEEPER`` on the switchboard, and
    ``GATEKEEPER`` on any other line (an assistant picked up) with a
    ``resume_at`` or a ``new_phone``: the same line is called then.
    """

    window: timedelta = timedelta(minutes=30)
    another_day: int = 1
    name: str = "receptionist"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the call to the receptionist, or the call their answer points to."""
        if not situation.asks_receptionist():
            return ()
        last = situation.last
        assert isinstance(last, Attempt)
        switchboard = situation.switchboard()
        if last.outcome is not _VOICEMAIL:
            return self._after_answer(situation, last, switchboard)
        assert switchboard is not None
        start = situation.not_before_now(last.at)
        return (
            propose(
                situation,
                channel=Channel.CALL,
                purpose=Purpose.ASK_GATEKEEPER,
                earliest=start,
                latest=start + self.window,
                policy=self.name,
                reasons=(
                    f"reached voicemail on {last.to} on {when(situation, last.at)}: before "
                    "leaving a message, ask the receptionist for help (lunch? a meeting? "
                    "vacation? a cell number?)",
                ),
                to=switchboard.number,
                priority=PRIORITY_ASK_GATEKEEPER,
                refers_to=(last,),
            ),
        )

    def _after_answer(
        self, situation: Situation, answer: Attempt, switchboard: Phone | None
    ) -> Iterable[Action | Halt]:
        if switchboard is not None and answer.to == switchboard.number:
            phones = [p for p in situation.phones() if p.number != switchboard.number]
            target = phones[0].number if phones else switchboard.number
            said = f"the receptionist, on {when(situation, answer.at)}"
        else:
            # Someone else picked up the person's own line: call it again.
            fallback = situation.phone_to_call()
            if answer.to is not None:
                target = answer.to
            elif fallback is not None:
                target = fallback.number
            else:
                return ()
            said = f"whoever answered {answer.to or 'the line'} on {when(situation, answer.at)}"
        if answer.new_phone is not None and answer.new_phone.number not in situation.retired:
            earliest = situation.not_before_now(answer.at)
            why = f"{said}, gave a number, {answer.new_phone.number}: call it next"
            target = answer.new_phone.number
        elif answer.resume_at is not None:
            earliest = situation.not_before_now(answer.resume_at)
            why = f"{said}, said they are back {when(situation, answer.resume_at)}: call then"
        else:
            earliest = situation.not_before_now(
                situation.calendar.add_business_days(answer.at, self.another_day)
            )
            why = f"{said}, had nothing to share: thank them, and call another day"
        return (
            propose(
                situation,
                channel=Channel.CALL,
                purpose=Purpose.FOLLOW_UP,
                earliest=earliest,
                policy=self.name,
                reasons=(why,),
                to=target,
                priority=PRIORITY_FOLLOW_UP,
                refers_to=(answer,),
            ),
        )
