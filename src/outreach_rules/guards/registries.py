"""Do-not-call registers and consent: no call the law forbids for this person (practice 9)."""

from __future__ import annotations

from outreach_rules.actions import Action, Purpose, replace
from outreach_rules.compliance import Exemption, Registry, RegistryKind
from outreach_rules.guards import Veto
from outreach_rules.history import Attempt, Event
from outreach_rules.outcomes import REQUESTS, EventKind
from outreach_rules.situation import Situation

__all__ = ["registries"]


def registries(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """Veto an action that a registry of the prospect's jurisdiction forbids, citing it.

    The library keeps no list: ``Prospect.flags`` says what the caller knows
    (on the US National Do Not Call Registry, on TPS, on NIX-Telefon, a
    consent on record). A do-not-call register bars a flagged prospect; a
    consent rule bars one without the flag. An exemption that the law gives
    and the prospect's data shows (an established business relationship:
    ``Prospect.last_purchase`` or ``last_inquiry`` recent enough) lets the
    action through, as does an exemption for what the recipient asked for
    (the information e-mail after they showed interest, where the law only
    restricts unsolicited messages). ``Prospect.consumer`` decides which rules apply where
    the law tells consumers and businesses apart (unknown: the stricter).
    The engine runs this guard for every playbook.
    """
    if situation.prospect.country is None:
        return action  # no jurisdiction, no register
    notes: list[str] = []
    for registry, exemption in situation.registers_barring(action.channel):
        if exemption is None and _answers_a_request(action):
            exemption = _requested(registry)
        if exemption is None:
            why = (
                "the prospect is on it"
                if registry.kind is RegistryKind.DO_NOT_CONTACT
                else f"no {registry.prospect_flag!r} flag on record"
            )
            return Veto(reason=f"{registry.name} ({registry.citation}): {why}")
        if exemption.lasts is None:
            notes.append(
                f"registries: {registry.name}, but exempt: {exemption.name} ({exemption.citation})"
            )
        else:
            notes.append(
                f"registries: on the {registry.name}, but exempt: {exemption.name}, "
                f"{exemption.lasts} ({exemption.citation})"
            )
    if not notes:
        return action
    fresh = tuple(note for note in notes if note not in action.reasons)
    return replace(action, reasons=(*action.reasons, *fresh)) if fresh else action


_ASKING = frozenset({EventKind.INTEREST, EventKind.CALLBACK})


def _answers_a_request(action: Action) -> bool:
    """True for the information they asked for: ``send_info`` answering their interest."""
    if action.purpose != Purpose.SEND_INFO:
        return False
    for ref in action.refers_to:
        if type(ref) is Attempt and ref.outcome in REQUESTS:
            return True
        if type(ref) is Event and ref.kind in _ASKING:
            return True
    return False


def _requested(registry: Registry) -> Exemption | None:
    """The registry's exemption for what the recipient asked for, if the law gives one."""
    for exemption in registry.exemptions:
        if "requested" in exemption.name.casefold():
            return exemption
    return None
