"""Example prospects with histories, one per situation, for ``outreach-rules demo``.

Everything is fixed in code, including the moment of planning, so the demo
prints the same plans on every machine.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from outreach_rules.channels import Channel
from outreach_rules.engine import plan
from outreach_rules.history import Attempt, Event
from outreach_rules.offerings import Offering
from outreach_rules.outcomes import EventKind, Outcome
from outreach_rules.plans import Plan
from outreach_rules.playbooks import (
    Playbook,
    cold_calling,
    direct_mail,
    keep_in_touch,
    re_engagement,
)
from outreach_rules.prospects import Phone, PhoneKind, Prospect, Sender
from outreach_rules.trips import Trip

__all__ = ["NOW", "SENDER", "plans", "playbooks", "scenarios"]

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


def scenarios() -> list[tuple[str, Prospect, list[Attempt | Event], str]]:
    """The demo's prospects: a title, the prospect, the history and the playbook's name."""
    thursday_3pm = datetime(2026, 11, 26, 15, 0, tzinfo=NEW_YORK)
    friday = NOW - timedelta(days=3)
    return [
        ("A new prospect: the intro call", _prospect("ada", "Ada Lovelace"), [], "cold_calling"),
        (
            "Three calls, nobody answered: follow-up, and now a voicemail is allowed",
            _prospect("grace", "Grace Hopper", phones=("+12125550100",)),
            [_call(7, Outcome.NO_ANSWER), _call(6, Outcome.NO_ANSWER), _call(4, Outcome.BUSY)],
            "cold_calling",
        ),
        (
            "Hung up an hour ago: a handwritten apology, and a call on the day it names",
            _prospect("alan", "Alan Kay", address="1 Main Street, Springfield"),
            [_call(1 / 24, Outcome.HUNG_UP)],
            "cold_calling",
        ),
        (
            "Reached voicemail this morning: ask the receptionist first",
            _prospect("edsger", "Edsger Dijkstra"),
            [_call(0.02, Outcome.VOICEMAIL)],
            "cold_calling",
        ),
        (
            "The receptionist said: at lunch until 13:00",
            _prospect("tony", "Tony Hoare"),
            [
                _call(0.03, Outcome.VOICEMAIL),
                Attempt(
                    at=NOW - timedelta(minutes=40),
                    channel=Channel.CALL,
                    outcome=Outcome.GATEKEEPER,
                    to="+12125550000",
                    resume_at=datetime(2026, 11, 23, 13, 0, tzinfo=NEW_YORK),
                ),
            ],
            "cold_calling",
        ),
        (
            "Asked for a callback on Thursday at 15:00",
            _prospect("barbara", "Barbara Liskov"),
            [_call(3, Outcome.CALLBACK_REQUESTED, callback_at=thursday_3pm)],
            "cold_calling",
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
            "cold_calling",
        ),
        (
            "Interested: information within the hour, then a call",
            _prospect("frances", "Frances Allen"),
            [_call(0.01, Outcome.INTERESTED, interests=frozenset({"payroll"}))],
            "cold_calling",
        ),
        (
            "Out of office until next Monday",
            _prospect("john", "John Backus", phones=("+12125550100",)),
            [
                _call(4, Outcome.NO_ANSWER),
                Event(
                    at=friday,
                    kind=EventKind.OUT_OF_OFFICE,
                    resume_at=datetime(2026, 11, 30, 9, tzinfo=NEW_YORK),
                ),
            ],
            "cold_calling",
        ),
        (
            "Wrong number: try the next one",
            _prospect(
                "ken",
                "Ken Thompson",
                phones=("+12125550100", Phone(number="+12125550111", kind="mobile")),
            ),
            [_call(0.05, Outcome.WRONG_NUMBER)],
            "cold_calling",
        ),
        (
            "Meeting booked: the cadence is done",
            _prospect("niklaus", "Niklaus Wirth"),
            [_call(4, Outcome.NO_ANSWER), _call(3, Outcome.MEETING_BOOKED)],
            "cold_calling",
        ),
        (
            "Left the company",
            _prospect("fran", "Fran Bilas"),
            [_call(3, Outcome.LEFT_COMPANY, notes="moved to a competitor")],
            "cold_calling",
        ),
        (
            "Asked never to be contacted again",
            _prospect("dennis", "Dennis Ritchie"),
            [
                _call(30, Outcome.DO_NOT_CONTACT),
                Event(at=NOW - timedelta(days=1), kind=EventKind.CALLBACK),
            ],
            "cold_calling",
        ),
        (
            "Keep in touch: a birthday this Saturday",
            _prospect("margaret", "Margaret Hamilton", birthday=date(1970, 11, 28)),
            [],
            "keep_in_touch",
        ),
        (
            "Keep in touch: we will be in Springfield next week",
            _prospect("jean", "Jean Sammet", city="Springfield"),
            [],
            "keep_in_touch",
        ),
        (
            "Said no in the spring; a matching product launched since",
            _prospect("john2", "John McCarthy", interests=frozenset({"payroll"})),
            [_call(200, Outcome.NOT_INTERESTED, reason="payroll is handled in-house")],
            "re_engagement",
        ),
        (
            "Direct mail: letter sent a month ago, the first postcard is due",
            _prospect("adele", "Adele Goldberg", address="2 Elm Street, Springfield"),
            [
                Attempt(
                    at=NOW - timedelta(days=30),
                    channel=Channel.NOTE,
                    outcome=Outcome.SENT,
                    to="2 Elm Street, Springfield",
                    notes="letter and brochure",
                )
            ],
            "direct_mail",
        ),
    ]


def playbooks() -> dict[str, Playbook]:
    """The demo's playbooks by name, all signed by ``SENDER``."""
    return {
        "cold_calling": cold_calling(sender=SENDER),
        "keep_in_touch": keep_in_touch(
            sender=SENDER, trips=(Trip(city="Springfield", day=date(2026, 12, 3)),)
        ),
        "re_engagement": re_engagement(
            sender=SENDER,
            offerings=(
                Offering(
                    name="Payroll Cloud", launched=date(2026, 9, 1), topics=frozenset({"payroll"})
                ),
            ),
        ),
        "direct_mail": direct_mail(sender=SENDER),
    }


def plans(now: datetime = NOW) -> list[tuple[str, Plan]]:
    """Plan every demo scenario with its playbook."""
    books = playbooks()
    return [(title, plan(p, h, now=now, playbook=books[name])) for title, p, h, name in scenarios()]
