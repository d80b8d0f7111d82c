"""Time plan() against a minimal hand-written stdlib version of the same decision.

Run: ``python benchmarks/bench_plan.py`` (add ``--markdown`` for a table).

Absolute times on shared machines drift by a third from run to run, so the
figure that counts is the ratio to the floor, timed in the same run: best of
several repeats after a warm-up, for a 20-attempt history, a 10,000-attempt
history (about twenty years of calls), and plan_many per prospect.

``--instructions`` counts machine instructions instead of seconds, under
valgrind's callgrind (which must be installed): the count does not move
with the machine's load, so it compares two versions of the code on a busy
host. Each case runs twice, ``n`` and ``2n`` times, in a fresh interpreter
with a fixed hash seed, and the difference is divided by ``n``, which
leaves out the start-up.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

import outreach_rules as orl
import outreach_rules.scripts

NOW = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
TZ = "America/Chicago"
PHONE = "+13125550100"
DELAYS = (1, 2, 4)
THEN_EVERY = 5
OPEN, CLOSE = 9, 17


# -- the floor: the same decision, by hand, with the standard library only ----


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _add_business_days(local: datetime, days: int) -> datetime:
    day = local.date()
    while days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return datetime.combine(day, local.timetz().replace(tzinfo=None), local.tzinfo)


def _inside_hours(local: datetime) -> datetime:
    day: date = local.date()
    start = local
    while True:
        if day.weekday() < 5:
            opening = datetime(day.year, day.month, day.day, OPEN, tzinfo=local.tzinfo)
            closing = datetime(day.year, day.month, day.day, CLOSE, tzinfo=local.tzinfo)
            if start < opening:
                return opening
            if start < closing:
                return start
        day += timedelta(days=1)
        start = datetime(day.year, day.month, day.day, tzinfo=local.tzinfo)


def floor(prospect: orl.Prospect, history: list[orl.Attempt], now: datetime) -> datetime | None:
    """Order history, honour do-not-contact, read the last outcome, pick the delay, fit hours."""
    items = sorted(history, key=attrgetter("at"))
    for item in items:
        if item.outcome == "do_not_contact":
            return None
    streak = 0
    for item in reversed(items):
        if item.outcome in ("no_answer", "busy", "voicemail", "gatekeeper", "left"):
            streak += 1
        else:
            break
    tz = _zone(prospect.timezone)
    last = items[-1].at.astimezone(tz)
    delay = DELAYS[streak - 1] if streak <= len(DELAYS) else THEN_EVERY
    due = max(_add_business_days(last, delay), now.astimezone(tz))
    return _inside_hours(due)


# -- the realistic case: a named New York prospect, the full playbook ----------
#
# The library applies the federal and state packs (hours, holidays, registers,
# caps) and writes the script; the floor does the same by hand: the US and New
# York holidays of the years planned (looked up once, as the library caches
# its calendars), the register check, the lawful hours (08:00-21:00, wider than
# business hours here), the follow-up schedule and the words.

REAL_TZ = "America/New_York"
REAL_PHONE = "+12125550100"
SENDER = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
REAL_PROSPECT = orl.Prospect(
    id="ada",
    name="Ada Lovelace",
    timezone=REAL_TZ,
    phones=(orl.Phone(number=REAL_PHONE, kind="direct"),),
    emails=("ada@example.com",),
    country="US",
    region="NY",
    company="Analytical Engines",
)
# The words, read once from the built-in templates (as a CRM keeps its own), filled by hand.
_LAST_RESORT = orl.scripts.default_templates()[
    ("follow_up:voicemail_last_resort", orl.Channel.CALL)
]
_OPENER, _VOICEMAIL = _LAST_RESORT.opener.text, _LAST_RESORT.voicemail.text  # type: ignore[union-attr]


@cache
def _holidays(years: tuple[int, ...]) -> frozenset[date]:
    import holidays

    return frozenset(holidays.country_holidays("US", subdiv="NY", years=years))


def _add_working_days(local: datetime, days: int, closed: frozenset[date]) -> datetime:
    day = local.date()
    while days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            days -= 1
    return datetime.combine(day, local.timetz().replace(tzinfo=None), local.tzinfo)


def _open_at(local: datetime, closed: frozenset[date]) -> datetime:
    day: date = local.date()
    start = local
    while True:
        if day.weekday() < 5 and day not in closed:
            opening = datetime(day.year, day.month, day.day, OPEN, tzinfo=local.tzinfo)
            closing = datetime(day.year, day.month, day.day, CLOSE, tzinfo=local.tzinfo)
            if start < opening:
                return opening
            if start < closing:
                return start
        day += timedelta(days=1)
        start = datetime(day.year, day.month, day.day, tzinfo=local.tzinfo)


def realistic_floor(
    prospect: orl.Prospect, history: list[orl.Attempt], now: datetime
) -> tuple[datetime, str, str] | None:
    """The realistic decision by hand: registers, holidays, lawful hours, schedule, words."""
    if "on_national_dnc" in prospect.flags:
        return None
    items = sorted(history, key=attrgetter("at"))
    for item in items:
        if item.outcome == "do_not_contact":
            return None
    streak = 0
    for item in reversed(items):
        if item.outcome in ("no_answer", "busy", "voicemail", "gatekeeper", "left"):
            streak += 1
        else:
            break
    tz = _zone(prospect.timezone)
    last = items[-1].at.astimezone(tz)
    closed = _holidays((last.year, last.year + 1))
    delay = DELAYS[streak - 1] if streak <= len(DELAYS) else THEN_EVERY
    due = max(_add_working_days(last, delay, closed), now.astimezone(tz))
    due = _open_at(due, closed)
    if not 8 <= due.hour < 21:  # the lawful hours, wider than business hours here
        return None
    values = {
        "prospect_name": prospect.name.split()[0] if prospect.name else "",
        "sender_name": SENDER.name,
        "sender_phone": SENDER.phone,
        "sender_email": SENDER.email,
    }
    return due, _OPENER.format_map(values), _VOICEMAIL.format_map(values)


def make_realistic_history() -> list[orl.Attempt]:
    """Twenty calls about 17 hours apart: chats, a bad moment, mostly no answer, two at the end."""
    outcomes = ("connected", "bad_timing", "no_answer", "busy", "voicemail")
    history = []
    at = NOW - timedelta(days=2)
    for i in range(20):
        outcome = "no_answer" if i < 2 else outcomes[i % len(outcomes)]
        history.append(orl.Attempt(at=at, channel="call", outcome=outcome, to=REAL_PHONE))
        at -= timedelta(hours=17)
    history.reverse()
    return history


@cache
def realistic_playbook() -> orl.Playbook:
    return orl.playbooks.cold_calling(sender=SENDER)


# -- inputs -------------------------------------------------------------------


def make_history(size: int) -> list[orl.Attempt]:
    """``size`` calls, about 17 hours apart, ending with two unanswered ones."""
    history = []
    at = NOW - timedelta(days=2)
    for i in range(size):
        outcome = orl.Outcome.NO_ANSWER if i < 2 or i % 5 else orl.Outcome.CONNECTED
        history.append(orl.Attempt(at=at, channel=orl.Channel.CALL, outcome=outcome, to=PHONE))
        at -= timedelta(hours=17)
    history.reverse()
    return history


def best_of(function: Callable[[], Any], *, repeat: int, number: int) -> float:
    """Seconds per call: the best of ``repeat`` rounds of ``number`` calls, after a warm-up."""
    for _ in range(max(1, number // 10)):
        function()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def run(repeat: int = 7) -> list[tuple[str, float, float]]:
    """Return (case, library seconds, floor seconds) for each case."""
    # No country: the floor knows no holidays, so neither may the library here.
    prospect = orl.Prospect(id="p", timezone=TZ, phones=(PHONE,))
    rows = []
    for size, number in ((20, 2000), (10_000, 10)):
        history = make_history(size)
        result = orl.plan(prospect, history, now=NOW)
        expected = floor(prospect, history, NOW)
        assert result.next is not None, result.explain()
        assert result.next.earliest == expected, (result.explain(), expected)
        lib = best_of(
            lambda h=history: orl.plan(prospect, h, now=NOW), repeat=repeat, number=number
        )
        ref = best_of(lambda h=history: floor(prospect, h, NOW), repeat=repeat, number=number)
        rows.append((f"plan, {size:,}-attempt history", lib, ref))
    history = make_realistic_history()
    book = realistic_playbook()
    result = orl.plan(REAL_PROSPECT, history, now=NOW, playbook=book)
    expected = realistic_floor(REAL_PROSPECT, history, NOW)
    found = result.next
    assert found is not None, result.explain()
    assert found.script is not None, result.explain()
    assert (found.earliest, found.script.opener, found.script.voicemail) == expected, expected
    lib = best_of(
        lambda: orl.plan(REAL_PROSPECT, history, now=NOW, playbook=book), repeat=repeat, number=2000
    )
    ref = best_of(lambda: realistic_floor(REAL_PROSPECT, history, NOW), repeat=repeat, number=2000)
    rows.append(("plan, realistic New York prospect (20 attempts)", lib, ref))
    population = _population(500)
    lib = best_of(lambda: list(orl.plan_many(population, now=NOW)), repeat=repeat, number=3)
    ref = best_of(lambda: [floor(p, h, NOW) for p, h in population], repeat=repeat, number=3)
    rows.append(
        ("plan_many, per prospect (20 attempts)", lib / len(population), ref / len(population))
    )
    return rows


def _population(size: int) -> list[tuple[orl.Prospect, list[orl.Attempt]]]:
    return [
        (orl.Prospect(id=f"p{i}", timezone=TZ, phones=(PHONE,)), make_history(20))
        for i in range(size)
    ]


def _repeat(case: str, size: int, number: int) -> None:
    """Run one case ``number`` times: the body that callgrind counts."""
    if case == "simulation":
        # ``number`` synthetic prospects simulated for 90 days with the default playbook, after a
        # warm-up on a few others: the per-prospect cost the benchmark smoke watches.
        from outreach_rules import simulation as sim

        book = orl.playbooks.cold_calling()
        sim.simulate(book, 5, days=90, seed=1)
        sim.simulate(book, number, days=90, seed=0)
        return
    if case in ("plan_many", "floor_many", "make_many"):
        # ``number`` prospects of 20 attempts; "make_many" only makes them.
        population = _population(number)
        list(orl.plan_many(population[:1], now=NOW))
        floor(*population[0], NOW)
        if case == "plan_many":
            list(orl.plan_many(population, now=NOW))
        elif case == "floor_many":
            [floor(p, h, NOW) for p, h in population]
        return
    if case in ("realistic", "realistic_floor"):
        history = make_realistic_history()
        book = realistic_playbook()
        orl.plan(REAL_PROSPECT, history, now=NOW, playbook=book)
        realistic_floor(REAL_PROSPECT, history, NOW)
        for _ in range(number):
            if case == "realistic":
                orl.plan(REAL_PROSPECT, history, now=NOW, playbook=book)
            else:
                realistic_floor(REAL_PROSPECT, history, NOW)
        return
    prospect = orl.Prospect(id="p", timezone=TZ, phones=(PHONE,))
    history = make_history(size)
    orl.plan(prospect, history, now=NOW)
    floor(prospect, history, NOW)
    if case == "plan":
        for _ in range(number):
            orl.plan(prospect, history, now=NOW)
    else:
        for _ in range(number):
            floor(prospect, history, NOW)


def _counted(case: str, size: int, number: int) -> int:
    """Instructions callgrind counts for a fresh interpreter running ``case`` ``number`` times."""
    return callgrind(__file__, "--repeat-case", f"{case}:{size}:{number}")


def callgrind(script: str, *arguments: str) -> int:
    """Instructions callgrind counts for a fresh interpreter running ``script`` with
    ``arguments``, with a fixed hash seed so that two counts compare."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        script,
        *arguments,
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no count:\n{done.stderr}")
    return int(found[1])


def instructions(number: int = 300) -> list[tuple[str, float, float]]:
    """Return (case, library instructions, floor instructions) per call, from callgrind."""
    rows = []
    for size in (20, 10_000):
        runs = number if size == 20 else max(1, number // 30)
        per_call = []
        for case in ("plan", "floor"):
            once = _counted(case, size, runs)
            twice = _counted(case, size, 2 * runs)
            per_call.append((twice - once) / runs)
        rows.append((f"plan, {size:,}-attempt history", per_call[0], per_call[1]))
    per_call = []
    for case in ("realistic", "realistic_floor"):
        once = _counted(case, 20, number)
        twice = _counted(case, 20, 2 * number)
        per_call.append((twice - once) / number)
    rows.append(("plan, realistic New York prospect (20 attempts)", per_call[0], per_call[1]))
    # plan_many: each run makes its own population, a cost counted once more
    # alone ("make_many") and taken off both sides.
    made = _counted("make_many", 20, 2 * number) - _counted("make_many", 20, number)
    per_item = []
    for case in ("plan_many", "floor_many"):
        once = _counted(case, 20, number)
        twice = _counted(case, 20, 2 * number)
        per_item.append((twice - once - made) / number)
    rows.append(("plan_many, per prospect (20 attempts)", per_item[0], per_item[1]))
    return rows


def main() -> int:
    """Print the timings and ratios; ``--markdown`` prints a table for docs/performance.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--repeat", type=int, default=7, help="rounds per case (best is kept)")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions with callgrind"
    )
    parser.add_argument("--repeat-case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.repeat_case:
        case, size, number = args.repeat_case.split(":")
        _repeat(case, int(size), int(number))
        return 0
    if args.instructions:
        if shutil.which("valgrind") is None:
            print("--instructions needs valgrind (e.g. apt-get install valgrind)", file=sys.stderr)
            return 2
        print("| case | plan() | floor | ratio |")
        print("|---|---:|---:|---:|")
        for case, lib, ref in instructions():
            print(f"| {case} | {lib / 1e3:,.1f} k | {ref / 1e3:,.1f} k | {lib / ref:.2f}× |")
        return 0
    rows = run(args.repeat)
    if args.markdown:
        print(
            f"Measured {datetime.now(UTC):%Y-%m-%d} on {platform.machine()}, "
            f"Python {platform.python_version()}, one core.\n"
        )
        print("| case | plan() | floor | ratio (target ≤ 2.5) |")
        print("|---|---:|---:|---:|")
        for case, lib, ref in rows:
            print(f"| {case} | {lib * 1e6:,.1f} µs | {ref * 1e6:,.1f} µs | {lib / ref:.2f}× |")
        return 0
    for case, lib, ref in rows:
        print(
            f"{case:40s} plan {lib * 1e6:10,.1f} µs   floor {ref * 1e6:10,.1f} µs   "
            f"ratio {lib / ref:5.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
