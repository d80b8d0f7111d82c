"""``outreach-rules simulate``: cadences run on synthetic prospects.

With one ``--cadence`` it prints the summary table of the runs; with two or
more it runs ``simulation.compare`` and prints the comparison table, each
estimate with its confidence interval. The simulation is imported only when
the command runs, so the other commands start no slower.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import attrs

from outreach_rules import cadences
from outreach_rules.cli.common import cadence_from, command, rich_console
from outreach_rules.errors import UsageError
from outreach_rules.playbooks import Playbook, cold_calling

__all__ = ["DEFAULT_DAYS", "DEFAULT_PROSPECTS", "DEFAULT_RUNS", "add_parser", "run"]

DEFAULT_PROSPECTS = 1000
"""Synthetic prospects per run when ``--prospects`` is not given."""
DEFAULT_DAYS = 90
"""Simulated days when ``--days`` is not given."""
DEFAULT_RUNS = 5
"""Runs per cadence when two or more are compared and ``--runs`` is not given."""

_DESCRIPTION = (
    "Run cadences on synthetic prospects with the real planner and a response model of the "
    "field, and print the numbers: meetings, calls per meeting, cost, days to a meeting. "
    "With one --cadence (or none: the default cold_calling playbook), print the summary of "
    "the runs; with two or more, compare them over the same prospects, each estimate with "
    "its 95% interval from a bootstrap over the runs. The same options give the same numbers."
)


def add_parser(subparsers: Any) -> None:
    """Add ``simulate`` and its options to the subcommands of ``outreach-rules``."""
    parser = command(
        subparsers,
        "simulate",
        help="simulate cadences on synthetic prospects and print their numbers",
        description=_DESCRIPTION,
        examples=[
            "--prospects 200 --days 60",
            "--cadence cold_calling --cadence direct_mail --runs 10",
            "--cadence cold_outbound.toml --cadence cold_calling --seed 7",
            "--cadence direct_mail --days 180 --json > summary.json",
            "--contacts-per-account 3 --accounts both --prospects 300",
        ],
    )
    parser.add_argument(
        "--cadence",
        action="append",
        metavar="FILE|NAME",
        help="a cadence file (.toml or .json) or built-in name; repeat to compare; "
        "default: cold_calling",
    )
    parser.add_argument(
        "--prospects",
        metavar="N",
        default=str(DEFAULT_PROSPECTS),
        help=f"synthetic prospects in each run (default: {DEFAULT_PROSPECTS})",
    )
    parser.add_argument(
        "--days",
        metavar="D",
        default=str(DEFAULT_DAYS),
        help=f"days simulated from the start (default: {DEFAULT_DAYS})",
    )
    parser.add_argument(
        "--seed",
        metavar="S",
        default="0",
        help="picks the prospects and their luck; same seed, same numbers (default: 0)",
    )
    parser.add_argument(
        "--runs",
        metavar="R",
        help=f"runs per cadence (default: {DEFAULT_RUNS} when comparing, else 1)",
    )
    parser.add_argument(
        "--contacts-per-account",
        metavar="K",
        help="draw the synthetic prospects in companies of K colleagues, simulated together "
        "(default: everyone at their own company)",
    )
    parser.add_argument(
        "--accounts",
        choices=("on", "off", "both"),
        help="how colleagues are planned: together under the account rules (on, the default), "
        "each alone (off), or both, each cadence compared with the rules on and off",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: only when stderr is a terminal)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.set_defaults(run=run)


@attrs.frozen(kw_only=True)
class _Options:
    """The checked options of one ``simulate`` command."""

    strategies: dict[str, Playbook]
    sources: dict[str, str]
    """For each strategy, the ``--cadence`` value it came from."""
    prospects: int
    days: int
    seed: int
    runs: int
    contacts_per_account: int | None = None
    accounts: dict[str, bool] = attrs.field(factory=dict)
    """For each strategy, whether colleagues are planned together; left out: together."""

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> _Options:
        """Check the command line; the first bad option is a ``UsageError`` naming it."""
        prospects = _whole(args.prospects, "--prospects", minimum=1, example="1000")
        days = _whole(args.days, "--days", minimum=1, example="90")
        seed = _whole(args.seed, "--seed", minimum=None, example="0")
        given = list(args.cadence or ())
        for i, name in enumerate(given):
            if name in given[:i]:
                raise UsageError(f"--cadence: {name!r} is given twice; give each cadence once")
        books = [(name, _playbook(name)) for name in given] or [("cold_calling", cold_calling())]
        per_account = (
            None
            if args.contacts_per_account is None
            else _whole(args.contacts_per_account, "--contacts-per-account", minimum=1, example="3")
        )
        if args.accounts is not None and per_account is None:
            raise UsageError(
                "--accounts: the synthetic prospects have no colleagues to plan together; add "
                "--contacts-per-account K (e.g. 3)"
            )
        default_runs = DEFAULT_RUNS if len(books) > 1 or args.accounts == "both" else 1
        runs = (
            default_runs
            if args.runs is None
            else _whole(args.runs, "--runs", minimum=1, example=str(DEFAULT_RUNS))
        )
        # A playbook's own name reads best in the table; two files of the same name need theirs.
        names = [book.name for _, book in books]
        labels = [
            name if names.count(name) == 1 else source
            for (source, _), name in zip(books, names, strict=True)
        ]
        if len(set(labels)) < len(labels):
            labels = [source for source, _ in books]
        strategies = {label: book for label, (_, book) in zip(labels, books, strict=True)}
        sources = {label: source for label, (source, _) in zip(labels, books, strict=True)}
        accounts: dict[str, bool] = {}
        if args.accounts == "off":
            accounts = dict.fromkeys(strategies, False)
        elif args.accounts == "both":
            # Each cadence twice, on the same prospects and luck: the rules on, then off.
            paired = [(f"{label}, accounts {state}", label, together) for label in strategies
                      for state, together in (("on", True), ("off", False))]  # fmt: skip
            accounts = {name: together for name, _, together in paired}
            sources = {name: sources[label] for name, label, _ in paired}
            strategies = {name: strategies[label] for name, label, _ in paired}
        return cls(
            strategies=strategies,
            sources=sources,
            prospects=prospects,
            days=days,
            seed=seed,
            runs=runs,
            contacts_per_account=per_account,
            accounts=accounts,
        )


def _whole(text: str, option: str, *, minimum: int | None, example: str) -> int:
    """A whole number from an option's text, or a ``UsageError`` saying what would be valid."""
    bound = "" if minimum is None else f" ≥ {minimum}"
    try:
        value = int(text)
    except ValueError:
        raise UsageError(
            f"{option}: {text!r} is not a whole number; use a whole number{bound}, e.g. {example}"
        ) from None
    if minimum is not None and value < minimum:
        raise UsageError(f"{option}: expected a whole number{bound}, got {value}")
    return value


def _playbook(name: str) -> Playbook:
    """The playbook of a cadence file or built-in name, or a ``UsageError`` that locates why not."""
    path = Path(name)
    if path.suffix.lower() in (".toml", ".json") and not path.is_file():
        known = ", ".join(cadences.builtin_names())
        raise UsageError(
            f"--cadence: {name!r} is not a file; give a .toml or .json cadence file "
            f"or a built-in name: {known}"
        )
    # Problems inside a cadence file keep their own form: file, line, field, what is valid.
    book: Playbook = cadence_from(name).to_playbook()
    return book


def run(args: argparse.Namespace) -> int:
    """Run the command: simulate, then print the summary or the comparison."""
    from outreach_rules.simulation import compare, population

    options = _Options.from_args(args)
    people: int | tuple[Any, ...] = options.prospects
    if options.contacts_per_account is not None:
        # The prospects compare would draw from the seed, in companies of colleagues.
        people = population(
            options.prospects, seed=options.seed, contacts_per_account=options.contacts_per_account
        )
    result = compare(
        options.strategies,
        people,
        days=options.days,
        runs=options.runs,
        seed=options.seed,
        progress=args.progress,
        accounts=options.accounts,
    )
    if args.json:
        print(json.dumps(_json(options, result), indent=2))
        return 0
    console = rich_console(sys.stdout)
    if len(options.strategies) == 1:
        (name,) = options.strategies
        text = result.summary(name).table()
        if console is None:
            print(text)
        else:
            _print_table(console, text.splitlines(), header=False)
        return 0
    runs = f"{options.runs} run{'s' if options.runs != 1 else ''}"
    companies = (
        ""
        if options.contacts_per_account is None
        else f" in companies of {options.contacts_per_account}"
    )
    print(
        f"{options.prospects} synthetic prospects{companies} over {options.days} days, seed "
        f"{options.seed}, {runs} per cadence\n"
    )
    if console is None:
        print(result.table())
    else:
        header, _rule, *body, note = result.table().splitlines()
        _print_table(console, [header, *body], header=True, caption=note)
    return 0


def _print_table(
    console: Any, lines: list[str], *, header: bool, caption: str | None = None
) -> None:
    """Lines of an aligned plain-text table (cells two spaces apart) as a rich table."""
    from rich.table import Table

    # A line indented under the one before (a channel's count) keeps its indent in its first cell.
    rows = [re.split(r"(?<=\S) {2,}", line.rstrip()) for line in lines]
    table = Table(show_header=header, caption=caption, header_style="bold cyan")
    width = max(len(row) for row in rows)
    for index in range(width):
        name = rows[0][index] if header and index < len(rows[0]) else ""
        table.add_column(name, justify="left" if index == 0 else "right")
    for row in rows[1:] if header else rows:
        table.add_row(*row, *([""] * (width - len(row))))
    console.print(table)


# The counts and totals of a summary that --json shows as plain numbers, named so that a field
# added to Summary later (of a type JSON cannot hold) changes nothing here.
_SUMMARY_FIELDS = (
    "playbook",
    "runs",
    "days",
    "prospects",
    "attempts",
    "conversations",
    "interested",
    "meetings",
    "cost",
    "do_not_contact",
    "halted",
    "inbound",
    "loop_bound_hits",
)


def _json(options: _Options, result: Any) -> dict[str, Any]:
    """The settings, and per strategy its estimates (``COLUMNS``) and its summed-up runs."""
    strategies = []
    for row in result.rows():
        name = row["strategy"]
        total = result.summary(name)
        summary: dict[str, Any] = {field: getattr(total, field) for field in _SUMMARY_FIELDS}
        summary["attempts_by_channel"] = dict(total.attempts_by_channel)
        summary["days_to_meeting"] = list(total.days_to_meeting)
        summary["meetings_by_day"] = list(total.meetings_by_day)
        strategies.append(
            {
                **row,
                "cadence": options.sources[name],
                "accounts": options.accounts.get(name, True),
                "summary": summary,
            }
        )
    return {
        "prospects": options.prospects,
        "contacts_per_account": options.contacts_per_account,
        "days": options.days,
        "seed": options.seed,
        "runs": options.runs,
        "confidence": result.confidence,
        "strategies": strategies,
    }
