"""The command line: demo, plan, and one-line errors with exit code 2."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import datetime

import pytest

import outreach_rules as orl
from outreach_rules.cli import main

RECORD = {
    "prospect": {
        "id": "ada",
        "name": "Ada",
        "timezone": "America/New_York",
        "phones": ["+12125550100"],
    },
    "history": [
        {
            "at": "2026-11-20T16:05:00-05:00",
            "channel": "call",
            "outcome": "no_answer",
            "to": "+12125550100",
        },
        {"at": "2026-11-21T10:00:00-05:00", "kind": "reply", "channel": "email"},
    ],
}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_prints_a_plan_per_scenario(capsys):
    """The demo explains every scenario, including a halted one."""
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert out.count("Plan for ") >= 10
    assert "Halted: do not contact" in out
    assert "Halted: meeting booked" in out


def test_demo_json_is_machine_readable(capsys):
    """demo --json prints one JSON plan per line that reads back into a Plan."""
    code, out, _ = run(capsys, "demo", "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert orl.from_dict(orl.Plan, lines[0]["plan"]).prospect_id == "ada"


def test_plan_reads_json_lines(tmp_path, capsys):
    """plan reads JSON Lines and prints each plan, as of --now."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(RECORD) + "\n" + json.dumps({**RECORD, "history": []}) + "\n")
    code, out, _ = run(capsys, "plan", str(path), "--now", "2026-11-23T09:00:00-05:00", "--json")
    assert code == 0
    plans = [orl.from_dict(orl.Plan, json.loads(line)) for line in out.splitlines()]
    assert [p.next.purpose for p in plans] == ["reconnect", "intro"]


def test_plan_reads_a_json_array_and_signs_scripts(tmp_path, capsys):
    """plan reads a JSON array; --sender-* fill the scripts."""
    path = tmp_path / "in.json"
    path.write_text(json.dumps([RECORD]))
    code, out, _ = run(
        capsys,
        "plan",
        str(path),
        "--now",
        "2026-11-23T09:00:00-05:00",
        "--sender-name",
        "Sam",
        "--sender-phone",
        "+12125550199",
        "--sender-email",
        "s@example.com",
    )
    assert code == 0
    assert "returning your call" in out


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            {**RECORD, "history": [{**RECORD["history"][0], "outcome": "hungup"}]},
            "in.jsonl: record 1: history[0].outcome: 'hungup' is not one of: no_answer",
        ),
        (
            {**RECORD, "history": [{**RECORD["history"][0], "at": "2026-11-20T16:05:00"}]},
            "in.jsonl: record 1: history[0].at: naive datetime",
        ),
        (
            {"prospect": {"id": "x", "timezone": "Mars/Olympus"}},
            "in.jsonl: record 1: prospect.timezone: 'Mars/Olympus' is not a known IANA time zone",
        ),
        ({"prospect": None}, "in.jsonl: record 1: prospect: expected an object for Prospect"),
        (
            {"prospect": {"id": "x", "timezone": "UTC"}, "extra": 1},
            "in.jsonl: record 1: unknown key(s) extra",
        ),
    ],
)
def test_bad_input_is_one_line_with_exit_code_2(tmp_path, capsys, monkeypatch, record, message):
    """Bad input prints one line naming file, record and field, and exits with 2."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text(json.dumps(record) + "\n")
    code, out, err = run(capsys, "plan", "in.jsonl", "--now", "2026-11-23T09:00:00Z")
    assert code == 2
    assert out == ""
    assert err.startswith(f"outreach-rules: {message}")
    assert len(err.strip().splitlines()) == 1


def test_broken_json_and_bad_now(tmp_path, capsys):
    """Broken JSON names the line; a naive --now is refused."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(RECORD) + "\n{oops\n")
    code, _, err = run(capsys, "plan", str(path))
    assert code == 2
    assert "line 2: not valid JSON" in err
    code, _, err = run(capsys, "plan", str(path), "--now", "2026-11-23T09:00:00")
    assert code == 2
    assert "--now: naive datetime" in err
    code, _, err = run(capsys, "plan", str(tmp_path / "missing.json"))
    assert code == 2
    assert "cannot read" in err


def test_console_script_runs_without_traceback(tmp_path):
    """The module runs as a program, and a bad file gives no traceback."""
    path = tmp_path / "bad.json"
    path.write_text('{"prospect": {"id": "x", "timezone": "UTC", "phones": ["12"]}}')
    done = subprocess.run(
        [sys.executable, "-m", "outreach_rules.cli", "plan", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "prospect.phones[0].number: '12' is not an E.164 number" in done.stderr
    assert "Traceback" not in done.stderr


def test_rules_prints_packs_citations_and_windows(capsys):
    """rules lists the packs, what each rule says with its citation, and the weekly windows."""
    code, out, _ = run(capsys, "rules", "US", "FL")
    assert code == 0
    assert "us-FL" in out
    assert "Fla. Stat. 501.616(6)" in out
    assert "Mon: 08:00–20:00" in out
    assert "Not legal advice" in out
    code, out, _ = run(capsys, "rules", "US", "TX")
    assert code == 0
    assert "Mon–Sat 09:00–21:00; Sun 12:00–21:00" in out
    assert "calls, voicemails, texts (everyone)" in out
    code, out, _ = run(capsys, "rules", "FR")
    assert "Mon–Fri 10:00–13:00, 14:00–20:00; Sat–Sun closed" in out
    assert "Mon: 10:00–13:00, 14:00–20:00" in out
    code, out, _ = run(capsys, "rules", "CA", "ON", "--json")
    data = json.loads(out)
    rules = [rule for pack in data["packs"] for rule in pack["rules"]]
    assert {"pack", "rule", "says", "channels", "texts", "citation", "verified"} <= set(rules[0])
    assert data["call_windows"]["Sat"] == ["10:00–18:00"]
    assert {p["name"] for p in data["packs"]} >= {"ca"}
    code, _, err = run(capsys, "rules", "US", "XX")
    assert code == 2
    assert "region: 'XX' is not a subdivision of US" in err


def test_day_lists_the_calls_of_a_day_and_writes_them_as_ics(tmp_path, capsys):
    """day ranks the day's calls, cuts at --goal, carries the rest, and writes an .ics."""
    records = [
        {**RECORD, "prospect": {**RECORD["prospect"], "id": f"p{i}"}, "history": []}
        for i in range(3)
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    ics = tmp_path / "calls.ics"
    code, out, _ = run(
        capsys, "day", str(path), "--day", "2026-11-24", "--goal", "2", "--ics", str(ics)
    )
    assert code == 0
    assert f"wrote 2 calls and 0 tasks to {ics}" in out
    text = ics.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 2
    assert "TZID=America/New_York" in text
    code, out, _ = run(capsys, "day", str(path), "--day", "2026-11-24", "--goal", "2", "--json")
    data = json.loads(out)
    assert (len(data["calls"]), len(data["carried"])) == (2, 1)
    assert orl.from_dict(orl.Action, data["calls"][0]).channel == "call"


HUNG_UP = {
    "prospect": {
        "id": "grace",
        "name": "Grace Hopper",
        "timezone": "America/New_York",
        "phones": ["+12125550101"],
        "address": "1 Main St, New York, NY 10001",
    },
    "history": [
        {
            "at": "2026-11-24T10:00:00-05:00",
            "channel": "call",
            "outcome": "hung_up",
            "to": "+12125550101",
        }
    ],
}


def test_day_shows_the_tasks_and_limits_them(tmp_path, capsys):
    """day lists the apology note as a task, in JSON and in the .ics; --limit note=0 carries it."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(HUNG_UP) + "\n")
    ics = tmp_path / "day.ics"
    now = ["--now", "2026-11-24T10:05:00-05:00"]
    code, out, _ = run(capsys, "day", str(path), "--day", "2026-11-24", *now, "--ics", str(ics))
    assert code == 0
    assert "Nothing due" not in out
    assert "Note · Grace Hopper (grace) · apology_note" in out
    assert f"wrote 0 calls and 1 task to {ics}" in out
    assert ics.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 1
    code, out, _ = run(capsys, "day", str(path), "--day", "2026-11-24", *now, "--json")
    assert [t["purpose"] for t in json.loads(out)["tasks"]] == ["apology_note"]
    args = ["day", str(path), "--day", "2026-11-24", *now, "--limit", "note=0", "--json"]
    code, out, _ = run(capsys, *args)
    data = json.loads(out)
    assert data["tasks"] == []
    assert data["carried"][0]["reasons"][-1] == "carried: the day's limit for notes (0) is reached"


def test_day_with_zone_shows_names_and_the_reps_time(tmp_path, capsys):
    """--zone heads the list with the rep's zone; each line has the name and the rep's time."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(HUNG_UP) + "\n")
    args = ["day", str(path), "--day", "2026-11-24", "--now", "2026-11-24T10:05:00-05:00"]
    code, out, _ = run(capsys, *args, "--zone", "Europe/Stockholm")
    assert code == 0
    assert out.startswith("Call list for 2026-11-24 (Europe/Stockholm): ")
    assert "10:05 EST (America/New_York) · yours 16:05 CET · Note · Grace Hopper (grace)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--day", "24/11/2026"], "--day: '24/11/2026' is not a date such as 2026-11-24"),
        (["--day", "2026-11-24", "--goal", "-1"], "--goal: expected a whole number ≥ 0, got -1"),
        (
            ["--day", "2026-11-24", "--zone", "Mars/Olympus"],
            "--zone: 'Mars/Olympus' is not a known IANA time zone; use an IANA name such as "
            "'America/New_York' or 'Europe/Stockholm'",
        ),
        (
            ["--day", "2026-11-24", "--limit", "email"],
            "--limit: expected CHANNEL=N such as email=50, got 'email'",
        ),
        (
            ["--day", "2026-11-24", "--limit", "fax=3"],
            "--limit: 'fax' is not a channel; use one of: voicemail, email, postcard, note, sms, "
            "linkedin",
        ),
    ],
)
def test_day_rejects_bad_options_in_one_line(tmp_path, capsys, args, message):
    """A bad --day, --goal, --zone or --limit is one line naming the option, exit code 2."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(RECORD) + "\n")
    code, _, err = run(capsys, "day", str(path), *args)
    assert code == 2
    assert err.strip() == f"outreach-rules: {message}"


def test_every_command_help_has_examples_and_the_exit_codes(capsys):
    """Each subcommand's --help ends with examples of itself and the exit codes."""
    from outreach_rules.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices
    for name, parser in commands.items():
        text = parser.format_help()
        assert f"examples:\n  outreach-rules {name}" in text, name
        assert "exit codes: 0 done; 2 bad input or usage" in text, name
        description = text.split("\n\n")[1]
        assert max(len(line) for line in description.splitlines()) <= 78, name


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "{file}", "--now", "2026-11-23T09:00:00-05:00", "--json"],
        ["day", "{file}", "--day", "2026-11-24", "--json"],
        ["explain", "{file}", "--prospect", "ada", "--now", "2026-11-23T09:00:00-05:00", "--json"],
        ["demo", "--json"],
    ],
)
def test_plain_datetimes_drop_the_zone_names_from_json(tmp_path, capsys, args):
    """--plain-datetimes writes every JSON datetime as RFC 3339 that fromisoformat reads."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(RECORD) + "\n")
    words = [word.format(file=path) for word in args]
    code, zoned, _ = run(capsys, *words)
    assert code == 0
    assert "[America/New_York]" in zoned
    code, plain, _ = run(capsys, *words, "--plain-datetimes")
    assert code == 0
    assert "[America/" not in plain
    stamps = re.findall(r'"(\d{4}-\d\d-\d\dT[^"]+)"', plain)
    assert stamps
    for stamp in stamps:
        assert datetime.fromisoformat(stamp).utcoffset() is not None, stamp


def test_day_with_goal_zero_carries_every_call_as_plan_day_does(tmp_path, capsys):
    """--goal 0 is accepted, as by orl.plan_day: no calls listed, every call due carried."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({**RECORD, "history": []}) + "\n")
    code, out, _ = run(capsys, "day", str(path), "--day", "2026-11-24", "--goal", "0", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["goal"], len(data["calls"]), len(data["carried"])) == (0, 0, 1)


class _Terminal(io.StringIO):
    """Standard output that says it is a terminal, as a shell's is."""

    def isatty(self) -> bool:
        return True


def _plain_and_terminal(monkeypatch, capsys, *args: str) -> tuple[str, str]:
    code, plain, _ = run(capsys, *args)
    assert code == 0
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(list(args)) == 0
    monkeypatch.undo()
    return plain, terminal.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "{file}", "--now", "2026-11-23T09:00:00-05:00"],
        ["explain", "{file}", "--prospect", "ada", "--now", "2026-11-23T09:00:00-05:00"],
        ["day", "{file}", "--day", "2026-11-24"],
        ["simulate", "--prospects", "5", "--days", "5", "--no-progress"],
        ["simulate", "--prospects", "5", "--days", "5", "--runs", "2", "--no-progress",
         "--cadence", "cold_calling", "--cadence", "direct_mail"],
    ],
)  # fmt: skip
def test_a_terminal_gets_rich_output_and_a_pipe_plain_text(tmp_path, monkeypatch, capsys, args):
    """On a terminal plan, explain, day and simulate draw with rich; piped, the text is plain."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(RECORD) + "\n")
    words = [word.format(file=path) for word in args]
    plain, terminal = _plain_and_terminal(monkeypatch, capsys, *words)
    assert "\x1b[" not in plain
    assert not set(plain) & set("│┃╭┏┌")
    assert set(terminal) & set("│┃╭┏┌")
    if args[0] != "simulate":
        assert "ada" in terminal


TEAM = [
    {"prospect": {"id": "ada", "timezone": "America/New_York", "phones": ["+12125550100"],
                  "owner": "sam", "account": "acme"}, "history": []},
    {"prospect": {"id": "bob", "timezone": "America/New_York", "phones": ["+12125550101"],
                  "owner": "kim"}, "history": []},
]  # fmt: skip


def test_day_shows_one_reps_part_and_the_mailbox_used(tmp_path, capsys):
    """--owner keeps one rep's calls; --mailbox with --mailbox-start shows its ramped limit."""
    path = tmp_path / "team.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in TEAM))
    mailbox = ["--mailbox", "sam@example.com", "--mailbox-start", "2026-11-22"]
    code, out, _ = run(capsys, "day", str(path), "--day", "2026-11-24", "--owner", "sam", *mailbox)
    assert code == 0
    assert "mailbox sam@example.com 0/20, ramp-up day 3" in out
    assert "ada" in out
    assert "bob" not in out
    code, _, err = run(capsys, "day", str(path), "--day", "2026-11-24", "--mailbox-start", "x")
    assert code == 2
    assert "--mailbox-start" in err


def _colleague(ident: str, number: str, account: str | None, history: list) -> dict:
    prospect = {"id": ident, "name": ident.title(), "timezone": "America/New_York",
                "phones": [number], "country": "US", "region": "NY"}  # fmt: skip
    if account is not None:
        prospect["account"] = account
    return {"prospect": prospect, "history": history}


# Grace at acme showed interest yesterday; Ada, her colleague, is due a follow-up; Bob has
# no account. Listed with Bob between the colleagues, so input order is not account order.
COLLEAGUES = [
    _colleague("ada", "+12125550101", "acme", [
        {"at": "2026-11-20T10:00:00-05:00", "channel": "call", "outcome": "no_answer",
         "to": "+12125550101"},
    ]),
    _colleague("bob", "+12125550104", None, [
        {"at": "2026-11-20T10:00:00-05:00", "channel": "call", "outcome": "no_answer",
         "to": "+12125550104"},
    ]),
    _colleague("grace", "+12125550102", "acme", [
        {"at": "2026-11-23T11:00:00-05:00", "channel": "call", "outcome": "interested",
         "to": "+12125550102"},
    ]),
]  # fmt: skip


def _plans(capsys, path, *extra: str) -> list[orl.Plan]:
    code, out, _ = run(capsys, "plan", str(path), "--now", "2026-11-24T08:00:00-05:00", *extra)
    assert code == 0
    return [orl.from_dict(orl.Plan, json.loads(line)) for line in out.splitlines()]


def test_plan_account_plans_colleagues_together_in_input_order(tmp_path, capsys):
    """--account holds Ada for her colleague Grace's interest; Bob, with no account, as before."""
    path = tmp_path / "colleagues.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in COLLEAGUES))
    alone = _plans(capsys, path, "--json")
    together = _plans(capsys, path, "--json", "--account")
    assert [p.prospect_id for p in together] == ["ada", "bob", "grace"]
    ada = together[0].next
    assert ada is not None
    assert any("Grace at acme showed interest" in reason for reason in ada.reasons)
    assert ada.due > alone[0].next.due
    assert together[1] == alone[1]
    assert together[2] == alone[2]


def test_plan_account_titles_each_plan_with_its_account(tmp_path, capsys):
    """The plain output names each colleague's account beside the id; no account, just the id."""
    path = tmp_path / "colleagues.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in COLLEAGUES))
    code, out, _ = run(capsys, "plan", str(path), "--account", "--now", "2026-11-24T08:00:00-05:00")
    assert code == 0
    titles = [line for line in out.splitlines() if line.startswith("== ")]
    assert titles == ["== ada at acme", "== bob", "== grace at acme"]


def test_plan_account_refuses_two_colleagues_with_one_id_in_one_line(tmp_path, capsys, monkeypatch):
    """Two records of one account with one id: exit 2, one line naming the file, records and id."""
    monkeypatch.chdir(tmp_path)
    twice = [COLLEAGUES[0], COLLEAGUES[1], {**COLLEAGUES[2], "prospect": {
        **COLLEAGUES[2]["prospect"], "id": "ada"}}]  # fmt: skip
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(record) + "\n" for record in twice))
    code, out, err = run(capsys, "plan", "in.jsonl", "--account", "--now", "2026-11-24T08:00:00Z")
    assert (code, out) == (2, "")
    assert err.startswith("outreach-rules: in.jsonl: record 3: prospect.id: 'ada' is also record 1")
    assert len(err.strip().splitlines()) == 1
    # Without --account the two are planned alone, as before.
    code, _, _ = run(capsys, "plan", "in.jsonl", "--now", "2026-11-24T08:00:00Z")
    assert code == 0


def test_day_refuses_two_colleagues_with_one_id_in_one_line(tmp_path, capsys, monkeypatch):
    """day plans colleagues together, so one id twice at one account is the same one line."""
    monkeypatch.chdir(tmp_path)
    twice = [COLLEAGUES[0], COLLEAGUES[1], {**COLLEAGUES[2], "prospect": {
        **COLLEAGUES[2]["prospect"], "id": "ada"}}]  # fmt: skip
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(record) + "\n" for record in twice))
    code, out, err = run(capsys, "day", "in.jsonl", "--day", "2026-11-24")
    assert (code, out) == (2, "")
    assert err.startswith("outreach-rules: in.jsonl: record 3: prospect.id: 'ada' is also record 1")
    assert len(err.strip().splitlines()) == 1


def test_plan_account_reports_a_bad_record_as_plan_does(tmp_path, capsys, monkeypatch):
    """A bad field under --account is the same one line, naming the file, record and field."""
    monkeypatch.chdir(tmp_path)
    bad = {**COLLEAGUES[2], "prospect": {**COLLEAGUES[2]["prospect"], "timezone": "Mars/Olympus"}}
    (tmp_path / "in.jsonl").write_text(json.dumps(COLLEAGUES[0]) + "\n" + json.dumps(bad) + "\n")
    code, out, err = run(capsys, "plan", "in.jsonl", "--account")
    assert (code, out) == (2, "")
    assert err.startswith("outreach-rules: in.jsonl: record 2: prospect.timezone: 'Mars/Olympus'")
    assert len(err.strip().splitlines()) == 1


# Ada asked to be called back on the day: an answer to her own request, which her colleague
# Grace's interest does not hold (nor Ada's request Grace's info e-mail).
ADA_CALLBACK = [
    {"at": "2026-11-20T10:00:00-05:00", "channel": "call", "outcome": "callback_requested",
     "to": "+12125550101", "callback_at": "2026-11-24T10:00:00-05:00"},
]  # fmt: skip


def _colleagues_day(tmp_path) -> str:
    """Ada and Grace at acme (Ada's callback and Grace's info e-mail both due), Bob alone."""
    records = []
    for record in COLLEAGUES:
        email = f"{record['prospect']['id']}@example.com"
        record = {**record, "prospect": {**record["prospect"], "emails": [email]}}
        if record["prospect"]["id"] == "ada":
            record["history"] = ADA_CALLBACK
        records.append(record)
    path = tmp_path / "colleagues.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return str(path)


def test_day_names_each_lines_account_and_the_limits_used(tmp_path, capsys):
    """Plain lines say 'at acme'; the line Used gives the calls and each limited channel."""
    path = _colleagues_day(tmp_path)
    code, out, _ = run(capsys, "day", path, "--day", "2026-11-24", "--limit", "email=1")
    assert code == 0
    lines = out.splitlines()
    assert any("· Ada (ada) at acme · callback" in line for line in lines)
    bob = next(line for line in lines if "(bob)" in line)
    assert "(bob) at " not in bob
    grace = next(line for line in lines if "(grace)" in line)
    assert "Grace (grace) at acme" in grace
    assert grace.endswith("carried: one colleague of acme a day, and Ada is on the list")
    assert "Used: calls 2/50 · e-mails 0/1" in lines


def test_day_json_gives_the_usage_and_the_accounts(tmp_path, capsys):
    """--json: every limit with what was used, and the account of each prospect listed."""
    path = _colleagues_day(tmp_path)
    code, out, _ = run(capsys, "day", path, "--day", "2026-11-24", "--limit", "email=1", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["usage"] == [
        {"what": "calls", "used": 2, "limit": 50},
        {"what": "email", "used": 0, "limit": 1},
    ]
    assert data["accounts"] == {"ada": "acme", "grace": "acme"}
    assert "owners" not in data


def test_day_json_of_a_team_gives_each_reps_usage(tmp_path, capsys):
    """A team's day in JSON has each owner's used capacity beside the whole day's."""
    path = tmp_path / "team.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in TEAM))
    code, out, _ = run(capsys, "day", str(path), "--day", "2026-11-24", "--json")
    assert code == 0
    owners = {part["owner"]: part["usage"] for part in json.loads(out)["owners"]}
    assert owners == {
        "kim": [{"what": "calls", "used": 1, "limit": 50}],
        "sam": [{"what": "calls", "used": 1, "limit": 50}],
    }


def test_day_on_a_terminal_shows_accounts_channels_and_a_usage_table(tmp_path, monkeypatch, capsys):
    """In a terminal: a Used table, an account column, each task's channel, why one waits."""
    path = _colleagues_day(tmp_path)
    monkeypatch.setenv("COLUMNS", "250")
    _, terminal = _plain_and_terminal(
        monkeypatch, capsys, "day", path, "--day", "2026-11-24", "--limit", "email=1"
    )
    text = re.sub(r"\x1b\[[0-9;]*m", "", terminal)
    assert "Used" in text
    assert re.search(r"│ e-mails\s+│\s+0 │\s+1 │", text)
    assert re.search(r"│ calls\s+│\s+2 │\s+50 │", text)
    assert re.search(r"Ada \(ada\)\s+│ acme\s+│ callback", text)
    assert re.search(r"Grace \(grace\)\s+│ acme\s+│ E-mail\s+│ send_info", text)
    assert "one colleague of acme a day, and Ada is on the list" in text


def test_day_on_a_terminal_gives_each_rep_their_list(tmp_path, monkeypatch, capsys):
    """A team's day in a terminal: a heading, a Used table and a list for each rep."""
    path = tmp_path / "team.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in TEAM))
    monkeypatch.setenv("COLUMNS", "250")
    _, terminal = _plain_and_terminal(monkeypatch, capsys, "day", str(path), "--day", "2026-11-24")
    text = re.sub(r"\x1b\[[0-9;]*m", "", terminal)
    assert "== kim: Call list for 2026-11-24: 1 of 1 due (goal 50)" in text
    assert "== sam: Call list for 2026-11-24: 1 of 1 due (goal 50)" in text
    assert text.count("Used") == 2
