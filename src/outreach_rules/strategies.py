"""Hypothesis strategies for prospects, histories and playbooks, for your own tests.

Needs ``hypothesis`` (installed with the ``[dev]`` extra):

    from hypothesis import given
    from outreach_rules import strategies as ors

    @given(ors.prospects(), ors.moments())
    def test_my_policy(prospect, now): ...

The project's own property tests use these same strategies.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "outreach_rules.strategies needs hypothesis: pip install 'outreach-rules[dev]'"
    ) from exc

from outreach_rules._time import zone
from outreach_rules.calendar import Hours
from outreach_rules.channels import PHONE_CHANNELS, Channel, Needs, kindred, traits, valid_outcomes
from outreach_rules.history import Attempt, Event, HistoryItem
from outreach_rules.offerings import Offering
from outreach_rules.outcomes import EventKind, Outcome
from outreach_rules.playbooks import (
    Playbook,
    cold_calling,
    direct_mail,
    keep_in_touch,
    re_engagement,
)
from outreach_rules.policies.follow_up import FollowUp
from outreach_rules.prospects import Phone, PhoneKind, Prospect, Sender
from outreach_rules.trips import Trip

__all__ = [
    "ZONES",
    "attempts",
    "events",
    "histories",
    "moments",
    "offerings",
    "phones",
    "playbooks",
    "prospects",
    "senders",
    "trips",
]

ZONES: dict[str, tuple[str | None, tuple[str | None, ...]]] = {
    "America/New_York": ("US", ("NY", "FL", "MD", "CT", "MA", "PA", "RI", "KY", None)),
    "America/Detroit": ("US", ("MI",)),
    "America/Chicago": ("US", ("OK", "LA", "TX", "MS", "AL", "MN")),
    "America/Denver": ("US", ("CO", "UT", "NM")),
    "America/Phoenix": ("US", ("AZ",)),
    "America/Los_Angeles": ("US", ("CA", "WA", None)),
    "America/Vancouver": ("CA", ("BC",)),
    "America/St_Johns": ("CA", ("NL",)),
    "America/Toronto": ("CA", ("ON", None)),
    "Europe/Stockholm": ("SE", (None,)),
    "Europe/London": ("GB", ("ENG", None)),
    "Europe/Berlin": ("DE", ("BE", None)),
    "Europe/Paris": ("FR", (None,)),
    "Europe/Amsterdam": ("NL", (None,)),
    "Europe/Madrid": ("ES", (None,)),
    "Europe/Rome": ("IT", (None,)),
    "Europe/Brussels": ("BE", (None,)),
    "Australia/Sydney": ("AU", ("NSW", None)),
    "Australia/Lord_Howe": ("AU", ("NSW",)),
    "Asia/Kolkata": ("IN", (None,)),
    "Asia/Tehran": ("IR", (None,)),
    "America/Santiago": ("CL", (None,)),
    "Pacific/Auckland": ("NZ", (None,)),
    "Pacific/Chatham": ("NZ", (None,)),
    "UTC": (None, (None,)),
}
"""Time zones the strategies draw from (DST in both hemispheres, half-hour shifts and a
half-hour DST (Lord Howe), a midnight switch (Santiago), a 45-minute offset (Chatham), DST
abolished (Tehran), none), each with a country and regions that fit it."""

_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_TOPICS = st.frozensets(st.sampled_from(["payroll", "hiring", "security", "pricing", "cloud"]))
# hypothesis draws wall-clock times between naive bounds, then attaches a zone.
_START = datetime(2025, 1, 1)  # noqa: DTZ001
_END = datetime(2028, 12, 31)  # noqa: DTZ001


def moments(
    start: datetime = _START, end: datetime = _END, *, zones: tuple[str, ...] | None = None
) -> st.SearchStrategy[datetime]:
    """Aware datetimes between naive ``start`` and ``end``, in zones with DST gaps and folds."""
    names = zones or tuple(ZONES)
    anywhere = st.datetimes(
        min_value=start,
        max_value=end,
        timezones=st.sampled_from([zone(n) for n in names]),
        allow_imaginary=False,
    )
    # One draw in four lands within hours of a change of offset, where bugs live.
    near = [t for n in names for t in _changes(n) if start <= t.replace(tzinfo=None) <= end]
    if not near:
        return anywhere
    around = st.builds(
        lambda change, minutes: (change.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(
            change.tzinfo
        ),
        st.sampled_from(near),
        st.integers(-6 * 60, 6 * 60),
    )
    return st.one_of(anywhere, anywhere, anywhere, around)


@functools.cache
def _changes(name: str) -> tuple[datetime, ...]:
    """The instants in 2025–2028 at which ``name`` changes its offset, in that zone."""
    tz = zone(name)
    found = []
    day = datetime(2025, 1, 1, tzinfo=UTC)
    offset = day.astimezone(tz).utcoffset()
    while day.year < 2029:
        following = day + timedelta(days=1)
        if following.astimezone(tz).utcoffset() != offset:
            low, high = day, following
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(tz).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            found.append(high.replace(second=0, microsecond=0).astimezone(tz))
            offset = following.astimezone(tz).utcoffset()
        day = following
    return tuple(found)


def phones(kind: PhoneKind | None = None, *, textable: bool = False) -> st.SearchStrategy[Phone]:
    """E.164 phone numbers of any kind (or of ``kind``); ``textable``: some marked either way."""
    kinds = st.just(kind) if kind is not None else st.sampled_from(list(PhoneKind))
    digits = st.text(alphabet="0123456789", min_size=9, max_size=9)
    return st.builds(
        lambda d, k, cc, t: Phone(number=f"+{cc}{d}", kind=k, textable=t),
        digits,
        kinds,
        st.sampled_from(["1", "46", "44", "61", "49"]),
        st.sampled_from([None, None, None, True, False]) if textable else st.none(),
    )


@st.composite
def prospects(draw: st.DrawFn, *, timezones: tuple[str, ...] | None = None) -> Prospect:
    """Prospects with random contact points, in one of ``ZONES`` with a matching country."""
    tz = draw(st.sampled_from(timezones or tuple(ZONES)))
    country, regions = ZONES[tz]
    region = draw(st.sampled_from(regions))
    numbers = draw(st.lists(phones(textable=True), max_size=3, unique_by=lambda p: p.number))
    emails = draw(st.lists(_WORDS.map(lambda w: f"{w}@example.com"), max_size=2, unique=True))
    return Prospect(
        id=draw(_WORDS.map(lambda w: f"p-{w}")),
        timezone=tz,
        name=draw(st.none() | st.sampled_from(["Ada Lovelace", "Grace Hopper", "Alan Kay"])),
        phones=tuple(numbers),
        emails=tuple(emails),
        address=draw(st.none() | st.just("1 Main Street")),
        linkedin=draw(st.none() | _WORDS.map(lambda w: f"https://www.linkedin.com/in/{w}")),
        account=draw(st.none() | st.sampled_from(["acme", "globex", "initech"])),
        owner=draw(st.none() | st.sampled_from(["sam", "kim"])),
        country=country,
        region=region if country else None,
        city=draw(st.none() | st.sampled_from(["Springfield", "Uppsala", "Parramatta"])),
        company=draw(st.none() | st.just("Example Co")),
        birthday=draw(st.none() | st.dates(date(1950, 1, 1), date(2000, 12, 31))),
        interests=draw(_TOPICS),
        consumer=draw(st.none() | st.booleans()),
        flags=draw(st.frozensets(st.sampled_from(_FLAGS), max_size=2)),
        last_purchase=draw(st.none() | st.dates(date(2024, 1, 1), date(2028, 12, 31))),
        possible_timezones=draw(st.sampled_from([(), *_ALSO.get(country or "", ())])),
    )


# Zones a number of that country may also ring in, for prospects known by number only.
_ALSO = {
    "US": (("America/Chicago",), ("America/Los_Angeles", "America/Denver")),
    "AU": (("Australia/Perth",),),
    "CA": (("America/Vancouver",),),
}


# Registry flags of the compliance packs, for prospects on (or consenting to) a list.
_FLAGS = [
    "on_national_dnc",
    "on_national_dncl",
    "tps",
    "nix",
    "consent",
    "email_consent",
    "on_dnc_register",
    "bloctel",
    "rpo",
    "dncm",
]


def _contact(draw: st.DrawFn, prospect: Prospect | None, channel: Channel) -> str | None:
    if prospect is None:
        return draw(st.none() | phones().map(lambda p: p.number))
    needs = traits(channel).needs
    options: list[str | None]
    if needs is Needs.PHONE:
        options = [p.number for p in prospect.phones]
    elif needs is Needs.EMAIL:
        options = list(prospect.emails)
    elif needs is Needs.ADDRESS:
        options = [prospect.address] if prospect.address else []
    else:
        options = [prospect.linkedin] if prospect.linkedin else []
    return draw(st.sampled_from([*options, None]))


@st.composite
def attempts(
    draw: st.DrawFn,
    prospect: Prospect | None = None,
    *,
    start: datetime = _START,
    end: datetime = _END,
) -> Attempt:
    """Attempts with valid channel/outcome pairs, aimed at ``prospect``'s contact points."""
    channel = draw(st.sampled_from(list(Channel)))
    outcome = draw(st.sampled_from(sorted(valid_outcomes(channel))))
    at = draw(moments(start, end))
    callback_at = None
    if outcome is Outcome.CALLBACK_REQUESTED or (
        outcome is Outcome.BAD_TIMING and draw(st.booleans())
    ):
        callback_at = at + draw(st.timedeltas(timedelta(minutes=5), timedelta(days=400)))
    resume_at = None
    if draw(st.integers(0, 9)) == 0:
        resume_at = at + draw(st.timedeltas(timedelta(hours=1), timedelta(days=30)))
    return Attempt(
        at=at,
        channel=channel,
        outcome=outcome,
        to=_contact(draw, prospect, channel),
        notes=draw(st.sampled_from(["", "asked about pricing", "at lunch"])),
        reason=draw(st.none() | st.sampled_from(["too expensive", "happy with current vendor"])),
        interests=draw(_TOPICS),
        callback_at=callback_at,
        resume_at=resume_at,
        new_phone=draw(st.none() | phones(PhoneKind.MOBILE)) if channel is Channel.CALL else None,
    )


@st.composite
def events(
    draw: st.DrawFn,
    prospect: Prospect | None = None,
    *,
    start: datetime = _START,
    end: datetime = _END,
) -> Event:
    """Events of every kind; opt-outs are sometimes scoped to one channel."""
    kind = draw(st.sampled_from(list(EventKind)))
    at = draw(moments(start, end))
    resume_at = None
    if kind is EventKind.OUT_OF_OFFICE or draw(st.integers(0, 9)) == 0:
        resume_at = at + draw(st.timedeltas(timedelta(hours=1), timedelta(days=30)))
    return Event(
        at=at,
        kind=kind,
        channel=draw(st.none() | st.sampled_from(list(Channel))),
        notes=draw(st.sampled_from(["", "called from the office", "new CFO"])),
        resume_at=resume_at,
        interests=draw(_TOPICS),
    )


def histories(
    prospect: Prospect | None = None,
    *,
    start: datetime = _START,
    end: datetime = _END,
    max_size: int = 12,
    events_share: int = 4,
) -> st.SearchStrategy[list[HistoryItem]]:
    """Lists of attempts and events (about one in ``events_share`` an event), in random order."""
    item: st.SearchStrategy[Any] = st.one_of(
        *([attempts(prospect, start=start, end=end)] * (events_share - 1)),
        events(prospect, start=start, end=end),
    )
    return st.lists(item, max_size=max_size)


def senders() -> st.SearchStrategy[Sender]:
    """Senders with a name, a phone and an e-mail address."""
    return st.builds(
        lambda name, phone: Sender(name=name, phone=phone.number, email="me@example.com"),
        st.sampled_from(["Sam Seller", "Kim Caller"]),
        phones(),
    )


def offerings() -> st.SearchStrategy[Offering]:
    """Offerings launched in 2025–2028 about topics prospects care about."""
    return st.builds(
        Offering,
        name=st.sampled_from(["Payroll Cloud", "Hiring Desk", "Safe Vault"]),
        launched=st.dates(date(2025, 1, 1), date(2028, 12, 31)),
        topics=_TOPICS,
    )


def trips() -> st.SearchStrategy[Trip]:
    """Trips to the cities prospects live in."""
    return st.builds(
        Trip,
        city=st.sampled_from(["Springfield", "Uppsala", "Parramatta"]),
        day=st.dates(date(2025, 1, 1), date(2028, 12, 31)),
    )


_FACTORIES = {
    "keep_in_touch": keep_in_touch,
    "re_engagement": re_engagement,
    "direct_mail": direct_mail,
}


def playbooks(names: tuple[str, ...] | None = None) -> st.SearchStrategy[Playbook]:
    """The built-in playbooks (or those ``names``) with varied senders, hours and options."""
    wanted = names or ("cold_calling", *_FACTORIES)
    unknown = set(wanted) - {"cold_calling", *_FACTORIES}
    if unknown:
        raise ValueError(f"names: unknown playbooks {sorted(unknown)}")
    others = tuple(n for n in wanted if n != "cold_calling")
    parts = [_cold_calling()] if "cold_calling" in wanted else []
    if others:
        parts.append(_other_playbooks(others))
    return st.one_of(*parts)


def _other_playbooks(names: tuple[str, ...]) -> st.SearchStrategy[Playbook]:
    return st.builds(
        lambda factory, sender, hours, offers, travels: factory(
            sender=sender, hours=hours, offerings=offers, trips=travels
        ),
        st.sampled_from([_FACTORIES[n] for n in names]),
        st.none() | senders(),
        _HOURS,
        st.lists(offerings(), max_size=3),
        st.lists(trips(), max_size=3),
    )


def _cold_calling() -> st.SearchStrategy[Playbook]:
    follow = st.builds(
        FollowUp,
        delays=st.sampled_from([(1, 2, 4), (1,), (0, 1), (2, 2, 2)]),
        then_every=st.integers(1, 10),
        max_unanswered=st.integers(1, 10),
    )
    return st.builds(
        lambda sender, h, f: cold_calling(sender=sender, hours=h, follow_up=f),
        st.none() | senders(),
        _HOURS,
        follow,
    )


_HOURS = st.sampled_from(
    [
        Hours.weekly(),
        Hours.weekly(time(8, 30), time(18)),
        Hours.weekly(time(10), time(16), days=(0, 1, 2, 3, 4, 5)),
        Hours.weekly(time(0), time(23, 59), days=range(7)),
    ]
)


# -- cadences ------------------------------------------------------------------------------

# Imported here, beside the strategy that needs them.
from outreach_rules.cadences import (  # noqa: E402
    Cadence,
    Exits,
    PolicyRef,
    ReEnrol,
    Since,
    Step,
    Variant,
    Wait,
    Window,
)
from outreach_rules.cadences._model import ALWAYS_EXITS, EXIT_NAMES  # noqa: E402
from outreach_rules.scripts import default_templates  # noqa: E402

__all__ += ["cadences"]

_STEP_IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=10)
_STEP_IDS = _STEP_IDS.filter(lambda s: s[0] not in "-_" and s != "end")
# The outcomes a step on each channel can branch on: a call step is done by a call or a drop.
_STEP_OUTCOMES = {
    channel: frozenset(o.value for kin in kindred(channel) for o in valid_outcomes(kin))
    for channel in Channel
}
_SCRIPTS = {
    channel: st.none()
    | st.sampled_from(sorted(str(key) for key, on in default_templates() if on is channel))
    if any(on is channel for _, on in default_templates())
    else st.none()
    for channel in Channel
}
_WEEKDAY_SETS = st.lists(
    st.sampled_from(("mon", "tue", "wed", "thu", "fri")), min_size=1, max_size=5, unique=True
)
_PURPOSES = st.none() | st.sampled_from(("intro", "follow_up", "drip", "letter", "check_in"))
_SINCE = st.sampled_from(tuple(Since))
_WAITS = st.one_of(
    st.builds(Wait, business_days=st.integers(0, 6), since=_SINCE),
    st.builds(Wait, days=st.integers(0, 14), since=_SINCE),
    st.builds(Wait, hours=st.integers(0, 72), since=_SINCE),
)
_RE_ENROL = st.one_of(
    st.just(ReEnrol()),
    st.builds(ReEnrol, rule=st.just("after"), days=st.integers(1, 200)),
    st.just(ReEnrol(rule="on_offering")),
)
_LIMITS = st.dictionaries(
    st.sampled_from(("call", "email", "postcard", "note")), st.integers(1, 10), max_size=2
)
_POLICY_NAMES = st.lists(
    st.sampled_from(("requested_callback", "reconnect", "send_info")), unique=True
)
_BUSINESS_HOURS = st.sampled_from((Window(), Window(start="08:00", end="18:00")))


@st.composite
def _step_windows(draw: st.DrawFn) -> Window:
    """A window inside 09:00–17:00 on weekdays, at least an hour long, on the half hour."""
    start = draw(st.integers(18, 32))
    end = draw(st.integers(start + 2, 34))
    return Window(
        start=time(start // 2, 30 * (start % 2)),
        end=time(end // 2, 30 * (end % 2)),
        days=draw(_WEEKDAY_SETS),
    )


_WINDOWS = st.none() | _step_windows()


@st.composite
def _variants(
    draw: st.DrawFn, channel: Channel, script: str | None, branches: frozenset[str], *, first: bool
) -> tuple[Variant, ...]:
    # A variant keeps the step's branches, so it only moves to a channel that has their outcomes.
    channels = st.none() | st.sampled_from(
        tuple(c for c in Channel if branches <= _STEP_OUTCOMES[c])
    )
    variants = []
    for variant_id in draw(st.lists(_STEP_IDS, min_size=2, max_size=3, unique=True)):
        own = draw(channels)
        own_script = draw(_SCRIPTS[own or channel])
        if own is not None and own is not channel and script is not None and own_script is None:
            # The step's script is for its own channel: on another, the variant needs its own.
            own = None
        variants.append(
            Variant(
                id=variant_id,
                weight=draw(st.integers(1, 100)),
                channel=own,
                script=own_script,
                purpose=draw(_PURPOSES),
                wait=None if first else draw(st.none() | _WAITS),
                window=draw(_WINDOWS),
                leave_voicemail=draw(st.none() | st.booleans()),
            )
        )
    return tuple(variants)


def _reachable(ids: list[str], following: list[str | None], on: list[dict[str, str]]) -> set[str]:
    index = {step_id: i for i, step_id in enumerate(ids)}
    seen = {ids[0]}
    todo = [0]
    while todo:
        i = todo.pop()
        default = ids[i + 1] if i + 1 < len(ids) else "end"
        for target in (following[i] or default, *on[i].values()):
            if target in index and target not in seen:
                seen.add(target)
                todo.append(index[target])
    return seen


@st.composite
def cadences(draw: st.DrawFn, *, max_steps: int = 6) -> Cadence:
    """Valid ``orl.cadences.Cadence`` values with 1 to ``max_steps`` steps on random channels.

    Each step is due at once, on a business day, or after a wait in business
    days, days or hours (since the previous step, its arrival or the
    enrolment); some have a window inside 09:00–17:00 on weekdays, a script
    that exists for their channel, a ``next``, branches on outcomes to
    existing steps or ``"end"``, and A/B variants with positive weights.
    Exits, limits, re-enrolment and a few named policies vary too. Every
    step is reachable and a cadence that can loop has ``exit.max_total``:
    valid by construction, and making the value runs every check.
    """
    count = draw(st.integers(1, max_steps))
    ids = draw(st.lists(_STEP_IDS, min_size=count, max_size=count, unique=True))
    exits = frozenset(draw(st.lists(st.sampled_from(EXIT_NAMES), max_size=4, unique=True)))
    channels = [draw(st.sampled_from(tuple(Channel))) for _ in ids]
    targets = st.sampled_from((*ids, "end"))
    following: list[str | None] = []
    branches: list[dict[str, str]] = []
    for channel in channels:
        following.append(draw(targets) if draw(st.integers(0, 3)) == 0 else None)
        # An outcome that is an exit ends the cadence, so a branch on it is refused.
        outcomes = sorted(_STEP_OUTCOMES[channel] - exits - ALWAYS_EXITS)
        branches.append(draw(st.dictionaries(st.sampled_from(outcomes), targets, max_size=2)))
    # The first step nothing reaches becomes reachable when the step before it falls through
    # to it; each step changes at most once, so this ends with every step reachable.
    while len(seen := _reachable(ids, following, branches)) < count:
        missing = next(i for i, step_id in enumerate(ids) if step_id not in seen)
        following[missing - 1] = None
    steps = []
    for i, (step_id, channel) in enumerate(zip(ids, channels, strict=True)):
        when = draw(st.sampled_from(("now", "day", "wait")))
        day = None
        wait = None
        if when == "day":
            day = 1 if i == 0 else draw(st.integers(1, 15))
        elif when == "wait" and i > 0:
            wait = draw(_WAITS)
        script = draw(_SCRIPTS[channel])
        phone = channel in PHONE_CHANNELS
        variants = st.just(()) | _variants(channel, script, frozenset(branches[i]), first=i == 0)
        steps.append(
            Step(
                id=step_id,
                channel=channel,
                purpose=draw(_PURPOSES),
                day=day,
                wait=wait,
                window=draw(_WINDOWS),
                script=script,
                to=draw(st.sampled_from(("best", "switchboard"))) if phone else "best",
                leave_voicemail=draw(st.booleans()) if phone else False,
                priority=draw(st.integers(0, 100)),
                next=following[i],
                on=branches[i],
                variants=draw(variants),
            )
        )
    looping = any(f is not None for f in following) or any(branches)
    total = st.integers(1, 20)
    return Cadence(
        name=draw(_WORDS.map(lambda w: f"c-{w}")),
        steps=tuple(steps),
        exit=Exits(
            on=exits,
            max_attempts=draw(_LIMITS),
            max_total=draw(total if looping else st.none() | total),
        ),
        re_enrol=draw(_RE_ENROL),
        policies=tuple(PolicyRef(use=name) for name in draw(_POLICY_NAMES)),
        business_hours=draw(_BUSINESS_HOURS),
    )
