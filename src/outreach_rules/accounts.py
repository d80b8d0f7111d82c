"""Colleagues at one company planned together: account-level stops and holds, and spacing.

``plan_account`` plans the contacts of one account (``Prospect.account``)
as ``plan`` would, then lets what happened with one colleague shape the
others' plans, with a reason naming the colleague:

- a meeting booked by any of them stops the others' automated outreach;
- interest, a callback request or a reply holds it for ``hold_days``;
- a request that nobody at the company be contacted
  (``Event(kind="company_opt_out")``) stops everyone, for good;
- no two colleagues are touched on the same channel on the same day, and
  with ``min_gap_hours`` a colleague's touch on any channel counts toward the gap.

A personal opt-out or do-not-contact stays personal. Answers to the
prospect's own requests (the callback they asked for, a call back after
they called, the information they asked for) are never held or stopped by
a colleague's result, only by the company's request. What counts is
``AccountRules``, passed to ``plan_account``.

The contacts are planned in the order of their ids, so the input order
never changes a plan; the plans come back in input order. Pure, like
``plan``: ``now`` is an argument.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import date, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

import attrs

from outreach_rules import _validate as v
from outreach_rules._placement import in_hours
from outreach_rules._time import UTC, say_day, shift, show, span, zone
from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel, traits
from outreach_rules.engine import default_playbook, plan, plan_guarded, unpack_pair
from outreach_rules.guards import Veto, move
from outreach_rules.history import Attempt, Event, HistoryItem
from outreach_rules.outcomes import REACHING_OUT, REQUESTS, EventKind, Outcome
from outreach_rules.plans import Plan
from outreach_rules.playbooks import Playbook
from outreach_rules.prospects import Prospect
from outreach_rules.situation import Situation

__all__ = [
    "AccountRules",
    "account_rules",
    "check_one_account",
    "colleague_groups",
    "plan_account",
    "plan_by_account",
    "same_colleague",
]


def _outcomes(value: object) -> frozenset[Outcome]:
    items = v.as_frozenset(value)
    return frozenset(v.enum_value(Outcome, item, "outcomes item") for item in items)


def _kinds(value: object) -> frozenset[EventKind]:
    items = v.as_frozenset(value)
    return frozenset(v.enum_value(EventKind, item, "events item") for item in items)


def _purposes(value: object) -> frozenset[str]:
    return frozenset(str(item) for item in v.as_frozenset(value))


def _non_negative_days(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise v.field_error(
            ValueError, attribute.name, f"expected a whole number >= 0, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class AccountRules:
    """What one colleague's result does to the others, and how far apart colleagues are touched.

    Defaults: ``stops_on`` a booked meeting; ``holds_on`` interest and a
    callback request, and ``holds_on_events`` a reply, an interest and a
    call from them, each holding the colleagues for ``hold_days`` (14)
    days; ``exempt`` the answers to a prospect's own request (callback,
    reconnect, send_info); ``one_channel_a_day`` (no two colleagues on one
    channel the same day); ``min_gap_hours`` between touches to any two
    colleagues (0: off).
    """

    stops_on: frozenset[Outcome] = attrs.field(
        default=frozenset({Outcome.MEETING_BOOKED}), converter=_outcomes
    )
    holds_on: frozenset[Outcome] = attrs.field(default=REQUESTS, converter=_outcomes)
    holds_on_events: frozenset[EventKind] = attrs.field(
        default=REACHING_OUT,
        converter=_kinds,
    )
    hold_days: int = attrs.field(default=14, validator=_non_negative_days)
    exempt: frozenset[str] = attrs.field(
        default=frozenset({Purpose.CALLBACK, Purpose.RECONNECT, Purpose.SEND_INFO}),
        converter=_purposes,
    )
    one_channel_a_day: bool = attrs.field(default=True, validator=v.is_bool)
    min_gap_hours: int = attrs.field(default=0, validator=_non_negative_days)


_DEFAULT_RULES = AccountRules()
_NO_DAYS: dict[date, list[tuple[int, _Touch]]] = {}


@attrs.frozen(kw_only=True)
class _Touch:
    """A touch of one colleague: when, on which channel, who."""

    at: datetime
    channel: Channel
    who: str


class _Taken:
    """The colleagues touched on each local day of one zone, by channel kin, in the order met."""

    __slots__ = ("_days", "_zone")

    def __init__(self, place: ZoneInfo) -> None:
        self._zone = place
        self._days: dict[Channel, dict[date, list[tuple[int, _Touch]]]] = {}

    def add(self, owner: int, touch: _Touch) -> None:
        """Note ``touch``, of the colleague at position ``owner``."""
        by_day = self._days.get(touch.channel)
        if by_day is None:
            by_day = self._days[touch.channel] = {}
        day = touch.at.astimezone(self._zone).date()
        found = by_day.get(day)
        if found is None:
            by_day[day] = [(owner, touch)]
        else:
            found.append((owner, touch))

    def other(self, kin: Channel, day: date, me: int) -> _Touch | None:
        """The first touch on ``kin`` that ``day`` of a colleague other than ``me``, if any."""
        for owner, touch in self._days.get(kin, _NO_DAYS).get(day, ()):
            if owner != me:
                return touch
        return None


@attrs.frozen(kw_only=True)
class _Result:
    """A colleague's result that reaches the others."""

    at: datetime
    who: str
    what: str
    until: datetime | None
    """When the hold ends; ``None`` for a stop."""
    company: bool = False
    """The company asked that nobody be contacted."""


def plan_account(
    pairs: Iterable[tuple[Prospect, Iterable[HistoryItem]]],
    *,
    now: datetime,
    playbook: Playbook | None = None,
    rules: AccountRules | None = None,
) -> tuple[Plan, ...]:
    """Plan the contacts of one account together; the plans come back in input order.

    Every prospect must carry the same ``account`` (or all none), and ids
    must be unique. With one contact the plan is ``plan``'s.
    """
    now = v.aware(now, "now")
    book = default_playbook() if playbook is None else playbook
    if not isinstance(book, Playbook):
        raise TypeError(f"playbook: expected an orl.Playbook or None, got {playbook!r}")
    chosen = _DEFAULT_RULES if rules is None else rules
    if not isinstance(chosen, AccountRules):
        raise TypeError(f"rules: expected an orl.AccountRules or None, got {rules!r}")
    contacts: list[tuple[Prospect, tuple[HistoryItem, ...]]] = []
    for index, pair in enumerate(pairs):
        prospect, history = unpack_pair(index, pair)
        contacts.append((prospect, tuple(history)))
    check_one_account([prospect for prospect, _ in contacts])
    if len(contacts) == 1:
        prospect, history = contacts[0]
        return (plan(prospect, history, now=now, playbook=book),)

    return _together(contacts, now, book, chosen)


def _together(
    contacts: list[tuple[Prospect, tuple[HistoryItem, ...]]],
    now: datetime,
    book: Playbook,
    rules: AccountRules,
) -> tuple[Plan, ...]:
    """``plan_account`` on contacts already checked: one account, unique ids, an aware ``now``."""
    # In the order of the ids, whatever the input order: which colleague a reason names, and
    # who is planned first, must not depend on it.
    ordered = sorted(contacts, key=lambda pair: pair[0].id)
    results = [sorted(_results(p, h, rules), key=_order) for p, h in ordered]
    touched = [sorted(_touches(p, h), key=_when) for p, h in ordered]
    # Who is touched on which day, in each colleague's zone, read once for the account: the
    # colleagues' histories in the order of their ids, then each plan as it is made.
    taken: dict[ZoneInfo, _Taken] = {}
    planned: list[tuple[int, _Touch]] = []
    by_id: dict[str, Plan] = {}
    for index, (prospect, history) in enumerate(ordered):
        place = zone(prospect.timezone)
        days = taken.get(place)
        if days is None and rules.one_channel_a_day:
            days = taken[place] = _Taken(place)
            for owner, found in enumerate(touched):
                for touch in found:
                    days.add(owner, touch)
            for owner, touch in planned:
                days.add(owner, touch)
        guard = _AccountGuard(
            account=prospect.account or "this account",
            rules=rules,
            me=index,
            results=tuple(r for i, found in enumerate(results) if i != index for r in found),
            taken=days,
            touches=(
                (
                    *(t for i, found in enumerate(touched) if i != index for t in found),
                    *(touch for _, touch in planned),
                )
                if rules.min_gap_hours
                else ()
            ),
        )
        result = plan_guarded(prospect, history, now=now, playbook=book, guards=(guard,))
        stop = guard.stop()
        if stop is not None and not result.actions and result.halted is None:
            result = attrs.evolve(result, halted=stop)
        by_id[prospect.id] = result
        if result.actions:
            who = _name(prospect)
            for action in result.actions:
                touch = _Touch(at=action.earliest, channel=traits(action.channel).kin, who=who)
                planned.append((index, touch))
                for days in taken.values():
                    days.add(index, touch)
    return tuple(by_id[p.id] for p, _ in contacts)


def plan_by_account(
    pairs: Iterable[tuple[Prospect, Iterable[HistoryItem]]],
    *,
    now: datetime | Callable[[Prospect], datetime],
    playbook: Playbook | None = None,
    rules: AccountRules | None = None,
) -> list[Plan]:
    """Plan every pair, the colleagues of each account together; the plans come back in input order.

    The prospects that share an ``account`` are planned by ``plan_account``
    with ``rules``, the others by ``plan``: what a CRM's day, a batch or a
    command needs when its input mixes companies. ``now`` is an aware
    datetime, or a function giving each prospect its own moment (the start
    of the day in its zone, for a day's list); the colleagues of one account
    are then planned together as of the latest of their moments, so that
    nobody is planned before their own. Within an account, ids must be
    unique (a ``ValueError`` names both pairs). The order of ``pairs`` does
    not change any plan.
    """
    book = default_playbook() if playbook is None else playbook
    if not isinstance(book, Playbook):
        raise TypeError(f"playbook: expected an orl.Playbook or None, got {playbook!r}")
    if rules is not None and not isinstance(rules, AccountRules):
        raise TypeError(f"rules: expected an orl.AccountRules or None, got {rules!r}")
    moment_of = now if callable(now) else None
    fixed = None if moment_of is not None else v.aware(now, "now")
    contacts: list[tuple[Prospect, tuple[HistoryItem, ...]]] = []
    for index, pair in enumerate(pairs):
        prospect, history = unpack_pair(index, pair)
        contacts.append((prospect, tuple(history)))
    twins = same_colleague(prospect for prospect, _ in contacts)
    if twins is not None:
        first, index = twins
        prospect = contacts[index][0]
        raise ValueError(
            f"pairs[{index}]: prospect id {prospect.id!r} is also pairs[{first}]'s, at "
            f"account {prospect.account!r}; colleagues are told apart by their ids"
        )

    def moment(*indexes: int) -> datetime:
        if moment_of is None:
            assert fixed is not None
            return fixed
        return max((v.aware(moment_of(contacts[i][0]), "now") for i in indexes), key=_instant)

    chosen = _DEFAULT_RULES if rules is None else rules
    plans: list[Plan | None] = [None] * len(contacts)
    for group in colleague_groups([prospect for prospect, _ in contacts]):
        if len(group) > 1:
            # Checked above: one account, unique ids, aware moments.
            together = _together([contacts[i] for i in group], moment(*group), book, chosen)
            for index, result in zip(group, together, strict=True):
                plans[index] = result
        else:
            (index,) = group
            prospect, history = contacts[index]
            plans[index] = plan(prospect, history, now=moment(index), playbook=book)
    return cast(list[Plan], plans)


def colleague_groups(prospects: Sequence[Prospect]) -> tuple[tuple[int, ...], ...]:
    """The positions of the prospects planned or simulated together: each account's, in
    order, and each prospect without an account alone; ordered by their first position."""
    groups: dict[object, list[int]] = {}
    for index, prospect in enumerate(prospects):
        key = index if prospect.account is None else ("account", prospect.account)
        groups.setdefault(key, []).append(index)
    return tuple(tuple(group) for group in groups.values())


def same_colleague(prospects: Iterable[Prospect]) -> tuple[int, int] | None:
    """The positions of the first two prospects of one account with one id, or ``None``.

    Colleagues are told apart by their ids: two such prospects cannot be
    planned together. Prospects without an account are never twins.
    """
    seen: dict[tuple[str, str], int] = {}
    for index, prospect in enumerate(prospects):
        if prospect.account is not None:
            first = seen.setdefault((prospect.account, prospect.id), index)
            if first != index:
                return first, index
    return None


def account_rules(accounts: object, field: str = "accounts") -> AccountRules | None:
    """The rules an ``accounts=`` switch asks for: ``True`` the default ``AccountRules``, an
    ``AccountRules`` itself, ``False`` none (everyone planned alone); else a ``TypeError``
    naming ``field``."""
    if isinstance(accounts, AccountRules):
        return accounts
    if accounts is True:
        return _DEFAULT_RULES
    if accounts is False:
        return None
    raise TypeError(
        f"{field}: expected True, False or an orl.AccountRules, got {type(accounts).__name__} "
        f"{accounts!r:.80}"
    )


def _instant(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def check_one_account(prospects: Sequence[Prospect], field: str = "pairs") -> None:
    """Refuse colleagues who cannot be taken together: two with one id, or two accounts.

    ``field`` names the argument in the ``ValueError`` (``pairs[2]: ...``).
    """
    seen: dict[str, int] = {}
    for index, prospect in enumerate(prospects):
        if prospect.id in seen:
            raise ValueError(
                f"{field}[{index}]: prospect id {prospect.id!r} is there twice (also "
                f"{field}[{seen[prospect.id]}]); ids must be unique"
            )
        seen[prospect.id] = index
    accounts = {prospect.account for prospect in prospects}
    if len(accounts) > 1:
        shown = ", ".join(sorted(repr(a) for a in accounts))
        raise ValueError(
            f"{field}: expected the colleagues of one account, got different accounts ({shown}); "
            "take each account in a call of its own"
        )


def _name(prospect: Prospect) -> str:
    return prospect.name or prospect.id


def _results(
    prospect: Prospect, history: tuple[HistoryItem, ...], rules: AccountRules
) -> list[_Result]:
    """What in one colleague's history reaches the others."""
    who = _name(prospect)
    hold = timedelta(days=rules.hold_days)
    found = []
    for item in history:
        if type(item) is Event and item.kind is EventKind.COMPANY_OPT_OUT:
            found.append(
                _Result(at=item.at, who=who, what="asked that nobody be contacted", until=None,
                        company=True)
            )  # fmt: skip
        elif type(item) is Attempt and item.outcome in rules.stops_on:
            found.append(_Result(at=item.at, who=who, what=_said(item.outcome), until=None))
        elif type(item) is Attempt and item.outcome in rules.holds_on and hold:
            found.append(
                _Result(at=item.at, who=who, what=_said(item.outcome), until=item.at + hold)
            )
        elif type(item) is Event and item.kind in rules.holds_on_events and hold:
            found.append(_Result(at=item.at, who=who, what=_said(item.kind), until=item.at + hold))
    return found


def _order(result: _Result) -> tuple[datetime, str]:
    return (result.at, result.what)


def _said(what: Outcome | EventKind) -> str:
    return {
        Outcome.MEETING_BOOKED: "booked a meeting",
        Outcome.INTERESTED: "showed interest",
        Outcome.CALLBACK_REQUESTED: "asked to be called back",
        EventKind.REPLY: "replied",
        EventKind.INTEREST: "showed interest",
        EventKind.CALLBACK: "called us",
    }.get(what, str(what).replace("_", " "))


def _when(touch: _Touch) -> tuple[datetime, str]:
    return (touch.at, str(touch.channel))


def _touches(prospect: Prospect, history: tuple[HistoryItem, ...]) -> list[_Touch]:
    return [
        _Touch(at=item.at, channel=traits(item.channel).kin, who=_name(prospect))
        for item in history
        if type(item) is Attempt
    ]


@attrs.define(kw_only=True, eq=False)
class _AccountGuard:
    """The account's word on one colleague's actions (built per call of ``plan_account``)."""

    account: str
    rules: AccountRules
    me: int
    """This colleague's position among the account's, in the order of the ids."""
    results: tuple[_Result, ...]
    taken: _Taken | None
    """The account's touches by day in this colleague's zone (with ``one_channel_a_day``)."""
    touches: tuple[_Touch, ...]
    """The colleagues' touches, for ``min_gap_hours`` (empty without a gap)."""
    name: str = "account"
    _stopped: str | None = None

    def stop(self) -> str | None:
        """Why this colleague's automated outreach stopped, if it did."""
        return self._stopped

    def __call__(
        self, action: Action, *, situation: Situation, planned: tuple[Action, ...]
    ) -> Action | Veto:
        """Veto, hold or space ``action`` by what happened with the colleagues."""
        if self.results:
            answer = self._heard(action, situation)
            if answer is not None:
                return answer
        if action.purpose in self.rules.exempt:
            return action  # the time they asked for is theirs, whoever else is called that day
        return self._spaced(action, situation)

    def _heard(self, action: Action, situation: Situation) -> Action | Veto | None:
        """The stop or hold a colleague's result puts on ``action``, if any."""
        local = situation.local
        known = [result for result in self.results if result.at <= situation.now]
        # A stop outweighs a hold, whichever came first: a colleague who showed interest and
        # then booked the meeting stops the others, rather than holding them until a date
        # (the engine does not ask a guard again about the action it moved).
        ordered = [r for r in known if r.until is None] + [r for r in known if r.until is not None]
        for result in ordered:
            said = f"{result.who} at {self.account} {result.what} on {show(local(result.at))}"
            if result.company:
                self._stopped = f"do not contact: {said}"
                return Veto(reason=self._stopped)
            if action.purpose in self.rules.exempt:
                continue
            if result.until is None:
                self._stopped = f"{said}: automated outreach to the colleagues stops"
                return Veto(reason=self._stopped)
            if action.earliest < result.until:
                return move(
                    action,
                    local(result.until),
                    reason=f"{said}: the colleagues wait until {show(local(result.until))}",
                    guard=self.name,
                )
        return None

    def _why(self, taken: _Taken, day: date, free: date, kin: Channel, situation: Situation) -> str:
        """Why the days from ``day`` up to ``free`` are taken: the colleague touched on each."""
        label = traits(kin).label
        first = taken.other(kin, day, self.me)
        assert first is not None
        if free - day == timedelta(days=1):
            return (
                f"{first.who} at {self.account} gets {label} that day "
                f"({show(situation.local(first.at))}): one colleague a day per channel"
            )
        names = []
        at = day
        while at < free:
            touch = taken.other(kin, at, self.me)
            assert touch is not None
            names.append(touch.who)
            at += timedelta(days=1)
        return (
            f"colleagues at {self.account} get {label} on each day from {say_day(day)} to "
            f"{say_day(free - timedelta(days=1))} ({', '.join(names)}): one colleague a day "
            "per channel"
        )

    def _spaced(self, action: Action, situation: Situation) -> Action:
        start = action.earliest
        taken = self.taken
        if taken is not None:
            kin = traits(action.channel).kin
            day = start.astimezone(situation.zone).date()
            if taken.other(kin, day, self.me) is not None:
                free = day + timedelta(days=1)
                while taken.other(kin, free, self.me) is not None:
                    free += timedelta(days=1)
                to = situation.calendar.start_of_day(free)
                latest = None
                if traits(kin).office_hours:
                    # Straight into business hours from that day, as the hours guard would place
                    # the start of the day: one move where there would be three.
                    with suppress(ValueError):  # nothing opens ahead: the hours guard says so
                        to, latest = in_hours(
                            situation.calendar, to, shift(to, span(action.earliest, action.latest))
                        )
                moved = move(
                    action, to, reason=self._why(taken, day, free, kin, situation),
                    guard=self.name, latest=latest,
                )  # fmt: skip
                if latest is not None:
                    situation.placed_in_hours(moved)  # by the hours guard's own rule
                return moved
        if not self.rules.min_gap_hours:
            return action
        gap = timedelta(hours=self.rules.min_gap_hours)
        for touch in self.touches:
            if touch.at <= start < touch.at + gap:
                return move(
                    action,
                    situation.local(touch.at + gap),
                    reason=f"{touch.who} at {self.account} was touched at "
                    f"{show(situation.local(touch.at))}: colleagues at least {gap} apart",
                    guard=self.name,
                )
        return action
