"""Strategies side by side: many runs each, with bootstrap confidence intervals."""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import attrs

from outreach_rules.accounts import AccountRules, account_rules
from outreach_rules.channels import Channel
from outreach_rules.playbooks import Playbook
from outreach_rules.prospects import Prospect
from outreach_rules.simulation._checks import check_count, check_probability, check_seed, require
from outreach_rules.simulation._progress import check_progress, progress_bar
from outreach_rules.simulation.costs import Costs
from outreach_rules.simulation.loop import (
    DEFAULT_JITTER,
    MAX_ACTIONS,
    Settings,
    summarise_people,
)
from outreach_rules.simulation.population import as_prospects
from outreach_rules.simulation.responses import ResponseModel
from outreach_rules.simulation.streams import stream_seed
from outreach_rules.simulation.summary import Summary

__all__ = ["COLUMNS", "METRICS", "Comparison", "Estimate", "compare"]

METRICS: tuple[str, ...] = (
    "meetings",
    "meeting_rate",
    "calls_per_meeting",
    "attempts_per_meeting",
    "cost_per_meeting",
    "mean_days_to_meeting",
    "median_days_to_meeting",
    "do_not_contact_rate",
)
"""The metrics ``compare`` estimates with confidence intervals.

``meetings`` is per run (over the whole population); the rates are per
prospect; the ``per_meeting`` ones are totals over meetings; the days
are from the start to a prospect's first meeting.
"""

COLUMNS: tuple[str, ...] = (
    "strategy",
    "runs",
    "prospects",
    *(name for metric in METRICS for name in (metric, f"{metric}_low", f"{metric}_high")),
    *(f"attempts_{channel.value}" for channel in Channel),
    "attempts",
    "conversations",
    "interested",
    "loop_bound_hits",
)
"""The columns of ``Comparison.to_pandas`` and ``to_polars``, in order.

One row per strategy: ``runs``; ``prospects`` in each run; for each of
``METRICS`` the estimate and the bounds of its confidence interval
(missing when no run booked a meeting); the mean per run of the attempts
on each channel, of all attempts, of the conversations and of the
prospects interested; and the total of loop-bound hits over all runs.
"""

_INTEGER_COLUMNS = frozenset({"runs", "prospects", "loop_bound_hits"})


@attrs.frozen(kw_only=True)
class _Totals:
    """What the metrics need from one run, for fast resampling."""

    runs: int
    prospects: int
    meetings: int
    calls: int
    attempts: int
    cost: float
    do_not_contact: int
    days: tuple[float, ...]

    @classmethod
    def of(cls, summary: Summary) -> _Totals:
        return cls(
            runs=summary.runs,
            prospects=summary.prospects,
            meetings=summary.meetings,
            calls=summary.calls,
            attempts=summary.attempts,
            cost=summary.cost,
            do_not_contact=summary.do_not_contact,
            days=summary.days_to_meeting,
        )


def _metrics(parts: Sequence[_Totals]) -> dict[str, float | None]:
    runs = sum(p.runs for p in parts)
    prospects = sum(p.prospects for p in parts)
    meetings = sum(p.meetings for p in parts)
    days = [d for p in parts for d in p.days]
    return {
        "meetings": meetings / runs if runs else None,
        "meeting_rate": meetings / prospects if prospects else None,
        "calls_per_meeting": sum(p.calls for p in parts) / meetings if meetings else None,
        "attempts_per_meeting": sum(p.attempts for p in parts) / meetings if meetings else None,
        "cost_per_meeting": math.fsum(p.cost for p in parts) / meetings if meetings else None,
        "mean_days_to_meeting": statistics.fmean(days) if days else None,
        "median_days_to_meeting": statistics.median(days) if days else None,
        "do_not_contact_rate": (
            sum(p.do_not_contact for p in parts) / prospects if prospects else None
        ),
    }


@attrs.frozen(kw_only=True)
class Estimate:
    """A metric of one strategy: the estimate from all runs and its confidence interval.

    All three are ``None`` when the metric is undefined (no meeting to
    divide by in any run).
    """

    strategy: str
    metric: str
    point: float | None
    low: float | None
    high: float | None


@attrs.frozen(kw_only=True)
class Comparison:
    """The result of ``compare``: each strategy's run summaries and the estimates drawn from them.

    Estimates pool the runs (ratios of totals), and their intervals come
    from a percentile bootstrap over the runs: ``resamples`` draws of as
    many runs, with replacement, from a generator seeded by ``seed`` alone.
    The same draws serve every strategy, which keeps their comparison
    paired: run ``r`` gave every strategy the same prospects and the same
    luck. An interval is widened to include its estimate in the rare case
    the resampled values all fall on one side of it (very few runs).
    """

    strategies: tuple[str, ...]
    summaries: tuple[tuple[Summary, ...], ...]
    """Per strategy (in the order of ``strategies``), the summary of each run."""
    estimates: tuple[Estimate, ...]
    seed: int
    confidence: float
    resamples: int

    @classmethod
    def from_summaries(
        cls,
        summaries: Mapping[str, Sequence[Summary]],
        *,
        seed: int = 0,
        confidence: float = 0.95,
        resamples: int = 2000,
    ) -> Comparison:
        """Build a comparison from each strategy's run summaries (the same number of runs each).

        This is how runs made elsewhere (in parallel, on other machines)
        become a comparison: summarise each run, or combine the summaries
        of its parts with ``Summary.combine(parts, runs=1)``.
        """
        check_seed(seed)
        _check_estimation(confidence, resamples)
        if not isinstance(summaries, Mapping) or not summaries:
            raise TypeError(
                f"summaries: expected a non-empty mapping of strategy names to run summaries, "
                f"got {summaries!r}"
            )
        names = tuple(summaries)
        table = tuple(tuple(summaries[name]) for name in names)
        counts = {len(runs) for runs in table}
        if len(counts) != 1 or 0 in counts:
            raise ValueError(
                "summaries: every strategy needs the same number of runs, at least one; got "
                + ", ".join(
                    f"{name!r}: {len(runs)}" for name, runs in zip(names, table, strict=True)
                )
            )
        for name, runs in zip(names, table, strict=True):
            for i, summary in enumerate(runs):
                if not isinstance(summary, Summary):
                    raise TypeError(
                        f"summaries[{name!r}][{i}]: expected a Summary, got {summary!r}"
                    )
        count = counts.pop()
        rng = random.Random(stream_seed("bootstrap", seed))
        draws = [[rng.randrange(count) for _ in range(count)] for _ in range(resamples)]
        estimates: list[Estimate] = []
        for name, runs in zip(names, table, strict=True):
            estimates.extend(_estimates(name, runs, draws, confidence))
        return cls(
            strategies=names,
            summaries=table,
            estimates=tuple(estimates),
            seed=seed,
            confidence=confidence,
            resamples=resamples,
        )

    def runs_of(self, strategy: str) -> tuple[Summary, ...]:
        """The summary of each run of ``strategy``."""
        return self.summaries[self._index(strategy)]

    def summary(self, strategy: str) -> Summary:
        """All runs of ``strategy`` combined."""
        return Summary.combine(self.runs_of(strategy))

    def estimate(self, strategy: str, metric: str) -> Estimate:
        """The estimate of ``metric`` (one of ``METRICS``) for ``strategy``."""
        self._index(strategy)
        if metric not in METRICS:
            raise ValueError(f"metric: {metric!r} is not one of: {', '.join(METRICS)}")
        return next(e for e in self.estimates if e.strategy == strategy and e.metric == metric)

    def _index(self, strategy: str) -> int:
        try:
            return self.strategies.index(strategy)
        except ValueError:
            known = ", ".join(map(repr, self.strategies))
            raise KeyError(f"strategy: {strategy!r} is not one of: {known}") from None

    # -- output ---------------------------------------------------------------------

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per strategy with the keys of ``COLUMNS``."""
        rows = []
        for name, runs in zip(self.strategies, self.summaries, strict=True):
            total = Summary.combine(runs)
            row: dict[str, Any] = {
                "strategy": name,
                "runs": total.runs,
                "prospects": runs[0].prospects,
            }
            for metric in METRICS:
                estimate = self.estimate(name, metric)
                row[metric] = estimate.point
                row[f"{metric}_low"] = estimate.low
                row[f"{metric}_high"] = estimate.high
            for channel in Channel:
                row[f"attempts_{channel.value}"] = total.attempts_on(channel) / total.runs
            row["attempts"] = total.attempts / total.runs
            row["conversations"] = total.conversations / total.runs
            row["interested"] = total.interested / total.runs
            row["loop_bound_hits"] = total.loop_bound_hits
            rows.append(row)
        return rows

    def to_pandas(self) -> Any:
        """Return a pandas DataFrame with one row per strategy and the ``COLUMNS``."""
        pd = require("pandas", "Comparison.to_pandas()")
        columns = _columns(self.rows())
        return pd.DataFrame(
            {
                name: pd.Series(
                    values,
                    dtype="string"
                    if name == "strategy"
                    else ("int64" if name in _INTEGER_COLUMNS else "float64"),
                )
                for name, values in columns.items()
            }
        )

    def to_polars(self) -> Any:
        """Return a polars DataFrame with one row per strategy and the ``COLUMNS``."""
        pl = require("polars", "Comparison.to_polars()")
        schema = {
            name: pl.String
            if name == "strategy"
            else (pl.Int64 if name in _INTEGER_COLUMNS else pl.Float64)
            for name in COLUMNS
        }
        return pl.DataFrame(_columns(self.rows()), schema=schema)

    def table(self) -> str:
        """Return the main estimates as a plain-text table, one row per strategy."""
        shown = (
            ("meetings", "meetings/run", False),
            ("meeting_rate", "meeting rate", True),
            ("calls_per_meeting", "calls/meeting", False),
            ("cost_per_meeting", "cost/meeting", False),
            ("median_days_to_meeting", "median days", False),
        )
        header = ["strategy", *(title for _, title, _ in shown)]
        body = []
        for name in self.strategies:
            cells = [name]
            for metric, _, percent in shown:
                estimate = self.estimate(name, metric)
                cells.append(_interval(estimate, percent=percent))
            body.append(cells)
        widths = [max(len(row[i]) for row in (header, *body)) for i in range(len(header))]

        def line(cells: Sequence[str]) -> str:
            padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
            return "  ".join(padded).rstrip()

        lines = [line(header), line(["-" * width for width in widths])]
        lines += [line(row) for row in body]
        level = f"{self.confidence:.0%}"
        runs = len(self.summaries[0])
        lines.append(
            f"estimate [{level} interval], percentile bootstrap over {runs} "
            f"run{'s' if runs != 1 else ''}, {self.resamples} resamples"
        )
        return "\n".join(lines)

    def plot(self) -> Any:
        """Return a matplotlib Figure: funnels, cumulative meetings, attempts per channel.

        Never shows it: save it (``fig.savefig(...)``) or display it in a
        notebook. Needs matplotlib (the ``[sim]`` extra).
        """
        from outreach_rules.simulation.plots import plot_comparison

        return plot_comparison(self)


def _check_estimation(confidence: object, resamples: object) -> None:
    if not 0 < check_probability(confidence, "confidence") < 1:
        raise ValueError(f"confidence: {confidence!r} must be between 0 and 1, e.g. 0.95")
    check_count(resamples, "resamples")


def _estimates(
    name: str, runs: Sequence[Summary], draws: list[list[int]], confidence: float
) -> list[Estimate]:
    totals = [_Totals.of(summary) for summary in runs]
    points = _metrics(totals)
    resampled: dict[str, list[float]] = {metric: [] for metric in METRICS}
    for draw in draws:
        for metric, value in _metrics([totals[i] for i in draw]).items():
            if value is not None:
                resampled[metric].append(value)
    tail = (1 - confidence) / 2
    estimates = []
    for metric in METRICS:
        point = points[metric]
        values = sorted(resampled[metric])
        if point is None or not values:
            estimates.append(
                Estimate(strategy=name, metric=metric, point=point, low=None, high=None)
            )
            continue
        low = min(_quantile(values, tail), point)
        high = max(_quantile(values, 1 - tail), point)
        estimates.append(Estimate(strategy=name, metric=metric, point=point, low=low, high=high))
    return estimates


def _quantile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted ``values``, interpolating linearly between neighbours."""
    position = q * (len(values) - 1)
    below = math.floor(position)
    above = min(below + 1, len(values) - 1)
    return values[below] + (values[above] - values[below]) * (position - below)


def _interval(estimate: Estimate, *, percent: bool) -> str:
    def show(value: float | None) -> str:
        if value is None:
            return "–"
        return f"{value:.1%}" if percent else f"{value:,.1f}"

    if estimate.point is None:
        return "–"
    return f"{show(estimate.point)} [{show(estimate.low)}–{show(estimate.high)}]"


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in COLUMNS}


def compare(
    strategies: Mapping[str, Playbook],
    population: int | Iterable[Prospect],
    *,
    days: int = 90,
    runs: int = 20,
    seed: int = 0,
    model: ResponseModel | None = None,
    costs: Costs | None = None,
    progress: bool | None = None,
    start: datetime | None = None,
    jitter: timedelta = DEFAULT_JITTER,
    max_actions: int = MAX_ACTIONS,
    confidence: float = 0.95,
    resamples: int = 2000,
    scheduler: object = None,
    chunk_size: int | None = None,
    accounts: AccountRules | bool | Mapping[str, AccountRules | bool] = True,
) -> Comparison:
    """Simulate each strategy ``runs`` times on the same population and compare them.

    ``strategies`` maps a name to a playbook; ``population`` is a number of
    synthetic prospects or an iterable of ``orl.Prospect``. Run ``r`` of
    every strategy uses the random streams of ``(seed, r)``: the same
    prospects meet the same luck under each strategy (common random
    numbers), so differences come from the strategies. Returns a
    ``Comparison`` with each run's ``Summary`` and the estimates of
    ``METRICS`` with ``confidence`` intervals (percentile bootstrap over the
    runs, ``resamples`` draws). The other arguments are ``simulate``'s.

    ``scheduler`` runs the simulation on Dask (the ``[dask]`` extra): a
    ``dask.distributed.Client``, or the name of a local Dask scheduler
    (``"processes"``, ``"threads"``, ``"sync"``). Each task simulates
    ``chunk_size`` prospects (default 500) for one strategy and run; the
    chunks' summaries combine exactly, so the comparison is equal to the
    one made in one process with the same seed. A synthetic population is
    drawn on the workers; playbooks, models and costs must pickle. No
    progress bar is shown then.

    ``accounts`` says how colleagues (prospects with the same
    ``Prospect.account``, simulated together) are planned, as in
    ``simulate``: ``True`` or an ``orl.AccountRules`` with
    ``orl.plan_account``, ``False`` each alone; or a mapping from strategy
    names to those, to compare the same playbook with the account rules on
    and off (a strategy it leaves out gets ``True``).
    """
    books = _check_strategies(strategies)
    rules = _check_accounts(accounts, books)
    check_count(runs, "runs")
    check_progress(progress)
    # Before the simulation, which may take hours, rather than after it.
    _check_estimation(confidence, resamples)
    settings = Settings.of(
        days=days,
        seed=seed,
        start=start,
        model=model,
        costs=costs,
        jitter=jitter,
        max_actions=max_actions,
    )
    if scheduler is not None or chunk_size is not None:
        # Imported here: outreach_rules must import without dask.
        from outreach_rules.integrations import dask as on_dask

        chosen, size = on_dask.check_distribution(scheduler=scheduler, chunk_size=chunk_size)
        people = on_dask.people_of(population, seed=settings.seed)
        distributed = on_dask.compare_chunks(
            books, people, settings, runs=runs, scheduler=chosen, chunk_size=size, rules=rules
        )
        return Comparison.from_summaries(
            distributed, seed=settings.seed, confidence=confidence, resamples=resamples
        )
    prospects = as_prospects(population, seed=settings.seed)
    summaries: dict[str, list[Summary]] = {name: [] for name in books}
    total = runs * len(books) * len(prospects)
    # One strategy is a simulation, not a comparison: say so, as simulate() does.
    label = f"simulating {next(iter(books))}" if len(books) == 1 else "comparing strategies"
    with progress_bar(progress, total=total, label=label) as advance:
        for name, book in books.items():
            for index in range(runs):
                summaries[name].append(
                    _summarise(book, prospects, settings, index, advance, rules[name])
                )
    return Comparison.from_summaries(
        summaries, seed=settings.seed, confidence=confidence, resamples=resamples
    )


def _summarise(
    book: Playbook,
    prospects: tuple[Prospect, ...],
    settings: Settings,
    index: int,
    advance: Callable[[int], None],
    rules: AccountRules | None,
) -> Summary:
    # Only the prospect records are kept: the attempts of a large run would fill the memory.
    records = summarise_people(prospects, book, settings, run=index, rules=rules, advance=advance)
    return Summary.of_prospects(book.name, settings.days, records)


def _check_accounts(
    accounts: object, books: Mapping[str, Playbook]
) -> dict[str, AccountRules | None]:
    """Each strategy's account rules (``None``: colleagues planned alone)."""
    if not isinstance(accounts, Mapping):
        chosen = account_rules(accounts)
        return dict.fromkeys(books, chosen)
    unknown = [name for name in accounts if name not in books]
    if unknown:
        known = ", ".join(map(repr, books))
        raise KeyError(f"accounts: {unknown[0]!r} is not one of the strategies: {known}")
    return {name: account_rules(accounts.get(name, True), f"accounts[{name!r}]") for name in books}


def _check_strategies(strategies: object) -> dict[str, Playbook]:
    if not isinstance(strategies, Mapping) or not strategies:
        raise TypeError(
            "strategies: expected a non-empty mapping of names to orl.Playbook, e.g. "
            f"{{'cold calling': orl.playbooks.cold_calling()}}, got {strategies!r}"
        )
    books: dict[str, Playbook] = {}
    for name, book in strategies.items():
        if not isinstance(name, str) or not name.strip():
            raise TypeError(f"strategies: each name must be non-empty text, got {name!r}")
        if not isinstance(book, Playbook):
            raise TypeError(f"strategies[{name!r}]: expected an orl.Playbook, got {book!r}")
        books[name] = book
    return books
