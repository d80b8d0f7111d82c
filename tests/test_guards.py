"""The built-in guards one by one: what each lets through, moves or refuses, and the words it uses.

Policies rarely propose what a guard must refuse, so these tests hand each
guard an action directly, in a concrete situation, and pin its answer.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

import outreach_rules as orl
from outreach_rules.calendar import Hours
from outreach_rules.guards import Veto
from outreach_rules.guards.business_hours import BusinessHours
from outreach_rules.guards.contact_points import contact_points
from outreach_rules.guards.frequency_caps import frequency_caps
from outreach_rules.guards.hold import OutOfOfficeHold
from outreach_rules.guards.lawful_hours import lawful_hours
from outreach_rules.guards.promised_day import promised_day
from outreach_rules.guards.registries import registries
from outreach_rules.situation import Situation

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=NY)
NUMBER = "+12125550100"
OTHER = "+12125550111"
DNC = "US National Do Not Call Registry (47 CFR 64.1200(c)(2))"


def prospect(**extra: object) -> orl.Prospect:
    fields: dict[str, object] = {
        "id": "p",
        "timezone": "America/New_York",
        "country": "US",
        "region": "NY",
        "phones": (NUMBER, OTHER),
        "emails": ("ada@example.com",),
    }
    fields.update(extra)
    return orl.Prospect(**fields)


def situation(who: orl.Prospect, history=(), now: datetime = NOW) -> Situation:
    return Situation(who, history, now=now, playbook=orl.playbooks.cold_calling())


def action(
    channel: str = "call",
    to: str | None = NUMBER,
    at: datetime = NOW,
    purpose: str = "follow_up",
    refers_to=(),
    latest: datetime | None = None,
    policy: str = "test",
) -> orl.Action:
    return orl.Action(
        channel=channel,
        purpose=purpose,
        earliest=at,
        latest=at + timedelta(hours=1) if latest is None else latest,
        reasons=("proposed",),
        policy=policy,
        to=to,
        refers_to=refers_to,
    )


# -- contact points -----------------------------------------------------------------------


def test_an_action_without_a_contact_point_is_refused_naming_what_it_needs():
    """A call with no number and an e-mail with no address are refused, saying what is missing."""
    seen = situation(prospect())
    assert contact_points(action(to=None), situation=seen, planned=()) == Veto(
        reason="no phone to use for this call"
    )
    assert contact_points(action("email", to=None), situation=seen, planned=()) == Veto(
        reason="no email to use for this email"
    )


def test_a_retired_number_is_refused_with_the_day_and_the_outcome_that_retired_it():
    """A number found wrong is never dialled again; the veto says when and why."""
    wrong = orl.Attempt(
        at=datetime(2026, 11, 20, 15, tzinfo=NY), channel="call", outcome="wrong_number", to=OTHER
    )
    seen = situation(prospect(), [wrong])
    assert contact_points(action(to=OTHER), situation=seen, planned=()) == Veto(
        reason=f"{OTHER} was retired on Fri 20 Nov 2026 (wrong_number)"
    )
    kept = action(to=NUMBER)
    assert contact_points(kept, situation=seen, planned=()) is kept


# -- registries -----------------------------------------------------------------------------


def test_a_prospect_on_the_do_not_call_register_is_not_called():
    """A flagged prospect with no exemption is refused with the register and its citation."""
    seen = situation(prospect(flags=frozenset({"on_national_dnc"})))
    assert registries(action(), situation=seen, planned=()) == Veto(
        reason=f"{DNC}: the prospect is on it"
    )


@pytest.mark.parametrize(
    ("dates", "exemption"),
    [
        ({"last_purchase": date(2025, 8, 1)}, "established business relationship (purchase)"),
        ({"last_inquiry": date(2026, 9, 1)}, "established business relationship (inquiry)"),
    ],
    ids=["purchase-within-18-months", "inquiry-within-3-months"],
)
def test_an_established_business_relationship_exempts_and_says_so(dates, exemption):
    """A recent purchase or inquiry lets the call through, with the exemption in its reasons."""
    seen = situation(prospect(flags=frozenset({"on_national_dnc"}), **dates))
    result = registries(action(), situation=seen, planned=())
    assert isinstance(result, orl.Action)
    months = 18 if "purchase" in exemption else 3
    assert result.reasons == (
        "proposed",
        f"registries: on the US National Do Not Call Registry, but exempt: {exemption}, "
        f"{months} months (47 CFR 64.1200(f)(5))",
    )
    # Asked again (the guards run in a cycle), it adds nothing more.
    assert registries(result, situation=seen, planned=()) is result


@pytest.mark.parametrize(
    "dates",
    [
        {"last_purchase": date(2025, 5, 22)},
        {"last_inquiry": date(2026, 8, 22)},
        {"last_purchase": date(2026, 12, 1)},
    ],
    ids=["purchase-too-old", "inquiry-too-old", "purchase-in-the-future"],
)
def test_an_expired_or_future_relationship_exempts_nothing(dates):
    """Past its period, or dated after today, a relationship does not exempt the call."""
    seen = situation(prospect(flags=frozenset({"on_national_dnc"}), **dates))
    assert registries(action(), situation=seen, planned=()) == Veto(
        reason=f"{DNC}: the prospect is on it"
    )


def test_a_consent_register_refuses_without_the_flag_and_names_it():
    """Marketing e-mail in the UK needs consent on record; the veto names the missing flag."""
    briton = prospect(timezone="Europe/London", country="GB", region=None)
    at = datetime(2026, 11, 23, 10, tzinfo=LONDON)
    seen = situation(briton, now=at)
    assert registries(action("email", "ada@example.com", at), situation=seen, planned=()) == Veto(
        reason="Consent to marketing e-mail (PECR reg 22): no 'email_consent' flag on record"
    )
    consenting = situation(attrs.evolve(briton, flags=frozenset({"email_consent"})), now=at)
    allowed = action("email", "ada@example.com", at)
    assert registries(allowed, situation=consenting, planned=()) is allowed


@pytest.mark.parametrize(
    "asked",
    [
        orl.Attempt(
            at=datetime(2026, 11, 23, 9, tzinfo=LONDON),
            channel="call",
            outcome="interested",
            to=NUMBER,
        ),
        orl.Event(at=datetime(2026, 11, 23, 9, tzinfo=LONDON), kind="interest"),
    ],
    ids=["interested-on-a-call", "interest-event"],
)
def test_information_they_asked_for_is_not_unsolicited(asked):
    """The information e-mail answering their interest passes the consent rule, citing why."""
    briton = prospect(timezone="Europe/London", country="GB", region=None)
    at = datetime(2026, 11, 23, 10, tzinfo=LONDON)
    seen = situation(briton, [asked], now=at)
    info = action("email", "ada@example.com", at, purpose="send_info", refers_to=(asked,))
    result = registries(info, situation=seen, planned=())
    assert isinstance(result, orl.Action)
    assert result.reasons[-1] == (
        "registries: Consent to marketing e-mail, but exempt: requested by the recipient "
        "(PECR reg 22)"
    )


@pytest.mark.parametrize(
    ("purpose", "outcome"),
    [("send_info", "no_answer"), ("follow_up", "interested")],
    ids=["info-answering-nothing", "not-the-information"],
)
def test_only_the_information_answering_a_request_is_exempt(purpose, outcome):
    """An e-mail that answers no request, or is not the information, still needs consent."""
    briton = prospect(timezone="Europe/London", country="GB", region=None)
    at = datetime(2026, 11, 23, 10, tzinfo=LONDON)
    before = orl.Attempt(
        at=datetime(2026, 11, 23, 9, tzinfo=LONDON), channel="call", outcome=outcome, to=NUMBER
    )
    seen = situation(briton, [before], now=at)
    mail = action("email", "ada@example.com", at, purpose=purpose, refers_to=(before,))
    assert isinstance(registries(mail, situation=seen, planned=()), Veto)


# -- frequency caps -------------------------------------------------------------------------


def test_a_fourth_call_in_24_hours_waits_until_the_first_leaves_the_window():
    """Florida allows 3 calls in any 24 hours: a 4th moves to when the oldest is 24 hours old."""
    floridian = prospect(region="FL", phones=("+13055550100",))
    calls = [
        orl.Attempt(at=NOW - timedelta(hours=h), channel="call", outcome="no_answer", to=NUMBER)
        for h in (20, 6, 1)
    ]
    seen = situation(floridian, calls)
    result = frequency_caps(action(), situation=seen, planned=())
    assert isinstance(result, orl.Action)
    assert result.earliest == NOW + timedelta(hours=4)
    assert result.earliest.tzinfo is NY
    assert result.moved_by == ("frequency_caps",)
    assert result.reasons[-1] == (
        "frequency_caps: 3 calls or texts (no subject given: every one to the person counts) in "
        "the 24 hours before Mon 23 Nov 10:00 EST already; at most 3 (Fla. Stat. 501.616(6)): "
        "moved to Mon 23 Nov 14:00 EST"
    )


def test_calls_already_planned_count_toward_the_cap_and_older_ones_do_not():
    """Two calls today plus one planned fill the cap; a call 25 hours ago does not count."""
    floridian = prospect(region="FL", phones=("+13055550100",))
    calls = [
        orl.Attempt(at=NOW - timedelta(hours=h), channel="call", outcome="no_answer", to=NUMBER)
        for h in (25, 3, 2)
    ]
    seen = situation(floridian, calls)
    alone = action()
    assert frequency_caps(alone, situation=seen, planned=()) is alone
    planned = (action(at=NOW - timedelta(minutes=30)),)
    moved = frequency_caps(alone, situation=seen, planned=planned)
    assert isinstance(moved, orl.Action)
    assert moved.earliest == NOW + timedelta(hours=21)
    # E-mail is not a call: no cap applies to it.
    mail = action("email", "ada@example.com")
    assert frequency_caps(mail, situation=seen, planned=planned) is mail


def test_the_cap_window_is_open_at_its_far_end_and_closed_at_the_call():
    """A call exactly 24 hours before does not count; one planned at the same moment does."""
    floridian = prospect(region="FL", phones=("+13055550100",))
    calls = [
        orl.Attempt(at=NOW - timedelta(hours=h), channel="call", outcome="no_answer", to=NUMBER)
        for h in (24, 6)
    ]
    seen = situation(floridian, calls)
    alone = action()
    assert frequency_caps(alone, situation=seen, planned=()) is alone
    same_time = (action(at=NOW), action(at=NOW - timedelta(hours=2)))
    moved = frequency_caps(alone, situation=seen, planned=same_time)
    assert isinstance(moved, orl.Action)
    assert moved.earliest == NOW + timedelta(hours=18)


def test_a_debt_collector_waits_a_week_after_a_conversation():
    """Under the opt-in us-debt pack, no call within 7 days after reaching the person."""
    debtor = prospect(consumer=True)
    spoke = orl.Attempt(at=NOW - timedelta(days=2), channel="call", outcome="connected", to=NUMBER)
    email = orl.Attempt(
        at=NOW - timedelta(days=1), channel="email", outcome="sent", to="ada@example.com"
    )
    book = orl.playbooks.cold_calling(compliance=("us-debt",))
    seen = Situation(debtor, [spoke, email], now=NOW, playbook=book)
    result = frequency_caps(action(), situation=seen, planned=())
    assert isinstance(result, orl.Action)
    assert result.earliest == spoke.at + timedelta(days=7)
    assert result.earliest.tzinfo is NY
    assert result.moved_by == ("frequency_caps",)
    assert result.reasons[-1].startswith(
        "frequency_caps: spoke with them on Sat 21 Nov 10:00 EST; no call within 7 days after "
        "a conversation ("
    )


@pytest.mark.parametrize(
    ("dates", "exempt"),
    [
        ({"last_purchase": date(2025, 5, 23)}, True),
        ({"last_purchase": date(2025, 5, 22)}, False),
        ({"last_purchase": date(2026, 11, 23)}, True),
        ({"last_inquiry": date(2026, 8, 23)}, True),
    ],
    ids=["purchase-18-months-ago-today", "a-day-more", "purchase-today", "inquiry-3-months-ago"],
)
def test_an_exemption_lasts_to_the_end_of_its_last_day(dates, exempt):
    """The relationship exempts on the last day of its period, and from the day it began."""
    seen = situation(prospect(flags=frozenset({"on_national_dnc"}), **dates))
    result = registries(action(), situation=seen, planned=())
    assert isinstance(result, orl.Action) is exempt


# -- out of office ------------------------------------------------------------------------


def test_a_vacation_holds_every_action_until_a_business_day_after_the_return():
    """Away until Monday 09:00 (after the spring change): held until Tuesday's first instant."""
    said = datetime(2026, 3, 6, 9, 30, tzinfo=NY)
    absence = orl.Event(at=said, kind="out_of_office", resume_at=datetime(2026, 3, 9, 9, tzinfo=NY))
    now = datetime(2026, 3, 6, 10, tzinfo=NY)
    seen = situation(prospect(), [absence], now=now)
    held = OutOfOfficeHold()
    for proposed in (action(at=now), action("email", "ada@example.com", now)):
        result = held(proposed, situation=seen, planned=())
        assert isinstance(result, orl.Action)
        assert (result.earliest, result.latest) == (
            datetime(2026, 3, 10, tzinfo=NY),
            datetime(2026, 3, 10, 1, tzinfo=NY),
        )
        assert result.earliest.tzinfo is NY
        assert result.earliest.utcoffset() == timedelta(hours=-4)
        assert result.moved_by == ("out_of_office",)
        assert result.reasons == (
            "proposed",
            "out_of_office: away until Mon 09 Mar 2026 09:00 EDT (said on Fri 06 Mar); held "
            "until Tue 10 Mar 2026",
        )
    # The hold ends at that instant: an action starting then is theirs to have.
    first_thing = action(at=datetime(2026, 3, 10, tzinfo=NY))
    assert held(first_thing, situation=seen, planned=()) is first_thing


def test_an_absence_ending_the_same_day_holds_until_its_end_in_the_prospects_zone():
    """Back from lunch at 13:30 (given in UTC): moved to 13:30 New York time, without a grace."""
    asked = orl.Attempt(
        at=datetime(2026, 11, 23, 10, 5, tzinfo=NY),
        channel="call",
        outcome="gatekeeper",
        to=NUMBER,
        resume_at=datetime(2026, 11, 23, 18, 30, tzinfo=ZoneInfo("UTC")),
    )
    now = datetime(2026, 11, 23, 10, 6, tzinfo=NY)
    seen = situation(prospect(), [asked], now=now)
    held = OutOfOfficeHold()
    result = held(action(at=now), situation=seen, planned=())
    assert isinstance(result, orl.Action)
    assert result.earliest == datetime(2026, 11, 23, 13, 30, tzinfo=NY)
    assert result.earliest.tzinfo is NY
    assert result.latest == datetime(2026, 11, 23, 14, 30, tzinfo=NY)
    assert result.reasons[-1] == (
        "out_of_office: away until Mon 23 Nov 2026 13:30 EST (said on Mon 23 Nov); held until "
        "Mon 23 Nov 2026"
    )
    back = action(at=datetime(2026, 11, 23, 13, 30, tzinfo=NY))
    assert held(back, situation=seen, planned=()) is back


# -- business and lawful hours --------------------------------------------------------------


def test_an_action_before_opening_moves_to_the_opening_and_ends_at_closing_time():
    """A window from 07:00 to 23:00 becomes 09:00 to 17:00: nothing is done after closing."""
    seen = situation(prospect())
    early = action(
        at=datetime(2026, 11, 23, 7, tzinfo=NY), latest=datetime(2026, 11, 23, 23, tzinfo=NY)
    )
    result = BusinessHours()(early, situation=seen, planned=())
    assert isinstance(result, orl.Action)
    assert (result.earliest, result.latest) == (
        datetime(2026, 11, 23, 9, tzinfo=NY),
        datetime(2026, 11, 23, 17, tzinfo=NY),
    )
    assert result.moved_by == ("business_hours",)
    assert result.reasons[-1] == (
        "business_hours: Mon 23 Nov 07:00 EST is outside business hours; moved to the next "
        "opening, Mon 23 Nov 09:00 EST"
    )


def test_an_action_after_closing_keeps_its_length_at_the_next_opening_across_the_dst_change():
    """Friday 18:00 EDT, one hour long, becomes Monday 09:00–10:00 EST."""
    seen = situation(prospect())
    late = action(at=datetime(2026, 10, 30, 18, tzinfo=NY))
    result = BusinessHours()(late, situation=seen, planned=())
    assert isinstance(result, orl.Action)
    assert (result.earliest, result.latest) == (
        datetime(2026, 11, 2, 9, tzinfo=NY),
        datetime(2026, 11, 2, 10, tzinfo=NY),
    )
    assert result.latest - result.earliest == timedelta(hours=1)
    assert result.reasons[-1] == (
        "business_hours: Fri 30 Oct 18:00 EDT is outside business hours; moved to the next "
        "opening, Mon 02 Nov 09:00 EST"
    )


def test_an_action_ending_exactly_at_closing_time_is_left_as_it_is():
    """16:00–17:00 fits the 09:00–17:00 window; a window running past 17:00 is cut at 17:00."""
    seen = situation(prospect())
    last_hour = action(at=datetime(2026, 11, 23, 16, tzinfo=NY))
    assert BusinessHours()(last_hour, situation=seen, planned=()) is last_hour
    longer = action(
        at=datetime(2026, 11, 23, 16, tzinfo=NY), latest=datetime(2026, 11, 23, 17, 1, tzinfo=NY)
    )
    cut = BusinessHours()(longer, situation=seen, planned=())
    assert isinstance(cut, orl.Action)
    assert (cut.earliest, cut.latest) == (last_hour.earliest, last_hour.latest)
    assert cut.moved_by == ()


def test_a_call_ending_at_21_00_is_lawful_in_every_zone_its_number_may_ring_in():
    """20:00–21:00 New York time, on a number that may ring in Chicago: allowed unchanged."""
    seen = situation(prospect(possible_timezones=("America/Chicago",)))
    evening = action(at=datetime(2026, 11, 23, 20, tzinfo=NY))
    assert lawful_hours(evening, situation=seen, planned=()) is evening


def test_a_number_that_may_ring_in_two_zones_is_moved_with_both_hours_named():
    """07:30 New York is too early there: moved to 08:00, the reason naming the law's hours."""
    seen = situation(prospect(possible_timezones=("America/Chicago",)))
    early = action(at=datetime(2026, 11, 23, 7, 30, tzinfo=NY))
    moved = lawful_hours(early, situation=seen, planned=())
    assert isinstance(moved, orl.Action)
    # 08:00 in New York is 07:00 in Chicago: the later zone's 08:00, 09:00 New York time, wins.
    assert moved.earliest == datetime(2026, 11, 23, 9, 0, tzinfo=NY)
    assert moved.earliest.tzinfo is NY
    said = " ".join(moved.reasons)
    assert "is outside lawful calling hours (" in said
    assert "in America/Chicago, one of the zones this number may ring in" in said


def test_hours_that_never_open_refuse_the_action_naming_why():
    """A playbook whose business hours have no window refuses, saying there is none ahead."""
    closed = orl.playbooks.cold_calling(hours=Hours(windows=((),) * 7))
    seen = Situation(prospect(), (), now=NOW, playbook=closed)
    assert BusinessHours()(action(), situation=seen, planned=()) == Veto(
        reason="no business hours ahead: t: no opening window within three years after "
        "2026-11-23T10:00:00-05:00 (America/New_York): the hours have no opening windows; give "
        "the calendar some opening hours"
    )


# -- promised day ---------------------------------------------------------------------------


def november(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=NY)


REFUSAL = orl.Attempt(at=november(23, 10), channel="call", outcome="hung_up", to=NUMBER)
# E-mailed on Monday 23 November: the apology names Tuesday 24 November.
APOLOGY = action("email", "ada@example.com", november(23, 10), purpose="apology_note")
BROKEN = Veto(
    reason="the apology promises a call on Tuesday 24 November, but this call would be on "
    "Wednesday 25 November"
)


def test_only_the_follow_up_call_is_held_to_the_day_the_apology_names():
    """The follow-up call must fall on Tuesday; a callback or an e-mail about the note need not."""
    seen = situation(prospect(), [REFUSAL])
    on_the_day = action(at=november(24, 9), refers_to=(APOLOGY,))
    assert promised_day(on_the_day, situation=seen, planned=()) is on_the_day
    wednesday = action(at=november(25, 9), refers_to=(APOLOGY,))
    assert promised_day(wednesday, situation=seen, planned=()) == BROKEN
    for other in (
        action(at=november(25, 9), purpose="callback", refers_to=(APOLOGY,)),
        action("email", "ada@example.com", november(25, 9), refers_to=(APOLOGY,)),
    ):
        assert promised_day(other, situation=seen, planned=()) is other


def test_the_apology_is_found_among_the_references_wherever_it_is():
    """A call referring to the refusal first and the note second is still held to the note."""
    seen = situation(prospect(), [REFUSAL])
    late = action(at=november(25, 9), refers_to=(REFUSAL, APOLOGY))
    assert promised_day(late, situation=seen, planned=()) == BROKEN


@pytest.mark.parametrize(
    ("timezone", "hour"),
    [("Pacific/Kiritimati", 9), ("Pacific/Pago_Pago", 20)],
    ids=["utc+14-morning", "utc-11-evening"],
)
def test_the_promised_day_is_the_prospects_day_not_the_servers(timezone, hour):
    """Far from UTC, the call is on Tuesday by the prospect's clock, whatever the server's says."""
    there = ZoneInfo(timezone)
    who = orl.Prospect(id="p", timezone=timezone, phones=(NUMBER,), emails=("ada@example.com",))
    sent = datetime(2026, 11, 23, 9, tzinfo=there)
    note = action("email", "ada@example.com", sent, purpose="apology_note")
    seen = situation(who, now=sent)
    tuesday = action(at=datetime(2026, 11, 24, hour, tzinfo=there), refers_to=(note,))
    assert promised_day(tuesday, situation=seen, planned=()) is tuesday
    wednesday = action(at=datetime(2026, 11, 25, hour, tzinfo=there), refers_to=(note,))
    assert promised_day(wednesday, situation=seen, planned=()) == BROKEN


SENT = orl.Attempt(at=november(23, 12), channel="email", outcome="sent", to="ada@example.com")


def away(said: datetime, back: datetime) -> orl.Event:
    return orl.Event(at=said, kind="out_of_office", resume_at=back)


@pytest.mark.parametrize(
    ("absence", "back"),
    [
        (away(november(23, 13), november(25, 17)), "Wednesday 25 November"),
        (away(november(23, 13), november(24, 17)), "Tuesday 24 November"),
    ],
    ids=["covering-the-day", "back-on-the-day"],
)
def test_an_absence_announced_after_the_sent_apology_lets_the_call_follow_their_return(
    absence, back
):
    """Away from after the note to the named day or later: the call waits, with the reason."""
    seen = situation(prospect(), [REFUSAL, SENT, absence], now=november(23, 14))
    after = action(at=november(27, 9), refers_to=(SENT, REFUSAL), policy="brush_off")
    result = promised_day(after, situation=seen, planned=())
    assert isinstance(result, orl.Action)
    assert (result.earliest, result.moved_by) == (after.earliest, ())
    assert result.reasons == (
        "proposed",
        "promised_day: the apology named Tuesday 24 November, but on Monday 23 November they "
        f"said they are away until {back}: called after their return",
    )


@pytest.mark.parametrize(
    ("history", "note"),
    [
        ([REFUSAL, away(november(23, 11), november(25, 17)), SENT], SENT),
        ([REFUSAL, away(november(23, 12), november(25, 17)), SENT], SENT),
        ([REFUSAL, SENT, away(november(23, 13), november(23, 15))], SENT),
        (
            [REFUSAL, away(november(23, 13), november(25, 17))],
            action("email", "ada@example.com", november(23, 12), purpose="apology_note"),
        ),
    ],
    ids=[
        "announced-before-the-note",
        "announced-as-the-note-went",
        "back-before-the-named-day",
        "note-only-planned",
    ],
)
def test_an_absence_that_does_not_excuse_the_broken_promise_leaves_the_call_refused(history, note):
    """Only an absence announced after a sent note and lasting to the day it names excuses it."""
    seen = situation(prospect(), history, now=november(23, 14))
    after = action(at=november(27, 9), refers_to=(note, REFUSAL), policy="brush_off")
    assert promised_day(after, situation=seen, planned=()) == Veto(
        reason="the apology promises a call on Tuesday 24 November, but this call would be on "
        "Friday 27 November"
    )
