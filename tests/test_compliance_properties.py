"""Properties of orl.compliance for every pack, at instants from 2025 to 2028.

Instants are biased towards the places where time logic breaks: the DST
changes of the prospect's zone, New Year, and the days the packs close.
"""

from __future__ import annotations

import functools
import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import compliance

DAY = timedelta(days=1)
FIRST = datetime(2025, 1, 1, tzinfo=UTC)
LAST = datetime(2029, 1, 1, tzinfo=UTC)

# One (prospect, include) per pack; every pack shipped applies in at least one of them.
CASES = [
    (orl.Prospect(id="us", timezone="America/New_York", country="US"), ()),
    (orl.Prospect(id="fl", timezone="America/New_York", country="US", region="FL"), ()),
    (orl.Prospect(id="ok", timezone="America/Chicago", country="US", region="OK"), ()),
    (orl.Prospect(id="md", timezone="America/New_York", country="US", region="MD"), ()),
    (orl.Prospect(id="la", timezone="America/Chicago", country="US", region="LA"), ()),
    (
        orl.Prospect(id="la-debt", timezone="America/Chicago", country="US", region="LA"),
        ("us-debt",),
    ),
    (orl.Prospect(id="ca", timezone="America/Toronto", country="CA", region="ON"), ()),
    (orl.Prospect(id="bc", timezone="America/Vancouver", country="CA", region="BC"), ()),
    (orl.Prospect(id="au", timezone="Australia/Sydney", country="AU", region="NSW"), ()),
    (orl.Prospect(id="wa", timezone="Australia/Perth", country="AU", region="WA"), ()),
    (orl.Prospect(id="gb", timezone="Europe/London", country="GB"), ()),
    (orl.Prospect(id="se", timezone="Europe/Stockholm", country="SE"), ()),
    (orl.Prospect(id="de", timezone="Europe/Berlin", country="DE"), ()),
    (orl.Prospect(id="fr", timezone="Europe/Paris", country="FR"), ()),
    (orl.Prospect(id="nl", timezone="Europe/Amsterdam", country="NL"), ()),
    (orl.Prospect(id="es", timezone="Europe/Madrid", country="ES"), ()),
    (orl.Prospect(id="it", timezone="Europe/Rome", country="IT"), ()),
    (orl.Prospect(id="be", timezone="Europe/Brussels", country="BE"), ()),
    *(
        (orl.Prospect(id=region, timezone=timezone, country="US", region=region), ())
        for region, timezone in (
            ("TX", "America/Chicago"),
            ("CT", "America/New_York"),
            ("UT", "America/Denver"),
            ("MA", "America/New_York"),
            ("WA", "America/Los_Angeles"),
            ("MS", "America/Chicago"),
            ("PA", "America/New_York"),
            ("RI", "America/New_York"),
            ("AL", "America/Chicago"),
            ("KY", "America/Kentucky/Louisville"),
            ("MI", "America/Detroit"),
            ("MN", "America/Chicago"),
            ("NM", "America/Denver"),
        )
    ),
    (
        orl.Prospect(id="tx-debt", timezone="America/Chicago", country="US", region="TX"),
        ("us-debt",),
    ),
]
CHANNELS = (orl.Channel.CALL, orl.Channel.VOICEMAIL, orl.Channel.EMAIL, orl.Channel.SMS)


def test_cases_cover_every_pack():
    """Every shipped pack applies to at least one generated prospect."""
    covered = {
        p.name
        for prospect, include in CASES
        for p in compliance.packs_for(prospect, include=include)
    }
    assert covered == set(compliance.PACKS)


@functools.cache
def transitions(timezone: str) -> tuple[datetime, ...]:
    """Return the UTC instants (to the hour) at which ``timezone`` changes offset, 2025–2028."""
    tz = ZoneInfo(timezone)
    found = []
    at = FIRST
    offset = at.astimezone(tz).utcoffset()
    while at < LAST:
        at += timedelta(hours=1)
        now = at.astimezone(tz).utcoffset()
        if now != offset:
            found.append(at)
            offset = now
    return tuple(found)


@functools.cache
def anchors(index: int) -> tuple[date, ...]:
    """Return the local dates near which case ``index`` is most likely to go wrong."""
    prospect, include = CASES[index]
    tz = ZoneInfo(prospect.timezone)
    days: set[date] = {date(year, 1, 1) for year in range(2025, 2029)}
    for pack in compliance.packs_for(prospect, include=include):
        for rule in pack.holidays:
            for year in range(2025, 2029):
                days |= rule.dates_in(year)
    days |= {at.astimezone(tz).date() for at in transitions(prospect.timezone)}
    return tuple(sorted(days))


# Wall-clock times at which some pack opens or closes, and the usual DST change times.
EDGES = (
    time(0),
    time(1, 30),
    time(2, 30),
    time(8),
    time(9),
    time(10),
    time(12),
    time(13),
    time(14),
    time(17),
    time(18),
    time(20),
    time(21),
    time(21, 30),
    time(23, 59, 59, 999999),
)


@st.composite
def instants(draw: st.DrawFn, index: int) -> datetime:
    """Draw an instant in 2025–2028, mostly on or next to an anchor date, often on a window edge."""
    prospect, _ = CASES[index]
    tz = ZoneInfo(prospect.timezone)
    how = draw(st.sampled_from(("anchor", "edge", "anywhere")))
    if how == "anywhere":
        seconds = draw(st.integers(0, int((LAST - FIRST).total_seconds()) - 1))
        at = FIRST + timedelta(seconds=seconds)
    else:
        day = draw(st.sampled_from(anchors(index))) + DAY * draw(st.sampled_from((0, 0, -1, 1)))
        if how == "edge":
            wall = draw(st.sampled_from(EDGES))
            nudge = timedelta(microseconds=draw(st.sampled_from((-1, 0, 1))))
        else:
            wall = time(0)
            nudge = timedelta(seconds=draw(st.integers(0, 86399)))
        local = datetime.combine(day, wall, tz).replace(fold=draw(st.integers(0, 1)))
        at = local.astimezone(UTC) + nudge
    at = min(max(at, FIRST + 2 * DAY), LAST - 2 * DAY)
    return at.astimezone(draw(st.sampled_from((UTC, tz))))


@st.composite
def situations(draw: st.DrawFn) -> tuple[orl.Prospect, tuple[str, ...], orl.Channel, datetime]:
    """Draw a prospect (with its opt-in packs), a channel and an instant."""
    index = draw(st.integers(0, len(CASES) - 1))
    prospect, include = CASES[index]
    return prospect, include, draw(st.sampled_from(CHANNELS)), draw(instants(index))


def merged(intervals):
    """Merge sorted intervals that touch or overlap, comparing instants in UTC."""
    out = []
    for begin, end in intervals:
        if out and out[-1][1] >= begin.astimezone(UTC):
            out[-1] = (out[-1][0], max(out[-1][1], end.astimezone(UTC)))
        else:
            out.append((begin.astimezone(UTC), end.astimezone(UTC)))
    return out


@given(situations())
def test_permitted_agrees_with_windows(situation):
    """permitted(t) holds exactly when t lies in one of windows(t - 1 day, t + 1 day)."""
    prospect, include, channel, at = situation
    moment = at.astimezone(UTC)
    found = compliance.windows(prospect, moment - DAY, moment + DAY, channel, include=include)
    inside = any(b.astimezone(UTC) <= moment < e.astimezone(UTC) for b, e in found)
    assert compliance.permitted(prospect, at, channel, include=include) == inside


@given(situations())
def test_windows_are_sorted_disjoint_maximal_and_in_the_prospects_zone(situation):
    """Windows are non-empty, sorted, separated by gaps, and aware in the prospect's zone."""
    prospect, include, channel, at = situation
    moment = at.astimezone(UTC)
    found = compliance.windows(prospect, moment - DAY, moment + DAY, channel, include=include)
    instants_ = [(b.astimezone(UTC), e.astimezone(UTC)) for b, e in found]
    for begin, end in instants_:
        assert moment - DAY <= begin < end <= moment + DAY
    for (_, end), (begin, _) in itertools.pairwise(instants_):
        assert end < begin
    assert all(str(b.tzinfo) == prospect.timezone == str(e.tzinfo) for b, e in found)


@given(situations())
def test_every_window_lies_inside_each_applicable_packs_own_hours(situation):
    """Each permitted window is permitted by every applicable pack on its own (stricter wins)."""
    prospect, include, channel, at = situation
    moment = at.astimezone(UTC)
    found = compliance.windows(prospect, moment - DAY, moment + DAY, channel, include=include)
    for pack in compliance.packs_for(prospect, include=include):
        own = compliance.calendar_from((pack,), timezone=prospect.timezone, channel=channel)
        for begin, end in found:
            assert merged(own.windows(begin, end)) == [
                (begin.astimezone(UTC), end.astimezone(UTC))
            ], pack.name
