"""orl.compliance: the packs' data, how they are chosen, and when they permit a call."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

import outreach_rules as orl
from outreach_rules import compliance
from outreach_rules.calendar import ALWAYS_OPEN, Hours, holiday_dates
from outreach_rules.compliance import (
    PACKS,
    Audience,
    CallingHours,
    CapScope,
    FrequencyCap,
    HolidayRule,
    Pack,
    Period,
    Registry,
    RegistryKind,
)
from outreach_rules.compliance.us_states import LOUISIANA_HOLIDAYS

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
SYDNEY = ZoneInfo("Australia/Sydney")
TORONTO = ZoneInfo("America/Toronto")
SECOND = timedelta(seconds=1)

FLORIDA = orl.Prospect(id="fl", timezone="America/New_York", country="US", region="FL")
LOUISIANA = orl.Prospect(id="la", timezone="America/Chicago", country="US", region="LA")
NEW_SOUTH_WALES = orl.Prospect(id="nsw", timezone="Australia/Sydney", country="AU", region="NSW")
ONTARIO = orl.Prospect(id="on", timezone="America/Toronto", country="CA", region="ON")
NEW_YORK_STATE = orl.Prospect(id="ny", timezone="America/New_York", country="US", region="NY")
GERMANY = orl.Prospect(id="de", timezone="Europe/Berlin", country="DE")
BRITAIN = orl.Prospect(id="gb", timezone="Europe/London", country="GB")
SWEDEN = orl.Prospect(id="se", timezone="Europe/Stockholm", country="SE")


def day_windows(prospect: orl.Prospect, day: date, channel: orl.Channel = orl.Channel.CALL):
    """Return the permitted windows of one local date as (start, end) wall-clock times."""
    tz = ZoneInfo(prospect.timezone)
    start = datetime.combine(day, time(0), tz)
    found = compliance.windows(prospect, start, start + timedelta(days=1), channel)
    return [(begin.time(), end.time()) for begin, end in found]


# --------------------------------------------------------------------------- done-when cases


def test_florida_permits_until_eight_pm_and_reopens_next_morning():
    """Florida: 19:59 local is permitted, 20:00 is not, and the next opening is 08:00 next day."""
    assert compliance.permitted(FLORIDA, datetime(2026, 3, 4, 19, 59, tzinfo=NEW_YORK))
    assert compliance.permitted(FLORIDA, datetime(2026, 3, 4, 20, 0, tzinfo=NEW_YORK) - SECOND)
    assert not compliance.permitted(FLORIDA, datetime(2026, 3, 4, 20, 0, tzinfo=NEW_YORK))
    later = compliance.next_permitted(FLORIDA, datetime(2026, 3, 4, 20, 0, tzinfo=NEW_YORK))
    assert later == datetime(2026, 3, 5, 8, 0, tzinfo=NEW_YORK)
    calendar = compliance.calendar_for(FLORIDA)
    assert calendar.next_open(datetime(2026, 3, 4, 20, tzinfo=NEW_YORK)) == later
    assert not compliance.permitted(FLORIDA, datetime(2026, 3, 5, 7, 59, tzinfo=NEW_YORK))


def test_florida_answers_in_the_prospects_zone_whatever_the_zone_asked_in():
    """An instant given in UTC is judged at the prospect's local time."""
    assert compliance.permitted(FLORIDA, datetime(2026, 3, 5, 0, 59, tzinfo=UTC))  # 19:59 EST
    assert not compliance.permitted(FLORIDA, datetime(2026, 3, 5, 1, 0, tzinfo=UTC))  # 20:00 EST


def test_louisiana_has_no_calls_on_sunday():
    """Louisiana: no window on a Sunday, 08:00–20:00 on the Saturday before and Monday after."""
    assert day_windows(LOUISIANA, date(2026, 3, 1)) == []
    assert day_windows(LOUISIANA, date(2026, 2, 28)) == [(time(8), time(20))]
    assert day_windows(LOUISIANA, date(2026, 3, 2)) == [(time(8), time(20))]
    assert not compliance.permitted(LOUISIANA, datetime(2026, 3, 1, 12, tzinfo=CHICAGO))


def test_louisiana_has_no_calls_on_the_battle_of_new_orleans_holiday():
    """Louisiana: 8 January, missing from the holidays package, is closed through the override."""
    assert date(2026, 1, 8) not in holiday_dates("US", "LA", 2026)
    assert date(2026, 1, 8) in LOUISIANA_HOLIDAYS
    assert day_windows(LOUISIANA, date(2026, 1, 8)) == []  # a Thursday
    assert day_windows(LOUISIANA, date(2027, 1, 8)) == []  # a Friday
    assert not compliance.permitted(LOUISIANA, datetime(2026, 1, 8, 12, tzinfo=CHICAGO))
    assert day_windows(LOUISIANA, date(2026, 1, 7)) == [(time(8), time(20))]
    assert day_windows(LOUISIANA, date(2026, 1, 9)) == [(time(8), time(20))]


def test_louisiana_keeps_the_packages_holidays_too():
    """Louisiana: Mardi Gras 2026 (in the package's list) is closed as well."""
    assert date(2026, 2, 17) in holiday_dates("US", "LA", 2026)
    assert day_windows(LOUISIANA, date(2026, 2, 17)) == []


def test_louisiana_rules_do_not_reach_other_states():
    """A Florida prospect may be called on 8 January and on a Sunday."""
    assert day_windows(FLORIDA, date(2026, 1, 8)) == [(time(8), time(20))]
    assert day_windows(FLORIDA, date(2026, 3, 1)) == [(time(8), time(20))]


def test_australia_has_no_calls_on_sunday():
    """Australia: nothing on a Sunday; 09:00–17:00 Saturday; 09:00–20:00 Monday."""
    assert day_windows(NEW_SOUTH_WALES, date(2026, 3, 15)) == []
    assert day_windows(NEW_SOUTH_WALES, date(2026, 3, 14)) == [(time(9), time(17))]
    assert day_windows(NEW_SOUTH_WALES, date(2026, 3, 16)) == [(time(9), time(20))]


def test_australia_has_no_calls_on_anzac_day():
    """Australia: ANZAC Day is closed on its date, a Saturday in 2026 and a Tuesday in 2028."""
    assert date(2026, 4, 25).weekday() == 5
    assert day_windows(NEW_SOUTH_WALES, date(2026, 4, 25)) == []
    assert not compliance.permitted(NEW_SOUTH_WALES, datetime(2026, 4, 25, 12, tzinfo=SYDNEY))
    assert day_windows(NEW_SOUTH_WALES, date(2028, 4, 25)) == []
    assert day_windows(NEW_SOUTH_WALES, date(2028, 4, 24)) == [(time(9), time(20))]


def test_australia_does_not_close_a_weekday_substitute_for_anzac_day():
    """Australia: Monday 27 April 2026 stays open, because the pack uses national holidays only.

    The pack closes the national public holidays of the holidays package on their own
    dates. That list has no weekday substitute for a Saturday ANZAC Day; New South Wales
    (the state list) does observe Monday 27 April 2026, but a state holiday is not a
    national one, so the pack permits 09:00–20:00 that Monday.
    """
    assert date(2026, 4, 27) not in holiday_dates("AU", None, 2026)
    assert date(2026, 4, 27) in holiday_dates("AU", "NSW", 2026)
    assert day_windows(NEW_SOUTH_WALES, date(2026, 4, 27)) == [(time(9), time(20))]


def test_australia_closes_national_holidays_but_not_state_ones():
    """Australia: Easter Monday (national) is closed; NSW Labour Day (state only) is open."""
    assert day_windows(NEW_SOUTH_WALES, date(2026, 4, 6)) == []
    assert day_windows(NEW_SOUTH_WALES, date(2026, 10, 5)) == [(time(9), time(20))]


def test_canada_weekend_starts_at_ten_and_weekdays_run_nine_to_half_past_nine():
    """Canada: not before 10:00 on a Saturday; 09:00 on a weekday is fine; not from 21:30."""
    saturday = date(2026, 3, 14)
    assert not compliance.permitted(ONTARIO, datetime.combine(saturday, time(9, 59), TORONTO))
    assert compliance.permitted(ONTARIO, datetime.combine(saturday, time(10), TORONTO))
    assert compliance.permitted(ONTARIO, datetime.combine(saturday, time(17, 59), TORONTO))
    assert not compliance.permitted(ONTARIO, datetime.combine(saturday, time(18), TORONTO))
    monday = date(2026, 3, 16)
    assert not compliance.permitted(ONTARIO, datetime.combine(monday, time(8, 59), TORONTO))
    assert compliance.permitted(ONTARIO, datetime.combine(monday, time(9), TORONTO))
    assert compliance.permitted(ONTARIO, datetime.combine(monday, time(21, 29, 59), TORONTO))
    assert not compliance.permitted(ONTARIO, datetime.combine(monday, time(21, 30), TORONTO))
    assert day_windows(ONTARIO, date(2026, 3, 15)) == [(time(10), time(18))]


# --------------------------------------------------------------------------- data: citations

# (citation, verified) of every rule, as ../shared/COMPLIANCE.md gives them.
EXPECTED_RULES = {
    "us": {
        ("47 CFR 64.1200(c)(1)", True),
        ("47 CFR 64.1200(c)(2)", True),
        ("47 CFR 64.1200(f)(5)", True),
        ("47 CFR 64.1200(d)(3)", True),
        ("47 CFR 64.1200(d)(6)", False),
        ("16 CFR 310.6(b)(7)", True),
    },
    "us-debt": {("12 CFR 1006.14(b)(2)", True), ("12 CFR 1006.6(b)(1)(i)", True)},
    "us-FL": {("Fla. Stat. 501.616(6)", True)},
    "us-OK": {("15 O.S. 775C.4", False)},
    "us-MD": {("Md. Code, Com. Law 14-4502", False)},
    "us-LA": {("La. R.S. 45:811", False), ("La. R.S. 45:811; La. R.S. 1:55", False)},
    "us-TX": {("Tex. Bus. & Com. Code 301.051", False)},
    "us-CT": {("C.G.S. 42-288a", True)},
    "us-UT": {
        ("Utah Code 13-25a-103", True),
        ("Utah Code 13-25a-103; Utah Code 63G-1-301", False),
    },
    "us-MA": {("201 CMR 12.02(2)", True)},
    "us-WA": {("RCW 80.36.390; RCW 19.158.040(2)", True)},
    "us-MS": {("Miss. Code 77-3-723", True)},
    "us-PA": {("73 P.S. 2245(a)(1)", True), ("73 P.S. 2245(a)(10); 44 P.S. 11", False)},
    "us-RI": {
        ("R.I. Gen. Laws 5-61-3.6", False),
        ("R.I. Gen. Laws 5-61-3.6; R.I. Gen. Laws 25-1-1", False),
    },
    "us-AL": {
        ("Ala. Admin. Code r. 770-X-5-.17(1)(b)", False),
        ("Ala. Admin. Code r. 770-X-5-.17(1)(b); Ala. Code 1-3-8", False),
    },
    "us-KY": {("KRS 367.46955(15)", False)},
    "us-MI": {("MCL 445.111b", False)},
    "us-MN": {("Minn. Stat. 325E.27", False)},
    "us-NM": {("NMSA 57-12-22", False)},
    "ca": {
        ("CRTC Unsolicited Telecommunications Rules, Part III", True),
        ("UTR Part II", True),
        ("UTR Part III; CRTC 2014-155", True),
        ("Telecommunications Act s. 41.7", False),
    },
    "ca-BC": {("BC Telemarketer Licensing Regulation", False)},
    "ca-email": {("CASL s. 6", True), ("CASL s. 11(3)", True)},
    "au": {
        ("Telemarketing and Research Calls Industry Standard 2017", True),
        ("Telemarketing and Research Calls Industry Standard 2017", False),
        ("Do Not Call Register Act 2006 s. 11", True),
    },
    "gb": {("PECR regs 21, 26", True)},
    "gb-email": {("PECR reg 22", True)},
    "se": {
        ("NIX-Telefon (industry register); Marketing Act (2008:486)", True),
        ("Marketing Act (2008:486); Distance Contracts Act (2005:59)", True),
    },
    "de": {("UWG §7(2) no. 1, §7a", True), ("UWG §7a", True)},
    "us-email": {("15 U.S.C. 7704(a)(4); 16 CFR 316.5", True)},
    "fr": {
        ("C. consom. D.223-9 (décret 2022-1313)", True),
        ("C. consom. L.223-1", True),
        ("loi 2025-594", True),
    },
    "nl": {("Telecommunicatiewet 11.7", True)},
    "es": {("Ley 11/2022 art. 66.1(b)", False)},
    "it": {("DPR 26/2022", True)},
    "be": {("CDE VI.110–VI.114", True)},
}


def test_every_pack_is_expected_and_every_expected_pack_exists():
    """The packs shipped are exactly those the facts sheet names."""
    assert set(PACKS) == set(EXPECTED_RULES)


@pytest.mark.parametrize("name", sorted(EXPECTED_RULES))
def test_each_pack_cites_its_sources_with_the_sheets_verified_flags(name):
    """Every rule cites its law, with verified set exactly as the facts sheet marks it."""
    pack = PACKS[name]
    assert {(rule.citation, rule.verified) for rule in pack.rules} == EXPECTED_RULES[name]
    assert set(pack.citations) == {citation for citation, _ in EXPECTED_RULES[name]}
    assert pack.verified == all(verified for _, verified in EXPECTED_RULES[name])
    assert all(rule.source.strip() for rule in pack.rules)


def test_pack_numbers_match_the_facts_sheet():
    """Caps, deadlines and exemption lengths carry the sheet's numbers."""
    fl_cap = PACKS["us-FL"].caps[0]
    assert (fl_cap.count, fl_cap.window, fl_cap.scope) == (3, timedelta(hours=24), "subject")
    debt_cap = PACKS["us-debt"].caps[0]
    assert (debt_cap.count, debt_cap.window) == (7, timedelta(days=7))
    assert debt_cap.after_conversation == timedelta(days=7)
    assert PACKS["us-debt"].opt_in
    assert [p.name for p in PACKS.values() if p.opt_in] == ["us-debt"]
    national = PACKS["us"].registries[0]
    assert national.prospect_flag == "on_national_dnc"
    assert national.applies_to is Audience.CONSUMER
    assert [str(e.lasts) for e in national.exemptions if e.lasts] == ["18 months", "3 months"]
    assert str(national.check_valid_for) == "31 days"
    assert str(PACKS["us"].registries[1].honoured_within) == "10 business days"
    dncl = PACKS["ca"].registries[0]
    assert str(dncl.takes_effect_after) == "31 days"
    assert [str(e.lasts) for e in dncl.exemptions] == ["18 months", "6 months"]
    assert str(PACKS["ca"].registries[1].honoured_within) == "14 days"
    assert str(PACKS["au"].registries[0].check_valid_for) == "30 days"
    assert str(PACKS["gb"].registries[0].takes_effect_after) == "28 days"
    assert PACKS["se"].registries[0].prospect_flag == "nix"
    assert PACKS["de"].registries[0].prospect_flag == "consent"
    assert PACKS["de"].registries[0].kind is RegistryKind.CONSENT
    assert str(PACKS["de"].requirements[0].period) == "5 years"
    assert str(PACKS["us-email"].registries[0].honoured_within) == "10 business days"
    assert str(PACKS["ca-email"].registries[1].honoured_within) == "10 business days"
    assert str(PACKS["ca"].requirements[0].period) == "3 years and 14 days"


def test_pack_hours_are_the_sheets_hours():
    """Each pack's call hours are the sheet's numbers, per weekday."""
    daily_8_21 = Hours.weekly(time(8), time(21), days=range(7))
    daily_8_20 = Hours.weekly(time(8), time(20), days=range(7))
    call = orl.Channel.CALL
    assert PACKS["us"].hours_for(call) == daily_8_21
    assert PACKS["us-debt"].hours_for(call) == daily_8_21
    for name in ("us-FL", "us-OK", "us-MD"):
        assert PACKS[name].hours_for(call) == daily_8_20
    assert PACKS["us-LA"].hours_for(call) == Hours.weekly(time(8), time(20), days=range(6))
    ca = PACKS["ca"].hours_for(call)
    assert ca is not None
    assert ca.windows == ((((time(9), time(21, 30)),),) * 5 + (((time(10), time(18)),),) * 2)
    au = PACKS["au"].hours_for(call)
    assert au is not None
    assert au.windows == ((((time(9), time(20)),),) * 5 + (((time(9), time(17)),),) + ((),))
    for name in ("gb", "se", "de", "us-email", "ca-email", "gb-email", "nl", "es", "it", "be"):
        assert PACKS[name].hours_for(call) is None
        assert PACKS[name].hours_for(orl.Channel.EMAIL) is None


# --------------------------------------------------------------------------- packs_for


def names(packs: tuple[Pack, ...]) -> list[str]:
    """Return the names of packs, in order."""
    return [pack.name for pack in packs]


def test_packs_for_gives_federal_state_and_email_packs():
    """A Florida prospect gets the federal, the Florida and the US e-mail packs."""
    assert names(compliance.packs_for(FLORIDA)) == ["us", "us-FL", "us-email"]
    assert names(compliance.packs_for(LOUISIANA)) == ["us", "us-LA", "us-email"]
    assert names(compliance.packs_for(NEW_YORK_STATE)) == ["us", "us-email"]
    assert names(compliance.packs_for(ONTARIO)) == ["ca", "ca-email"]
    assert names(compliance.packs_for(NEW_SOUTH_WALES)) == ["au"]
    assert names(compliance.packs_for(BRITAIN)) == ["gb", "gb-email"]


def test_opt_in_pack_only_when_included():
    """us-debt applies only when named in include, and is ignored for other countries."""
    assert "us-debt" not in names(compliance.packs_for(FLORIDA))
    assert names(compliance.packs_for(FLORIDA, include=("us-debt",))) == [
        "us",
        "us-FL",
        "us-debt",
        "us-email",
    ]
    assert "us-debt" in names(compliance.packs_for(FLORIDA, include="us-debt"))
    assert names(compliance.packs_for(ONTARIO, include=["us-debt"])) == ["ca", "ca-email"]


def test_unknown_country_or_no_country_gets_no_packs():
    """A country without packs, or no country, gives an empty tuple and no restriction."""
    portugal = orl.Prospect(id="pt", timezone="Europe/Lisbon", country="PT")
    nowhere = orl.Prospect(id="x", timezone="Europe/Lisbon")
    assert compliance.packs_for(portugal) == ()
    assert compliance.packs_for(nowhere) == ()
    start = datetime(2026, 3, 1, 3, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert compliance.permitted(portugal, start)
    assert compliance.windows(portugal, start, start + timedelta(days=3)) == [
        (start, start + timedelta(days=3))
    ]


def test_unknown_pack_name_in_include_is_refused():
    """include names that are no pack raise ValueError listing the valid names."""
    with pytest.raises(ValueError, match="include: 'us-dept' is not a compliance pack"):
        compliance.packs_for(FLORIDA, include=("us-dept",))


def test_pack_table_is_read_only():
    """The registry of packs cannot be changed by users."""
    with pytest.raises(TypeError):
        PACKS["xx"] = PACKS["us"]  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PACKS["us"].name = "other"  # type: ignore[misc]


# --------------------------------------------------------------------------- stricter wins


def test_stricter_hours_win_florida_inside_federal():
    """Florida 08–20 ∩ federal 08–21 gives 08–20 every day."""
    calendar = compliance.calendar_for(FLORIDA)
    assert calendar.hours == Hours.weekly(time(8), time(20), days=range(7))
    assert day_windows(FLORIDA, date(2026, 3, 4)) == [(time(8), time(20))]
    assert day_windows(NEW_YORK_STATE, date(2026, 3, 4)) == [(time(8), time(21))]
    assert compliance.permitted(NEW_YORK_STATE, datetime(2026, 3, 4, 20, 30, tzinfo=NEW_YORK))
    assert not compliance.permitted(FLORIDA, datetime(2026, 3, 4, 20, 30, tzinfo=NEW_YORK))


def test_debt_pack_adds_caps_but_florida_hours_still_win():
    """Including us-debt keeps Florida's 08–20 and adds the 7-in-7-days cap."""
    assert compliance.calendar_for(FLORIDA, include=("us-debt",)).hours == Hours.weekly(
        time(8), time(20), days=range(7)
    )
    caps = compliance.caps_for(FLORIDA, orl.Channel.CALL, include=("us-debt",))
    assert [(cap.count, cap.window) for cap in caps] == [
        (3, timedelta(hours=24)),
        (7, timedelta(days=7)),
    ]
    assert compliance.caps_for(FLORIDA) == PACKS["us-FL"].caps
    assert compliance.caps_for(FLORIDA, orl.Channel.EMAIL) == ()


def test_email_is_not_restricted_by_calling_hours():
    """E-mail to a Louisiana prospect is permitted at 03:00 on a Sunday holiday week."""
    sunday_night = datetime(2026, 3, 1, 3, tzinfo=CHICAGO)
    assert compliance.permitted(LOUISIANA, sunday_night, orl.Channel.EMAIL)
    assert not compliance.permitted(LOUISIANA, sunday_night, orl.Channel.CALL)
    end = sunday_night + timedelta(days=9)
    assert compliance.windows(LOUISIANA, sunday_night, end, "email") == [(sunday_night, end)]
    assert compliance.calendar_for(LOUISIANA, orl.Channel.EMAIL).hours == ALWAYS_OPEN


def test_voicemail_follows_the_call_hours():
    """A voicemail is a phone contact: Florida's hours apply to it too."""
    assert not compliance.permitted(
        FLORIDA, datetime(2026, 3, 4, 20, 30, tzinfo=NEW_YORK), orl.Channel.VOICEMAIL
    )


def test_windows_are_aware_in_the_prospects_zone_and_clipped():
    """windows() clips to [start, end), answers in the prospect's zone, is empty if end <= start."""
    start = datetime(2026, 3, 4, 15, tzinfo=UTC)  # 10:00 EST
    end = datetime(2026, 3, 5, 14, tzinfo=UTC)  # 09:00 EST next day
    found = compliance.windows(FLORIDA, start, end)
    assert found == [
        (datetime(2026, 3, 4, 10, tzinfo=NEW_YORK), datetime(2026, 3, 4, 20, tzinfo=NEW_YORK)),
        (datetime(2026, 3, 5, 8, tzinfo=NEW_YORK), datetime(2026, 3, 5, 9, tzinfo=NEW_YORK)),
    ]
    assert all(b.tzinfo is NEW_YORK and e.tzinfo is NEW_YORK for b, e in found)
    assert compliance.windows(FLORIDA, end, start) == []


def test_calendars_are_cached_per_place_not_per_prospect():
    """Two prospects in the same zone and region share one cached calendar."""
    other = attrs.evolve(FLORIDA, id="fl-2", name="Someone Else")
    assert compliance.calendar_for(other) is compliance.calendar_for(FLORIDA)
    assert compliance.calendar_for(other, include=["us-debt"]) is compliance.calendar_for(
        FLORIDA, include=("us-debt",)
    )


def test_calendar_from_refuses_two_holiday_calendars():
    """Holiday rules from two regions cannot be folded into one Calendar: ValueError."""
    texas = HolidayRule(country="US", region="TX", citation="x", source="y", verified=False)
    louisiana = attrs.evolve(texas, region="LA")
    one = attrs.evolve(PACKS["us-LA"], name="us-LA", holidays=(louisiana,))
    other = attrs.evolve(PACKS["us-LA"], name="us-TX", region="TX", holidays=(texas,))
    with pytest.raises(ValueError, match="different holiday calendars"):
        compliance.calendar_from((one, other), timezone="America/Chicago")


def test_calendar_from_keeps_a_date_off_only_when_every_rule_agrees():
    """not_holidays of one rule is ignored when another rule still lists the date."""
    mardi_gras = date(2026, 2, 17)
    package_list = HolidayRule(
        country="US", region="LA", citation="test", source="test", verified=False
    )
    la = Pack(name="us-LA-package", country="US", region="LA", title="t", holidays=(package_list,))
    lenient = attrs.evolve(
        la,
        name="us-LA-lenient",
        holidays=(attrs.evolve(package_list, not_holidays={mardi_gras}),),
    )
    assert (
        compliance.calendar_from((lenient,), timezone="America/Chicago").is_holiday(mardi_gras)
        is False
    )
    both = compliance.calendar_from((la, lenient), timezone="America/Chicago")
    assert both.is_holiday(mardi_gras)


# --------------------------------------------------------------------------- consumer or business


def test_business_recipient_drops_consumer_only_registries():
    """consumer=False drops the US national registry; None and True keep it."""

    def registry_names(consumer):
        return [
            r.name for p in compliance.packs_for(FLORIDA, consumer=consumer) for r in p.registries
        ]

    assert "US National Do Not Call Registry" in registry_names(None)
    assert "US National Do Not Call Registry" in registry_names(True)
    assert "US National Do Not Call Registry" not in registry_names(False)
    assert "Company-specific do-not-call list" in registry_names(False)
    assert compliance.packs_for(FLORIDA)[0] is PACKS["us"]
    assert compliance.packs_for(FLORIDA, consumer=False)[0] != PACKS["us"]


def test_unknown_recipient_gets_the_consumer_rules():
    """consumer=None in Germany needs express consent, as for a consumer."""
    unknown = compliance.packs_for(GERMANY)
    consumer = compliance.packs_for(GERMANY, consumer=True)
    business = compliance.packs_for(GERMANY, consumer=False)
    assert unknown == consumer
    assert [r.prospect_flag for r in unknown[0].registries] == ["consent"]
    assert [r.prospect_flag for r in business[0].registries] == ["presumed_consent"]


def test_consumer_must_be_a_bool_or_none():
    """consumer=1 is refused with a TypeError naming the field."""
    with pytest.raises(TypeError, match="consumer"):
        compliance.packs_for(FLORIDA, consumer=1)  # type: ignore[arg-type]


def test_barred_by_reads_the_callers_flags():
    """Registries bar by flag: on the DNC list, no consent in Germany, TPS, e-mail opt-out."""
    assert [r.prospect_flag for r in compliance.barred_by(FLORIDA, flags={"on_national_dnc"})] == [
        "on_national_dnc"
    ]
    assert compliance.barred_by(FLORIDA, flags={"on_national_dnc"}, consumer=False) == ()
    assert compliance.barred_by(FLORIDA, flags=()) == ()
    assert [r.prospect_flag for r in compliance.barred_by(GERMANY, flags=())] == ["consent"]
    assert compliance.barred_by(GERMANY, flags={"consent"}) == ()
    assert [r.prospect_flag for r in compliance.barred_by(BRITAIN, flags={"tps"})] == ["tps"]
    no_consent = compliance.barred_by(BRITAIN, flags={"tps"}, channel=orl.Channel.EMAIL)
    assert [r.prospect_flag for r in no_consent] == ["email_consent"]
    assert compliance.barred_by(BRITAIN, flags={"email_consent"}, channel="email") == ()
    assert [r.prospect_flag for r in compliance.barred_by(SWEDEN, flags={"nix"})] == ["nix"]
    assert compliance.barred_by(SWEDEN, flags={"nix"}, consumer=False) == ()
    us_email = compliance.barred_by(FLORIDA, flags={"email_opt_out"}, channel="email")
    assert [r.name for r in us_email] == ["Sender's e-mail opt-out list (CAN-SPAM)"]
    with pytest.raises(TypeError, match="flags"):
        compliance.barred_by(FLORIDA, flags="tps")


# --------------------------------------------------------------------------- validation


def test_naive_datetimes_are_refused():
    """A naive datetime raises TypeError naming the argument."""
    with pytest.raises(TypeError, match="at"):
        compliance.permitted(FLORIDA, datetime(2026, 3, 4, 12))
    with pytest.raises(TypeError, match="start"):
        compliance.windows(FLORIDA, datetime(2026, 3, 4), datetime(2026, 3, 5, tzinfo=UTC))


def test_unknown_channel_and_non_prospect_are_refused():
    """A channel name that does not exist is a ValueError; a non-prospect a TypeError."""
    with pytest.raises(ValueError, match="channel"):
        compliance.permitted(FLORIDA, datetime(2026, 3, 4, tzinfo=UTC), "fax")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="prospect"):
        compliance.packs_for("FL")  # type: ignore[arg-type]


def test_rule_records_validate_their_fields():
    """Rule records refuse bad counts, durations, names, channels and hours."""
    common = {"citation": "c", "source": "s", "verified": True}
    with pytest.raises(ValueError, match="count"):
        FrequencyCap(count=0, window=timedelta(days=1), scope="prospect", **common)
    with pytest.raises(ValueError, match="window"):
        FrequencyCap(count=1, window=timedelta(0), scope="prospect", **common)
    with pytest.raises(ValueError, match="scope"):
        FrequencyCap(count=1, window=timedelta(days=1), scope="debt", **common)
    with pytest.raises(TypeError, match="hours"):
        CallingHours(hours="08-20", **common)
    with pytest.raises(ValueError, match="channels"):
        CallingHours(hours=ALWAYS_OPEN, channels=(), **common)
    with pytest.raises(ValueError, match="channels"):
        CallingHours(hours=ALWAYS_OPEN, channels=("fax",), **common)
    with pytest.raises(TypeError, match="verified"):
        CallingHours(hours=ALWAYS_OPEN, citation="c", source="s", verified="yes")
    with pytest.raises(ValueError, match="citation"):
        CallingHours(hours=ALWAYS_OPEN, citation=" ", source="s", verified=True)
    with pytest.raises(ValueError, match="name"):
        Pack(name="US federal", country="US", title="t")
    with pytest.raises(ValueError, match="country"):
        Pack(name="us", country="usa", title="t")
    with pytest.raises(TypeError, match="hours"):
        Pack(name="us", country="US", title="t", hours=(PACKS["us"].registries[0],))
    with pytest.raises(ValueError, match="not_holidays"):
        HolidayRule(
            country="US", extra={date(2026, 1, 8)}, not_holidays={date(2026, 1, 8)}, **common
        )
    with pytest.raises(ValueError, match="amount"):
        Period(amount=0)


def test_rule_records_are_hashable_values():
    """Packs and rules are frozen, equal by value and hashable."""
    rule = FrequencyCap(
        count=3,
        window=timedelta(hours=24),
        scope=CapScope.SUBJECT,
        citation="c",
        source="s",
        verified=True,
        channels=["call"],
    )
    same = FrequencyCap(
        count=3,
        window=timedelta(hours=24),
        scope="subject",
        citation="c",
        source="s",
        verified=True,
        channels={orl.Channel.CALL},
    )
    assert rule == same
    assert hash(rule) == hash(same)
    assert len({pack: pack.name for pack in PACKS.values()}) == len(PACKS)
    registry = Registry(name="n", prospect_flag="f", citation="c", source="s", verified=True)
    assert registry.bars(frozenset({"f"}))
    assert not registry.bars(frozenset())
