"""The SQLite mini-CRM example: storage round trips, call lists written back, typed outcomes."""

from __future__ import annotations

import importlib.util
import io
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest

import outreach_rules as orl

SCRIPT = Path(__file__).parent.parent / "examples" / "sqlite_crm" / "crm.py"
DAY = date(2026, 11, 24)
NEW_YORK = ZoneInfo("America/New_York")


def _load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sqlite_crm_example", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


crm = _load_example()


@pytest.fixture
def db(tmp_path):
    """A fresh database: 12 generated prospects, history up to DAY (the demo's data)."""
    path = tmp_path / "crm.db"
    assert (
        crm.main(
            [
                "init",
                "--db",
                str(path),
                "--prospects",
                "12",
                "--seed",
                "0",
                "--day",
                DAY.isoformat(),
            ]
        )
        == 0
    )
    return path


def _rows(path, sql, params=()):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _pairs(path):
    conn = crm.connect(path)
    try:
        return crm.load(conn)
    finally:
        conn.close()


def _call_list(path, day=DAY):
    return _rows(
        path, "SELECT * FROM call_list WHERE day = ? ORDER BY position", (day.isoformat(),)
    )


def test_init_creates_the_prospects_asked_for(tmp_path, capsys):
    """init makes N prospects that all load as valid values, the same ones for the same seed."""
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    for path in (first, second):
        assert (
            crm.main(
                [
                    "init",
                    "--db",
                    str(path),
                    "--prospects",
                    "7",
                    "--seed",
                    "3",
                    "--day",
                    "2026-11-24",
                ]
            )
            == 0
        )
    pairs = _pairs(first)
    assert [p.id for p, _ in pairs] == [f"p-{i:03d}" for i in range(1, 8)]
    assert any(history for _, history in pairs), "some prospects have a history"
    dump = "SELECT * FROM attempts ORDER BY id"
    assert [tuple(r) for r in _rows(first, dump)] == [tuple(r) for r in _rows(second, dump)]
    assert "7 prospects" in capsys.readouterr().out


def test_init_refuses_an_existing_database(db, capsys):
    """init never writes over a database: one line, exit 2."""
    assert crm.main(["init", "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "already exists" in err[0]


def test_plan_writes_the_day_plans_calls_in_order(db, capsys):
    """plan stores exactly orl.plan_day's calls, best first, and prints them."""
    expected = orl.plan_day(_pairs(db), day=DAY, playbook=crm.PLAYBOOK)
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat()]) == 0
    rows = _call_list(db)
    assert len(expected.calls) >= 5
    assert [r["position"] for r in rows] == list(range(1, len(expected.calls) + 1))
    assert [
        (r["prospect_id"], datetime.fromisoformat(r["due"]), r["purpose"], r["to"]) for r in rows
    ] == [(c.prospect_id, c.earliest, str(c.purpose), c.to) for c in expected.calls]
    assert all(r["attempt_id"] is None for r in rows)
    out = capsys.readouterr().out
    assert f"Call list for {DAY.isoformat()}: {len(rows)} calls" in out


def test_plan_prints_the_days_tasks_with_names(db, capsys):
    """plan prints orl.plan_day's tasks after the call list, best first, each with its name."""
    expected = orl.plan_day(_pairs(db), day=DAY, playbook=crm.PLAYBOOK)
    assert expected.tasks, "the sample data has e-mails due that day"
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert f"{len(expected.tasks)} tasks" in out
    lines = out[out.index(f"Tasks for {DAY.isoformat()}: {len(expected.tasks)}") :].splitlines()
    names = {p.id: p.name for p in expected.prospects}
    for line, task in zip(lines[1:], expected.tasks, strict=False):
        assert f"· {task.channel} · {task.prospect_id} {names[task.prospect_id]} ·" in line
    assert len(lines) == len(expected.tasks) + 1


def test_replanning_replaces_the_days_rows(db):
    """Planning a day again replaces its list, never adds to it, and leaves other days alone."""
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat()]) == 0
    other = DAY + timedelta(days=1)
    assert crm.main(["plan", "--db", str(db), "--day", other.isoformat()]) == 0
    before = [tuple(r) for r in _call_list(db)]
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat(), "--goal", "3"]) == 0
    assert [tuple(r) for r in _call_list(db)] == before[:3]
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat()]) == 0
    assert [tuple(r) for r in _call_list(db)] == before
    assert _call_list(db, other), "the other day's list is still there"


def test_record_round_trips_to_an_equal_attempt(db, capsys):
    """A recorded attempt reads back from the table as an equal orl.Attempt."""
    assert (
        crm.main(
            [
                "record",
                "--db",
                str(db),
                "p-001",
                "callback_requested",
                "--at",
                "2026-11-24T10:15",
                "--callback-at",
                "2026-11-30T15:00",
                "--to",
                "+12125550100",
                "--new-phone",
                "+19175550123",
                "--notes",
                "closing the quarter",
                "--now",
                "2026-11-24T10:16:00-05:00",
            ]
        )
        == 0
    )
    expected = orl.Attempt(
        at=datetime(2026, 11, 24, 10, 15, tzinfo=NEW_YORK),
        channel=orl.Channel.CALL,
        outcome=orl.Outcome.CALLBACK_REQUESTED,
        to="+12125550100",
        callback_at=datetime(2026, 11, 30, 15, 0, tzinfo=NEW_YORK),
        new_phone=orl.Phone(number="+19175550123", kind="mobile"),
        notes="closing the quarter",
    )
    history = dict(_pairs(db))
    ada = next(p for p in history if p.id == "p-001")
    assert history[ada][-1] == expected
    out = capsys.readouterr().out
    assert "next: call callback" in out
    assert "Mon 30 Nov 15:00 EST" in out


def test_meeting_booked_halts_the_prospect(db, capsys):
    """After a booked meeting the prospect's plan is halted and off the next day's list."""
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat()]) == 0
    row = _call_list(db)[0]
    assert (
        crm.main(
            [
                "record",
                "--db",
                str(db),
                row["prospect_id"],
                "meeting_booked",
                "--at",
                row["due"],
                "--now",
                row["due"],
            ]
        )
        == 0
    )
    assert "halted: meeting booked" in capsys.readouterr().out
    # The attempt closed that prospect's row on today's list.
    assert _call_list(db)[0]["attempt_id"] is not None
    following = DAY + timedelta(days=1)
    assert crm.main(["plan", "--db", str(db), "--day", following.isoformat()]) == 0
    assert row["prospect_id"] not in {r["prospect_id"] for r in _call_list(db, following)}


def test_do_not_contact_keeps_them_off_every_later_list(db):
    """A do-not-contact outcome removes the prospect from the next days' lists for good."""
    following = DAY + timedelta(days=1)
    assert crm.main(["plan", "--db", str(db), "--day", following.isoformat()]) == 0
    listed = _call_list(db, following)[0]["prospect_id"]
    assert (
        crm.main(
            [
                "record",
                "--db",
                str(db),
                listed,
                "do_not_contact",
                "--at",
                "2026-11-24T16:00:00+00:00",
                "--now",
                "2026-11-24T16:00:00+00:00",
            ]
        )
        == 0
    )
    for day in (following, following + timedelta(days=5)):
        assert crm.main(["plan", "--db", str(db), "--day", day.isoformat()]) == 0
        assert listed not in {r["prospect_id"] for r in _call_list(db, day)}
    plans = {p.prospect_id: p for p in orl.plan_many(_pairs(db), now=crm.DEMO_NOW)}
    assert plans[listed].halted is not None
    assert "do not contact" in plans[listed].halted


def test_a_same_day_call_from_the_new_plan_joins_the_list(db):
    """Voicemail on the direct line puts the call to the switchboard on today's list at once."""
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat()]) == 0
    before = _call_list(db)
    row = next(r for r in before if r["prospect_id"] == "p-012")
    assert (
        crm.main(
            [
                "record",
                "--db",
                str(db),
                "p-012",
                "voicemail",
                "--at",
                row["due"],
                "--now",
                row["due"],
            ]
        )
        == 0
    )
    after = _call_list(db)
    assert len(after) == len(before) + 1
    added = after[-1]
    assert (added["prospect_id"], added["position"], added["attempt_id"]) == (
        "p-012",
        len(before) + 1,
        None,
    )
    switchboards = {
        r["number"] for r in _rows(db, "SELECT * FROM phones WHERE kind = ?", ("switchboard",))
    }
    assert added["to"] in switchboards


def test_work_records_the_outcomes_typed(db, capsys, monkeypatch):
    """work walks the list in time order, records each typed outcome and stops at end of input."""
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat()]) == 0
    in_time_order = _rows(
        db,
        "SELECT * FROM call_list WHERE day = ? ORDER BY julianday(due), position",
        (DAY.isoformat(),),
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("no_answer\n10\n"))
    capsys.readouterr()
    assert (
        crm.main(
            ["work", "--db", str(db), "--day", DAY.isoformat(), "--now", crm.DEMO_NOW.isoformat()]
        )
        == 0
    )
    attempts = _rows(db, "SELECT * FROM attempts WHERE at >= ? ORDER BY id", ("2026-11-24",))
    assert [(a["prospect_id"], a["outcome"], a["to"]) for a in attempts] == [
        (in_time_order[0]["prospect_id"], "no_answer", in_time_order[0]["to"]),
        (in_time_order[1]["prospect_id"], "meeting_booked", in_time_order[1]["to"]),
    ]
    done = {r["prospect_id"]: r["attempt_id"] for r in _call_list(db) if r["attempt_id"]}
    assert done == {a["prospect_id"]: a["id"] for a in attempts}
    out = capsys.readouterr().out
    assert "recorded no_answer" in out
    assert "recorded meeting_booked" in out
    assert "end of input" in out


def test_work_asks_again_after_a_bad_answer_and_stops_on_q(db, capsys, monkeypatch):
    """An unknown outcome is explained and asked again; q stops without writing anything."""
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat()]) == 0
    count = len(_rows(db, "SELECT id FROM attempts"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("hangup\nno_answer back=noon\nq\nno_answer\n"))
    assert (
        crm.main(
            ["work", "--db", str(db), "--day", DAY.isoformat(), "--now", crm.DEMO_NOW.isoformat()]
        )
        == 0
    )
    assert len(_rows(db, "SELECT id FROM attempts")) == count
    out = capsys.readouterr().out
    assert "'hangup' is not one of" in out
    assert "back: 'noon' is not ISO 8601" in out
    assert "Calls recorded: 0" in out


def test_parse_answer_reads_details_in_the_prospects_zone():
    """`gatekeeper back=13:30 cell=... at lunch` becomes attempt fields in the call's zone."""
    at = datetime(2026, 11, 24, 9, 5, tzinfo=NEW_YORK)
    fields = crm.parse_answer("5 back=13:30 cell=+19175550123 at lunch", at)
    attempt = orl.Attempt(at=at, channel="call", **fields)
    assert attempt.outcome is orl.Outcome.CONNECTED
    assert attempt.resume_at == datetime(2026, 11, 24, 13, 30, tzinfo=NEW_YORK)
    assert attempt.new_phone == orl.Phone(number="+19175550123", kind="mobile")
    assert attempt.notes == "at lunch"


@pytest.mark.parametrize(
    ("corrupt", "expected"),
    [
        pytest.param(
            "UPDATE prospects SET timezone = 'Mars/Olympus' WHERE id = 'p-004'",
            "prospects row 'p-004': timezone: 'Mars/Olympus'",
            id="unknown-zone",
        ),
        pytest.param(
            "UPDATE attempts SET channel = 'email', outcome = 'hung_up' WHERE id = 1",
            "attempts row 1 (prospect 'p-001'): outcome: 'hung_up' cannot happen",
            id="outcome-for-another-channel",
        ),
        pytest.param(
            "UPDATE attempts SET at = '2026-11-20T10:00:00' WHERE id = 1",
            "attempts row 1 (prospect 'p-001'): at: naive datetime '2026-11-20T10:00:00'",
            id="naive-time-past-the-check",
        ),
    ],
)
def test_a_corrupted_row_is_one_located_line_and_exit_2(db, capsys, corrupt, expected):
    """A bad row stops planning with one line naming table, row and field; nothing is written."""
    conn = sqlite3.connect(db)
    # As a database written by an older schema or another tool would hold it.
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(corrupt)
    conn.commit()
    conn.close()
    assert crm.main(["plan", "--db", str(db), "--day", DAY.isoformat()]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{db}: {expected}")
    assert "Traceback" not in captured.err
    assert _call_list(db) == []


def test_the_schema_refuses_a_naive_timestamp(db):
    """The attempts table's own CHECK keeps times without an offset out."""
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        conn.execute(
            "INSERT INTO attempts (prospect_id, at, channel, outcome) VALUES (?, ?, ?, ?)",
            ("p-001", "2026-11-20T10:00:00", "call", "no_answer"),
        )
    conn.close()


def test_bad_record_input_is_one_line_and_exit_2(db, capsys):
    """An outcome and a callback time that do not go together are refused before any write."""
    count = len(_rows(db, "SELECT id FROM attempts"))
    assert (
        crm.main(
            [
                "record",
                "--db",
                str(db),
                "p-001",
                "no_answer",
                "--callback-at",
                "2026-11-30T15:00",
                "--now",
                "2026-11-24T10:00:00-05:00",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "callback_at" in err[0]
    assert len(_rows(db, "SELECT id FROM attempts")) == count


def test_demo_runs_as_ci_runs_it():
    """`python examples/sqlite_crm/crm.py demo` exits 0 and works the list it planned."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "demo"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Calls recorded: 10" in result.stdout
    assert "halted: meeting booked" in result.stdout
    assert "refused p-010" in result.stdout
    assert "Call list for 2026-11-25" in result.stdout
    assert "== inbox (2 messages" in result.stdout
    assert "bounce (permanent, status 5.1.1)" in result.stdout


def test_call_results_are_read_through_dispositions(db, capsys):
    """record takes this CRM's outcome names in any spelling, and another CRM's with --system."""
    assert crm._outcome("Hung Up") is orl.Outcome.HUNG_UP
    assert crm._outcome("left-live-message", "hubspot") is orl.Outcome.GATEKEEPER
    assert crm._outcome("vm-left", "close") is orl.Outcome.LEFT
    with pytest.raises(crm.CrmError, match="or a hubspot result such as 'Busy'"):
        crm._outcome("Left VM", "hubspot")
    now = crm.DEMO_NOW.isoformat()
    args = ["record", "--db", str(db), "p-001", "Left voicemail", "--system", "hubspot"]
    assert crm.main([*args, "--at", now, "--now", now]) == 0
    assert "recorded left for p-001" in capsys.readouterr().out


def _email_of(path, prospect_id):
    return _rows(path, "SELECT emails FROM prospects WHERE id = ?", (prospect_id,))[0]["emails"]


def test_receive_stores_an_out_of_office_and_holds_the_prospect(db, tmp_path, capsys):
    """An auto-reply from a prospect's address is stored as an out-of-office with the day back."""
    address = _email_of(db, "p-002")
    message = tmp_path / "away.eml"
    message.write_text(
        f"From: {address}\nSubject: Automatic reply: hello\nAuto-Submitted: auto-replied\n\n"
        "I am out of the office until December 4.\n",
        encoding="utf-8",
    )
    args = ["receive", "--db", str(db), str(message), "--at", "2026-11-24T17:00:00+00:00"]
    assert crm.main(args) == 0
    out = capsys.readouterr().out
    assert "out of office: back Sat 05 Dec 2026 09:00 CST" in out
    assert "stored for p-002; next: call" in out
    (event,) = _rows(db, "SELECT * FROM events WHERE kind = 'out_of_office'")
    assert (event["prospect_id"], event["channel"]) == ("p-002", "email")
    assert event["resume_at"] == "2026-12-05T09:00:00-06:00"


def test_receive_stores_a_bounce_that_retires_the_address(db):
    """A delivery failure for a prospect's address becomes a bounced attempt; e-mail stops."""
    address = _email_of(db, "p-003")
    raw = (
        "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
        f"Final-Recipient: rfc822; {address}\nAction: failed\nStatus: 5.1.1\n--B--\n"
    ).encode()
    conn = crm.connect(db)
    try:
        at = datetime(2026, 11, 24, 17, tzinfo=NEW_YORK)
        reply, prospect_id, new_plan = crm.receive(conn, raw, received_at=at, now=at)
    finally:
        conn.close()
    assert (reply.kind, reply.permanent, prospect_id) == ("bounce", True, "p-003")
    assert new_plan is not None
    (row,) = _rows(db, "SELECT * FROM attempts WHERE outcome = 'bounced'")
    assert (row["prospect_id"], row["to"], row["channel"]) == ("p-003", address, "email")
    prospect, history = next(p for p in _pairs(db) if p[0].id == "p-003")
    situation = orl.Situation(prospect, history, now=at, playbook=crm.PLAYBOOK)
    assert situation.email_to_use() is None


def test_receive_from_an_unknown_address_stores_nothing(db, tmp_path, capsys):
    """Mail from no prospect's address is read and reported, and nothing is written."""
    message = tmp_path / "other.eml"
    message.write_text("From: someone@example.net\nSubject: hi\n\nHello!\n", encoding="utf-8")
    count = len(_rows(db, "SELECT id FROM events"))
    assert crm.main(["receive", "--db", str(db), str(message)]) == 0
    assert "no prospect has that address: nothing stored" in capsys.readouterr().out
    assert len(_rows(db, "SELECT id FROM events")) == count
    assert crm.main(["receive", "--db", str(db), str(tmp_path / "missing.eml")]) == 2
    assert "missing.eml: cannot read" in capsys.readouterr().err
