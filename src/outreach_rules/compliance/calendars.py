"""When the law allows contact: the packs' hours and holiday closures as one ``Calendar``.

All the time logic (wall times to instants, DST gaps and folds, holidays)
is ``outreach_rules.calendar.Calendar``'s; this module only combines
the packs' data into one calendar per recipient zone and channel, the
stricter rule winning: a time is permitted only when every applicable
pack's hours allow it and no pack closes the day. Not legal advice.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import UTC, date, datetime

from outreach_rules import _validate as v
from outreach_rules._time import require_aware, zone
from outreach_rules.calendar import ALWAYS_OPEN, Calendar
from outreach_rules.channels import Channel
from outreach_rules.compliance.registry import (
    check_channel,
    check_consumer,
    check_prospect,
    include_names,
    resolve,
)
from outreach_rules.compliance.rules import Pack
from outreach_rules.prospects import Prospect

__all__ = ["calendar_for", "calendar_from", "next_permitted", "permitted", "windows"]


def calendar_from(
    packs: Iterable[Pack], *, timezone: str, channel: Channel = Channel.CALL
) -> Calendar:
    """Return the calendar of times ``packs`` together allow on ``channel`` in ``timezone``.

    Its hours are the intersection of every pack's hours for the channel
    (open all day when none sets any); its holidays close the days any
    pack's closing ``HolidayRule`` names.
    A date is taken off a holiday list only when every rule takes it off;
    a statute's own list (``use_package=False``) only adds its dates.
    Rules that draw on different holiday calendars (two countries or two
    regions) cannot be combined into one ``Calendar`` and raise
    ``ValueError``; no combination of the shipped packs does.
    """
    kind = check_channel(channel)
    chosen = tuple(packs)
    for index, pack in enumerate(chosen):
        if not isinstance(pack, Pack):
            raise v.field_error(
                TypeError, f"packs[{index}]", f"expected a compliance Pack, got {pack!r}"
            )
    hours = ALWAYS_OPEN
    for pack in chosen:
        own = pack.hours_for(kind)
        if own is not None:
            hours = hours.intersect(own)
    closing = [rule for pack in chosen for rule in pack.closures_for(kind)]
    if not closing:
        return Calendar(timezone=timezone, hours=hours, closed_on_holidays=False)
    extra: frozenset[date] = frozenset().union(*(rule.extra for rule in closing))
    # A statute's own list (use_package=False) adds its dates; only rules drawing on the
    # holidays package name the package's calendar.
    drawing = [rule for rule in closing if rule.use_package]
    if not drawing:
        return Calendar(timezone=timezone, hours=hours, extra_holidays=extra)
    places = {(rule.country, rule.region) for rule in drawing}
    if len(places) > 1:
        listed = ", ".join(sorted(f"{c}-{r}" if r else c for c, r in places))
        raise v.field_error(
            ValueError,
            "packs",
            f"holiday rules draw on different holiday calendars ({listed}); a Calendar holds "
            "one: list the dates of the others as extra dates",
        )
    (country, region) = places.pop()
    removed = functools.reduce(frozenset.intersection, (rule.not_holidays for rule in drawing))
    return Calendar(
        timezone=timezone,
        hours=hours,
        country=country,
        region=region,
        closed_on_holidays=True,
        extra_holidays=extra,
        not_holidays=removed - extra,
    )


@functools.lru_cache(maxsize=4096)
def _calendar(
    timezone: str,
    country: str | None,
    region: str | None,
    channel: Channel,
    include: frozenset[str],
    consumer: bool | None,
) -> Calendar:
    packs = resolve(country, region, include, consumer)
    return calendar_from(packs, timezone=timezone, channel=channel)


def calendar_for(
    prospect: Prospect,
    channel: Channel = Channel.CALL,
    *,
    include: Iterable[str] = (),
    consumer: bool | None = None,
) -> Calendar:
    """Return the calendar of times the law allows contacting ``prospect`` on ``channel``.

    The calendar is in the prospect's zone and combines every pack
    ``packs_for`` returns (see
    ``calendar_from``). Cached per zone, country, region, channel,
    ``include`` and ``consumer``, since plans ask for it per prospect.
    """
    p = check_prospect(prospect)
    return _calendar(
        p.timezone,
        p.country,
        p.region,
        check_channel(channel),
        include_names(include),
        check_consumer(consumer),
    )


def permitted(
    prospect: Prospect,
    at: datetime,
    channel: Channel = Channel.CALL,
    *,
    include: Iterable[str] = (),
    consumer: bool | None = None,
) -> bool:
    """Tell whether the law allows contacting ``prospect`` on ``channel`` at instant ``at``.

    Only time is judged (hours, days, holidays in the prospect's zone);
    registries and consent are ``barred_by``'s,
    frequency caps ``caps_for``'s.
    """
    moment = require_aware(at, "at")
    return calendar_for(prospect, channel, include=include, consumer=consumer).is_open(moment)


def next_permitted(
    prospect: Prospect,
    at: datetime,
    channel: Channel = Channel.CALL,
    *,
    include: Iterable[str] = (),
    consumer: bool | None = None,
) -> datetime:
    """Return ``at`` if permitted, else the next permitted instant, in the prospect's zone."""
    moment = require_aware(at, "at")
    return calendar_for(prospect, channel, include=include, consumer=consumer).next_open(moment)


def windows(
    prospect: Prospect,
    start: datetime,
    end: datetime,
    channel: Channel = Channel.CALL,
    *,
    include: Iterable[str] = (),
    consumer: bool | None = None,
) -> list[tuple[datetime, datetime]]:
    """Return the permitted intervals ``[begin, end)`` within ``[start, end)``, sorted.

    Each interval is maximal (intervals that touch are merged) and aware in
    the prospect's zone. When no pack restricts ``channel``, the whole of
    ``[start, end)`` is one interval; when ``end <= start``, there is none.
    """
    first = require_aware(start, "start")
    last = require_aware(end, "end")
    calendar = calendar_for(prospect, channel, include=include, consumer=consumer)
    tz = zone(calendar.timezone)
    merged: list[tuple[datetime, datetime]] = []
    for begin, finish in calendar.windows(first, last):
        # Compare in UTC: two datetimes in one zone compare by wall time, ignoring fold.
        if merged and merged[-1][1].astimezone(UTC) >= begin.astimezone(UTC):
            merged[-1] = (merged[-1][0], finish.astimezone(tz))
        else:
            merged.append((begin.astimezone(tz), finish.astimezone(tz)))
    return merged
