"""The engine's pipeline with hand-written policies and guards: order, moves, vetoes, links.

Each test builds a small playbook whose own policy proposes exactly the
actions it needs (in the past, linked, tied in time) and checks what the
real engine and built-in guards make of them. Written to pin down
behaviour that the property tests reach rarely (mutation testing found it
unchecked; see docs/testing.md).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

import outreach_rules as orl
from outreach_rules.actions import Action
from outreach_rules.guards import Veto, move
from outreach_rules.guards.do_not_contact import do_not_contact
from outreach_rules.guards.lawful_hours import lawful_hours
from outreach_rules.playbooks import Playbook
from outreach_rules.policies import Halt
from outreach_rules.situation import Situation

NEW_YORK = ZoneInfo("America/New_York")
# A Tuesday, inside business and lawful hours in New York.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=NEW_YORK)
PHONE = "+12125550123"
EMAIL = "ada@example.com"
ADA = orl.Prospect(
    id="ada",
    timezone="America/New_York",
    phones=(PHONE,),
    emails=(EMAIL, "lovelace@example.com"),
    address="1 Main Street",
    country="US",
    region="NY",
)


def action(channel: str = "call", *, at: datetime = NOW, **fields: object) -> Action:
    """A proposed action at ``at``, an hour long, to Ada's phone or first e-mail address."""
    values: dict[str, object] = {
        "to": PHONE if channel in ("call", "voicemail") else EMAIL,
        "purpose": "intro",
        "reasons": ("test",),
        "policy": "proposer",
        **fields,
    }
    return Action(channel=channel, earliest=at, latest=at + timedelta(hours=1), **values)


def proposing(*items: Action | Halt) -> Playbook:
    """A playbook whose only policy proposes ``items``, with the built-in guards only."""

    def proposer(*, situation: Situation) -> list[Action | Halt]:
        return list(items)

    return Playbook(policies=(proposer,), guards=(), name="pipeline")


def test_an_action_proposed_in_the_past_is_moved_to_now_with_the_reason():
    """not_in_past moves a past action to now, keeps its length, and says when it was due."""
    late = action(at=NOW - timedelta(days=1, hours=1), purpose="callback")
    result = orl.plan(ADA, [], now=NOW, playbook=proposing(late))
    (moved,) = result.actions
    assert moved.earliest == NOW
    assert moved.latest == NOW + timedelta(hours=1)
    assert moved.moved_by == ("not_in_past",)
    assert moved.reasons[-1] == "not_in_past: was due Mon 23 Nov 09:00 EST, already past; due now"


def test_a_past_action_keeps_the_length_of_its_window_from_now():
    """A past action moved to now keeps its window's length (the rule policies place by too), so
    it is neither cut short nor made an instant."""
    late = attrs.evolve(action(at=NOW - timedelta(hours=2)), latest=NOW + timedelta(hours=3))
    (moved,) = orl.plan(ADA, [], now=NOW, playbook=proposing(late)).actions
    assert (moved.earliest, moved.latest) == (NOW, NOW + timedelta(hours=5))


def test_an_action_built_on_a_moved_one_refers_to_it_as_moved():
    """When a guard moves an action, the actions that refer to it refer to the moved one."""
    note = action("email", at=NOW - timedelta(hours=3), purpose="apology_note")
    call = action(at=NOW + timedelta(days=1), purpose="follow_up", refers_to=(note,))
    result = orl.plan(ADA, [], now=NOW, playbook=proposing(note, call))
    by_purpose = {a.purpose: a for a in result.actions}
    assert by_purpose["apology_note"].earliest == NOW
    assert by_purpose["follow_up"].refers_to == (by_purpose["apology_note"],)


def test_actions_that_go_together_are_refused_together():
    """If a guard refuses one action, every action linked to it by refers_to is refused too."""
    note = action("email", purpose="apology_note")
    call = action(at=NOW + timedelta(days=1), purpose="follow_up", refers_to=(note,))
    other = action("note", purpose="letter", to="1 Main Street")
    opt_out = orl.Event(at=NOW - timedelta(days=1), kind="opt_out", channel="email")
    result = orl.plan(ADA, [opt_out], now=NOW, playbook=proposing(note, call, other))
    assert [a.purpose for a in result.actions] == ["letter"]
    vetoed = {a.purpose: a for a in result.vetoed}
    assert vetoed["apology_note"].vetoed_by == "do_not_contact"
    assert vetoed["apology_note"].reasons[-1] == (
        "do_not_contact: do not contact: opt-out for email received on Mon 23 Nov 2026 10:00 EST"
    )
    assert vetoed["follow_up"].vetoed_by == "linked"
    assert vetoed["follow_up"].reasons[-1] == "linked: an action it goes with was refused"


def test_an_action_referring_to_a_refused_one_is_refused_in_turn():
    """The action a refused one refers to is refused with it (links count both ways)."""
    call = action(purpose="follow_up")
    note = action("email", at=NOW + timedelta(hours=1), purpose="apology_note", refers_to=(call,))
    opt_out = orl.Event(at=NOW - timedelta(days=1), kind="opt_out", channel="email")
    result = orl.plan(ADA, [opt_out], now=NOW, playbook=proposing(call, note))
    assert result.actions == ()
    assert {a.purpose: a.vetoed_by for a in result.vetoed} == {
        "apology_note": "do_not_contact",
        "follow_up": "linked",
    }


def test_a_refusal_spreads_along_a_chain_of_links():
    """A refusal reaches every action linked to it through others, whatever their times."""
    note = action("email", at=NOW + timedelta(hours=2), purpose="apology_note")
    call = action(at=NOW + timedelta(days=1), purpose="follow_up", refers_to=(note,))
    letter = action(
        "note", at=NOW + timedelta(hours=1), purpose="letter", to="1 Main Street", refers_to=(call,)
    )
    opt_out = orl.Event(at=NOW - timedelta(days=1), kind="opt_out", channel="email")
    result = orl.plan(ADA, [opt_out], now=NOW, playbook=proposing(note, call, letter))
    assert result.actions == ()
    assert {a.purpose: a.vetoed_by for a in result.vetoed} == {
        "apology_note": "do_not_contact",
        "follow_up": "linked",
        "letter": "linked",
    }


def test_the_plan_names_its_playbook_and_joins_every_halt():
    """A plan carries the playbook's name; several halts are joined, in policy order."""
    halts = (Halt(reason="first reason", policy="a"), Halt(reason="second reason", policy="b"))
    result = orl.plan(ADA, [], now=NOW, playbook=proposing(*halts))
    assert result.playbook == "pipeline"
    assert result.halted == "first reason; second reason"
    assert orl.plan(ADA, [], now=NOW, playbook=proposing(action())).playbook == "pipeline"


def only_one(action: Action, *, situation: Situation, planned: tuple[Action, ...]) -> Action | Veto:
    """A guard that allows one action per plan, like a strict frequency cap."""
    return Veto(reason="one action per plan") if planned else action


def test_among_actions_at_the_same_time_the_higher_priority_is_decided_first():
    """Proposals at one instant meet the guards highest priority first; the plan lists them so."""
    low = action("email", priority=10, purpose="check_in")
    high = action("email", priority=90, purpose="follow_up", to="lovelace@example.com")
    playbook = attrs.evolve(proposing(low, high), guards=(only_one,))
    result = orl.plan(ADA, [], now=NOW, playbook=playbook)
    assert [a.purpose for a in result.actions] == ["follow_up"]
    assert [a.vetoed_by for a in result.vetoed] == ["only_one"]
    both = orl.plan(ADA, [], now=NOW, playbook=proposing(low, high))
    assert [a.priority for a in both.actions] == [90, 10]


def test_tied_proposals_are_decided_in_purpose_order_whatever_order_they_come_in():
    """Of two proposals tied in time, priority and channel, the guards see the one first in
    purpose order first, so the plan does not depend on the order policies propose them."""
    intro = action("email", purpose="intro")
    check_in = action("email", purpose="check_in", to="lovelace@example.com")
    for items in ((intro, check_in), (check_in, intro)):
        playbook = attrs.evolve(proposing(*items), guards=(only_one,))
        result = orl.plan(ADA, [], now=NOW, playbook=playbook)
        assert [a.purpose for a in result.actions] == ["check_in"]
        assert [a.purpose for a in result.vetoed] == ["intro"]


def test_ties_in_time_priority_and_channel_are_ordered_by_purpose_then_address():
    """Actions tied in time, priority and channel are listed by purpose, then by address."""
    second = action("email", purpose="intro", to="lovelace@example.com")
    first = action("email", purpose="intro", to=EMAIL)
    earlier_purpose = action("email", purpose="check_in", to="lovelace@example.com")
    result = orl.plan(ADA, [], now=NOW, playbook=proposing(second, earlier_purpose, first))
    assert [(a.purpose, a.to) for a in result.actions] == [
        ("check_in", "lovelace@example.com"),
        ("intro", EMAIL),
        ("intro", "lovelace@example.com"),
    ]


def later(action: Action, *, situation: Situation, planned: tuple[Action, ...]) -> Action:
    """A guard that always wants the action a minute later."""
    return move(action, action.earliest + timedelta(minutes=1), reason="later", guard="later")


def sooner(action: Action, *, situation: Situation, planned: tuple[Action, ...]) -> Action:
    """A guard that always wants the action a minute sooner."""
    return move(action, action.earliest - timedelta(minutes=1), reason="sooner", guard="sooner")


def test_guards_that_never_agree_get_the_action_refused_not_looped_on():
    """Two guards that keep moving an action make the engine veto it after a few rounds."""
    playbook = attrs.evolve(proposing(action(at=NOW + timedelta(hours=1))), guards=(later, sooner))
    result = orl.plan(ADA, [], now=NOW, playbook=playbook)
    assert result.actions == ()
    (refused,) = result.vetoed
    assert refused.vetoed_by == "engine"
    assert refused.reasons[-1] == (
        "engine: the guards kept moving this action; no time satisfies all of them"
    )


def same(action: Action, *, situation: Situation, planned: tuple[Action, ...]) -> Action:
    """A guard that allows every action by handing back an equal copy."""
    return attrs.evolve(action)


def test_a_guard_may_allow_an_action_by_returning_an_equal_copy():
    """An equal copy counts as allowing the action: it is planned, not moved or refused."""
    playbook = attrs.evolve(proposing(action()), guards=(same, same))
    (planned,) = orl.plan(ADA, [], now=NOW, playbook=playbook).actions
    assert planned.moved_by == ()
    assert planned.earliest == NOW


def not_on_the_half_hour(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """A guard that refuses actions starting at half past."""
    return Veto(reason="half past") if action.earliest.minute == 30 else action


def to_the_half_hour(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action:
    """A guard that moves actions on the hour to half past."""
    if action.earliest.minute != 0:
        return action
    return move(action, action.earliest.replace(minute=30), reason="half", guard="half")


def test_every_other_guard_sees_an_action_after_a_guard_moved_it():
    """A guard before the one that moved an action checks the moved action again."""
    playbook = attrs.evolve(proposing(action()), guards=(not_on_the_half_hour, to_the_half_hour))
    result = orl.plan(ADA, [], now=NOW, playbook=playbook)
    assert result.actions == ()
    assert [a.vetoed_by for a in result.vetoed] == ["not_on_the_half_hour"]


def test_business_hours_move_an_early_email_and_say_so():
    """An e-mail proposed before opening time is moved to 09:00 by business_hours, with why."""
    early = action("email", at=NOW.replace(hour=7))
    playbook = orl.playbooks.cold_calling()
    playbook = attrs.evolve(playbook, policies=proposing(early).policies)
    (moved,) = orl.plan(ADA, [], now=NOW.replace(hour=6), playbook=playbook).actions
    assert moved.earliest == NOW.replace(hour=9)
    assert moved.moved_by == ("business_hours",)
    assert moved.reasons[-1] == (
        "business_hours: Tue 24 Nov 07:00 EST is outside business hours; moved to the next "
        "opening, Tue 24 Nov 09:00 EST"
    )


@pytest.mark.parametrize(
    ("also", "local_start"),
    [(("America/Chicago",), (9, 0)), (("America/Los_Angeles", "America/Chicago"), (11, 0))],
)
def test_a_number_that_may_ring_elsewhere_is_called_when_lawful_everywhere(also, local_start):
    """At 21:30 in New York the call moves to the next morning lawful in every possible zone,
    written in the prospect's own zone."""
    prospect = attrs.evolve(ADA, possible_timezones=also)
    evening = action(at=NOW.replace(hour=21, minute=30))
    playbook = proposing(evening)
    situation = Situation(prospect, [], now=NOW, playbook=playbook)
    moved = lawful_hours(evening, situation=situation, planned=())
    assert isinstance(moved, Action)
    assert moved.earliest.tzinfo is NEW_YORK
    assert moved.latest.tzinfo is NEW_YORK
    assert (moved.earliest.day, moved.earliest.hour, moved.earliest.minute) == (25, *local_start)
    for calendar in (situation.lawful, *situation.also_lawful):
        assert calendar.is_open(moved.earliest), calendar.timezone
    assert moved.reasons[-1].startswith("lawful_hours: ")
    assert (
        " one of the zones this number may ring in; the most restrictive window applies; moved "
        "to the next opening" in moved.reasons[-1]
    )


def test_a_move_for_another_zone_is_checked_again_in_the_prospects_own():
    """A move into the eastern zone's hours that is too early in the prospect's own zone is
    moved again, so the call is lawful in both."""
    los_angeles = ZoneInfo("America/Los_Angeles")
    prospect = attrs.evolve(
        ADA, timezone="America/Los_Angeles", region="CA", possible_timezones=("America/New_York",)
    )
    evening = action(at=datetime(2026, 11, 24, 19, 0, tzinfo=los_angeles))
    situation = Situation(prospect, [], now=NOW, playbook=proposing(evening))
    moved = lawful_hours(evening, situation=situation, planned=())
    assert isinstance(moved, Action)
    assert moved.earliest == datetime(2026, 11, 25, 8, 0, tzinfo=los_angeles)
    assert moved.earliest.tzinfo is los_angeles
    for calendar in (situation.lawful, *situation.also_lawful):
        assert calendar.is_open(moved.earliest), calendar.timezone


def test_do_not_contact_runs_before_every_other_guard():
    """A call on a channel the prospect opted out of is refused by do_not_contact, even when a
    registry would refuse it too."""
    listed = attrs.evolve(ADA, flags={"on_national_dnc"}, consumer=True)
    opt_out = orl.Event(at=NOW - timedelta(days=1), kind="opt_out", channel="call")
    result = orl.plan(listed, [opt_out], now=NOW, playbook=proposing(action()))
    assert [a.vetoed_by for a in result.vetoed] == ["do_not_contact"]
    result = orl.plan(listed, [], now=NOW, playbook=proposing(action()))
    assert [a.vetoed_by for a in result.vetoed] == ["registries"]


def test_the_do_not_contact_guard_refuses_on_its_own_too():
    """Called directly, do_not_contact vetoes a prospect who opted out, naming when and how."""
    stop = orl.Attempt(at=NOW - timedelta(days=1), channel="call", outcome="do_not_contact")
    situation = Situation(ADA, [stop], now=NOW, playbook=proposing())
    refused = do_not_contact(action(), situation=situation, planned=())
    assert refused == Veto(
        reason="do not contact: the prospect asked on Mon 23 Nov 2026 10:00 EST (call attempt)"
    )
    opt_out = orl.Event(at=NOW - timedelta(days=2), kind="opt_out")
    situation = Situation(ADA, [opt_out], now=NOW, playbook=proposing())
    assert do_not_contact(action(), situation=situation, planned=()) == Veto(
        reason="do not contact: opt-out received on Sun 22 Nov 2026 10:00 EST"
    )


def not_a_verdict(action: Action, *, situation: Situation, planned: tuple[Action, ...]) -> str:
    """A broken guard: it returns text."""
    return "fine"


def not_a_proposal(*, situation: Situation) -> list[str]:
    """A broken policy: it proposes text."""
    return ["call them"]


def test_broken_policies_guards_and_playbooks_are_named_in_the_error():
    """A policy or guard returning anything else, or a playbook that is not one, is a TypeError
    that names it and says what is expected."""
    guarded = attrs.evolve(proposing(action()), guards=(not_a_verdict,))
    with pytest.raises(
        TypeError,
        match=r"^guard not_a_verdict returned 'fine'; a guard returns the action, "
        r"a moved action or a Veto$",
    ):
        orl.plan(ADA, [], now=NOW, playbook=guarded)
    broken = Playbook(policies=(not_a_proposal,), guards=(), name="broken")
    with pytest.raises(
        TypeError,
        match=r"^policy not_a_proposal returned 'call them'; a policy returns Actions or a Halt$",
    ):
        orl.plan(ADA, [], now=NOW, playbook=broken)
    for call in (orl.plan, lambda p, h, **kw: list(orl.plan_many([(p, h)], **kw))):
        with pytest.raises(
            TypeError, match=r"^playbook: expected an orl.Playbook or None, got 'cold_calling'$"
        ):
            call(ADA, [], now=NOW, playbook="cold_calling")


def test_plan_many_names_the_bad_pair_and_a_naive_now():
    """plan_many says which item is not a (prospect, history) pair, and refuses a naive now."""
    with pytest.raises(TypeError, match=r"^pairs\[1\]: expected a \(prospect, history\) pair"):
        list(orl.plan_many([(ADA, []), ADA], now=NOW))
    with pytest.raises(TypeError, match=r"^pairs\[0\]: expected an orl.Prospect first, got 'ada'"):
        list(orl.plan_many([("ada", [])], now=NOW))
    with pytest.raises(TypeError, match=r"^now: "):
        list(orl.plan_many([(ADA, [])], now=NOW.replace(tzinfo=None)))
    (default,) = orl.plan_many([(ADA, [])], now=NOW)
    assert default == orl.plan(ADA, [], now=NOW)
    assert default.playbook == "cold_calling"


# -- the shortcuts of the hot path give the answers of the long way ------------

CHICAGO = ZoneInfo("America/Chicago")


@pytest.mark.parametrize(
    ("now_utc", "moment", "past"),
    [
        # A regular day: wall times in the prospect's zone compare as instants.
        (
            datetime(2026, 11, 24, 15, 0, tzinfo=UTC),
            datetime(2026, 11, 24, 8, 59, tzinfo=CHICAGO),
            True,
        ),
        (
            datetime(2026, 11, 24, 15, 0, tzinfo=UTC),
            datetime(2026, 11, 24, 9, 0, tzinfo=CHICAGO),
            False,
        ),
        # The night clocks go back: 01:15 the second time (CST) comes after 01:30 the first (CDT).
        (
            datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
            datetime(2026, 11, 1, 1, 15, fold=1, tzinfo=CHICAGO),
            False,
        ),
        (
            datetime(2026, 11, 1, 7, 30, tzinfo=UTC),
            datetime(2026, 11, 1, 1, 45, tzinfo=CHICAGO),
            True,
        ),
        # A regular day's moment against a now on the day the clocks change.
        (
            datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
            datetime(2026, 11, 2, 0, 0, tzinfo=CHICAGO),
            False,
        ),
    ],
)
def test_past_or_not_is_decided_by_the_instant_even_when_the_clocks_change(now_utc, moment, past):
    """Situation.is_past compares instants, in the fold as on any regular day."""
    prospect = orl.Prospect(id="p", timezone="America/Chicago", phones=(PHONE,))
    situation = Situation(prospect, (), now=now_utc, playbook=orl.playbooks.cold_calling())
    assert situation.is_past(moment) is past
    assert situation.is_past(moment) is (moment < now_utc)
    expected = situation.local_now if past else moment
    assert situation.not_before_now(moment) == expected


def test_a_playbook_plans_the_same_with_its_places_remembered_or_not():
    """The zones and calendars a playbook keeps per place change no plan, for any place."""
    book = orl.playbooks.cold_calling()
    history = [
        orl.Attempt(
            at=NOW - timedelta(days=2),
            channel=orl.Channel.CALL,
            outcome=orl.Outcome.NO_ANSWER,
            to=PHONE,
        )
    ]
    places = [
        attrs.evolve(ADA, timezone=zone, country=country, region=region)
        for zone, country, region in (
            ("America/New_York", "US", "NY"),
            ("America/Los_Angeles", "US", "CA"),
            ("Europe/Berlin", "DE", None),
            ("America/New_York", None, None),
        )
    ]
    first = [orl.plan(p, history, now=NOW, playbook=book) for p in places]
    assert len(book._compiled.places) == len(places)
    again = [orl.plan(p, history, now=NOW, playbook=book) for p in places]
    fresh = [orl.plan(p, history, now=NOW, playbook=orl.playbooks.cold_calling()) for p in places]
    assert first == again == fresh
    for prospect, plan in zip(places, first, strict=True):
        assert plan.timezone == prospect.timezone
        assert plan.next is None or plan.next.earliest.tzinfo is ZoneInfo(prospect.timezone)


class _StaticHalt:
    """A policy object whose ``__call__`` is a static method."""

    @staticmethod
    def __call__(*, situation: Situation) -> tuple[Halt, ...]:
        return (Halt(reason="static policy halts", policy="static"),)


@attrs.frozen
class _MethodHalt:
    """A policy object with a plain ``__call__``."""

    reason: str = "method policy halts"

    def __call__(self, *, situation: Situation) -> tuple[Halt, ...]:
        return (Halt(reason=self.reason, policy="method"),)


@pytest.mark.parametrize(
    ("policy", "reason"),
    [(_StaticHalt(), "static policy halts"), (_MethodHalt(), "method policy halts")],
)
def test_policy_objects_are_called_as_their_class_defines_it(policy, reason):
    """A policy object is called with its own ``__call__``, static or not, as Python would."""
    plan = orl.plan(ADA, (), now=NOW, playbook=Playbook(policies=(policy,)))
    assert plan.halted == reason


def test_business_hours_trust_only_the_very_action_a_policy_placed():
    """The business-hours guard spares its second look only for the action ``propose`` placed:
    one that a guard before it moved out of hours is moved back in, with the guard's reason."""
    from outreach_rules.guards.business_hours import BusinessHours
    from outreach_rules.policies._common import propose

    def intro(*, situation: Situation) -> list[Action]:
        at = datetime(2026, 11, 24, 11, 0, tzinfo=NEW_YORK)
        return [
            propose(
                situation, channel=orl.Channel.CALL, purpose="intro", earliest=at,
                policy="intro", reasons=("test",), to=PHONE,
            )
        ]  # fmt: skip

    def late(action: Action, *, situation: Situation, planned: tuple[Action, ...]) -> Action:
        evening = action.earliest.replace(hour=22)
        if action.earliest.hour == 22 or "business_hours" in action.moved_by:
            return action
        return move(action, evening, reason="pushed to the evening", guard="late")

    book = Playbook(policies=(intro,), guards=(late, BusinessHours()), name="pipeline")
    (action,) = orl.plan(ADA, [], now=NOW, playbook=book).actions
    assert action.moved_by == ("late", "business_hours")
    assert action.earliest == datetime(2026, 11, 25, 9, 0, tzinfo=NEW_YORK)
    assert action.reasons[-1].startswith("business_hours: Tue 24 Nov 22:00 EST is outside")

    plain = Playbook(policies=(intro,), guards=(BusinessHours(),), name="pipeline")
    (kept,) = orl.plan(ADA, [], now=NOW, playbook=plain).actions
    assert kept.moved_by == ()
    assert kept.earliest == datetime(2026, 11, 24, 11, 0, tzinfo=NEW_YORK)
