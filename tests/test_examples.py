"""The examples run as a user runs them, and do what their docstrings say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(script: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / script)],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def test_the_bot_plays_the_receptionist_conversation_when_nothing_is_typed():
    """With no input the bot asks the receptionist, calls after lunch, the cell, and books."""
    out = run("bot_loop.py")
    assert "call ask_gatekeeper → +12125550000" in out
    assert "said they are back Mon 23 Nov 2026 13:30 EST: call then" in out
    assert "→ +19175550123" in out
    assert out.rstrip().endswith("the cadence is done")


def test_the_bot_follows_outcomes_typed_by_the_operator():
    """Typed outcomes drive the loop: a do-not-contact ends it at once."""
    out = run("bot_loop.py", "no_answer\ndo_not_contact\n")
    assert out.count("outcome: ") == 2
    assert "Done: do not contact" in out
