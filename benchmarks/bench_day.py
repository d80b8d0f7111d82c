"""Time plan_day against plan_many on the same pairs: what the day's capacity rules cost.

Run: ``python benchmarks/bench_day.py`` (``--size`` prospects, default 20,000, in a fifth as
many accounts, with owners, channel limits, a mailbox each and a calendar).

The figure that counts is the ratio ``plan_day / plan_many``, timed in the same run, best of
``--repeat`` after a warm-up: plan_day plans every pair with plan_many's engine, so the
ratio is the price of sorting the day, the account rule, each rep's goal and limits, and
the mailbox's spacing. The target is at most 1.3. Colleagues are planned together by
default (``plan_by_account``), which costs more than planning each alone: plan_day is
measured against that, and with ``accounts=False`` against plan_many.

The cases take turns, round after round, so that a busy spell of a shared machine weighs on
all of them alike.
``--instructions`` counts machine instructions instead of seconds, under valgrind's
callgrind (which must be installed): each case runs once in a fresh interpreter with a fixed
hash seed, and a run that only builds the pairs and warms up is taken off, so the count does
not move with the machine's load.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import outreach_rules as orl

DAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 5, tzinfo=UTC)
ZONES = ("America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/Stockholm")


def population(size: int) -> list[tuple[orl.Prospect, list[orl.Attempt]]]:
    """``size`` prospects in ``size // 5`` accounts, owned by four reps, half with one call."""
    pairs = []
    for i in range(size):
        timezone = ZONES[i % len(ZONES)]
        phone = f"+1212{i:07d}" if "America" in timezone else f"+4670{i:07d}"
        who = orl.Prospect(
            id=f"p{i}",
            timezone=timezone,
            phones=(phone,),
            emails=(f"p{i}@example.com",),
            account=f"a{i % max(1, size // 5)}",
            owner=f"rep{i % 4}",
        )
        history = []
        if i % 2:
            history.append(
                orl.Attempt(at=NOW - timedelta(days=3), channel="call", outcome="no_answer")
            )
        pairs.append((who, history))
    return pairs


def team() -> tuple[orl.Rep, ...]:
    """Four reps, each with a goal of 60, a LinkedIn limit, a ramping mailbox and a calendar."""
    return tuple(
        orl.Rep(
            name=f"rep{n}",
            goal=60,
            limits={"linkedin": 20},
            mailbox=orl.Mailbox(address=f"rep{n}@example.com", start=DAY - timedelta(days=4)),
            calendar=orl.RepCalendar(),
        )
        for n in range(4)
    )


def cases(pairs: list[tuple[orl.Prospect, list[orl.Attempt]]]) -> dict[str, Callable[[], object]]:
    """The timed calls: plan_many and plan_by_account (the planning a day builds on, alone and
    with colleagues together), plan_day with the team, without it, and with everyone alone."""
    reps = team()
    return {
        "plan_many": lambda: list(orl.plan_many(pairs, now=NOW)),
        "plan_by_account": lambda: orl.plan_by_account(pairs, now=NOW),
        "plan_day": lambda: orl.plan_day(pairs, day=DAY, now=NOW, reps=reps),
        "bare": lambda: orl.plan_day(pairs, day=DAY, now=NOW),
        "alone": lambda: orl.plan_day(pairs, day=DAY, now=NOW, reps=reps, accounts=False),
    }


def report(found: dict[str, float], unit: str, scale: float) -> None:
    """Print each case and its ratio to the planning it builds on."""
    many, together = found["plan_many"], found["plan_by_account"]
    print(f"plan_many {many / scale:.2f} {unit} · plan_by_account {together / scale:.2f} {unit}")
    for case, label, base, against in (
        ("plan_day", "plan_day, the team", together, "plan_by_account"),
        ("bare", "plan_day without reps, mailboxes or calendars", together, "plan_by_account"),
        ("alone", "plan_day, the team, accounts=False", many, "plan_many"),
    ):
        print(
            f"{label} {found[case] / scale:.2f} {unit} · ratio to {against} "
            f"{found[case] / base:.2f}"
        )


def best_of(timed: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The shortest of ``repeat`` timed runs of each case after one warm-up, cases in turn."""
    for function in timed.values():
        function()
    best = dict.fromkeys(timed, float("inf"))
    for _ in range(repeat):
        for name, function in timed.items():
            start = time.perf_counter()
            function()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def _counted(case: str, size: int) -> int:
    """Instructions callgrind counts for a fresh interpreter running ``case`` once."""
    import bench_plan

    return bench_plan.callgrind(__file__, "--size", str(size), "--run-case", case)


def _run_case(case: str, size: int) -> None:
    """Build the pairs, warm up on a few of them, then run ``case`` once ("setup": not at all)."""
    pairs = population(size)
    for function in cases(pairs[:50]).values():
        function()
    if case != "setup":
        cases(pairs)[case]()


def main() -> int:
    """Print the seconds (or instructions) of plan_many and plan_day and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions with callgrind"
    )
    parser.add_argument("--run-case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_case:
        _run_case(args.run_case, args.size)
        return 0
    pairs = population(args.size)
    accounts = len({p.account for p, _ in pairs})
    print(f"{args.size} prospects in {accounts} accounts")
    if args.instructions:
        if shutil.which("valgrind") is None:
            print("--instructions needs valgrind (e.g. apt-get install valgrind)", file=sys.stderr)
            return 2
        setup = _counted("setup", args.size)
        count = {case: float(_counted(case, args.size) - setup) for case in cases([])}
        report(count, "G instructions", 1e9)
        return 0
    report(best_of(cases(pairs), args.repeat), "s", 1.0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
