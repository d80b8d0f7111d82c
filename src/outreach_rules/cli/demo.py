"""``outreach-rules demo``: example prospects, one per practice, and their plans explained."""

from __future__ import annotations

import argparse
import json
from typing import Any

from outreach_rules.cli.common import command, plain_datetimes_argument, print_plans
from outreach_rules.exchange import to_dict

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Add ``demo`` to the subcommands."""
    parser = command(
        subparsers,
        "demo",
        help="show example prospects, their plans and the reasons",
        description="Plan a few example prospects built in code, one per practice, and "
        "explain each plan.",
        examples=["", "--json | head -n 1"],
    )
    parser.add_argument("--json", action="store_true", help="print the plans as JSON")
    plain_datetimes_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Plan the demo scenarios; print them explained, or as JSON Lines."""
    from outreach_rules import demo

    plans = demo.plans()
    if args.json:
        for title, result in plans:
            print(
                json.dumps(
                    {
                        "scenario": title,
                        "plan": to_dict(result, zone_names=not args.plain_datetimes),
                    }
                )
            )
        return 0
    print_plans(plans)
    return 0
