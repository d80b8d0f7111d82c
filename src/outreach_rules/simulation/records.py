"""What a simulation run leaves: a record per prospect, per attempt and per inbound event."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from outreach_rules.channels import Channel
from outreach_rules.history import Attempt, Event, HistoryItem
from outreach_rules.outcomes import EventKind, Outcome
from outreach_rules.simulation.summary import Summary

__all__ = ["AttemptRecord", "EventRecord", "Exit", "ProspectRecord", "Run"]


class Exit(enum.StrEnum):
    """Why the simulation stopped with a prospect."""

    HALTED = "halted"
    """The plan was halted (a meeting, do-not-contact, a person who left, a cadence over)."""
    IDLE = "idle"
    """The plan had nothing to do, and no inbound touch was on its way."""
    HORIZON = "horizon"
    """The next action fell at or after the end of the simulated period."""
    LOOP_BOUND = "loop_bound"
    """The prospect reached the maximum number of actions a run allows."""


@attrs.frozen(kw_only=True)
class AttemptRecord:
    """One attempt the simulation made, with the plan that asked for it.

    ``seq`` is the attempt's place in the prospect's simulated history
    (attempts and inbound events, in the order they happened);
    ``planned_at`` is the ``now`` of the plan whose ``next`` action it
    carried out; ``purpose`` and ``policy`` are that action's.
    """

    run: int
    prospect_id: str
    seq: int
    planned_at: datetime
    purpose: str
    policy: str
    cost: float
    attempt: Attempt

    @property
    def at(self) -> datetime:
        """When the attempt was made."""
        return self.attempt.at

    @property
    def channel(self) -> Channel:
        """The channel used."""
        return self.attempt.channel

    @property
    def outcome(self) -> Outcome:
        """How the attempt ended."""
        return self.attempt.outcome


@attrs.frozen(kw_only=True)
class EventRecord:
    """One inbound event that joined a prospect's simulated history (a callback, a reply...)."""

    run: int
    prospect_id: str
    seq: int
    event: Event

    @property
    def at(self) -> datetime:
        """When it happened."""
        return self.event.at

    @property
    def kind(self) -> EventKind:
        """What happened."""
        return self.event.kind


@attrs.frozen(kw_only=True)
class ProspectRecord:
    """How one prospect fared in one run.

    ``conversations`` counts attempts that reached the person;
    ``interested`` is true when they showed interest (an ``INTERESTED`` or
    ``MEETING_BOOKED`` outcome, or an inbound callback, reply or interest);
    ``meeting_at`` is the first booked meeting and ``days_to_meeting`` the
    days from the start of the run to it.
    """

    run: int
    prospect_id: str
    attempts: int
    attempts_by_channel: tuple[tuple[str, int], ...]
    """``(channel, attempts)`` for every ``orl.Channel``, in its order."""
    calls: int
    conversations: int
    interested: bool
    meeting_at: datetime | None
    days_to_meeting: float | None
    do_not_contact: bool
    inbound: int
    cost: float
    exit: Exit
    halted: str | None
    """The plan's reason when ``exit`` is ``HALTED``."""


@attrs.frozen(kw_only=True)
class Run:
    """One simulated run of a playbook over a population: the records, and their summary.

    Records are in population order; ``attempts`` and ``events`` are grouped
    by prospect in the same order, each prospect's in the order they
    happened. Each prospect's records depend only on the prospect (and its
    colleagues at the same account, simulated together), the playbook, the
    model, the settings, ``seed`` and ``run``: a population split in parts
    that keep each account whole gives the same records part by part (see
    ``concat``).
    """

    playbook: str
    seed: int
    run: int
    start: datetime
    days: int
    prospects: tuple[ProspectRecord, ...]
    attempts: tuple[AttemptRecord, ...]
    events: tuple[EventRecord, ...]

    @property
    def end(self) -> datetime:
        """The end of the simulated period (nothing happens at or after it)."""
        return self.start + timedelta(days=self.days)

    def summary(self) -> Summary:
        """Return the run's metrics: counts, meetings, calls per meeting, costs, exits."""
        return Summary.of(self)

    def history(self, prospect_id: str) -> tuple[HistoryItem, ...]:
        """Return one prospect's simulated history (attempts and events) in the order it happened.

        Ready for ``orl.plan`` or ``orl.brief``.
        """
        items: list[tuple[int, HistoryItem]] = [
            (r.seq, r.attempt) for r in self.attempts if r.prospect_id == prospect_id
        ]
        items += [(r.seq, r.event) for r in self.events if r.prospect_id == prospect_id]
        if not items and not any(p.prospect_id == prospect_id for p in self.prospects):
            raise KeyError(f"prospect_id: {prospect_id!r} is not in this run")
        return tuple(item for _, item in sorted(items, key=lambda pair: pair[0]))

    @classmethod
    def concat(cls, runs: Iterable[Run]) -> Run:
        """Join runs of the same playbook, seed, run index and period over parts of a population.

        The parts' records follow each other in the order given. Raises
        ``ValueError`` when the runs differ in anything but their prospects
        or share a prospect.
        """
        parts = tuple(runs)
        if not parts:
            raise ValueError("runs: expected at least one Run to join")
        first = parts[0]
        key = (first.playbook, first.seed, first.run, first.start, first.days)
        seen: set[str] = set()
        for i, part in enumerate(parts):
            if not isinstance(part, Run):
                raise TypeError(f"runs[{i}]: expected a simulation Run, got {part!r}")
            if (part.playbook, part.seed, part.run, part.start, part.days) != key:
                raise ValueError(
                    f"runs[{i}]: playbook, seed, run, start and days must match the first run's "
                    f"{key!r}"
                )
            ids = {p.prospect_id for p in part.prospects}
            if ids & seen:
                raise ValueError(
                    f"runs[{i}]: prospect {sorted(ids & seen)[0]!r} is in an earlier part"
                )
            seen |= ids
        return cls(
            playbook=first.playbook,
            seed=first.seed,
            run=first.run,
            start=first.start,
            days=first.days,
            prospects=tuple(p for part in parts for p in part.prospects),
            attempts=tuple(a for part in parts for a in part.attempts),
            events=tuple(e for part in parts for e in part.events),
        )
