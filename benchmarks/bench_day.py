"""Time plan_day against plan_many on the same pairs: what the day's capacity rules cost.

Run: ``python benchmarks/bench_day.py`` (``--size`` prospects, default 20,000, in a fifth as
many accounts, with owners, channel limits, a mailbox each and a calendar).

The figure that counts is the ratio ``plan_day / plan_many``, timed in the same run, best of
``--repeat`` after a warm-up: plan_day plans every pair with plan_many's engine, so the
ratio is the price of sorting the day, the account rule, each rep's goal and limits, and
the mailbox's spacing. The target is at most 1.3.
"""

from __future__ import annotations

import argparse
import time
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


def best_of(function: object, repeat: int) -> float:
    """The shortest of ``repeat`` timed runs of ``function`` after one warm-up."""
    assert callable(function)
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    """Print the seconds of plan_many and plan_day and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pairs = population(args.size)
    reps = tuple(
        orl.Rep(
            name=f"rep{n}",
            goal=60,
            limits={"linkedin": 20},
            mailbox=orl.Mailbox(address=f"rep{n}@example.com", start=DAY - timedelta(days=4)),
            calendar=orl.RepCalendar(),
        )
        for n in range(4)
    )
    many = best_of(lambda: list(orl.plan_many(pairs, now=NOW)), args.repeat)
    day = best_of(lambda: orl.plan_day(pairs, day=DAY, now=NOW, reps=reps), args.repeat)
    bare = best_of(lambda: orl.plan_day(pairs, day=DAY, now=NOW), args.repeat)
    accounts = len({p.account for p, _ in pairs})
    print(f"{args.size} prospects in {accounts} accounts")
    print(f"plan_many {many:.2f} s · plan_day {day:.2f} s · ratio {day / many:.2f}")
    print(f"plan_day without reps, mailboxes or calendars {bare:.2f} s · ratio {bare / many:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
