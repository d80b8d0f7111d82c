"""Retired numbers and addresses are never used again (practice 9)."""

from __future__ import annotations

from outreach_rules.actions import Action
from outreach_rules.channels import Channel, traits
from outreach_rules.guards import Veto
from outreach_rules.situation import Situation

__all__ = ["contact_points"]

# Channels that take only some kinds of number (a text: a mobile).
_PICKY = frozenset(c for c in Channel if traits(c).phone_kinds is not None)


def contact_points(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """Veto an action without a contact point, or aimed at one that no longer works.

    A wrong number, a bounced e-mail address and a returned postal address
    are retired by the attempt that found out; policies pick the next one.
    A text goes only to a number on record that takes texts (a mobile, or
    one marked ``textable``).
    """
    if action.to is None:
        needs = traits(action.channel).needs.value
        return Veto(reason=f"no {needs} to use for this {action.channel.value}")
    if action.channel in _PICKY:
        known = traits(action.channel)
        # A text only to a number that takes texts: never a landline or a switchboard.
        phone = situation.phone_of(action.to)
        if phone is None or not situation.may_use(known, phone):
            return Veto(reason=f"{action.to} takes no {known.plural}: not a mobile on record")
    retired = situation.retired.get(action.to)
    if retired is not None:
        when = f"{situation.local(retired.at):%a %d %b %Y}"
        return Veto(
            reason=f"{action.to} was retired on {when} ({getattr(retired, 'outcome', 'retired')})"
        )
    return action
