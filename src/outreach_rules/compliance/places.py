"""The law of one place as the guards ask it: a lawful calendar and the rules' citations, cached.

The engine plans many prospects in few places; each place's answers are
worked out once per channel family and kept (``functools.lru_cache``).
"""

from __future__ import annotations

import functools
from datetime import date, time
from typing import Any

import attrs
import pendulum

from outreach_rules.calendar import Calendar, Hours
from outreach_rules.channels import Channel, LegalHours, traits
from outreach_rules.compliance.calendars import calendar_for
from outreach_rules.compliance.registry import barring, resolve
from outreach_rules.compliance.rules import Exemption, PeriodUnit, Registry
from outreach_rules.prospects import Prospect

__all__ = [
    "LegalRules",
    "lawful_calendar",
    "lawful_calendar_for",
    "legal_rules",
    "registers_barring",
]

# The widest window any jurisdiction we know allows for calls and texts;
# the packs narrow it further where a law says so. Calls and texts to a
# prospect of no known country keep to it too.
_WIDEST = Hours.weekly(start=time(8), end=time(21), days=range(7))
_FLOORED = frozenset({LegalHours.CALLS, LegalHours.TEXTS})


def lawful_calendar(
    timezone: str,
    country: str | None = None,
    region: str | None = None,
    include: frozenset[str] = frozenset(),
    consumer: bool | None = None,
    blackouts: frozenset[date] = frozenset(),
) -> Calendar:
    """Return the calendar of calling hours the law allows in a zone and jurisdiction."""
    found = lawful_calendar_for(
        Channel.CALL, timezone, country, region, include, consumer, blackouts
    )
    assert found is not None  # calls always have hours: 08:00-21:00 at the widest
    return found


@functools.lru_cache(maxsize=4096)
def lawful_calendar_for(
    channel: Channel,
    timezone: str,
    country: str | None = None,
    region: str | None = None,
    include: frozenset[str] = frozenset(),
    consumer: bool | None = None,
    blackouts: frozenset[date] = frozenset(),
) -> Calendar | None:
    """Return the calendar of hours the law allows ``channel`` in a zone and jurisdiction.

    The compliance packs of ``country`` and ``region`` (hours, days,
    holidays; the stricter wins), with the rules that protect the
    recipient's kind (``consumer``; ``None``, unknown: the stricter).
    Calls and texts are never placed before 08:00 or after 21:00 local,
    whatever the packs say. ``blackouts`` are local dates closed besides
    (a proclamation, a declared emergency). ``None`` when no
    law sets hours for the channel there (an e-mail outside debt
    collection, a LinkedIn message).
    """
    family = traits(channel).legal_hours
    if family is LegalHours.NONE:
        return None
    floored = family in _FLOORED
    if country is None:
        if not floored:
            return None
        return Calendar(timezone=timezone, hours=_WIDEST, closed_on_holidays=False)
    if not floored and not _has_rules(country, region, include, channel, consumer):
        return None
    stand_in = Prospect(id="-", timezone=timezone, country=country, region=region)
    by_law = calendar_for(stand_in, channel, include=include, consumer=consumer)
    if floored:
        by_law = attrs.evolve(by_law, hours=by_law.hours.intersect(_WIDEST))
    if blackouts:
        by_law = attrs.evolve(
            by_law,
            closed_on_holidays=True,
            extra_holidays=by_law.extra_holidays | blackouts,
            not_holidays=by_law.not_holidays - blackouts,
        )
    return by_law


def _has_rules(
    country: str,
    region: str | None,
    include: frozenset[str],
    channel: Channel,
    consumer: bool | None,
) -> bool:
    """True when a pack of the place sets hours or closes days for ``channel``."""
    return any(
        pack.hours_for(channel) is not None or pack.closures_for(channel)
        for pack in resolve(country, region, include, consumer)
    )


@attrs.frozen
class LegalRules:
    """What the law of a jurisdiction says about one channel, as the guards need it."""

    hours: str
    """The packs and the citations of their hours and closures."""
    caps: tuple[Any, ...]
    """The frequency caps that count the channel (``orl.compliance.FrequencyCap``)."""


@functools.lru_cache(maxsize=4096)
def legal_rules(
    country: str | None,
    region: str | None,
    include: frozenset[str] = frozenset(),
    channel: Channel = Channel.CALL,
    consumer: bool | None = None,
) -> LegalRules:
    """Return the citations of the hour rules and the caps that cover ``channel`` in a place.

    Only the rules that protect the recipient's kind count (``consumer``;
    ``None``, unknown: the consumer rules, the stricter reading).
    """
    if country is None:
        return LegalRules(hours="08:00–21:00, the widest any pack allows", caps=())
    packs = resolve(country, region, include, consumer)
    citations = [rule.citation for pack in packs for rule in pack.hours if channel in rule.channels]
    citations += [rule.citation for pack in packs for rule in pack.closures_for(channel)]
    caps = tuple(cap for pack in packs for cap in pack.caps_for(channel))
    names = ", ".join(pack.name for pack in packs) or "no pack"
    cited = "; ".join(dict.fromkeys(citations)) or "no statutory hours"
    return LegalRules(hours=f"{names}: {cited}", caps=caps)


def registers_barring(
    prospect: Prospect, channel: Channel, include: frozenset[str], today: date
) -> tuple[tuple[Registry, Exemption | None], ...]:
    """Each registry that bars ``prospect`` on ``channel``, with the exemption their dates show.

    A do-not-call register bars a flagged prospect; a consent rule bars one
    without the flag. The exemption is the one the prospect's dates show to
    hold ``today`` (an established business relationship), or ``None``.
    """
    if prospect.country is None:
        return ()
    found = barring(
        prospect.country, prospect.region, include, prospect.consumer, prospect.flags, channel
    )
    return tuple(
        (registry, _exempt(registry, prospect, today))
        for registry in found
        if registry.in_force(today)
    )


def _exempt(registry: Registry, prospect: Prospect, today: date) -> Exemption | None:
    """The exemption of ``registry`` that the prospect's dates show to hold today, if any."""
    for exemption in registry.exemptions:
        name = exemption.name.casefold()
        if "purchase" in name:
            start = prospect.last_purchase
        elif "inquiry" in name:
            start = prospect.last_inquiry
        else:
            continue
        if start is None or start > today or exemption.lasts is None:
            continue
        if today <= _after(start, exemption.lasts.amount, exemption.lasts.unit):
            return exemption
    return None


def _after(start: date, amount: int, unit: PeriodUnit) -> date:
    # Calendar months and years (18 months after 31 August is 28 February):
    # pendulum does the month arithmetic.
    moment = pendulum.date(start.year, start.month, start.day)
    if unit is PeriodUnit.MONTHS:
        return moment.add(months=amount)
    if unit is PeriodUnit.YEARS:
        return moment.add(years=amount)
    return moment.add(days=amount)
