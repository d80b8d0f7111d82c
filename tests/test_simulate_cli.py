"""The simulate command: a summary for one cadence, a comparison for several, one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from outreach_rules import simulation as sim
from outreach_rules.cli import build_parser, main
from outreach_rules.playbooks import cold_calling

COLD = Path(__file__).parent.parent / "examples" / "cadences" / "cold_outbound.toml"
SMALL = ("--prospects", "30", "--days", "20")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["simulate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_without_a_cadence_it_prints_the_summary_of_the_default_playbook(capsys):
    """No --cadence: one run of cold_calling, its summary table, the same as simulate's."""
    code, out, err = run(capsys, *SMALL, "--seed", "3")
    assert code == 0
    assert err == ""
    expected = sim.simulate(cold_calling(), 30, days=20, seed=3).summary().table()
    assert out == expected + "\n"
    assert out.startswith("playbook                cold_calling\nruns                    1\n")


def test_one_cadence_with_runs_prints_the_runs_summed_up(capsys):
    """One --cadence with --runs 2 prints one summary of both runs."""
    code, out, _ = run(capsys, *SMALL, "--cadence", "direct_mail", "--runs", "2")
    assert code == 0
    assert "playbook                direct_mail" in out
    assert "\nruns                    2\n" in out
    assert "\nprospects               60\n" in out


def test_two_cadences_print_the_comparison_table_with_intervals(capsys):
    """Two cadences run compare and print its table, a row per cadence, after one header line."""
    args = ("--cadence", "cold_calling", "--cadence", str(COLD), "--runs", "2", "--seed", "1")
    code, out, _ = run(capsys, *SMALL, *args)
    assert code == 0
    header, blank, table = out.split("\n", 2)
    assert header == "30 synthetic prospects over 20 days, seed 1, 2 runs per cadence"
    assert blank == ""
    result = sim.compare(
        {"cold_calling": cold_calling(), "cold-outbound": _cold_outbound()},
        30,
        days=20,
        runs=2,
        seed=1,
    )
    assert table == result.table() + "\n"
    assert "percentile bootstrap over 2 runs" in table


def test_comparing_defaults_to_five_runs(capsys):
    """Without --runs a comparison has five runs per cadence."""
    code, out, _ = run(capsys, "--prospects", "5", "--days", "5", *_two_builtins())
    assert code == 0
    assert "5 runs per cadence" in out
    assert "bootstrap over 5 runs" in out


def test_json_holds_the_settings_the_estimates_and_the_summaries(capsys):
    """--json prints the settings and, per cadence, the estimates and its summed-up runs."""
    code, out, _ = run(capsys, *SMALL, *_two_builtins(), "--runs", "2", "--json")
    assert code == 0
    data = json.loads(out)
    assert {k: data[k] for k in ("prospects", "days", "seed", "runs")} == {
        "prospects": 30,
        "days": 20,
        "seed": 0,
        "runs": 2,
    }
    names = [s["strategy"] for s in data["strategies"]]
    assert names == ["cold_calling", "direct_mail"]
    first = data["strategies"][0]
    assert set(sim.COLUMNS) <= set(first)
    assert first["cadence"] == "cold_calling"
    assert first["summary"]["prospects"] == 60
    assert sum(first["summary"]["attempts_by_channel"].values()) == first["summary"]["attempts"]
    assert first["meetings_low"] <= first["meetings"] <= first["meetings_high"]


def test_the_same_options_give_the_same_numbers(capsys):
    """Two runs with the same seed print the same; another seed changes them."""
    outputs = [run(capsys, *SMALL, "--seed", seed)[1] for seed in ("4", "4", "5")]
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]


def test_two_files_with_the_same_cadence_name_are_told_apart(tmp_path, capsys):
    """Cadences that share a name are shown by the file they came from."""
    copy = tmp_path / "copy.toml"
    shutil.copy(COLD, copy)
    code, out, _ = run(
        capsys, "--prospects", "5", "--days", "5", "--cadence", str(COLD), "--cadence", str(copy)
    )
    assert code == 0
    assert f"\n{COLD}  " in out
    assert f"\n{copy}  " in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--prospects", "0"], "--prospects: expected a whole number ≥ 1, got 0"),
        (
            ["--prospects", "many"],
            "--prospects: 'many' is not a whole number; use a whole number ≥ 1, e.g. 1000",
        ),
        (["--days", "0"], "--days: expected a whole number ≥ 1, got 0"),
        (["--runs", "0", *("--cadence", "cold_calling")], "--runs: expected a whole number ≥ 1"),
        (["--seed", "1.5"], "--seed: '1.5' is not a whole number; use a whole number, e.g. 0"),
        (
            ["--cadence", "missing.toml"],
            "--cadence: 'missing.toml' is not a file; give a .toml or .json cadence file or a "
            "built-in name: cold_calling, direct_mail",
        ),
        (["--cadence", "cold_caling"], "--cadence: 'cold_caling' is neither a .toml/.json file"),
        (
            ["--cadence", "direct_mail", "--cadence", "direct_mail"],
            "--cadence: 'direct_mail' is given twice; give each cadence once",
        ),
    ],
)
def test_bad_options_are_one_line_naming_the_option_with_exit_code_2(
    tmp_path, capsys, monkeypatch, args, message
):
    """A bad option prints one line naming the option and its value, exits 2, simulates nothing."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.startswith(f"outreach-rules: {message}")
    assert len(err.strip().splitlines()) == 1


def test_an_invalid_cadence_file_is_reported_where_it_is_wrong(tmp_path, capsys):
    """A broken cadence file stops the command with its located problem, exit 2."""
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\n\n[[steps]]\nid = "call-1"\nchannel = "phone"\n')
    code, out, err = run(capsys, *SMALL, "--cadence", str(broken))
    assert code == 2
    assert out == ""
    assert err.startswith(f"outreach-rules: {broken}:5: steps[0].channel: 'phone' is not one of")
    assert "Traceback" not in err


def test_help_ends_with_examples_and_the_exit_codes():
    """simulate --help lists its options, then examples of itself and the exit codes."""
    commands = build_parser()._subparsers._group_actions[0].choices
    text = commands["simulate"].format_help()
    for option in ("--cadence", "--prospects", "--days", "--seed", "--runs", "--json"):
        assert option in text, option
    assert "examples:\n  outreach-rules simulate " in text
    assert text.rstrip().endswith(
        "exit codes: 0 done; 2 bad input or usage (one line on stderr, no traceback)"
    )


def test_the_installed_command_simulates_and_refuses_bad_input():
    """The outreach-rules entry point prints the summary, and a bad option without traceback."""
    command = shutil.which("outreach-rules", path=str(Path(sys.executable).parent))
    assert command is not None, "outreach-rules is not installed next to this Python"
    done = subprocess.run(
        [command, "simulate", "--prospects", "10", "--days", "10", "--no-progress"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("playbook                cold_calling\n")
    assert "\nprospects               10\n" in done.stdout
    bad = subprocess.run(
        [command, "simulate", "--prospects", "0"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert bad.returncode == 2
    assert bad.stderr == "outreach-rules: --prospects: expected a whole number ≥ 1, got 0\n"


def _two_builtins() -> tuple[str, ...]:
    return ("--cadence", "cold_calling", "--cadence", "direct_mail")


def _cold_outbound():
    from outreach_rules import cadences

    return cadences.load(COLD).to_playbook()


def test_accounts_both_compares_each_cadence_with_the_account_rules_on_and_off(capsys):
    """--contacts-per-account 3 --accounts both: compare's numbers for the rules on and off."""
    args = ("--prospects", "60", "--days", "30", "--runs", "2", "--json")
    code, out, err = run(capsys, *args, "--contacts-per-account", "3", "--accounts", "both")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["contacts_per_account"] == 3
    rows = {row["strategy"]: row for row in data["strategies"]}
    on, off = rows["cold_calling, accounts on"], rows["cold_calling, accounts off"]
    assert (on["accounts"], off["accounts"]) == (True, False)
    people = sim.population(60, seed=0, contacts_per_account=3)
    expected = sim.compare(
        {"on": cold_calling(), "off": cold_calling()}, people, days=30, runs=2,
        accounts={"on": True, "off": False},
    )  # fmt: skip
    assert on["summary"]["attempts"] == expected.summary("on").attempts
    assert off["summary"]["attempts"] == expected.summary("off").attempts
    # A booked meeting stops the colleagues: the rules change what is done.
    assert on["summary"]["attempts"] != off["summary"]["attempts"]


def test_accounts_without_colleagues_is_one_line_naming_the_option(capsys):
    """--accounts needs colleagues to plan together; without them, exit 2 and say what to add."""
    code, out, err = run(capsys, *SMALL, "--accounts", "off")
    assert (code, out) == (2, "")
    assert err.startswith("outreach-rules: --accounts: ")
    assert "--contacts-per-account" in err
    code, _, err = run(capsys, *SMALL, "--contacts-per-account", "none")
    assert code == 2
    assert err.startswith("outreach-rules: --contacts-per-account: 'none' is not a whole number")
