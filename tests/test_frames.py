"""Data frames: plans out as one row per action, CRM exports in as (prospect, history) pairs."""

from __future__ import annotations

import json
import math
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.exchange import format_datetime
from outreach_rules.frames import COLUMNS, frame_to_pairs, plans_to_frame
from outreach_rules.history import order_key

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 9, 8, tzinfo=NY)
SENDER = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
BOOK = orl.playbooks.cold_calling(sender=SENDER)
BACKENDS = ("pandas", "polars")


@st.composite
def pairs_strategy(draw: st.DrawFn, max_size: int = 4) -> list[tuple[orl.Prospect, list]]:
    """Prospects with unique ids, each with a history aimed at their own contact points."""
    people = draw(st.lists(ors.prospects(), max_size=max_size, unique_by=lambda p: p.id))
    return [(p, draw(ors.histories(p))) for p in people]


def plans_of(pairs, now=NOW):
    return [orl.plan(p, h, now=now, playbook=BOOK) for p, h in pairs]


def build_frame(backend: str, columns: dict[str, list]):
    if backend == "pandas":
        return pd.DataFrame(columns)
    return pl.DataFrame(columns, strict=False)


def records(frame) -> list[dict]:
    """A frame's rows as plain Python values, the same for pandas and polars."""
    if isinstance(frame, pl.DataFrame):
        return frame.to_dicts()
    rows = frame.to_dict(orient="records")
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
            elif isinstance(value, pd.Timestamp):
                row[key] = value.to_pydatetime()
    return rows


def untextable(prospect):
    """The prospect as a frame holds it: phones without ``textable``."""
    phones = tuple(attrs.evolve(phone, textable=None) for phone in prospect.phones)
    return attrs.evolve(prospect, phones=phones)


def joined(items) -> str:
    return ";".join(items)


def crm_frames(pairs, backend: str, *, as_lists: bool):
    """Write pairs as a CRM export would: a prospects, an attempts and an events frame."""
    many = list if as_lists else joined
    prospects: dict[str, list] = {
        name: []
        for name in (
            "id", "timezone", "name", "phones", "emails", "address", "country", "region",
            "city", "company", "birthday", "interests", "consumer", "flags", "last_purchase",
            "last_inquiry", "possible_timezones", "linkedin", "account", "owner", "crm_owner",
        )
    }  # fmt: skip
    attempts: dict[str, list] = {
        name: []
        for name in (
            "prospect_id", "at", "channel", "outcome", "to", "notes", "reason", "interests",
            "callback_at", "resume_at", "new_phone",
        )
    }  # fmt: skip
    events: dict[str, list] = {
        name: []
        for name in ("prospect_id", "at", "kind", "channel", "notes", "resume_at", "interests")
    }

    def when(moment):
        return None if moment is None else format_datetime(moment)

    for prospect, history in pairs:
        row = {
            "id": prospect.id,
            "timezone": prospect.timezone,
            "name": prospect.name,
            "phones": many([f"{p.kind.value}:{p.number}" for p in prospect.phones]),
            "emails": many(list(prospect.emails)),
            "address": prospect.address,
            "country": prospect.country,
            "region": prospect.region,
            "city": prospect.city,
            "company": prospect.company,
            "birthday": prospect.birthday,
            "interests": many(sorted(prospect.interests)),
            "consumer": prospect.consumer,
            "flags": many(sorted(prospect.flags)),
            "last_purchase": prospect.last_purchase,
            "last_inquiry": prospect.last_inquiry,
            "possible_timezones": many(list(prospect.possible_timezones)),
            "linkedin": prospect.linkedin,
            "account": prospect.account,
            "owner": prospect.owner,
            "crm_owner": "someone",
        }
        for name, value in row.items():
            prospects[name].append(value)
        for item in history:
            if isinstance(item, orl.Attempt):
                new_phone = item.new_phone
                row = {
                    "prospect_id": prospect.id,
                    "at": when(item.at),
                    "channel": item.channel.value,
                    "outcome": item.outcome.value,
                    "to": item.to,
                    "notes": item.notes,
                    "reason": item.reason,
                    "interests": many(sorted(item.interests)),
                    "callback_at": when(item.callback_at),
                    "resume_at": when(item.resume_at),
                    "new_phone": f"{new_phone.kind.value}:{new_phone.number}"
                    if new_phone
                    else None,
                }
                table = attempts
            else:
                row = {
                    "prospect_id": prospect.id,
                    "at": when(item.at),
                    "kind": item.kind.value,
                    "channel": item.channel.value if item.channel else None,
                    "notes": item.notes,
                    "resume_at": when(item.resume_at),
                    "interests": many(sorted(item.interests)),
                }
                table = events
            for name, value in row.items():
                table[name].append(value)
    return (
        build_frame(backend, prospects),
        build_frame(backend, attempts),
        build_frame(backend, events),
    )


def sample_plan() -> orl.Plan:
    """A plan with one action and one vetoed action, a script and two reasons."""
    action = orl.Action(
        channel="call",
        purpose="follow_up",
        earliest=datetime(2026, 3, 9, 10, tzinfo=NY),
        latest=datetime(2026, 3, 9, 17, tzinfo=NY),
        reasons=("no answer on Friday", "next try 1 business day later"),
        policy="follow_up",
        to="+12125550100",
        script=orl.Script(opener="Hi Ada, it's Sam", voicemail="Sam here, call me back"),
        leave_voicemail=True,
        priority=50,
        prospect_id="ada",
    )
    vetoed = orl.Action(
        channel="call",
        purpose="intro",
        earliest=datetime(2026, 3, 9, 21, 30, tzinfo=NY),
        latest=datetime(2026, 3, 9, 22, tzinfo=NY),
        reasons=("first call", "outside lawful calling hours"),
        policy="intro",
        to="+12125550100",
        prospect_id="ada",
        vetoed_by="lawful_hours",
    )
    return orl.Plan(
        prospect_id="ada",
        timezone="America/New_York",
        now=NOW,
        actions=(action,),
        vetoed=(vetoed,),
        playbook="cold_calling",
    )


# -- plans_to_frame ------------------------------------------------------------


@settings(max_examples=40)  # each example plans a batch: 40 cover the shapes
@given(pairs_strategy(), st.sampled_from(BACKENDS), st.booleans())
def test_one_row_per_action(pairs, backend, vetoed):
    """The frame has one row per action (and per vetoed action when asked), columns in order."""
    plans = plans_of(pairs)
    frame = plans_to_frame(plans, backend=backend, vetoed=vetoed)
    expected = sum(len(p.actions) + (len(p.vetoed) if vetoed else 0) for p in plans)
    assert len(frame) == expected
    assert tuple(frame.columns) == COLUMNS


@settings(max_examples=40)  # each example plans a batch: 40 cover the shapes
@given(pairs_strategy(), st.sampled_from(BACKENDS))
def test_utc_and_local_columns_hold_the_actions_instants(pairs, backend):
    """UTC columns hold the actions' instants; local text is that instant in the prospect's zone."""
    plans = plans_of(pairs)
    rows = records(plans_to_frame(plans, backend=backend))
    actions = [(p, a) for p in plans for a in p.actions]
    assert len(rows) == len(actions)
    for row, (plan, action) in zip(rows, actions, strict=True):
        assert row["earliest_utc"] == action.earliest
        assert row["latest_utc"] == action.latest
        assert row["earliest_utc"].utcoffset().total_seconds() == 0
        local = datetime.fromisoformat(row["earliest_local"])
        assert local == action.earliest
        assert local.utcoffset() == action.earliest.astimezone(ZoneInfo(plan.timezone)).utcoffset()
        assert datetime.fromisoformat(row["latest_local"]) == action.latest
        assert row["timezone"] == plan.timezone
        assert row["prospect_id"] == plan.prospect_id
        assert row["reasons"] == "; ".join(action.reasons)


@settings(max_examples=40)  # each example plans a batch: 40 cover the shapes
@given(pairs_strategy(), st.booleans())
def test_pandas_and_polars_hold_the_same_values(pairs, vetoed):
    """Both backends build the same table, value for value."""
    plans = plans_of(pairs)
    from_pandas = records(plans_to_frame(plans, backend="pandas", vetoed=vetoed))
    from_polars = records(plans_to_frame(plans, backend="polars", vetoed=vetoed))
    assert from_pandas == from_polars


def test_every_column_of_a_known_plan():
    """A plan with a script and a veto gives the documented row values."""
    rows = records(plans_to_frame([sample_plan()], vetoed=True))
    assert rows == [
        {
            "prospect_id": "ada",
            "channel": "call",
            "purpose": "follow_up",
            "earliest_local": "2026-03-09T10:00:00-04:00",
            "latest_local": "2026-03-09T17:00:00-04:00",
            "timezone": "America/New_York",
            "earliest_utc": datetime(2026, 3, 9, 14, tzinfo=UTC),
            "latest_utc": datetime(2026, 3, 9, 21, tzinfo=UTC),
            "to": "+12125550100",
            "priority": 50,
            "leave_voicemail": True,
            "policy": "follow_up",
            "reasons": "no answer on Friday; next try 1 business day later",
            "script_opener": "Hi Ada, it's Sam",
            "script_voicemail": "Sam here, call me back",
            "vetoed_by": None,
        },
        {
            "prospect_id": "ada",
            "channel": "call",
            "purpose": "intro",
            "earliest_local": "2026-03-09T21:30:00-04:00",
            "latest_local": "2026-03-09T22:00:00-04:00",
            "timezone": "America/New_York",
            "earliest_utc": datetime(2026, 3, 10, 1, 30, tzinfo=UTC),
            "latest_utc": datetime(2026, 3, 10, 2, tzinfo=UTC),
            "to": "+12125550100",
            "priority": 0,
            "leave_voicemail": False,
            "policy": "intro",
            "reasons": "first call; outside lawful calling hours",
            "script_opener": None,
            "script_voicemail": None,
            "vetoed_by": "lawful_hours",
        },
    ]
    assert len(plans_to_frame([sample_plan()])) == 1


def test_channel_and_purpose_are_plain_text():
    """Channel and purpose cells are plain strings, not enum members."""
    frame = plans_to_frame([sample_plan()], backend="pandas")
    assert type(frame["channel"].iloc[0]) is str
    assert type(frame["purpose"].iloc[0]) is str


def test_empty_input_gives_typed_empty_frames():
    """No plans give an empty frame with every column and UTC datetime types."""
    frame = plans_to_frame([])
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == 0
    assert str(frame["earliest_utc"].dtype) == "datetime64[us, UTC]"
    assert str(frame["priority"].dtype) == "int64"
    assert str(frame["leave_voicemail"].dtype) == "bool"
    polars = plans_to_frame(iter(()), backend="polars")
    assert polars.columns == list(COLUMNS)
    assert polars.schema["earliest_utc"] == pl.Datetime(time_unit="us", time_zone="UTC")
    assert polars.schema["to"] == pl.String
    assert polars.schema["priority"] == pl.Int64
    assert polars.schema["leave_voicemail"] == pl.Boolean


def test_polars_utc_columns_are_utc_datetimes():
    """polars keeps the UTC columns as Datetime with time_zone='UTC'."""
    frame = plans_to_frame([sample_plan()], backend="polars", vetoed=True)
    assert frame.schema["latest_utc"] == pl.Datetime(time_unit="us", time_zone="UTC")
    assert frame["vetoed_by"].to_list() == [None, "lawful_hours"]


def test_a_single_plan_is_one_plan():
    """A lone Plan is taken as a list of one."""
    assert len(plans_to_frame(sample_plan())) == 1


def test_bad_arguments_are_named():
    """An unknown backend, a non-plan item and a non-bool vetoed are refused by name."""
    with pytest.raises(ValueError, match=r"backend: 'spark' is not one of: 'pandas', 'polars'"):
        plans_to_frame([sample_plan()], backend="spark")
    with pytest.raises(TypeError, match=r"plans\[1\]: expected an orl.Plan, got dict"):
        plans_to_frame([sample_plan(), {"prospect_id": "x"}])
    with pytest.raises(TypeError, match=r"plans: expected an iterable of orl\.Plan"):
        plans_to_frame(42)
    with pytest.raises(TypeError, match="vetoed: expected true or false"):
        plans_to_frame([sample_plan()], vetoed="yes")


def test_missing_library_says_what_to_install(monkeypatch):
    """Without pandas, the error names the package and the extra to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"needs pandas: pip install 'outreach-rules\[sim\]'"):
        plans_to_frame([sample_plan()], backend="pandas")


# -- frame_to_pairs ------------------------------------------------------------


@settings(max_examples=40)  # each example plans a batch: 40 cover the shapes
@given(pairs_strategy(), st.sampled_from(BACKENDS), st.booleans())
def test_crm_frames_read_back_into_pairs_that_plan_alike(pairs, backend, as_lists):
    """Pairs written to CRM frames and read back are equal and give equal plans."""
    prospects, attempts, events = crm_frames(pairs, backend, as_lists=as_lists)
    back = frame_to_pairs(prospects, attempts, events=events)
    # A frame's phone cell holds a kind and a number: whether a number takes texts is not in it.
    assert [p for p, _ in back] == [untextable(p) for p, _ in pairs]
    for (_, history), (_, read) in zip(pairs, back, strict=True):
        assert sorted(read, key=order_key) == sorted(history, key=order_key)
    assert plans_of(back) == plans_of(pairs)


def test_both_backends_read_the_same_pairs():
    """pandas and polars frames with the same cells give the same pairs."""
    prospects = {
        "id": ["ada", "bob"],
        "timezone": ["America/New_York", "Europe/Stockholm"],
        "phones": ["direct:+12125550100; +12125550101", "+46701234567"],
        "country": ["US", "SE"],
        "region": ["NY", None],
        "birthday": [date(1990, 1, 2), None],
    }
    attempts = {
        "prospect_id": ["ada", "bob"],
        "at": ["2026-03-06T10:00:00-05:00", "2026-03-06T10:00:00+01:00[Europe/Stockholm]"],
        "channel": ["call", "call"],
        "outcome": ["no_answer", "busy"],
    }
    from_pandas = frame_to_pairs(pd.DataFrame(prospects), pd.DataFrame(attempts))
    from_polars = frame_to_pairs(pl.DataFrame(prospects), pl.DataFrame(attempts))
    assert from_pandas == from_polars
    ada, history = from_pandas[0]
    assert ada.phones == (
        orl.Phone(number="+12125550100", kind="direct"),
        orl.Phone(number="+12125550101"),
    )
    assert history == (
        orl.Attempt(at=datetime(2026, 3, 6, 15, tzinfo=UTC), channel="call", outcome="no_answer"),
    )


def test_datetime_and_date_columns_are_read():
    """Aware datetime columns, pandas' midnight timestamps and polars dates are read as values."""
    at = datetime(2026, 3, 6, 10, tzinfo=NY)
    expected = [
        (
            orl.Prospect(id="ada", timezone="America/New_York", birthday=date(1990, 1, 2)),
            (orl.Attempt(at=at, channel="call", outcome="no_answer"),),
        )
    ]
    pandas_pairs = frame_to_pairs(
        pd.DataFrame(
            {
                "id": ["ada"],
                "timezone": ["America/New_York"],
                "birthday": pd.to_datetime(["1990-01-02"]),
            }
        ),
        pd.DataFrame(
            {
                "prospect_id": ["ada"],
                "at": pd.Series([at]).dt.tz_convert("America/New_York"),
                "channel": ["call"],
                "outcome": ["no_answer"],
            }
        ),
    )
    polars_pairs = frame_to_pairs(
        pl.DataFrame(
            {"id": ["ada"], "timezone": ["America/New_York"], "birthday": [date(1990, 1, 2)]}
        ),
        pl.DataFrame(
            {"prospect_id": ["ada"], "at": [at], "channel": ["call"], "outcome": ["no_answer"]},
            schema={
                "prospect_id": pl.String,
                "at": pl.Datetime(time_unit="us", time_zone="America/New_York"),
                "channel": pl.String,
                "outcome": pl.String,
            },
        ),
    )
    assert pandas_pairs == expected
    assert polars_pairs == expected
    assert pandas_pairs[0][1][0].at.tzinfo is ZoneInfo("America/New_York")
    assert polars_pairs[0][1][0].at.tzinfo is ZoneInfo("America/New_York")


def test_missing_values_mean_not_given():
    """None, NaN, NaT, blank text and pandas' NA all leave a field at its default."""
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "timezone": ["UTC"] * 4,
            "name": [None, float("nan"), "  ", pd.NA],
            "birthday": [pd.NaT, None, "", float("nan")],
            "phones": [None, "", float("nan"), []],
            "consumer": [None, pd.NA, "", float("nan")],
        }
    )
    pairs = frame_to_pairs(frame)
    assert [p for p, _ in pairs] == [orl.Prospect(id=i, timezone="UTC") for i in "abcd"]
    assert all(history == () for _, history in pairs)


def test_whole_number_ids_are_text_and_extra_columns_are_ignored():
    """Integer ids become text ids, histories join them, and unknown columns change nothing."""
    prospects = pl.DataFrame({"id": [7], "timezone": ["UTC"], "colour": ["red"]})
    attempts = pl.DataFrame(
        {
            "prospect_id": [7],
            "at": ["2026-03-06T10:00:00Z"],
            "channel": ["email"],
            "outcome": ["sent"],
            "opened": [True],
        }
    )
    [(prospect, history)] = frame_to_pairs(prospects, attempts)
    assert prospect == orl.Prospect(id="7", timezone="UTC")
    assert [a.outcome for a in history] == [orl.Outcome.SENT]


def test_phones_may_be_objects_mappings_or_structs():
    """Phone cells may hold Phone values, mappings, or polars structs with a kind."""
    mobile = orl.Phone(number="+46701234567", kind="mobile")
    from_pandas = frame_to_pairs(
        pd.DataFrame(
            {
                "id": ["a"],
                "timezone": ["UTC"],
                "phones": [[mobile, {"number": "+46701234568", "kind": "switchboard"}]],
            }
        )
    )
    from_polars = frame_to_pairs(
        pl.DataFrame(
            {
                "id": ["a"],
                "timezone": ["UTC"],
                "phones": [
                    [
                        {"number": "+46701234567", "kind": "mobile"},
                        {"number": "+46701234568", "kind": "switchboard"},
                    ]
                ],
            }
        )
    )
    expected = (mobile, orl.Phone(number="+46701234568", kind="switchboard"))
    assert from_pandas[0][0].phones == expected
    assert from_polars[0][0].phones == expected


def test_consumer_accepts_booleans_and_words():
    """The consumer column reads real booleans and true/false words."""
    frame = pd.DataFrame(
        {"id": ["a", "b", "c"], "timezone": ["UTC"] * 3, "consumer": [True, "False", "yes"]}
    )
    assert [p.consumer for p, _ in frame_to_pairs(frame)] == [True, False, True]


def test_bad_rows_are_collected_into_one_error():
    """Every bad row of every frame is reported at once, naming the frame, row, id and field."""
    prospects = pd.DataFrame(
        {
            "id": ["p-1", "p-2", "p-3", "p-1", None],
            "timezone": ["UTC", "Mars/Olympus", "Europe/Stockholm", "UTC", "UTC"],
            "phones": [None, None, "070 123 45 67", None, None],
            "consumer": [None, None, None, "perhaps", None],
        }
    )
    attempts = pd.DataFrame(
        {
            "prospect_id": ["p-1", "p-9", "p-1", None],
            "at": [
                "2026-03-06T10:00:00Z",
                "2026-03-06T10:00:00Z",
                datetime(2026, 3, 6, 10),
                "2026-03-06T10:00:00Z",
            ],
            "channel": ["email", "call", "call", "call"],
            "outcome": ["hung_up", "busy", "busy", "busy"],
        }
    )
    events = pl.DataFrame(
        {"prospect_id": ["p-2"], "at": ["2026-03-06T10:00:00Z"], "kind": ["reply"]}
    )
    with pytest.raises(orl.InvalidData) as info:
        frame_to_pairs(prospects, attempts, events=events)
    problems = info.value.problems
    assert problems[0].startswith(
        "prospects row 1 (id 'p-2'): timezone: 'Mars/Olympus' is not a known IANA time zone"
    )
    assert problems[1].startswith(
        "prospects row 2 (id 'p-3'): phones[0].number: '070 123 45 67' is not an E.164 number"
    )
    assert (
        problems[2]
        == "prospects row 3 (id 'p-1'): id: 'p-1' is already used by row 0; ids must be unique"
    )
    assert (
        problems[3] == "prospects row 3 (id 'p-1'): consumer: expected true or false, got 'perhaps'"
    )
    assert problems[4] == "prospects row 4: id: required field is missing"
    assert problems[5].startswith("attempts row 0: outcome: 'hung_up' cannot happen on a 'email'")
    assert problems[6] == ("attempts row 1: prospect_id: 'p-9' is not an id in the prospects frame")
    assert problems[7].startswith("attempts row 2: at: naive datetime")
    assert problems[8] == "attempts row 3: prospect_id: required field is missing"
    assert len(problems) == 9
    assert str(info.value).splitlines() == list(problems)


def test_missing_columns_and_wrong_types_are_named():
    """A frame without a required column is one problem; a non-frame is a TypeError."""
    with pytest.raises(orl.InvalidData) as info:
        frame_to_pairs(
            pd.DataFrame({"id": ["a"]}),
            pl.DataFrame({"prospect_id": ["a"], "when": ["2026-03-06T10:00:00Z"]}),
        )
    assert info.value.problems == (
        "prospects: missing column(s) 'timezone'; required: id, timezone",
        "attempts: missing column(s) 'at', 'channel', 'outcome'; "
        "required: prospect_id, at, channel, outcome",
    )
    with pytest.raises(
        TypeError, match="prospects: expected a pandas or polars DataFrame, got list"
    ):
        frame_to_pairs([{"id": "a", "timezone": "UTC"}])
    with pytest.raises(TypeError, match="attempts: expected a pandas or polars DataFrame"):
        frame_to_pairs(pd.DataFrame({"id": ["a"], "timezone": ["UTC"]}), {"at": []})


def test_read_pairs_feed_the_day_planner():
    """Pairs read from frames go straight into plan_day."""
    prospects = pl.DataFrame(
        {
            "id": ["ada"],
            "timezone": ["America/New_York"],
            "phones": [["direct:+12125550100"]],
            "country": ["US"],
            "region": ["NY"],
        }
    )
    attempts = pl.DataFrame(
        {
            "prospect_id": ["ada"],
            "at": ["2026-03-06T10:00:00-05:00[America/New_York]"],
            "channel": ["call"],
            "outcome": ["no_answer"],
            "to": ["+12125550100"],
        }
    )
    day = orl.plan_day(frame_to_pairs(prospects, attempts), day=date(2026, 3, 9), playbook=BOOK)
    assert [c.prospect_id for c in day.calls] == ["ada"]
    assert day.calls[0].earliest.time() >= time(9)


EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"


def test_read_history_reads_the_hubspot_and_salesforce_examples():
    """The example exports read into histories per prospect, results through dispositions."""
    from outreach_rules.frames import read_history

    hubspot = read_history(EXAMPLES / "calls_hubspot.csv", layout="hubspot")
    assert list(hubspot) == ["501", "502", "503", "504"]
    assert [a.outcome for a in hubspot["501"]] == [orl.Outcome.NO_ANSWER, orl.Outcome.LEFT]
    assert [(a.channel, a.outcome) for a in hubspot["502"]] == [
        (orl.Channel.CALL, orl.Outcome.GATEKEEPER),
        (orl.Channel.EMAIL, orl.Outcome.SENT),
    ]
    salesforce = read_history(EXAMPLES / "calls_salesforce.csv", layout="salesforce")
    ada = salesforce["003Hs00000Ada01AAA"]
    assert ada[0].outcome is orl.Outcome.CALLBACK_REQUESTED
    assert ada[0].at == datetime(2026, 11, 20, 21, 5, tzinfo=UTC)


def test_read_history_names_every_bad_row_and_returns_nothing(tmp_path):
    """Each bad row is one problem per bad field, with its row number, in one InvalidData."""
    from outreach_rules.frames import read_history

    path = tmp_path / "calls.csv"
    path.write_text(
        "Contact ID,Activity date,Activity type,Call outcome\n"
        "1,2026-11-18T09:20:00Z,Call,No answer\n"
        "1,2026-11-18 09:20,Call,No answr\n"
        ",2026-11-18T09:20:00Z,Fax,\n",
        encoding="utf-8",
    )
    with pytest.raises(orl.InvalidData) as info:
        read_history(path, layout="hubspot")
    problems = info.value.problems
    assert [p.split(": ")[1:3] for p in problems] == [
        ["row 3", "Call outcome"],
        ["row 3", "Activity date"],
        ["row 4", "Contact ID"],
        ["row 4", "Activity type"],
        ["row 4", "Call outcome"],
    ]
    assert "nearest: 'No answer'" in problems[0]
    assert "naive datetime" in problems[1]


def test_read_history_takes_a_mapping_rows_and_frames(tmp_path):
    """Own column names, plain rows and a pandas frame read alike; a missing column is named."""
    import pandas as pd

    from outreach_rules.frames import read_history

    rows = [
        {"who": "p1", "when": "2026-11-18T09:20:00-05:00", "result": "hung up"},
        {"who": "p1", "when": "2026-11-17T09:20:00-05:00", "result": "NO_ANSWER"},
    ]
    mapping = {"prospect_id": "who", "at": "when", "outcome": "result"}
    history = read_history(rows, mapping=mapping)["p1"]
    assert [a.outcome for a in history] == [orl.Outcome.NO_ANSWER, orl.Outcome.HUNG_UP]
    assert read_history(pd.DataFrame(rows), mapping=mapping) == {"p1": history}
    with pytest.raises(orl.InvalidData, match=r"column 'at' \(at\) is missing"):
        read_history(rows, mapping={"prospect_id": "who"})
    with pytest.raises(ValueError, match="did you mean 'hubspot'"):
        read_history(rows, layout="hubspt")
    with pytest.raises(ValueError, match="'when' is not a field"):
        read_history(rows, mapping={"when": "at"})
    with pytest.raises(orl.InvalidData, match="cannot read"):
        read_history(tmp_path / "missing.csv")


def test_imported_histories_plan(tmp_path, capsys):
    """outreach-rules import writes prospects with histories that plan reads back."""
    from outreach_rules.cli import main

    args = ["import", str(EXAMPLES / "calls_hubspot.csv"), "--layout", "hubspot"]
    assert main([*args, "--timezone", "America/New_York"]) == 0
    out = capsys.readouterr().out
    path = tmp_path / "prospects.jsonl"
    path.write_text(out, encoding="utf-8")
    assert main(["plan", str(path), "--now", "2026-11-23T09:00:00-05:00", "--json"]) == 0
    plans = [
        orl.from_dict(orl.Plan, json.loads(line)) for line in capsys.readouterr().out.splitlines()
    ]
    assert [p.prospect_id for p in plans] == ["501", "502", "503", "504"]
    assert plans[0].next.to == "+13055550117"
    bad = tmp_path / "bad.csv"
    bad.write_text("Contact ID,Activity date\n1,yesterday\n", encoding="utf-8")
    assert main(["import", str(bad), "--layout", "hubspot", "--timezone", "UTC"]) == 2
    assert "row 2: Activity date:" in capsys.readouterr().err
