"""The ``outreach-rules`` command: a demo, plans for prospects in a data file, cadences, rules.

Exit codes: 0 success, 2 bad input or usage (one line on stderr naming the
file, record and field; never a traceback).

Each command lives in a module of this package, listed in :data:`COMMANDS`
in the order ``--help`` shows them. A command module has one function,
``add_parser(subparsers)``, that adds its subcommand(s) with
:func:`~outreach_rules.cli.common.command` and binds each to the function
that runs it with ``parser.set_defaults(run=function)``; that function takes
the parsed arguments and returns the exit code. To add a command, write such
a module and add it to :data:`COMMANDS`. What commands share (the planning
options, reading data files, ``UsageError`` for bad input, plain or rich
output) lives in :mod:`outreach_rules.cli.common`; import heavy or optional
libraries inside the run function, so that the other commands start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from outreach_rules.cli import (
    cadence,
    day,
    demo,
    explain,
    importer,
    plan,
    reply,
    rules,
    simulate,
)
from outreach_rules.cli.common import EXIT_CODES
from outreach_rules.errors import UsageError

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS: tuple[ModuleType, ...] = (
    demo,
    plan,
    day,
    explain,
    cadence,
    rules,
    simulate,
    importer,
    reply,
)
"""The command modules, in the order ``outreach-rules --help`` lists their commands."""

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


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``outreach-rules`` with the subcommands of every module in COMMANDS."""
    parser = argparse.ArgumentParser(
        prog="outreach-rules",
        description="Decide who to contact next, when, how and with what words.",
        epilog=f"{_EXAMPLES}\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"outreach-rules: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
