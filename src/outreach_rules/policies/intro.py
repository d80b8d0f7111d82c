"""A new prospect gets an introductory call."""

from __future__ import annotations

from collections.abc import Iterable

from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel
from outreach_rules.policies import Halt
from outreach_rules.policies._common import PRIORITY_INTRO, propose
from outreach_rules.situation import Situation

__all__ = ["intro_call"]


def intro_call(*, situation: Situation) -> Iterable[Action | Halt]:
    """Propose an introductory call to a prospect with no history, as soon as hours allow.

    Reacts to: an empty history (no attempt, no inbound touch). The call
    goes to the best number known (direct line before mobile before the
    switchboard) and leaves no voicemail: a first voicemail is a pitch
    nobody returns.
    """
    if situation.last is not None:
        return ()
    phone = situation.phone_to_call()
    if phone is None:
        return ()
    return (
        propose(
            situation,
            channel=Channel.CALL,
            purpose=Purpose.INTRO,
            earliest=situation.now,
            policy="intro_call",
            reasons=(
                f"new prospect: no earlier contact; first call to the {phone.kind.value} line",
            ),
            to=phone.number,
            priority=PRIORITY_INTRO,
        ),
    )
