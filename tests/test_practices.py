"""Each field practice of PRACTICES.md pinned to a concrete scenario with concrete dates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

import outreach_rules as orl
from outreach_rules.policies.receptionist import Receptionist

NY = ZoneInfo("America/New_York")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
SYDNEY = ZoneInfo("Australia/Sydney")
SENDER = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
DIRECT = "+12125550100"
SWITCHBOARD = "+12125550000"


def ny_prospect(**extra) -> orl.Prospect:
    fields = {
        "id": "ada",
        "name": "Ada Lovelace",
        "timezone": "America/New_York",
        "phones": (
            orl.Phone(number=DIRECT, kind="direct"),
            orl.Phone(number=SWITCHBOARD, kind="switchboard"),
        ),
        "emails": ("ada@example.com",),
        "country": "US",
        "region": "NY",
    }
    fields.update(extra)
    return orl.Prospect(**fields)


def call(at: datetime, outcome: str, to: str = DIRECT, **extra) -> orl.Attempt:
    return orl.Attempt(at=at, channel="call", outcome=outcome, to=to, **extra)


def plan(prospect, history, now, book=None):
    return orl.plan(
        prospect, history, now=now, playbook=book or orl.playbooks.cold_calling(sender=SENDER)
    )


# -- 2. Hang-ups and brush-offs ---------------------------------------------------------


def test_hang_up_gets_a_handwritten_note_naming_the_call_day_across_dst():
    """Stockholm, DST week: the note is mailed, the call is the first business day after arrival."""
    karin = orl.Prospect(
        id="karin",
        name="Karin Larsson",
        timezone="Europe/Stockholm",
        phones=("+46701234567",),
        address="Storgatan 1, Uppsala",
        country="SE",
    )
    hung_up = orl.Attempt(
        at=datetime(2026, 3, 26, 10, tzinfo=STOCKHOLM),
        channel="call",
        outcome="hung_up",
        to="+46701234567",
    )
    result = plan(karin, [hung_up], datetime(2026, 3, 26, 10, 30, tzinfo=STOCKHOLM))
    note, follow = result.actions
    assert (note.channel, note.purpose, note.to) == ("note", "apology_note", karin.address)
    # Posted Thursday; three business days in the post (Fri, Mon, Tue): arrives Tuesday 31 March.
    assert follow.channel == "call"
    assert follow.earliest == datetime(2026, 4, 1, 9, 0, tzinfo=STOCKHOLM)
    assert follow.earliest.utcoffset() == timedelta(hours=2)  # summer time began on 29 March
    assert note in follow.refers_to
    assert hung_up in follow.refers_to
    assert "Wednesday" in note.script.opener
    assert "Wednesday 1 April" in note.reasons[1]


def test_without_an_address_the_apology_is_an_email_and_the_call_follows_next_business_day():
    """No postal address: the apology is an e-mail, at once; the call is the next business day."""
    hung_up = call(datetime(2026, 11, 23, 10, tzinfo=NY), "not_interested")
    result = plan(ny_prospect(), [hung_up], datetime(2026, 11, 23, 10, 5, tzinfo=NY))
    note, follow = result.actions
    assert (note.channel, note.purpose) == ("email", "apology_note")
    assert note.script.subject
    assert follow.earliest.date() == date(2026, 11, 24)
    assert "Tuesday" in note.script.opener


def test_the_call_after_a_sent_note_keeps_the_announced_day():
    """Once the note is recorded as sent, the call stays on the day it named."""
    hung_up = call(datetime(2026, 11, 23, 10, tzinfo=NY), "hung_up")
    sent = orl.Attempt(
        at=datetime(2026, 11, 23, 15, tzinfo=NY), channel="note", outcome="sent", to="1 Main St"
    )
    p = ny_prospect(address="1 Main St")
    follow = plan(p, [hung_up, sent], datetime(2026, 11, 24, 9, tzinfo=NY)).next
    # Mailed Monday; Tue, Wed, Fri in the post (Thanksgiving Thursday is no business day).
    assert follow.channel == "call"
    assert follow.earliest == datetime(2026, 11, 30, 9, tzinfo=NY)
    assert sent in follow.refers_to


def test_note_and_call_are_refused_together():
    """If a guard refuses the call, the note announcing it is refused too."""

    def no_calls(action, *, situation, planned):
        return orl.Veto(reason="calls paused") if action.channel == "call" else action

    book = orl.Playbook(
        policies=orl.playbooks.cold_calling().policies, guards=(no_calls,), sender=SENDER
    )
    result = plan(
        ny_prospect(),
        [call(datetime(2026, 11, 23, 10, tzinfo=NY), "hung_up")],
        datetime(2026, 11, 23, 11, tzinfo=NY),
        book,
    )
    assert result.actions == ()
    assert {a.purpose for a in result.vetoed} == {"apology_note", "follow_up"}
    assert {a.vetoed_by for a in result.vetoed} == {"no_calls", "linked"}


def test_a_promise_that_a_guard_breaks_is_refused():
    """A guard moving the announced call to another day makes both refused, with the reason."""

    def not_on_tuesdays(action, *, situation, planned):
        if action.channel == "call" and action.earliest.weekday() == 1:
            return orl.guards.move(
                action,
                action.earliest + timedelta(days=1),
                reason="no calls on Tuesdays",
                guard="not_on_tuesdays",
            )
        return action

    book = orl.Playbook(
        policies=orl.playbooks.cold_calling().policies, guards=(not_on_tuesdays,), sender=SENDER
    )
    result = plan(
        ny_prospect(),
        [call(datetime(2026, 11, 23, 10, tzinfo=NY), "hung_up")],
        datetime(2026, 11, 23, 11, tzinfo=NY),
        book,
    )
    assert result.actions == ()
    assert any("promises a call on Tuesday 24 November" in a.reasons[-1] for a in result.vetoed)


# -- 3. Receptionist before voicemail ------------------------------------------------------


def test_voicemail_on_a_company_line_means_asking_the_receptionist_at_once():
    """Voicemail on the direct line: call the switchboard now, leave no voicemail."""
    vm = call(datetime(2026, 11, 23, 10, tzinfo=NY), "voicemail")
    action = plan(ny_prospect(), [vm], datetime(2026, 11, 23, 10, 1, tzinfo=NY)).next
    assert (action.purpose, action.to) == ("ask_gatekeeper", SWITCHBOARD)
    assert action.earliest == datetime(2026, 11, 23, 10, 1, tzinfo=NY)
    assert not action.leave_voicemail
    assert "cell" in action.script.opener or "mobile" in action.script.opener


def test_without_the_receptionist_practice_a_voicemail_is_one_more_unanswered_call():
    """A playbook without receptionist-first calls again on the schedule after a voicemail."""
    full = orl.playbooks.cold_calling()
    without = orl.Playbook(
        policies=tuple(p for p in full.policies if not isinstance(p, Receptionist)),
        guards=full.guards,
        name="without receptionist",
    )
    vm = call(datetime(2026, 11, 23, 10, tzinfo=NY), "voicemail")
    action = plan(ny_prospect(), [vm], datetime(2026, 11, 23, 10, 1, tzinfo=NY), without).next
    assert (action.purpose, action.to) == ("follow_up", DIRECT)
    assert action.earliest == datetime(2026, 11, 24, 10, tzinfo=NY)


@pytest.mark.parametrize(
    ("answer", "expected_to", "expected_at"),
    [
        (
            {"resume_at": datetime(2026, 11, 23, 13, 30, tzinfo=NY)},
            DIRECT,
            datetime(2026, 11, 23, 13, 30, tzinfo=NY),
        ),
        ({"new_phone": "+19175550123"}, "+19175550123", datetime(2026, 11, 23, 10, 6, tzinfo=NY)),
        ({}, DIRECT, datetime(2026, 11, 24, 10, 5, tzinfo=NY)),
        (
            {"resume_at": datetime(2026, 12, 4, 17, tzinfo=NY)},
            DIRECT,
            datetime(2026, 12, 7, 9, 0, tzinfo=NY),
        ),
    ],
    ids=["back-from-lunch", "cell-number", "nothing-to-share", "on-vacation"],
)
def test_the_receptionists_answer_shapes_the_next_call(answer, expected_to, expected_at):
    """Lunch → after lunch; a cell number → now; nothing → another day; vacation → after it."""
    history = [
        call(datetime(2026, 11, 23, 10, tzinfo=NY), "voicemail"),
        call(datetime(2026, 11, 23, 10, 5, tzinfo=NY), "gatekeeper", to=SWITCHBOARD, **answer),
    ]
    action = plan(ny_prospect(), history, datetime(2026, 11, 23, 10, 6, tzinfo=NY)).next
    assert (action.to, action.earliest) == (expected_to, expected_at)
    assert "receptionist" in action.reasons[0]


def test_an_assistant_on_the_direct_line_who_says_when_they_are_back_sets_the_call():
    """Someone picks up the direct line: "back at 13:30" means that line, at 13:30 today."""
    now = datetime(2026, 11, 24, 9, 40, tzinfo=NY)
    back = datetime(2026, 11, 24, 13, 30, tzinfo=NY)
    history = [call(now, "gatekeeper", resume_at=back)]
    result = plan(ny_prospect(), history, now + timedelta(minutes=1))
    assert (result.next.to, result.next.earliest, result.next.policy) == (
        DIRECT,
        back,
        "receptionist",
    )
    assert result.next.reasons[0].startswith(f"whoever answered {DIRECT}")
    cell = orl.Phone(number="+12125550777", kind="mobile")
    result = plan(ny_prospect(), [call(now, "gatekeeper", new_phone=cell)], now)
    assert (result.next.to, result.next.earliest) == (cell.number, now)


def test_the_receptionist_is_asked_twice_then_the_schedule_takes_over_and_ends():
    """Voicemail, receptionist with nothing to share, again and again: the run still ends."""
    now = datetime(2026, 11, 23, 9, 30, tzinfo=NY)
    history: list[orl.Attempt] = []
    asked = 0
    for _ in range(30):
        result = plan(ny_prospect(), history, now)
        if result.next is None:
            break
        action = result.next
        asked += action.purpose == "ask_gatekeeper"
        outcome = "gatekeeper" if action.to == SWITCHBOARD else "voicemail"
        history.append(
            call(action.earliest, "left" if action.leave_voicemail else outcome, action.to)
        )
        now = action.earliest + timedelta(minutes=1)
    assert asked == 2
    assert result.halted is not None
    assert "8 calls in a row reached nobody" in result.halted
    assert any(a.outcome == "left" for a in history)


def test_voicemail_only_after_three_unanswered_calls_and_it_asks_for_help():
    """leave_voicemail stays false for two failed calls; from the third it asks for help."""
    p = ny_prospect(phones=(DIRECT,))
    t = datetime(2026, 11, 16, 10, tzinfo=NY)
    two = [call(t, "no_answer"), call(t + timedelta(days=1), "no_answer")]
    assert not plan(p, two, t + timedelta(days=2)).next.leave_voicemail
    three = [*two, call(t + timedelta(days=2), "no_answer")]
    action = plan(p, three, t + timedelta(days=3)).next
    assert action.leave_voicemail
    assert "right person" in action.script.voicemail
    assert SENDER.phone in action.script.voicemail
    assert SENDER.email in action.script.voicemail
    assert orl.lint(action.script, purpose=action.purpose) == ()


# -- 5. Keep-in-touch -----------------------------------------------------------------------


def kit(**extra):
    return orl.playbooks.keep_in_touch(sender=SENDER, **extra)


def test_birthday_call_on_the_day_even_on_a_saturday_with_a_no_callback_voicemail():
    """The birthday call is on the day (a Saturday) in lawful hours; the voicemail asks nothing."""
    p = ny_prospect(birthday=date(1980, 11, 28))
    action = plan(p, [], datetime(2026, 11, 23, 9, tzinfo=NY), kit()).next
    assert action.purpose == "birthday"
    assert action.earliest == datetime(2026, 11, 28, 10, tzinfo=NY)
    assert action.leave_voicemail
    assert "no need to call" in action.script.voicemail.lower()
    assert orl.lint(action.script, purpose="birthday") == ()


def test_leap_day_birthday_is_kept_on_the_28th():
    """A 29 February birthday is called on 28 February in a common year."""
    p = ny_prospect(birthday=date(1984, 2, 29))
    action = plan(p, [], datetime(2027, 2, 1, 9, tzinfo=NY), kit()).next
    assert action.earliest.date() == date(2027, 2, 28)


def test_connection_request_gets_a_thank_you_call_asking_for_a_callback():
    """A connection request is answered with a call whose voicemail asks for a callback."""
    request = orl.Event(at=datetime(2026, 11, 22, 20, tzinfo=NY), kind="connection_request")
    action = plan(ny_prospect(), [request], datetime(2026, 11, 23, 8, tzinfo=NY), kit()).next
    assert action.purpose == "connection"
    assert action.earliest == datetime(2026, 11, 23, 9, tzinfo=NY)
    assert action.leave_voicemail
    assert "call" in action.script.voicemail.lower()


def test_lunch_invite_a_few_business_days_before_a_trip_in_sydney():
    """A trip to the prospect's city brings an invitation call three business days before."""
    p = orl.Prospect(
        id="liam",
        name="Liam Ng",
        timezone="Australia/Sydney",
        phones=("+61291234567",),
        city="Parramatta",
        country="AU",
        region="NSW",
    )
    book = kit(trips=(orl.Trip(city="parramatta", day=date(2026, 10, 9)),))
    action = plan(p, [], datetime(2026, 9, 28, 8, tzinfo=SYDNEY), book).next
    # Friday 9 Oct; Monday 5 Oct is Labour Day in NSW: Tue 6, Wed 7, Thu 8 back → Tue 6 Oct.
    assert action.purpose == "lunch_invite"
    assert action.earliest == datetime(2026, 10, 6, 9, tzinfo=SYDNEY)
    assert "Parramatta" in action.script.opener or "Parramatta" in action.reasons[0]
    assert action.leave_voicemail


# -- 6. Re-engagement -----------------------------------------------------------------------


REFUSED = datetime(2026, 3, 2, 11, tzinfo=NY)


def test_plain_re_engagement_after_the_cooldown_ranked_low():
    """With nothing changed, the re-call comes 90 days later at low priority, and says why."""
    history = [call(REFUSED, "not_interested", reason="no budget")]
    book = orl.playbooks.re_engagement(sender=SENDER)
    action = plan(ny_prospect(), history, datetime(2026, 3, 3, 9, tzinfo=NY), book).next
    assert action.purpose == "re_engage"
    assert action.earliest.date() == date(2026, 5, 31) or action.earliest.date() == date(2026, 6, 1)
    assert action.priority == 10
    assert "nothing relevant changed" in action.reasons[1]


def test_matching_offering_brings_the_re_call_sooner_and_higher():
    """An offering launched after the refusal that matches the reason makes it sooner, higher."""
    history = [
        call(REFUSED, "not_interested", reason="payroll is done by hand", interests={"payroll"})
    ]
    offering = orl.Offering(name="Payroll Cloud", launched=date(2026, 3, 20), topics={"payroll"})
    book = orl.playbooks.re_engagement(sender=SENDER, offerings=(offering,))
    action = plan(ny_prospect(), history, datetime(2026, 3, 3, 9, tzinfo=NY), book).next
    assert action.earliest.date() == date(2026, 4, 1)
    assert action.priority == 30
    assert "Payroll Cloud" in action.reasons[1]
    assert "Payroll Cloud" in action.script.opener


def test_leadership_change_brings_the_re_call_sooner():
    """A leadership change after the refusal makes the re-call sooner, and the reason says so."""
    history = [
        call(REFUSED, "not_interested"),
        orl.Event(at=datetime(2026, 4, 15, 9, tzinfo=NY), kind="leadership_change"),
    ]
    book = orl.playbooks.re_engagement(sender=SENDER)
    action = plan(ny_prospect(), history, datetime(2026, 4, 16, 9, tzinfo=NY), book).next
    assert action.earliest == datetime(2026, 4, 16, 9, tzinfo=NY)
    assert "leadership changed" in action.reasons[1]


# -- 8. Direct mail ------------------------------------------------------------------------


def mail(at: datetime, channel: str, outcome: str = "sent") -> orl.Attempt:
    return orl.Attempt(at=at, channel=channel, outcome=outcome, to="1 Main St")


def test_direct_mail_letter_then_monthly_cards_and_a_check_in_at_three_months():
    """Letter first; cards every 30 days; the card due near 90 days is the check-in."""
    p = ny_prospect(address="1 Main St")
    book = orl.playbooks.direct_mail(sender=SENDER)
    start = datetime(2026, 1, 5, 10, tzinfo=NY)
    assert plan(p, [], start, book).next.purpose == "letter"
    history = [mail(start, "note")]
    first = plan(p, history, start + timedelta(days=1), book).next
    assert (first.channel, first.purpose) == ("postcard", "drip")
    assert first.earliest == start + timedelta(days=30)
    history += [
        mail(start + timedelta(days=30), "postcard"),
        mail(start + timedelta(days=60), "postcard"),
    ]
    third = plan(p, history, start + timedelta(days=61), book).next
    assert third.purpose == "check_in"
    assert third.earliest == start + timedelta(days=90)


def test_returned_mail_retires_the_address():
    """A returned letter leaves no address: the mail cadence halts and says why."""
    p = ny_prospect(address="1 Main St")
    history = [mail(datetime(2026, 1, 5, 10, tzinfo=NY), "note", "returned")]
    result = plan(
        p, history, datetime(2026, 1, 20, tzinfo=NY), orl.playbooks.direct_mail(sender=SENDER)
    )
    assert result.actions == ()
    assert "no postal address left" in result.halted


# -- 9. Respecting time and endings ----------------------------------------------------------


def test_bounced_email_retires_the_address_and_falls_back_to_the_next():
    """A bounced e-mail address is never used again; the next one is."""
    p = ny_prospect(emails=("old@example.com", "new@example.com"))
    history = [
        orl.Attempt(
            at=datetime(2026, 11, 20, 9, tzinfo=NY),
            channel="email",
            outcome="bounced",
            to="old@example.com",
        ),
        call(datetime(2026, 11, 23, 9, tzinfo=NY), "interested"),
    ]
    result = plan(p, history, datetime(2026, 11, 23, 9, 5, tzinfo=NY))
    assert result.actions[0].to == "new@example.com"


def test_time_of_day_in_each_prospects_zone_on_the_same_instant():
    """The same instant plans a Sydney prospect in Sydney hours and a New York one in theirs."""
    now = datetime(2026, 11, 23, 23, 0, tzinfo=ZoneInfo("UTC"))
    ny = plan(ny_prospect(), [], now).next
    syd = plan(
        orl.Prospect(id="s", name="S", timezone="Australia/Sydney", phones=("+61291234567",)),
        [],
        now,
    ).next
    assert ny.earliest.time() == time(18, 0) or ny.earliest == datetime(2026, 11, 24, 9, tzinfo=NY)
    assert syd.earliest == datetime(2026, 11, 24, 10, 0, tzinfo=SYDNEY)


def test_an_absence_announced_after_the_apology_moves_the_promised_call_past_the_return():
    """Note sent, then "away until 7 December": the call waits for the return, not vetoed."""
    prospect = ny_prospect(address="1 Main Street")
    at = datetime(2026, 11, 23, 10, tzinfo=NY)
    history = [
        call(at, "hung_up"),
        orl.Attempt(at=at + timedelta(hours=2), channel="note", outcome="sent", to="1 Main Street"),
        orl.Event(
            at=at + timedelta(days=1),
            kind="out_of_office",
            resume_at=datetime(2026, 12, 7, 9, tzinfo=NY),
        ),
    ]
    result = plan(prospect, history, at + timedelta(days=1, hours=1))
    assert result.vetoed == ()
    assert (result.next.policy, result.next.earliest) == (
        "brush_off",
        datetime(2026, 12, 8, 9, tzinfo=NY),
    )
    assert "away until Monday 7 December: called after their return" in result.next.reasons[-1]
