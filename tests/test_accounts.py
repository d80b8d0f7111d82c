"""Colleagues at one company: account-level stops and holds, spacing, and the engine's promises."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import _invariants as law
import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.channels import traits

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=NY)
ME = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
BOOK = orl.playbooks.cold_calling(sender=ME)


def colleague(ident: str, name: str, number: str) -> orl.Prospect:
    return orl.Prospect(
        id=ident, name=name, timezone="America/New_York", country="US", region="NY",
        phones=(orl.Phone(number=number, kind="direct"),), account="acme",
    )  # fmt: skip


ADA = colleague("ada", "Ada Lovelace", "+12125550101")
GRACE = colleague("grace", "Grace Hopper", "+12125550102")
LINUS = colleague("linus", "Linus Torvalds", "+12125550103")


def rang_out(prospect: orl.Prospect, *days: int) -> list[orl.Attempt]:
    number = prospect.phones[0].number
    return [
        orl.Attempt(at=datetime(2026, 11, d, 10, tzinfo=NY), channel="call",
                    outcome="no_answer", to=number)
        for d in days
    ]  # fmt: skip


def calls(plan: orl.Plan) -> list[orl.Action]:
    return [a for a in plan.actions if a.channel is orl.Channel.CALL]


def stopped_by_graces_meeting(*plans: orl.Plan) -> None:
    for plan in plans:
        assert plan.actions == ()
        assert plan.halted is not None
        assert "Grace Hopper at acme booked a meeting" in plan.halted


def test_a_meeting_booked_by_one_colleague_stops_the_others():
    """Grace booked a meeting: Ada's and Linus's automated calls stop, naming Grace."""
    booked = orl.Attempt(at=datetime(2026, 11, 23, 11, tzinfo=NY), channel="call",
                         outcome="meeting_booked", to=GRACE.phones[0].number)  # fmt: skip
    ada, grace, linus = orl.plan_account(
        [(ADA, rang_out(ADA, 20)), (GRACE, [booked]), (LINUS, rang_out(LINUS, 19))],
        now=NOW, playbook=BOOK,
    )  # fmt: skip
    stopped_by_graces_meeting(ada, linus)
    assert grace.halted is not None  # her own meeting ends her cadence, as plan() says


def test_a_meeting_after_interest_stops_the_others_rather_than_holding_them():
    """Grace showed interest, replied, then booked: the stop wins over the two earlier holds."""
    number = GRACE.phones[0].number
    grace = [
        orl.Attempt(at=datetime(2026, 11, 16, 14, 31, tzinfo=NY), channel="call",
                    outcome="interested", to=number),
        orl.Event(at=datetime(2026, 11, 17, 13, 33, tzinfo=NY), kind="reply", channel="email"),
        orl.Attempt(at=datetime(2026, 11, 23, 11, tzinfo=NY), channel="call",
                    outcome="meeting_booked", to=number),
    ]  # fmt: skip
    ada, _, linus = orl.plan_account(
        [(ADA, rang_out(ADA, 9, 10, 11, 12, 13)), (GRACE, grace), (LINUS, rang_out(LINUS, 19))],
        now=NOW, playbook=BOOK,
    )  # fmt: skip
    stopped_by_graces_meeting(ada, linus)


def test_interest_holds_the_colleagues_for_two_weeks():
    """Grace showed interest yesterday: Ada's next call waits 14 days, and says why."""
    interested = orl.Attempt(at=datetime(2026, 11, 23, 11, tzinfo=NY), channel="call",
                             outcome="interested", to=GRACE.phones[0].number)  # fmt: skip
    ada, _grace = orl.plan_account(
        [(ADA, rang_out(ADA, 20)), (GRACE, [interested])], now=NOW, playbook=BOOK
    )
    (call,) = calls(ada)
    assert call.due >= datetime(2026, 12, 7, 11, tzinfo=NY)
    assert any("Grace Hopper at acme showed interest" in r for r in call.reasons)
    assert "account" in call.moved_by


def test_a_request_for_the_whole_company_stops_everyone_and_a_personal_one_stays_personal():
    """A company-wide opt-out halts every colleague; Grace's own opt-out halts only Grace."""
    company = orl.Event(at=datetime(2026, 11, 23, 11, tzinfo=NY), kind="company_opt_out")
    plans = orl.plan_account(
        [(ADA, rang_out(ADA, 20)), (GRACE, [company]), (LINUS, rang_out(LINUS, 19))],
        now=NOW, playbook=BOOK,
    )  # fmt: skip
    assert all(p.actions == () and p.halted and "do not contact" in p.halted for p in plans)
    personal = orl.Event(at=datetime(2026, 11, 23, 11, tzinfo=NY), kind="opt_out")
    ada, grace, linus = orl.plan_account(
        [(ADA, rang_out(ADA, 20)), (GRACE, [personal]), (LINUS, rang_out(LINUS, 19))],
        now=NOW, playbook=BOOK,
    )  # fmt: skip
    assert grace.actions == ()
    assert calls(ada)
    assert calls(linus)


def test_two_colleagues_due_the_same_day_are_called_on_different_days():
    """Ada and Grace both due a call on Tuesday: the one planned second moves to Wednesday."""
    ada, grace = orl.plan_account(
        [(ADA, rang_out(ADA, 23)), (GRACE, rang_out(GRACE, 23))], now=NOW, playbook=BOOK
    )
    days = sorted(calls(p)[0].due.date() for p in (ada, grace))
    assert days[0] != days[1]
    moved = calls(grace)[0]
    assert any("Ada Lovelace at acme gets a call that day" in r for r in moved.reasons)


def test_a_colleague_moved_past_busy_days_starts_at_the_opening_with_one_reason():
    """Three due on Tuesday: Linus waits past two taken days and Thanksgiving to Friday's
    opening, in one move naming both colleagues."""
    _ada, _grace, linus = orl.plan_account(
        [(ADA, rang_out(ADA, 23)), (GRACE, rang_out(GRACE, 23)), (LINUS, rang_out(LINUS, 23))],
        now=NOW, playbook=BOOK,
    )  # fmt: skip
    (call,) = calls(linus)
    assert call.due == datetime(2026, 11, 27, 9, tzinfo=NY)
    assert call.moved_by == ("account",)
    assert call.reasons[-1] == (
        "account: colleagues at acme get a call on each day from Tuesday 24 November to "
        "Wednesday 25 November (Ada Lovelace, Grace Hopper): one colleague a day per channel"
    )


def test_the_answers_to_their_own_request_are_not_held():
    """Ada asked to be called back: Grace's interest does not hold Ada's callback."""
    asked = orl.Attempt(at=datetime(2026, 11, 20, 11, tzinfo=NY), channel="call",
                        outcome="callback_requested", to=ADA.phones[0].number,
                        callback_at=datetime(2026, 11, 24, 15, tzinfo=NY))  # fmt: skip
    interested = orl.Attempt(at=datetime(2026, 11, 23, 11, tzinfo=NY), channel="call",
                             outcome="interested", to=GRACE.phones[0].number)  # fmt: skip
    ada, _ = orl.plan_account([(ADA, [asked]), (GRACE, [interested])], now=NOW, playbook=BOOK)
    callback = [a for a in ada.actions if a.purpose == orl.Purpose.CALLBACK]
    assert [a.due for a in callback] == [datetime(2026, 11, 24, 15, tzinfo=NY)]


def test_other_accounts_and_twice_the_same_id_are_refused():
    """Contacts of two accounts, or one id twice, are an error naming the problem."""
    other = attrs.evolve(LINUS, account="globex")
    with pytest.raises(ValueError, match="different accounts"):
        orl.plan_account([(ADA, []), (other, [])], now=NOW)
    with pytest.raises(ValueError, match="ids must be unique"):
        orl.plan_account([(ADA, []), (ADA, [])], now=NOW)


# -- properties ---------------------------------------------------------------------------------


@st.composite
def accounts(draw: st.DrawFn, *, size: int) -> list[tuple[orl.Prospect, list]]:
    zone = draw(st.sampled_from(["America/New_York", "Europe/London", "Australia/Sydney"]))
    people = []
    for index in range(size):
        prospect = draw(ors.prospects(timezones=(zone,)))
        prospect = attrs.evolve(prospect, id=f"p{index}", account="acme")
        people.append((prospect, draw(ors.histories(prospect, max_size=6))))
    return people


@settings(max_examples=40, deadline=None)
@given(accounts(size=1), ors.moments())
def test_one_contact_is_planned_as_plan_plans_it(pairs, now):
    """An account of one contact gets exactly the plan ``plan`` gives."""
    ((prospect, history),) = pairs
    assert orl.plan_account(pairs, now=now, playbook=BOOK) == (
        orl.plan(prospect, history, now=now, playbook=BOOK),
    )


@settings(max_examples=25, deadline=None)
@given(accounts(size=3), ors.moments(), st.permutations(range(3)))
def test_the_order_of_the_contacts_changes_no_plan(pairs, now, order):
    """Shuffled contacts get the same plans, back in their own order."""
    plans = orl.plan_account(pairs, now=now, playbook=BOOK)
    shuffled = orl.plan_account([pairs[i] for i in order], now=now, playbook=BOOK)
    assert shuffled == tuple(plans[i] for i in order)


@settings(max_examples=25, deadline=None)
@given(accounts(size=3), ors.moments())
def test_no_two_colleagues_on_one_channel_the_same_day_and_no_action_in_the_past(pairs, now):
    """One colleague per channel a day (but for answers to their requests); nothing in the past."""
    plans = orl.plan_account(pairs, now=now, playbook=BOOK)
    zone = ZoneInfo(pairs[0][0].timezone)
    seen: dict[tuple[object, object], str] = {}
    for plan in plans:
        for action in plan.actions:
            assert action.earliest >= now
            if action.purpose in orl.AccountRules().exempt:
                continue  # the time they asked for stays theirs
            key = (traits(action.channel).kin, action.earliest.astimezone(zone).date())
            assert seen.setdefault(key, plan.prospect_id) == plan.prospect_id, (key, plans)


@settings(max_examples=25, deadline=None)
@given(accounts(size=4), ors.moments())
def test_every_colleagues_plan_keeps_the_engines_promises(pairs, now):
    """Held, stopped or spaced, each plan is one the engine could give: nothing in the past,
    inside the lawful and business hours, explained, to live contact points."""
    plans = orl.plan_account(pairs, now=now, playbook=BOOK)
    for (prospect, history), result in zip(pairs, plans, strict=True):
        law.check_plan(result, prospect=prospect, history=history, now=now, playbook=BOOK)


def test_the_day_list_takes_one_colleague_of_an_account_a_day():
    """plan_day lists one colleague of acme; the other is carried naming the one listed (each
    planned alone here, so that both calls fall due on the day)."""
    pairs = [(ADA, rang_out(ADA, 23)), (GRACE, rang_out(GRACE, 23))]
    day = orl.plan_day(pairs, day=NOW.date(), playbook=BOOK, accounts=False)
    assert [a.prospect_id for a in day.calls] == ["ada"]
    (carried,) = [a for a in day.carried if a.prospect_id == "grace"]
    assert (
        carried.reasons[-1]
        == "carried: one colleague of acme a day, and Ada Lovelace is on the list"
    )
    both = orl.plan_day(pairs, day=NOW.date(), playbook=BOOK, one_per_account=False, accounts=False)
    assert sorted(a.prospect_id for a in both.calls) == ["ada", "grace"]


def test_the_day_plans_colleagues_together():
    """plan_day plans an account's colleagues with plan_account: Grace's meeting keeps Ada off
    the list, with the reason in her plan; two calls due the same day go to two days; with
    accounts=False each is planned alone."""
    booked = orl.Attempt(at=datetime(2026, 11, 23, 11, tzinfo=NY), channel="call",
                         outcome="meeting_booked", to=GRACE.phones[0].number)  # fmt: skip
    pairs = [(ADA, rang_out(ADA, 20)), (GRACE, [booked])]
    day = orl.plan_day(pairs, day=NOW.date(), playbook=BOOK)
    assert day.calls == ()
    ada = day.plans[0]
    assert ada.halted is not None
    assert "Grace Hopper at acme booked a meeting" in ada.halted
    alone = orl.plan_day(pairs, day=NOW.date(), playbook=BOOK, accounts=False)
    assert [a.prospect_id for a in alone.calls] == ["ada"]

    spaced = orl.plan_day(
        [(ADA, rang_out(ADA, 23)), (GRACE, rang_out(GRACE, 23))], day=NOW.date(), playbook=BOOK
    )
    assert [a.prospect_id for a in spaced.calls] == ["ada"]
    assert not any(a.prospect_id == "grace" for a in spaced.carried)
    (grace,) = calls(spaced.plans[1])
    assert grace.earliest.date() > NOW.date()


def test_plan_by_account_plans_each_account_together_and_the_others_alone():
    """A batch of two accounts and a loner: each account as plan_account plans it, the loner as
    plan does, in input order; ``now`` as a function plans colleagues as of the latest of their
    moments; two colleagues with one id are refused, naming both pairs."""
    globex = [
        attrs.evolve(colleague(f"g{i}", f"G {i}", f"+1212555012{i}"), account="globex")
        for i in range(2)
    ]
    loner = attrs.evolve(colleague("bob", "Bob", "+12125550109"), account=None)
    pairs = [
        (ADA, rang_out(ADA, 20)), (globex[0], rang_out(globex[0], 19)), (loner, []),
        (GRACE, rang_out(GRACE, 20)), (globex[1], []),
    ]  # fmt: skip
    plans = orl.plan_by_account(pairs, now=NOW, playbook=BOOK)
    assert [p.prospect_id for p in plans] == ["ada", "g0", "bob", "grace", "g1"]
    acme = orl.plan_account([pairs[0], pairs[3]], now=NOW, playbook=BOOK)
    others = orl.plan_account([pairs[1], pairs[4]], now=NOW, playbook=BOOK)
    assert (plans[0], plans[3]) == acme
    assert (plans[1], plans[4]) == others
    assert plans[2] == orl.plan(loner, [], now=NOW, playbook=BOOK)

    later = NOW.replace(hour=11)
    moments = {"ada": NOW, "grace": later, "bob": NOW}
    staggered = orl.plan_by_account(
        [pairs[0], pairs[3], pairs[2]], now=lambda p: moments[p.id], playbook=BOOK
    )
    assert [p.now for p in staggered] == [later, later, NOW]

    with pytest.raises(ValueError, match=r"pairs\[2\]: prospect id 'ada' is also pairs\[0\]'s"):
        orl.plan_by_account([pairs[0], pairs[2], (ADA, [])], now=NOW, playbook=BOOK)


@settings(max_examples=25, deadline=None)
@given(
    accounts(size=3),
    st.dates(min_value=datetime(2025, 1, 1).date(), max_value=datetime(2028, 12, 1).date()),
)
def test_a_days_plans_are_plan_by_account_as_of_each_start_of_day(pairs, day):
    """plan_day's plans are plan_by_account's, each prospect's moment the start of the day in its
    zone, and the order of the pairs changes none of them."""
    result = orl.plan_day(pairs, day=day, playbook=BOOK)
    start = orl.compliance.places.lawful_calendar(pairs[0][0].timezone).start_of_day(day)
    assert list(result.plans) == orl.plan_by_account(pairs, now=start, playbook=BOOK)
    backwards = orl.plan_day(pairs[::-1], day=day, playbook=BOOK)
    assert list(backwards.plans) == list(result.plans)[::-1]


def test_the_day_list_names_each_colleagues_account():
    """Each line of a day's explanation says which account the prospect is at."""
    loner = orl.Prospect(
        id="bob", name="Bob", timezone="America/New_York", phones=("+12125550109",)
    )
    pairs = [(ADA, rang_out(ADA, 23)), (GRACE, rang_out(GRACE, 23)), (loner, [])]
    day = orl.plan_day(pairs, day=NOW.date(), playbook=BOOK, accounts=False)
    lines = day.explain().splitlines()
    assert any("· Ada Lovelace (ada) at acme · follow_up" in line for line in lines)
    assert any("· Grace Hopper (grace) at acme · follow_up" in line for line in lines)
    assert any("· Bob (bob) · intro" in line for line in lines)
    assert (day.account_of("grace"), day.account_of("bob"), day.account_of("nobody")) == (
        "acme",
        None,
        None,
    )


@settings(max_examples=25, deadline=None)
@given(
    accounts(size=3),
    st.dates(min_value=datetime(2025, 1, 1).date(), max_value=datetime(2028, 12, 1).date()),
)
def test_a_day_never_lists_two_colleagues(pairs, day):
    """Whatever is due, a day's calls and tasks name at most one prospect of the account."""
    result = orl.plan_day(pairs, day=day, playbook=BOOK)
    assert len({a.prospect_id for a in (*result.calls, *result.tasks)}) <= 1
