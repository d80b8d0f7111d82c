"""Frequency caps: no more calls in a rolling window than the law allows (practice 9)."""

from __future__ import annotations

from datetime import datetime, timedelta

from outreach_rules._time import show
from outreach_rules.actions import Action
from outreach_rules.channels import PHONE_CHANNELS, Channel, traits
from outreach_rules.compliance import CapScope, FrequencyCap
from outreach_rules.guards import Veto, move
from outreach_rules.history import Attempt
from outreach_rules.outcomes import CONVERSATIONS, REFUSALS
from outreach_rules.situation import Situation

__all__ = ["frequency_caps"]


def frequency_caps(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """Move a call that would exceed a cap of the prospect's jurisdiction to when it no longer does.

    A cap (e.g. at most 3 calls in any 24 hours, Fla. Stat. 501.616(6))
    counts every call attempt in the history, whatever its outcome, plus
    the calls already accepted in this plan, over a rolling window ending
    at the call. A cap with ``after_conversation`` also keeps calls away
    for that long after the person was reached, and one with
    ``after_refusal`` for that long after they refused. A cap "on the same
    subject" counts the history as the subject's when the playbook names one
    (``Playbook.subject``: the caller passes that subject's history) and
    every attempt to the person when not; the reason says which. The engine
    runs this guard for every playbook; the reason quotes the citation.
    """
    channel = action.channel
    caps = situation.law.caps if channel in PHONE_CHANNELS else situation.law_for(channel).caps
    if not caps:
        return action
    start = action.earliest
    for cap in caps:
        if action.channel not in cap.channels:
            continue
        window = cap.window
        times: list[datetime] = [
            item.at
            for item in situation.since(start - window)
            if isinstance(item, Attempt) and item.channel in cap.channels
        ]
        times += [p.earliest for p in planned if p.channel in cap.channels]
        recent = sorted(t for t in times if start - window < t <= start)
        if len(recent) >= cap.count:
            release = recent[-cap.count] + window
            reason = (
                f"{len(recent)} {_counted(cap.channels)}{_about(cap, situation)} in the "
                f"{_span(window)} before {show(situation.local(start), year=False)} already; "
                f"at most {cap.count} ({cap.citation}): moved to "
                f"{show(situation.local(release), year=False)}"
            )
            return move(action, release.astimezone(situation.zone), reason=reason, guard=_NAME)
        for gap, ends, after in (
            (cap.after_conversation, CONVERSATIONS, "a conversation"),
            (cap.after_refusal, REFUSALS, "a refusal"),
        ):
            if gap is None:
                continue
            for item in reversed(situation.since(start - gap)):
                if isinstance(item, Attempt) and item.outcome in ends:
                    release = item.at + gap
                    what = "spoke with them" if ends is CONVERSATIONS else "they said no"
                    reason = (
                        f"{what} on {show(situation.local(item.at), year=False)}; no "
                        f"call within {_span(gap)} after {after} ({cap.citation})"
                    )
                    return move(
                        action, release.astimezone(situation.zone), reason=reason, guard=_NAME
                    )
    return action


_NAME = "frequency_caps"


def _about(cap: FrequencyCap, situation: Situation) -> str:
    """What a cap on the same subject counted: the playbook's subject, or every attempt."""
    if cap.scope is not CapScope.SUBJECT:
        return ""
    subject = situation.playbook.subject
    if subject is None:
        return " (no subject given: every one to the person counts)"
    return f" on the same subject ({subject})"


def _counted(channels: frozenset[Channel]) -> str:
    # A voicemail drop is a call; "calls or texts" for a cap that counts both.
    words = dict.fromkeys(traits(traits(c).kin).plural for c in sorted(channels))
    return " or ".join(words)


def _span(window: timedelta) -> str:
    hours = int(window.total_seconds() // 3600)
    return f"{hours // 24} days" if hours % 24 == 0 and hours > 24 else f"{hours} hours"
