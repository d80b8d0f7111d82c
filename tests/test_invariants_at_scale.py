"""The engine's invariants over 100,000 seeded cases, across every built-in playbook and pack.

Hypothesis is too slow per example for this many, so a plain
``random.Random`` builds the cases: prospects in zones with every kind of
DST rule (both hemispheres, half-hour shifts, none), in every country and
region a compliance pack covers, some with registry flags, consents or
opt-in packs; histories of every outcome and event, 0 to 40 items long, in
shuffled order; and moments to plan at, many on a DST change or a window
edge in the prospect's zone. Every case is planned twice, from the history
as built and shuffled, and both plans must be equal (deterministic, order
does not matter); the plan is then checked against every law in
``_invariants.py``. About one case in eight has opted out (or ended in do
not contact) and must halt with no action; one in eight has opted out of
one channel and must use any other.

The cases are split into ``CHUNKS`` parametrized chunks, so that
pytest-xdist spreads them over the workers; each chunk has its own seed,
so a failure names a reproducible chunk. ``ORL_SCALE_CASES`` sets the
total (default 100,000, about a minute of CPU); the nightly run uses
``ORL_SCALE_CASES=5000000``. ``ORL_SCALE_SEED`` shifts every chunk's seed
to explore new cases.
"""

from __future__ import annotations

import functools
import os
import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import _invariants as law
import outreach_rules as orl
from outreach_rules import compliance
from outreach_rules import strategies as ors
from outreach_rules.calendar import Hours
from outreach_rules.channels import Needs, traits
from outreach_rules.outcomes import valid_outcomes
from outreach_rules.playbooks import cold_calling, direct_mail, keep_in_touch, re_engagement

CASES = int(os.environ.get("ORL_SCALE_CASES", "100000"))
SEED = int(os.environ.get("ORL_SCALE_SEED", "0"))
CHUNKS = 20

FIRST = datetime(2025, 1, 1, tzinfo=UTC)
LAST = datetime(2029, 1, 1, tzinfo=UTC)
# The strategies' zones, plus two whose packs only they reach (BC, WA).
ZONES: dict[str, tuple[str | None, tuple[str | None, ...]]] = {
    **ors.ZONES,
    "America/Vancouver": ("CA", ("BC",)),
    "Australia/Perth": ("AU", ("WA",)),
}
OPT_IN = tuple(name for name, pack in compliance.PACKS.items() if pack.opt_in)
FLAGS = ("on_national_dnc", "tps", "nix", "consent", "email_consent", "on_dnc_register")
ALSO = {
    "US": (("America/Chicago",), ("America/Los_Angeles", "America/Denver")),
    "AU": (("Australia/Perth",),),
    "CA": (("America/Vancouver",),),
}
# Local wall-clock times at which some window opens or closes, or the clocks change.
EDGES = (
    time(0),
    time(1, 30),
    time(2, 30),
    time(7, 59),
    time(8),
    time(8, 30),
    time(9),
    time(12),
    time(16, 59),
    time(17),
    time(18),
    time(20, 59),
    time(21),
    time(23, 59),
)
STOPS = (orl.Outcome.DO_NOT_CONTACT,)
# Outcomes that keep a cadence going, drawn more often than the ones that end it, so that
# most cases plan something.
UNDER_WAY = frozenset(
    orl.Outcome(name)
    for name in ("no_answer", "busy", "voicemail", "gatekeeper", "left", "sent", "connected")
)
LENGTHS = (0, 1, 1, 2, 3, 4, 6, 8, 12, 20, 40)
TOPICS = ("payroll", "hiring", "security", "pricing", "cloud")
NOTES = ("", "asked about pricing", "at lunch", "new CFO")


@functools.cache
def transitions(timezone: str) -> tuple[datetime, ...]:
    """The UTC instants, to the hour, at which ``timezone`` changes its offset in 2025–2028."""
    tz = ZoneInfo(timezone)
    found = []
    day = timedelta(days=1)
    at = FIRST
    while at < LAST:
        # Offsets change at most a few times a year: find the day, then the hour.
        if (at + day).astimezone(tz).utcoffset() != at.astimezone(tz).utcoffset():
            hour = next(
                at + timedelta(hours=h)
                for h in range(1, 25)
                if (at + timedelta(hours=h)).astimezone(tz).utcoffset()
                != at.astimezone(tz).utcoffset()
            )
            found.append(hour)
        at += day
    return tuple(found)


@functools.cache
def playbooks() -> tuple[orl.Playbook, ...]:
    """Every built-in playbook with and without a sender, in three opening hours, some opting in
    to a pack, some with offerings and trips."""
    sender = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
    offering = orl.Offering(name="Payroll Cloud", launched=date(2026, 3, 1), topics={"payroll"})
    trip = orl.Trip(city="Springfield", day=date(2026, 11, 24))
    hours = (
        None,
        Hours.weekly(time(8, 30), time(18)),
        Hours.weekly(time(0), time(23, 59), days=range(7)),
    )
    made = []
    for factory in (cold_calling, keep_in_touch, re_engagement, direct_mail):
        for i, opening in enumerate(hours):
            made.append(
                factory(
                    sender=sender if i != 1 else None,
                    hours=opening,
                    offerings=(offering,) if i != 0 else (),
                    trips=(trip,) if i == 2 else (),
                    compliance=OPT_IN if i == 1 else (),
                )
            )
    return tuple(made)


def moment(rnd: random.Random, timezone: str) -> datetime:
    """An instant in 2025–2028: a third near a DST change, a third on a window edge, the rest
    anywhere; written in UTC or in the prospect's zone."""
    tz = ZoneInfo(timezone)
    how = rnd.randrange(3)
    changes = transitions(timezone)
    if how == 0 and changes:
        at = rnd.choice(changes) + timedelta(minutes=rnd.randint(-36 * 60, 36 * 60))
    elif how <= 1:
        day = FIRST.date() + timedelta(days=rnd.randrange(4 * 365))
        wall = rnd.choice(EDGES)
        local = datetime.combine(day, wall, tz).replace(fold=rnd.randrange(2))
        at = local.astimezone(UTC) + timedelta(microseconds=rnd.choice((-1, 0, 0, 1)))
    else:
        at = FIRST + timedelta(seconds=rnd.randrange(int((LAST - FIRST).total_seconds())))
    at = min(max(at, FIRST + timedelta(days=2)), LAST - timedelta(days=2))
    return at.astimezone(rnd.choice((UTC, tz)))


def prospect(rnd: random.Random, number: int) -> orl.Prospect:
    """A prospect in a random zone with a matching country and region, and random contacts."""
    timezone = rnd.choice(tuple(ZONES))
    country, regions = ZONES[timezone]
    codes = rnd.sample(("1", "46", "44", "61", "49"), k=rnd.randint(0, 3))
    phones = tuple(
        orl.Phone(
            number=f"+{code}{rnd.randrange(10**8, 10**9)}", kind=rnd.choice(list(orl.PhoneKind))
        )
        for code in codes
    )
    return orl.Prospect(
        id=f"p-{number}",
        timezone=timezone,
        name=rnd.choice((None, "Ada Lovelace", "Grace Hopper")),
        phones=phones,
        emails=tuple(f"p{number}-{i}@example.com" for i in range(rnd.randint(0, 2))),
        address=rnd.choice((None, "1 Main Street")),
        country=country,
        region=rnd.choice(regions) if country else None,
        city=rnd.choice((None, "Springfield", "Uppsala")),
        birthday=rnd.choice((None, date(1980, 2, 29), date(1975, rnd.randint(1, 12), 1))),
        interests=frozenset(rnd.sample(TOPICS, k=rnd.randint(0, 2))),
        consumer=rnd.choice((None, True, False)),
        flags=frozenset(rnd.sample(FLAGS, k=rnd.choice((0, 0, 1, 2)))),
        last_purchase=rnd.choice((None, date(2025, rnd.randint(1, 12), 15))),
        possible_timezones=rnd.choice(((), *ALSO.get(country or "", ()))),
        linkedin=rnd.choice((None, f"https://www.linkedin.com/in/p{number}")),
    )


def contact(rnd: random.Random, person: orl.Prospect, channel: orl.Channel) -> str | None:
    """One of the prospect's contact points for ``channel``, or none."""
    needs = traits(channel).needs
    if needs is Needs.PHONE:
        options: list[str | None] = [p.number for p in person.phones]
    elif needs is Needs.EMAIL:
        options = list(person.emails)
    elif needs is Needs.PROFILE:
        options = [person.linkedin] if person.linkedin else []
    else:
        options = [person.address] if person.address else []
    return rnd.choice([*options, None])


def odd_wall_time(rnd: random.Random, timezone: str, before: datetime) -> datetime | None:
    """A wall time within 90 minutes of one of the zone's changes of offset before ``before``,
    with either fold: on a spring-forward night it may not exist, on a fall-back night it may
    be either of two instants. None in a zone without changes."""
    tz = ZoneInfo(timezone)
    changes = [t for t in transitions(timezone) if t < before]
    if not changes:
        return None
    change = rnd.choice(changes[-4:]).astimezone(tz).replace(tzinfo=None)
    wall = change + timedelta(minutes=rnd.randint(-90, 90))
    return wall.replace(tzinfo=tz, fold=rnd.randrange(2))


def item(rnd: random.Random, person: orl.Prospect, now: datetime) -> Any:
    """An attempt (three in four) or an event, mostly in the 120 days before ``now``; one in
    eight at a wall time that does not exist or exists twice in the prospect's zone."""
    at = now + timedelta(minutes=rnd.randint(-120 * 24 * 60, 2 * 24 * 60))
    at = at.astimezone(rnd.choice((UTC, ZoneInfo(person.timezone))))
    if rnd.randrange(8) == 0:
        at = odd_wall_time(rnd, person.timezone, now) or at
    resume = at + timedelta(hours=rnd.randint(1, 24 * 30)) if rnd.randrange(10) == 0 else None
    interests = frozenset(rnd.sample(TOPICS, k=rnd.randint(0, 1)))
    if rnd.randrange(4):
        channel = rnd.choice(list(orl.Channel))
        outcomes = sorted(set(valid_outcomes(channel)) - set(STOPS))
        if rnd.randrange(3):
            outcomes = [o for o in outcomes if o in UNDER_WAY] or outcomes
        outcome = rnd.choice(outcomes)
        callback = None
        if outcome is orl.Outcome.CALLBACK_REQUESTED or (
            outcome is orl.Outcome.BAD_TIMING and rnd.randrange(2)
        ):
            callback = at + timedelta(minutes=rnd.randint(5, 60 * 24 * 60))
        learned = None
        if channel is orl.Channel.CALL and rnd.randrange(10) == 0:
            learned = orl.Phone(number=f"+1212{rnd.randrange(10**6, 10**7)}", kind="mobile")
        return orl.Attempt(
            at=at,
            channel=channel,
            outcome=outcome,
            to=contact(rnd, person, channel),
            notes=rnd.choice(NOTES),
            interests=interests,
            callback_at=callback,
            resume_at=resume,
            new_phone=learned,
        )
    kind = rnd.choice([k for k in orl.EventKind if k is not orl.EventKind.OPT_OUT])
    if kind is orl.EventKind.OUT_OF_OFFICE and resume is None:
        resume = at + timedelta(hours=rnd.randint(1, 24 * 30))
    return orl.Event(
        at=at,
        kind=kind,
        channel=rnd.choice((None, *orl.Channel)),
        notes=rnd.choice(NOTES),
        resume_at=resume,
        interests=interests,
    )


def moments_after(rnd: random.Random, first: datetime, timezone: str) -> list[datetime]:
    """``first``, then two later instants within four days: one anywhere, one on a window edge."""
    tz = ZoneInfo(timezone)
    later = first + timedelta(minutes=rnd.randint(1, 4 * 24 * 60))
    day = first.astimezone(tz).date() + timedelta(days=rnd.randint(1, 4))
    edge = datetime.combine(day, rnd.choice(EDGES), tz).replace(fold=rnd.randrange(2))
    return [first, later, edge.astimezone(rnd.choice((UTC, tz)))]


def check_cases(rnd: random.Random, number: int) -> list[str]:
    """Build a prospect and a history, plan them at three moments with three playbooks, and
    check every invariant each time; return which kind of plan each case gave."""
    person = prospect(rnd, number)
    first = moment(rnd, person.timezone)
    length = rnd.choice(LENGTHS)
    history = [item(rnd, person, first) for _ in range(length)]
    kind = rnd.randrange(8)
    stop_at = first - timedelta(minutes=rnd.randint(0, 90 * 24 * 60))
    opted_out: list[orl.Channel] = []
    if kind == 0:
        history.append(orl.Event(at=stop_at, kind=orl.EventKind.OPT_OUT))
    elif kind == 1:
        channel = rnd.choice(list(orl.Channel))
        outcome = orl.Outcome.DO_NOT_CONTACT
        history.append(orl.Attempt(at=stop_at, channel=channel, outcome=outcome))
    elif kind == 2:
        opted_out.append(rnd.choice(list(orl.Channel)))
        history.append(orl.Event(at=stop_at, kind=orl.EventKind.OPT_OUT, channel=opted_out[0]))
    shuffled = list(history)
    rnd.shuffle(shuffled)
    kinds = []
    for turn, now in enumerate(moments_after(rnd, first, person.timezone)):
        playbook = rnd.choice(playbooks())
        result = orl.plan(person, history, now=now, playbook=playbook)
        again = orl.plan(person, tuple(shuffled), now=now, playbook=playbook)
        assert again == result, (person, history, now, playbook.name)
        law.check_plan(result, prospect=person, history=history, now=now, playbook=playbook)
        if turn == 0:
            law.round_trips(result, orl.Plan)
            if history:
                chosen = rnd.choice(history)
                law.round_trips(chosen, type(chosen))
        if kind in (0, 1):
            law.halted_for_do_not_contact(result)
            kinds.append("do not contact")
            continue
        law.nothing_on(result, opted_out)
        kinds.append("halted" if result.halted else "planned" if result.actions else "nothing")
    if kind not in (0, 1):
        # Every case also opts out of one channel, any of them, and plans the last moment again:
        # no field of any action may use that channel (a voicemail left on a call included).
        channel = rnd.choice(list(orl.Channel))
        stop = orl.Event(at=stop_at, kind=orl.EventKind.OPT_OUT, channel=channel)
        law.nothing_on(orl.plan(person, [*history, stop], now=now, playbook=playbook), [channel])
    return kinds


def chunk_size(index: int) -> int:
    """How many of the ``CASES`` cases chunk ``index`` checks."""
    return CASES // CHUNKS + (1 if index < CASES % CHUNKS else 0)


def test_chunks_add_up_to_the_total():
    """The chunks check exactly ``ORL_SCALE_CASES`` cases, at least 100,000 by default."""
    assert sum(chunk_size(i) for i in range(CHUNKS)) == CASES
    if "ORL_SCALE_CASES" not in os.environ:
        assert CASES >= 100_000


def test_playbooks_cover_every_built_in_playbook_and_opt_in_pack():
    """The scale cases plan with all four built-in playbooks and every opt-in pack."""
    names = {playbook.name for playbook in playbooks()}
    assert names == {"cold_calling", "keep_in_touch", "re_engagement", "direct_mail"}
    assert set(OPT_IN) <= {name for playbook in playbooks() for name in playbook.compliance}


def test_zones_reach_every_pack():
    """Some zone, country and region of the generator falls under each shipped pack."""
    reached: set[str] = set()
    for timezone, (country, regions) in ZONES.items():
        for region in regions:
            person = orl.Prospect(id="p", timezone=timezone, country=country, region=region)
            reached |= {p.name for p in compliance.packs_for(person, include=OPT_IN)}
    assert reached == set(compliance.PACKS)


@pytest.mark.parametrize("index", range(CHUNKS))
def test_engine_invariants_hold_at_scale(index):
    """Every case of the chunk keeps every engine invariant (see the module docstring)."""
    rnd = random.Random(f"orl-scale-{SEED}-{index}")
    seen: dict[str, int] = {}
    checked = 0
    while checked < chunk_size(index):
        for kind in check_cases(rnd, checked)[: chunk_size(index) - checked]:
            seen[kind] = seen.get(kind, 0) + 1
            checked += 1
    if chunk_size(index) >= 1000:
        # The generator reaches every kind of case, not only halts.
        assert set(seen) == {"do not contact", "halted", "planned", "nothing"}, seen
