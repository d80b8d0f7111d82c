"""The engine: read the situation, let policies propose, let guards decide."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from outreach_rules import _validate as v
from outreach_rules._names import name_of
from outreach_rules.actions import Action, replace
from outreach_rules.guards import Veto
from outreach_rules.guards.contact_points import contact_points
from outreach_rules.guards.do_not_contact import do_not_contact, stop_reason
from outreach_rules.guards.frequency_caps import frequency_caps
from outreach_rules.guards.lawful_hours import lawful_hours
from outreach_rules.guards.not_in_past import not_in_past
from outreach_rules.guards.promised_day import promised_day
from outreach_rules.guards.registries import registries
from outreach_rules.history import HistoryItem
from outreach_rules.plans import Plan
from outreach_rules.plans import _build as _plan
from outreach_rules.playbooks import Playbook, cold_calling, direct
from outreach_rules.policies import Halt
from outreach_rules.prospects import Prospect
from outreach_rules.situation import Situation

__all__ = ["AFTER", "BEFORE", "default_playbook", "plan", "plan_guarded", "plan_many"]

BEFORE = (do_not_contact, registries, not_in_past, contact_points)
"""Guards the engine runs before the playbook's, for every playbook."""
AFTER = (promised_day, frequency_caps, lawful_hours)
"""Guards the engine runs after the playbook's, for every playbook."""

# Moving an action can push it out of another guard's window (a hold ends
# at midnight, business hours start at nine): the guards run in a cycle
# until every one of them, in a row, leaves it unchanged. A handful of
# rounds settles every real case; an action still moving after that is
# refused rather than looped on.
_MAX_ROUNDS = 6


@functools.cache
def default_playbook() -> Playbook:
    """The playbook of ``playbook=None``: ``cold_calling()`` with no sender, made once, so that
    its compiled pipeline and its places serve every call."""
    return cold_calling()


def plan(
    prospect: Prospect,
    history: Iterable[HistoryItem],
    *,
    now: datetime,
    playbook: Playbook | None = None,
) -> Plan:
    """Return the next actions for ``prospect`` given its ``history``, as of ``now``.

    Pure: no clock reads, no I/O; equal inputs give equal plans and the
    order of ``history`` does not matter. ``playbook=None`` means
    ``orl.playbooks.cold_calling`` with no sender.
    """
    if playbook is None:
        playbook = default_playbook()
    elif not isinstance(playbook, Playbook):
        raise TypeError(f"playbook: expected an orl.Playbook or None, got {playbook!r}")
    return _decide(Situation(prospect, history, now=now, playbook=playbook))


def plan_many(
    pairs: Iterable[tuple[Prospect, Iterable[HistoryItem]]],
    *,
    now: datetime,
    playbook: Playbook | None = None,
) -> Iterator[Plan]:
    """Plan each ``(prospect, history)`` pair, lazily, in the same order."""
    now = v.aware(now, "now")
    book = default_playbook() if playbook is None else playbook
    if not isinstance(book, Playbook):
        raise TypeError(f"playbook: expected an orl.Playbook or None, got {playbook!r}")
    for index, pair in enumerate(pairs):
        prospect, history = unpack_pair(index, pair)
        yield _decide(Situation(prospect, history, now=now, playbook=book))


def plan_guarded(
    prospect: Prospect,
    history: Iterable[HistoryItem],
    *,
    now: datetime,
    playbook: Playbook,
    guards: tuple[Any, ...],
) -> Plan:
    """``plan`` with ``guards`` asked first, then the engine's and the playbook's as always.

    For planners above the engine that add a guard per call (``plan_account``
    adds the account's word on one colleague): the playbook stays the same
    object, so its compiled pipeline and its cache of places serve every
    call, where a playbook made anew with the extra guard would start each
    call with empty caches. Asked first, an extra guard that moves an
    action (a colleague's call to a free day) has it checked once by all
    the others, instead of a second round of those that came before it;
    the guards still run until all of them, in a row, leave it as it is.
    """
    return _decide(Situation(prospect, history, now=now, playbook=playbook), guards)


def unpack_pair(index: int, pair: Any) -> tuple[Prospect, Iterable[HistoryItem]]:
    """Split one ``(prospect, history)`` item of a batch, or say which item is wrong."""
    try:
        prospect, history = pair
    except (TypeError, ValueError):
        raise TypeError(
            f"pairs[{index}]: expected a (prospect, history) pair, got {pair!r}"
        ) from None
    if not isinstance(prospect, Prospect):
        raise TypeError(f"pairs[{index}]: expected an orl.Prospect first, got {prospect!r}")
    return prospect, history


def _decide(situation: Situation, extra: tuple[Any, ...] = ()) -> Plan:
    playbook = situation.playbook
    prospect = situation.prospect
    if situation.do_not_contact is not None:
        return _halted(situation, stop_reason(situation.do_not_contact, situation))

    proposals: list[Action] = []
    halts: list[Halt] = []
    compiled = playbook._compiled
    calls = compiled.policy_calls
    for propose in calls:
        for item in propose(situation=situation):
            if isinstance(item, Action):
                proposals.append(item)
            elif isinstance(item, Halt):
                halts.append(item)
            else:
                raise TypeError(
                    f"policy {name_of(playbook.policies[calls.index(propose)])} returned {item!r}; "
                    "a policy returns Actions or a Halt"
                )
    if halts:
        return _halted(situation, "; ".join(h.reason for h in halts))

    pipeline = compiled.pipeline
    if pipeline is None:
        pipeline = compiled.pipeline = (
            (*BEFORE, *playbook.guards, *AFTER),
            (*BEFORE, *compiled.guard_calls, *AFTER),
        )
    guards, checks = pipeline
    if extra:
        guards = (*extra, *guards)
        checks = (*map(direct, extra), *checks)
    accepted: list[Action] = []
    vetoed: list[Action] = []
    # Rewritten references: an action moved by a guard replaces the proposed
    # one in the refers_to of the actions that build on it.
    final: dict[int, Action] = {}
    if len(proposals) > 1:
        proposals.sort(key=_proposal_order)
    for proposal in proposals:
        action = _relink(proposal, final) if final else proposal
        outcome = _guard(action, guards, checks, situation, tuple(accepted))
        outcome = (_real_times(outcome[0], situation), outcome[1], outcome[2])
        final[id(proposal)] = outcome[0]
        if outcome[1] is None:
            accepted.append(outcome[0])
        else:
            vetoed.append(_veto(outcome[0], outcome[1], guard=outcome[2]))
    if vetoed:
        accepted, vetoed = _veto_linked(accepted, vetoed)
    if len(accepted) > 1:
        accepted.sort(key=_action_order)
    return _plan(
        prospect_id=prospect.id,
        timezone=prospect.timezone,
        now=situation.local_now,
        playbook=playbook.name,
        actions=tuple(accepted),
        vetoed=tuple(vetoed),
    )


def _halted(situation: Situation, reason: str) -> Plan:
    prospect = situation.prospect
    return _plan(
        prospect_id=prospect.id,
        timezone=prospect.timezone,
        now=situation.local_now,
        playbook=situation.playbook.name,
        halted=reason,
    )


def _guard(
    action: Action,
    guards: tuple[Any, ...],
    checks: tuple[Any, ...],
    situation: Situation,
    planned: tuple[Action, ...],
) -> tuple[Action, str | None, str]:
    """Run the guards in a cycle until all of them in a row leave the action as it is.

    ``checks`` are the ``guards`` as the engine calls them (``Compiled.guard_calls``).
    Returns the final action, and the veto reason and guard name if one
    refused it. A guard that changed the action is not asked again until
    the others have seen the change: it accepts its own result.
    """
    count = len(guards)
    # The common case in one straight pass: every guard allows the action as it is.
    at = 0
    for check in checks:
        result = check(action, situation=situation, planned=planned)
        if result is not action:
            break
        at += 1
    else:
        return action, None, ""
    # Otherwise the cycle, from where that pass stopped: ``at`` guards in a row allowed it and
    # ``result`` is the next one's answer.
    satisfied = at
    index = at
    limit = count * _MAX_ROUNDS
    while True:
        index += 1
        if result is action or (type(result) is Action and result == action):
            # Allowed as it is (a guard may hand back an equal copy).
            satisfied += 1
            if satisfied >= count:
                return action, None, ""
        elif isinstance(result, Veto):
            return action, result.reason, name_of(guards[(index - 1) % count])
        elif not isinstance(result, Action):
            raise TypeError(
                f"guard {name_of(guards[(index - 1) % count])} returned {result!r}; a guard "
                "returns the action, a moved action or a Veto"
            )
        else:
            action = result
            satisfied = 1
        if index == limit:
            reason = "the guards kept moving this action; no time satisfies all of them"
            return action, reason, "engine"
        result = checks[index % count](action, situation=situation, planned=planned)


def _real_times(action: Action, situation: Situation) -> Action:
    """``action`` with times that exist on the prospect's clock (``Situation.real``): what a
    policy or a guard computed on the wall clock may have landed in the gap of a spring-forward
    night, and a plan only holds instants that mean what they say (and read back the same)."""
    shifts = situation._shifts
    earliest, latest = action.earliest, action.latest
    # ``Situation.real`` inline for the common case: neither day has a change of offset.
    if not (shifts[earliest.date()] or shifts[latest.date()]):
        return action
    earliest, latest = situation.real(earliest), situation.real(latest)
    if earliest == action.earliest and latest == action.latest:
        return action
    return replace(action, earliest=earliest, latest=latest)


def _veto(action: Action, reason: str, *, guard: str) -> Action:
    return replace(action, reasons=(*action.reasons, f"{guard}: {reason}"), vetoed_by=guard)


def _relink(action: Action, final: dict[int, Action]) -> Action:
    if not any(id(ref) in final for ref in action.refers_to):
        return action
    refs = tuple(final.get(id(ref), ref) for ref in action.refers_to)
    return replace(action, refers_to=refs)


def _veto_linked(accepted: list[Action], vetoed: list[Action]) -> tuple[list[Action], list[Action]]:
    """Refuse, with the vetoed one, every action of the plan linked to it by ``refers_to``.

    Actions that go together (an apology note and the call it announces)
    are planned together or not at all.
    """
    if not vetoed or not accepted:
        return accepted, vetoed
    gone = {_identity(a) for a in vetoed}
    changed = True
    while changed:
        changed = False
        for action in list(accepted):
            own = _identity(action)
            linked = any(_identity(r) in gone for r in action.refers_to if isinstance(r, Action))
            linked = linked or any(
                own in {_identity(r) for r in other.refers_to if isinstance(r, Action)}
                for other in vetoed
            )
            if linked:
                accepted.remove(action)
                vetoed.append(_veto(action, "an action it goes with was refused", guard="linked"))
                gone.add(own)
                changed = True
    return accepted, vetoed


def _identity(action: Action) -> tuple[object, ...]:
    # Guards may move an action, so identity is what it is, not when it is.
    return (action.channel, action.purpose, action.policy, action.to)


def _proposal_order(action: Action) -> tuple[object, ...]:
    # A channel is a StrEnum: it orders as its value.
    return (action.earliest, -action.priority, str(action.channel), str(action.purpose))


def _action_order(action: Action) -> tuple[object, ...]:
    return (
        action.earliest,
        -action.priority,
        str(action.channel),
        str(action.purpose),
        action.to or "",
    )
