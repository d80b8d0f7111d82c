"""The example cadence files load and plan, and the cadence page's code runs."""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies
from test_docs import _run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "cadences").glob("*.toml"))
PAGE = "docs/cadences.md"
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("America/New_York"))  # a Monday
SENDER = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
ADA = orl.Prospect(
    id="ada",
    name="Ada Lovelace",
    timezone="America/New_York",
    phones=("+12125550100",),
    emails=("ada@example.com",),
    address="1 Main Street, Springfield",
    country="US",
    region="NY",
)
TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.S)


def _reachable(prospect: orl.Prospect) -> orl.Prospect:
    """The prospect with a phone, an e-mail address and a postal address, and no registry flags."""
    return attrs.evolve(
        prospect,
        phones=prospect.phones or ("+12125550100",),
        emails=prospect.emails or ("someone@example.com",),
        address=prospect.address or "1 Main Street",
        flags=frozenset(),
    )


def _cadence_actions(plan: orl.Plan, cadence: orl.cadences.Cadence) -> list[orl.Action]:
    """What the cadence itself proposed, kept or refused, earliest first."""
    made = [a for a in (*plan.actions, *plan.vetoed) if a.policy == cadence.name]
    return sorted(made, key=lambda a: a.earliest)


def test_there_are_five_examples():
    """The folder holds the five documented cadences, each opening with a comment."""
    assert [p.stem for p in EXAMPLES] == [
        "cold_outbound",
        "direct_mail_drip",
        "inbound_lead",
        "keep_in_touch",
        "re_engagement",
    ]
    for path in EXAMPLES:
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_loads(path):
    """Each example file loads and builds a playbook named after the cadence."""
    cadence = orl.cadences.load(path)
    assert cadence.steps
    assert cadence.to_playbook(sender=SENDER).name == cadence.name


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_new_prospect_starts_at_the_first_step(path):
    """A prospect with no history gets the cadence's first step, due at once."""
    cadence = orl.cadences.load(path)
    plan = orl.plan(ADA, [], now=NOW, playbook=cadence.to_playbook(sender=SENDER))
    first = plan.actions[0]
    assert (first.step, first.policy) == (cadence.steps[0].id, cadence.name)
    assert first.earliest == NOW
    assert first.script is not None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@settings(max_examples=25)
@given(data=st.data())
def test_generated_prospect_plans_from_the_first_step(path, data):
    """Any reachable prospect plans without error, and the cadence proposes its first step."""
    prospect = _reachable(data.draw(strategies.prospects(), label="prospect"))
    cadence = orl.cadences.load(path)
    plan = orl.plan(prospect, [], now=NOW, playbook=cadence.to_playbook(sender=SENDER))
    assert plan.halted is None
    assert _cadence_actions(plan, cadence)[0].step == cadence.steps[0].id


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_is_written_to_the_schema(path):
    """Each example uses only fields the JSON Schema knows."""
    jsonschema = pytest.importorskip("jsonschema")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, orl.cadences.schema())
    assert data["name"] == orl.cadences.load(path).name


def test_page_python_blocks_run(monkeypatch, capsys):
    """Every python block of the cadence page runs, in order, in one namespace."""
    monkeypatch.chdir(ROOT)
    namespace = _run(PAGE, {})
    assert namespace["plan"].next.step == "check-in"
    assert "spring_promo.toml:12: steps[1].channel" in capsys.readouterr().out


def test_page_toml_blocks_are_real():
    """Each TOML block of the page is a whole cadence that loads, or an excerpt of an example."""
    page = (ROOT / PAGE).read_text(encoding="utf-8")
    examples = {p.name: p.read_text(encoding="utf-8") for p in EXAMPLES}
    blocks = [b for b in TOML_BLOCK.findall(page) if not b.startswith("# pyproject.toml")]
    assert len(blocks) >= 10
    for block in blocks:
        if block.startswith("name = "):
            assert orl.cadences.loads(block).steps
        else:
            assert any(block in text for text in examples.values()), block


def test_page_lists_every_builtin_policy_and_guard():
    """The reference names every built-in policy and guard."""
    page = (ROOT / PAGE).read_text(encoding="utf-8")
    for name in [*orl.cadences.BUILTIN_POLICIES, *orl.cadences.BUILTIN_GUARDS]:
        assert f"| `{name}` |" in page, name


def test_page_is_in_the_site_navigation():
    """mkdocs.yml links the cadence page."""
    assert "cadences.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
