"""``outreach-rules import``: a CRM's CSV export of calls and e-mails as prospects' histories."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from outreach_rules._time import zone
from outreach_rules.channels import PHONE_CHANNELS, Channel
from outreach_rules.cli.common import command, plain_datetimes_argument
from outreach_rules.errors import InvalidData, UsageError
from outreach_rules.exchange import to_dict
from outreach_rules.history import Attempt
from outreach_rules.prospects import Prospect

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Add ``import`` to the subcommands."""
    from outreach_rules.frames import HISTORY_FIELDS, LAYOUTS

    parser = command(
        subparsers,
        "import",
        help="read a CRM's CSV export of calls and e-mails into prospects and histories",
        description="Read a CSV export of calls and e-mails (a CRM layout such as hubspot or "
        "salesforce, or your own columns with --column) and print one JSON line per "
        "prospect, with its history, for plan, explain and day. The export holds no time "
        "zones: --timezone gives the prospects' zone. Every bad row is named on stderr "
        "(exit 2) and nothing is printed.",
        examples=[
            "calls.csv --layout hubspot --timezone America/New_York > prospects.jsonl",
            "tasks.csv --layout salesforce --timezone America/Chicago --plain-datetimes",
            "log.csv --column prospect_id=contact --column at=when --timezone Europe/London",
        ],
    )
    parser.add_argument("file", help="the CSV file")
    parser.add_argument(
        "--layout", choices=sorted(LAYOUTS), help="the CRM whose export this is (its columns)"
    )
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"the column of a field, over the layout's; fields: {', '.join(HISTORY_FIELDS)}",
    )
    parser.add_argument(
        "--timezone", required=True, help="the prospects' IANA time zone, e.g. America/New_York"
    )
    plain_datetimes_argument(parser, when="")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the export; print a JSON line per prospect, or every bad row and exit 2."""
    from outreach_rules.frames import read_history

    try:
        zone(args.timezone)
    except ValueError as exc:
        raise UsageError(f"--{exc}") from None
    mapping = {}
    for pair in args.column:
        field, sep, column = pair.partition("=")
        if not sep or not column:
            raise UsageError(f"--column: {pair!r} is not FIELD=COLUMN, e.g. at=Call time")
        mapping[field.strip()] = column
    try:
        histories = read_history(args.file, layout=args.layout, mapping=mapping)
    except ValueError as exc:
        if not isinstance(exc, InvalidData):
            raise UsageError(str(exc)) from None
        for problem in exc.problems:
            print(f"outreach-rules: {problem}", file=sys.stderr)
        return 2
    zone_names = not args.plain_datetimes
    for ident, history in histories.items():
        record = {
            "prospect": to_dict(_prospect(ident, args.timezone, history)),
            "history": [to_dict(item, zone_names=zone_names) for item in history],
        }
        print(json.dumps(record))
    return 0


def _prospect(ident: str, timezone: str, history: tuple[Attempt, ...]) -> Prospect:
    """The prospect as the log knows it: its id, and the numbers and addresses it was reached at."""
    phones: list[str] = []
    emails: list[str] = []
    for attempt in history:
        if attempt.channel in PHONE_CHANNELS:
            wanted = phones
        elif attempt.channel is Channel.EMAIL:
            wanted = emails
        else:
            continue
        if attempt.to is not None and attempt.to not in wanted:
            wanted.append(attempt.to)
    try:
        return Prospect(id=ident, timezone=timezone, phones=tuple(phones), emails=tuple(emails))
    except (TypeError, ValueError):
        # A log's "to" that is no valid number or address: the prospect without contact points.
        return Prospect(id=ident, timezone=timezone)
