"""Keep-in-touch calls: birthdays, connection requests, lunch on a trip (practice 5)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta

import attrs

from outreach_rules._time import say_day
from outreach_rules.actions import Action, Purpose
from outreach_rules.calendar import Calendar
from outreach_rules.channels import PHONE_CHANNELS, Channel
from outreach_rules.history import Attempt, Event
from outreach_rules.outcomes import EventKind
from outreach_rules.policies import Halt
from outreach_rules.policies._common import propose, when
from outreach_rules.situation import Situation

__all__ = ["PRIORITY_KEEP_IN_TOUCH", "Birthday", "ConnectionRequest", "LunchInvite"]

PRIORITY_KEEP_IN_TOUCH = 30


def _birthday_in(year: int, birthday: date) -> date:
    # 29 February is kept on 28 February in other years.
    if birthday.month == 2 and birthday.day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return birthday.replace(year=year)


def _called_since(situation: Situation, start: date) -> bool:
    """True when a phone attempt was made on or after local date ``start``."""
    for item in reversed(situation.history):
        if situation.local(item.at).date() < start:
            return False
        if isinstance(item, Attempt) and item.channel in PHONE_CHANNELS:
            return True
    return False


@attrs.frozen(kw_only=True)
class Birthday:
    """Call on the prospect's birthday; if nobody answers, leave a wish that needs no reply.

    The call is on the day itself, weekend or not, from ``at`` (default
    10:00 local) to the end of the lawful calling hours: this year's
    birthday if it has not passed and was not called yet, else next
    year's. 29 February birthdays fall on 28 February in other years.

    Reacts to: ``Prospect.birthday``.
    """

    at: time = time(10)
    name: str = "birthday"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the birthday call."""
        birthday = situation.prospect.birthday
        phone = situation.phone_to_call()
        if birthday is None or phone is None:
            return ()
        today = situation.local_now.date()
        day = _birthday_in(today.year, birthday)
        if day < today or (day == today and _called_since(situation, today)):
            day = _birthday_in(today.year + 1, birthday)
        start = situation.not_before_now(situation.calendar.at(day, self.at))
        return (
            propose(
                situation,
                channel=Channel.CALL,
                purpose=Purpose.BIRTHDAY,
                earliest=start,
                latest=situation.calendar.start_of_day(day + timedelta(days=1)),
                policy=self.name,
                reasons=(f"birthday on {say_day(day)}: call to wish them well",),
                to=phone.number,
                priority=PRIORITY_KEEP_IN_TOUCH,
                leave_voicemail=True,
                business_hours=False,
            ),
        )


@attrs.frozen(kw_only=True)
class ConnectionRequest:
    """Call soon after a connection request, to thank them; the voicemail asks for a callback.

    A request that came through LinkedIn (``Event(channel="linkedin")``) is
    also accepted there, with a short thank-you, by hand, when we have their
    profile and have not answered on LinkedIn since.

    Reacts to: a ``CONNECTION_REQUEST`` event not yet followed by a call.
    """

    name: str = "connection"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the thank-you call."""
        request = None
        for item in reversed(situation.history):
            if isinstance(item, Event) and item.kind is EventKind.CONNECTION_REQUEST:
                request = item
                break
            if isinstance(item, Attempt) and item.channel is Channel.CALL:
                return ()
        if request is None:
            return ()
        found: list[Action] = []
        profile = situation.profile_to_use()
        if request.channel is Channel.LINKEDIN and profile is not None:
            answered = any(a.at >= request.at for a in situation.attempts_on(Channel.LINKEDIN))
            if not answered:
                found.append(
                    propose(
                        situation,
                        channel=Channel.LINKEDIN,
                        purpose=Purpose.CONNECTION,
                        earliest=situation.not_before_now(request.at),
                        policy=self.name,
                        reasons=(
                            f"asked to connect on LinkedIn on {when(situation, request.at)}: "
                            "accept and thank them there",
                        ),
                        to=profile,
                        priority=PRIORITY_KEEP_IN_TOUCH,
                        refers_to=(request,),
                        template="connection:accept",
                    )
                )
        phone = situation.phone_to_call()
        if phone is None:
            return tuple(found)
        return (
            *found,
            propose(
                situation,
                channel=Channel.CALL,
                purpose=Purpose.CONNECTION,
                earliest=situation.not_before_now(request.at),
                policy=self.name,
                reasons=(
                    f"connection request on {when(situation, request.at)}: call to thank them",
                ),
                to=phone.number,
                priority=PRIORITY_KEEP_IN_TOUCH,
                leave_voicemail=True,
                refers_to=(request,),
            ),
        )


@attrs.frozen(kw_only=True)
class LunchInvite:
    """Invite the prospect to lunch when the sender will be in their city.

    The call is ``days_before`` (default 3) business days before the trip,
    or at once if that has passed and the trip is still ahead. The
    voicemail asks for a callback. Cities match without regard to case.

    Reacts to: a playbook ``Trip`` to ``Prospect.city``.
    """

    days_before: int = 3
    name: str = "lunch_invite"

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose an invitation call per upcoming trip to the prospect's city."""
        city = situation.prospect.city
        phone = situation.phone_to_call()
        if city is None or phone is None:
            return ()
        today = situation.local_now.date()
        proposals: list[Action] = []
        for trip in sorted(situation.playbook.trips, key=lambda t: (t.day, t.city)):
            if trip.city.casefold() != city.casefold() or trip.day <= today:
                continue
            calendar = situation.calendar
            ask = calendar.start_of_day(trip.day)
            for _ in range(self.days_before):
                ask = calendar.start_of_day(_previous_business_day(calendar, ask.date()))
            if ask.date() <= today and _called_since(situation, ask.date()):
                continue
            proposals.append(
                propose(
                    situation,
                    channel=Channel.CALL,
                    purpose=Purpose.LUNCH_INVITE,
                    earliest=situation.not_before_now(ask),
                    policy=self.name,
                    reasons=(
                        f"we will be in {city} on {say_day(trip.day)}: invite them to "
                        "lunch or coffee a few days before",
                    ),
                    to=phone.number,
                    priority=PRIORITY_KEEP_IN_TOUCH,
                    leave_voicemail=True,
                    values={"city": city, "day": say_day(trip.day)},
                )
            )
            break
        return tuple(proposals)


def _previous_business_day(calendar: Calendar, day: date) -> date:
    for _ in range(400):
        day -= timedelta(days=1)
        if calendar.is_business_day(day):
            return day
    raise ValueError(f"no business day in the year before {day.isoformat()}")
