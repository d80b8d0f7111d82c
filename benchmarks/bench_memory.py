"""Measure the memory that a million attempts take when held as values.

Run: ``python benchmarks/bench_memory.py`` (``--attempts N`` for another
count, ``--markdown`` for the table in docs/performance.md).

The attempts are spread over 1,000 prospects, as a CRM would hold them:
calls about 17 hours apart with mixed outcomes, each to the prospect's
own number. ``tracemalloc`` counts every byte Python allocated for them
(the attempts, their datetimes and their keys), after a warm-up that
loads the library, so the figure is the values' own cost. The target is
250 MB (about 238 MiB) for 1,000,000 attempts.
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import tracemalloc
from datetime import UTC, datetime, timedelta

import outreach_rules as orl

TARGET_BYTES = 250_000_000
START = datetime(2006, 1, 2, 9, tzinfo=UTC)
OUTCOMES = (
    orl.Outcome.NO_ANSWER,
    orl.Outcome.VOICEMAIL,
    orl.Outcome.BUSY,
    orl.Outcome.NO_ANSWER,
    orl.Outcome.CONNECTED,
)


def make_attempts(count: int, prospects: int = 1000) -> list[list[orl.Attempt]]:
    """``count`` attempts over ``prospects`` histories, each history oldest first."""
    numbers = [f"+1312555{i:04d}" for i in range(prospects)]
    histories: list[list[orl.Attempt]] = [[] for _ in range(prospects)]
    step = timedelta(hours=17)
    for i in range(count):
        who = i % prospects
        histories[who].append(
            orl.Attempt(
                at=START + step * (i // prospects),
                channel=orl.Channel.CALL,
                outcome=OUTCOMES[i % len(OUTCOMES)],
                to=numbers[who],
            )
        )
    return histories


def measure(count: int) -> int:
    """Bytes allocated to hold ``count`` attempts, measured with tracemalloc."""
    make_attempts(1000)  # warm-up: the library's own caches are not the values' cost
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = make_attempts(count)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert sum(map(len, held)) == count
    return after - before


def main() -> int:
    """Print the bytes per attempt and the total against the target."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=1_000_000, help="how many attempts")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table row")
    args = parser.parse_args()
    used = measure(args.attempts)
    scaled = used * 1_000_000 / args.attempts
    if args.markdown:
        print(
            f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()}, "
            f"Python {platform.python_version()}.\n"
        )
        print("| attempts | held in values | per attempt | per 1,000,000 (target ≤ 250 MB) |")
        print("|---:|---:|---:|---:|")
        print(
            f"| {args.attempts:,} | {used / 1e6:,.1f} MB | {used / args.attempts:,.0f} B "
            f"| {scaled / 1e6:,.1f} MB |"
        )
        return 0
    print(
        f"{args.attempts:,} attempts: {used / 1e6:,.1f} MB, {used / args.attempts:,.0f} bytes "
        f"each; {scaled / 1e6:,.1f} MB per million (target ≤ {TARGET_BYTES / 1e6:,.0f} MB)"
    )
    return 0 if scaled <= TARGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
