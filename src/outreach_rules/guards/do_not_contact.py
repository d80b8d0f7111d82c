"""Do not contact, ever: the guard no playbook can remove (practice 7)."""

from __future__ import annotations

from outreach_rules._time import show
from outreach_rules.actions import Action
from outreach_rules.guards import Veto
from outreach_rules.history import Attempt, HistoryItem
from outreach_rules.situation import Situation

__all__ = ["do_not_contact", "stop_reason"]


def stop_reason(item: HistoryItem, situation: Situation) -> str:
    """Say which attempt or event asked us never to make contact again."""
    when = show(situation.local(item.at))
    if isinstance(item, Attempt):
        return f"do not contact: the prospect asked on {when} ({item.channel.value} attempt)"
    channel = f" for {item.channel.value}" if item.channel is not None else ""
    return f"do not contact: opt-out{channel} received on {when}"


def do_not_contact(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """Veto every action to a prospect who opted out, and actions on a channel they opted out of.

    A do-not-contact outcome or an opt-out without a channel stops every
    channel forever, whatever comes later in the history. An opt-out with a
    channel (an e-mail unsubscribe) stops that channel only. The engine runs
    this guard first, for every playbook.
    """
    if situation.do_not_contact is not None:
        return Veto(reason=stop_reason(situation.do_not_contact, situation))
    opted_out = situation.opted_out.get(action.channel)
    if opted_out is not None:
        return Veto(reason=stop_reason(opted_out, situation))
    return action
