"""The day planner: many prospects' plans turned into one day's call list (practice 4).

Calls happen on a schedule, not as a last resort: each morning the caller
works down one list, best first, capped by a daily goal. What does not fit
is carried to the next day in the same order.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, TypeAlias

import attrs

from outreach_rules import _validate as v
from outreach_rules._time import micros, zone
from outreach_rules.actions import Action, Purpose, replace
from outreach_rules.channels import Channel
from outreach_rules.compliance.places import lawful_calendar
from outreach_rules.engine import plan, unpack_pair
from outreach_rules.history import HistoryItem
from outreach_rules.plans import Plan
from outreach_rules.playbooks import Playbook
from outreach_rules.prospects import Prospect

__all__ = ["DEFAULT_GOAL", "DayPlan", "plan_day", "rank"]

DEFAULT_GOAL = 50
"""Calls a day, unless told otherwise (practice 4)."""

# Ranks, best first. A callback they asked for is a promise; fresh interest
# cools fast; a follow-up keeps a cadence going; an intro can wait a day;
# keep-in-touch and re-engagement calls have no clock running at all.
_CALLBACK = 0
_FRESH_INTEREST = 1
_FOLLOW_UP = 2
_INTRO = 3
_KEEP_IN_TOUCH = 4
_RE_ENGAGE = 5

_RANKS: dict[str, int] = {
    Purpose.CALLBACK: _CALLBACK,
    Purpose.RECONNECT: _FRESH_INTEREST,
    Purpose.SEND_INFO: _FRESH_INTEREST,
    Purpose.FOLLOW_UP: _FOLLOW_UP,
    Purpose.ASK_GATEKEEPER: _FOLLOW_UP,
    Purpose.INTRO: _INTRO,
    Purpose.BIRTHDAY: _KEEP_IN_TOUCH,
    Purpose.CONNECTION: _KEEP_IN_TOUCH,
    Purpose.LUNCH_INVITE: _KEEP_IN_TOUCH,
    # A "how are you, need help?" touch is keep-in-touch by nature.
    Purpose.CHECK_IN: _KEEP_IN_TOUCH,
    Purpose.RE_ENGAGE: _RE_ENGAGE,
}
"""Rank of each purpose; any other purpose, custom ones included, ranks as a follow-up."""

# The call that follows the information sent after interest is a follow-up
# by purpose, but the interest behind it is fresh.
_INTEREST_POLICY = "send_info"

_Key: TypeAlias = tuple[int, int, int, str, str, str, str, int, str]


def rank(action: Action) -> int:
    """Return the rank of a call on the day's list, 0 (a callback they asked for) first.

    0 callback; 1 fresh interest (reconnect, send info, any call of the
    ``send_info`` policy); 2 follow-ups (follow-up, ask the gatekeeper and
    every purpose not named here); 3 intro; 4 keep-in-touch (birthday,
    connection, lunch invite, check-in); 5 re-engagement.
    """
    value = _RANKS.get(action.purpose, _FOLLOW_UP)
    if action.policy == _INTEREST_POLICY and value > _FRESH_INTEREST:
        return _FRESH_INTEREST
    return value


def _order(action: Action, timezone: str) -> _Key:
    """The complete sort key of a due call: rank, priority, time, then who and what."""
    return (
        rank(action),
        -action.priority,
        micros(action.earliest),
        action.prospect_id or "",
        action.to or "",
        str(action.purpose),
        action.policy,
        micros(action.latest),
        timezone,
    )


def _goal(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise v.field_error(
            TypeError, "goal", f"expected a whole number of calls such as 50, got {value!r}"
        )
    if value < 0:
        raise v.field_error(ValueError, "goal", f"{value} is negative; use 0 or more calls")
    return value


def _is_goal(_instance: object, _attribute: Any, value: Any) -> None:
    _goal(value)


@attrs.frozen(kw_only=True)
class DayPlan:
    """One day's call list across many prospects, best first, capped by a daily goal."""

    day: date = attrs.field(validator=v.is_date)
    goal: int = attrs.field(validator=_is_goal)
    calls: tuple[Action, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Action)
    )
    """The calls to make, best first, at most ``goal``, at most one per prospect."""
    carried: tuple[Action, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Action)
    )
    """Calls due that day that did not fit, in the same order, for the next day."""
    plans: tuple[Plan, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Plan)
    )
    """Every prospect's plan, in input order: halts, vetoes and the other channels."""

    def by_time(self) -> tuple[Action, ...]:
        """Return the calls in the order of their ``earliest`` instant, ties by rank on the list."""
        order = sorted(range(len(self.calls)), key=lambda i: (micros(self.calls[i].earliest), i))
        return tuple(self.calls[i] for i in order)

    def explain(self) -> str:
        """Describe the list in plain text: one line per call, then the calls carried over."""
        due = len(self.calls) + len(self.carried)
        lines = [
            f"Call list for {self.day.isoformat()}: {len(self.calls)} of {due} due "
            f"(goal {self.goal})"
        ]
        if not due:
            lines.append("Nothing due.")
        lines.extend(_line(number, call) for number, call in enumerate(self.calls, 1))
        if self.carried:
            lines.append("Carried to the next day:")
            first = len(self.calls) + 1
            lines.extend(_line(number, call) for number, call in enumerate(self.carried, first))
        return "\n".join(lines)


def _line(number: int, call: Action) -> str:
    local = call.earliest
    where = getattr(local.tzinfo, "key", None) or str(local.tzinfo)
    return (
        f"{number:>3}. {local.hour:02d}:{local.minute:02d} {local.tzname()} ({where}) "
        f"· {call.prospect_id} · {call.purpose} · to {call.to or 'no number'} "
        f"· {call.reasons[0]}"
    )


def plan_day(
    pairs: Iterable[tuple[Prospect, Iterable[HistoryItem]]],
    *,
    day: date,
    goal: int = DEFAULT_GOAL,
    playbook: Playbook | None = None,
    now: datetime | None = None,
) -> DayPlan:
    """Plan every ``(prospect, history)`` pair and make ``day``'s call list from the calls due.

    ``now=None`` plans each prospect as of the first instant of ``day`` in
    its own zone; an aware ``now`` is used for everyone. A call is due when
    its ``earliest`` falls on local date ``day`` in the prospect's zone.
    Due calls are ranked: callbacks they asked for, fresh interest,
    follow-ups, intros, keep-in-touch, re-engagement; within a rank by
    higher priority, earlier time, prospect id and number. The first
    ``goal`` make the list, one per prospect id; the rest are carried.
    Every call on the list or carried names its prospect and is in the
    prospect's zone. The result does not depend on the order of ``pairs``.
    """
    day = v.a_date(day, "day")
    goal = _goal(goal)
    if playbook is not None and not isinstance(playbook, Playbook):
        raise TypeError(f"playbook: expected an orl.Playbook or None, got {playbook!r}")
    fixed = None if now is None else v.aware(now, "now")
    if isinstance(pairs, (str, bytes, Mapping)) or not isinstance(pairs, Iterable):
        raise TypeError(f"pairs: expected an iterable of (prospect, history) pairs, got {pairs!r}")

    starts: dict[str, datetime] = {}
    plans: list[Plan] = []
    due: list[tuple[_Key, Action]] = []
    for index, pair in enumerate(pairs):
        prospect, history = unpack_pair(index, pair)
        timezone = prospect.timezone
        moment = fixed
        if moment is None:
            moment = starts.get(timezone)
            if moment is None:
                moment = starts[timezone] = lawful_calendar(timezone).start_of_day(day)
        result = plan(prospect, history, now=moment, playbook=playbook)
        plans.append(result)
        tz = zone(timezone)
        for action in result.actions:
            if action.channel is not Channel.CALL:
                continue
            earliest = action.earliest
            local = earliest if earliest.tzinfo is tz else earliest.astimezone(tz)
            if local.date() != day:
                continue
            if local is not earliest or action.prospect_id != result.prospect_id:
                action = replace(
                    action,
                    earliest=local,
                    latest=action.latest.astimezone(tz),
                    prospect_id=result.prospect_id,
                )
            due.append((_order(action, timezone), action))

    calls: list[Action] = []
    carried: list[Action] = []
    listed: set[str | None] = set()
    for action in _ranked(due):
        if len(calls) < goal and action.prospect_id not in listed:
            calls.append(action)
            listed.add(action.prospect_id)
        else:
            carried.append(action)
    return DayPlan(day=day, goal=goal, calls=tuple(calls), carried=tuple(carried), plans=plans)


def _ranked(due: list[tuple[_Key, Action]]) -> list[Action]:
    """Sort the due calls by key; calls whose keys tie are ordered by their full text.

    Keys tie only for the same prospect id, number, purpose, policy and
    window, which takes two prospects sharing an id or a policy proposing
    twice: rare enough to pay for ``repr`` there, and it keeps the list
    independent of input order even then.
    """
    due.sort(key=_first)
    ranked: list[Action] = []
    for _, group in itertools.groupby(due, key=_first):
        actions = [action for _, action in group]
        if len(actions) > 1:
            actions.sort(key=repr)
        ranked.extend(actions)
    return ranked


def _first(item: tuple[_Key, Action]) -> _Key:
    return item[0]
