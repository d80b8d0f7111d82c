"""The cadence commands of ``outreach-rules``: validate, show, schema, explain."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from outreach_rules import cadences
from outreach_rules.cadences._load import InvalidCadence
from outreach_rules.cadences._schema import schema as cadence_schema
from outreach_rules.cadences._show import rows, summary, timeline
from outreach_rules.cli import (
    _now,
    _pair,
    _playbook,
    _print_plans,
    _records,
    _rich_console,
    _source,
)
from outreach_rules.engine import plan
from outreach_rules.errors import UsageError
from outreach_rules.exchange import format_datetime, to_dict
from outreach_rules.situation import Situation

__all__ = ["cadence_from", "explain", "schema", "show", "validate"]


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


def validate(args: argparse.Namespace) -> int:
    """Check each file; print what is wrong where, exit 2 if anything is."""
    failed = False
    console = None if args.json else _rich_console(sys.stdout)
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
    console = _rich_console(sys.stdout)
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


def explain(args: argparse.Namespace) -> int:
    """Plan one prospect of a data file and explain it, with its place in the cadence."""
    now = _now(args.now)
    playbook = _playbook(args)
    source = _source(args.file)
    for number, record in _records(args.file, source):
        if not (isinstance(record, dict) and isinstance(record.get("prospect"), dict)):
            continue
        if record["prospect"].get("id") != args.prospect:
            continue
        prospect, history = _pair(record, source, number)
        result = plan(prospect, history, now=now, playbook=playbook)
        where = None
        if args.cadence is not None:
            cadence = cadence_from(args.cadence)
            situation = Situation(prospect, history, now=now, playbook=playbook)
            where = cadences.position(cadence, situation) if cadence.steps else None
        if args.json:
            data: dict[str, Any] = {"plan": to_dict(result)}
            if where is not None:
                data["position"] = _position_data(where)
            print(json.dumps(data, indent=2))
            return 0
        _print_plans([(prospect.id, result)])
        if where is not None:
            print(_position_text(where, playbook.name))
        return 0
    raise UsageError(f"{source}: no record has prospect id {args.prospect!r}")


def _position_data(where: cadences.Position) -> dict[str, Any]:
    return {
        "round": where.round,
        "step": where.step,
        "enrolled": format_datetime(where.enrolled) if where.enrolled else None,
        "taken": [{"step": t.step, "at": format_datetime(t.attempt.at)} for t in where.taken],
        "off_cadence": [
            {"channel": a.channel.value, "at": format_datetime(a.at)} for a in where.off_cadence
        ],
        "touches": {c.value: n for c, n in where.touches.items()},
        "ended": where.ended,
        "final": where.final,
    }


def _position_text(where: cadences.Position, name: str) -> str:
    if where.round == 0:
        return f"Cadence {name!r}: not started; the first step comes next."
    lines = [f"Cadence {name!r}, round {where.round}:"]
    taken = ", ".join(t.step for t in where.taken) or "none"
    lines.append(f"  steps taken: {taken}")
    if where.off_cadence:
        lines.append(f"  touches off the cadence: {len(where.off_cadence)}")
    touches = ", ".join(f"{n} {c.value}" for c, n in where.touches.items())
    lines.append(f"  touches this round: {touches}")
    if where.ended is not None:
        lines.append(f"  ended: {where.ended}{' (for good)' if where.final else ''}")
    else:
        lines.append(f"  next step: {where.step}")
    return "\n".join(lines)
