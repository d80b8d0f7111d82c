"""The engine keeps every call inside the law of the prospect's jurisdiction."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.calendar import END_OF_DAY, Hours
from outreach_rules.policies.follow_up import FollowUp

# Business hours around the clock, and follow-ups at once: only the law holds calls back.
AROUND_THE_CLOCK = Hours.weekly(time(0), END_OF_DAY, days=range(7))
EAGER = orl.playbooks.cold_calling(
    hours=AROUND_THE_CLOCK, follow_up=FollowUp(delays=(0,), then_every=0)
)


def person(tz: str, country: str, region: str | None, number: str = "+13055550100"):
    return orl.Prospect(id="p", timezone=tz, phones=(number,), country=country, region=region)


def no_answer(at: datetime, to: str = "+13055550100") -> orl.Attempt:
    return orl.Attempt(at=at, channel="call", outcome="no_answer", to=to)


def test_florida_no_call_after_eight_in_the_evening():
    """Florida at 20:00 local: the next call is the next day at 08:00, citing the statute."""
    tz = ZoneInfo("America/New_York")
    fl = person("America/New_York", "US", "FL")
    at_1959 = orl.plan(fl, [], now=datetime(2026, 11, 23, 19, 59, tzinfo=tz), playbook=EAGER).next
    assert at_1959.earliest == datetime(2026, 11, 23, 19, 59, tzinfo=tz)
    assert at_1959.latest == datetime(2026, 11, 23, 20, 0, tzinfo=tz)
    later = orl.plan(fl, [], now=datetime(2026, 11, 23, 20, 0, tzinfo=tz), playbook=EAGER).next
    assert later.earliest == datetime(2026, 11, 24, 8, 0, tzinfo=tz)
    assert any("Fla. Stat. 501.616(6)" in reason for reason in later.reasons)


def test_florida_fourth_call_in_24_hours_is_moved_not_made():
    """Three calls in 24 hours in Florida: the fourth waits until the first leaves the window."""
    tz = ZoneInfo("America/New_York")
    fl = person("America/New_York", "US", "FL")
    first = datetime(2026, 11, 23, 9, 0, tzinfo=tz)
    history = [
        no_answer(first),
        no_answer(first + timedelta(hours=2)),
        no_answer(first + timedelta(hours=4)),
    ]
    action = orl.plan(fl, history, now=first + timedelta(hours=5), playbook=EAGER).next
    assert action.earliest == first + timedelta(hours=24)
    assert "frequency_caps" in action.moved_by
    assert any("at most 3" in r and "501.616(6)" in r for r in action.reasons)


def test_louisiana_no_call_on_sunday():
    """Louisiana: a call due on Sunday moves to Monday 08:00."""
    tz = ZoneInfo("America/Chicago")
    la = person("America/Chicago", "US", "LA", "+15045550100")
    action = orl.plan(la, [], now=datetime(2026, 11, 22, 11, tzinfo=tz), playbook=EAGER).next
    assert action.earliest == datetime(2026, 11, 23, 8, 0, tzinfo=tz)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 22, 11), datetime(2026, 11, 23, 9)),  # a Sunday
        (datetime(2028, 4, 25, 11), datetime(2028, 4, 26, 9)),  # ANZAC Day, a Tuesday
    ],
)
def test_australia_no_call_on_sunday_or_anzac_day(now, expected):
    """Australia: nothing on a Sunday or on ANZAC Day; the call moves to the next opening."""
    tz = ZoneInfo("Australia/Sydney")
    au = person("Australia/Sydney", "AU", "NSW", "+61291234567")
    action = orl.plan(au, [], now=now.replace(tzinfo=tz), playbook=EAGER).next
    assert action.earliest == expected.replace(tzinfo=tz)


def test_canada_not_before_ten_on_saturday():
    """Canada: 09:00 on a Saturday is too early; the call moves to 10:00."""
    tz = ZoneInfo("America/Toronto")
    on = person("America/Toronto", "CA", "ON", "+14165550100")
    action = orl.plan(on, [], now=datetime(2026, 11, 21, 9, tzinfo=tz), playbook=EAGER).next
    assert action.earliest == datetime(2026, 11, 21, 10, tzinfo=tz)


@given(st.data())
def test_every_call_is_permitted_by_the_packs(data):
    """Over generated prospects, histories, playbooks and moments, every call and text is lawful.

    In the prospect's zone and in every zone its number may ring in, for the
    prospect's kind (consumer, business, unknown).
    """
    prospect = data.draw(ors.prospects())
    history = data.draw(ors.histories(prospect))
    now = data.draw(ors.moments() | ors.moments(zones=(prospect.timezone,)))
    book = data.draw(st.sampled_from([EAGER]) | ors.playbooks())
    result = orl.plan(prospect, history, now=now, playbook=book)
    zones = (prospect.timezone, *prospect.possible_timezones)
    kind = prospect.consumer
    for action in result.actions:
        if action.channel in TIMED:
            for name in zones:
                there = attrs.evolve(prospect, timezone=name, possible_timezones=())
                assert orl.compliance.permitted(
                    there, action.earliest, action.channel, consumer=kind
                ), (name, action)


# The channels the law times wherever a pack applies: calls, voicemail drops and texts.
TIMED = orl.channels.PHONE_CHANNELS | orl.compliance.rules.TEXTS

NY = ZoneInfo("America/New_York")
MONDAY = datetime(2026, 11, 23, 10, tzinfo=NY)


def us(**extra):
    return orl.Prospect(
        id="u",
        name="U",
        timezone="America/New_York",
        phones=("+12125550100",),
        country="US",
        region="NY",
        **extra,
    )


def test_national_do_not_call_registry_vetoes_with_citation():
    """A consumer on the US National DNC Registry gets no call; the veto cites the rule."""
    result = orl.plan(us(flags={"on_national_dnc"}), [], now=MONDAY)
    assert result.actions == ()
    assert result.vetoed[0].vetoed_by == "registries"
    assert "47 CFR 64.1200(c)(2)" in result.vetoed[0].reasons[-1]


def test_established_business_relationship_exempts():
    """A purchase within 18 months lets the call through, and the reason says why."""
    from datetime import date

    recent = orl.plan(us(flags={"on_national_dnc"}, last_purchase=date(2025, 9, 1)), [], now=MONDAY)
    assert recent.next is not None
    assert any("exempt" in r and "18 months" in r for r in recent.next.reasons)
    old = orl.plan(us(flags={"on_national_dnc"}, last_purchase=date(2025, 3, 1)), [], now=MONDAY)
    assert old.actions == ()


def test_business_contacts_are_not_covered_by_the_consumer_registry():
    """A business contact flagged on the consumer registry may still be called."""
    assert orl.plan(us(flags={"on_national_dnc"}, consumer=False), [], now=MONDAY).next is not None


def test_nix_in_sweden_and_consent_in_germany():
    """NIX-Telefon bars a flagged Swede; a German consumer needs consent on record."""
    se = orl.Prospect(
        id="s", timezone="Europe/Stockholm", phones=("+46701234567",), country="SE", flags={"nix"}
    )
    now = datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert orl.plan(se, [], now=now).actions == ()
    de = orl.Prospect(
        id="d", timezone="Europe/Berlin", phones=("+4930123456",), country="DE", consumer=True
    )
    assert orl.plan(de, [], now=now).actions == ()
    agreed = orl.Prospect(
        id="d",
        timezone="Europe/Berlin",
        phones=("+4930123456",),
        country="DE",
        consumer=True,
        flags={"consent"},
    )
    assert orl.plan(agreed, [], now=now).next is not None


def test_a_number_spanning_two_zones_gets_the_most_restrictive_window():
    """A Western/South Australian number: calls only when lawful in Adelaide and in Perth."""
    p = orl.Prospect.from_phone(id="wa", phone="+61891234567", country="AU")
    assert (p.timezone, p.possible_timezones) == ("Australia/Adelaide", ("Australia/Perth",))
    adelaide = ZoneInfo("Australia/Adelaide")
    action = orl.plan(p, [], now=datetime(2026, 11, 23, 9, tzinfo=adelaide), playbook=EAGER).next
    # 09:00 in Perth is 11:30 in Adelaide (summer time there, none in Perth).
    assert action.earliest == datetime(2026, 11, 23, 11, 30, tzinfo=adelaide)
    assert any("Australia/Perth" in r and "most restrictive" in r for r in action.reasons)


def test_a_number_without_a_zone_is_refused_clearly():
    """A number with no known zone: from_phone says so and asks for the timezone."""
    with pytest.raises(ValueError, match="no time zone is known for '\\+15551234567'"):
        orl.Prospect.from_phone(id="x", phone="+15551234567")


@pytest.mark.parametrize(
    ("number", "what"),
    [
        ("+18005551234", "a toll-free number"),
        ("+1 888 555 0100", "a toll-free number"),
        ("+448001234567", "a toll-free number"),
        ("+19005550100", "a premium-rate number"),
        ("+15005550100", "a personal \\(follow-me\\) number"),
    ],
)
def test_a_non_geographic_number_is_refused_naming_it(number, what):
    """A toll-free, premium or personal number rings in no one zone: from_phone refuses it."""
    pytest.importorskip("phonenumbers")
    normal = "+" + "".join(c for c in number if c.isdigit())
    with pytest.raises(ValueError, match=rf"^number: '\{normal}' is {what}, which rings in no"):
        orl.Prospect.from_phone(id="x", phone=number)


def test_debt_collection_pack_is_opt_in_and_keeps_a_week_after_a_conversation():
    """With the opt-in us-debt pack, no call within 7 days after a conversation."""
    talk = orl.Attempt(
        at=MONDAY - timedelta(days=2), channel="call", outcome="connected", to="+12125550100"
    )
    soon = FollowUp(delays=(0,), after_conversation=0)
    plain = orl.playbooks.cold_calling(hours=AROUND_THE_CLOCK, follow_up=soon)
    assert orl.plan(us(), [talk], now=MONDAY, playbook=plain).next.earliest == MONDAY
    debt = orl.playbooks.cold_calling(
        hours=AROUND_THE_CLOCK, follow_up=soon, compliance=("us-debt",)
    )
    action = orl.plan(us(), [talk], now=MONDAY, playbook=debt).next
    assert action.earliest >= talk.at + timedelta(days=7)
    assert any("12 CFR 1006.14(b)(2)" in r for r in action.reasons)
    with pytest.raises(ValueError, match="'us-dept' is not a compliance pack"):
        orl.playbooks.cold_calling(compliance=("us-dept",))


@given(st.data())
def test_no_cap_is_exceeded(data):
    """In capped states, history calls plus planned calls never exceed a cap in any window."""
    region = data.draw(st.sampled_from(["FL", "OK", "MD"]))
    tz = "America/Chicago" if region == "OK" else "America/New_York"
    p = orl.Prospect(id="c", timezone=tz, phones=("+13055550100",), country="US", region=region)
    now = data.draw(ors.moments(zones=(tz,)))
    gaps = data.draw(st.lists(st.integers(1, 600), min_size=0, max_size=6))
    history = []
    at = now
    for gap in gaps:
        at -= timedelta(minutes=gap)
        history.append(no_answer(at))
    result = orl.plan(p, history, now=now, playbook=EAGER)
    caps = orl.compliance.caps_for(p)
    calls = [a.at for a in history] + [a.earliest for a in result.actions if a.channel == "call"]
    for action in result.actions:
        for cap in caps:
            window = [t for t in calls if action.earliest - cap.window < t <= action.earliest]
            # Counting what came before it, a planned call never makes the window exceed the cap.
            before = [t for t in window if t != action.earliest]
            assert len(before) < cap.count, (action, window)


def test_information_they_asked_for_reaches_a_uk_prospect_without_email_consent():
    """Interest, no email_consent: the e-mail goes as requested, citing the exemption."""
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    ken = orl.Prospect(
        id="ken",
        name="Ken Thompson",
        timezone="Europe/London",
        phones=("+442079460091",),
        emails=("ken@example.co.uk",),
        country="GB",
    )
    at = datetime(2026, 11, 24, 10, tzinfo=london)
    interested = [orl.Attempt(at=at, channel="call", outcome="interested", to="+442079460091")]
    result = orl.plan(ken, interested, now=at + timedelta(minutes=5))
    assert [(a.channel, a.purpose) for a in result.actions] == [
        ("email", "send_info"),
        ("call", "follow_up"),
    ]
    assert "exempt: requested by the recipient (PECR reg 22)" in result.actions[0].reasons[-1]
    refused = [orl.Attempt(at=at, channel="call", outcome="hung_up", to="+442079460091")]
    result = orl.plan(ken, refused, now=at + timedelta(minutes=5))
    assert [(a.channel, a.policy) for a in result.actions] == [("call", "brush_off")]
    assert result.vetoed == ()
    assert "needs their consent here" in result.actions[0].reasons[1]
