"""Quickstart: one prospect, a short history, a plan with its reasons.

Run it with ``python examples/quickstart.py``.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import outreach_rules as orl

NEW_YORK = ZoneInfo("America/New_York")


def main() -> None:
    """Plan a prospect who asked to be called back on Thursday at 15:00."""
    ada = orl.Prospect(
        id="ada",
        name="Ada Lovelace",
        timezone="America/New_York",
        phones=("+1 212 555 0100",),
        emails=("ada@example.com",),
        country="US",
        region="NY",
    )
    history = [
        orl.Attempt(
            at=datetime(2026, 11, 19, 10, 0, tzinfo=NEW_YORK),
            channel=orl.Channel.CALL,
            outcome=orl.Outcome.NO_ANSWER,
            to="+12125550100",
        ),
        orl.Attempt(
            at=datetime(2026, 11, 20, 16, 5, tzinfo=NEW_YORK),
            channel=orl.Channel.CALL,
            outcome=orl.Outcome.CALLBACK_REQUESTED,
            to="+12125550100",
            callback_at=datetime(2026, 11, 26, 15, 0, tzinfo=NEW_YORK),
            notes="busy with the quarter close; call Thursday afternoon",
        ),
    ]
    me = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
    playbook = orl.playbooks.cold_calling(sender=me)
    now = datetime(2026, 11, 23, 9, 30, tzinfo=NEW_YORK)

    plan = orl.plan(ada, history, now=now, playbook=playbook)
    assert plan.next is not None
    assert plan.next.purpose == orl.Purpose.CALLBACK
    assert plan.next.due == datetime(2026, 11, 26, 15, 0, tzinfo=NEW_YORK)
    print(plan.explain())
    print()
    print(orl.brief(ada, history))

    # Plans are plain values: they travel as JSON and come back equal.
    assert orl.from_dict(orl.Plan, orl.to_dict(plan)) == plan


if __name__ == "__main__":
    main()
