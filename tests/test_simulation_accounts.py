"""Simulation with accounts: colleagues simulated together, planned with or without plan_account."""

from __future__ import annotations

import functools
import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

import outreach_rules as orl
from _runs import by_prospect
from outreach_rules import simulation as sim

BOOK = orl.playbooks.cold_calling()
DAYS = 90
RULES = orl.AccountRules()
# No colleague effects: a model that answers everyone as if alone.
NEUTRAL = sim.FieldModel(colleague_interest=1.0, colleague_covered=0.0)


@functools.cache
def colleagues(n: int = 60, seed: int = 2) -> tuple[orl.Prospect, ...]:
    return sim.population(n, seed=seed, contacts_per_account=3)


@functools.cache
def run_on(seed: int = 4) -> sim.Run:
    return sim.simulate(BOOK, colleagues(), days=DAYS, seed=seed)


def touches_after_a_meeting(run: sim.Run, people: tuple[orl.Prospect, ...]) -> list[object]:
    """Attempts not answering a request, made to anyone at an account after its first meeting."""
    account = {p.id: p.account for p in people}
    first: dict[object, datetime] = {}
    for record in run.attempts:
        if record.outcome is orl.Outcome.MEETING_BOOKED:
            key = account[record.prospect_id]
            first[key] = min(first.get(key, record.at), record.at)
    return [
        record
        for record in run.attempts
        if account[record.prospect_id] in first
        and record.at > first[account[record.prospect_id]]
        and record.purpose not in RULES.exempt
    ]


# -- the population -----------------------------------------------------------------


def test_colleagues_share_their_company_and_keep_their_own_lines():
    """Each run of k prospects shares an account, a place, a company and its switchboard."""
    people = sim.population(10, seed=3, contacts_per_account=3)
    assert [p.account for p in people] == [
        *["p-account-000000"] * 3,
        *["p-account-000001"] * 3,
        *["p-account-000002"] * 3,
        "p-account-000003",
    ]
    for group in (people[0:3], people[3:6], people[6:9]):
        assert len({(p.timezone, p.country, p.city, p.company, p.address) for p in group}) == 1
        boards = {
            tuple(ph for ph in p.phones if ph.kind is orl.PhoneKind.SWITCHBOARD) for p in group
        }
        assert len(boards) == 1
        direct = [ph.number for p in group for ph in p.phones if ph.kind is orl.PhoneKind.DIRECT]
        assert len(direct) == len(set(direct))
        assert all(p.phones for p in group)


def test_a_population_with_accounts_is_the_same_for_a_seed_and_prefix_stable():
    """The same arguments give the same colleagues, and a shorter population is a prefix."""
    assert sim.population(20, seed=5, contacts_per_account=4) == sim.population(
        20, seed=5, contacts_per_account=4
    )
    assert (
        sim.population(9, seed=5, contacts_per_account=4)
        == sim.population(20, seed=5, contacts_per_account=4)[:9]
    )
    assert all(p.account is None for p in sim.population(9, seed=5))


@pytest.mark.parametrize("value", [0, -2, 1.5, True, "3"])
def test_a_bad_number_of_contacts_per_account_is_refused_by_name(value):
    """contacts_per_account must be a whole number of at least 1."""
    with pytest.raises((TypeError, ValueError), match="contacts_per_account"):
        sim.population(5, contacts_per_account=value)


# -- the loop -------------------------------------------------------------------------


def test_colleagues_planned_alone_with_a_model_that_ignores_them_get_their_own_records():
    """Account stop off and no colleague effects: every record is the one of a prospect alone."""
    people = colleagues()
    alone = tuple(attrs.evolve(p, account=None) for p in people)
    together = sim.simulate(BOOK, people, days=DAYS, seed=4, model=NEUTRAL, accounts=False)
    apart = sim.simulate(BOOK, alone, days=DAYS, seed=4, model=NEUTRAL)
    assert together.prospects == apart.prospects
    assert together.attempts == apart.attempts
    assert together.events == apart.events


def test_the_same_seed_gives_the_same_records_whatever_the_order():
    """Simulating the same colleagues again, in reverse order, gives each prospect's records."""
    again = sim.simulate(BOOK, tuple(reversed(colleagues())), days=DAYS, seed=4)
    first = run_on()
    assert first == sim.simulate(BOOK, colleagues(), days=DAYS, seed=4)
    assert by_prospect(again) == by_prospect(first)
    assert sim.simulate(BOOK, colleagues(), days=DAYS, seed=5) != first


def test_no_automated_touch_to_a_colleague_after_a_meeting_when_the_account_stop_is_on():
    """With account stop on, after a meeting nobody at the account gets more than answers."""
    people = colleagues()
    on = run_on()
    off = sim.simulate(BOOK, people, days=DAYS, seed=4, accounts=False)
    assert any(r.outcome is orl.Outcome.MEETING_BOOKED for r in on.attempts)
    assert touches_after_a_meeting(on, people) == []
    assert touches_after_a_meeting(off, people) != []
    stopped = [p for p in on.prospects if p.halted and "automated outreach" in p.halted]
    assert stopped


def test_simulate_account_gives_the_records_of_simulate():
    """One account simulated alone gives its colleagues the records of the whole run."""
    people = colleagues()[:3]
    settings = sim.Settings(days=DAYS, seed=4)
    records = sim.simulate_account(people, BOOK, settings)
    whole = by_prospect(run_on())
    for prospect, (record, made, happened) in zip(people, records, strict=True):
        assert whole[prospect.id] == (record, made, happened)


def test_simulate_account_refuses_other_accounts_and_twice_the_same_id():
    """Colleagues of two accounts, or one prospect twice, are refused naming the problem."""
    people = colleagues()
    settings = sim.Settings(days=10)
    with pytest.raises(ValueError, match="one account"):
        sim.simulate_account(people[2:4], BOOK, settings)
    with pytest.raises(ValueError, match="twice"):
        sim.simulate_account((people[0], people[0]), BOOK, settings)
    with pytest.raises(TypeError, match="accounts"):
        sim.simulate_account(people[:3], BOOK, settings, accounts="on")  # type: ignore[arg-type]


class Plain:
    """A response model whose respond() knows nothing of colleagues."""

    def respond(self, *, prospect, action, history, at, rng):
        return sim.FieldModel().respond(
            prospect=prospect, action=action, history=history, at=at, rng=rng
        )


def test_a_model_that_takes_no_colleagues_answers_them_as_if_alone():
    """A model without a colleagues argument runs, and answers as the neutral field model."""
    people = colleagues(12)
    plain = sim.simulate(BOOK, people, days=30, seed=1, model=Plain(), accounts=False)
    neutral = sim.simulate(BOOK, people, days=30, seed=1, model=NEUTRAL, accounts=False)
    assert plain.attempts == neutral.attempts
    assert plain.summary().attempts > 0


# -- the field model -------------------------------------------------------------------


def test_a_lifted_conversation_multiplies_the_warm_chances_and_stays_a_distribution():
    """Meeting and interest are multiplied; the rest shrinks in proportion; the total stays <= 1."""
    cold = sim.FieldModel().cold
    warm = cold.lifted(1.5)
    assert warm.meeting_booked == pytest.approx(cold.meeting_booked * 1.5)
    assert warm.interested == pytest.approx(cold.interested * 1.5)
    shrink = (1 - 1.5 * 0.12) / (1 - 0.12)
    assert warm.not_interested == pytest.approx(cold.not_interested * shrink)
    assert warm.connected == pytest.approx(cold.connected * shrink)
    assert cold.lifted(1.0) is cold
    hot = cold.lifted(100.0)
    assert hot.meeting_booked + hot.interested == pytest.approx(1.0)
    assert hot.connected == pytest.approx(0.0)


NY = ZoneInfo("America/New_York")
AT = datetime(2026, 3, 4, 14, 0, tzinfo=NY)


def _call() -> tuple[orl.Prospect, orl.Action]:
    prospect = orl.Prospect(
        id="ada", timezone="America/New_York", country="US", region="NY", account="acme",
        phones=(orl.Phone(number="+19175550100", kind="mobile"),),
    )  # fmt: skip
    action = orl.Action(
        channel="call", purpose="intro", earliest=AT, latest=AT + timedelta(hours=1),
        reasons=("a test",), policy="intro_call", to="+19175550100",
    )  # fmt: skip
    return prospect, action


def _colleague_said(outcome: str) -> tuple[tuple[orl.Prospect, tuple[orl.Attempt, ...]], ...]:
    grace = orl.Prospect(id="grace", timezone="America/New_York", account="acme",
                         phones=("+19175550101",))  # fmt: skip
    said = orl.Attempt(at=AT - timedelta(days=2), channel="call", outcome=outcome,
                       to="+19175550101")  # fmt: skip
    return ((grace, (said,)),)


def _meetings(model: sim.FieldModel, colleagues: tuple[object, ...], draws: int = 3000) -> int:
    prospect, action = _call()
    count = 0
    for seed in range(draws):
        response = model.respond(
            prospect=prospect, action=action, history=(), at=AT,
            rng=random.Random(seed), colleagues=colleagues,
        )  # fmt: skip
        count += response.outcome is orl.Outcome.MEETING_BOOKED
    return count


def test_a_colleague_s_interest_makes_a_meeting_likelier():
    """A colleague who showed interest before the call lifts the chance of a meeting."""
    model = sim.FieldModel(answer_mobile=1.0, busy=0.0, wrong_number=0.0)
    alone = _meetings(model, ())
    warm = _meetings(model, _colleague_said("interested"))
    assert warm > alone * 1.25
    assert _meetings(model, ()) == alone


def test_after_a_colleague_s_meeting_a_colleague_reached_may_say_you_already_talk():
    """colleague_covered=1: everyone reached after a colleague's meeting says not interested."""
    model = sim.FieldModel(answer_mobile=1.0, busy=0.0, wrong_number=0.0, colleague_covered=1.0)
    prospect, action = _call()
    response = model.respond(
        prospect=prospect, action=action, history=(), at=AT, rng=random.Random(0),
        colleagues=_colleague_said("meeting_booked"),
    )  # fmt: skip
    assert response.outcome is orl.Outcome.NOT_INTERESTED
    assert response.reason == "a colleague is already talking to you"


# -- comparing, and Dask ------------------------------------------------------------


def test_compare_sets_the_account_rules_per_strategy():
    """The same playbook with the account stop on and off: two strategies, different numbers."""
    people = colleagues(30)
    result = sim.compare(
        {"stop on": BOOK, "off": BOOK}, people, days=60, runs=2, seed=1, resamples=50,
        accounts={"stop on": True, "off": False},
    )  # fmt: skip
    assert result.strategies == ("stop on", "off")
    assert result.summary("stop on").calls < result.summary("off").calls
    alone = sim.compare({"off": BOOK}, people, days=60, runs=2, seed=1, resamples=50,
                        accounts=False)  # fmt: skip
    assert alone.runs_of("off") == result.runs_of("off")


def test_bad_account_settings_are_refused_by_name():
    """An unknown strategy or a value that is not rules, True or False names the field."""
    people = colleagues(6)
    with pytest.raises(KeyError, match="accounts"):
        sim.compare({"a": BOOK}, people, days=5, runs=1, accounts={"b": False})
    with pytest.raises(TypeError, match=r"accounts\['a'\]"):
        sim.compare({"a": BOOK}, people, days=5, runs=1, accounts={"a": "off"})
    with pytest.raises(TypeError, match="accounts"):
        sim.simulate(BOOK, people, days=5, accounts=None)  # type: ignore[arg-type]


def test_dask_keeps_an_account_in_one_chunk_and_gives_the_one_process_results():
    """Chunks smaller than an account still give the run and the comparison of one process."""
    pytest.importorskip("dask")
    people = tuple(reversed(colleagues(24)))
    alone = sim.simulate(BOOK, people, days=40, seed=2)
    assert sim.simulate(BOOK, people, days=40, seed=2, scheduler="sync", chunk_size=2) == alone
    strategies = {"on": BOOK, "off": BOOK}
    kwargs = {"days": 40, "runs": 2, "seed": 2, "resamples": 50,
              "accounts": {"on": True, "off": False}}  # fmt: skip
    assert sim.compare(strategies, people, scheduler="sync", chunk_size=4, **kwargs) == (
        sim.compare(strategies, people, **kwargs)
    )
