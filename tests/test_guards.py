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
from outreach_rules.guards import Veto
from outreach_rules.guards.contact_points import contact_points
from outreach_rules.guards.frequency_caps import frequency_caps
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
) -> orl.Action:
    return orl.Action(
        channel=channel,
        purpose=purpose,
        earliest=at,
        latest=at + timedelta(hours=1),
        reasons=("proposed",),
        policy="test",
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
        "frequency_caps: 3 calls in the 24 hours before Mon 23 Nov 10:00 EST already; at most 3 "
        "(Fla. Stat. 501.616(6)): moved to Mon 23 Nov 14:00 EST"
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
