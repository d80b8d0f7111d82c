"""brief(): the story so far, newest first, whatever the input order."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors

NY = ZoneInfo("America/New_York")


def test_brief_lists_newest_first_with_details():
    """Each line shows when, what, and the notes; newest first; limit keeps the newest."""
    p = orl.Prospect(id="ada", timezone="America/New_York")
    t = datetime(2026, 3, 2, 10, tzinfo=NY)
    history = [
        orl.Attempt(at=t, channel="call", outcome="bad_timing", reason="budget", notes="Q3"),
        orl.Event(at=t + timedelta(days=400), kind="callback", notes="wants pricing"),
        orl.Attempt(at=t + timedelta(days=1), channel="email", outcome="sent", to="a@example.com"),
    ]
    text = orl.brief(p, history)
    assert text.entries[0].startswith("Tue 06 Apr 2027 10:00 EDT: callback")
    assert "wants pricing" in text.entries[0]
    assert "email to a@example.com · sent" in text.entries[1]
    assert "reason: budget" in text.entries[2]
    assert str(text).startswith("ada, newest first:")
    assert orl.brief(p, history, limit=1).entries == text.entries[:1]
    assert str(orl.brief(p, [])) == "ada: no earlier contact"


@given(st.data())
def test_brief_ignores_input_order(data):
    """Any permutation of the history gives the same brief."""
    prospect = data.draw(ors.prospects())
    history = data.draw(ors.histories(prospect))
    shuffled = data.draw(st.permutations(history))
    assert orl.brief(prospect, history) == orl.brief(prospect, shuffled)
