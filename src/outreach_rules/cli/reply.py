"""The ``read-reply`` command of ``outreach-rules``: what one inbound e-mail is, and why.

It prints the reading (``Reply.explain``) and the history items the reply
adds; ``--json`` prints both as one JSON object. With ``--prospect`` the
return date is read in the prospect's zone, and a history in that file
lets a soft bounce count the ones before it.
"""

from __future__ import annotations

import argparse
import email.policy
import email.utils
import json
import sys
from datetime import UTC, datetime
from email.parser import BytesParser
from typing import Any

from outreach_rules.cli.common import command, pair, records, source_name
from outreach_rules.errors import UsageError
from outreach_rules.exchange import parse_datetime, to_dict
from outreach_rules.history import Attempt, HistoryItem
from outreach_rules.prospects import Prospect
from outreach_rules.replies import DEFAULT_HARD_AFTER, read_reply

__all__ = ["add_parser", "run"]

_DESCRIPTION = (
    "Read one inbound e-mail (a .eml file as received, or - for standard input) and say what "
    "it is: a person's reply, an out-of-office with the day back, a bounce (permanent or "
    "not), a request to stop e-mails, a notice that the person left, another automatic "
    "message, or our own mail. Prints which headers, phrases and dates decided, and the "
    "history items to append. --prospect FILE is a prospect as JSON, or a record "
    '{"prospect": ..., "history": [...]} as the plan command reads.'
)


def add_parser(subparsers: Any) -> None:
    """Add ``read-reply`` and its options to the subcommands of ``outreach-rules``."""
    parser = command(
        subparsers,
        "read-reply",
        help="read one inbound e-mail: reply, out of office, bounce, opt-out, left the company",
        description=_DESCRIPTION,
        examples=[
            "message.eml",
            "message.eml --prospect anna.json --json",
            "- --received-at 2026-12-02T10:00:00+01:00 < message.eml",
        ],
    )
    parser.add_argument("message", help="the e-mail as received (.eml), or - for standard input")
    parser.add_argument("--prospect", metavar="FILE", help="the prospect (and history), JSON")
    parser.add_argument(
        "--received-at",
        metavar="TIME",
        help="when it arrived (ISO 8601 with an offset); default: its Date header, else now",
    )
    parser.add_argument(
        "--own-address",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="an address we send from, or @domain; repeat for more",
    )
    parser.add_argument(
        "--hard-after",
        type=int,
        default=DEFAULT_HARD_AFTER,
        metavar="N",
        help=f"soft bounces in a row that count as a hard one (default {DEFAULT_HARD_AFTER})",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``read-reply``; bad input is a ``UsageError`` (one line, exit 2)."""
    source = "<stdin>" if args.message == "-" else args.message
    raw = _read(args.message, source)
    if args.hard_after < 1:
        raise UsageError(f"--hard-after: expected a whole number ≥ 1, got {args.hard_after}")
    prospect, history = _prospect(args.prospect) if args.prospect else (None, [])
    received_at = _received_at(args.received_at, raw)
    try:
        reply = read_reply(
            raw, received_at=received_at, prospect=prospect, own_addresses=args.own_address
        )
    except (TypeError, ValueError) as exc:
        raise UsageError(f"--own-address: {exc}") from None
    added = reply.to_history(history, hard_after=args.hard_after)
    if args.json:
        data = {
            "file": source,
            "reply": to_dict(reply),
            "history": [to_dict(item) for item in added],
        }
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(f"{source}: {reply.explain()}")
    if added:
        print("adds to the history:")
        for item in added:
            print(f"  {_item(item)}")
    else:
        print("adds nothing to the history")
    return 0


def _read(path: str, source: str) -> bytes:
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        raise UsageError(f"{source}: cannot read: {exc.strerror}") from None
    if not data.strip():
        raise UsageError(f"{source}: the file is empty")
    return data


def _prospect(path: str) -> tuple[Prospect, list[HistoryItem]]:
    source = source_name(path)
    found = list(records(path, source))
    if len(found) != 1:
        raise UsageError(f"{source}: expected one prospect, got {len(found)} records")
    number, record = found[0]
    if isinstance(record, dict) and "prospect" not in record and "id" in record:
        record = {"prospect": record}
    return pair(record, source, number)


def _received_at(text: str | None, raw: bytes) -> datetime:
    if text is not None:
        try:
            return parse_datetime(text)
        except (TypeError, ValueError) as exc:
            raise UsageError(f"--received-at: {exc}") from None
    try:
        headers = BytesParser(policy=email.policy.compat32).parsebytes(raw[:65536], True)
        moment = email.utils.parsedate_to_datetime(str(headers.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None and moment.tzinfo is not None:
        return moment
    # The command line is the edge where the clock is read; read_reply never does.
    return datetime.now(UTC)


def _item(item: HistoryItem) -> str:
    data = to_dict(item)
    if isinstance(item, Attempt):
        head = f"attempt {data['channel']} {data['outcome']} to {data.get('to') or '?'}"
    else:
        head = f"event {data['kind']} ({data.get('channel') or 'any channel'})"
    extra = f", resume_at {data['resume_at']}" if data.get("resume_at") else ""
    notes = f": {data['notes'][:100]}" if data.get("notes") else ""
    return f"{head} at {data['at']}{extra}{notes}"
