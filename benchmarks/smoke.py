"""Benchmark smoke for CI: fail when planning got 20 % dearer than the committed baseline.

Run: ``python benchmarks/smoke.py`` (needs valgrind). It counts the machine
instructions of a 20-attempt plan and of the realistic New York case with
``bench_plan.py``'s callgrind counter, each against its hand-written floor,
and of one prospect simulated for 90 days against the realistic floor, and
compares the ratios with ``baseline.json`` beside this file: a ratio
does not move with the machine's load, and little with the build of
Python. ``--write`` records the current ratios as the new baseline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import bench_plan

BASELINE = Path(__file__).with_name("baseline.json")
CASES = {"plan_20": ("plan", "floor", 20), "realistic": ("realistic", "realistic_floor", 20)}
RUNS = 60
SIMULATED = 40
TOLERANCE = 1.20


def _per_call(case: str, size: int, runs: int) -> float:
    """Instructions per run of ``case``: two counts, so that start-up cancels out."""
    once = bench_plan._counted(case, size, runs)
    twice = bench_plan._counted(case, size, 2 * runs)
    return (twice - once) / runs


def ratios() -> dict[str, float]:
    """The instruction ratio of each case to its floor."""
    found = {}
    floors = {}
    for name, (case, floor, size) in CASES.items():
        floors[floor] = _per_call(floor, size, RUNS)
        found[name] = _per_call(case, size, RUNS) / floors[floor]
    # One prospect simulated for 90 days of cold calling, in realistic floors: how many
    # hand-written decisions a simulated prospect costs.
    found["simulation"] = _per_call("simulation", 0, SIMULATED) / floors["realistic_floor"]
    return found


def main() -> int:
    """Compare with the baseline (or write it); exit 1 on a regression."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="record the ratios as the baseline")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("benchmarks/smoke.py needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    now = ratios()
    if args.write:
        BASELINE.write_text(json.dumps(now, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"baseline written: {now}")
        return 0
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    failed = False
    for name, ratio in now.items():
        if name not in baseline:
            print(f"{name}: {ratio:.2f}x the floor, no baseline (record one with --write)")
            failed = True
            continue
        limit = baseline[name] * TOLERANCE
        verdict = "ok" if ratio <= limit else "REGRESSION"
        failed = failed or ratio > limit
        print(f"{name}: {ratio:.2f}x the floor (baseline {baseline[name]:.2f}x, limit {limit:.2f}x)"
              f" {verdict}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
