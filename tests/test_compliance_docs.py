"""docs/compliance: one page per pack that matches the pack's data, and an index that runs."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

import outreach_rules as orl
from outreach_rules import compliance

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "compliance"
YEAR = 2026


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "run_code", ROOT / "docs" / "_hooks" / "run_code.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = _hook()


def rendered(page: str) -> str:
    """Return a compliance page as the docs build shows it, pack markers expanded."""
    return HOOK.with_packs((DOCS / page).read_text(encoding="utf-8"), YEAR)


BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def rule_rows(text: str) -> set[tuple[str, bool]]:
    """Return (citation, verified) from the rows of a page's rule table."""
    rows = set()
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("rule", "---") or not line.startswith("|"):
            continue
        rows.add((cells[2], cells[3] == "yes"))
    return rows


def test_index_says_plainly_this_is_not_legal_advice_and_links_every_pack():
    """The index states it is not legal advice and links a page for every pack."""
    text = rendered("index.md")
    assert "**This is not legal advice.**" in text
    for name in compliance.PACKS:
        assert f"]({name}.md)" in text


def test_index_examples_run():
    """Every python block of the index runs, in order, in one namespace."""
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert blocks
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/compliance/index.md", "exec"), namespace)
    assert namespace["found"]


@pytest.mark.parametrize("name", sorted(compliance.PACKS))
def test_pack_page_lists_each_rule_with_its_citation_and_verified_flag(name):
    """The pack's page has a table row per rule kind with the pack's citations and flags."""
    pack = compliance.PACKS[name]
    text = rendered(f"{name}.md")
    assert text.startswith(f"# `{name}`: {pack.title}")
    assert rule_rows(text) == {(rule.citation, rule.verified) for rule in pack.rules}
    assert "Not legal advice" in text
    overall = (
        "**yes**"
        if pack.verified
        else ("**partly**" if any(rule.verified for rule in pack.rules) else "**no**")
    )
    assert f"Verified: {overall}" in text.replace("\n", " ")


@pytest.mark.parametrize("name", sorted(compliance.PACKS))
def test_pack_page_is_generated_from_the_data_and_says_which_rules_cover_texts(name):
    """Each page is the pack marker (plus notes): the build writes its table from the data."""
    raw = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    assert raw.startswith(f"<!-- pack: {name} -->")
    text = rendered(f"{name}.md")
    assert "Texts (SMS): " in text
    covering = compliance.PACKS[name].covering(orl.Channel.SMS)
    assert ("no rule of this pack covers texts" in text) == (not covering)


def test_coverage_page_lists_every_pack_and_what_is_missing():
    """The coverage page has a row per pack and a section on what is not encoded."""
    text = rendered("coverage.md")
    for name in compliance.PACKS:
        assert f"[`{name}`]({name}.md)" in text
    assert "## Not encoded" in text
    assert "Not legal advice" in text


def test_every_pack_page_is_in_the_nav():
    """mkdocs.yml lists a page for every pack, and the coverage page."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in compliance.PACKS:
        assert f"compliance/{name}.md" in nav
    assert "compliance/coverage.md" in nav
