"""Simulate playbooks on synthetic prospects and compare them: ``outreach_rules.simulation``.

    from outreach_rules import simulation as sim

    run = sim.simulate(orl.playbooks.cold_calling(), 1000, days=90, seed=0)
    print(run.summary().table())

    result = sim.compare(
        {"calls": orl.playbooks.cold_calling(), "mail": orl.playbooks.direct_mail()},
        1000, days=90, runs=20, seed=0,
    )
    print(result.table())
    result.to_pandas(); result.to_polars(); result.plot()

Each prospect is simulated by a discrete-event loop around the production
engine: ``orl.plan`` says what to do next, with every policy and guard of
the playbook (no shortcut planner); a response model (``FieldModel`` by
default, any object with a ``respond`` method in its place) says what came
of it; the attempt and the inbound touches it sets off (a callback weeks
later, a reply) join the history; the clock moves on. ``population(n)``
builds synthetic prospects; any iterable of ``orl.Prospect`` works too.
Colleagues (the same ``Prospect.account``; ``population(n,
contacts_per_account=3)``) are simulated together, planned with
``orl.plan_account`` or each alone (``accounts=``).

Results are reproducible: every prospect draws from its own random stream,
derived from ``(seed, run, prospect id)`` by a stable hash, so a seed gives
identical records, splitting or reordering the population changes no
prospect's records (as long as an account's colleagues stay together),
and the same prospect meets the same luck under every
strategy (common random numbers, which make comparisons fairer).

Large simulations run on a Dask cluster, with the same numbers as in one
process: ``simulate(..., scheduler=client)`` and ``compare(...,
scheduler=client)`` split the population into tasks (the ``[dask]``
extra; see ``outreach_rules.integrations.dask``).

The simulation itself needs only the core library. Data frames and charts
need pandas, polars and matplotlib, imported when first used:

    pip install "outreach-rules[sim]"
"""

from __future__ import annotations

from outreach_rules.simulation.comparison import COLUMNS, METRICS, Comparison, Estimate, compare
from outreach_rules.simulation.costs import Costs
from outreach_rules.simulation.field_model import Conversation, FieldModel, Stage
from outreach_rules.simulation.loop import (
    DEFAULT_JITTER,
    DEFAULT_START,
    MAX_ACTIONS,
    Settings,
    simulate,
    simulate_account,
    simulate_prospect,
)
from outreach_rules.simulation.population import PLACES, TOPICS, Place, population
from outreach_rules.simulation.records import AttemptRecord, EventRecord, Exit, ProspectRecord, Run
from outreach_rules.simulation.responses import Response, ResponseModel
from outreach_rules.simulation.streams import stream, stream_seed
from outreach_rules.simulation.summary import Summary

__all__ = [
    "COLUMNS",
    "DEFAULT_JITTER",
    "DEFAULT_START",
    "MAX_ACTIONS",
    "METRICS",
    "PLACES",
    "TOPICS",
    "AttemptRecord",
    "Comparison",
    "Conversation",
    "Costs",
    "Estimate",
    "EventRecord",
    "Exit",
    "FieldModel",
    "Place",
    "ProspectRecord",
    "Response",
    "ResponseModel",
    "Run",
    "Settings",
    "Stage",
    "Summary",
    "compare",
    "population",
    "simulate",
    "simulate_account",
    "simulate_prospect",
    "stream",
    "stream_seed",
]
