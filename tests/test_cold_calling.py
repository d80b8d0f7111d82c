"""The cold-calling playbook, pinned to concrete scenarios with concrete dates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

import outreach_rules as orl
from outreach_rules.calendar import Hours

NY = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
SENDER = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
BOOK = orl.playbooks.cold_calling(sender=SENDER)
DIRECT = "+12125550100"
SWITCHBOARD = "+12125550000"
MONDAY = datetime(2026, 11, 23, 9, 30, tzinfo=NY)


def prospect(**extra) -> orl.Prospect:
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


def call(at: datetime, outcome: str, **extra) -> orl.Attempt:
    return orl.Attempt(at=at, channel="call", outcome=outcome, to=extra.pop("to", DIRECT), **extra)


def test_new_prospect_gets_an_intro_call_now():
    """A prospect with no history gets an intro call to the direct line, due now."""
    result = orl.plan(prospect(), [], now=MONDAY, playbook=BOOK)
    action = result.next
    assert action is not None
    assert (action.channel, action.purpose, action.to) == ("call", "intro", DIRECT)
    assert action.earliest == MONDAY
    assert action.latest == datetime(2026, 11, 23, 17, 0, tzinfo=NY)
    assert not action.leave_voicemail
    assert action.script is not None
    assert "Ada" in action.script.opener


def test_intro_outside_hours_moves_to_next_opening_with_reason():
    """Planned on Saturday night, the intro call moves to Monday 09:00 and says why."""
    saturday = datetime(2026, 11, 21, 22, 0, tzinfo=NY)
    action = orl.plan(prospect(), [], now=saturday, playbook=BOOK).next
    assert action.earliest == datetime(2026, 11, 23, 9, 0, tzinfo=NY)
    assert any(
        "outside business hours" in r and "Mon 23 Nov 2026 09:00" in r for r in action.reasons
    )


@pytest.mark.parametrize(
    ("tries", "delay_days", "voicemail"),
    [(1, 1, False), (2, 2, False), (3, 4, True), (4, 5, True), (7, 5, True)],
)
def test_follow_up_schedule_after_no_answer(tries, delay_days, voicemail):
    """Unanswered calls: follow-ups on business days 1, 3, 7, then weekly; voicemail from 3."""
    # Tries on consecutive Mondays, the last one today at 09:00.
    history = [
        call(datetime(2026, 11, 23, 9, tzinfo=NY) - timedelta(weeks=i), "no_answer")
        for i in range(tries)
    ]
    action = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next
    expected = {
        1: date(2026, 11, 24),
        2: date(2026, 11, 25),
        4: date(2026, 11, 30),
        5: date(2026, 12, 1),
    }[delay_days]
    # Thanksgiving (Thu 26 Nov) and the weekend are not business days in New York.
    assert action.purpose == "follow_up"
    assert action.earliest.date() == expected
    assert action.earliest.time() == time(9, 0)
    assert action.leave_voicemail is voicemail


def test_follow_up_skips_us_holiday():
    """A follow-up that would land on Thanksgiving lands on the next business day."""
    wednesday = datetime(2026, 11, 25, 10, tzinfo=NY)
    action = orl.plan(prospect(), [call(wednesday, "busy")], now=wednesday, playbook=BOOK).next
    assert action.earliest == datetime(2026, 11, 27, 10, tzinfo=NY)


def test_too_many_unanswered_calls_end_the_cadence():
    """Eight unanswered calls in a row halt the plan and say so."""
    history = [call(MONDAY - timedelta(days=3 * i), "no_answer") for i in range(8)]
    result = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK)
    assert result.actions == ()
    assert "8 calls in a row reached nobody" in result.halted


def test_conversation_resets_the_unanswered_run():
    """A conversation in between restarts the count of unanswered calls."""
    history = [call(MONDAY - timedelta(days=20 - i), "no_answer") for i in range(7)]
    history.append(call(MONDAY - timedelta(days=10), "connected"))
    history.append(call(MONDAY - timedelta(days=3), "no_answer"))
    action = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next
    assert "1st call in a row" in action.reasons[0]


def test_callback_thursday_three_pm_is_kept_exactly():
    """A callback asked for Thursday 15:00 is planned then, even on a holiday; high priority."""
    thursday = datetime(2026, 11, 26, 15, tzinfo=NY)
    history = [
        call(datetime(2026, 11, 20, 16, tzinfo=NY), "callback_requested", callback_at=thursday)
    ]
    action = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next
    assert action.purpose == "callback"
    assert action.earliest == thursday
    assert action.latest == thursday + timedelta(minutes=30)
    assert action.priority == 90
    assert action.leave_voicemail
    assert action.refers_to == tuple(history)


def test_callback_at_night_is_moved_into_lawful_hours():
    """A callback asked for 22:00 is made at 08:00 the next morning, never outside the law."""
    late = datetime(2026, 11, 24, 22, tzinfo=NY)
    history = [call(MONDAY - timedelta(hours=1), "callback_requested", callback_at=late)]
    action = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next
    assert action.earliest == datetime(2026, 11, 25, 8, tzinfo=NY)
    assert action.moved_by == ("lawful_hours",)


def test_missed_callback_is_due_now():
    """A callback time that already passed is due at once, not dropped."""
    history = [
        call(
            MONDAY - timedelta(days=4), "callback_requested", callback_at=MONDAY - timedelta(days=1)
        )
    ]
    action = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next
    assert action.earliest == MONDAY
    assert any("which has passed: due now" in r for r in action.reasons)


def test_hang_up_means_no_call_the_same_day():
    """After a hang-up, no call is planned on the day of the hang-up."""
    for when in (MONDAY, MONDAY - timedelta(days=3)):
        result = orl.plan(prospect(), [call(when, "hung_up")], now=MONDAY, playbook=BOOK)
        calls = [a for a in result.actions if a.channel == "call"]
        assert calls
        assert all(a.earliest.date() > when.date() for a in calls)
        assert "hung up" in calls[0].reasons[0]


def test_second_refusal_ends_the_cadence():
    """A refusal after an earlier one is a real no: the plan halts."""
    history = [
        call(MONDAY - timedelta(days=10), "hung_up"),
        call(MONDAY - timedelta(days=1), "not_interested"),
    ]
    result = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK)
    assert result.actions == ()
    assert "real no" in result.halted


def test_meeting_booked_halts():
    """A booked meeting ends the cadence and the plan says so."""
    result = orl.plan(
        prospect(), [call(MONDAY - timedelta(days=1), "meeting_booked")], now=MONDAY, playbook=BOOK
    )
    assert result.actions == ()
    assert result.halted.startswith("meeting booked")


def test_left_company_halts_and_says_so():
    """A person who left the company ends the cadence for them."""
    result = orl.plan(
        prospect(), [call(MONDAY - timedelta(days=1), "left_company")], now=MONDAY, playbook=BOOK
    )
    assert "left the company" in result.halted


def test_inbound_callback_after_meeting_reopens():
    """An inbound callback after a booked meeting opens a new chapter."""
    history = [
        call(MONDAY - timedelta(days=100), "meeting_booked"),
        orl.Event(at=MONDAY - timedelta(hours=1), kind="callback"),
    ]
    result = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK)
    assert result.halted is None
    assert result.next.purpose == "reconnect"


def test_wrong_number_retires_it_and_moves_to_the_next():
    """A wrong number is never dialled again; the next number is tried at once."""
    p = prospect(phones=(DIRECT, orl.Phone(number="+12125550111", kind="mobile")))
    result = orl.plan(
        p, [call(MONDAY - timedelta(minutes=5), "wrong_number")], now=MONDAY, playbook=BOOK
    )
    assert result.next.to == "+12125550111"
    assert result.next.earliest == MONDAY


def test_no_number_left_halts():
    """When every number is retired, the calling cadence is over."""
    p = prospect(phones=(DIRECT,))
    result = orl.plan(
        p, [call(MONDAY - timedelta(days=1), "wrong_number")], now=MONDAY, playbook=BOOK
    )
    assert "no working phone number left" in result.halted


def test_number_learned_from_receptionist_is_called_next():
    """A cell number given by the receptionist goes before the saved numbers."""
    history = [
        call(
            MONDAY - timedelta(hours=2),
            "gatekeeper",
            to=SWITCHBOARD,
            new_phone=orl.Phone(number="+12125550177", kind="mobile"),
        )
    ]
    assert orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next.to == "+12125550177"


def test_vacation_pauses_until_return_plus_a_business_day():
    """Away until Monday 30 Nov: nothing before Tuesday 1 Dec, and the wait starts on return."""
    history = [
        call(
            datetime(2026, 11, 20, 10, tzinfo=NY),
            "gatekeeper",
            to=SWITCHBOARD,
            resume_at=datetime(2026, 11, 30, 9, tzinfo=NY),
        )
    ]
    action = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next
    assert action.earliest == datetime(2026, 12, 1, 9, 0, tzinfo=NY)
    assert "said they are back Mon 30 Nov 2026 09:00" in action.reasons[0]
    assert "out_of_office" in action.moved_by
    # Without a switchboard, whoever answered the direct line set the day: that line, on return.
    direct_only = prospect(phones=(DIRECT,))
    history = [
        call(
            datetime(2026, 11, 20, 10, tzinfo=NY),
            "gatekeeper",
            resume_at=datetime(2026, 11, 30, 9, tzinfo=NY),
        )
    ]
    action = orl.plan(direct_only, history, now=MONDAY, playbook=BOOK).next
    assert action.earliest == datetime(2026, 12, 1, 9, 0, tzinfo=NY)
    assert action.to == DIRECT
    assert "said they are back Mon 30 Nov 2026 09:00" in action.reasons[0]


def test_an_out_of_office_reply_after_an_unanswered_call_delays_the_wait_from_the_return():
    """No answer Friday, then an auto-reply "back Monday 30 Nov": the wait counts from then."""
    history = [
        call(datetime(2026, 11, 20, 10, tzinfo=NY), "no_answer"),
        orl.Event(
            at=datetime(2026, 11, 20, 11, tzinfo=NY),
            kind="out_of_office",
            resume_at=datetime(2026, 11, 30, 9, tzinfo=NY),
        ),
    ]
    action = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next
    assert action.policy == "follow_up"
    assert action.earliest == datetime(2026, 12, 1, 9, 0, tzinfo=NY)
    assert "counted from their return" in action.reasons[0]


def test_out_of_office_event_moves_any_action():
    """An out-of-office reply holds even the intro call, with the hold's reason."""
    history = [
        orl.Event(
            at=MONDAY - timedelta(days=1),
            kind="out_of_office",
            resume_at=datetime(2026, 12, 4, 17, tzinfo=NY),
        )
    ]
    action = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next
    assert action.earliest == datetime(2026, 12, 7, 9, tzinfo=NY)
    assert "out_of_office" in action.moved_by


def test_interest_sends_information_within_the_hour_then_calls():
    """After interest: an e-mail due within the hour, then a call 2 business days later."""
    history = [call(MONDAY - timedelta(minutes=10), "interested", interests={"payroll"})]
    result = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK)
    email, follow = result.actions
    assert (email.channel, email.purpose) == ("email", "send_info")
    assert email.latest - email.earliest <= timedelta(hours=1)
    assert email.script.subject
    assert follow.channel == "call"
    assert follow.earliest.date() == date(2026, 11, 25)
    assert email in follow.refers_to
    assert "sent you the information" in follow.script.opener


def test_information_owed_after_an_inbound_interest_survives_an_unanswered_call_back():
    """A web form: call back and e-mail; the call reaches nobody; the e-mail is still due."""
    form = orl.Event(at=MONDAY - timedelta(minutes=20), kind="interest", channel="email")
    history = [form, call(MONDAY - timedelta(minutes=10), "no_answer")]
    result = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK)
    (info,) = [a for a in result.actions if a.purpose == "send_info"]
    assert (info.policy, info.refers_to, info.earliest) == ("reconnect", (form,), MONDAY)
    assert "still owed" in info.reasons[0]
    sent = orl.Attempt(
        at=MONDAY + timedelta(minutes=5), channel="email", outcome="sent", to="ada@example.com"
    )
    later = orl.plan(prospect(), [*history, sent], now=MONDAY + timedelta(minutes=6), playbook=BOOK)
    assert "send_info" not in [a.purpose for a in later.actions]
    talked = [form, call(MONDAY - timedelta(minutes=10), "not_interested")]
    settled = orl.plan(prospect(), talked, now=MONDAY, playbook=BOOK)
    assert "send_info" not in [a.purpose for a in settled.actions]


def test_email_opt_out_keeps_calls_but_stops_email():
    """An e-mail unsubscribe stops e-mail only; the follow-up call stays."""
    history = [
        call(MONDAY - timedelta(minutes=10), "interested"),
        orl.Event(at=MONDAY - timedelta(minutes=5), kind="opt_out", channel="email"),
    ]
    result = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK)
    assert [a.channel for a in result.actions] == ["call"]


def test_late_callback_quotes_earlier_context_newest_first():
    """A callback fourteen months later is answered at once, quoting what came before."""
    history = [
        call(MONDAY - timedelta(days=430), "bad_timing", notes="budget frozen"),
        orl.Attempt(
            at=MONDAY - timedelta(days=425),
            channel="email",
            outcome="sent",
            to="ada@example.com",
            notes="sent the brochure",
        ),
        orl.Event(at=MONDAY - timedelta(minutes=20), kind="callback"),
    ]
    action = orl.plan(prospect(), history, now=MONDAY, playbook=BOOK).next
    assert action.purpose == "reconnect"
    assert action.earliest == MONDAY
    assert "424 days after our last touch" in action.reasons[0]
    assert "sent the brochure" in action.reasons[1]
    assert "budget frozen" in action.reasons[2]


def test_do_not_contact_halts_forever_even_after_a_callback():
    """Do-not-contact halts every channel whatever comes later, and cannot be removed."""
    history = [
        call(MONDAY - timedelta(days=30), "do_not_contact"),
        orl.Event(at=MONDAY - timedelta(days=1), kind="callback"),
    ]
    bare = orl.Playbook(policies=(orl.playbooks.cold_calling().policies), guards=())
    for book in (BOOK, bare):
        result = orl.plan(prospect(), history, now=MONDAY, playbook=book)
        assert result.actions == ()
        assert result.halted.startswith("do not contact")


def test_custom_guard_can_veto_and_explain():
    """A playbook's own guard can veto; the plan lists the refused action with the reason."""

    def no_calls_on_monday(action, *, situation, planned):
        if action.earliest.weekday() == 0:
            return orl.Veto(reason="we never call on Mondays")
        return action

    book = orl.Playbook(policies=BOOK.policies, guards=(no_calls_on_monday,), sender=SENDER)
    result = orl.plan(prospect(), [], now=MONDAY, playbook=book)
    assert result.actions == ()
    assert result.vetoed[0].vetoed_by == "no_calls_on_monday"
    assert "we never call on Mondays" in result.explain()


def test_sydney_business_hours_across_dst_start():
    """In Sydney, a follow-up across the October DST change keeps 09:00–17:00 local."""
    p = prospect(timezone="Australia/Sydney", country="AU", region="NSW", phones=("+61291234567",))
    friday = datetime(2026, 10, 2, 16, 30, tzinfo=SYDNEY)
    history = [call(friday, "no_answer", to="+61291234567")]
    action = orl.plan(p, history, now=friday, playbook=BOOK).next
    # Monday 5 October 2026 is Labour Day in NSW; DST began on Sunday 4 October.
    assert action.earliest == datetime(2026, 10, 6, 16, 30, tzinfo=SYDNEY)
    assert action.earliest.utcoffset() == timedelta(hours=11)


def test_custom_hours_apply():
    """A playbook with 10:00–16:00 hours moves an early intro to 10:00."""
    book = orl.playbooks.cold_calling(sender=SENDER, hours=Hours.weekly(time(10), time(16)))
    action = orl.plan(prospect(), [], now=MONDAY, playbook=book).next
    assert action.earliest == datetime(2026, 11, 23, 10, tzinfo=NY)
    assert action.latest == datetime(2026, 11, 23, 16, tzinfo=NY)


def test_no_sender_means_no_script_but_a_plan():
    """The default playbook has no sender: actions have no script, but a full plan."""
    action = orl.plan(prospect(), [], now=MONDAY).next
    assert action.script is None
    assert action.purpose == "intro"


def test_prospect_without_name_gets_no_half_written_script():
    """A missing placeholder value leaves no script and a reason naming what is missing."""
    action = orl.plan(prospect(name=None), [], now=MONDAY, playbook=BOOK).next
    assert action.script is None
    assert any("{prospect_name}" in r for r in action.reasons)


def test_a_guard_returning_an_equal_copy_counts_as_allowing():
    """A guard that hands back an equal copy does not make the guards cycle forever."""
    import attrs

    def copying(action, *, situation, planned):
        return attrs.evolve(action)

    book = orl.Playbook(policies=BOOK.policies, guards=(copying,), sender=SENDER)
    result = orl.plan(prospect(), [], now=MONDAY, playbook=book)
    assert result.next is not None
    assert result.vetoed == ()


def test_late_callback_waits_for_business_hours_not_the_first_lawful_minute():
    """A callback missed over the weekend is made Monday at 09:00 opening, not at 08:00."""
    friday = datetime(2026, 11, 20, 15, tzinfo=NY)
    history = [call(friday - timedelta(days=1), "callback_requested", callback_at=friday)]
    midnight = datetime(2026, 11, 23, 0, tzinfo=NY)
    action = orl.plan(prospect(), history, now=midnight, playbook=BOOK).next
    assert action.purpose == "callback"
    assert action.earliest == datetime(2026, 11, 23, 9, tzinfo=NY)
    assert action.earliest.astimezone(NY).date() == date(2026, 11, 23)
    assert any("late callback goes to the next business-hours opening" in r for r in action.reasons)
    assert any("planned for the next opening" in r for r in action.reasons)


def test_callback_within_its_window_is_still_kept_outside_business_hours():
    """Ten minutes after a 19:00 callback they chose it is still due now: after hours, lawful."""
    evening = datetime(2026, 11, 24, 19, tzinfo=NY)
    history = [call(MONDAY, "callback_requested", callback_at=evening)]
    now = evening + timedelta(minutes=10)
    action = orl.plan(prospect(), history, now=now, playbook=BOOK).next
    assert (action.purpose, action.earliest) == ("callback", now)
    assert not any("late callback" in r for r in action.reasons)


def test_explain_indents_a_multi_line_script_under_its_action():
    """Every line of a multi-line opener or voicemail sits under its label, none flush left."""
    script = orl.Script(
        opener="Dear Ada,\n\nSorry for the timing.\nSam", voicemail="Hi Ada,\nSam here"
    )
    start = MONDAY
    action = orl.Action(
        channel="call",
        purpose="follow_up",
        earliest=start,
        latest=start + timedelta(hours=1),
        reasons=("test",),
        policy="custom",
        script=script,
        leave_voicemail=True,
    )
    plan = orl.Plan(prospect_id="ada", timezone="America/New_York", now=MONDAY, actions=(action,))
    lines = plan.explain().splitlines()
    at = lines.index("   say: Dear Ada,")
    assert lines[at : at + 6] == [
        "   say: Dear Ada,",
        "",
        "        Sorry for the timing.",
        "        Sam",
        "   voicemail: Hi Ada,",
        "              Sam here",
    ]
    assert all(line == "" or line.startswith(" ") for line in lines[2:])
    assert lines[1].startswith("1. call")
