"""Charts of a comparison, drawn with matplotlib (the ``[sim]`` extra), never shown.

The figure is built with ``matplotlib.figure.Figure`` directly, not
``pyplot``: no global state, no window, no GUI backend needed, safe under
``Agg`` and in threads.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from outreach_rules.channels import Channel
from outreach_rules.simulation._checks import require
from outreach_rules.simulation.summary import Summary

if TYPE_CHECKING:
    from outreach_rules.simulation.comparison import Comparison

__all__ = ["FUNNEL", "plot_comparison"]

FUNNEL: tuple[str, ...] = ("attempts", "conversations", "interested", "meetings")
"""The stages of the funnel chart, as ``Summary`` fields (means per run)."""


def plot_comparison(comparison: Comparison) -> Any:
    """Return a Figure with three charts of ``comparison``, one axes each.

    Left, the funnel of each strategy, mean per run on a log scale:
    attempts, conversations, prospects interested, meetings. Middle,
    cumulative meetings over the simulated days, the mean per run as a
    line and the range of the runs as a band. Right, attempts per channel,
    mean per run.
    """
    require("matplotlib", "Comparison.plot()")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(15, 4.8), layout="constrained")
    funnel, cumulative, channels = figure.subplots(1, 3)
    names = comparison.strategies
    totals = [Summary.combine(runs) for runs in comparison.summaries]
    width = 0.8 / len(names)

    for i, (name, total) in enumerate(zip(names, totals, strict=True)):
        values = [getattr(total, stage) / total.runs for stage in FUNNEL]
        positions = [x + (i - (len(names) - 1) / 2) * width for x in range(len(FUNNEL))]
        funnel.bar(positions, values, width=width, label=name)
    funnel.set_xticks(range(len(FUNNEL)), [stage.replace("_", " ") for stage in FUNNEL])
    funnel.set_yscale("log")
    funnel.set_ylabel("per run (log scale)")
    funnel.set_title("Funnel")
    funnel.legend(fontsize="small")

    for name, runs in zip(names, comparison.summaries, strict=True):
        curves = [list(itertools.accumulate(run.meetings_by_day)) for run in runs]
        days = list(range(1, len(curves[0]) + 1))
        mean = [sum(values) / len(values) for values in zip(*curves, strict=True)]
        low = [min(values) for values in zip(*curves, strict=True)]
        high = [max(values) for values in zip(*curves, strict=True)]
        (line,) = cumulative.step(days, mean, where="post", label=name)
        cumulative.fill_between(days, low, high, step="post", alpha=0.2, color=line.get_color())
    cumulative.set_xlabel("day")
    cumulative.set_ylabel("meetings booked (mean per run; band: range of runs)")
    cumulative.set_title("Cumulative meetings")
    cumulative.legend(fontsize="small")

    kinds = [channel.value for channel in Channel]
    for i, (name, total) in enumerate(zip(names, totals, strict=True)):
        values = [total.attempts_on(kind) / total.runs for kind in kinds]
        positions = [x + (i - (len(names) - 1) / 2) * width for x in range(len(kinds))]
        channels.bar(positions, values, width=width, label=name)
    channels.set_xticks(range(len(kinds)), kinds)
    channels.set_ylabel("attempts per run")
    channels.set_title("Attempts per channel")
    channels.legend(fontsize="small")

    count = len(comparison.summaries[0])
    figure.suptitle(f"{len(names)} strategies, {count} runs each, {totals[0].days} days")
    return figure
