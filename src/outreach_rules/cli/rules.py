"""``outreach-rules rules``: the compliance packs and calling windows of a jurisdiction."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import Any

from outreach_rules._time import DAY_NAMES
from outreach_rules.cli.common import command
from outreach_rules.errors import UsageError
from outreach_rules.prospects import Prospect

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Add ``rules`` to the subcommands."""
    parser = command(
        subparsers,
        "rules",
        help="show the compliance packs and calling windows of a jurisdiction",
        description="Print the packs that apply to a country (and region), a table of what "
        "each rule says (hours per day, caps, registers, this year's holidays, the channels it "
        "covers) with its citation, and the weekly calling windows they leave. Not legal advice.",
        examples=["US TX", "CA ON --json", "AU NSW --timezone Australia/Perth"],
    )
    parser.add_argument("country", help="ISO 3166-1 alpha-2 code, e.g. US")
    parser.add_argument("region", nargs="?", help="subdivision code, e.g. FL")
    parser.add_argument("--timezone", help="IANA zone for the windows (default: the region's main)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the packs, their citations and the weekly windows, as text or JSON."""
    import attrs

    from outreach_rules import compliance
    from outreach_rules.compliance import summary

    country = args.country.upper()
    region = args.region.upper() if args.region else None
    timezone = args.timezone or summary.main_zone(country, region)
    # The command line reads the clock: the table lists this year's holidays.
    year = datetime.now(UTC).year
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
                    "rules": [attrs.asdict(row) for row in compliance.describe([pack], year=year)],
                }
                for pack in packs
            ],
            "call_windows": week,
            "closed_on_holidays": calendar.closed_on_holidays
            and (calendar.country is not None or bool(calendar.extra_holidays)),
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
        for line in summary.table(compliance.describe([pack], year=year)):
            print(f"  {line}")
    print("\nCalls the law permits (business hours narrow them further):")
    for day, spans in week.items():
        print(f"  {day}: {', '.join(spans) if spans else 'closed'}")
    if calendar.closed_on_holidays and (calendar.country is not None or calendar.extra_holidays):
        print("  closed on the jurisdiction's holidays")
    return 0
