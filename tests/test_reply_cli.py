"""The read-reply command: the reading and the history it adds, as text or JSON; one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import outreach_rules as orl
from outreach_rules.cli import main

CORPUS = Path(__file__).parent / "replies"
AT = "2026-12-02T10:00:00+01:00"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["read-reply", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_the_reading_and_the_items_it_adds(capsys):
    """Text output: the file, the kind with the day back, the reasons, the event to append."""
    code, out, err = run(capsys, str(CORPUS / "ooo_nl_tot_en_met.eml"), "--received-at", AT)
    assert (code, err) == (0, "")
    first = out.splitlines()[0]
    assert first.endswith(
        "ooo_nl_tot_en_met.eml: out of office: back Sat 12 Dec 2026 09:00 UTC+01:00"
    )
    assert "  - date '11 december' after 'tot en met'" in out
    assert "adds to the history:\n  event out_of_office (email) at 2026-12-02T10:00:00+01:00" in out


def test_json_output_round_trips_to_the_reply_and_the_history(capsys):
    """--json prints one object whose reply and history read back into the library's values."""
    path = str(CORPUS / "bounce_dsn_511.eml")
    code, out, _ = run(capsys, path, "--received-at", AT, "--json")
    assert code == 0
    data = json.loads(out)
    reply = orl.from_dict(orl.Reply, data["reply"])
    assert (reply.kind, reply.permanent, reply.address) == ("bounce", True, "anna@example.com")
    (attempt,) = (orl.from_dict(orl.Attempt, item) for item in data["history"])
    assert attempt.outcome is orl.Outcome.BOUNCED


def test_without_received_at_the_date_header_is_used(capsys):
    """No --received-at: the message's Date header is when it arrived."""
    code, out, _ = run(capsys, str(CORPUS / "human_thanks_only.eml"), "--json")
    assert code == 0
    assert json.loads(out)["reply"]["received_at"].startswith("2026-12-02T09:59:")


def test_a_prospect_file_with_a_history_counts_earlier_soft_bounces(capsys, tmp_path):
    """--prospect reads a plan record: its zone dates the reply, its history counts soft bounces."""
    soft = {"at": "2026-12-01T10:00:00+01:00", "kind": "soft_bounce", "channel": "email"}
    soft["notes"] = "soft bounce of anna@example.com (4.2.2): 1 in a row"
    record = {
        "prospect": {"id": "anna", "timezone": "Europe/Berlin", "emails": ["anna@example.com"]},
        "history": [soft, {**soft, "at": "2026-12-01T12:00:00+01:00"}],
    }
    file = tmp_path / "anna.json"
    file.write_text(json.dumps(record), encoding="utf-8")
    path = str(CORPUS / "bounce_dsn_422_delayed.eml")
    code, out, _ = run(capsys, path, "--received-at", AT, "--prospect", str(file))
    assert code == 0
    assert "attempt email bounced to anna@example.com" in out
    assert "soft bounce 3 in a row (at most 3), treated as permanent" in out
    code, out, _ = run(
        capsys, path, "--received-at", AT, "--prospect", str(file), "--hard-after", "4"
    )
    assert "event soft_bounce (email)" in out


def test_a_bare_prospect_file_and_own_addresses(capsys, tmp_path):
    """A prospect object alone is read too; --own-address marks our own mail, which adds nothing."""
    file = tmp_path / "anna.json"
    file.write_text(json.dumps({"id": "anna", "timezone": "Europe/Berlin"}), encoding="utf-8")
    path = str(CORPUS / "own_from_own_address.eml")
    args = ("--received-at", AT, "--prospect", str(file), "--own-address", "sam@example.org")
    code, out, _ = run(capsys, path, *args)
    assert code == 0
    assert "our own mail, not a reply" in out
    assert out.rstrip().endswith("adds nothing to the history")


def test_standard_input_is_read_with_a_dash(capsys, monkeypatch):
    """'-' reads the message from standard input, named <stdin> in the output."""
    raw = (CORPUS / "unsub_fr_desinscrire.eml").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    code, out, _ = run(capsys, "-", "--received-at", AT)
    assert code == 0
    assert out.startswith("<stdin>: a request to stop e-mails")


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (("missing.eml",), None, "missing.eml: cannot read: No such file or directory"),
        (("{msg}",), b"  \n", "{msg}: the file is empty"),
        (("{msg}", "--received-at", "2026-12-02T10:00"), b"Subject: x\n\nhi", "--received-at: "),
        (("{msg}", "--hard-after", "0"), b"Subject: x\n\nhi", "--hard-after: expected a whole"),
        (
            ("{msg}", "--prospect", "{bad}"),
            b"Subject: x\n\nhi",
            "{bad}: record 1: prospect.timezone",
        ),
        (
            ("{msg}", "--prospect", "{two}"),
            b"Subject: x\n\nhi",
            "{two}: expected one prospect, got 2",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(capsys, tmp_path, args, content, message):
    """A missing or empty file, a bad time, option or prospect file: one line naming it, exit 2."""
    names = {"msg": str(tmp_path / "m.eml"), "bad": str(tmp_path / "bad.json")}
    names["two"] = str(tmp_path / "two.json")
    if content is not None:
        Path(names["msg"]).write_bytes(content)
    Path(names["bad"]).write_text('{"prospect": {"id": "x", "timezone": "Mars/Base"}}')
    Path(names["two"]).write_text(
        '{"id": "a", "timezone": "UTC"}\n{"id": "b", "timezone": "UTC"}\n'
    )
    code, out, err = run(capsys, *(a.format(**names) for a in args))
    assert code == 2
    assert out == ""
    assert err.startswith("outreach-rules: " + message.format(**names))
    assert err.count("\n") == 1
    assert "Traceback" not in err
