"""Hang-ups and brush-offs: an apology note, then a call on the day it names (practice 2)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from outreach_rules._time import DAY_NAMES, say_day
from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel, traits
from outreach_rules.history import Attempt
from outreach_rules.outcomes import Outcome
from outreach_rules.policies import Halt
from outreach_rules.policies._common import PRIORITY_FOLLOW_UP, propose, when
from outreach_rules.situation import Situation

__all__ = ["BrushOff"]


@attrs.frozen(kw_only=True)
class BrushOff:
    """After a hang-up or a brush-off, send an apology and call again on the day it names.

    The first refusal on a cold call is taken as a bad moment, not a final
    answer. Never call straight back: instead send an apology for the bad
    timing, a handwritten ``NOTE`` when a postal address is known, else an
    ``EMAIL``, that asks one question and names the day of the next call.
    That call is on the first business day after the note arrives (mail
    takes ``traits(NOTE).transit_business_days``, default 3), refers to the
    note, and goes with it: a guard that refuses one refuses both. Without
    an address or an e-mail, the call alone comes ``wait`` (default 2)
    business days later. A refusal again after that is a real no: the
    cadence ends, and the prospect is left to re-engagement's cooldown.

    Reacts to: the latest touch ending in ``HUNG_UP`` or ``NOT_INTERESTED``,
    or the apology sent after one.
    """

    wait: int = 2
    name: str = "brush_off"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the apology and its call, or the call after a sent apology, or halt."""
        refusal = situation.refusal_being_answered()
        if refusal is None:
            return ()
        refusals = situation.attempts_with(Outcome.HUNG_UP) + situation.attempts_with(
            Outcome.NOT_INTERESTED
        )
        if len(refusals) > 1 and situation.last is refusal:
            return (
                Halt(
                    reason=f"refused again on {when(situation, refusal.at)} after an earlier "
                    "refusal and our apology: a real no; leave them to re-engagement after its "
                    "cooldown",
                    policy=self.name,
                ),
            )
        phone = situation.phone_to_call()
        if phone is None:
            return ()
        what = "hung up" if refusal.outcome is Outcome.HUNG_UP else "said not interested"
        first = f"{what} on {when(situation, refusal.at)}: likely a bad moment, not a final no"
        last = situation.last
        assert last is not None
        if last is not refusal:
            assert isinstance(last, Attempt)
            return (self._call_after_note(situation, refusal, last, first, phone.number),)
        return self._note_and_call(situation, refusal, first, phone.number)

    def _note_and_call(
        self, situation: Situation, refusal: Attempt, first: str, number: str
    ) -> tuple[Action, ...]:
        calendar = situation.calendar
        address = situation.address_to_use()
        email = situation.email_to_use()
        barred = email is not None and situation.bars(Channel.EMAIL)
        if address is not None and Channel.NOTE not in situation.opted_out:
            channel, to = Channel.NOTE, address
        elif email is not None and not barred:
            channel, to = Channel.EMAIL, email
        else:
            nowhere = (
                "no postal address for an apology, and an unsolicited e-mail needs their "
                "consent here"
                if barred
                else "no postal address or e-mail for an apology"
            )
            due = calendar.add_business_days(refusal.at, self.wait)
            start = calendar.start_of_day(due.astimezone(situation.zone).date())
            return (
                propose(
                    situation,
                    channel=Channel.CALL,
                    purpose=Purpose.FOLLOW_UP,
                    earliest=situation.not_before_now(start),
                    policy=self.name,
                    reasons=(
                        first,
                        f"{nowhere}: no call the same day; "
                        f"call again {self.wait} business days later",
                    ),
                    to=number,
                    priority=PRIORITY_FOLLOW_UP,
                    refers_to=(refusal,),
                ),
            )
        sent = situation.not_before_now(refusal.at)
        if channel is Channel.EMAIL:
            sent, _ = calendar.open_window(sent)
        day = situation.announced_day(channel, sent)
        values = {"weekday": DAY_NAMES[day.weekday()], "day": say_day(day)}
        kind = traits(channel).label
        note = propose(
            situation,
            channel=channel,
            purpose=Purpose.APOLOGY_NOTE,
            earliest=sent,
            policy=self.name,
            reasons=(
                first,
                f"send an apology for the bad timing, {kind}, naming the next call: {say_day(day)}",
            ),
            to=to,
            priority=PRIORITY_FOLLOW_UP + 5,
            refers_to=(refusal,),
            values=values,
        )
        call = self._call_on(situation, day, note, refusal, first, number, values)
        return (note, call)

    def _call_after_note(
        self, situation: Situation, refusal: Attempt, note: Attempt, first: str, number: str
    ) -> Action:
        day = situation.announced_day(note.channel, note.at)
        values = {"weekday": DAY_NAMES[day.weekday()], "day": say_day(day)}
        return self._call_on(situation, day, note, refusal, first, number, values)

    def _call_on(
        self,
        situation: Situation,
        day: date,
        note: Action | Attempt,
        refusal: Attempt,
        first: str,
        number: str,
        values: Mapping[str, str | None],
    ) -> Action:
        opening = situation.calendar.start_of_day(day)
        return propose(
            situation,
            channel=Channel.CALL,
            purpose=Purpose.FOLLOW_UP,
            earliest=situation.not_before_now(opening),
            policy=self.name,
            reasons=(
                first,
                f"the apology ({note.channel.value}) names this call: {say_day(day)}, the first "
                "business day after it arrives",
            ),
            to=number,
            priority=PRIORITY_FOLLOW_UP,
            leave_voicemail=True,
            refers_to=(note, refusal),
            values=values,
            template="follow_up:after_note",
        )
