"""Callbacks come late, and you must be ready (practice 1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import attrs

from outreach_rules.actions import Action, Purpose
from outreach_rules.brief import describe
from outreach_rules.channels import Channel
from outreach_rules.compliance.rules import PHONE
from outreach_rules.history import Attempt, Event
from outreach_rules.outcomes import REACHING_OUT, EventKind
from outreach_rules.policies import Halt
from outreach_rules.policies._common import (
    PRIORITY_RECONNECT,
    propose,
    when,
)
from outreach_rules.situation import UNREACHED, Situation

__all__ = ["Reconnect"]


@attrs.frozen(kw_only=True)
class Reconnect:
    """Answer an inbound touch at once, however late, quoting what came before.

    A prospect may call back weeks or more than a year after the first call.
    The reconnect call is due at once (``window`` default 2 hours) and its
    reasons quote the ``context`` (default 3) latest earlier touches, newest
    first, so the caller can pick up where things were left.

    After a callback or shown interest (``send_info_after``), the
    information (samples, a resume, a brochure) also goes out by e-mail
    within ``send_info_within`` (default 1 hour); the follow-up call comes
    two business days after it is sent (the follow-up policy's
    ``after_written``). When the call back goes first and reaches nobody,
    the e-mail is still due: it stays planned until an e-mail goes out or
    someone is reached.

    Reacts to: the latest touch being an inbound event of ``kinds``
    (default ``CALLBACK``, ``REPLY``, ``INTEREST``; a ``CONNECTION_REQUEST``
    is a keep-in-touch occasion of its own).
    """

    window: timedelta = timedelta(hours=2)
    context: int = 3
    kinds: frozenset[EventKind] = REACHING_OUT
    send_info_after: frozenset[EventKind] = frozenset({EventKind.CALLBACK, EventKind.INTEREST})
    send_info_within: timedelta = timedelta(hours=1)
    name: str = "reconnect"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the reconnect call."""
        last = situation.last
        if not isinstance(last, Event) or last.kind not in self.kinds:
            owed = _information_owed(situation, self.send_info_after)
            if owed is None:
                return ()
            info = self._information(situation, owed)
            return (info,) if info is not None else ()
        phone = situation.phone_to_call()
        if phone is None:
            return ()
        earlier = situation.before(last, self.context)
        reasons = [f"{last.kind.value.replace('_', ' ')} on {when(situation, last.at)}"]
        if earlier:
            reasons[0] += f", {_gap(last.at - earlier[-1].at)} after our last touch"
            reasons.extend(
                f"before: {describe(item, situation.prospect.timezone)}"
                for item in reversed(earlier)
            )
        else:
            reasons[0] += ", with no earlier touch on record"
        start = situation.not_before_now(last.at)
        call = propose(
            situation,
            channel=Channel.CALL,
            purpose=Purpose.RECONNECT,
            earliest=start,
            latest=start + self.window,
            policy=self.name,
            reasons=tuple(reasons),
            to=phone.number,
            priority=PRIORITY_RECONNECT,
            leave_voicemail=True,
            refers_to=(last,),
        )
        info = self._information(situation, last) if last.kind in self.send_info_after else None
        return (call,) if info is None else (call, info)

    def _information(self, situation: Situation, inbound: Event) -> Action | None:
        """The e-mail with the information someone who got in touch wants."""
        address = situation.email_to_use()
        if address is None:
            return None
        start = situation.not_before_now(inbound.at)
        why = (
            f"{inbound.kind.value.replace('_', ' ')} on {when(situation, inbound.at)}: whoever "
            "calls back wants to know more; send the information within the hour"
        )
        if situation.last is not inbound:
            why += "; the call back reached nobody, so the e-mail is still owed"
        return propose(
            situation,
            channel=Channel.EMAIL,
            purpose=Purpose.SEND_INFO,
            earliest=start,
            latest=start + self.send_info_within,
            policy=self.name,
            reasons=(why,),
            to=address,
            # Calling them back comes first; the e-mail follows within the hour.
            priority=PRIORITY_RECONNECT - 5,
            refers_to=(inbound,),
        )


def _gap(gap: timedelta) -> str:
    """``'3 hours'``, ``'1 day'``, ``'420 days'``: how long after, in the largest whole unit."""
    if gap >= timedelta(days=1):
        amount, unit = gap.days, "day"
    elif gap >= timedelta(hours=1):
        amount, unit = gap.seconds // 3600, "hour"
    else:
        amount, unit = max(gap.seconds // 60, 0), "minute"
    return f"{amount} {unit}{'' if amount == 1 else 's'}"


def _information_owed(situation: Situation, kinds: frozenset[EventKind]) -> Event | None:
    """The inbound touch whose information e-mail is still owed, if any.

    Owed while every touch since it is a call that reached nobody: an e-mail
    sent, a conversation or any other answer settles it. Read backwards from
    the end, so it costs only those few calls.
    """
    inbound = situation.last_inbound
    if inbound is None or inbound.kind not in kinds:
        return None
    for item in reversed(situation.history):
        if item is inbound:
            return inbound
        if type(item) is Attempt:
            if item.channel not in PHONE or item.outcome not in UNREACHED:
                return None
        elif item.is_inbound:
            return None
    return None
