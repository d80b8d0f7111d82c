"""What the commands of ``outreach-rules`` share: parsers, data files, errors and output.

A command module builds its parser with :func:`command` (so that every
``--help`` ends alike), reads prospects with :func:`pairs` or
:func:`records`, and raises ``UsageError`` for bad input: ``main`` prints
it as one line and exits 2.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from outreach_rules import cadences
from outreach_rules.accounts import same_colleague
from outreach_rules.cadences._load import InvalidCadence
from outreach_rules.errors import InvalidData, UsageError
from outreach_rules.exchange import from_dict, history_from_dicts, located, parse_datetime
from outreach_rules.history import HistoryItem
from outreach_rules.plans import Plan
from outreach_rules.playbooks import Playbook, cold_calling
from outreach_rules.prospects import Prospect, Sender

__all__ = [
    "EXIT_CODES",
    "cadence_from",
    "command",
    "now_from",
    "pair",
    "pairs",
    "plain_datetimes_argument",
    "planning_arguments",
    "playbook_from",
    "print_plans",
    "records",
    "rich_console",
    "source_name",
]

EXIT_CODES = "exit codes: 0 done; 2 bad input or usage (one line on stderr, no traceback)"
"""The last line of every ``--help``."""


def command(
    subparsers: Any, name: str, *, help: str, description: str, examples: Sequence[str]
) -> argparse.ArgumentParser:
    """A subcommand whose --help has a wrapped description, examples and the exit codes."""
    lines = "\n".join(f"  outreach-rules {name} {example}".rstrip() for example in examples)
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help,
        description=textwrap.fill(description, width=78),
        epilog=f"examples:\n{lines}\n\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def planning_arguments(
    parser: argparse.ArgumentParser, *, now: str = "default: the current time"
) -> None:
    """The data file, ``--cadence``, ``--now`` and ``--sender-*`` of the planning commands."""
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


def plain_datetimes_argument(
    parser: argparse.ArgumentParser, *, when: str = "with --json, "
) -> None:
    """``--plain-datetimes``: JSON datetimes as RFC 3339 with an offset, without the zone name."""
    parser.add_argument(
        "--plain-datetimes",
        action="store_true",
        help=f"{when}write datetimes as plain RFC 3339 with an offset "
        "(2026-11-23T09:30:00-05:00), without the zone name in brackets, for tools "
        "that reject it",
    )


def now_from(text: str | None) -> datetime:
    """The moment of ``--now``, or the current time when it is not given."""
    if text is None:
        # The command line is the edge where the clock is read; plan() never does.
        return datetime.now(UTC)
    try:
        return parse_datetime(text)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"--now: {exc}") from None


def playbook_from(args: argparse.Namespace) -> Playbook:
    """The playbook of ``--cadence`` (default: cold calling), signed by ``--sender-*``."""
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
    playbook: Playbook = cadence_from(args.cadence).to_playbook(sender=sender)
    return playbook


def cadence_from(name: str) -> cadences.Cadence:
    """A cadence from a file path or a built-in name; ``UsageError`` with every problem if bad."""
    path = Path(name)
    if path.suffix.lower() not in (".toml", ".json") and name in cadences.builtin_names():
        return cadences.builtin(name)
    if path.suffix.lower() not in (".toml", ".json"):
        known = ", ".join(cadences.builtin_names())
        raise UsageError(f"--cadence: {name!r} is neither a .toml/.json file nor one of: {known}")
    try:
        return cadences.load(path)
    except InvalidCadence as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot read: {exc.strerror}") from None


def source_name(path: str) -> str:
    """How errors name the input: the file, or ``<stdin>`` for ``-``."""
    return "<stdin>" if path == "-" else path


def pairs(path: str, *, colleagues: bool = False) -> list[tuple[Prospect, list[HistoryItem]]]:
    """Every (prospect, history) pair of a data file, the first bad record a ``UsageError``.

    With ``colleagues``, the records are about to be planned account by account, so two
    records of one account with the same prospect id are a ``UsageError`` naming both:
    colleagues are told apart by their ids.
    """
    source = source_name(path)
    numbered = [(number, pair(record, source, number)) for number, record in records(path, source)]
    found = [contact for _, contact in numbered]
    twins = same_colleague(prospect for prospect, _ in found) if colleagues else None
    if twins is not None:
        first, second = (numbered[index][0] for index in twins)
        prospect = found[twins[1]][0]
        raise UsageError(
            f"{source}: record {second}: prospect.id: {prospect.id!r} is also record "
            f"{first}'s, at account {prospect.account!r}; give each colleague their own id"
        )
    return found


def records(path: str, source: str) -> Iterator[tuple[int, Any]]:
    """Each record of a JSON, JSON array or JSON Lines file with its number (line or index)."""
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


def pair(record: Any, source: str, number: int) -> tuple[Prospect, list[HistoryItem]]:
    """The prospect and history of one record, or a ``UsageError`` locating what is wrong."""
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


def print_plans(plans: Sequence[tuple[str, Plan]], out: TextIO | None = None) -> None:
    """Each plan explained under its title: in a panel on a terminal, else as plain text."""
    stream = out or sys.stdout
    console = rich_console(stream)
    for title, result in plans:
        text = result.explain()
        if console is not None:
            from rich.panel import Panel

            console.print(Panel(_coloured(text), title=title, title_align="left", expand=False))
        else:
            print(f"== {title}", file=stream)
            print(text, file=stream)
            print(file=stream)


# How a plan's explanation is coloured on a terminal, by how its lines start.
_LINE_STYLES = (
    (re.compile(r"^\d+\. "), "bold cyan"),
    (re.compile(r"^Halted"), "bold red"),
    (re.compile(r"^Refused by guards"), "bold yellow"),
    (re.compile(r"^ +vetoed by "), "yellow"),
    (re.compile(r"^Plan for "), "bold"),
)


def _coloured(text: str) -> Any:
    """A plan's explanation as rich text: actions, halts and vetoes stand out."""
    from rich.text import Text

    out = Text()
    for number, line in enumerate(text.splitlines()):
        if number:
            out.append("\n")
        style = next((style for pattern, style in _LINE_STYLES if pattern.match(line)), "")
        out.append(line, style=style)
    return out


def rich_console(stream: TextIO) -> Any:
    """A rich console when rich is installed and the output is a terminal; else plain text."""
    if not stream.isatty():
        return None
    try:
        from rich.console import Console
    except ImportError:
        return None
    return Console(file=stream, highlight=False)
