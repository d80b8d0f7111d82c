"""``outreach-rules explain``: one prospect's plan explained, with its place in the cadence."""

from __future__ import annotations

import argparse
import functools
import json
from typing import Any

from outreach_rules import cadences
from outreach_rules.cli.common import (
    cadence_from,
    command,
    now_from,
    pair,
    plain_datetimes_argument,
    planning_arguments,
    playbook_from,
    print_plans,
    records,
    source_name,
)
from outreach_rules.engine import plan
from outreach_rules.errors import UsageError
from outreach_rules.exchange import format_datetime, to_dict
from outreach_rules.situation import Situation

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Add ``explain`` to the subcommands."""
    parser = command(
        subparsers,
        "explain",
        help="explain one prospect's plan and where it stands in its cadence",
        description="Plan one prospect of a data file and explain the plan; with --cadence, "
        "also where the prospect stands in the cadence, read from its history.",
        examples=[
            "prospects.jsonl --prospect ada",
            "prospects.jsonl --cadence cold_outbound.toml --prospect ada --json",
        ],
    )
    planning_arguments(parser)
    parser.add_argument("--prospect", required=True, help="the id of the prospect to explain")
    parser.add_argument("--json", action="store_true", help="print JSON")
    plain_datetimes_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Plan one prospect of a data file and explain it, with its place in the cadence."""
    now = now_from(args.now)
    playbook = playbook_from(args)
    source = source_name(args.file)
    for number, record in records(args.file, source):
        if not (isinstance(record, dict) and isinstance(record.get("prospect"), dict)):
            continue
        if record["prospect"].get("id") != args.prospect:
            continue
        prospect, history = pair(record, source, number)
        result = plan(prospect, history, now=now, playbook=playbook)
        where = None
        if args.cadence is not None:
            cadence = cadence_from(args.cadence)
            situation = Situation(prospect, history, now=now, playbook=playbook)
            where = cadences.position(cadence, situation) if cadence.steps else None
        if args.json:
            data: dict[str, Any] = {"plan": to_dict(result, zone_names=not args.plain_datetimes)}
            if where is not None:
                data["position"] = _position_data(where, zone_names=not args.plain_datetimes)
            print(json.dumps(data, indent=2))
            return 0
        print_plans([(prospect.id, result)])
        if where is not None:
            print(_position_text(where, playbook.name))
        return 0
    raise UsageError(f"{source}: no record has prospect id {args.prospect!r}")


def _position_data(where: cadences.Position, *, zone_names: bool) -> dict[str, Any]:
    at = functools.partial(format_datetime, zone_name=zone_names)
    return {
        "round": where.round,
        "step": where.step,
        "enrolled": at(where.enrolled) if where.enrolled else None,
        "taken": [{"step": t.step, "at": at(t.attempt.at)} for t in where.taken],
        "off_cadence": [{"channel": a.channel.value, "at": at(a.at)} for a in where.off_cadence],
        "touches": {c.value: n for c, n in where.touches.items()},
        "ended": where.ended,
        "final": where.final,
    }


def _position_text(where: cadences.Position, name: str) -> str:
    if where.round == 0:
        return f"Cadence {name!r}: not started; the first step comes next."
    lines = [f"Cadence {name!r}, round {where.round}:"]
    taken = ", ".join(t.step for t in where.taken) or "none"
    lines.append(f"  steps taken: {taken}")
    if where.off_cadence:
        lines.append(f"  touches off the cadence: {len(where.off_cadence)}")
    touches = ", ".join(f"{n} {c.value}" for c, n in where.touches.items())
    lines.append(f"  touches this round: {touches}")
    if where.ended is not None:
        lines.append(f"  ended: {where.ended}{' (for good)' if where.final else ''}")
    else:
        lines.append(f"  next step: {where.step}")
    return "\n".join(lines)
