"""Time a simulation of the default playbook in one process and on a local Dask cluster.

Run: ``python benchmarks/bench_simulation.py`` (100,000 prospects over 90
days; ``--prospects 10000`` for a quicker look, ``--markdown`` for a
table). Needs the ``[dask]`` extra, unless ``--alone`` times the one
process only.

Both sides run ``simulation.compare`` with ``cold_calling`` alone and one
run, which keeps only each prospect's summary record; ``--records`` times
``simulation.simulate`` instead, which keeps every attempt and event
(several gigabytes at 100,000 prospects). The cluster has ``--workers``
worker processes of one thread each and is started, and warmed up, before
its clock starts. Both sides must give equal results, or the benchmark
fails: the point of the split is the same numbers, sooner.

The speed-up is only as good as the cores are free. Next to the wall time
the benchmark prints the CPU seconds (of the one process; of the workers)
and the cores that makes: on a machine shared with other work these tell
how much of the machine the run really had. Linux's autogroup scheduling
shares the CPUs between login sessions first, whatever the nice values,
so one busy process in another session leaves two workers one core.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import outreach_rules as orl
from outreach_rules import simulation as sim
from outreach_rules.integrations.dask import CHUNK_SIZE

STRATEGY = "cold calling"


def timed(work: Callable[[], Any], cpu: Callable[[], float]) -> tuple[float, float, Any]:
    """Seconds ``work`` took, the CPU seconds ``cpu`` counted meanwhile, and what it returned."""
    used = cpu()
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, cpu() - used, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--prospects", type=int, default=100_000, help="default: 100000")
    parser.add_argument("--days", type=int, default=90, help="default: 90")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, help="prospects per task")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--records", action="store_true", help="time simulate(), keeping every record"
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--alone", action="store_true", help="one process only, without Dask")
    args = parser.parse_args(argv)

    book = orl.playbooks.cold_calling()

    def work(**distribution: Any) -> Any:
        if args.records:
            return sim.simulate(
                book, args.prospects, days=args.days, seed=args.seed, progress=False, **distribution
            )
        return sim.compare(
            {STRATEGY: book},
            args.prospects,
            days=args.days,
            runs=1,
            seed=args.seed,
            progress=False,
            **distribution,
        )

    # Both sides start warm: the zones and holiday tables of every place already loaded.
    sim.compare({STRATEGY: book}, 100, days=args.days, runs=1, progress=False)
    alone_seconds, alone_cpu, alone = timed(work, time.process_time)
    if args.alone:
        meetings = alone.summary().meetings if args.records else alone.summary(STRATEGY).meetings
        print(
            f"one process {alone_seconds:,.1f} s  {alone_cpu:,.1f} CPU s  "
            f"{args.prospects / alone_cpu:,.0f} prospects per CPU second; "
            f"{args.prospects:,} prospects x {args.days} days, {meetings:,} meetings; "
            f"Python {platform.python_version()}"
        )
        return 0

    import dask
    from dask.distributed import Client, LocalCluster

    # The workers' statistical profiler samples each task's stack every 10 ms, which costs
    # them about a tenth of their CPU time here: the benchmark times the library, not it.
    with (
        dask.config.set({"distributed.worker.profile.enabled": False}),
        LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        # Each worker imports the library and fills its caches too.
        warm_up = 100 * args.workers
        sim.compare({STRATEGY: book}, warm_up, days=args.days, runs=1, scheduler=client,
                    chunk_size=100)  # fmt: skip

        def workers_cpu() -> float:
            return sum(client.run(time.process_time).values())

        spread_seconds, spread_cpu, spread = timed(
            lambda: work(scheduler=client, chunk_size=args.chunk_size), workers_cpu
        )
    if spread != alone:
        print("FAILED: the cluster's results differ from one process's", file=sys.stderr)
        return 1

    meetings = alone.summary().meetings if args.records else alone.summary(STRATEGY).meetings
    what = "simulate" if args.records else "compare, 1 run"
    # CPU seconds over wall seconds: the cores the work really had, on a machine shared or not.
    rows = [
        ("one process", alone_seconds, alone_cpu, args.prospects / alone_seconds),
        (
            f"Dask, {args.workers} local workers",
            spread_seconds,
            spread_cpu,
            args.prospects / spread_seconds,
        ),
    ]
    speedup = alone_seconds / spread_seconds
    # What the split costs in CPU (pickling, scheduling, the workers' own threads): with this
    # many free cores, the speed-up would be about the workers times this ratio.
    efficiency = alone_cpu / spread_cpu
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    context = (
        f"{args.prospects:,} prospects x {args.days} days, cold_calling, {what}, "
        f"chunks of {args.chunk_size}; {meetings:,} meetings, equal on both sides; "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, load average {load}"
    )
    if args.markdown:
        print("| run | seconds | CPU seconds | cores used | prospects/s |")
        print("|---|---:|---:|---:|---:|")
        for name, seconds, cpu, rate in rows:
            print(f"| {name} | {seconds:,.1f} | {cpu:,.1f} | {cpu / seconds:.2f} | {rate:,.0f} |")
        print(
            f"\nSpeed-up: {speedup:.2f}x; CPU per prospect on Dask: {1 / efficiency:.2f}x one "
            f"process's. {context}."
        )
    else:
        for name, seconds, cpu, rate in rows:
            print(
                f"{name:<24} {seconds:>9,.1f} s  {cpu:>9,.1f} CPU s  {cpu / seconds:.2f} cores  "
                f"{rate:>9,.0f} prospects/s"
            )
        print(f"speed-up {speedup:.2f}x; CPU per prospect on Dask {1 / efficiency:.2f}x")
        print(context)
    return 0


if __name__ == "__main__":
    sys.exit(main())
