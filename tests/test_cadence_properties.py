"""Cadences as data, over generated cadences, prospects and histories: laws and hostile input."""

from __future__ import annotations

import copy
import json
import random
from datetime import timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import _invariants as law
import _json_paths as json_paths
import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.cadences import Cadence, InvalidCadence
from outreach_rules.outcomes import valid_outcomes
from outreach_rules.situation import Situation


@st.composite
def cases(draw: st.DrawFn) -> tuple[Cadence, orl.Prospect, list[Any], Any, orl.Playbook]:
    """A generated cadence as a playbook, a prospect, a history and a moment to plan at."""
    cadence = draw(ors.cadences())
    prospect = draw(ors.prospects())
    now = draw(ors.moments())
    # Half the histories lie in the three months before now, where a cadence is under way.
    naive = now.replace(tzinfo=None)
    recent = ors.histories(prospect, start=naive - timedelta(days=90), end=naive)
    history = draw(ors.histories(prospect) | recent)
    playbook = cadence.to_playbook(
        sender=draw(st.none() | ors.senders()),
        offerings=draw(st.lists(ors.offerings(), max_size=2)),
    )
    return cadence, prospect, history, now, playbook


@given(cases())
def test_generated_cadences_keep_the_engine_invariants(case):
    """Plans of any generated cadence keep the engine's invariants and name the cadence's steps."""
    # One plan checked against every law: generating a cadence costs more than planning it.
    cadence, prospect, history, now, playbook = case
    result = orl.plan(prospect, history, now=now, playbook=playbook)
    assert result == orl.plan(prospect, list(history), now=now, playbook=playbook)
    law.check_plan(result, prospect=prospect, history=history, now=now, playbook=playbook)
    assert orl.from_dict(orl.Plan, orl.to_dict(result)) == result
    for action in (*result.actions, *result.vetoed):
        if action.policy == cadence.name:
            step = cadence.step(action.step)
            chosen = orl.cadences.variant_for(cadence.name, step, prospect.id)
            assert action.variant == (chosen.id if chosen else None)


@given(cases(), st.sampled_from(list(orl.Channel)))
def test_generated_cadences_stop_on_opt_outs(case, channel):
    """An unscoped opt-out halts the plan with no actions; one scoped to a channel stops it."""
    _, prospect, history, now, playbook = case
    stop = orl.Event(at=now, kind=orl.EventKind.OPT_OUT)
    law.halted_for_do_not_contact(orl.plan(prospect, [*history, stop], now=now, playbook=playbook))
    scoped = orl.Event(at=now, kind=orl.EventKind.OPT_OUT, channel=channel)
    result = orl.plan(prospect, [*history, scoped], now=now, playbook=playbook)
    law.nothing_on(result, [channel])


@given(cases(), st.randoms(use_true_random=False))
def test_generated_cadences_ignore_history_order(case, rnd: random.Random):
    """Any permutation of the history gives an equal plan and an equal, consistent position."""
    cadence, prospect, history, now, playbook = case
    shuffled = list(history)
    rnd.shuffle(shuffled)
    first = orl.plan(prospect, history, now=now, playbook=playbook)
    second = orl.plan(prospect, tuple(reversed(shuffled)), now=now, playbook=playbook)
    assert first == second
    assert first.explain() == second.explain()
    here = orl.cadences.position(cadence, Situation(prospect, history, now=now, playbook=playbook))
    there = orl.cadences.position(
        cadence, Situation(prospect, shuffled, now=now, playbook=playbook)
    )
    assert here == there
    ids = {step.id for step in cadence.steps}
    assert (here.step is None) == (here.ended is not None)
    assert here.step is None or here.step in ids
    assert {taken.step for taken in here.taken} <= ids
    assert sum(here.touches.values()) == len(here.taken) + len(here.off_cadence)
    assert (here.round == 0) == (here.enrolled is None)


# Prospects with every contact point, so no step is skipped for want of one; and outcomes that
# retire none (test_cadences covers skipped steps).
_REACHABLE = (
    orl.Prospect(
        id="p-ada",
        timezone="America/New_York",
        name="Ada Lovelace",
        phones=(
            {"number": "+12125550123", "kind": "direct"},
            {"number": "+12125550199", "kind": "switchboard"},
        ),
        emails=("ada@example.com",),
        address="1 Main Street",
        country="US",
        region="NY",
    ),
    orl.Prospect(
        id="p-greta",
        timezone="Europe/Stockholm",
        name="Greta Garbo",
        phones=(
            {"number": "+46701234567", "kind": "mobile"},
            {"number": "+4681234567", "kind": "switchboard"},
        ),
        emails=("greta@example.se",),
        address="Storgatan 1",
        country="SE",
    ),
)
_KEEPING = frozenset({"wrong_number", "bounced", "returned", "do_not_contact"})


@given(ors.cadences(), st.sampled_from(_REACHABLE), ors.moments(), st.data())
def test_doing_what_the_cadence_proposes_carries_out_that_step(cadence, prospect, start, data):
    """An attempt made as a cadence's action proposes is read back as that step, taken."""
    playbook = cadence.to_playbook()
    history: list[orl.Attempt] = []
    now = start
    for _ in range(6):
        result = orl.plan(prospect, history, now=now, playbook=playbook)
        proposed = [a for a in result.actions if a.policy == cadence.name]
        if not proposed:
            break
        action = proposed[0]
        outcomes = sorted(
            o.value for o in valid_outcomes(action.channel) if o.value not in _KEEPING
        )
        history.append(
            orl.Attempt(
                at=action.earliest,
                channel=action.channel,
                outcome=data.draw(st.sampled_from(outcomes)),
                to=action.to,
            )
        )
        now = action.earliest + timedelta(minutes=1)
        situation = Situation(prospect, history, now=now, playbook=playbook)
        taken = orl.cadences.position(cadence, situation).taken
        assert taken
        assert (taken[-1].step, taken[-1].attempt) == (action.step, history[-1])


@given(ors.cadences())
def test_cadences_round_trip_through_dicts_and_json_text(cadence):
    """from_dict(to_dict(c)) == c, and the JSON text of to_dict(c) loads back into c."""
    data = orl.to_dict(cadence)
    assert orl.from_dict(Cadence, data) == cadence
    assert orl.cadences.loads(json.dumps(data), format="json", source="c.json") == cadence


# -- hostile input --------------------------------------------------------------------------

_NEAR_VALID = st.sampled_from(
    ["call", "email", "end", "09:00", "25:00", "mon", "after", "never", "business_days", ""]
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | _NEAR_VALID,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8) | _NEAR_VALID, children, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """The dict of a valid cadence after one to three drops, replacements or step renames."""
    data = json.loads(json.dumps(orl.to_dict(draw(ors.cadences()))))
    for _ in range(draw(st.integers(1, 3))):
        data = copy.deepcopy(data)
        how = draw(st.sampled_from(["drop", "replace", "rename"]))
        steps = data.get("steps") if isinstance(data, dict) else None
        if how == "rename" and isinstance(steps, list) and steps:
            # A renamed step leaves the branches and nexts that named it pointing nowhere.
            step = steps[draw(st.integers(0, len(steps) - 1))]
            if isinstance(step, dict):
                ids = [
                    s["id"] for s in steps if isinstance(s, dict) and isinstance(s.get("id"), str)
                ]
                step["id"] = draw(_JSON | st.sampled_from(["end", "x", *ids]))
            continue
        places = json_paths.places(data)
        if not places:
            data = draw(_JSON)
            break
        path = draw(st.sampled_from(places))
        parent = json_paths.parent(data, path)
        if how == "drop":
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(_JSON)
    return data


def _read(text: str, fmt: str) -> Cadence | tuple[orl.cadences.Problem, ...]:
    """The cadence ``text`` holds, or the problems InvalidCadence reports; anything else raises."""
    try:
        return orl.cadences.loads(text, format=fmt, source=f"fuzz.{fmt}")
    except InvalidCadence as exc:
        return exc.found


@given(mutated())
def test_mutated_cadence_json_loads_or_raises_located_problems(data):
    """A mangled cadence loads or raises InvalidCadence, each problem with a message and a path."""
    read = _read(json.dumps(data), "json")
    if isinstance(read, Cadence):
        return
    assert read
    for problem in read:
        assert problem.message.strip()
        assert problem.path.strip()
        assert problem.pointer == "" or problem.pointer.startswith("/")
        assert problem.source == "fuzz.json"


_EXAMPLE_LINES = [
    'name = "x"',
    "[[steps]]",
    'id = "a"',
    'channel = "call"',
    'channel = "fax"',
    "day = 3",
    'wait = { business_days = 1, since = "arrival" }',
    'window = { start = "06:00", end = "07:30" }',
    'on = { gatekeeper = "b" }',
    'next = "end"',
    "[exit]",
    "max_total = 0",
    "[[steps.variants]]",
    "weight = 0",
    'policies = ["wave", { use = "follow_up", delays = "x" }]',
    "[re_enrol]",
    'rule = "after"',
    "= = =",
    '"""',
]


@given(st.text(max_size=200) | st.lists(st.sampled_from(_EXAMPLE_LINES)).map("\n".join))
def test_arbitrary_toml_text_raises_only_invalid_cadence(text):
    """Any text read as TOML gives a Cadence or an InvalidCadence, never another exception."""
    read = _read(text, "toml")
    if not isinstance(read, Cadence):
        assert read
        assert all(problem.message.strip() and problem.path for problem in read)
