"""The code in README.md and the tutorial runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


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
    """The README's first two code blocks install and demo, then run the tests."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", text, re.S)[:2]
    assert commands[0].endswith('pip install -e ".[dev]" && outreach-rules demo')
    assert commands[1] == "pytest"
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[dev]" && outreach-rules demo' in run
    assert "\npytest\n" in run
