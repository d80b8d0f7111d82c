"""What each rule of a pack says, as plain rows and as a page: ``describe`` and ``page``.

The rows are for people: the hours per day, the caps, the registers, the
holidays of a given year, the channels each rule covers (texts among
them), the citation and whether it was verified. The command line prints
them as a table (``outreach-rules rules US TX``) and the documentation
builds one page per pack and the coverage page from them, so that code and
docs cannot disagree. Not legal advice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time, timedelta
from typing import Any

import attrs

from outreach_rules import _validate as v
from outreach_rules.calendar import END_OF_DAY, Hours
from outreach_rules.channels import Channel, LegalHours, traits
from outreach_rules.compliance.registry import PACKS
from outreach_rules.compliance.rules import (
    Audience,
    CallingHours,
    Exemption,
    FrequencyCap,
    HolidayRule,
    Pack,
    Registry,
    RegistryKind,
    Requirement,
    Rule,
)

__all__ = ["RuleRow", "coverage", "describe", "main_zone", "packs_named", "page", "table"]

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@attrs.frozen(kw_only=True)
class RuleRow:
    """One rule of a pack in words: what it is, what it says, whom and what it covers."""

    pack: str
    rule: str
    """The kind of rule and its name, e.g. "calling hours", "registry: Bloctel"."""
    says: str
    """What it says, with its numbers (hours per day, caps, the year's holidays)."""
    channels: str
    """The channels it covers, in words ("calls, voicemail drops, texts")."""
    texts: bool
    """Whether the rule covers text messages."""
    audience: str
    """Whom it protects: "consumers", "businesses" or "everyone"."""
    citation: str
    verified: bool


def packs_named(names: Iterable[str | Pack]) -> tuple[Pack, ...]:
    """Return the packs for ``names`` (pack names or packs), checking each name exists."""
    out = []
    for item in (names,) if isinstance(names, str) else names:
        if isinstance(item, Pack):
            out.append(item)
            continue
        name = v.text(item, "packs item")
        if name not in PACKS:
            raise v.field_error(
                ValueError, "packs", f"{name!r} is not a compliance pack; valid: {', '.join(PACKS)}"
            )
        out.append(PACKS[name])
    return tuple(out)


def describe(packs: Iterable[str | Pack], *, year: int) -> tuple[RuleRow, ...]:
    """Return one row per rule of ``packs`` (names or packs), holidays listed for ``year``.

    The year is an argument because the library reads no clock: the command
    line passes the current one.
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise v.field_error(ValueError, "year", f"expected a year such as 2026, got {year!r}")
    return tuple(_row(pack, rule, year) for pack in packs_named(packs) for rule in pack.rules)


def _row(pack: Pack, rule: Rule, year: int) -> RuleRow:
    channels: frozenset[Channel] = getattr(rule, "channels", frozenset())
    audience = getattr(rule, "applies_to", Audience.BOTH)
    if isinstance(rule, Exemption):
        # An exemption covers what its registry covers, for whom the registry protects.
        owner = next(r for r in pack.registries if rule in r.exemptions)
        channels, audience = owner.channels, owner.applies_to
    return RuleRow(
        pack=pack.name,
        rule=_kind(rule),
        says=_says(rule, year),
        channels=_channel_words(channels),
        texts=bool(channels) and any(traits(c).legal_hours is LegalHours.TEXTS for c in channels),
        audience={"consumer": "consumers", "business": "businesses", "both": "everyone"}[
            str(audience)
        ],
        citation=rule.citation,
        verified=rule.verified,
    )


def _kind(rule: Rule) -> str:
    if isinstance(rule, CallingHours):
        return "hours and days"
    if isinstance(rule, HolidayRule):
        return "holidays" if rule.closed else "holidays (for deadlines)"
    if isinstance(rule, FrequencyCap):
        return "frequency cap"
    if isinstance(rule, Registry):
        kind = "consent" if rule.kind is RegistryKind.CONSENT else "register"
        return f"{kind}: {rule.name}"
    if isinstance(rule, Exemption):
        return f"exemption: {rule.name}"
    assert isinstance(rule, Requirement)
    return f"duty: {rule.name}"


def _says(rule: Rule, year: int) -> str:
    if isinstance(rule, CallingHours):
        return hours_text(rule.hours)
    if isinstance(rule, HolidayRule):
        days = sorted(rule.dates_in(year))
        listed = ", ".join(f"{d.day} {d:%b}" for d in days) or "none"
        closes = "closed" if rule.closed else "counted"
        source = "the statute's own list" if not rule.use_package else "public holidays"
        return f"{closes} on {source}; {year}: {listed}"
    if isinstance(rule, FrequencyCap):
        text = f"at most {rule.count} in any {_span(rule.window)} ({_scope(rule)})"
        if rule.after_conversation is not None:
            text += f"; none within {_span(rule.after_conversation)} after a conversation"
        if rule.after_refusal is not None:
            text += f"; none within {_span(rule.after_refusal)} after a refusal"
        return text
    if isinstance(rule, Registry):
        parts = [
            f"flag {rule.prospect_flag!r} "
            + ("bars" if rule.kind is RegistryKind.DO_NOT_CONTACT else "required")
        ]
        for label, period in (
            ("takes effect after", rule.takes_effect_after),
            ("check valid for", rule.check_valid_for),
            ("honoured within", rule.honoured_within),
        ):
            if period is not None:
                parts.append(f"{label} {period}")
        if rule.in_force_from is not None:
            parts.append(f"in force from {rule.in_force_from.isoformat()}")
        return "; ".join(parts)
    if isinstance(rule, Exemption):
        return f"{rule.when}" + (f", for {rule.lasts}" if rule.lasts is not None else "")
    assert isinstance(rule, Requirement)
    return rule.summary


def _scope(cap: FrequencyCap) -> str:
    return {
        "prospect": "per person",
        "channel": "per channel",
        "subject": "per subject when one is given, else per person",
    }[str(cap.scope)]


def _span(window: timedelta) -> str:
    hours = int(window.total_seconds() // 3600)
    if hours % 24 == 0 and hours >= 48:
        return f"{hours // 24} days"
    return f"{hours} hours"


def _clock(wall: time) -> str:
    return "24:00" if wall == END_OF_DAY else f"{wall:%H:%M}"


def hours_text(hours: Hours) -> str:
    """Return weekly hours in words, runs of equal days together: "Mon–Fri 09:00–21:30; …"."""
    groups: list[tuple[int, int, Any]] = []
    for day, windows in enumerate(hours.windows):
        if groups and groups[-1][2] == windows:
            groups[-1] = (groups[-1][0], day, windows)
        else:
            groups.append((day, day, windows))
    parts = []
    for first, last, windows in groups:
        days = _DAYS[first] if first == last else f"{_DAYS[first]}–{_DAYS[last]}"
        spans = ", ".join(f"{_clock(a)}–{_clock(b)}" for a, b in windows) or "closed"
        parts.append(f"{days} {spans}")
    if len(parts) == 1 and parts[0].startswith("Mon–Sun "):
        return f"every day {parts[0][len('Mon–Sun ') :]}"
    return "; ".join(parts)


def _channel_words(channels: frozenset[Channel]) -> str:
    return ", ".join(traits(c).plural for c in Channel if c in channels) or "none"


def _verified_word(pack: Pack) -> str:
    if pack.verified:
        return "yes"
    return "partly" if any(rule.verified for rule in pack.rules) else "no"


def _where(pack: Pack) -> str:
    place = f'`country="{pack.country}"`'
    if pack.region is not None:
        place += f', `region="{pack.region}"`'
    if pack.opt_in:
        return f'{place}, only when named (`include=("{pack.name}",)`, opt-in)'
    if pack.region is not None:
        federal = [p.name for p in PACKS.values() if p.country == pack.country and p.region is None]
        return (
            f"{place}, together with {', '.join(f'`{n}`' for n in federal if not PACKS[n].opt_in)}"
        )
    return place


def page(name: str, *, year: int) -> str:
    """Return the markdown of pack ``name``'s page: where it applies, a row per rule, texts."""
    (pack,) = packs_named((name,))
    rows = describe((pack,), year=year)
    lines = [
        f"# `{pack.name}`: {pack.title}",
        "",
        f"Applies to prospects with {_where(pack)}. Verified: **{_verified_word(pack)}**. "
        "*Not legal advice*: generated from the pack's data; see [the overview](index.md) for "
        "how packs are chosen and combined.",
        "",
        "| rule | says | citation | verified |",
        "|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.rule} ({row.channels}; {row.audience}) | {row.says} | {row.citation} | "
            f"{'yes' if row.verified else '**unverified**'} |"
        )
    texts = sorted({row.rule for row in rows if row.texts})
    lines += [
        "",
        "Texts (SMS): "
        + (
            "covered by " + "; ".join(texts) + "."
            if texts
            else "no rule of this pack covers texts; the library still keeps texts within "
            "08:00–21:00 local time."
        ),
        "",
        "From the data:",
        "",
    ]
    notes = [rule.note for rule in pack.rules if rule.note]
    if pack.note:
        notes.insert(0, pack.note)
    lines += [f"* {note}" for note in dict.fromkeys(notes)]
    sources = dict.fromkeys(rule.source for rule in pack.rules)
    lines += [f"* Source: {source}" for source in sources]
    return "\n".join(lines) + "\n"


# What each jurisdiction has, to say on the coverage page what is missing.
_KINDS = ("hours", "holidays", "caps", "registries", "requirements")


def coverage() -> str:
    """Return the markdown table of every pack: how many rules of each kind, texts, verified."""
    lines = [
        "| pack | where | hours | holidays | caps | registers and consent | duties | texts | "
        "verified |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for pack in PACKS.values():
        cells = []
        for kind in _KINDS:
            found = getattr(pack, kind)
            cells.append(str(len(found)) if found else "—")
        texts = "yes" if any(pack.covering(c) for c in _text_channels()) else "no"
        where = pack.country + (f"-{pack.region}" if pack.region else "")
        if pack.opt_in:
            where += " (opt-in)"
        lines.append(
            f"| [`{pack.name}`]({pack.name}.md) | {where} | {' | '.join(cells)} | {texts} | "
            f"{_verified_word(pack)} |"
        )
    return "\n".join(lines) + "\n"


def _text_channels() -> tuple[Channel, ...]:
    return tuple(c for c in Channel if traits(c).legal_hours is LegalHours.TEXTS)


# The zone most people of a place live in: where a table of windows is shown by default.
_MAIN_ZONES = {
    ("US", None): "America/New_York", ("US", "FL"): "America/New_York",
    ("US", "OK"): "America/Chicago", ("US", "MD"): "America/New_York",
    ("US", "LA"): "America/Chicago", ("US", "TX"): "America/Chicago",
    ("US", "CT"): "America/New_York", ("US", "UT"): "America/Denver",
    ("US", "MA"): "America/New_York", ("US", "WA"): "America/Los_Angeles",
    ("US", "MS"): "America/Chicago", ("US", "PA"): "America/New_York",
    ("US", "RI"): "America/New_York", ("US", "AL"): "America/Chicago",
    ("US", "KY"): "America/New_York", ("US", "MI"): "America/Detroit",
    ("US", "MN"): "America/Chicago", ("US", "NM"): "America/Denver",
    ("CA", None): "America/Toronto", ("CA", "ON"): "America/Toronto",
    ("CA", "BC"): "America/Vancouver", ("AU", None): "Australia/Sydney",
    ("AU", "NSW"): "Australia/Sydney", ("GB", None): "Europe/London",
    ("SE", None): "Europe/Stockholm", ("DE", None): "Europe/Berlin",
    ("FR", None): "Europe/Paris", ("NL", None): "Europe/Amsterdam",
    ("ES", None): "Europe/Madrid", ("IT", None): "Europe/Rome",
    ("BE", None): "Europe/Brussels",
}  # fmt: skip


def main_zone(country: str, region: str | None) -> str:
    """Return the zone most of a place lives in (the country's when the region has none; UTC)."""
    return _MAIN_ZONES.get((country, region)) or _MAIN_ZONES.get((country, None), "UTC")


def table(rows: Iterable[RuleRow]) -> list[str]:
    """Return ``rows`` as aligned text lines, under a header: rule, says, covers, citation."""
    header = ("rule", "says", "covers", "citation", "verified")
    cells = [header] + [
        (
            row.rule,
            row.says,
            f"{row.channels} ({row.audience})",
            row.citation,
            "yes" if row.verified else "no",
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in cells
    ]
