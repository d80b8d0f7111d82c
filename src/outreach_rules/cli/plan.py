"""``outreach-rules plan``: each prospect's plan, for the prospects of a data file."""

from __future__ import annotations

import argparse
import json
from typing import Any

from outreach_rules.accounts import plan_by_account
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
from outreach_rules.prospects import Prospect

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
        "offset. With --account, colleagues (prospects with the same account) are planned "
        "together: one colleague's meeting stops the others, interest holds them, and no two "
        "are touched on one channel the same day.",
        examples=[
            "prospects.jsonl --now 2026-11-23T09:00:00-05:00",
            "prospects.json --json > plans.jsonl",
            "prospects.jsonl --cadence cold_outbound.toml",
            "colleagues.jsonl --account --now 2026-11-24T08:00:00-05:00",
            "- < prospects.jsonl",
        ],
    )
    planning_arguments(parser)
    parser.add_argument(
        "--account",
        action="store_true",
        help="plan the colleagues of each account together (orl.plan_account); prospects "
        "without an account are planned alone",
    )
    parser.add_argument("--json", action="store_true", help="print JSON Lines, one plan a line")
    plain_datetimes_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Plan every prospect of the file; print the plans explained, or as JSON Lines."""
    now = now_from(args.now)
    playbook = playbook_from(args)
    contacts = pairs(args.file, colleagues=args.account)
    if args.account:
        plans = plan_by_account(contacts, now=now, playbook=playbook)
    else:
        plans = list(plan_many(contacts, now=now, playbook=playbook))
    if args.json:
        for result in plans:
            print(json.dumps(to_dict(result, zone_names=not args.plain_datetimes)))
        return 0
    titles = [_title(prospect, args.account) for prospect, _ in contacts]
    print_plans(list(zip(titles, plans, strict=True)))
    return 0


def _title(prospect: Prospect, accounts: bool) -> str:
    """A plan's title: the prospect's id, with ``--account`` and its account when it has one."""
    if not accounts or prospect.account is None:
        return prospect.id
    return f"{prospect.id} at {prospect.account}"
