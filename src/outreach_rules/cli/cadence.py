"""The cadence commands of ``outreach-rules``: ``validate``, ``show`` and ``schema``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from outreach_rules import cadences
from outreach_rules.cadences._load import InvalidCadence
from outreach_rules.cadences._schema import schema as cadence_schema
from outreach_rules.cadences._show import rows, summary, timeline
from outreach_rules.cli.common import cadence_from, command, rich_console
from outreach_rules.exchange import to_dict

__all__ = ["add_parser", "schema", "show", "validate"]


def add_parser(subparsers: Any) -> None:
    """Add ``validate``, ``show`` and ``schema`` to the subcommands."""
    parser = command(
        subparsers,
        "validate",
        help="check cadence files and name every problem with its line or JSON pointer",
        description="Check cadence files (.toml or .json) as planning would use them. Exit 0 "
        "when all are valid, 2 otherwise, with one located line per problem on stderr.",
        examples=["cadences/*.toml", "inbound.json --json"],
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="cadence files")
    parser.add_argument("--json", action="store_true", help="print one JSON object per file")
    parser.set_defaults(run=validate)
    parser = command(
        subparsers,
        "show",
        help="show a cadence as a readable timeline",
        description="Print a cadence's steps in order (when, how, where each leads, variants), "
        "then its hours, exits, limits, re-enrolment, policies and guards.",
        examples=["cold_outbound.toml", "cold_calling --json"],
    )
    parser.add_argument("file", help="a cadence file, or a built-in name such as cold_calling")
    parser.add_argument("--json", action="store_true", help="print the cadence as JSON")
    parser.set_defaults(run=show)
    parser = command(
        subparsers,
        "schema",
        help="print the JSON Schema of cadence files",
        description="Print the JSON Schema (draft 2020-12) of cadence files, generated from the "
        "model. Editors use it to complete and check cadence files as you type.",
        examples=["> cadence.schema.json"],
    )
    parser.set_defaults(run=schema)


def validate(args: argparse.Namespace) -> int:
    """Check each file; print what is wrong where, exit 2 if anything is."""
    failed = False
    console = None if args.json else rich_console(sys.stdout)
    for name in args.files:
        try:
            cadence = cadences.load(name)
        except InvalidCadence as exc:
            failed = True
            if args.json:
                found = [
                    {"line": p.line, "pointer": p.pointer, "path": p.path, "message": p.message}
                    for p in exc.found
                ]
                print(json.dumps({"file": name, "valid": False, "problems": found}))
            else:
                for line in exc.problems:
                    print(line, file=sys.stderr)
            continue
        except (OSError, ValueError) as exc:
            failed = True
            message = exc.strerror if isinstance(exc, OSError) else str(exc)
            if args.json:
                print(
                    json.dumps(
                        {
                            "file": name,
                            "valid": False,
                            "problems": [
                                {"line": None, "pointer": "", "path": "(top)", "message": message}
                            ],
                        }
                    )
                )
            else:
                print(f"{name}: {message}", file=sys.stderr)
            continue
        branches = sum(len(step.on) for step in cadence.steps)
        variants = sum(len(step.variants) for step in cadence.steps)
        if args.json:
            print(
                json.dumps(
                    {
                        "file": name,
                        "valid": True,
                        "name": cadence.name,
                        "steps": len(cadence.steps),
                        "branches": branches,
                        "variants": variants,
                        "problems": [],
                    }
                )
            )
            continue
        text = (
            f"{name}: valid: {cadence.name!r}, {len(cadence.steps)} steps, {branches} "
            f"branches, {variants} variants, {len(cadence.policies)} named policies"
        )
        if console is not None:
            console.print(f"[green]✓[/green] {text}")
        else:
            print(text)
    return 2 if failed else 0


def show(args: argparse.Namespace) -> int:
    """Print the cadence as a timeline (a table in a terminal), or as JSON."""
    cadence = cadence_from(args.file)
    if args.json:
        print(
            json.dumps(
                {
                    "cadence": to_dict(cadence),
                    "timeline": rows(cadence),
                    "summary": summary(cadence),
                },
                indent=2,
            )
        )
        return 0
    console = rich_console(sys.stdout)
    if console is None:
        print(timeline(cadence))
        return 0
    from rich.table import Table

    table = Table(title=cadence.name, caption=cadence.description or None, title_justify="left")
    for column in ("#", "step", "when", "what", "then", "variants"):
        table.add_column(column)
    for number, row in enumerate(rows(cadence), start=1):
        table.add_row(
            str(number), row["id"], row["when"], row["what"], row["leads"], row["variants"]
        )
    console.print(table)
    for line in summary(cadence):
        console.print(f"  · {line}")
    return 0


def schema(_args: argparse.Namespace) -> int:
    """Print the JSON Schema of cadence files."""
    print(json.dumps(cadence_schema(), indent=2))
    return 0
