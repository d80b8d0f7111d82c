"""Do not contact, ever: the guard no playbook can remove (practice 7)."""

from __future__ import annotations

import attrs

from outreach_rules._time import show
from outreach_rules.actions import Action, replace
from outreach_rules.channels import Channel, traits
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
    channel (an e-mail unsubscribe) stops that channel only; an opt-out of
    calls stops voicemail drops too, and an opt-out of voicemail takes the
    voicemail off a call (it is still made, with no message left). The
    engine runs this guard first, for every playbook.
    """
    if situation.do_not_contact is not None:
        return Veto(reason=stop_reason(situation.do_not_contact, situation))
    opted = situation.opted_out
    if not opted:
        return action
    channel = action.channel
    opted_out = opted.get(channel)
    if opted_out is None and channel is not traits(channel).kin:
        # Out of calls is out of voicemail drops too: a ringless voicemail is a call.
        opted_out = opted.get(traits(channel).kin)
    if opted_out is not None:
        return Veto(reason=stop_reason(opted_out, situation))
    no_voicemail = opted.get(_VOICEMAIL)
    if no_voicemail is None:
        return action
    script = action.script
    if action.leave_voicemail:
        return replace(
            action,
            leave_voicemail=False,
            script=attrs.evolve(script, voicemail=None) if script is not None else None,
            reasons=(
                *action.reasons,
                f"do_not_contact: no voicemail if nobody answers; "
                f"{stop_reason(no_voicemail, situation).removeprefix('do not contact: ')}",
            ),
        )
    if script is not None and script.voicemail is not None:
        # No message will be left: the words for one go too, so nobody reads them out.
        return replace(action, script=attrs.evolve(script, voicemail=None))
    return action


_VOICEMAIL = Channel.VOICEMAIL
