"""Re-calling those who said no, after a cooldown or when something changed (practice 6)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from outreach_rules._time import say_day
from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import Channel
from outreach_rules.history import Attempt, Event
from outreach_rules.offerings import Offering
from outreach_rules.outcomes import EventKind, Outcome
from outreach_rules.policies import Halt
from outreach_rules.policies._common import PRIORITY_RE_ENGAGE, propose, when
from outreach_rules.situation import Situation

__all__ = ["ReEngage"]

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str | None) -> set[str]:
    return set(_WORD.findall(text.casefold())) if text else set()


@attrs.frozen(kw_only=True)
class ReEngage:
    """Call again someone who said not interested, once they have had time to forget.

    Options and defaults: ``cooldown_days`` (90) after the refusal for a
    plain re-call, ranked low (``priority`` 10); ``sooner_days`` (30) and
    ``changed_priority`` (30) when something relevant changed: an
    ``Offering`` launched after the refusal whose topics match the
    interests or words of the reason recorded (on the refusal, earlier
    attempts or the prospect), or a ``LEADERSHIP_CHANGE`` event after the
    refusal. The reasons say which. Good notes matter: ``Attempt.reason``
    and ``Attempt.interests`` feed the match.

    Reacts to: the latest attempt ending in ``NOT_INTERESTED``.
    """

    cooldown_days: int = 90
    sooner_days: int = 30
    changed_priority: int = 30
    name: str = "re_engagement"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the re-engagement call."""
        refusal = situation.last
        if not isinstance(refusal, Attempt) or refusal.outcome is not Outcome.NOT_INTERESTED:
            return ()
        phone = situation.phone_to_call()
        if phone is None:
            return ()
        said = f"said not interested on {when(situation, refusal.at)}"
        if refusal.reason:
            said += f" ({refusal.reason})"
        change = self._leadership(situation, refusal)
        offering = self._offering(situation, refusal)
        if offering is not None:
            launched = situation.calendar.start_of_day(offering.launched)
            due = max(situation.local(refusal.at) + timedelta(days=self.sooner_days), launched)
            interests = self._interests(situation, refusal)
            topics = ", ".join(sorted(t for t in offering.topics if t.casefold() in interests))
            why = (
                f"{offering.name} launched {say_day(offering.launched)}, after the refusal, "
                f"and matches what they care about ({topics}): call sooner, ranked higher"
            )
            return self._call(
                situation,
                refusal,
                phone.number,
                due,
                (said, why),
                self.changed_priority,
                "re_engage:offering",
                {"offering": offering.name, "topics": topics},
            )
        if change is not None:
            due = max(situation.local(refusal.at) + timedelta(days=self.sooner_days), change.at)
            why = (
                f"leadership changed on {when(situation, change.at)}, after the refusal: "
                "someone new may see it differently; call sooner, ranked higher"
            )
            return self._call(
                situation,
                refusal,
                phone.number,
                due,
                (said, why),
                self.changed_priority,
                "re_engage:leadership",
                None,
            )
        due = situation.local(refusal.at) + timedelta(days=self.cooldown_days)
        why = (
            f"nothing relevant changed since: call again after the {self.cooldown_days}-day "
            "cooldown, when most have forgotten the first call; ranked low"
        )
        return self._call(
            situation, refusal, phone.number, due, (said, why), PRIORITY_RE_ENGAGE, None, None
        )

    def _call(
        self,
        situation: Situation,
        refusal: Attempt,
        number: str,
        due: datetime,
        reasons: tuple[str, ...],
        priority: int,
        template: str | None,
        values: dict[str, str | None] | None,
    ) -> tuple[Action]:
        return (
            propose(
                situation,
                channel=Channel.CALL,
                purpose=Purpose.RE_ENGAGE,
                earliest=situation.not_before_now(due),
                policy=self.name,
                reasons=reasons,
                to=number,
                priority=priority,
                refers_to=(refusal,),
                template=template,
                values=values,
            ),
        )

    def _interests(self, situation: Situation, refusal: Attempt) -> set[str]:
        found = set(situation.prospect.interests) | set(refusal.interests) | _words(refusal.reason)
        for attempt in situation.attempts_on(Channel.CALL):
            found |= attempt.interests
            found |= _words(attempt.reason)
        return {t.casefold() for t in found}

    def _offering(self, situation: Situation, refusal: Attempt) -> Offering | None:
        refused_on = situation.local(refusal.at).date()
        candidates = [o for o in situation.playbook.offerings if o.launched > refused_on]
        if not candidates:
            return None
        interests = self._interests(situation, refusal)
        matches = [o for o in candidates if {t.casefold() for t in o.topics} & interests]
        return min(matches, key=lambda o: (o.launched, o.name)) if matches else None

    @staticmethod
    def _leadership(situation: Situation, refusal: Attempt) -> Event | None:
        for item in reversed(situation.history):
            if item.at <= refusal.at:
                return None
            if isinstance(item, Event) and item.kind is EventKind.LEADERSHIP_CHANGE:
                return item
        return None
