"""Out of office: an announced absence pauses every channel (practice 9)."""

from __future__ import annotations

import attrs

from outreach_rules.actions import Action
from outreach_rules.guards import Veto, move
from outreach_rules.situation import Situation

__all__ = ["OutOfOfficeHold"]


@attrs.frozen(kw_only=True)
class OutOfOfficeHold:
    """Hold every action until the prospect is back, plus a grace of business days.

    ``resume_at`` on the latest attempt or event that set one (a vacation
    the receptionist mentioned, an out-of-office reply) pauses all channels
    until that moment plus ``grace_business_days`` (default 1), so nobody is
    greeted by our call on their first morning back. An absence that ends
    the same day it was announced (lunch, a meeting) holds until its end,
    without the grace.
    """

    grace_business_days: int = 1
    name: str = "out_of_office"

    def __call__(
        self, action: Action, *, situation: Situation, planned: tuple[Action, ...]
    ) -> Action | Veto:
        """Move ``action`` past the end of the hold, if it falls inside it."""
        resume = situation.resume_at
        if resume is None:
            return action
        calendar = situation.calendar
        assert situation.hold is not None
        said = situation.local(situation.hold.at).date()
        if self.grace_business_days and situation.local(resume).date() > said:
            back = calendar.add_business_days(resume, self.grace_business_days)
            until = calendar.start_of_day(back.date())
        else:
            # Back the same day (lunch, a meeting): no grace needed.
            until = resume.astimezone(situation.zone)
        if action.earliest >= until:
            return action
        reason = (
            f"away until {situation.local(resume):%a %d %b %Y %H:%M %Z} (said on "
            f"{situation.local(situation.hold.at):%a %d %b}); held until {until:%a %d %b %Y}"
        )
        return move(action, until, reason=reason, guard=self.name)
