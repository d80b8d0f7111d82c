"""The day planner: many prospects' plans turned into one day's work (practice 4).

Calls happen on a schedule, not as a last resort: each morning the caller
works down one list, best first, capped by a daily goal. Beside the calls
the day has its tasks, the touches that do not need the prospect on the
line (letters, notes, postcards, e-mails, texts, LinkedIn, voicemail
drops), best first. What does not fit is carried to the next day.

How a day is made, in three steps, each in one place:

1. ``plan_day`` collects every touch whose ``earliest`` falls on the day
   (in the rep's zone when ``zone`` is given, else the prospect's), and
   sorts each into calls or tasks by asking the channel table: a touch on
   a synchronous channel is a call, any other a task. A voicemail drop is a
   task: nobody has to pick up, so it costs the caller no time on the line
   and does not count against the goal (its lawful hours are the guards'
   business and were kept when it was planned).
2. The calls are ranked (``rank``, then priority and time), the tasks by
   priority and time.
3. ``_select`` offers the touches, calls first and each list in its order,
   to the capacity rules of the touch's owner in turn (the team's first: one
   colleague of an account a day, one call per prospect; then the owner's:
   the goal, the limit of each channel). The first rule that refuses a touch
   carries it, with that rule's reason added to the touch's reasons; a touch
   no rule refuses is taken, and every rule counts it. A new limit on a day
   (a mailbox's ramp-up, a rep's calendar) is one more rule in that tuple,
   and nothing else changes.
"""

from __future__ import annotations

import bisect
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Protocol, TypeAlias

import attrs

from outreach_rules import _time, compliance
from outreach_rules import _validate as v
from outreach_rules._time import EPOCH, micros
from outreach_rules.accounts import AccountRules, account_rules, plan_by_account
from outreach_rules.actions import Action, Purpose, replace, with_reasons
from outreach_rules.capacity import Mailbox, Rep, RepCalendar, channel_limits
from outreach_rules.channels import Channel, channels_where, traits
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

# The channels of the call list, and those a rep's day off stops: asked of the
# table once, so that the day's rules test a touch with one set look-up.
_CALLS = channels_where(synchronous=True)
_BY_HAND = channels_where(by_hand=True)

# The order of due touches. A call's key is rank, priority (higher first),
# time, prospect; a task's is priority, time, prospect, channel. Each list is
# sorted by these parts one at a time, the least significant first (Python's
# sort is stable), so that no key tuple is made per touch: on a large batch
# those tuples cost more than the sorts, in time and in garbage collection.
# Touches whose keys tie (only one prospect's, at one time and priority) are
# then ordered by the tail of the key and, past that, by their full text.
# Times count from the epoch: ordered as their instants, fold included.
_Head: TypeAlias = tuple[object, ...]
_Tail: TypeAlias = tuple[str, str, str, timedelta, str]
_Pass: TypeAlias = tuple[Callable[[Action], Any], bool]
"""One sort of a list: by this key, descending when the flag is set."""

_prospect = operator.attrgetter("prospect_id")
_priority = operator.attrgetter("priority")


def _since_epoch(action: Action) -> timedelta:
    return action.earliest - EPOCH


def _channel(action: Action) -> str:
    return action.channel.value


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


def _head(action: Action) -> _Head:
    """A due call's sort key: rank, priority, time, prospect."""
    return (rank(action), -action.priority, _since_epoch(action), action.prospect_id)


def _task_head(action: Action) -> _Head:
    """A due task's sort key: priority, time, prospect, channel."""
    return (-action.priority, _since_epoch(action), action.prospect_id, action.channel.value)


# The same keys as passes of a stable sort, least significant first.
_CALL_PASSES: tuple[_Pass, ...] = (
    (_prospect, False),
    (_since_epoch, False),
    (_priority, True),
    (rank, False),
)
_TASK_PASSES: tuple[_Pass, ...] = (
    (_channel, False),
    (_prospect, False),
    (_since_epoch, False),
    (_priority, True),
)


def _tail(action: Action) -> _Tail:
    """What orders due touches whose keys tie: number, purpose, policy, end, zone.

    A due touch is written in its prospect's zone, so the zone of its ``earliest`` is theirs.
    """
    return (
        action.to or "",
        str(action.purpose),
        action.policy,
        action.latest - EPOCH,
        str(action.earliest.tzinfo),
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


def _rep_zone(value: object) -> str | None:
    """Check ``zone``: the rep's IANA zone name, or ``None``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise v.field_error(
            TypeError,
            "zone",
            f"expected an IANA zone name such as 'Europe/Stockholm', got {value!r}",
        )
    try:
        _time.zone(value)
    except ValueError as exc:
        raise v.field_error(ValueError, "zone", str(exc).removeprefix("timezone: ")) from None
    return value


def _is_rep_zone(_instance: object, _attribute: Any, value: Any) -> None:
    _rep_zone(value)


def _limits(value: object) -> dict[Channel, int]:
    """Check ``limits``: a mapping of non-call channels (or their names) to whole numbers ≥ 0."""
    if isinstance(value, tuple):
        raise v.field_error(
            TypeError, "limits", f"expected a mapping such as {{'email': 50}}, got {value!r}"
        )
    return channel_limits(value)


def _limit_pairs(value: object) -> tuple[tuple[Channel, int], ...]:
    return tuple(sorted(channel_limits(value).items()))


@attrs.frozen(kw_only=True)
class DayPlan:
    """One day's work across many prospects: the call list capped by a goal, then the tasks."""

    day: date = attrs.field(validator=v.is_date)
    goal: int = attrs.field(validator=_is_goal)
    calls: tuple[Action, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Action)
    )
    """The calls to make, best first, at most ``goal``, at most one per prospect."""
    carried: tuple[Action, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Action)
    )
    """Touches due that day that did not fit, for the next day: the calls in list order, then
    the tasks; the last reason of each says why it did not fit."""
    plans: tuple[Plan, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Plan)
    )
    """Every prospect's plan, in input order: halts, vetoes and the other channels."""
    tasks: tuple[Action, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Action)
    )
    """The day's touches that need nobody on the line (mail, e-mails, texts, LinkedIn,
    voicemail drops), best first: higher priority, then earlier; within the day's limits."""
    prospects: tuple[Prospect, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Prospect)
    )
    """Every prospect, in input order beside ``plans``: the names the lists show."""
    zone: str | None = attrs.field(default=None, validator=_is_rep_zone)
    """The rep's IANA zone: the day is the rep's day, and lists show the rep's time too."""
    limits: tuple[tuple[Channel, int], ...] = attrs.field(default=(), converter=_limit_pairs)
    """The day's limits per channel (each rep's, unless their ``Rep`` has its own)."""
    mailbox: Mailbox | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Mailbox))
    )
    """The mailbox of the e-mails of prospects whose owner has no mailbox of their own."""
    calendar: RepCalendar | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(RepCalendar)),
    )
    """The working calendar of owners without one of their own."""
    reps: tuple[Rep, ...] = attrs.field(default=(), converter=v.as_tuple, validator=v.all_of(Rep))
    """The team: each rep's own goal, limits, mailbox and calendar, by ``Prospect.owner``."""

    def owner_of(self, prospect_id: str | None) -> str | None:
        """The owner of the prospect with that id (``Prospect.owner``), ``None`` when unowned."""
        for who in self.prospects:
            if who.id == prospect_id:
                return who.owner
        return None

    def accounts(self) -> dict[str, str]:
        """Each prospect's account (``Prospect.account``) by id, for those who have one."""
        return {p.id: p.account for p in self.prospects if p.account is not None}

    def account_of(self, prospect_id: str | None) -> str | None:
        """The account of the prospect with that id (``Prospect.account``), ``None`` when none."""
        for who in self.prospects:
            if who.id == prospect_id:
                return who.account
        return None

    def owners(self) -> tuple[str | None, ...]:
        """Every owner of the day, by name, then ``None`` when some prospects have none."""
        named = {p.owner for p in self.prospects if p.owner is not None}
        named.update(r.name for r in self.reps)
        unowned = any(p.owner is None for p in self.prospects)
        return (*sorted(named), *((None,) if unowned else ()))

    def rep(self, name: str | None) -> Rep:
        """The capacity of ``name``'s list: their ``Rep``, the day's defaults filled in."""
        own = next((r for r in self.reps if r.name == name), None)
        return Rep(
            name=name or "unassigned",
            goal=self.goal if own is None or own.goal is None else own.goal,
            limits=own.limits if own is not None and own.limits else self.limits,
            mailbox=own.mailbox if own is not None and own.mailbox is not None else self.mailbox,
            calendar=(
                own.calendar if own is not None and own.calendar is not None else self.calendar
            ),
        )

    def for_owner(self, name: str | None) -> DayPlan:
        """The part of the day that is ``name``'s (``None``: the unowned), as a DayPlan."""
        mine = {p.id for p in self.prospects if p.owner == name}
        rep = self.rep(name)
        return attrs.evolve(
            self,
            goal=rep.goal if rep.goal is not None else self.goal,
            calls=tuple(a for a in self.calls if a.prospect_id in mine),
            tasks=tuple(a for a in self.tasks if a.prospect_id in mine),
            carried=tuple(a for a in self.carried if a.prospect_id in mine),
            plans=tuple(p for p in self.plans if p.prospect_id in mine),
            prospects=tuple(p for p in self.prospects if p.id in mine),
            limits=rep.limits,
            mailbox=rep.mailbox,
            calendar=rep.calendar,
            reps=tuple(r for r in self.reps if r.name == name),
        )

    def used(self) -> str:
        """The capacity used, e.g. ``calls 3/50 · e-mails 12/20 (sam@acme.example)``."""
        parts = [f"calls {len(self.calls)}/{self.goal}"]
        counts = Counter(a.channel for a in self.tasks)
        for channel, most in self.limits:
            parts.append(f"{traits(channel).plural} {counts[channel]}/{most}")
        if self.mailbox is not None:
            most = self.mailbox.limit_on(self.day)
            parts.append(
                f"mailbox {self.mailbox.address} {counts[Channel.EMAIL]}/{most}"
                + _ramp_note(self.mailbox, self.day)
            )
        if self.calendar is not None:
            off = self.calendar.day_off(self.day)
            parts.append(f"away: {off}" if off else f"hours {self.calendar.describe_hours()}")
        return " · ".join(parts)

    def usage(self) -> tuple[tuple[str, int, int | None], ...]:
        """What the day used of its capacity, as ``(what, used, most)`` rows.

        ``calls`` against the goal; each channel of the day's tasks or limits, by its value
        (``email``, ``linkedin``, ...), against its limit (``None``: no limit); ``mailbox
        ADDRESS`` against the mailbox's limit that day. A team's day counts every rep's lists
        together: ask ``for_owner(name).usage()`` for one rep's.
        """
        rows: list[tuple[str, int, int | None]] = [("calls", len(self.calls), self.goal)]
        counts = Counter(a.channel for a in self.tasks)
        limits = dict(self.limits)
        for channel in sorted(counts.keys() | limits.keys()):
            rows.append((channel.value, counts[channel], limits.get(channel)))
        if self.mailbox is not None:
            rows.append(
                (
                    f"mailbox {self.mailbox.address}",
                    counts[Channel.EMAIL],
                    self.mailbox.limit_on(self.day),
                )
            )
        return tuple(rows)

    def by_time(self) -> tuple[Action, ...]:
        """Return the calls in the order of their ``earliest`` instant, ties by rank on the list."""
        order = sorted(range(len(self.calls)), key=lambda i: (micros(self.calls[i].earliest), i))
        return tuple(self.calls[i] for i in order)

    def explain(self) -> str:
        """Describe the day in plain text: one line per call, then the tasks, then what is carried.

        Each line names the prospect and, when they have one, their account ("Ada Lovelace
        (ada) at acme"); a task's line names its channel; a carried touch's line ends with why
        it did not fit. A team's day (prospects with an ``owner``) is told rep by rep, each with
        its capacity.
        """
        owners = self.owners()
        if owners and owners != (None,):
            parts = []
            for name in owners:
                part = self.for_owner(name)
                title = name if name is not None else "Unassigned"
                parts.append(f"== {title}: {part.used()}\n{part._explain_one()}")
            return "\n\n".join(parts)
        text = self._explain_one()
        if self.limits or self.mailbox is not None or self.calendar is not None:
            text += f"\nUsed: {self.used()}"
        return text

    def _explain_one(self) -> str:
        carried_calls = sum(1 for a in self.carried if traits(a.channel).synchronous)
        due = len(self.calls) + carried_calls
        whose = f" ({self.zone})" if self.zone is not None else ""
        lines = [
            f"Call list for {self.day.isoformat()}{whose}: {len(self.calls)} of {due} due "
            f"(goal {self.goal})"
        ]
        names = {p.id: p.name for p in self.prospects if p.name}
        accounts = self.accounts()
        here = _time.zone(self.zone) if self.zone is not None else None

        def _line(number: int, touch: Action) -> str:
            return _describe(number, touch, self.day, names, accounts, here)

        if not due and not self.tasks and not self.carried:
            lines.append("Nothing due.")
        lines.extend(_line(number, call) for number, call in enumerate(self.calls, 1))
        number = len(self.calls)
        if self.tasks or len(self.carried) > carried_calls:
            counts = Counter(traits(a.channel).plural for a in self.tasks)
            each = ", ".join(f"{what} {count}" for what, count in counts.items())
            lines.append(f"Tasks: {len(self.tasks)}" + (f" ({each})" if each else ""))
            for task in self.tasks:
                number += 1
                lines.append(_line(number, task))
        if self.carried:
            lines.append("Carried to the next day:")
            for touch in self.carried:
                number += 1
                lines.append(f"{_line(number, touch)} · {touch.reasons[-1]}")
        return "\n".join(lines)


def _ramp_note(mailbox: Mailbox, day: date) -> str:
    number = mailbox.ramp_day(day)
    return "" if number is None or number < 1 else f", ramp-up day {number}"


def _describe(
    number: int,
    touch: Action,
    day: date,
    names: Mapping[str, str],
    accounts: Mapping[str, str],
    here: tzinfo | None,
) -> str:
    """One line of a day list: when (theirs, then the rep's), how, who (and their account), why."""
    local = touch.earliest
    where = getattr(local.tzinfo, "key", None) or str(local.tzinfo)
    when = f"{_clock(local, day)} ({where})"
    if here is not None and here is not local.tzinfo:
        mine = local.astimezone(here)
        when = f"{when} · yours {_clock(mine, day)}"
    known = traits(touch.channel)
    how = "" if known.synchronous else f"{known.title} · "
    who = touch.prospect_id or "?"
    name = names.get(who)
    account = accounts.get(who)
    if name is not None:
        who = f"{name} ({who})"
    if account is not None:
        who = f"{who} at {account}"
    return (
        f"{number:>3}. {when} · {how}{who} · {touch.purpose} "
        f"· to {touch.to or _nowhere(touch)} · {touch.reasons[0]}"
    )


def _clock(moment: datetime, day: date) -> str:
    """``14:00 EDT``, after the weekday when ``moment`` falls on another date than ``day``."""
    clock = f"{moment.hour:02d}:{moment.minute:02d} {moment.tzname()}"
    if moment.date() != day:
        clock = f"{moment:%a} {clock}"
    return clock


def _nowhere(touch: Action) -> str:
    return "no number" if traits(touch.channel).is_phone else "no address"


def plan_day(
    pairs: Iterable[tuple[Prospect, Iterable[HistoryItem]]],
    *,
    day: date,
    goal: int = DEFAULT_GOAL,
    playbook: Playbook | None = None,
    now: datetime | None = None,
    limits: Mapping[Channel | str, int] | None = None,
    zone: str | None = None,
    one_per_account: bool = True,
    mailbox: Mailbox | None = None,
    calendar: RepCalendar | None = None,
    reps: Iterable[Rep] = (),
    accounts: AccountRules | bool = True,
) -> DayPlan:
    """Plan every ``(prospect, history)`` pair and make ``day``'s call list and tasks.

    ``now=None`` plans each prospect as of the first instant of ``day`` in
    its own zone; an aware ``now`` is used for everyone. A call is due when
    its ``earliest`` falls on local date ``day`` in the prospect's zone.
    Due calls are ranked: callbacks they asked for, fresh interest,
    follow-ups, intros, keep-in-touch, re-engagement; within a rank by
    higher priority, earlier time, prospect id and number. The first
    ``goal`` make the list, one per prospect id; the rest are carried.

    The other touches due that day (every channel that is not
    synchronous: mail, e-mails, texts, LinkedIn, voicemail drops) are the
    day's ``tasks``, by higher priority, then earlier time, prospect id and
    channel. ``limits`` maps a channel (or its name) to the most touches of
    it on the day, e.g. ``{"email": 50, "sms": 100, "linkedin": 20}``;
    tasks over a limit are carried with the reason. Calls are bounded by
    ``goal`` alone: a limit for a call is a ``ValueError``, as is an
    unknown channel or a negative number, each naming its key.

    Colleagues (prospects with the same ``Prospect.account``) are planned
    together by ``orl.plan_account`` with ``accounts`` (``True``: the
    default ``AccountRules``), as of the latest start of their day, so a
    meeting one of them booked stops the others' outreach and interest
    holds it; ``accounts=False`` plans everyone alone. Colleagues are told
    apart by their ids: two pairs of one account with one prospect id are a
    ``ValueError`` naming both, unless ``accounts=False``. With
    ``one_per_account`` (the default) one prospect of an account
    (``Prospect.account``) is touched a day: the colleague whose touch comes
    first in the list gets the day, and the others' touches are carried,
    naming the colleague. Prospects without an account are their own.

    ``zone`` is the rep's IANA zone: when given, a touch is due when its
    ``earliest`` falls on ``day`` in the rep's zone (the rep's day, not the
    prospect's), ``now=None`` plans everyone as of the start of ``day``
    there, and ``explain()`` shows the rep's time beside the prospect's.

    ``mailbox`` sends the day's e-mails: at most ``mailbox.limit_on(day)``
    (its ramp-up), each given its own send time (its ``earliest``), at
    least ``gap_minutes`` after the mailbox's other sends, inside the
    mailbox's send window, the action's own window and the law's hours for
    e-mail; an e-mail that does not fit is carried naming the mailbox and
    its limit that day. ``calendar`` is the rep's: on a day off the calls
    and the hand tasks (``traits(...).by_hand``: LinkedIn, handwritten
    notes) are carried naming the time off, while automatic sends (e-mail,
    texts, mail) go on; a call whose window misses the working hours is
    carried, one that starts before them starts when they do.

    A team's day: each prospect is its ``owner``'s (``Prospect.owner``),
    and each owner's list has its own capacity: the ``Rep`` of that name in
    ``reps`` (its goal, limits, mailbox, calendar), else ``goal``,
    ``limits``, ``mailbox`` and ``calendar`` as given. Prospects without an
    owner are one more list with those defaults. A mailbox shared by
    several reps (one address) is counted once for all of them. One colleague
    of an account a day holds across the team.

    Every touch listed or carried names its prospect and is in the
    prospect's zone; every carried touch's last reason says why it did not
    fit. The result does not depend on the order of ``pairs``.
    """
    day = v.a_date(day, "day")
    goal = _goal(goal)
    most = _limits(limits)
    rep = _rep_zone(zone)
    if playbook is not None and not isinstance(playbook, Playbook):
        raise TypeError(f"playbook: expected an orl.Playbook or None, got {playbook!r}")
    fixed = None if now is None else v.aware(now, "now")
    if isinstance(pairs, (str, bytes, Mapping)) or not isinstance(pairs, Iterable):
        raise TypeError(f"pairs: expected an iterable of (prospect, history) pairs, got {pairs!r}")
    # Every argument checked before the batch is planned, which may take a while.
    if not isinstance(one_per_account, bool):
        raise TypeError(f"one_per_account: expected True or False, got {one_per_account!r}")
    if mailbox is not None and not isinstance(mailbox, Mailbox):
        raise TypeError(f"mailbox: expected an orl.Mailbox or None, got {mailbox!r}")
    if calendar is not None and not isinstance(calendar, RepCalendar):
        raise TypeError(f"calendar: expected an orl.RepCalendar or None, got {calendar!r}")
    team = _team(reps)

    due_calls: list[Action] = []
    due_tasks: list[Action] = []
    starts: dict[str, datetime] = {}
    zones: dict[str, tzinfo] = {}
    here = None if rep is None else _time.zone(rep)

    def moment_of(prospect: Prospect) -> datetime:
        if fixed is not None:
            return fixed
        # The day starts in the rep's zone when one is given, else in the prospect's.
        home = prospect.timezone if rep is None else rep
        moment = starts.get(home)
        if moment is None:
            moment = starts[home] = lawful_calendar(home).start_of_day(day)
        return moment

    together = account_rules(accounts)
    given = [unpack_pair(index, pair) for index, pair in enumerate(pairs)]
    people = [prospect for prospect, _ in given]
    if together is not None and any(prospect.account is not None for prospect in people):
        # Colleagues planned together: one's meeting stops the others' day, interest holds it.
        plans = plan_by_account(given, now=moment_of, playbook=playbook, rules=together)
    else:
        plans = [plan(p, h, now=moment_of(p), playbook=playbook) for p, h in given]
    for result in plans:
        if not result.actions:
            continue
        tz = zones.get(result.timezone)
        if tz is None:
            tz = zones[result.timezone] = _time.zone(result.timezone)
        for touch in result.actions:
            earliest = touch.earliest
            local = earliest if earliest.tzinfo is tz else earliest.astimezone(tz)
            if (local if here is None or here is tz else local.astimezone(here)).date() != day:
                continue
            if local is not earliest or touch.prospect_id != result.prospect_id:
                # Due touches name their prospect and are written in the prospect's zone.
                touch = replace(
                    touch,
                    earliest=local,
                    latest=touch.latest.astimezone(tz),
                    prospect_id=result.prospect_id,
                )
            if touch.channel in _CALLS:
                due_calls.append(touch)
            else:
                due_tasks.append(touch)

    # The day's settings first, for each owner's capacity; its lists are added
    # once, at the end, so that the many plans and touches are checked once.
    settings = DayPlan(
        day=day,
        goal=goal,
        zone=rep,
        limits=most,
        mailbox=mailbox,
        calendar=calendar,
        reps=tuple(team[name] for name in sorted(team)),
    )
    by_id = _one_per_id(people)
    owners: dict[str | None, str | None] = {i: p.owner for i, p in by_id.items()}
    mailboxes: dict[str, _MailboxSends] = {}
    # The rules the whole team shares come first in every owner's rules.
    shared: tuple[_Capacity, ...] = (_OneCallEach(),)
    if one_per_account:
        shared = (_OneProspectPerAccount(by_id), *shared)

    def capacity(owner: str | None) -> tuple[_Capacity, ...]:
        own = settings.rep(owner)
        rules: list[_Capacity] = [*shared]
        hours = None if own.calendar is None else _WorkingDays(own.calendar, owner, day, rep, by_id)
        if hours is not None and hours.off is not None:
            rules.append(hours)
        rules.append(_Goal(goal if own.goal is None else own.goal))
        if hours is not None and hours.off is None:
            # After the goal: a call the goal refuses anyway costs no look at the hours.
            rules.append(hours)
        rules.append(_ChannelLimits(dict(own.limits)))
        if own.mailbox is not None:
            sends = mailboxes.get(own.mailbox.address)
            if sends is None:
                sends = mailboxes[own.mailbox.address] = _MailboxSends(own.mailbox, day, by_id)
            rules.append(sends)
        return tuple(rules)

    ranked = _ranked(due_calls, _CALL_PASSES, _head) + _ranked(due_tasks, _TASK_PASSES, _task_head)
    calls, tasks, carried = _select(ranked, owners, capacity)
    return DayPlan(
        day=day,
        goal=goal,
        calls=calls,
        carried=carried,
        plans=plans,
        tasks=tasks,
        prospects=people,
        zone=rep,
        limits=most,
        mailbox=mailbox,
        calendar=calendar,
        reps=settings.reps,
    )


def _team(reps: object) -> dict[str, Rep]:
    """Check ``reps``: an iterable of ``Rep`` with distinct names."""
    if isinstance(reps, (str, bytes, Mapping)) or not isinstance(reps, Iterable):
        raise TypeError(f"reps: expected an iterable of orl.Rep, got {reps!r}")
    team: dict[str, Rep] = {}
    for i, member in enumerate(reps):
        if not isinstance(member, Rep):
            raise TypeError(f"reps[{i}]: expected an orl.Rep, got {member!r}")
        if member.name in team:
            raise ValueError(f"reps[{i}]: {member.name!r} is named twice; one Rep per name")
        team[member.name] = member
    return team


class _Capacity(Protocol):
    """A limit on what one day can hold: refuses a touch with a reason, or counts it in."""

    def refuse(self, touch: Action) -> str | None:
        """Why ``touch`` does not fit the day, or ``None`` when it does."""

    def take(self, touch: Action) -> Action:
        """Count ``touch`` as part of the day; return it as the day holds it (a send time set)."""


class _OneCallEach:
    """One call per prospect a day: the best one; the others wait."""

    WHY = "carried: one call per prospect a day, and a better one is on the list"

    def __init__(self) -> None:
        self.called: set[str | None] = set()

    def refuse(self, touch: Action) -> str | None:
        if touch.channel in _CALLS and touch.prospect_id in self.called:
            return self.WHY
        return None

    def take(self, touch: Action) -> Action:
        if touch.channel in _CALLS:
            self.called.add(touch.prospect_id)
        return touch


class _Goal:
    """The day's goal: at most that many calls."""

    def __init__(self, goal: int) -> None:
        self.left = goal
        self.goal = goal
        # One text for every call the goal carries: most of a large batch is carried here.
        self.why = f"carried: the day's goal of calls ({goal}) is met"

    def refuse(self, touch: Action) -> str | None:
        if self.left <= 0 and touch.channel in _CALLS:
            return self.why
        return None

    def take(self, touch: Action) -> Action:
        if touch.channel in _CALLS:
            self.left -= 1
        return touch


class _ChannelLimits:
    """The most touches of a channel a day (``limits``); a channel not named has no limit."""

    def __init__(self, limits: Mapping[Channel, int]) -> None:
        self.limits = limits
        self.taken: Counter[Channel] = Counter()
        self.why = {
            channel: f"carried: the day's limit for {traits(channel).plural} ({most}) is reached"
            for channel, most in limits.items()
        }

    def refuse(self, touch: Action) -> str | None:
        most = self.limits.get(touch.channel)
        if most is not None and self.taken[touch.channel] >= most:
            return self.why[touch.channel]
        return None

    def take(self, touch: Action) -> Action:
        self.taken[touch.channel] += 1
        return touch


def _one_per_id(people: Iterable[Prospect]) -> dict[str, Prospect]:
    """Each id's prospect, for the day's rules that look one up by a touch's ``prospect_id``.

    ``plan_day`` takes several pairs with one id (one call per id makes the
    list); of those, the one whose owner, account, zone and name sort first
    speaks for the id, so that no input order decides whose list a call is
    on or which account it counts for.
    """
    found: dict[str, Prospect] = {}
    for prospect in people:
        known = found.get(prospect.id)
        if known is None or _rank(prospect) < _rank(known):
            found[prospect.id] = prospect
    return found


def _rank(prospect: Prospect) -> tuple[object, ...]:
    # None before any name, so that the tuples compare.
    return (
        prospect.owner is not None, prospect.owner or "",
        prospect.account is not None, prospect.account or "",
        prospect.timezone, prospect.name is not None, prospect.name or "",
    )  # fmt: skip


class _OneProspectPerAccount:
    """One colleague of an account a day: the first one listed; the others wait."""

    def __init__(self, by_id: Mapping[str, Prospect]) -> None:
        self.accounts: dict[str | None, str] = {
            i: p.account for i, p in by_id.items() if p.account is not None
        }
        self.by_id = by_id
        self.chosen: dict[str, str] = {}
        self.why: dict[str, str] = {}

    def refuse(self, touch: Action) -> str | None:
        account = self.accounts.get(touch.prospect_id)
        if account is None:
            return None
        chosen = self.chosen.get(account)
        if chosen is None or chosen == touch.prospect_id:
            return None
        return self.why[account]

    def take(self, touch: Action) -> Action:
        account = self.accounts.get(touch.prospect_id)
        if account is not None and touch.prospect_id is not None and account not in self.chosen:
            chosen = self.chosen[account] = touch.prospect_id
            # Written once, when the account's day is given: every colleague carried shares it.
            self.why[account] = (
                f"carried: one colleague of {account} a day, and "
                f"{self.by_id[chosen].name or chosen} is on the list"
            )
        return touch


class _WorkingDays:
    """The rep's calendar: no calls or hand tasks on a day off, calls inside the working hours."""

    def __init__(
        self,
        calendar: RepCalendar,
        owner: str | None,
        day: date,
        rep_zone: str | None,
        people: Mapping[str, Prospect],
    ) -> None:
        self.calendar = calendar
        self.who = owner or "the rep"
        self.off = calendar.day_off(day)
        name = calendar.zone or rep_zone
        self.here = None if name is None else _time.zone(name)
        self.day = day
        self.people = people
        self.starts: dict[int, datetime] = {}
        # Written once: on a day off every call and hand task of the rep is carried with it.
        self.away = (
            None
            if self.off is None
            else f"carried: {self.who} is away ({self.off}); automatic sends go on"
        )
        self.outside = (
            f"carried: outside {self.who}'s working hours ({calendar.describe_hours()}) this day"
        )

    def refuse(self, touch: Action) -> str | None:
        if touch.channel not in _CALLS:
            return self.away if touch.channel in _BY_HAND else None
        if self.away is not None:
            return self.away
        start = self._start(touch)
        if start is None:
            return self.outside
        self.starts[id(touch)] = start
        return None

    def _start(self, touch: Action) -> datetime | None:
        """The first lawful instant of the call's window inside the working hours, if any."""
        here = self.here or touch.earliest.tzinfo
        assert here is not None
        local = touch.earliest.astimezone(here)
        opens = datetime.combine(local.date(), self.calendar.starts, here)
        closes = datetime.combine(local.date(), self.calendar.ends, here)
        begin = max(touch.earliest, opens)
        end = min(touch.latest, closes)
        if begin > end:
            return None
        if begin == touch.earliest:
            return begin
        who = self.people.get(touch.prospect_id or "")
        if who is None:
            return begin
        found = compliance.windows(who, begin, end + _MICROSECOND, touch.channel)
        return found[0][0] if found else None

    def take(self, touch: Action) -> Action:
        start = self.starts.pop(id(touch), None)
        if start is None or start == touch.earliest:
            return touch
        local = start.astimezone(touch.earliest.tzinfo)
        return replace(
            touch,
            earliest=local,
            reasons=(
                *touch.reasons,
                f"starts at {local:%H:%M %Z}, when {self.who}'s working hours "
                f"({self.calendar.describe_hours()}) begin",
            ),
        )


_MICROSECOND = timedelta(microseconds=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class _MailboxSends:
    """A mailbox's day: at most its ramped limit, each send at least its gap from the others."""

    def __init__(self, mailbox: Mailbox, day: date, people: Mapping[str, Prospect]) -> None:
        self.mailbox = mailbox
        self.day = day
        self.most = mailbox.limit_on(day)
        self.gap = mailbox.gap_minutes * 60_000_000
        self.people = people
        self.sent: list[int] = []
        self.slots: dict[int, datetime] = {}

    def refuse(self, touch: Action) -> str | None:
        if touch.channel is not Channel.EMAIL:
            return None
        if len(self.sent) >= self.most:
            return f"carried: mailbox {self.mailbox.describe_limit(self.day)}, all planned"
        slot = self._slot(touch)
        if slot is None:
            box = self.mailbox
            return (
                f"carried: no send time left in mailbox {box.address}'s window "
                f"{box.send_from:%H:%M}–{box.send_until:%H:%M} with {box.gap_minutes} minutes "
                f"between sends ({len(self.sent)} of {self.most} planned)"
            )
        self.slots[id(touch)] = slot
        return None

    def _slot(self, touch: Action) -> datetime | None:
        """The first instant of the touch's window, the send window and the law's e-mail hours
        that is at least the gap from every other send of the mailbox."""
        tz = touch.earliest.tzinfo
        local_day = touch.earliest.date()
        box = self.mailbox
        begin = max(touch.earliest, datetime.combine(local_day, box.send_from, tz))
        end = min(touch.latest, datetime.combine(local_day, box.send_until, tz))
        if begin > end:
            return None
        who = self.people.get(touch.prospect_id or "")
        spans = (
            [(begin, end + _MICROSECOND)]
            if who is None
            else compliance.windows(who, begin, end + _MICROSECOND, Channel.EMAIL)
        )
        for low, high in spans:
            at = micros(low)
            index = bisect.bisect_right(self.sent, at - self.gap)
            while index < len(self.sent) and self.sent[index] < at + self.gap:
                at = max(at, self.sent[index] + self.gap)
                index += 1
            if at < micros(high):
                return (_EPOCH + timedelta(microseconds=at)).astimezone(tz)
        return None

    def take(self, touch: Action) -> Action:
        if touch.channel is not Channel.EMAIL:
            return touch
        slot = self.slots.pop(id(touch), None) or self._slot(touch)
        assert slot is not None
        bisect.insort(self.sent, micros(slot))
        return replace(
            touch,
            earliest=slot,
            reasons=(
                *touch.reasons,
                f"sent at {slot:%H:%M %Z} from {self.mailbox.address} "
                f"({len(self.sent)} of {self.most} today)",
            ),
        )


def _select(
    touches: Iterable[Action],
    owners: Mapping[str | None, str | None],
    capacity: Callable[[str | None], tuple[_Capacity, ...]],
) -> tuple[tuple[Action, ...], tuple[Action, ...], tuple[Action, ...]]:
    """Offer each touch, best first, to its owner's capacity rules: the calls, tasks and carried.

    ``owners`` maps a prospect id to its owner; ``capacity`` makes an owner's
    rules, once, on the first touch of theirs.
    """
    calls: list[Action] = []
    tasks: list[Action] = []
    carried: list[Action] = []
    made: dict[str | None, tuple[_Capacity, ...]] = {}
    # Carried touches of one policy, moved alike and carried for one reason have equal
    # reasons: they share one tuple, which saves memory and collector time on a large day.
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    for touch in touches:
        owner = owners.get(touch.prospect_id)
        rules = made.get(owner)
        if rules is None:
            rules = made[owner] = capacity(owner)
        for rule in rules:
            why = rule.refuse(touch)
            if why is not None:
                reasons = (*touch.reasons, why)
                carried.append(with_reasons(touch, shared.setdefault(reasons, reasons)))
                break
        else:
            for rule in rules:
                touch = rule.take(touch)
            (calls if touch.channel in _CALLS else tasks).append(touch)
    return tuple(calls), tuple(tasks), tuple(carried)


def _ranked(
    due: list[Action], passes: tuple[_Pass, ...], head: Callable[[Action], _Head]
) -> list[Action]:
    """Sort the due touches by their keys (``passes``), ties by the tail, then by full text.

    Keys (``head``) tie only for one prospect's touches at one time and
    priority, so only neighbours for one prospect are compared; tails tie
    only for two prospects sharing an id or a policy proposing twice: rare
    enough to pay for ``repr`` there, and it keeps the list independent of
    input order even then.
    """
    for key, descending in passes:
        due.sort(key=key, reverse=descending)
    ids = list(map(_prospect, due))
    # The common case, no prospect twice in a row, is told by one pass in C.
    if not any(map(operator.eq, ids, ids[1:])):
        return due
    start = 0
    while start < len(due):
        end = start + 1
        if end < len(due) and ids[end] == ids[start]:
            first = head(due[start])
            while end < len(due) and ids[end] == ids[start] and head(due[end]) == first:
                end += 1
            if end - start > 1:
                due[start:end] = sorted(due[start:end], key=_tail_then_text)
        start = end
    return due


def _tail_then_text(action: Action) -> tuple[_Tail, str]:
    return _tail(action), repr(action)
