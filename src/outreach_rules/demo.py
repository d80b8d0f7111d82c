"""Example prospects with histories, one per situation, for ``outreach-rules demo``.

Everything is fixed in code, including the moment of planning, so the demo
prints the same plans on every machine.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from outreach_rules.channels import Channel
from outreach_rules.engine import plan
from outreach_rules.history import Attempt, Event
from outreach_rules.outcomes import EventKind, Outcome
from outreach_rules.plans import Plan
from outreach_rules.playbooks import cold_calling
from outreach_rules.prospects import Phone, PhoneKind, Prospect, Sender

__all__ = ["NOW", "SENDER", "plans", "scenarios"]

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=NEW_YORK)
"""The demo plans as of Monday 23 November 2026, 09:30 in New York."""
SENDER = Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com", company="Acme")


def _prospect(pid: str, name: str, tz: str = "America/New_York", **extra: object) -> Prospect:
    fields: dict[str, object] = {
        "phones": (
            Phone(number="+12125550100", kind=PhoneKind.DIRECT),
            Phone(number="+12125550000", kind=PhoneKind.SWITCHBOARD),
        ),
        "emails": (f"{pid}@example.com",),
        "country": "US",
        "region": "NY",
        "company": "Example Co",
    }
    fields.update(extra)
    return Prospect(id=pid, name=name, timezone=tz, **fields)  # type: ignore[arg-type]


def _call(days_ago: float, outcome: Outcome, **extra: object) -> Attempt:
    return Attempt(
        at=NOW - timedelta(days=days_ago),
        channel=Channel.CALL,
        outcome=outcome,
        to="+12125550100",
        **extra,  # type: ignore[arg-type]
    )


def scenarios() -> list[tuple[str, Prospect, list[Attempt | Event]]]:
    """The demo's prospects, each with a title and a history."""
    thursday_3pm = datetime(2026, 11, 26, 15, 0, tzinfo=NEW_YORK)
    return [
        ("A new prospect: the intro call", _prospect("ada", "Ada Lovelace"), []),
        (
            "Three calls, nobody answered: follow-up, and now a voicemail is allowed",
            _prospect("grace", "Grace Hopper"),
            [_call(7, Outcome.NO_ANSWER), _call(6, Outcome.NO_ANSWER), _call(4, Outcome.BUSY)],
        ),
        (
            "Hung up an hour ago: no call the same day",
            _prospect("alan", "Alan Kay"),
            [_call(1 / 24, Outcome.HUNG_UP)],
        ),
        (
            "Reached voicemail this morning",
            _prospect("edsger", "Edsger Dijkstra"),
            [_call(0.02, Outcome.VOICEMAIL)],
        ),
        (
            "Asked for a callback on Thursday at 15:00",
            _prospect("barbara", "Barbara Liskov"),
            [_call(3, Outcome.CALLBACK_REQUESTED, callback_at=thursday_3pm)],
        ),
        (
            "Called back fourteen months after our last call, in Stockholm",
            _prospect(
                "karin",
                "Karin Larsson",
                tz="Europe/Stockholm",
                country="SE",
                region=None,
                phones=("+46701234567",),
            ),
            [
                Attempt(
                    at=NOW - timedelta(days=440),
                    channel=Channel.CALL,
                    outcome=Outcome.BAD_TIMING,
                    to="+46701234567",
                    notes="budget frozen until next year",
                ),
                Attempt(
                    at=NOW - timedelta(days=430),
                    channel=Channel.EMAIL,
                    outcome=Outcome.SENT,
                    to="karin@example.com",
                    notes="sent the brochure",
                ),
                Event(
                    at=NOW - timedelta(hours=3),
                    kind=EventKind.CALLBACK,
                    notes="left a message at the front desk",
                ),
            ],
        ),
        (
            "Interested: information within the hour, then a call",
            _prospect("frances", "Frances Allen"),
            [_call(0.01, Outcome.INTERESTED, interests=frozenset({"payroll"}))],
        ),
        (
            "On vacation until next Monday, said the receptionist",
            _prospect("john", "John Backus"),
            [_call(3, Outcome.GATEKEEPER, resume_at=datetime(2026, 11, 30, 9, tzinfo=NEW_YORK))],
        ),
        (
            "Wrong number: try the next one",
            _prospect(
                "ken",
                "Ken Thompson",
                phones=("+12125550100", Phone(number="+12125550111", kind="mobile")),
            ),
            [_call(0.05, Outcome.WRONG_NUMBER)],
        ),
        (
            "Meeting booked: the cadence is done",
            _prospect("niklaus", "Niklaus Wirth"),
            [_call(4, Outcome.NO_ANSWER), _call(3, Outcome.MEETING_BOOKED)],
        ),
        (
            "Asked never to be contacted again",
            _prospect("dennis", "Dennis Ritchie"),
            [
                _call(30, Outcome.DO_NOT_CONTACT),
                Event(at=NOW - timedelta(days=1), kind=EventKind.CALLBACK),
            ],
        ),
    ]


def plans(now: datetime = NOW) -> list[tuple[str, Plan]]:
    """Plan every demo scenario with the cold-calling playbook signed by ``SENDER``."""
    playbook = cold_calling(sender=SENDER)
    return [(title, plan(p, h, now=now, playbook=playbook)) for title, p, h in scenarios()]
