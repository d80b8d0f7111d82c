"""The code in README.md and the tutorial runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


@pytest.mark.parametrize("page", ["README.md", "docs/tutorial.md"])
def test_python_blocks_run_in_order(page, capsys):
    """Every python block of the page runs, in order, in one namespace."""
    blocks = BLOCK.findall((ROOT / page).read_text(encoding="utf-8"))
    assert blocks, f"{page} has no python blocks"
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, page, "exec"), namespace)
    assert "plan" in namespace
    assert namespace["plan"].next is not None


def test_readme_starts_with_the_two_commands():
    """The README's first two code blocks install and demo, then run the tests."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", text, re.S)[:2]
    assert commands[0].endswith('pip install -e ".[dev]" && outreach-rules demo')
    assert commands[1] == "pytest"
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[dev]" && outreach-rules demo' in run
    assert "\npytest\n" in run
