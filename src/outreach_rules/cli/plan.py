"""``outreach-rules plan``: each prospect's plan, for the prospects of a data file."""

from __future__ import annotations

import argparse
import json
from typing import Any

from outreach_rules.cli.common import (
    command,
    now_from,
    pairs,
    plain_datetimes_argument,
    planning_arguments,
    playbook_from,
    print_plans,
)
from outreach_rules.engine import plan_many
from outreach_rules.exchange import to_dict

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Add ``plan`` to the subcommands."""
    parser = command(
        subparsers,
        "plan",
        help="plan the prospects in a JSON or JSON Lines file",
        description="Read prospects and histories, print each prospect's plan. Input: a JSON "
        "object, a JSON array of objects, or JSON Lines; each object is "
        '{"prospect": {...}, "history": [{...}, ...]} with datetimes as ISO 8601 with an '
        "offset.",
        examples=[
            "prospects.jsonl --now 2026-11-23T09:00:00-05:00",
            "prospects.json --json > plans.jsonl",
            "prospects.jsonl --cadence cold_outbound.toml",
            "- < prospects.jsonl",
        ],
    )
    planning_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print JSON Lines, one plan a line")
    plain_datetimes_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Plan every prospect of the file; print the plans explained, or as JSON Lines."""
    now = now_from(args.now)
    playbook = playbook_from(args)
    plans = plan_many(pairs(args.file), now=now, playbook=playbook)
    if args.json:
        for result in plans:
            print(json.dumps(to_dict(result, zone_names=not args.plain_datetimes)))
        return 0
    print_plans([(f"{p.prospect_id}", p) for p in plans])
    return 0
