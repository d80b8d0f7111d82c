"""The metrics of a run, in a form that adds up: runs and parts of runs combine."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from outreach_rules.channels import Channel

if TYPE_CHECKING:
    from outreach_rules.simulation.records import ProspectRecord, Run

__all__ = ["Summary"]


@attrs.frozen(kw_only=True)
class Summary:
    """Counts and totals of one run or of several combined, and the metrics derived from them.

    Every field adds up across runs and across parts of a population
    (``combine``), so a large simulation can be cut in pieces and its
    summary rebuilt, equal (``==``) to the summary of the whole whatever the
    pieces and their order; ratios (calls per meeting, meeting rate, cost
    per meeting) are ratios of the totals. A ratio with nothing to divide by
    is ``None``.
    """

    playbook: str
    runs: int
    """How many runs this summary totals."""
    days: int
    prospects: int
    """Prospects simulated, summed over the runs."""
    attempts: int
    attempts_by_channel: tuple[tuple[str, int], ...]
    """``(channel, attempts)`` for every ``orl.Channel``, in its order."""
    conversations: int
    """Attempts that reached the person."""
    interested: int
    """Prospects who showed interest (see ``ProspectRecord.interested``)."""
    meetings: int
    """Prospects with a meeting booked."""
    days_to_meeting: tuple[float, ...]
    """Days from the start to each prospect's first meeting, sorted."""
    meetings_by_day: tuple[int, ...]
    """First meetings booked on each day of the period (day 0 is the start's day)."""
    cost: float
    """The cost of all the attempts: ``exact_cost`` rounded to the nearest float."""
    do_not_contact: int
    """Prospects who asked not to be contacted again."""
    halted: int
    inbound: int
    """Inbound events (callbacks, replies, notices) that joined the histories."""
    loop_bound_hits: int
    """Prospects whose simulation stopped at the maximum number of actions."""
    # Left out of the repr: ``cost`` shows the same amount, without a 60-bit denominator.
    exact_cost: Fraction = attrs.field(repr=False)
    """The exact sum of the prospects' costs, by default ``cost`` itself.

    Floats added in pieces round differently from the same floats added at
    once; exact totals add up without rounding, so a run combined from the
    summaries of its parts has the very ``cost`` of the whole run.
    """

    @exact_cost.default
    def _cost_as_given(self) -> Fraction:
        return Fraction(self.cost)

    @classmethod
    def of(cls, run: Run) -> Summary:
        """Summarise one run."""
        return cls.of_prospects(run.playbook, run.days, run.prospects)

    @classmethod
    def of_prospects(cls, playbook: str, days: int, records: Iterable[ProspectRecord]) -> Summary:
        """Summarise the prospect records of one run of ``playbook`` over ``days`` days.

        The prospect records are enough: a long run need not keep its
        attempt records to be summarised.
        """
        from outreach_rules.simulation.records import Exit

        prospects = tuple(records)
        exact_cost = _exact_sum(p.cost for p in prospects)
        by_day = [0] * days
        waits: list[float] = []
        for prospect in prospects:
            if prospect.days_to_meeting is not None:
                waits.append(prospect.days_to_meeting)
                by_day[min(int(prospect.days_to_meeting), days - 1)] += 1
        return cls(
            playbook=playbook,
            runs=1,
            days=days,
            prospects=len(prospects),
            attempts=sum(p.attempts for p in prospects),
            attempts_by_channel=_by_channel(p.attempts_by_channel for p in prospects),
            conversations=sum(p.conversations for p in prospects),
            interested=sum(p.interested for p in prospects),
            meetings=len(waits),
            days_to_meeting=tuple(sorted(waits)),
            meetings_by_day=tuple(by_day),
            # Correctly rounded, as math.fsum would round it, and as combine rounds its total.
            cost=float(exact_cost),
            do_not_contact=sum(p.do_not_contact for p in prospects),
            halted=sum(p.exit is Exit.HALTED for p in prospects),
            inbound=sum(p.inbound for p in prospects),
            loop_bound_hits=sum(p.exit is Exit.LOOP_BOUND for p in prospects),
            exact_cost=exact_cost,
        )

    @classmethod
    def combine(cls, summaries: Iterable[Summary], *, runs: int | None = None) -> Summary:
        """Add summaries of the same playbook and period up into one.

        ``runs`` is the number of runs the total stands for: by default the
        sum of the parts' (right for whole runs); pass it when the parts
        are pieces of the same runs (a population split over workers). The
        total is exact and does not depend on the order of the parts: the
        pieces of a run combine to the summary of the whole run.
        """
        parts = tuple(summaries)
        if not parts:
            raise ValueError("summaries: expected at least one Summary to combine")
        first = parts[0]
        for i, part in enumerate(parts):
            if not isinstance(part, Summary):
                raise TypeError(f"summaries[{i}]: expected a Summary, got {part!r}")
            if (part.playbook, part.days) != (first.playbook, first.days):
                raise ValueError(
                    f"summaries[{i}]: playbook {part.playbook!r} over {part.days} days does not "
                    f"match {first.playbook!r} over {first.days} days"
                )
        exact_cost = sum((p.exact_cost for p in parts), Fraction(0))
        return cls(
            playbook=first.playbook,
            runs=sum(p.runs for p in parts) if runs is None else runs,
            days=first.days,
            prospects=sum(p.prospects for p in parts),
            attempts=sum(p.attempts for p in parts),
            attempts_by_channel=_by_channel(p.attempts_by_channel for p in parts),
            conversations=sum(p.conversations for p in parts),
            interested=sum(p.interested for p in parts),
            meetings=sum(p.meetings for p in parts),
            days_to_meeting=tuple(sorted(d for p in parts for d in p.days_to_meeting)),
            meetings_by_day=tuple(map(sum, zip(*(p.meetings_by_day for p in parts), strict=True))),
            cost=float(exact_cost),
            do_not_contact=sum(p.do_not_contact for p in parts),
            halted=sum(p.halted for p in parts),
            inbound=sum(p.inbound for p in parts),
            loop_bound_hits=sum(p.loop_bound_hits for p in parts),
            exact_cost=exact_cost,
        )

    # -- derived metrics ------------------------------------------------------------

    def attempts_on(self, channel: Channel | str) -> int:
        """Attempts on ``channel``."""
        return dict(self.attempts_by_channel).get(str(channel), 0)

    @property
    def calls(self) -> int:
        """Attempts by call."""
        return self.attempts_on(Channel.CALL)

    @property
    def meeting_rate(self) -> float | None:
        """Meetings per prospect."""
        return self.meetings / self.prospects if self.prospects else None

    @property
    def calls_per_meeting(self) -> float | None:
        """Calls made for each meeting booked: the law of averages (practice 4)."""
        return self.calls / self.meetings if self.meetings else None

    @property
    def attempts_per_meeting(self) -> float | None:
        """Attempts on any channel for each meeting booked."""
        return self.attempts / self.meetings if self.meetings else None

    @property
    def cost_per_meeting(self) -> float | None:
        """Cost of all the attempts for each meeting booked."""
        return self.cost / self.meetings if self.meetings else None

    @property
    def mean_days_to_meeting(self) -> float | None:
        """Mean days from the start to a prospect's first meeting."""
        return statistics.fmean(self.days_to_meeting) if self.days_to_meeting else None

    @property
    def median_days_to_meeting(self) -> float | None:
        """Median days from the start to a prospect's first meeting."""
        return statistics.median(self.days_to_meeting) if self.days_to_meeting else None

    @property
    def do_not_contact_rate(self) -> float | None:
        """Share of prospects who asked not to be contacted again."""
        return self.do_not_contact / self.prospects if self.prospects else None

    def table(self) -> str:
        """Return the summary as aligned plain text, one metric a line."""
        rows: list[tuple[str, str]] = [
            ("playbook", self.playbook),
            ("runs", str(self.runs)),
            ("days", str(self.days)),
            ("prospects", str(self.prospects)),
            ("attempts", str(self.attempts)),
            *((f"  {channel}", str(count)) for channel, count in self.attempts_by_channel),
            ("conversations", str(self.conversations)),
            ("interested", str(self.interested)),
            ("meetings", str(self.meetings)),
            ("meeting rate", _number(self.meeting_rate, percent=True)),
            ("calls per meeting", _number(self.calls_per_meeting)),
            ("median days to meeting", _number(self.median_days_to_meeting)),
            ("mean days to meeting", _number(self.mean_days_to_meeting)),
            ("cost", _number(self.cost)),
            ("cost per meeting", _number(self.cost_per_meeting)),
            ("do not contact", str(self.do_not_contact)),
            ("inbound", str(self.inbound)),
            ("loop bound hits", str(self.loop_bound_hits)),
        ]
        width = max(len(name) for name, _ in rows)
        return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def _by_channel(counts: Iterable[tuple[tuple[str, int], ...]]) -> tuple[tuple[str, int], ...]:
    """Add ``(channel, count)`` pairs up: every ``orl.Channel`` in order, then others sorted."""
    totals = dict.fromkeys((c.value for c in Channel), 0)
    extra: dict[str, int] = {}
    for pairs in counts:
        for channel, count in pairs:
            if channel in totals:
                totals[channel] += count
            else:
                extra[channel] = extra.get(channel, 0) + count
    return (*totals.items(), *sorted(extra.items()))


def _exact_sum(values: Iterable[float]) -> Fraction:
    """The exact sum of floats, without rounding."""
    # A float's ratio has a power of two below, so the largest denominator is a common one.
    ratios = [value.as_integer_ratio() for value in values]
    denominator = max((d for _, d in ratios), default=1)
    return Fraction(sum(n * (denominator // d) for n, d in ratios), denominator)


def _number(value: float | None, *, percent: bool = False) -> str:
    if value is None:
        return "–"
    if percent:
        return f"{value:.2%}"
    return f"{value:,.2f}"
