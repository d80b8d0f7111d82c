"""The code in README.md and the docs runs as written, and the docs build hook renders it."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
from pathlib import Path
from types import ModuleType

import pytest

import outreach_rules as orl
from outreach_rules.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```python\n(.*?)```", re.S)
SH_BLOCK = re.compile(r"```sh\n(.*?)\n```", re.S)


PRACTICE_PAGES = sorted(
    str(p.relative_to(ROOT))
    for p in (ROOT / "docs" / "practices").glob("*.md")
    if p.name != "index.md"
)


def _run(page: str, namespace: dict[str, object]) -> dict[str, object]:
    blocks = BLOCK.findall((ROOT / page).read_text(encoding="utf-8"))
    assert blocks, f"{page} has no python blocks"
    for block in blocks:
        exec(compile(block, page, "exec"), namespace)
    return namespace


@pytest.mark.parametrize("page", ["README.md", "docs/tutorial.md"])
def test_python_blocks_run_in_order(page, capsys):
    """Every python block of the page runs, in order, in one namespace."""
    namespace = _run(page, {})
    assert namespace["plan"].next is not None


@pytest.mark.parametrize("page", PRACTICE_PAGES)
def test_practice_pages_run(page, capsys):
    """Each practice page's example runs after the shared setup, and prints a plan."""
    namespace = _run("docs/practices/index.md", {})
    _run(page, namespace)
    assert "Plan for " in capsys.readouterr().out or page.endswith("schedule.md")


def test_every_practice_has_a_page():
    """Nine practices, nine pages, all linked from the index."""
    assert len(PRACTICE_PAGES) == 9
    index = (ROOT / "docs" / "practices" / "index.md").read_text(encoding="utf-8")
    for page in PRACTICE_PAGES:
        assert f"({Path(page).name})" in index


def test_readme_starts_with_the_two_commands():
    """The README's first two blocks install into .venv and demo, then test with .venv's Python."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = SH_BLOCK.findall(text)[:2]
    assert commands[0].startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    assert commands[0].endswith('pip install -e ".[dev]" && outreach-rules demo')
    # The second runs alone in a new shell: it names the environment's Python, activates nothing.
    assert commands[1] == ".venv/bin/python -m pytest"
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands[0] in run
    assert commands[1] in run
    assert "rm -rf .venv" in run
    assert run.index("rm -rf .venv") < run.index(commands[0]) < run.index(commands[1])
    assert "python .ci/readme_commands.py" in run


def test_readme_commands_name_files_that_exist():
    """Every command CI runs from the README is an outreach-rules command on files that exist."""
    spec = importlib.util.spec_from_file_location(
        "readme_commands", ROOT / ".ci/readme_commands.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    commands = module.commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert any("examples/data/prospects.jsonl" in command for command in commands)
    for command in commands:
        words = shlex.split(command)
        assert words[0] == "outreach-rules", command
        for word in words[1:]:
            if word.startswith("examples/"):
                assert (ROOT / word).is_file(), word


def test_example_colleagues_plan_together_as_the_cli_page_says(capsys):
    """examples/data/colleagues.jsonl: --account holds Acme for Grace, stops Globex for Hedy."""
    path = ROOT / "examples/data/colleagues.jsonl"
    assert (ROOT / "docs/cli.md").read_text(encoding="utf-8").count(
        path.read_text(encoding="utf-8")
    ) == 1
    code = main(["plan", str(path), "--account", "--now", "2026-11-24T08:00:00-05:00", "--json"])
    assert code == 0
    plans = {
        plan.prospect_id: plan
        for plan in (
            orl.from_dict(orl.Plan, json.loads(line))
            for line in capsys.readouterr().out.splitlines()
        )
    }
    assert list(plans) == ["ada", "alan", "grace", "hedy", "marie", "linus", "edsger"]
    for held in ("ada", "linus"):
        assert any("Grace Hopper at acme" in r for r in plans[held].actions[0].reasons), held
    for stopped in ("alan", "edsger"):
        assert "Hedy Lamarr at globex booked a meeting" in (plans[stopped].halted or ""), stopped
    assert plans["marie"].next is not None


def test_example_prospects_read_and_plan(capsys):
    """examples/data/prospects.jsonl holds a dozen prospects in six places that all plan."""
    code = main(
        [
            "plan",
            str(ROOT / "examples/data/prospects.jsonl"),
            "--now",
            "2026-11-23T09:00:00-05:00",
            "--json",
        ]
    )
    plans = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert len(plans) == 12
    assert all(plan["actions"] for plan in plans)
    records = [
        json.loads(line)
        for line in (ROOT / "examples/data/prospects.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    places = {(r["prospect"]["country"], r["prospect"].get("region")) for r in records}
    assert {country for country, _ in places} == {"US", "GB", "AU", "CA", "DE"}
    assert {("US", "FL"), ("US", "NY")} <= places
    assert any(r["prospect"].get("linkedin") for r in records)
    assert any(
        isinstance(phone, dict) and phone.get("kind") == "mobile"
        for r in records
        for phone in r["prospect"]["phones"]
    )


def test_landing_page_starts_with_the_readme_commands():
    """docs/index.md opens with the README's two commands, word for word."""
    readme = SH_BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))[:2]
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert SH_BLOCK.findall(index)[:2] == readme
    before_first_block = index[: index.index("```")]
    assert before_first_block.count("\n\n") <= 2  # the title and one sentence, nothing else


def test_crm_guide_runs(capsys):
    """The CRM guide's blocks run in order: bad rows are reported, the list is written once."""
    namespace = _run("docs/embedding-crm.md", {})
    db = namespace["db"]
    listed = db.execute("select prospect_id from call_list order by rank").fetchall()
    assert listed == [("linus",), ("grace",), ("ada",)]  # Ada called, and back on at the end
    assert [p.id for p, _ in namespace["pairs"]] == ["ada", "grace", "linus"]
    assert "Mars/Olympus" in capsys.readouterr().out


def test_bot_guide_runs(capsys):
    """The bot guide follows plan.next until the meeting is booked, and never acts on vetoes."""
    namespace = _run("docs/embedding-bot.md", {})
    assert [a.outcome for a in namespace["history"]][-1] == orl.Outcome.MEETING_BOOKED
    out = capsys.readouterr().out
    assert "ask_gatekeeper → +12125550000" in out
    assert "vetoed by registries" in out


def test_simulation_guide_runs(capsys):
    """The simulation guide's blocks run in order: a run, a comparison, the same seed, a model."""
    namespace = _run("docs/simulation.md", {})
    assert namespace["summary"].prospects == 200
    assert namespace["silent"].summary().meetings == 0
    assert "with the note" in capsys.readouterr().out


def test_channels_page_runs(capsys):
    """The channels page prints the table, reads a STOP and plans the text after two calls."""
    namespace = _run("docs/channels.md", {})
    out = capsys.readouterr().out
    assert "sms        phone    mobile" in out
    assert "opt_out sms" in out
    assert [a.channel for a in namespace["plan"].actions].count(orl.Channel.SMS) == 1


def test_accounts_page_runs(capsys):
    """The accounts page plans three colleagues: Grace goes ahead, the others wait for her."""
    namespace = _run("docs/accounts.md", {})
    ada, grace, linus = namespace["plans"]
    assert grace.next is not None
    for plan in (ada, linus):
        assert any("Grace Hopper at acme" in r for r in plan.next.reasons)
    assert "Grace Hopper" in capsys.readouterr().out


def test_capacity_page_runs(capsys):
    """The capacity page: Kim's vacation holds her calls, Sam's ramping mailbox sends one e-mail."""
    namespace = _run("docs/capacity.md", {})
    day = namespace["day"]
    assert day.for_owner("kim").calls == ()
    assert len([a for a in day.for_owner("sam").tasks if a.channel == "email"]) == 1
    assert "away: vacation 2026-03-09 to 2026-03-13" in capsys.readouterr().out


def test_replanning_example_runs(capsys):
    """The performance page's loop plans after each unanswered call: the fourth call is next."""
    namespace = _run("docs/performance.md", {})
    assert len(namespace["history"]) == 3
    assert namespace["plan"].next.purpose == orl.Purpose.FOLLOW_UP
    assert "3rd call in a row without reaching them" in capsys.readouterr().out


def test_comparison_example_runs(capsys):
    """The comparison page's example moves a late callback to a lawful time and cites the law."""
    namespace = _run("docs/comparison.md", {})
    assert namespace["plan"].next.moved_by == ("lawful_hours",)
    assert "Fla. Stat. 501.616(6)" in capsys.readouterr().out


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "run_code", ROOT / "docs" / "_hooks" / "run_code.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hook_shows_what_a_practice_page_prints():
    """The build puts each block's printed output right after it, after the shared setup."""
    hook = _hook()
    page = "practices/do-not-contact.md"
    rendered = hook.render((ROOT / "docs" / page).read_text(encoding="utf-8"), page)
    code_end = rendered.index("print(plan.explain())\n```")
    output = rendered[code_end:]
    assert output.index('```text title="Output"') < output.index("Plan for ada")
    assert "do not contact" in output


def test_hook_fails_on_a_broken_block():
    """A block that raises fails the build with the page, the block and the line."""
    hook = _hook()
    page = "```python\nx = 1\n```\n\n```python\nassert x == 2\n```\n"
    with pytest.raises(hook.DocsCodeError, match=r"tutorial.md: python block 2 .* x == 2"):
        hook.render(page, "tutorial.md")


def test_hook_runs_commands_and_checks_their_exit_code():
    """A run marker shows the command with its real output; a wrong exit code fails the build."""
    hook = _hook()
    good = hook.render("<!-- run: outreach-rules rules SE -->\n", "cli.md")
    assert good.startswith("```console\n$ outreach-rules rules SE\n")
    assert "se: Sweden" in good
    bad = '```json title="bad.jsonl"\n{"prospect": {"id": "x"}}\n```\n'
    shown = hook.render(bad + "<!-- run exit=2: outreach-rules plan bad.jsonl -->\n", "cli.md")
    assert "prospect.timezone" in shown
    assert shown.rstrip().endswith("$ echo $?\n2\n```")
    with pytest.raises(hook.DocsCodeError, match="exited 2, expected 0"):
        hook.render(bad + "<!-- run: outreach-rules plan bad.jsonl -->\n", "cli.md")


def test_hook_inserts_the_cadence_schema():
    """The schema page gets the schema generated from the model, as valid JSON."""
    hook = _hook()
    page = (ROOT / "docs" / "cadence-schema.md").read_text(encoding="utf-8")
    rendered = hook.render(page, "cadence-schema.md")
    block = rendered[rendered.index("```json\n") + len("```json\n") : rendered.rindex("```")]
    assert json.loads(block) == orl.cadences.schema()


def test_cli_page_covers_every_command_and_the_exit_codes():
    """docs/cli.md has a section, an example run and the --help of every subcommand."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    subcommands = build_parser()._subparsers._group_actions[0].choices
    assert set(subcommands) == {
        "demo",
        "plan",
        "day",
        "explain",
        "validate",
        "show",
        "schema",
        "rules",
        "simulate",
        "import",
        "read-reply",
    }
    for name in subcommands:
        assert f"\n## {name}\n" in text, name
        assert re.search(rf"<!-- run[^:]*: outreach-rules {name} (?!--help)", text), name
    for name in set(subcommands) - {"demo", "schema"}:
        assert f"<!-- run: outreach-rules {name} --help -->" in text, name
    assert "| `0` |" in text
    assert "| `2` |" in text


def test_new_pages_are_in_the_site_navigation():
    """mkdocs.yml lists the guides, the command line, the comparison and the schema page."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in (
        "embedding-crm.md",
        "embedding-bot.md",
        "cli.md",
        "comparison.md",
        "simulation.md",
        "replies.md",
        "cadence-schema.md",
        "reference/index.md",
    ):
        assert (ROOT / "docs" / page).is_file(), page
        assert f" {page}" in config, page


def test_the_replies_guide_runs(capsys):
    """docs/replies.md reads an out-of-office, three soft bounces and a person's reply."""
    namespace = _run("docs/replies.md", {})
    assert namespace["reply"].kind == "out_of_office"
    assert namespace["history"][-1].outcome == "bounced"
    assert namespace["answer"].text == "Thursday at 10 works for me."
    assert "'11.12' after 'bis einschliesslich'" in capsys.readouterr().out


def test_every_docs_page_with_python_code_is_run_by_a_test():
    """A page with python blocks is run here, in test_cadence_examples or test_compliance_docs."""
    run_elsewhere = {"docs/cadences.md", "docs/compliance/index.md"}
    run_here = {
        "docs/tutorial.md",
        "docs/embedding-crm.md",
        "docs/embedding-bot.md",
        "docs/comparison.md",
        "docs/simulation.md",
        "docs/performance.md",
        "docs/channels.md",
        "docs/accounts.md",
        "docs/capacity.md",
        "docs/replies.md",
        "docs/practices/index.md",
        *PRACTICE_PAGES,
    }
    with_code = {
        str(page.relative_to(ROOT))
        for page in (ROOT / "docs").rglob("*.md")
        if BLOCK.search(page.read_text(encoding="utf-8"))
    }
    assert with_code <= run_here | run_elsewhere


def test_shell_commands_wrap_at_spaces_to_fit_their_box():
    """The stylesheet wraps shell blocks (the landing page's install line) at spaces only."""
    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    rules = dict(re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    shell = next(body for selector, body in rules.items() if ".language-sh.highlight" in selector)
    assert "white-space: pre-wrap" in shell
    assert "anywhere" not in shell  # never inside a word such as ".[dev]"
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "```sh\n" in index  # the install line is a shell block, so the rule reaches it
