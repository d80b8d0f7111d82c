"""docs/compliance: one page per pack that matches the pack's data, and an index that runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from outreach_rules import compliance

DOCS = Path(__file__).resolve().parent.parent / "docs" / "compliance"
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
    text = (DOCS / "index.md").read_text(encoding="utf-8")
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
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    assert text.startswith(f"# `{name}`: {pack.title}")
    assert rule_rows(text) == {(rule.citation, rule.verified) for rule in pack.rules}
    assert "Not legal advice" in text
    overall = (
        "**yes**"
        if pack.verified
        else ("**partly**" if any(rule.verified for rule in pack.rules) else "**no**")
    )
    assert f"Verified: {overall}" in text.replace("\n", " ")
