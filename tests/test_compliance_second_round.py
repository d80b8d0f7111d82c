"""The second round of packs and fixes, at their edges, through ``permitted`` and through ``plan``.

Each case is a prospect, a local moment and the first lawful moment from
there (the moment itself when it is lawful): hour edges, the lunch break,
Sundays, the statutes' own holidays and the days the clocks change.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

import outreach_rules as orl
from outreach_rules import compliance
from outreach_rules.calendar import END_OF_DAY, Hours
from outreach_rules.compliance.places import lawful_calendar_for
from outreach_rules.guards import Veto
from outreach_rules.guards.frequency_caps import frequency_caps
from outreach_rules.guards.registries import registries
from outreach_rules.policies.follow_up import FollowUp
from outreach_rules.situation import Situation

CALL = orl.Channel.CALL
SMS = orl.Channel.SMS
EMAIL = orl.Channel.EMAIL
AROUND_THE_CLOCK = Hours.weekly(time(0), END_OF_DAY, days=range(7))
EAGER = orl.playbooks.cold_calling(
    hours=AROUND_THE_CLOCK, follow_up=FollowUp(delays=(0,), then_every=0)
)

PLACES = {
    "TX": ("America/Chicago", "US", "TX"),
    "CT": ("America/New_York", "US", "CT"),
    "UT": ("America/Denver", "US", "UT"),
    "MA": ("America/New_York", "US", "MA"),
    "WA": ("America/Los_Angeles", "US", "WA"),
    "MS": ("America/Chicago", "US", "MS"),
    "PA": ("America/New_York", "US", "PA"),
    "RI": ("America/New_York", "US", "RI"),
    "AL": ("America/Chicago", "US", "AL"),
    "KY": ("America/New_York", "US", "KY"),
    "MI": ("America/Detroit", "US", "MI"),
    "MN": ("America/Chicago", "US", "MN"),
    "NM": ("America/Denver", "US", "NM"),
    "LA": ("America/Chicago", "US", "LA"),
    "BC": ("America/Vancouver", "CA", "BC"),
    "FR": ("Europe/Paris", "FR", None),
}


def person(place: str, **extra: object) -> orl.Prospect:
    """A prospect of ``place`` with one number and one address (in France, consent on record)."""
    timezone, country, region = PLACES[place]
    if country == "FR":
        extra.setdefault("flags", frozenset({"consent"}))
    return orl.Prospect(
        id=f"p-{place}",
        timezone=timezone,
        country=country,
        region=region,
        phones=("+15555550100",),
        emails=("ada@example.com",),
        **extra,
    )


def local(place: str, *parts: int) -> datetime:
    """The wall-clock moment ``parts`` in ``place``'s zone."""
    return datetime(*parts, tzinfo=ZoneInfo(PLACES[place][0]))  # type: ignore[misc]


# (place, moment, first lawful moment): the edges of each new pack.
EDGES = [
    # Texas: Monday to Saturday 09:00-21:00, Sunday from noon.
    ("TX", (2026, 11, 23, 8, 59), (2026, 11, 23, 9, 0)),
    ("TX", (2026, 11, 28, 20, 59), (2026, 11, 28, 20, 59)),
    ("TX", (2026, 11, 28, 21, 0), (2026, 11, 29, 12, 0)),
    ("TX", (2026, 11, 29, 11, 59), (2026, 11, 29, 12, 0)),
    ("TX", (2026, 3, 8, 10, 0), (2026, 3, 8, 12, 0)),  # Sunday the clocks spring forward
    # Connecticut: 09:00-20:00 every day.
    ("CT", (2026, 11, 22, 8, 59), (2026, 11, 22, 9, 0)),
    ("CT", (2026, 11, 22, 20, 0), (2026, 11, 23, 9, 0)),
    ("CT", (2026, 11, 1, 19, 59), (2026, 11, 1, 19, 59)),  # Sunday the clocks fall back
    # Utah: 08:00-21:00, no Sunday, no legal holiday (Pioneer Day, 24 July).
    ("UT", (2026, 7, 24, 10, 0), (2026, 7, 25, 8, 0)),
    ("UT", (2026, 7, 26, 10, 0), (2026, 7, 27, 8, 0)),
    ("UT", (2026, 7, 23, 20, 59), (2026, 7, 23, 20, 59)),
    ("UT", (2026, 3, 7, 21, 0), (2026, 3, 9, 8, 0)),  # over the Sunday of the DST change
    # Massachusetts, Washington: 08:00-20:00.
    ("MA", (2026, 11, 23, 7, 59), (2026, 11, 23, 8, 0)),
    ("MA", (2026, 11, 23, 20, 0), (2026, 11, 24, 8, 0)),
    ("WA", (2026, 3, 8, 7, 59), (2026, 3, 8, 8, 0)),
    ("WA", (2026, 11, 1, 20, 0), (2026, 11, 2, 8, 0)),
    # Mississippi: 08:00-20:00, no Sunday.
    ("MS", (2026, 11, 22, 12, 0), (2026, 11, 23, 8, 0)),
    ("MS", (2026, 11, 21, 19, 59), (2026, 11, 21, 19, 59)),
    # Pennsylvania: 08:00-21:00, no legal holiday (Thanksgiving; Flag Day on a Sunday moves).
    ("PA", (2026, 10, 12, 10, 0), (2026, 10, 13, 8, 0)),  # Columbus Day
    ("PA", (2026, 6, 15, 10, 0), (2026, 6, 16, 8, 0)),
    ("PA", (2026, 3, 8, 8, 0), (2026, 3, 8, 8, 0)),
    # Rhode Island: weekdays 09:00-18:00, Saturday 10:00-17:00, no Sunday, no holiday.
    ("RI", (2026, 11, 23, 18, 0), (2026, 11, 24, 9, 0)),
    ("RI", (2026, 11, 21, 9, 59), (2026, 11, 21, 10, 0)),
    ("RI", (2026, 11, 21, 17, 0), (2026, 11, 23, 9, 0)),
    ("RI", (2026, 8, 10, 10, 0), (2026, 8, 11, 9, 0)),  # Victory Day
    # Alabama: 08:00-20:00, no Sunday, no state holiday (Confederate Memorial Day).
    ("AL", (2026, 4, 27, 10, 0), (2026, 4, 28, 8, 0)),
    ("AL", (2026, 4, 26, 10, 0), (2026, 4, 28, 8, 0)),
    # Kentucky: 10:00-21:00; Michigan, Minnesota, New Mexico: 09:00-21:00.
    ("KY", (2026, 11, 23, 9, 59), (2026, 11, 23, 10, 0)),
    ("MI", (2026, 11, 23, 21, 0), (2026, 11, 24, 9, 0)),
    ("MN", (2026, 11, 23, 8, 59), (2026, 11, 23, 9, 0)),
    ("NM", (2026, 3, 8, 8, 59), (2026, 3, 8, 9, 0)),
    # Louisiana: the holidays of R.S. 1:55 (Columbus Day, Huey P. Long Day, All Saints' Day).
    ("LA", (2026, 10, 12, 10, 0), (2026, 10, 13, 8, 0)),
    ("LA", (2027, 8, 30, 10, 0), (2027, 8, 31, 8, 0)),
    ("LA", (2027, 11, 1, 10, 0), (2027, 11, 2, 8, 0)),
    # British Columbia: the federal hours and BC's statutory holidays (BC Day).
    ("BC", (2026, 8, 3, 10, 0), (2026, 8, 4, 9, 0)),
    ("BC", (2026, 8, 1, 9, 59), (2026, 8, 1, 10, 0)),
    # France: Monday to Friday 10:00-13:00 and 14:00-20:00, no public holiday.
    ("FR", (2026, 3, 30, 9, 59), (2026, 3, 30, 10, 0)),
    ("FR", (2026, 3, 30, 12, 59), (2026, 3, 30, 12, 59)),
    ("FR", (2026, 3, 30, 13, 0), (2026, 3, 30, 14, 0)),
    ("FR", (2026, 3, 30, 13, 59), (2026, 3, 30, 14, 0)),
    ("FR", (2026, 3, 30, 19, 59), (2026, 3, 30, 19, 59)),
    ("FR", (2026, 3, 27, 20, 0), (2026, 3, 30, 10, 0)),  # over the weekend of the DST change
    ("FR", (2026, 3, 29, 12, 0), (2026, 3, 30, 10, 0)),  # the Sunday the clocks spring forward
    ("FR", (2026, 10, 23, 20, 0), (2026, 10, 26, 10, 0)),  # over the Sunday they fall back
    ("FR", (2026, 4, 3, 20, 0), (2026, 4, 7, 10, 0)),  # Easter Monday
    ("FR", (2026, 7, 14, 10, 0), (2026, 7, 15, 10, 0)),  # Bastille Day
]


@pytest.mark.parametrize(("place", "moment", "lawful"), EDGES)
def test_edges_through_permitted(place, moment, lawful):
    """permitted holds at the moment exactly when it is the first lawful one, a second before fails.

    next_permitted gives the first lawful moment.
    """
    who = person(place)
    at, first = local(place, *moment), local(place, *lawful)
    assert compliance.permitted(who, at) == (at == first)
    assert compliance.next_permitted(who, at) == first
    assert compliance.permitted(who, first)
    if at != first:
        assert not compliance.permitted(who, first - timedelta(seconds=1))


@pytest.mark.parametrize(("place", "moment", "lawful"), EDGES)
def test_edges_through_plan(place, moment, lawful):
    """plan puts the first call at the first lawful moment, whatever the business hours."""
    who = person(place)
    at, first = local(place, *moment), local(place, *lawful)
    action = orl.plan(who, [], now=at, playbook=EAGER).next
    assert action is not None
    assert action.channel is CALL
    assert action.earliest == first
    if at != first:
        assert action.moved_by == ("lawful_hours",)


# --------------------------------------------------------------------------- texts


@pytest.mark.parametrize(
    ("place", "moment", "allowed"),
    [
        ("TX", (2026, 11, 29, 11, 59), False),  # texts count as calls since SB 140 (2025)
        ("TX", (2026, 11, 29, 12, 0), True),
        ("CT", (2026, 11, 23, 20, 0), False),
        ("CT", (2026, 11, 23, 19, 59), True),
        ("UT", (2026, 11, 22, 12, 0), True),  # Utah's Sunday ban names calls, not texts
        ("MA", (2026, 11, 23, 20, 30), True),  # within the 08:00-21:00 every text keeps to
        ("MA", (2026, 11, 23, 21, 0), False),
        ("FR", (2026, 3, 30, 13, 30), True),  # the lunch break is for calls
    ],
)
def test_texts_keep_the_rules_that_name_them(place, moment, allowed):
    """A text keeps a state's hours only where its law covers texts; 08:00-21:00 always."""
    assert compliance.permitted(person(place), local(place, *moment), SMS) is allowed


def test_every_pack_says_which_of_its_rules_cover_texts():
    """The packs whose rules name texts are those the facts sheet says count texts."""
    covering = {name for name, pack in compliance.PACKS.items() if pack.covering(SMS)}
    assert covering == {
        "us",
        "us-FL",
        "us-OK",
        "us-MD",
        "us-TX",
        "us-CT",
        "us-debt",
        "gb-email",
        "ca-email",
    }


# --------------------------------------------------------------------------- audience fixes


def test_gb_email_consent_binds_individuals_and_not_companies():
    """PECR reg 22: no consent needed for a company address; unknown keeps the consent rule."""
    briton = orl.Prospect(id="gb", timezone="Europe/London", country="GB")
    for consumer, barred in ((True, True), (None, True), (False, False)):
        found = compliance.barred_by(briton, flags=set(), channel=EMAIL, consumer=consumer)
        assert bool(found) is barred, consumer
        texts = compliance.barred_by(briton, flags=set(), channel=SMS, consumer=consumer)
        assert bool(texts) is barred, consumer


def test_canadas_national_dncl_does_not_bar_a_business():
    """UTR Part II: the National DNCL does not apply to calls to business consumers."""
    ontario = orl.Prospect(id="on", timezone="America/Toronto", country="CA", region="ON")
    flags = {"on_national_dncl"}
    assert compliance.barred_by(ontario, flags=flags, consumer=None)
    assert compliance.barred_by(ontario, flags=flags, consumer=False) == ()


def test_debt_collection_hours_cover_emails_and_texts_at_send_time():
    """Regulation F: an e-mail or text at 21:00 local is outside the presumption's hours."""
    denver = orl.Prospect(id="co", timezone="America/Denver", country="US", region="CO")
    at = datetime(2026, 11, 23, 21, 0, tzinfo=ZoneInfo("America/Denver"))
    for channel in (EMAIL, SMS, CALL):
        assert not compliance.permitted(denver, at, channel, include=("us-debt",))
        assert compliance.permitted(
            denver, at - timedelta(seconds=1), channel, include=("us-debt",)
        )
    assert compliance.permitted(denver, at, EMAIL)  # without the pack, e-mail has no hours
    debt = frozenset({"us-debt"})
    assert lawful_calendar_for(orl.Channel.LINKEDIN, "America/Denver", "US", "CO", debt) is None


def test_french_hours_are_for_consumers_and_businesses_keep_eight_to_nine():
    """D.223-9 protects consumers: a business is called at 13:30, within 08:00-21:00."""
    at = local("FR", 2026, 3, 30, 13, 30)
    consumer = orl.plan(person("FR", consumer=True), [], now=at, playbook=EAGER).next
    business = orl.plan(person("FR", consumer=False), [], now=at, playbook=EAGER).next
    assert consumer is not None
    assert business is not None
    assert consumer.earliest == local("FR", 2026, 3, 30, 14, 0)
    assert business.earliest == at


def test_french_consent_bars_from_the_eleventh_of_august_2026():
    """Loi 2025-594: a consumer without consent is called on 10 August 2026, not on the 11th."""
    who = person("FR", consumer=True, flags=frozenset())
    before = orl.plan(who, [], now=local("FR", 2026, 8, 10, 10, 0), playbook=EAGER)
    after = orl.plan(who, [], now=local("FR", 2026, 8, 11, 10, 0), playbook=EAGER)
    assert any(a.channel is CALL for a in before.actions)
    assert not any(a.channel is CALL for a in after.actions)
    consenting = attrs.evolve(who, flags=frozenset({"consent"}))
    again = orl.plan(consenting, [], now=local("FR", 2026, 8, 11, 10, 0), playbook=EAGER)
    assert any(a.channel is CALL for a in again.actions)


def test_bloctel_bars_a_french_consumer():
    """L.223-1: a consumer on Bloctel gets no solicitation call; the veto names the register."""
    who = person("FR", consumer=True, flags=frozenset({"bloctel"}))
    seen = Situation(who, [], now=local("FR", 2026, 3, 30, 10, 0), playbook=EAGER)
    call = _call(local("FR", 2026, 3, 30, 10, 0))
    result = registries(call, situation=seen, planned=())
    assert isinstance(result, Veto)
    assert "Bloctel" in result.reason


def _call(at: datetime) -> orl.Action:
    return orl.Action(
        channel=CALL,
        purpose="follow_up",
        earliest=at,
        latest=at + timedelta(hours=1),
        reasons=("proposed",),
        policy="test",
        to="+15555550100",
    )


def test_france_waits_60_days_after_a_refusal_and_caps_four_in_30_days():
    """D.223-9: none for 60 days after a refusal; a fifth call in 30 days waits."""
    who = person("FR", consumer=True)
    start = local("FR", 2026, 3, 2, 10, 0)
    refused = orl.Attempt(at=start, channel=CALL, outcome="not_interested", to="+15555550100")
    now = start + timedelta(days=1)
    seen = Situation(who, [refused], now=now, playbook=EAGER)
    moved = frequency_caps(_call(now), situation=seen, planned=())
    assert isinstance(moved, orl.Action)
    assert moved.earliest == start + timedelta(days=60)
    assert "after a refusal" in moved.reasons[-1]
    calls = [
        orl.Attempt(
            at=start + timedelta(days=d), channel=CALL, outcome="no_answer", to="+15555550100"
        )
        for d in (0, 7, 14, 21)
    ]
    now = start + timedelta(days=22)
    seen = Situation(who, calls, now=now, playbook=EAGER)
    moved = frequency_caps(_call(now), situation=seen, planned=())
    assert isinstance(moved, orl.Action)
    assert moved.earliest == start + timedelta(days=30)
    assert "at most 4" in moved.reasons[-1]


def test_dutch_consent_rule_lets_a_recent_customer_through():
    """Telecommunicatiewet 11.7: consent for natural persons, unless a customer within 3 years."""
    dutch = orl.Prospect(
        id="nl", timezone="Europe/Amsterdam", country="NL", phones=("+31205550100",)
    )
    now = datetime(2026, 3, 30, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert not any(a.channel is CALL for a in orl.plan(dutch, [], now=now, playbook=EAGER).actions)
    customer = attrs.evolve(dutch, last_purchase=date(2024, 6, 1))
    assert any(a.channel is CALL for a in orl.plan(customer, [], now=now, playbook=EAGER).actions)
    lapsed = attrs.evolve(dutch, last_purchase=date(2022, 6, 1))
    assert not any(a.channel is CALL for a in orl.plan(lapsed, [], now=now, playbook=EAGER).actions)


# --------------------------------------------------------------------------- subject caps


def test_a_cap_on_the_same_subject_says_whether_a_subject_was_given():
    """Florida: without a subject every call counts (and says so); with one, the reason names it."""
    who = person("TX")
    florida = attrs.evolve(who, region="FL", timezone="America/New_York")
    now = datetime(2026, 11, 23, 15, tzinfo=ZoneInfo("America/New_York"))
    calls = [
        orl.Attempt(
            at=now - timedelta(hours=h), channel=CALL, outcome="no_answer", to="+15555550100"
        )
        for h in (5, 3, 1)
    ]
    plain = frequency_caps(
        _call(now), situation=Situation(florida, calls, now=now, playbook=EAGER), planned=()
    )
    assert isinstance(plain, orl.Action)
    assert "no subject given: every one to the person counts" in plain.reasons[-1]
    solar = attrs.evolve(EAGER, subject="solar panels")
    named = frequency_caps(
        _call(now), situation=Situation(florida, calls, now=now, playbook=solar), planned=()
    )
    assert isinstance(named, orl.Action)
    assert "on the same subject (solar panels)" in named.reasons[-1]
    assert named.earliest == plain.earliest


def test_a_blank_subject_is_refused():
    """Playbook(subject="  ") is a ValueError naming the field."""
    with pytest.raises(ValueError, match="subject"):
        attrs.evolve(EAGER, subject="  ")


# --------------------------------------------------------------------------- blackout dates


def test_blackout_dates_close_the_day_for_calls_and_texts():
    """A declared emergency in Louisiana (R.S. 45:844.31): no call or text that day."""
    emergency = date(2026, 8, 27)
    book = attrs.evolve(EAGER, blackouts={"US-LA": {emergency}})
    who = person("LA")
    at = local("LA", 2026, 8, 27, 10, 0)
    action = orl.plan(who, [], now=at, playbook=book).next
    assert action is not None
    assert action.earliest == local("LA", 2026, 8, 28, 8, 0)
    assert "blackout dates" in action.reasons[-1]
    seen = Situation(who, [], now=at, playbook=book)
    texts = seen.lawful_for(SMS)
    assert texts is not None
    assert not texts.is_open(at)
    # Elsewhere the day is open: the key names the jurisdiction.
    other = orl.plan(person("MS"), [], now=local("MS", 2026, 8, 27, 10, 0), playbook=book).next
    assert other is not None
    assert other.earliest == local("MS", 2026, 8, 27, 10, 0)


def test_a_country_key_closes_every_region():
    """A blackout keyed "US" closes the day in every state."""
    book = attrs.evolve(EAGER, blackouts={"US": [date(2026, 11, 24)]})
    action = orl.plan(person("MA"), [], now=local("MA", 2026, 11, 24, 10), playbook=book).next
    assert action is not None
    assert action.earliest == local("MA", 2026, 11, 25, 8, 0)


@pytest.mark.parametrize(
    ("blackouts", "error", "match"),
    [
        ("US-LA", TypeError, "blackouts"),
        ({"us-la": {date(2026, 1, 1)}}, ValueError, "not a jurisdiction"),
        ({"US-LA": date(2026, 1, 1)}, TypeError, r"blackouts\['US-LA'\]"),
        ({"US-LA": {datetime(2026, 1, 1)}}, TypeError, "expected a date"),
    ],
)
def test_bad_blackouts_are_refused_naming_the_field(blackouts, error, match):
    """Blackouts must map a jurisdiction to dates; anything else names the field."""
    with pytest.raises(error, match=match):
        attrs.evolve(EAGER, blackouts=blackouts)


# --------------------------------------------------------------------------- describe


def test_describe_prints_what_each_rule_says_with_this_years_holidays():
    """describe(["us", "us-TX"]) gives the hours per day, registers and caps in words."""
    rows = compliance.describe(["us", "us-TX"], year=2026)
    says = {(row.pack, row.rule): row for row in rows}
    texas = says[("us-TX", "hours and days")]
    assert texas.says == "Mon–Sat 09:00–21:00; Sun 12:00–21:00"
    assert texas.texts
    assert not texas.verified
    assert says[("us", "hours and days")].says == "every day 08:00–21:00"
    la = compliance.describe(["us-LA"], year=2027)
    assert "30 Aug" in la[1].says
    assert "2027:" in la[1].says
    fr = compliance.describe(["fr"], year=2026)
    assert fr[0].says == "Mon–Fri 10:00–13:00, 14:00–20:00; Sat–Sun closed"
    assert "none within 60 days after a refusal" in fr[2].says


def test_describe_refuses_an_unknown_pack_or_year():
    """An unknown pack name or a year that is no year is a ValueError naming the field."""
    with pytest.raises(ValueError, match="'us-XX' is not a compliance pack"):
        compliance.describe(["us-XX"], year=2026)
    with pytest.raises(ValueError, match="year"):
        compliance.describe(["us"], year=0)
