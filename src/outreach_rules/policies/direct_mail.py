"""Direct mail with postcard follow-ups (practice 8)."""

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
from outreach_rules.situation import Situation

__all__ = ["DirectMail"]


@attrs.frozen(kw_only=True)
class DirectMail:
    """A first letter, then a postcard every month, and a "how are you?" card after three months.

    Options and defaults: ``every_days`` (30) between postcards,
    ``check_in_after_days`` (90) after the first letter for the check-in
    card, which takes the place of the drip card due then, and ``max_cards``
    (12), after which the drip ends. The letter goes by ``NOTE`` (mail,
    with transit time). A ``RETURNED`` letter or card retires the address:
    with no address left, the cadence is over.

    The drip stops once the prospect answers (a reply, a callback, an
    outcome other than sent or returned): the conversation takes over.

    Reacts to: the mail attempts in the history.
    """

    every_days: int = 30
    check_in_after_days: int = 90
    max_cards: int = 12
    name: str = "direct_mail"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the next letter or postcard, or halt when the address is gone."""
        address = situation.address_to_use()
        if address is None:
            returned = situation.attempts_with(Outcome.RETURNED)
            if returned:
                why = f"mail came back from {returned[-1].to} on {when(situation, returned[-1].at)}"
                return (Halt(reason=f"{why}: no postal address left", policy=self.name),)
            return (Halt(reason="no postal address on record for direct mail", policy=self.name),)
        letters = [a for a in situation.attempts_on(Channel.NOTE) if a.outcome is Outcome.SENT]
        if not letters:
            return (
                propose(
                    situation,
                    channel=Channel.NOTE,
                    purpose=Purpose.LETTER,
                    earliest=situation.now,
                    policy=self.name,
                    reasons=("no letter sent yet: start with a letter and a brochure",),
                    to=address,
                    priority=PRIORITY_FOLLOW_UP,
                ),
            )
        first = letters[0]
        last = situation.last
        if (
            last is not None
            and last.at > first.at
            and (
                not isinstance(last, Attempt)
                or last.outcome not in (Outcome.SENT, Outcome.RETURNED)
            )
        ):
            # They answered: the conversation takes over from the drip.
            return ()
        cards = [a for a in situation.attempts_on(Channel.POSTCARD) if a.at >= first.at]
        if len(cards) >= self.max_cards:
            return ()
        last_mail = max((first, *cards), key=lambda a: a.at)
        # Days are counted on the prospect's calendar, whatever zone the history was written in.
        due = situation.local(last_mail.at) + timedelta(days=self.every_days)
        check_in = situation.local(first.at) + timedelta(days=self.check_in_after_days)
        checked_in = any(c.at >= check_in - timedelta(days=self.every_days // 2) for c in cards)
        if not checked_in and due + timedelta(days=self.every_days // 2) >= check_in:
            purpose: str = Purpose.CHECK_IN
            due = max(check_in, situation.local(last_mail.at) + timedelta(days=1))
            why = (
                f"{self.check_in_after_days} days after the first letter "
                f'({when(situation, first.at)}): a "how are you, need help?" card'
            )
        else:
            purpose = Purpose.DRIP
            why = (
                f"card {len(cards) + 1} of the monthly drip, {self.every_days} days after the "
                f"last mail ({when(situation, last_mail.at)})"
            )
        return (
            propose(
                situation,
                channel=Channel.POSTCARD,
                purpose=purpose,
                earliest=situation.not_before_now(due),
                policy=self.name,
                reasons=(why,),
                to=address,
                priority=PRIORITY_FOLLOW_UP,
                refers_to=(last_mail,) if isinstance(last_mail, Attempt) else (),
            ),
        )
