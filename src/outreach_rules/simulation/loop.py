"""The discrete-event loop: ask the engine for the next action, carry it out, record, advance.

Every action comes from ``orl.plan`` with the playbook's policies and all
the guards, exactly as in production; the loop only decides when within
the action's window it happens, asks a response model what came of it,
and lets the inbound touches the responses scheduled arrive in time.
"""

from __future__ import annotations

import heapq
import inspect
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import attrs

from outreach_rules import _validate as v
from outreach_rules._names import name_of
from outreach_rules._time import shift, span
from outreach_rules.accounts import (
    AccountRules,
    account_rules,
    check_one_account,
    colleague_groups,
    plan_account,
)
from outreach_rules.actions import Action
from outreach_rules.channels import Channel, valid_outcomes
from outreach_rules.engine import _decide as decide
from outreach_rules.history import Attempt, Event, HistoryItem, build_attempt
from outreach_rules.outcomes import REACHED, REACHING_OUT, EventKind, Outcome
from outreach_rules.plans import Plan
from outreach_rules.playbooks import Playbook
from outreach_rules.prospects import Prospect
from outreach_rules.simulation._checks import check_count, check_duration, check_seed
from outreach_rules.simulation._progress import check_progress, progress_bar
from outreach_rules.simulation.costs import Costs
from outreach_rules.simulation.field_model import FieldModel
from outreach_rules.simulation.population import as_prospects
from outreach_rules.simulation.records import (
    AttemptRecord,
    EventRecord,
    Exit,
    ProspectRecord,
    Run,
)
from outreach_rules.simulation.responses import Response, ResponseModel
from outreach_rules.simulation.streams import stream
from outreach_rules.situation import Situation

Records = tuple[ProspectRecord, tuple[AttemptRecord, ...], tuple[EventRecord, ...]]
"""What ``simulate_prospect`` returns for one prospect: its record, its attempts, its events."""

__all__ = [
    "DEFAULT_JITTER",
    "DEFAULT_START",
    "MAX_ACTIONS",
    "Records",
    "Settings",
    "prospect_record",
    "simulate",
    "simulate_account",
    "simulate_people",
    "simulate_prospect",
    "summarise_people",
]

DEFAULT_START = datetime(2026, 1, 5, 9, tzinfo=UTC)
"""A fixed Monday morning: simulations never read the clock."""
DEFAULT_JITTER = timedelta(hours=4)
"""How far past an action's ``earliest`` it may happen, inside its window (see ``Settings``)."""
MAX_ACTIONS = 500
"""The most actions one prospect gets in one run; reaching it stops that prospect."""

# After an attempt the engine plans again a minute later: the next step may be due at once.
_STEP = timedelta(minutes=1)
_DAY = timedelta(days=1)
_TICK = timedelta(microseconds=1)
_ZERO = timedelta(0)
_SHOWS_INTEREST = frozenset({Outcome.INTERESTED, Outcome.MEETING_BOOKED})
_CHANNELS = tuple(Channel)
# Members read once: on Python 3.11 reading ``Enum.MEMBER`` runs the enum metaclass's hook.
_CALL = Channel.CALL
_MEETING_BOOKED, _DO_NOT_CONTACT = Outcome.MEETING_BOOKED, Outcome.DO_NOT_CONTACT
_OPT_OUT = EventKind.OPT_OUT


def _check_model(_instance: object, _attribute: object, model: object) -> None:
    if not callable(getattr(model, "respond", None)):
        raise TypeError(
            f"model: expected a response model with a respond(...) method, got {model!r}"
        )


def _check_costs(_instance: object, _attribute: object, costs: object) -> None:
    if not isinstance(costs, Costs):
        raise TypeError(f"costs: expected a simulation Costs, got {costs!r}")


def _check_days(_instance: object, _attribute: object, days: object) -> None:
    check_count(days, "days")


def _check_max_actions(_instance: object, _attribute: object, value: object) -> None:
    check_count(value, "max_actions")


def _check_jitter(_instance: object, _attribute: object, value: object) -> None:
    check_duration(value, "jitter")


def _check_seed(_instance: object, _attribute: object, value: object) -> None:
    check_seed(value)


def _start(value: object) -> datetime:
    return v.aware(value, "start")


@attrs.frozen(kw_only=True)
class Settings:
    """Everything a run needs besides the playbook, the prospects and the run index.

    ``days``: the length of the simulated period from ``start`` (an aware
    datetime; by default ``DEFAULT_START``, a fixed Monday 09:00 UTC).
    ``jitter``: an action happens at a point drawn uniformly from its
    window, ``[earliest, min(latest, earliest + jitter))``, as a caller
    working through a day's list would; ``timedelta(0)`` carries out every
    action exactly at its ``earliest``. The draw comes from the prospect's
    own stream. ``max_actions`` bounds the actions per prospect and run.
    Plain and picklable: a parallel runner can ship it to its workers.
    """

    days: int = attrs.field(default=90, validator=_check_days)
    seed: int = attrs.field(default=0, validator=_check_seed)
    start: datetime = attrs.field(default=DEFAULT_START, converter=_start)
    model: ResponseModel = attrs.field(factory=FieldModel, validator=_check_model)
    costs: Costs = attrs.field(factory=Costs, validator=_check_costs)
    jitter: timedelta = attrs.field(default=DEFAULT_JITTER, validator=_check_jitter)
    max_actions: int = attrs.field(default=MAX_ACTIONS, validator=_check_max_actions)

    @property
    def end(self) -> datetime:
        """The end of the simulated period: nothing happens at or after it."""
        return self.start + timedelta(days=self.days)

    @classmethod
    def of(
        cls,
        *,
        days: int,
        seed: int,
        start: datetime | None,
        model: ResponseModel | None,
        costs: Costs | None,
        jitter: timedelta,
        max_actions: int,
    ) -> Settings:
        """Build settings from the keyword arguments of ``simulate`` and ``compare``."""
        return cls(
            days=days,
            seed=seed,
            start=DEFAULT_START if start is None else start,
            model=FieldModel() if model is None else model,
            costs=Costs() if costs is None else costs,
            jitter=jitter,
            max_actions=max_actions,
        )


def _check_playbook(playbook: object, field: str = "playbook") -> Playbook:
    if not isinstance(playbook, Playbook):
        raise TypeError(f"{field}: expected an orl.Playbook, got {playbook!r}")
    return playbook


def simulate(
    playbook: Playbook,
    population: int | Iterable[Prospect],
    *,
    days: int = 90,
    seed: int = 0,
    run: int = 0,
    model: ResponseModel | None = None,
    costs: Costs | None = None,
    start: datetime | None = None,
    jitter: timedelta = DEFAULT_JITTER,
    max_actions: int = MAX_ACTIONS,
    progress: bool | None = None,
    scheduler: object = None,
    chunk_size: int | None = None,
    accounts: AccountRules | bool = True,
) -> Run:
    """Simulate ``playbook`` on ``population`` for ``days`` days and return the ``Run``.

    ``population`` is a number of synthetic prospects (``population(n,
    seed=seed)``) or an iterable of ``orl.Prospect`` with unique ids.
    ``model`` answers each action (default ``FieldModel()``), ``costs``
    prices it (default ``Costs()``). ``seed`` and ``run`` pick the random
    streams: the same arguments give identical records, and each
    prospect's records are the same whatever else is in the population
    (its colleagues aside) and in whatever order. ``progress``: a bar on stderr, by default only
    when stderr is a terminal. See ``Settings`` for ``start``, ``jitter``
    and ``max_actions``.

    ``scheduler`` runs the simulation on Dask (the ``[dask]`` extra): a
    ``dask.distributed.Client``, or the name of a local Dask scheduler
    (``"processes"``, ``"threads"``, ``"sync"``), in tasks of
    ``chunk_size`` prospects (default 500). The ``Run`` is equal to the one
    made in one process; a synthetic population is drawn on the workers;
    the playbook, model and costs must pickle. No progress bar is shown
    then.

    Colleagues (prospects with the same ``Prospect.account``) are simulated
    together, in one clock (``simulate_account``): the response model
    hears what happened with the others. ``accounts`` says how they are
    planned: ``True`` (the default) or an ``orl.AccountRules``, together
    with ``orl.plan_account`` (a meeting with one stops the others'
    automated outreach, and so on); ``False``, each with ``orl.plan`` as if
    alone. Prospects without an account are simulated as before.
    """
    book = _check_playbook(playbook)
    check_count(run, "run", minimum=0)
    rules = account_rules(accounts)
    settings = Settings.of(
        days=days,
        seed=seed,
        start=start,
        model=model,
        costs=costs,
        jitter=jitter,
        max_actions=max_actions,
    )
    check_progress(progress)
    records: list[ProspectRecord] = []
    attempts: list[AttemptRecord] = []
    events: list[EventRecord] = []
    if scheduler is not None or chunk_size is not None:
        # Imported here: outreach_rules must import without dask.
        from outreach_rules.integrations import dask as on_dask

        chosen, size = on_dask.check_distribution(scheduler=scheduler, chunk_size=chunk_size)
        people = on_dask.people_of(population, seed=settings.seed)
        for record, made, happened in on_dask.simulate_chunks(
            book, people, settings, run=run, scheduler=chosen, chunk_size=size, rules=rules
        ):
            records.append(record)
            attempts.extend(made)
            events.extend(happened)
    else:
        prospects = as_prospects(population, seed=settings.seed)
        label = f"simulating {book.name}"
        with progress_bar(progress, total=len(prospects), label=label) as advance:
            done = simulate_people(prospects, book, settings, run=run, rules=rules, advance=advance)
        for record, made, happened in done:
            records.append(record)
            attempts.extend(made)
            events.extend(happened)
    return Run(
        playbook=book.name,
        seed=settings.seed,
        run=run,
        start=settings.start,
        days=settings.days,
        prospects=tuple(records),
        attempts=tuple(attempts),
        events=tuple(events),
    )


def simulate_people(
    prospects: Sequence[Prospect],
    playbook: Playbook,
    settings: Settings,
    *,
    run: int,
    rules: AccountRules | None,
    advance: Callable[[int], None] | None = None,
) -> list[Records]:
    """Each prospect's records, in the order given: colleagues together, the others alone."""
    return _people(prospects, playbook, settings, run, rules, True, advance)


def summarise_people(
    prospects: Sequence[Prospect],
    playbook: Playbook,
    settings: Settings,
    *,
    run: int,
    rules: AccountRules | None,
    advance: Callable[[int], None] | None = None,
) -> list[ProspectRecord]:
    """Each prospect's record only (``prospect_record``), in the order given."""
    return _people(prospects, playbook, settings, run, rules, False, advance)


def _people(
    prospects: Sequence[Prospect],
    playbook: Playbook,
    settings: Settings,
    run: int,
    rules: AccountRules | None,
    keep: bool,
    advance: Callable[[int], None] | None,
) -> list[Any]:
    found: list[Any] = [None] * len(prospects)
    for group in colleague_groups(prospects):
        if len(group) == 1:
            index = group[0]
            prospect = prospects[index]
            if keep:
                found[index] = simulate_prospect(prospect, playbook, settings, run=run)
            else:
                found[index] = prospect_record(prospect, playbook, settings, run=run)
        else:
            members = [prospects[i] for i in group]
            done = _simulate_account(members, playbook, settings, run, rules, keep)
            for index, result in zip(group, done, strict=True):
                found[index] = result
        if advance is not None:
            advance(len(group))
    return found


def simulate_account(
    prospects: Iterable[Prospect],
    playbook: Playbook,
    settings: Settings,
    *,
    run: int = 0,
    accounts: AccountRules | bool = True,
) -> tuple[Records, ...]:
    """Simulate the colleagues of one account together; their records come back in input order.

    One clock for all: the next thing to happen among them (an action at
    the moment drawn for it, or an inbound touch) happens first. Each
    colleague keeps the loop of ``simulate_prospect``, with their own
    random stream, history and records. The response model is told what
    happened with the others so far (its ``respond`` gets ``colleagues=``:
    each other colleague and their history), if it takes that argument.

    ``accounts``: ``True`` (the default rules) or an ``orl.AccountRules``
    plans them with ``orl.plan_account`` at the account's clock, every
    colleague again after anything happens to one of them (a colleague's
    next action keeps the moment drawn for it while its window stays the
    same); ``False`` plans each with ``orl.plan`` as if alone, after their
    own attempts and events only, so that with a model that ignores the
    colleagues each record is the one ``simulate_prospect`` gives.
    """
    members = tuple(prospects)
    rules = account_rules(accounts)
    book = _check_playbook(playbook)
    for i, prospect in enumerate(members):
        if not isinstance(prospect, Prospect):
            raise TypeError(f"prospects[{i}]: expected an orl.Prospect, got {prospect!r}")
    check_one_account(members, "prospects")
    return tuple(_simulate_account(members, book, settings, run, rules, True))


def simulate_prospect(
    prospect: Prospect, playbook: Playbook, settings: Settings, *, run: int = 0
) -> tuple[ProspectRecord, tuple[AttemptRecord, ...], tuple[EventRecord, ...]]:
    """Simulate one prospect: plan, act, record, advance, until nothing more happens in the period.

    Each round asks the engine for the plan as of the simulated ``now``, as
    ``orl.plan`` would make it from the prospect and the history so far.
    An inbound touch due no later than the next action (or due at all, when
    no action is ahead) happens first: it joins the history, the clock moves
    to it and the engine plans again. Otherwise the next action is carried
    out at a moment of its window (see ``Settings.jitter``), the model says
    what came of it, the attempt joins the history and the clock moves a
    minute past it. The prospect is done when the plan is halted or empty,
    or its next action falls at or after the end, and no inbound touch is
    due before the end; or when it reaches ``settings.max_actions``.
    """
    attempts: list[AttemptRecord] = []
    events: list[EventRecord] = []
    record = _simulate(prospect, playbook, settings, run, attempts, events)
    return record, tuple(attempts), tuple(events)


def prospect_record(
    prospect: Prospect, playbook: Playbook, settings: Settings, *, run: int = 0
) -> ProspectRecord:
    """Simulate one prospect as ``simulate_prospect`` does and return only its record.

    What a summary needs: no attempt or event record is made, which a run
    of many prospects (``compare``) would only throw away.
    """
    return _simulate(prospect, playbook, settings, run, None, None)


def _simulate(
    prospect: Prospect,
    playbook: Playbook,
    settings: Settings,
    run: int,
    attempts: list[AttemptRecord] | None,
    events: list[EventRecord] | None,
) -> ProspectRecord:
    """The loop of ``simulate_prospect``; the attempt and event records go to the lists given."""
    book = _check_playbook(playbook)
    rng = stream(settings.seed, run, prospect.id)
    end = settings.end
    model = settings.model
    jitter = settings.jitter
    costs = settings.costs
    history: list[HistoryItem] = []
    pending: list[tuple[datetime, int, Event]] = []
    scheduled = 0
    tally = _Tally()
    now = settings.start
    # The history only grows: each plan reads the situation of the one before with the
    # new item added, rather than the whole history again (the same facts, for less).
    situation = Situation(prospect, history, now=now, playbook=book)
    zone, shifts = situation.zone, situation.calendar._shifts
    while True:
        current = decide(situation)
        action = None if current.halted else current.next
        at = None
        if action is not None and action.earliest < end:
            at = _moment(action, jitter, rng, zone, shifts)
            if at >= end:
                at = None
        inbound = pending[0][2] if pending and pending[0][0] < end else None
        if inbound is not None and (at is None or inbound.at <= at):
            heapq.heappop(pending)
            if events is not None:
                events.append(
                    EventRecord(run=run, prospect_id=prospect.id, seq=len(history), event=inbound)
                )
            tally.add_event(inbound)
            history.append(inbound)
            now = max(now, inbound.at)
            situation = situation.extended(inbound, now=now)
            continue
        if action is None or at is None:
            if current.halted:
                ending, halted = Exit.HALTED, current.halted
            else:
                ending, halted = (Exit.IDLE if action is None else Exit.HORIZON), None
            break
        if tally.attempts >= settings.max_actions:
            ending, halted = Exit.LOOP_BOUND, None
            break
        response = model.respond(
            prospect=prospect, action=action, history=tuple(history), at=at, rng=rng
        )
        attempt = _attempt(response, action, at, model)
        if response.cancels_pending:
            pending.clear()
        for event in response.inbound:
            heapq.heappush(pending, (event.at, scheduled, event))
            scheduled += 1
        cost = costs.of(attempt.channel, attempt.outcome)
        if attempts is not None:
            attempts.append(
                AttemptRecord(
                    run=run,
                    prospect_id=prospect.id,
                    seq=len(history),
                    planned_at=now,
                    purpose=str(action.purpose),
                    policy=action.policy,
                    cost=cost,
                    attempt=attempt,
                )
            )
        tally.add_attempt(attempt, cost)
        history.append(attempt)
        now = at + _STEP
        situation = situation.extended(attempt, now=now)
    return tally.record(prospect, run, settings.start, ending, halted)


class _Colleague:
    """One colleague in an account's simulation: the state ``_simulate`` keeps in locals."""

    __slots__ = (
        "action",
        "at",
        "attempts",
        "done",
        "ending",
        "events",
        "halted",
        "history",
        "inbound",
        "now",
        "pending",
        "planned_at",
        "prospect",
        "rng",
        "scheduled",
        "situation",
        "tally",
    )

    def __init__(self, prospect: Prospect, settings: Settings, run: int, keep: bool) -> None:
        self.prospect = prospect
        self.rng = stream(settings.seed, run, prospect.id)
        self.history: list[HistoryItem] = []
        self.pending: list[tuple[datetime, int, Event]] = []
        self.scheduled = 0
        self.tally = _Tally()
        self.attempts: list[AttemptRecord] | None = [] if keep else None
        self.events: list[EventRecord] | None = [] if keep else None
        self.now = settings.start
        self.planned_at = settings.start
        self.situation: Situation | None = None
        self.action: Action | None = None
        self.at: datetime | None = None
        self.inbound: Event | None = None
        self.done = False
        self.ending = Exit.IDLE
        self.halted: str | None = None

    def adopt(self, current: Plan, now: datetime, settings: Settings, *, redraw: bool) -> None:
        """Take ``current`` as the plan, as of ``now``, and see what is next: as ``_simulate`` does.

        The moment of the next action is drawn again when ``redraw`` or when the action's
        window changed; a colleague whose plan only changed its reasons keeps its moment.
        """
        end = settings.end
        action = None if current.halted else current.next
        old, old_at = self.action, self.at
        self.action, self.planned_at = action, now
        if action is None or not action.earliest < end:
            self.at = None
        elif redraw or old is None or old_at is None or not _same_window(old, action):
            at = _moment(action, settings.jitter, self.rng, *_clock(self))
            self.at = at if at < end else None
        pending = self.pending
        inbound = pending[0][2] if pending and pending[0][0] < end else None
        self.inbound = None
        if inbound is not None and (self.at is None or inbound.at <= self.at):
            self.inbound = inbound
            return
        if action is None or self.at is None:
            self.done = True
            if current.halted:
                self.ending, self.halted = Exit.HALTED, current.halted
            else:
                self.ending = Exit.IDLE if action is None else Exit.HORIZON
            return
        if self.tally.attempts >= settings.max_actions:
            self.done, self.ending = True, Exit.LOOP_BOUND

    def next_at(self) -> datetime:
        """When this colleague's next attempt or inbound touch happens, in UTC."""
        moment = self.inbound.at if self.inbound is not None else self.at
        assert moment is not None
        return moment.astimezone(UTC)

    def result(self, run: int, start: datetime) -> Any:
        record = self.tally.record(self.prospect, run, start, self.ending, self.halted)
        if self.attempts is None or self.events is None:
            return record
        return record, tuple(self.attempts), tuple(self.events)


def _clock(colleague: _Colleague) -> tuple[tzinfo, Mapping[date, bool]]:
    """The colleague's zone and its days with a change of offset, for ``_moment``."""
    situation = colleague.situation
    assert situation is not None
    return situation.zone, situation.calendar._shifts


def _same_window(old: Action, new: Action) -> bool:
    """True when ``new`` is the touch ``old`` was, in the same window."""
    return (
        old.channel is new.channel
        and old.purpose == new.purpose
        and old.to == new.to
        and old.earliest == new.earliest
        and old.latest == new.latest
        and old.earliest.utcoffset() == new.earliest.utcoffset()
    )


def _simulate_account(
    members: Sequence[Prospect],
    book: Playbook,
    settings: Settings,
    run: int,
    rules: AccountRules | None,
    keep: bool,
) -> list[Any]:
    """The loop of ``simulate_account``; each colleague's result as ``_simulate``'s, in order."""
    model = settings.model
    costs = settings.costs
    start = settings.start
    colleagues = [_Colleague(p, settings, run, keep) for p in members]
    for colleague in colleagues:
        colleague.situation = Situation(colleague.prospect, (), now=start, playbook=book)
    # Whether the model hears about the colleagues: only a respond() that takes them does.
    talks = _takes_colleagues(model)
    clock = start
    if rules is None:
        for colleague in colleagues:
            situation = colleague.situation
            assert situation is not None
            colleague.adopt(decide(situation), start, settings, redraw=True)
    else:
        _plan_together(colleagues, book, rules, clock, settings, changed=None)
    while True:
        waiting = [c for c in colleagues if not c.done]
        if not waiting:
            break
        # The next thing to happen in the account; a tie goes to the first id.
        chosen = min(waiting, key=lambda c: (c.next_at(), c.prospect.id))
        prospect = chosen.prospect
        inbound = chosen.inbound
        if inbound is not None:
            heapq.heappop(chosen.pending)
            if chosen.events is not None:
                chosen.events.append(
                    EventRecord(
                        run=run, prospect_id=prospect.id, seq=len(chosen.history), event=inbound
                    )
                )
            chosen.tally.add_event(inbound)
            chosen.history.append(inbound)
            chosen.now = max(chosen.now, inbound.at)
            item: HistoryItem = inbound
        else:
            action, at = chosen.action, chosen.at
            assert action is not None
            assert at is not None
            others = (
                tuple((c.prospect, tuple(c.history)) for c in colleagues if c is not chosen)
                if talks
                else ()
            )
            if talks:
                response = model.respond(  # type: ignore[call-arg]
                    prospect=prospect,
                    action=action,
                    history=tuple(chosen.history),
                    at=at,
                    rng=chosen.rng,
                    colleagues=others,
                )
            else:
                response = model.respond(
                    prospect=prospect,
                    action=action,
                    history=tuple(chosen.history),
                    at=at,
                    rng=chosen.rng,
                )
            attempt = _attempt(response, action, at, model)
            if response.cancels_pending:
                chosen.pending.clear()
            for event in response.inbound:
                heapq.heappush(chosen.pending, (event.at, chosen.scheduled, event))
                chosen.scheduled += 1
            cost = costs.of(attempt.channel, attempt.outcome)
            if chosen.attempts is not None:
                chosen.attempts.append(
                    AttemptRecord(
                        run=run,
                        prospect_id=prospect.id,
                        seq=len(chosen.history),
                        planned_at=chosen.planned_at,
                        purpose=str(action.purpose),
                        policy=action.policy,
                        cost=cost,
                        attempt=attempt,
                    )
                )
            chosen.tally.add_attempt(attempt, cost)
            chosen.history.append(attempt)
            chosen.now = at + _STEP
            item = attempt
        situation = chosen.situation
        assert situation is not None
        chosen.situation = situation.extended(item, now=chosen.now)
        if rules is None:
            chosen.adopt(decide(chosen.situation), chosen.now, settings, redraw=True)
        else:
            clock = max(clock, chosen.now)
            _plan_together(colleagues, book, rules, clock, settings, changed=chosen)
    return [c.result(run, start) for c in colleagues]


def _plan_together(
    colleagues: list[_Colleague],
    book: Playbook,
    rules: AccountRules,
    now: datetime,
    settings: Settings,
    *,
    changed: _Colleague | None,
) -> None:
    """Plan every colleague still in the simulation with ``plan_account``, as of ``now``."""
    pairs = [(c.prospect, c.history) for c in colleagues]
    plans = plan_account(pairs, now=now, playbook=book, rules=rules)
    for colleague, current in zip(colleagues, plans, strict=True):
        if colleague.done:
            continue
        colleague.now = max(colleague.now, now)
        colleague.adopt(current, now, settings, redraw=changed is None or colleague is changed)


def _takes_colleagues(model: object) -> bool:
    """True when the model's ``respond`` takes ``colleagues`` (by name or as ``**kwargs``)."""
    try:
        parameters = inspect.signature(model.respond).parameters  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return False
    return "colleagues" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


def _moment(
    action: Action, jitter: timedelta, rng: random.Random, zone: tzinfo, shifts: Mapping[date, bool]
) -> datetime:
    """When the action happens: its ``earliest``, or a point drawn inside its window.

    ``zone`` is the prospect's and ``shifts`` tells its dates whose offset
    may change (``Calendar._shifts``). Away from those dates the wall clock
    runs with real time, and the window and the moment are read and added
    on it; near them, in real time (``span``, ``shift``), which costs
    four conversions between zones.
    """
    earliest = action.earliest
    latest = action.latest
    steady = (
        earliest.tzinfo is zone
        and latest.tzinfo is zone
        and not (earliest.fold or latest.fold)
        and not shifts[earliest.date()]
    )
    if steady and latest - earliest < _DAY and not shifts[latest.date()]:
        window = latest - earliest
    else:
        window = span(earliest, latest)
    length = min(window, jitter)
    if length <= _ZERO:
        return earliest
    # Before ``latest``, where the window closes, even when rounding to microseconds.
    delta = min(length * rng.random(), length - _TICK)
    if steady and delta < _DAY:
        moment = earliest + delta
        if not shifts[moment.date()]:
            return moment
    # Real time, so a window across a fall-back night is not read by its wall clock.
    return shift(earliest, delta)


def _attempt(response: object, action: Action, at: datetime, model: object) -> Attempt:
    """Turn a model's response into the attempt, or say which model broke which rule."""
    if not isinstance(response, Response):
        name = name_of(model)
        raise TypeError(
            f"response model {name}: respond() returned {response!r}; expected a "
            "simulation Response"
        )
    channel = action.channel
    if response.outcome not in valid_outcomes(channel):
        name = name_of(model)
        valid = ", ".join(sorted(valid_outcomes(channel)))
        raise ValueError(
            f"response model {name}: outcome {response.outcome.value!r} cannot happen on a "
            f"{channel.value!r} attempt ({action.purpose} to {action.to}); valid outcomes for "
            f"{channel.value}: {valid}"
        )
    for i, event in enumerate(response.inbound):
        if event.at <= at:
            name = name_of(model)
            raise ValueError(
                f"response model {name}: inbound[{i}] ({event.kind.value}) at "
                f"{event.at.isoformat()} is not after the attempt at {at.isoformat()}"
            )
    try:
        return build_attempt(
            at=at,
            channel=channel,
            outcome=response.outcome,
            to=action.to,
            notes=response.notes,
            reason=response.reason,
            interests=response.interests,
            callback_at=response.callback_at,
            resume_at=response.resume_at,
            new_phone=response.new_phone,
        )
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"response model {name_of(model)}: {exc}") from None


class _Tally:
    """What a prospect's record counts, added up attempt by attempt and event by event."""

    __slots__ = (
        "attempts",
        "by_channel",
        "conversations",
        "costs",
        "do_not_contact",
        "inbound",
        "interested",
        "meeting_at",
    )

    def __init__(self) -> None:
        self.attempts = 0
        self.by_channel = dict.fromkeys(_CHANNELS, 0)
        self.conversations = 0
        self.costs: list[float] = []
        self.do_not_contact = False
        self.inbound = 0
        self.interested = False
        self.meeting_at: datetime | None = None

    def add_attempt(self, attempt: Attempt, cost: float) -> None:
        outcome = attempt.outcome
        self.attempts += 1
        self.by_channel[attempt.channel] += 1
        self.costs.append(cost)
        if outcome in REACHED:
            self.conversations += 1
        if outcome in _SHOWS_INTEREST:
            self.interested = True
        if outcome is _MEETING_BOOKED and self.meeting_at is None:
            self.meeting_at = attempt.at
        if outcome is _DO_NOT_CONTACT:
            self.do_not_contact = True

    def add_event(self, event: Event) -> None:
        self.inbound += 1
        if event.kind in REACHING_OUT:
            self.interested = True
        if event.kind is _OPT_OUT and event.channel is None:
            self.do_not_contact = True

    def record(
        self, prospect: Prospect, run: int, start: datetime, ending: Exit, halted: str | None
    ) -> ProspectRecord:
        meeting_at = self.meeting_at
        return ProspectRecord(
            run=run,
            prospect_id=prospect.id,
            attempts=self.attempts,
            attempts_by_channel=tuple(
                (channel.value, count) for channel, count in self.by_channel.items()
            ),
            calls=self.by_channel[_CALL],
            conversations=self.conversations,
            interested=self.interested,
            meeting_at=meeting_at,
            days_to_meeting=None if meeting_at is None else (meeting_at - start) / _DAY,
            do_not_contact=self.do_not_contact,
            inbound=self.inbound,
            cost=math.fsum(self.costs),
            exit=ending,
            halted=halted,
        )
