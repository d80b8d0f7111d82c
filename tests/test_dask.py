"""Dask: populations split over workers give exactly the numbers and plans of one process."""

from __future__ import annotations

import functools
import itertools
import random
import subprocess
import sys
from datetime import UTC, datetime

import attrs
import dask.bag as db
import dask.dataframe as dd
import distributed
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import simulation as sim
from outreach_rules import strategies as ors
from outreach_rules.exchange import format_datetime, to_dict
from outreach_rules.integrations.dask import plan_partitions

COLD = orl.playbooks.cold_calling()
MAIL = orl.playbooks.direct_mail()
NOW = datetime(2026, 1, 20, 9, tzinfo=UTC)
# Costs that are not sums of halves: float totals would round differently in pieces.
COSTS = sim.Costs(call_minute=0.7, email=0.1, note=0.3)


@pytest.fixture(scope="module")
def client():
    """A client of two local worker processes, one per pytest-xdist worker that needs it."""
    # ":0": a free port for the HTTP server, which binds 8787 even without a dashboard.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@functools.cache
def pairs() -> list[tuple[orl.Prospect, tuple[orl.Attempt | orl.Event, ...]]]:
    """Thirty prospects with the histories two simulated weeks gave them."""
    run = sim.simulate(COLD, 30, days=15, progress=False)
    return [(p, run.history(p.id)) for p in sim.population(30)]


def frames() -> tuple[object, object, object]:
    """The pairs as a CRM export: a prospects, an attempts and an events frame."""
    people = [p for p, _ in pairs()]
    prospects = pd.DataFrame(
        {
            "id": [p.id for p in people],
            "timezone": [p.timezone for p in people],
            "name": [p.name for p in people],
            "phones": [";".join(f"{n.kind.value}:{n.number}" for n in p.phones) for p in people],
            "emails": [";".join(p.emails) for p in people],
            "country": [p.country for p in people],
            "region": [p.region for p in people],
            "city": [p.city for p in people],
        }
    )
    history = [(p.id, item) for p, items in pairs() for item in items]
    attempts = pd.DataFrame(
        [
            {
                "prospect_id": pid,
                "at": format_datetime(item.at),
                "channel": item.channel.value,
                "outcome": item.outcome.value,
                "to": item.to,
            }
            for pid, item in history
            if isinstance(item, orl.Attempt)
        ]
    )
    events = pd.DataFrame(
        [
            {"prospect_id": pid, "at": format_datetime(item.at), "kind": item.kind.value}
            for pid, item in history
            if isinstance(item, orl.Event)
        ],
        columns=["prospect_id", "at", "kind"],
    )
    return prospects, attempts, events


def test_compare_on_a_cluster_equals_one_process(client):
    """compare(scheduler=client) gives the very comparison of one process, with the same seed."""
    strategies = {"calls": COLD, "mail": MAIL}
    arguments = {"days": 20, "runs": 2, "seed": 7, "costs": COSTS}
    alone = sim.compare(strategies, 60, progress=False, **arguments)
    spread = sim.compare(strategies, 60, scheduler=client, chunk_size=16, **arguments)
    assert spread == alone
    assert spread.summary("calls").cost == alone.summary("calls").cost


def test_simulate_on_a_cluster_equals_one_process(client):
    """simulate(scheduler=client) gives the very run, every record in order, of one process."""
    people = sim.population(24, seed=3)
    alone = sim.simulate(COLD, people, days=20, seed=3, run=1, progress=False)
    assert (
        sim.simulate(COLD, people, days=20, seed=3, run=1, scheduler=client, chunk_size=5) == alone
    )


def test_plan_partitions_of_a_bag_equals_plan_many(client):
    """A Bag of pairs, or of exchange records, plans to the plans of orl.plan_many, in order."""
    expected = list(orl.plan_many(pairs(), now=NOW, playbook=COLD))
    bag = db.from_sequence(pairs(), npartitions=4)
    assert plan_partitions(bag, now=NOW, playbook=COLD).compute(scheduler=client) == expected
    records = [{"prospect": to_dict(p), "history": [to_dict(i) for i in h]} for p, h in pairs()]
    planned = plan_partitions(db.from_sequence(records, npartitions=3), now=NOW)
    assert planned.compute(scheduler=client) == expected


def test_plan_partitions_of_a_frame_equals_plans_to_frame(client):
    """A Dask frame of prospects plans to plans_to_frame's rows and types, however split."""
    prospects, attempts, events = frames()
    whole = orl.plans_to_frame(
        orl.plan_many(orl.frame_to_pairs(prospects, attempts, events=events), now=NOW)
    )
    assert len(whole) > 0
    people = dd.from_pandas(prospects, npartitions=4)
    planned = plan_partitions(people, now=NOW, attempts=attempts, events=events)
    assert list(planned.columns) == list(orl.plans_to_frame([]).columns)
    pd.testing.assert_frame_equal(planned.compute(scheduler=client).reset_index(drop=True), whole)
    split = plan_partitions(
        people,
        now=NOW,
        attempts=dd.from_pandas(attempts, npartitions=3),
        events=dd.from_pandas(events, npartitions=2),
    )
    pd.testing.assert_frame_equal(split.compute(scheduler=client).reset_index(drop=True), whole)


def test_local_scheduler_names_give_the_same_numbers():
    """A local scheduler named by text gives the numbers of one process too."""
    people = sim.population(12)
    alone = sim.compare({"calls": COLD}, people, days=10, runs=2, costs=COSTS, progress=False)
    for name in ("sync", "threads"):
        spread = sim.compare(
            {"calls": COLD}, people, days=10, runs=2, costs=COSTS, scheduler=name, chunk_size=5
        )
        assert spread == alone


def test_combining_pieces_of_a_run_is_exact_in_any_order():
    """Summaries of a run's pieces, in any order and cut, combine to the run's summary."""
    run = sim.simulate(COLD, 40, days=20, costs=COSTS, progress=False)
    whole = run.summary()
    records = list(run.prospects)
    for draw in range(10):
        rng = random.Random(draw)
        rng.shuffle(records)
        cuts = [0, *sorted(rng.sample(range(1, 40), 3)), 40]
        parts = [
            sim.Summary.of_prospects(whole.playbook, whole.days, records[lo:hi])
            for lo, hi in itertools.pairwise(cuts)
        ]
        rng.shuffle(parts)
        assert sim.Summary.combine(parts, runs=1) == whole


def test_without_dask_the_error_says_what_to_install():
    """Without dask, outreach_rules imports, and asking for Dask says which extra to install."""
    code = """
import sys
sys.modules["dask"] = None
from datetime import UTC, datetime
import outreach_rules as orl
from outreach_rules import simulation as sim
from outreach_rules.integrations import dask as on_dask
for call in (
    lambda: on_dask.plan_partitions([], now=datetime(2026, 1, 5, tzinfo=UTC)),
    lambda: sim.compare({"calls": orl.playbooks.cold_calling()}, 3, scheduler="sync"),
):
    try:
        call()
    except ImportError as error:
        print(error)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert all('pip install "outreach-rules[dask]"' in line for line in lines)


def test_importing_the_library_does_not_import_dask():
    """outreach_rules, its simulation and the Dask bridge import without importing dask."""
    code = (
        "import sys, outreach_rules, outreach_rules.simulation, outreach_rules.integrations.dask;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_bad_arguments_name_the_argument():
    """Arguments of the wrong kind or value raise errors naming the argument and the value."""
    bag = db.from_sequence(pairs()[:2], npartitions=1)
    people, attempts, _ = frames()
    with pytest.raises(TypeError, match=r"^data: expected a dask.bag.Bag .* got list"):
        plan_partitions([], now=NOW)
    with pytest.raises(TypeError, match="now"):
        plan_partitions(bag, now=datetime(2026, 1, 5))
    with pytest.raises(TypeError, match=r"^playbook: expected an orl.Playbook or None, got 'x'"):
        plan_partitions(bag, now=NOW, playbook="x")
    with pytest.raises(ValueError, match=r"^attempts: only for a DataFrame of prospects"):
        plan_partitions(bag, now=NOW, attempts=attempts)
    with pytest.raises(TypeError, match=r"^events: expected a pandas or Dask DataFrame"):
        plan_partitions(dd.from_pandas(people, npartitions=1), now=NOW, events=[1])
    with pytest.raises(ValueError, match=r"^attempts: missing column 'prospect_id'"):
        plan_partitions(dd.from_pandas(people, npartitions=1), now=NOW, attempts=people)
    with pytest.raises(ValueError, match=r"^data: missing column 'timezone'"):
        plan_partitions(dd.from_pandas(people[["id"]], npartitions=1), now=NOW)
    with pytest.raises(ValueError, match=r"^scheduler: 'fast' is not one of: 'threads'"):
        sim.compare({"calls": COLD}, 3, scheduler="fast")
    with pytest.raises(TypeError, match=r"^scheduler: expected a dask.distributed.Client .* 42"):
        sim.simulate(COLD, 3, scheduler=42)
    with pytest.raises(ValueError, match=r"^chunk_size: 0 is too small"):
        sim.simulate(COLD, 3, scheduler="sync", chunk_size=0)
    with pytest.raises(ValueError, match=r"^chunk_size: 5 is only for a simulation on Dask"):
        sim.compare({"calls": COLD}, 3, chunk_size=5)
    with pytest.raises(ValueError, match=r"^confidence: 1.5 is not a probability"):
        sim.compare({"calls": COLD}, 3, scheduler="sync", confidence=1.5)


def test_bad_data_names_the_partition_and_the_item():
    """Bad items and rows fail when computed, naming the partition and the item or row in it."""
    good = list(pairs()[:2])
    record = {"prospect": {"id": "z", "timezone": "Mars/Olympus"}, "history": []}
    bag = db.from_sequence([*good, record, "nonsense"], npartitions=2)
    with pytest.raises(orl.InvalidData, match=r"^partition 1, item 0: prospect.timezone: "):
        plan_partitions(bag, now=NOW).compute(scheduler="sync")
    bag = db.from_sequence([*good, "nonsense"], npartitions=2)
    with pytest.raises(
        TypeError, match=r"^partition 1, item 0: expected a \(prospect, history\) pair or an"
    ):
        plan_partitions(bag, now=NOW).compute(scheduler="sync")
    people = pd.DataFrame({"id": ["a", "b", "c"], "timezone": ["UTC", "UTC", "Mars/Olympus"]})
    planned = plan_partitions(dd.from_pandas(people, npartitions=2, sort=False), now=NOW)
    with pytest.raises(orl.InvalidData, match=r"^partition 1: prospects row 0 \(id 'c'\)"):
        planned.compute(scheduler="sync")


def local_plans(items, *, now, playbook=None, rules=None):
    """The plans of one process: plan_account per account, plan for the others, in input order."""
    groups: dict[str, list[int]] = {}
    plans: dict[int, orl.Plan] = {}
    for index, (person, history) in enumerate(items):
        if person.account is None:
            plans[index] = orl.plan(person, history, now=now, playbook=playbook)
        else:
            groups.setdefault(person.account, []).append(index)
    for members in groups.values():
        made = orl.plan_account(
            [items[i] for i in members], now=now, playbook=playbook, rules=rules
        )
        plans.update(zip(members, made, strict=True))
    return [plans[index] for index in range(len(items))]


@st.composite
def colleagues(draw):
    """Pairs with unique ids, many sharing one of the strategies' accounts, and a moment."""
    people = draw(st.lists(ors.prospects(), min_size=1, max_size=8, unique_by=lambda p: p.id))
    items = [(p, draw(ors.histories(p))) for p in people]
    return items, draw(ors.moments())


# Fewer examples than the profile's: each builds and runs a Dask graph (most of the time), and
# plan_account's own properties cover the planning over many more cases.
@settings(max_examples=50)
@given(case=colleagues(), parts=st.integers(1, 4), seed=st.integers(0, 100))
def test_plan_partitions_plans_colleagues_as_one_process_does(case, parts, seed):
    """Over generated pairs, the Bag's plans equal plan_account per account and plan otherwise,
    in input order, however the pairs are split or shuffled."""
    items, now = case
    random.Random(seed).shuffle(items)
    bag = db.from_sequence(items, npartitions=min(parts, len(items)))
    planned = plan_partitions(bag, now=now).compute(scheduler="sync")
    assert planned == local_plans(items, now=now)
    if not any(p.account for p, _ in items):
        assert planned == list(orl.plan_many(items, now=now))


def meeting_pairs():
    """Two colleagues at one account and a stranger; the first colleague booked a meeting."""
    booked = orl.Attempt(
        at=datetime(2026, 1, 15, 15, tzinfo=UTC),
        channel=orl.Channel.CALL,
        outcome=orl.Outcome.MEETING_BOOKED,
    )
    ada = orl.Prospect(
        id="ada", timezone="America/New_York", phones=("+12125550101",), account="acme"
    )
    bob = attrs.evolve(ada, id="bob", phones=("+12125550102",))
    cy = attrs.evolve(ada, id="cy", phones=("+12125550103",), account=None)
    return [(ada, (booked,)), (cy, ()), (bob, ())]


def test_a_colleagues_meeting_stops_the_other_across_partitions(client):
    """A meeting booked in one partition stops the colleague in another, with a reason naming it;
    accounts=False plans each alone, as plan_many does."""
    items = meeting_pairs()
    bag = db.from_sequence(items, npartitions=3)
    ada, cy, bob = plan_partitions(bag, now=NOW).compute(scheduler=client)
    assert ada.halted is not None
    assert bob.actions == ()
    assert "ada at acme booked a meeting" in (bob.halted or "")
    assert cy.actions
    alone = plan_partitions(bag, now=NOW, accounts=False).compute(scheduler=client)
    assert alone == list(orl.plan_many(items, now=NOW))
    assert alone[2].actions
    rules = orl.AccountRules(stops_on=())
    assert plan_partitions(bag, now=NOW, accounts=rules).compute(scheduler="sync") == (
        local_plans(items, now=NOW, rules=rules)
    )


def test_a_frame_keeps_colleagues_together_in_any_row_order(client):
    """A frame with an account column plans as one process with plan_account, in every row
    order and split, one row per action in the input order."""
    items = meeting_pairs()
    people = pd.DataFrame(
        {
            "id": [p.id for p, _ in items],
            "timezone": [p.timezone for p, _ in items],
            "phones": [p.phones[0].number for p, _ in items],
            "account": [p.account for p, _ in items],
        }
    )
    attempts = pd.DataFrame(
        [
            {
                "prospect_id": "ada",
                "at": format_datetime(items[0][1][0].at),
                "channel": "call",
                "outcome": "meeting_booked",
            }
        ]
    )
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        rows = people.iloc[order].reset_index(drop=True)
        pairs_ = orl.frame_to_pairs(rows, attempts)
        whole = orl.plans_to_frame(local_plans(pairs_, now=NOW))
        planned = plan_partitions(
            dd.from_pandas(rows, npartitions=3, sort=False), now=NOW, attempts=attempts
        )
        got = planned.compute(scheduler=client).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, whole)
        assert "bob" not in set(got["prospect_id"])


def test_accounts_must_be_a_flag_or_rules():
    """accounts= of another kind is a TypeError naming it."""
    bag = db.from_sequence(pairs()[:2], npartitions=1)
    with pytest.raises(TypeError, match=r"^accounts: expected True, False or an orl.AccountRules"):
        plan_partitions(bag, now=NOW, accounts="yes")
