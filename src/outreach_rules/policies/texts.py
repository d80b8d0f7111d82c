"""A short text after unanswered calls, to a number that takes texts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import attrs

from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import PHONE_CHANNELS, Channel
from outreach_rules.history import Attempt
from outreach_rules.outcomes import UNREACHED
from outreach_rules.policies import Halt
from outreach_rules.policies._common import PRIORITY_FOLLOW_UP, propose
from outreach_rules.situation import Situation

__all__ = ["TextAfterCalls"]

_SMS = Channel.SMS


@attrs.frozen(kw_only=True)
class TextAfterCalls:
    """After the second call in a row that reached nobody, send one short text to their mobile.

    A seasoned caller's habit where texts are welcome: a call that rings out
    twice is followed by two lines saying who called and asking when suits
    them, so the third call is expected. Options: ``after`` (2) unanswered
    calls in a row, ``delay`` (10 minutes) after the last of them. One text
    per run of unanswered calls; none without a number that takes texts (a
    mobile, or a number marked ``textable``), none after an opt-out of texts
    (the do-not-contact guard), and texts keep the lawful hours of the rules
    that cover them (the lawful-hours guard).

    Reacts to: the latest touch being the ``after``-th unanswered call in a row.
    """

    after: int = attrs.field(default=2, validator=attrs.validators.ge(1))
    delay: timedelta = timedelta(minutes=10)
    name: str = "text_after_calls"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the text after the ``after``-th unanswered call, once per run."""
        last = situation.last
        if type(last) is not Attempt or last.channel not in PHONE_CHANNELS:
            return ()
        if last.outcome not in UNREACHED:
            return ()
        run = situation.unanswered_calls()
        if len(run) != self.after:
            return ()
        number = situation.number_for(_SMS)
        if number is None:
            return ()
        return (
            propose(
                situation,
                channel=_SMS,
                purpose=Purpose.FOLLOW_UP,
                earliest=situation.not_before_now(situation.local(last.at) + self.delay),
                policy=self.name,
                reasons=(
                    f"{len(run)} calls in a row reached nobody: a short text to {number} says "
                    "who called and asks when suits them",
                ),
                to=number,
                priority=PRIORITY_FOLLOW_UP - 5,
                refers_to=(last,),
            ),
        )
