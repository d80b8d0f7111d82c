"""Simulation: the production engine in a loop, reproducible, bounded, honest about its inputs."""

from __future__ import annotations

import functools
import random
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outreach_rules as orl
from _runs import by_prospect
from outreach_rules import simulation as sim
from outreach_rules.policies.direct_mail import DirectMail
from outreach_rules.policies.follow_up import FollowUp

COLD = orl.playbooks.cold_calling()
MAIL = orl.playbooks.direct_mail()
DAYS = 30


@functools.cache
def people(n: int = 40, seed: int = 0) -> tuple[orl.Prospect, ...]:
    return sim.population(n, seed=seed)


@functools.cache
def cold_run(seed: int = 0) -> sim.Run:
    return sim.simulate(COLD, people(), days=DAYS, seed=seed)


def history_before(run: sim.Run, prospect_id: str, seq: int) -> list[orl.Attempt | orl.Event]:
    return list(run.history(prospect_id)[:seq])


# -- reproducibility -------------------------------------------------------------------


def test_same_seed_gives_identical_records():
    """The same arguments give identical prospect, attempt and event records."""
    again = sim.simulate(COLD, people(), days=DAYS, seed=0)
    first = cold_run()
    assert again.prospects == first.prospects
    assert again.attempts == first.attempts
    assert again.events == first.events
    assert again.summary() == first.summary()


def test_split_population_gives_the_same_records():
    """Simulating two halves apart and joining them gives exactly the one-run records."""
    whole = cold_run()
    first = sim.simulate(COLD, people()[:17], days=DAYS, seed=0)
    second = sim.simulate(COLD, people()[17:], days=DAYS, seed=0)
    joined = sim.Run.concat([first, second])
    assert joined == whole
    parts = sim.Summary.combine([first.summary(), second.summary()], runs=1)
    assert parts.meetings == whole.summary().meetings
    assert parts.attempts_by_channel == whole.summary().attempts_by_channel
    assert parts.days_to_meeting == whole.summary().days_to_meeting


def test_reordering_the_population_changes_no_prospect():
    """Each prospect's records are the same whatever the order of the population."""
    shuffled = list(people())
    random.Random(5).shuffle(shuffled)
    reordered = sim.simulate(COLD, shuffled, days=DAYS, seed=0)
    assert by_prospect(reordered) == by_prospect(cold_run())
    assert [p.prospect_id for p in reordered.prospects] == [p.id for p in shuffled]


def test_a_different_seed_gives_different_results():
    """Another seed draws other luck."""
    assert cold_run(1).attempts != cold_run(0).attempts


def test_the_same_prospect_meets_the_same_luck_under_every_strategy():
    """Common random numbers: strategies that act alike at first get the same first outcomes."""
    slower = orl.playbooks.cold_calling(follow_up=FollowUp(delays=(2, 3, 5)))
    other = sim.simulate(slower, people(), days=DAYS, seed=0)
    firsts = {a.prospect_id: a.attempt for a in cold_run().attempts if a.seq == 0}
    assert firsts == {a.prospect_id: a.attempt for a in other.attempts if a.seq == 0}


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**40), size=st.integers(1, 6), cut=st.integers(0, 6))
def test_any_split_of_any_population_gives_the_same_records(seed, size, cut):
    """For any seed, population and cut, the parts' records joined equal the whole's."""
    crowd = sim.population(size, seed=seed)
    whole = sim.simulate(COLD, crowd, days=14, seed=seed)
    parts = [crowd[: min(cut, size)], crowd[min(cut, size) :]]
    runs = [sim.simulate(COLD, part, days=14, seed=seed) for part in parts if part]
    assert sim.Run.concat(runs) == whole


# -- the engine decides, within its rules -----------------------------------------------


def test_every_attempt_is_the_action_the_engine_planned():
    """Re-planning at each attempt's planning moment gives that action, with the attempt inside
    its window, and every call falls in lawful hours."""
    prospects = {p.id: p for p in people()}
    for book in (COLD, MAIL):
        run = cold_run() if book is COLD else sim.simulate(MAIL, people(), days=DAYS)
        assert run.attempts
        for record in run.attempts:
            prospect = prospects[record.prospect_id]
            history = history_before(run, record.prospect_id, record.seq)
            plan = orl.plan(prospect, history, now=record.planned_at, playbook=book)
            action = plan.next
            assert plan.halted is None
            assert action is not None
            assert (action.channel, str(action.purpose), action.to, action.policy) == (
                record.channel,
                record.purpose,
                record.attempt.to,
                record.policy,
            )
            assert action.earliest <= record.at
            assert record.at < action.latest or record.at == action.earliest
            if record.channel is orl.Channel.CALL:
                # The law for this kind of recipient: France's hours bind consumers only.
                lawful = orl.compliance.permitted(prospect, record.at, consumer=prospect.consumer)
                assert lawful, record


def test_nothing_happens_outside_the_period():
    """Every attempt and event falls on or after the start and before the end."""
    run = cold_run()
    for item in (*run.attempts, *run.events):
        assert run.start <= item.at < run.end


def test_a_halted_plan_ends_the_prospect():
    """A prospect is halted when the simulation stops, and nothing follows do-not-contact."""
    run = cold_run()
    for prospect_id, (record, attempts, _events) in by_prospect(run).items():
        if record.exit is sim.Exit.HALTED:
            plan = orl.plan(
                {p.id: p for p in people()}[prospect_id],
                run.history(prospect_id),
                now=run.end,
                playbook=COLD,
            )
            assert plan.halted
        outcomes = [a.outcome for a in attempts]
        if orl.Outcome.DO_NOT_CONTACT in outcomes:
            assert outcomes[-1] is orl.Outcome.DO_NOT_CONTACT


class Refuser:
    """Everyone asks not to be called again, and calls back anyway a day later."""

    name = "refuser"

    def respond(self, *, prospect, action, history, at, rng):
        callback = orl.Event(at=at + timedelta(days=1), kind="callback", channel="call")
        return sim.Response(outcome="do_not_contact", inbound=(callback,))


def test_no_attempt_after_do_not_contact_even_when_they_call_back():
    """After do-not-contact the only thing that happens is their own call; we never act again."""
    run = sim.simulate(COLD, people(10), days=DAYS, model=Refuser())
    assert len(run.attempts) == 10
    assert len(run.events) == 10
    assert all(p.exit is sim.Exit.HALTED and p.do_not_contact for p in run.prospects)
    assert run.summary().do_not_contact == 10


class Chatty:
    """Every call is a pleasant conversation that leads nowhere, so follow-ups never end."""

    name = "chatty_forever"

    def respond(self, *, prospect, action, history, at, rng):
        if action.channel == "call":
            return sim.Response(outcome="connected")
        return sim.Response(outcome="sent")


def test_the_loop_bound_stops_a_prospect_and_is_counted():
    """No prospect gets more actions than max_actions, and those stopped are counted."""
    run = sim.simulate(COLD, people(12), days=365, model=Chatty(), max_actions=15)
    assert max(p.attempts for p in run.prospects) <= 15
    hits = [p for p in run.prospects if p.exit is sim.Exit.LOOP_BOUND]
    assert hits
    assert all(p.attempts == 15 for p in hits)
    assert run.summary().loop_bound_hits == len(hits)


# -- the response model ---------------------------------------------------------------------


def test_first_mailing_response_is_near_the_documented_figure():
    """About 2 % of prospects answer a first letter, the field figure FieldModel defaults to."""
    letter_only = orl.playbooks.direct_mail(
        mail=DirectMail(every_days=365, check_in_after_days=400)
    )
    crowd = sim.population(4000, seed=7, address_share=1.0)
    run = sim.simulate(letter_only, crowd, days=60, seed=7)
    sent = {a.prospect_id for a in run.attempts if a.channel == "note" and a.outcome == "sent"}
    answered = {e.prospect_id for e in run.events if e.kind == "callback"} & sent
    assert len(sent) > 3800
    assert sim.FieldModel().first_mailing_response == 0.02
    assert 0.013 < len(answered) / len(sent) < 0.027


def mail_action(channel: str, purpose: str, to: str = "1 Main Street") -> orl.Action:
    moment = datetime(2026, 1, 5, 10, tzinfo=ZoneInfo("America/New_York"))
    return orl.Action(
        channel=channel,
        purpose=purpose,
        earliest=moment,
        latest=moment + timedelta(hours=1),
        reasons=("test",),
        policy="test",
        to=to,
    )


def test_postcard_response_per_card_matches_a_quarter_over_the_series():
    """Each postcard draws about 1 − 0.75^(1/12) ≈ 2.4 % answers: a quarter over 12 cards."""
    model = sim.FieldModel()
    assert 1 - (1 - model.postcard_response) ** 12 == pytest.approx(0.25)
    prospect = people()[0]
    card = mail_action("postcard", "drip")
    letter = orl.Attempt(
        at=card.earliest - timedelta(days=30), channel="note", outcome="sent", to=card.to
    )
    rng = random.Random(11)
    answers = 0
    for _ in range(20000):
        response = model.respond(
            prospect=prospect, action=card, history=[letter], at=card.earliest, rng=rng
        )
        answers += bool(response.inbound)
    assert 0.019 < answers / 20000 < 0.029


def call_action(purpose: str, to: str) -> orl.Action:
    moment = datetime(2026, 1, 6, 10, tzinfo=ZoneInfo("America/New_York"))
    return orl.Action(
        channel="call",
        purpose=purpose,
        earliest=moment,
        latest=moment + timedelta(hours=1),
        reasons=("test",),
        policy="test",
        to=to,
    )


def test_receptionists_help_more_when_asked():
    """Asking the receptionist for help brings a number or a time back more often."""
    switchboard = orl.Phone(number="+12125550100", kind="switchboard")
    prospect = orl.Prospect(id="r", timezone="America/New_York", phones=[switchboard])
    model = sim.FieldModel()
    yesterday = datetime(2026, 1, 5, 15, tzinfo=ZoneInfo("UTC"))
    earlier = [
        orl.Attempt(at=yesterday, channel="call", outcome="no_answer", to=switchboard.number)
    ]

    def helped(purpose: str) -> int:
        rng = random.Random(3)
        action = call_action(purpose, "+12125550100")
        count = 0
        for _ in range(4000):
            response = model.respond(
                prospect=prospect, action=action, history=earlier, at=action.earliest, rng=rng
            )
            count += response.resume_at is not None or response.new_phone is not None
        return count

    assert helped("ask_gatekeeper") > 2 * helped("follow_up")


def test_the_model_only_produces_outcomes_valid_for_the_channel():
    """Every attempt of a mixed run has an outcome its channel allows."""
    run = sim.simulate(MAIL, people(), days=60)
    for record in (*run.attempts, *cold_run().attempts):
        assert record.outcome in orl.outcomes.valid_outcomes(record.channel)


class SaysSentOnACall:
    """A broken model: a call cannot be 'sent'."""

    name = "broken_model"

    def respond(self, *, prospect, action, history, at, rng):
        return sim.Response(outcome="sent")


def test_an_invalid_outcome_names_the_model():
    """An outcome the channel does not allow raises a ValueError naming the model."""
    with pytest.raises(ValueError, match=r"response model broken_model: outcome 'sent' cannot"):
        sim.simulate(COLD, people(1), days=DAYS, model=SaysSentOnACall())


class AnswersInThePast:
    """A broken model: its callback comes before the call."""

    name = "time_traveller"

    def respond(self, *, prospect, action, history, at, rng):
        back = orl.Event(at=at - timedelta(hours=1), kind="callback")
        return sim.Response(outcome="no_answer", inbound=(back,))


def test_an_inbound_event_before_its_attempt_names_the_model():
    """An inbound event not after its attempt raises a ValueError naming the model."""
    with pytest.raises(ValueError, match=r"response model time_traveller: inbound\[0\]"):
        sim.simulate(COLD, people(1), days=DAYS, model=AnswersInThePast())


@pytest.mark.parametrize("cls", [sim.FieldModel, sim.Costs])
def test_every_default_is_documented(cls):
    """Each field of the default model and of the costs is named in the class docstring."""
    import attrs

    for field in attrs.fields(cls):
        if field.name != "name":
            assert f"``{field.name}``" in cls.__doc__, field.name


def test_field_model_refuses_bad_probabilities():
    """A probability outside [0, 1] or a conversation over 1 is refused, naming the field."""
    with pytest.raises(ValueError, match="busy"):
        sim.FieldModel(busy=1.5)
    with pytest.raises(ValueError, match="at most 1"):
        sim.Conversation(
            meeting_booked=0.5,
            interested=0.5,
            callback_requested=0.1,
            bad_timing=0,
            not_interested=0,
            hung_up=0,
            do_not_contact=0,
        )
    with pytest.raises(ValueError, match="hour_effect"):
        sim.FieldModel(hour_effect=(1.0,) * 23)


# -- results ---------------------------------------------------------------------------


@functools.cache
def comparison() -> sim.Comparison:
    return sim.compare({"calls": COLD, "mail": MAIL}, 25, days=DAYS, runs=3, seed=2, resamples=300)


def test_compare_gives_intervals_around_each_estimate():
    """Every defined estimate lies inside its interval; undefined ones have no bounds."""
    result = comparison()
    assert len(result.estimates) == 2 * len(sim.METRICS)
    for estimate in result.estimates:
        if estimate.point is None:
            assert (estimate.low, estimate.high) == (None, None)
        else:
            assert estimate.low <= estimate.point <= estimate.high
    assert result.estimate("calls", "meetings").point is not None
    table = result.table()
    assert "calls" in table
    assert "95% interval" in table


def test_compare_frames_have_the_documented_columns():
    """to_pandas and to_polars give one row per strategy with COLUMNS."""
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    result = comparison()
    frame = result.to_pandas()
    assert list(frame.columns) == list(sim.COLUMNS)
    assert list(frame["strategy"]) == ["calls", "mail"]
    polars_frame = result.to_polars()
    assert polars_frame.columns == list(sim.COLUMNS)
    assert polars_frame.height == 2


def test_plot_returns_a_figure_with_three_axes():
    """plot() returns a matplotlib Figure: funnel, cumulative meetings, attempts per channel."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = comparison().plot()
    assert isinstance(figure, Figure)
    assert len(figure.axes) == 3


def test_a_missing_library_says_how_to_install_it(monkeypatch):
    """Without polars, to_polars raises an ImportError naming the [sim] extra."""
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r'pip install "outreach-rules\[sim\]"'):
        comparison().to_polars()


def test_summary_counts_add_up():
    """The summary's counts match the records."""
    run = cold_run()
    summary = run.summary()
    assert summary.prospects == len(run.prospects)
    assert summary.attempts == len(run.attempts) == sum(n for _, n in summary.attempts_by_channel)
    assert summary.meetings == sum(p.meeting_at is not None for p in run.prospects)
    assert sum(summary.meetings_by_day) == summary.meetings
    if summary.meetings:
        assert summary.calls_per_meeting == summary.calls / summary.meetings
    assert "calls per meeting" in summary.table()


# -- input ------------------------------------------------------------------------------


def test_population_is_deterministic_and_prefix_stable():
    """population(n) is the first n of a larger one, and every prospect has a number."""
    assert sim.population(20, seed=4) == sim.population(40, seed=4)[:20]
    crowd = sim.population(60)
    assert all(p.phones for p in crowd)
    assert {p.country for p in crowd} >= {"US", "GB", "SE"}
    assert len({p.id for p in crowd}) == 60


@pytest.mark.parametrize(
    ("arguments", "error", "match"),
    [
        ({"days": 0}, ValueError, "days"),
        ({"days": 1.5}, TypeError, "days"),
        ({"seed": "x"}, TypeError, "seed"),
        ({"max_actions": 0}, ValueError, "max_actions"),
        ({"jitter": timedelta(hours=-1)}, ValueError, "jitter"),
        ({"start": datetime(2026, 1, 5, 9)}, TypeError, "start"),
        ({"model": object()}, TypeError, "model"),
        ({"costs": 3}, TypeError, "costs"),
        ({"progress": "yes"}, TypeError, "progress"),
    ],
)
def test_bad_settings_are_refused_by_name(arguments, error, match):
    """Each bad argument raises an error that names it."""
    with pytest.raises(error, match=match):
        sim.simulate(COLD, 2, **arguments)


def test_a_population_from_start_is_the_slice_of_a_larger_one():
    """population(n, start=k) is prospects k to k + n of a larger one, colleagues included."""
    assert sim.population(15, seed=4, start=25) == sim.population(40, seed=4)[25:]
    together = sim.population(40, seed=4, contacts_per_account=3)
    assert sim.population(15, seed=4, contacts_per_account=3, start=25) == together[25:]
    for bad in (-1, 1.5, "3"):
        with pytest.raises((TypeError, ValueError), match="start"):
            sim.population(5, start=bad)


def test_bad_populations_and_strategies_are_refused_by_name():
    """Populations, runs and strategies of the wrong shape raise errors naming them."""
    with pytest.raises(TypeError, match="population"):
        sim.simulate(COLD, "abc")
    with pytest.raises(TypeError, match=r"population\[1\]"):
        sim.simulate(COLD, [people()[0], "p2"])
    with pytest.raises(ValueError, match="unique"):
        sim.simulate(COLD, [people()[0], people()[0]])
    with pytest.raises(TypeError, match="playbook"):
        sim.simulate("cold_calling", 2)
    with pytest.raises(ValueError, match="runs"):
        sim.compare({"calls": COLD}, 2, runs=0)
    with pytest.raises(TypeError, match="strategies"):
        sim.compare([COLD], 2)
    with pytest.raises(TypeError, match=r"strategies\['calls'\]"):
        sim.compare({"calls": "cold"}, 2)


def test_progress_can_be_forced_on_and_off(capsys):
    """progress=True writes a bar to stderr; progress=False writes nothing."""
    sim.simulate(COLD, 3, days=5, progress=False)
    assert capsys.readouterr().err == ""
    sim.simulate(COLD, 3, days=5, progress=True)
    assert "3/3" in capsys.readouterr().err


def test_progress_falls_back_to_a_plain_counter_without_rich(capsys, monkeypatch):
    """Without rich the progress bar is a plain counter on stderr."""
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    sim.simulate(COLD, 4, days=5, progress=True)
    assert "4/4 (100%)" in capsys.readouterr().err


def test_the_progress_of_one_strategy_says_simulating(capsys, monkeypatch):
    """compare() with one strategy labels its progress "simulating", with two "comparing"."""
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    sim.compare({"calls": COLD}, 3, days=5, runs=1, progress=True)
    err = capsys.readouterr().err
    assert "simulating calls" in err
    assert "comparing" not in err
    sim.compare(
        {"calls": COLD, "mail": orl.playbooks.direct_mail()}, 2, days=5, runs=1, progress=True
    )
    assert "comparing strategies" in capsys.readouterr().err


def test_importing_the_library_does_not_load_the_simulation():
    """import outreach_rules leaves the simulation and its optional libraries unloaded."""
    code = (
        "import sys, outreach_rules as orl\n"
        "assert 'outreach_rules.simulation' not in sys.modules\n"
        "from outreach_rules import simulation\n"
        "assert orl.simulation is simulation\n"
        "for name in ('pandas', 'polars', 'matplotlib', 'rich'):\n"
        "    assert name not in sys.modules, name\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
