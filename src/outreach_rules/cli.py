"""The ``outreach-rules`` command: a demo, and plans for prospects in a JSON file.

Exit codes: 0 success, 2 bad input or usage (one line on stderr naming the
file, record and field; never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any, TextIO

from outreach_rules._time import DAY_NAMES
from outreach_rules.engine import plan_many
from outreach_rules.errors import InvalidData, UsageError
from outreach_rules.exchange import from_dict, history_from_dicts, located, parse_datetime, to_dict
from outreach_rules.history import HistoryItem
from outreach_rules.plans import Plan
from outreach_rules.playbooks import Playbook, cold_calling
from outreach_rules.prospects import Prospect, Sender

__all__ = ["main"]

_EXAMPLES = """\
examples:
  outreach-rules demo
  outreach-rules plan prospects.jsonl --now 2026-11-23T09:00:00-05:00
  outreach-rules plan prospects.json --json > plans.json
  outreach-rules plan prospects.jsonl --cadence cold_outbound.toml
  outreach-rules explain prospects.jsonl --cadence cold_outbound.toml --prospect ada
  outreach-rules day prospects.jsonl --day 2026-11-24 --goal 40 --ics calls.ics
  outreach-rules simulate --cadence cold_calling --cadence direct_mail
  cat prospects.jsonl | outreach-rules plan -

input: a JSON object, a JSON array of objects, or JSON Lines; each object is
  {"prospect": {...}, "history": [{...}, ...]}
  with datetimes as ISO 8601 with an offset, e.g. 2026-11-20T14:05:00-05:00
"""


_EXIT_CODES = "exit codes: 0 done; 2 bad input or usage (one line on stderr, no traceback)"


def _command(
    commands: Any, name: str, *, help: str, description: str, examples: Sequence[str]
) -> argparse.ArgumentParser:
    """A subcommand whose --help has a wrapped description, examples and the exit codes."""
    lines = "\n".join(f"  outreach-rules {name} {example}".rstrip() for example in examples)
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help,
        description=textwrap.fill(description, width=78),
        epilog=f"examples:\n{lines}\n\n{_EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach-rules",
        description="Decide who to contact next, when, how and with what words.",
        epilog=f"{_EXAMPLES}\n{_EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = _command(
        commands,
        "demo",
        help="show example prospects, their plans and the reasons",
        description="Plan a few example prospects built in code, one per practice, and "
        "explain each plan.",
        examples=["", "--json | head -n 1"],
    )
    demo.add_argument("--json", action="store_true", help="print the plans as JSON")
    plan = _command(
        commands,
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
    _planning_arguments(plan)
    plan.add_argument("--json", action="store_true", help="print JSON Lines, one plan a line")
    day = _command(
        commands,
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
            "prospects.jsonl --day 2026-11-24 --json > calls.json",
        ],
    )
    _planning_arguments(day, now="default: the start of --day in each prospect's zone")
    day.add_argument("--day", required=True, help="the calling day, YYYY-MM-DD")
    day.add_argument("--goal", type=int, default=50, help="the most calls to list (default: 50)")
    day.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="CHANNEL=N",
        help="the most tasks of a channel on the day, e.g. --limit email=50 (repeatable)",
    )
    day.add_argument(
        "--zone",
        metavar="IANA",
        help="your own zone, e.g. Europe/Stockholm: the day is yours, and each line shows your "
        "time beside the prospect's",
    )
    day.add_argument("--ics", metavar="FILE", help="also write the list to this .ics file")
    day.add_argument("--json", action="store_true", help="print the day plan as JSON")
    explain = _command(
        commands,
        "explain",
        help="explain one prospect's plan and where it stands in its cadence",
        description="Plan one prospect of a data file and explain the plan; with --cadence, "
        "also where the prospect stands in the cadence, read from its history.",
        examples=[
            "prospects.jsonl --prospect ada",
            "prospects.jsonl --cadence cold_outbound.toml --prospect ada --json",
        ],
    )
    _planning_arguments(explain)
    explain.add_argument("--prospect", required=True, help="the id of the prospect to explain")
    explain.add_argument("--json", action="store_true", help="print JSON")
    validate = _command(
        commands,
        "validate",
        help="check cadence files and name every problem with its line or JSON pointer",
        description="Check cadence files (.toml or .json) as planning would use them. Exit 0 "
        "when all are valid, 2 otherwise, with one located line per problem on stderr.",
        examples=["cadences/*.toml", "inbound.json --json"],
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="cadence files")
    validate.add_argument("--json", action="store_true", help="print one JSON object per file")
    show = _command(
        commands,
        "show",
        help="show a cadence as a readable timeline",
        description="Print a cadence's steps in order (when, how, where each leads, variants), "
        "then its hours, exits, limits, re-enrolment, policies and guards.",
        examples=["cold_outbound.toml", "cold_calling --json"],
    )
    show.add_argument("file", help="a cadence file, or a built-in name such as cold_calling")
    show.add_argument("--json", action="store_true", help="print the cadence as JSON")
    _command(
        commands,
        "schema",
        help="print the JSON Schema of cadence files",
        description="Print the JSON Schema (draft 2020-12) of cadence files, generated from the "
        "model. Editors use it to complete and check cadence files as you type.",
        examples=["> cadence.schema.json"],
    )
    rules = _command(
        commands,
        "rules",
        help="show the compliance packs and calling windows of a jurisdiction",
        description="Print the packs that apply to a country (and region), their rules with "
        "citations, and the weekly calling windows they leave. Not legal advice.",
        examples=["US FL", "CA ON --json", "AU NSW --timezone Australia/Perth"],
    )
    rules.add_argument("country", help="ISO 3166-1 alpha-2 code, e.g. US")
    rules.add_argument("region", nargs="?", help="subdivision code, e.g. FL")
    rules.add_argument("--timezone", help="IANA zone for the windows (default: the region's main)")
    rules.add_argument("--json", action="store_true", help="print JSON")
    from outreach_rules import _simulate_cli

    _simulate_cli.add_command(commands)
    return parser


def _planning_arguments(
    parser: argparse.ArgumentParser, *, now: str = "default: the current time"
) -> None:
    parser.add_argument("file", help="JSON or JSON Lines file, or - for standard input")
    parser.add_argument(
        "--cadence",
        help="a cadence file (.toml or .json) or built-in name; default: cold_calling",
    )
    parser.add_argument(
        "--now",
        help=f"plan as of this moment (ISO 8601 with an offset); {now}",
    )
    parser.add_argument("--sender-name", help="who signs the scripts (with --sender-phone/-email)")
    parser.add_argument("--sender-phone", help="the sender's phone number, E.164")
    parser.add_argument("--sender-email", help="the sender's e-mail address")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args)
        if args.command == "rules":
            return _rules(args)
        if args.command in ("validate", "show", "schema", "explain"):
            from outreach_rules import _cadence_cli

            command: Any = getattr(_cadence_cli, args.command)
            return int(command(args))
        if args.command == "simulate":
            from outreach_rules import _simulate_cli

            return _simulate_cli.simulate(args)
        if args.command == "day":
            return _day(args)
        return _plan(args)
    except UsageError as exc:
        print(f"outreach-rules: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _demo(args: argparse.Namespace) -> int:
    from outreach_rules import demo

    plans = demo.plans()
    if args.json:
        for title, result in plans:
            print(json.dumps({"scenario": title, "plan": to_dict(result)}))
        return 0
    _print_plans(plans)
    return 0


def _plan(args: argparse.Namespace) -> int:
    now = _now(args.now)
    playbook = _playbook(args)
    plans = plan_many(_pairs(args.file), now=now, playbook=playbook)
    if args.json:
        for result in plans:
            print(json.dumps(to_dict(result)))
        return 0
    _print_plans([(f"{p.prospect_id}", p) for p in plans])
    return 0


def _day(args: argparse.Namespace) -> int:
    from outreach_rules.dayplan import plan_day

    try:
        day = date.fromisoformat(args.day)
    except ValueError:
        raise UsageError(f"--day: {args.day!r} is not a date such as 2026-11-24") from None
    if args.goal < 1:
        raise UsageError(f"--goal: expected a whole number ≥ 1, got {args.goal}")
    now = _now(args.now) if args.now is not None else None
    limits: dict[str, int] = {}
    for given in args.limit:
        channel, _, most = given.partition("=")
        if not most.strip().isdigit():
            raise UsageError(f"--limit: expected CHANNEL=N such as email=50, got {given!r}")
        limits[channel.strip()] = int(most)
    playbook = _playbook(args)
    try:
        result = plan_day(
            _pairs(args.file),
            day=day,
            goal=args.goal,
            playbook=playbook,
            now=now,
            limits=limits,
            zone=args.zone,
        )
    except ValueError as exc:
        field = getattr(exc, "field", "")
        if field != "zone" and not field.startswith("limits["):
            raise
        option = "--zone" if field == "zone" else "--limit"
        raise UsageError(f"{option}: {str(exc).partition(': ')[2]}") from None
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
        print(json.dumps(_day_json(result)))
    else:
        print(result.explain())
        if args.ics is not None:
            calls, tasks = len(result.calls), len(result.tasks)
            print(
                f"\nwrote {calls} call{'s' * (calls != 1)} and {tasks} task{'s' * (tasks != 1)} "
                f"to {args.ics}"
            )
    return 0


def _day_json(result: Any) -> dict[str, Any]:
    return {
        "day": result.day.isoformat(),
        "goal": result.goal,
        "calls": [to_dict(call) for call in result.calls],
        "tasks": [to_dict(task) for task in result.tasks],
        "carried": [to_dict(call) for call in result.carried],
    }


# The main zone of the jurisdictions the packs cover, for showing their windows.
_MAIN_ZONE = {
    ("US", None): "America/New_York", ("US", "FL"): "America/New_York",
    ("US", "OK"): "America/Chicago", ("US", "MD"): "America/New_York",
    ("US", "LA"): "America/Chicago", ("CA", None): "America/Toronto",
    ("CA", "ON"): "America/Toronto", ("AU", None): "Australia/Sydney",
    ("AU", "NSW"): "Australia/Sydney", ("GB", None): "Europe/London",
    ("SE", None): "Europe/Stockholm", ("DE", None): "Europe/Berlin",
}  # fmt: skip


def _rules(args: argparse.Namespace) -> int:
    from outreach_rules import compliance

    country = args.country.upper()
    region = args.region.upper() if args.region else None
    timezone = (
        args.timezone or _MAIN_ZONE.get((country, region)) or _MAIN_ZONE.get((country, None), "UTC")
    )
    try:
        prospect = Prospect(id="-", timezone=timezone, country=country, region=region)
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    packs = compliance.packs_for(prospect)
    calendar = compliance.calendar_for(prospect)
    week = {
        DAY_NAMES[day][:3]: [f"{start:%H:%M}–{end:%H:%M}" for start, end in calendar.hours.on(day)]
        for day in range(7)
    }
    if args.json:
        data = {
            "country": country,
            "region": region,
            "timezone": timezone,
            "packs": [
                {
                    "name": pack.name,
                    "title": pack.title,
                    "verified": pack.verified,
                    "citations": list(pack.citations),
                }
                for pack in packs
            ],
            "call_windows": week,
            "closed_on_holidays": calendar.closed_on_holidays and calendar.country is not None,
        }
        print(json.dumps(data, indent=2))
        return 0
    where = f"{country}-{region}" if region else country
    print(f"Contact rules for {where} (windows in {timezone}). Not legal advice.")
    if not packs:
        print("No pack covers this jurisdiction: only the 08:00–21:00 floor applies.")
    for pack in packs:
        mark = "" if pack.verified else " (some rules unverified)"
        print(f"\n{pack.name}: {pack.title}{mark}")
        for citation in pack.citations:
            print(f"  - {citation}")
    print("\nCalls the law permits (business hours narrow them further):")
    for day, spans in week.items():
        print(f"  {day}: {', '.join(spans) if spans else 'closed'}")
    if calendar.country is not None and calendar.closed_on_holidays:
        print("  closed on the jurisdiction's holidays")
    return 0


def _now(text: str | None) -> datetime:
    if text is None:
        # The command line is the edge where the clock is read; plan() never does.
        return datetime.now(UTC)
    try:
        return parse_datetime(text)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"--now: {exc}") from None


def _playbook(args: argparse.Namespace) -> Playbook:
    sender = None
    if args.sender_name is None:
        if args.sender_phone or args.sender_email:
            raise UsageError("--sender-phone/--sender-email need --sender-name")
    else:
        try:
            sender = Sender(name=args.sender_name, phone=args.sender_phone, email=args.sender_email)
        except (TypeError, ValueError) as exc:
            raise UsageError(f"--sender-{exc}") from None
    if args.cadence is None:
        return cold_calling(sender=sender)
    from outreach_rules._cadence_cli import cadence_from

    playbook: Playbook = cadence_from(args.cadence).to_playbook(sender=sender)
    return playbook


def _source(path: str) -> str:
    """How errors name the input: the file, or ``<stdin>`` for ``-``."""
    return "<stdin>" if path == "-" else path


def _pairs(path: str) -> list[tuple[Prospect, list[HistoryItem]]]:
    """Every (prospect, history) pair of a data file, the first bad record a ``UsageError``."""
    source = _source(path)
    return [_pair(record, source, number) for number, record in _records(path, source)]


def _records(path: str, source: str) -> Iterator[tuple[int, Any]]:
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise UsageError(f"{source}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{source}: not UTF-8 text: {exc.reason}") from None
    stripped = text.strip()
    if not stripped:
        raise UsageError(f"{source}: the file is empty")
    if stripped[0] == "[" or (stripped[0] == "{" and "\n{" not in stripped):
        data = _decode(stripped, source, None)
        items = data if isinstance(data, list) else [data]
        yield from enumerate(items, 1)
        return
    # JSON Lines are split at line feeds only: JSON text may hold other line breaks (U+2028).
    for line_number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        yield line_number, _decode(line, source, line_number)


def _decode(text: str, source: str, line: int | None) -> Any:
    """The JSON value of ``text``, or a ``UsageError`` naming the line of what is wrong."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno if line is None else line}: "
        raise UsageError(f"{source}: {where}not valid JSON: {exc.msg}") from None
    except (RecursionError, ValueError) as exc:
        # Raised without a position: arrays or objects nested deeper than the parser goes,
        # and a whole number longer than Python converts.
        where = "" if line is None else f"line {line}: "
        reason = (
            "nested too deeply"
            if isinstance(exc, RecursionError)
            else f"a number has more than {sys.get_int_max_str_digits()} digits"
        )
        raise UsageError(f"{source}: {where}not valid JSON: {reason}") from None


def _pair(record: Any, source: str, number: int) -> tuple[Prospect, list[HistoryItem]]:
    where = f"{source}: record {number}"
    if not isinstance(record, dict):
        raise UsageError(f"{where}: expected an object with 'prospect' and 'history'")
    unknown = sorted(set(record) - {"prospect", "history"})
    if unknown:
        raise UsageError(
            f"{where}: unknown key(s) {', '.join(unknown)}; expected prospect, history"
        )
    if "prospect" not in record:
        raise UsageError(f"{where}: prospect: required field is missing")
    try:
        prospect = from_dict(Prospect, record["prospect"])
    except InvalidData as exc:
        raise UsageError(f"{where}: {located('prospect', exc.problems[0])}") from None
    raw_history = record.get("history", [])
    if not isinstance(raw_history, list):
        raise UsageError(f"{where}: history: expected a list, got {raw_history!r}")
    history, problems = history_from_dicts(raw_history)
    if problems:
        raise UsageError(f"{where}: {problems[0]}")
    return prospect, history


def _print_plans(plans: Sequence[tuple[str, Plan]], out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    console = _rich_console(stream)
    for title, result in plans:
        text = result.explain()
        if console is not None:
            from rich.panel import Panel

            console.print(Panel(text, title=title, title_align="left", expand=False))
        else:
            print(f"== {title}", file=stream)
            print(text, file=stream)
            print(file=stream)


def _rich_console(stream: TextIO) -> Any:
    """A rich console when rich is installed and the output is a terminal; else plain text."""
    if not stream.isatty():
        return None
    try:
        from rich.console import Console
    except ImportError:
        return None
    return Console(file=stream, highlight=False)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
