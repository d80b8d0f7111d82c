"""``outreach-rules day``: a day's call list, ranked and cut at a goal, optionally as .ics."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from outreach_rules.channels import Channel, traits
from outreach_rules.cli.common import (
    command,
    now_from,
    pairs,
    plain_datetimes_argument,
    planning_arguments,
    playbook_from,
    rich_console,
)
from outreach_rules.errors import UsageError
from outreach_rules.exchange import to_dict

if TYPE_CHECKING:
    from outreach_rules.dayplan import DayPlan

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Add ``day`` to the subcommands."""
    parser = command(
        subparsers,
        "day",
        help="a day's call list for the prospects in a file, optionally as an .ics calendar",
        description="Plan every prospect as of the start of the day in their own zone (or "
        "--zone's, or --now), keep the calls due that day, rank them and cut the list at "
        "--goal; list the day's tasks (mail, e-mails, texts, LinkedIn, voicemail drops), each "
        "channel cut at its --limit; the rest is carried to the next day. With --ics, also "
        "write the list as an iCalendar file, each call in the prospect's own zone.",
        examples=[
            "prospects.jsonl --day 2026-11-24",
            "prospects.jsonl --day 2026-11-24 --goal 40 --ics calls.ics",
            "prospects.jsonl --day 2026-11-24 --zone Europe/Stockholm --limit email=50",
            "prospects.jsonl --day 2026-11-24 --mailbox sam@example.com --mailbox-start 2026-11-20",
            "prospects.jsonl --day 2026-11-24 --owner sam",
            "prospects.jsonl --day 2026-11-24 --json > calls.json",
        ],
    )
    planning_arguments(parser, now="default: the start of --day in each prospect's zone")
    parser.add_argument("--day", required=True, help="the calling day, YYYY-MM-DD")
    parser.add_argument(
        "--goal",
        type=int,
        default=50,
        help="the most calls to list (default: 50); 0 lists none and carries every call due",
    )
    parser.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="CHANNEL=N",
        help="the most tasks of a channel on the day, e.g. --limit email=50 (repeatable)",
    )
    parser.add_argument(
        "--zone",
        metavar="IANA",
        help="your own zone, e.g. Europe/Stockholm: the day is yours, and each line shows your "
        "time beside the prospect's",
    )
    parser.add_argument(
        "--owner",
        metavar="NAME",
        help="show only this rep's part of a team's day (prospects whose owner is NAME)",
    )
    parser.add_argument(
        "--mailbox",
        metavar="ADDRESS",
        help="the mailbox that sends the day's e-mails: at most its limit, 10 minutes apart",
    )
    parser.add_argument(
        "--mailbox-start",
        metavar="YYYY-MM-DD",
        help="the mailbox's first day: it ramps up from 10 e-mails, 5 more a day, to 50",
    )
    parser.add_argument("--ics", metavar="FILE", help="also write the list to this .ics file")
    parser.add_argument("--json", action="store_true", help="print the day plan as JSON")
    plain_datetimes_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Plan the day; print it explained or as JSON, and write the .ics if asked."""
    from outreach_rules.dayplan import plan_day

    try:
        day = date.fromisoformat(args.day)
    except ValueError:
        raise UsageError(f"--day: {args.day!r} is not a date such as 2026-11-24") from None
    # The same bound as orl.plan_day's goal: 0 is a day with no calls, everything carried.
    if args.goal < 0:
        raise UsageError(f"--goal: expected a whole number ≥ 0, got {args.goal}")
    now = now_from(args.now) if args.now is not None else None
    limits: dict[str, int] = {}
    for given in args.limit:
        channel, _, most = given.partition("=")
        if not most.strip().isdigit():
            raise UsageError(f"--limit: expected CHANNEL=N such as email=50, got {given!r}")
        limits[channel.strip()] = int(most)
    playbook = playbook_from(args)
    mailbox = _mailbox(args)
    try:
        result = plan_day(
            pairs(args.file, colleagues=True),
            day=day,
            goal=args.goal,
            playbook=playbook,
            now=now,
            limits=limits,
            zone=args.zone,
            mailbox=mailbox,
        )
    except ValueError as exc:
        field = getattr(exc, "field", "")
        if field != "zone" and not field.startswith("limits["):
            raise
        option = "--zone" if field == "zone" else "--limit"
        raise UsageError(f"{option}: {str(exc).partition(': ')[2]}") from None
    if args.owner is not None:
        result = result.for_owner(args.owner)
    if args.ics is not None:
        from outreach_rules.ics import to_ics

        try:
            data = to_ics(result)
        except ImportError as exc:
            raise UsageError(str(exc)) from None
        try:
            with open(args.ics, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise UsageError(f"--ics: cannot write {args.ics}: {exc.strerror}") from None
    if args.json:
        print(json.dumps(_day_json(result, zone_names=not args.plain_datetimes)))
        return 0
    console = rich_console(sys.stdout)
    if console is None:
        print(result.explain())
    else:
        _print_day(console, result)
    if args.ics is not None:
        calls, tasks = len(result.calls), len(result.tasks)
        print(
            f"\nwrote {calls} call{'s' * (calls != 1)} and {tasks} task{'s' * (tasks != 1)} "
            f"to {args.ics}"
        )
    return 0


def _mailbox(args: argparse.Namespace) -> Any:
    """The ``--mailbox`` and ``--mailbox-start`` options as an ``orl.Mailbox``, or ``None``."""
    from outreach_rules.capacity import Mailbox

    if args.mailbox is None:
        if args.mailbox_start is not None:
            raise UsageError("--mailbox-start: needs --mailbox ADDRESS")
        return None
    start = None
    if args.mailbox_start is not None:
        try:
            start = date.fromisoformat(args.mailbox_start)
        except ValueError:
            raise UsageError(
                f"--mailbox-start: {args.mailbox_start!r} is not a date such as 2026-11-24"
            ) from None
    try:
        return Mailbox(address=args.mailbox, start=start)
    except ValueError as exc:
        raise UsageError(f"--mailbox: {str(exc).partition(': ')[2]}") from None


def _print_day(console: Any, result: DayPlan) -> None:
    """The day as tables on a terminal: for each rep of a team, what they used and their list."""
    owners = result.owners()
    if owners in ((), (None,)):
        _print_list(console, result, result.explain().splitlines()[0])
        return
    for name in owners:
        part = result.for_owner(name)
        # A rep's part explains itself under a heading with its name: its list's first line
        # (the calls due and the goal) follows that heading.
        lines = part.explain().splitlines()
        count = lines[0] if name is None else lines[1]
        _print_list(console, part, f"== {name if name is not None else 'Unassigned'}: {count}")


def _print_list(console: Any, result: DayPlan, head: str) -> None:
    """One list: its heading, the capacity used, then the calls, tasks and carried touches."""
    from rich.table import Table

    console.print(head, style="bold", markup=False)
    _print_usage(console, result)
    if not result.calls and not result.tasks and not result.carried:
        console.print("Nothing due.")
    names = {p.id: f"{p.name} ({p.id})" for p in result.prospects if p.name}
    accounts = result.accounts()
    first = 1
    for title, touches, style in (
        ("", result.calls, "green"),
        ("Tasks", result.tasks, "cyan"),
        ("Carried to the next day", result.carried, "yellow"),
    ):
        if not touches:
            continue
        calls, carried = title == "", title.startswith("Carried")
        columns = [
            "#",
            "time",
            "zone",
            "prospect",
            *(["account"] if accounts else []),
            *([] if calls else ["how"]),
            "purpose",
            "to",
            "why",
            *(["waits because"] if carried else []),
        ]
        table = Table(title=title or None, title_justify="left", header_style=f"bold {style}")
        for column in columns:
            table.add_column(column, overflow="fold")
        for number, touch in enumerate(touches, first):
            local = touch.earliest
            who = touch.prospect_id or ""
            row = [
                str(number),
                f"{local:%H:%M} {local.tzname()}",
                getattr(local.tzinfo, "key", None) or str(local.tzinfo),
                names.get(who, who),
            ]
            row += [accounts.get(who, "")] if accounts else []
            known = traits(touch.channel)
            row += [] if calls else [known.title]
            nowhere = "no number" if known.is_phone else "no address"
            row += [touch.purpose, touch.to or nowhere, touch.reasons[0]]
            row += [touch.reasons[-1].removeprefix("carried: ")] if carried else []
            table.add_row(*row)
        console.print(table)
        first += len(touches)


def _print_usage(console: Any, result: DayPlan) -> None:
    """The capacity the list used, as a small table: calls, each channel, the mailbox."""
    from rich.table import Table

    table = Table(title="Used", title_justify="left", header_style="bold")
    for column in ("", "used", "limit"):
        table.add_column(column, justify="left" if not column else "right")
    for what, used, most in result.usage():
        table.add_row(_usage_label(what), str(used), "no limit" if most is None else str(most))
    console.print(table)


def _usage_label(what: str) -> str:
    """How a row of ``DayPlan.usage()`` is named on screen: ``e-mails`` for ``email``."""
    try:
        return traits(Channel(what)).plural
    except ValueError:
        return what


def _day_json(result: DayPlan, *, zone_names: bool) -> dict[str, Any]:
    listed = _listed(result)
    data: dict[str, Any] = {
        "day": result.day.isoformat(),
        "goal": result.goal,
        "used": result.used(),
        "usage": _usage_json(result),
        "calls": [to_dict(call, zone_names=zone_names) for call in result.calls],
        "tasks": [to_dict(task, zone_names=zone_names) for task in result.tasks],
        "carried": [to_dict(call, zone_names=zone_names) for call in result.carried],
        # Which account each prospect of the lists belongs to, for grouping colleagues.
        "accounts": {who: account for who, account in result.accounts().items() if who in listed},
    }
    owners = result.owners()
    if owners not in ((), (None,)):
        data["owners"] = [
            {
                "owner": name,
                "used": result.for_owner(name).used(),
                "usage": _usage_json(result.for_owner(name)),
            }
            for name in owners
        ]
    return data


def _usage_json(result: DayPlan) -> list[dict[str, Any]]:
    return [{"what": what, "used": used, "limit": most} for what, used, most in result.usage()]


def _listed(result: DayPlan) -> set[str | None]:
    return {a.prospect_id for a in (*result.calls, *result.tasks, *result.carried)}
