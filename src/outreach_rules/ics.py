"""Actions as iCalendar events (RFC 5545), for the caller's own calendar app.

``to_ics`` writes one event per action, in the prospect's own time zone:
a short slot at the planned time (15 minutes unless told otherwise), so a
day of calls reads as a day of appointments, with the whole window in
which the action may be done, the words to say and the reasons in the
description. A day plan's tasks (mail, e-mails, texts, LinkedIn) are
events too, not to-dos (``VTODO``): Google Calendar and Outlook drop
to-dos when they import a file, and a task that silently disappears is
worse than one shown as a slot. It needs the ``icalendar`` package,
imported only when called:

    pip install "outreach-rules[cli]"
"""

from __future__ import annotations

import hashlib
import importlib
import reprlib
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from outreach_rules import _validate as v
from outreach_rules._time import micros, show, zone
from outreach_rules.actions import Action
from outreach_rules.channels import Channel, traits
from outreach_rules.dayplan import DayPlan
from outreach_rules.plans import Plan

__all__ = ["SLOT", "to_ics"]

_PRODID = "-//outreach_rules//to_ics//EN"
_UID_DOMAIN = "outreach-rules"
SLOT = timedelta(minutes=15)
"""The default length of an event: a slot at the planned time, not the whole window."""


def _icalendar() -> Any:
    try:
        return importlib.import_module("icalendar")
    except ImportError as exc:
        raise ImportError("to_ics needs icalendar: pip install 'outreach-rules[cli]'") from exc


def to_ics(
    source: DayPlan | Plan | Iterable[Plan],
    *,
    calendar_name: str = "outreach_rules",
    slot: timedelta | None = SLOT,
) -> bytes:
    """Return an iCalendar file with one event per action of a day plan or of plans.

    ``source`` is an ``orl.DayPlan`` (its ``calls`` in list order, then its
    ``tasks``), or plans (every action of each, in order; a single ``Plan``
    works too). Each event starts at the action's ``earliest`` and lasts
    ``slot`` (default 15 minutes), never past the action's ``latest``;
    ``slot=None`` makes the event the whole window. Times are written in
    the prospect's own zone (``TZID``, with a ``VTIMEZONE`` for each zone
    used, so a DST change keeps the wall time). Its summary reads ``Call
    Ada Lovelace — follow up`` (the prospect's name from a day plan, else
    the id); its description holds the number or address, the window (and
    the rep's time, when the day plan has the rep's zone), the prospect id,
    the subject, the opener, the voicemail to leave if any, and the
    reasons, one per line. The ``UID`` is derived from the prospect id,
    channel, purpose and ``earliest``, so exporting the same plans again
    gives the same ids, and ``DTSTAMP`` is the plan's ``now``: the same
    plans always give the same bytes. Text is only escaped, never read as
    markup or templates.

    Raises ``TypeError`` naming ``source[i]`` for an item that is not an
    ``orl.Plan``, ``TypeError`` or ``ValueError`` naming ``slot`` for a
    slot that is not a positive ``timedelta``, and ``ImportError`` when
    ``icalendar`` is not installed.
    """
    v.text(calendar_name, "calendar_name", allow_empty=False)
    if slot is not None:
        if not isinstance(slot, timedelta):
            raise v.field_error(
                TypeError, "slot", f"expected a timedelta such as 15 minutes or None, got {slot!r}"
            )
        if slot <= timedelta(0):
            raise v.field_error(ValueError, "slot", f"{slot} is not a positive length of time")
    entries = _entries(source)
    names: dict[str, str] = {}
    here: tzinfo | None = None
    if isinstance(source, DayPlan):
        names = {p.id: p.name for p in source.prospects if p.name}
        here = zone(source.zone) if source.zone is not None else None
    ical = _icalendar()
    calendar = ical.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("name", calendar_name)
    calendar.add("x-wr-calname", calendar_name)
    for action, prospect_id, tz, now in entries:
        name = names.get(prospect_id, prospect_id)
        calendar.add_component(_event(ical, action, prospect_id, tz, now, name, slot, here))
    if entries:
        # VTIMEZONE rules for the years the events span, a year either side, so the
        # output depends on the actions alone and stays small.
        years = [
            moment.astimezone(tz).year
            for a, _, tz, _ in entries
            for moment in (a.earliest, a.latest)
        ]
        calendar.add_missing_timezones(
            first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)
        )
    result = calendar.to_ical()
    assert isinstance(result, bytes)
    return result


_Entry = tuple[Action, str, tzinfo, datetime]


def _entries(source: object) -> list[_Entry]:
    """Each action to write, with its prospect's id, zone and the ``now`` it was planned at."""
    if isinstance(source, DayPlan):
        plans: dict[str, Plan] = {}
        for each in source.plans:
            plans.setdefault(each.prospect_id, each)
        entries: list[_Entry] = []
        for call in (*source.calls, *source.tasks):
            prospect_id = call.prospect_id or ""
            found = plans.get(prospect_id)
            if found is not None:
                entries.append((call, prospect_id, zone(found.timezone), found.now))
            else:
                # A list made by hand, without the plans: the call's own zone and time.
                entries.append((call, prospect_id, _zone_of(call.earliest), call.earliest))
        return entries
    if isinstance(source, Plan):
        source = (source,)
    if isinstance(source, (str, bytes, Mapping)) or not isinstance(source, Iterable):
        raise TypeError(
            "source: expected an orl.DayPlan or an iterable of orl.Plan, "
            f"got {type(source).__name__} {reprlib.repr(source)}"
        )
    entries = []
    for i, plan in enumerate(source):
        if not isinstance(plan, Plan):
            raise TypeError(
                f"source[{i}]: expected an orl.Plan, got {type(plan).__name__} {reprlib.repr(plan)}"
            )
        tz = zone(plan.timezone)
        for action in plan.actions:
            entries.append((action, plan.prospect_id, tz, plan.now))
    return entries


def _zone_of(moment: datetime) -> tzinfo:
    key = getattr(moment.tzinfo, "key", None)
    if isinstance(key, str) and key:
        return zone(key)
    return UTC


def _event(
    ical: Any,
    action: Action,
    prospect_id: str,
    tz: tzinfo,
    now: datetime,
    name: str,
    slot: timedelta | None,
    here: tzinfo | None,
) -> Any:
    event = ical.Event()
    event.add("uid", _uid(action, prospect_id))
    event.add("dtstamp", _whole_seconds(now.astimezone(UTC)))
    # iCalendar times are whole seconds: the start rounds up and the end down, so the
    # event never begins before the action may, nor ends after it must.
    start = _whole_seconds(action.earliest.astimezone(tz), up=True)
    latest = action.latest
    if slot is not None:
        # Added in UTC: a wall-clock sum could land in a DST gap.
        latest = min(latest, (action.earliest.astimezone(UTC) + slot))
    end = _whole_seconds(latest.astimezone(tz))
    event.add("dtstart", _sayable(start))
    # RFC 5545: without DTEND an event with a start time ends when it starts; a DTEND
    # equal to DTSTART would be invalid.
    if end > start:
        event.add("dtend", _sayable(end))
    event.add("summary", _summary(action, name))
    event.add("description", _description(action, prospect_id, tz, here))
    return event


def _whole_seconds(moment: datetime, *, up: bool = False) -> datetime:
    """Drop the microseconds of an aware time, or round up to the next second with ``up``."""
    if not moment.microsecond:
        return moment
    if not up:
        return moment.replace(microsecond=0)
    # Add in UTC: wall-clock arithmetic could land in a DST gap.
    instant = moment.astimezone(UTC).replace(microsecond=0) + timedelta(seconds=1)
    return instant.astimezone(moment.tzinfo)


def _sayable(moment: datetime) -> datetime:
    """Return the moment as iCalendar can name it: in its zone, or in UTC if read otherwise.

    A wall time that a fall-back night repeats means its first occurrence in
    iCalendar (RFC 5545, 3.3.5); the second one is written in UTC instead.
    """
    if moment.fold and moment.replace(fold=0).utcoffset() != moment.utcoffset():
        return moment.astimezone(UTC)
    return moment


def _uid(action: Action, prospect_id: str) -> str:
    """Return a stable event id from the prospect id, channel, purpose and ``earliest`` instant."""
    key = "\x1f".join(
        (prospect_id, action.channel.value, str(action.purpose), str(micros(action.earliest)))
    )
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{_UID_DOMAIN}"


def _summary(action: Action, name: str) -> str:
    """Return an event title such as ``Call Ada Lovelace — follow up``."""
    purpose = str(action.purpose).replace("_", " ")
    return f"{traits(action.channel).title} {name} — {purpose}"


def _window(start: datetime, end: datetime) -> str:
    """``Mon 09 Mar 2026 09:00 EDT – 17:00 EDT``, the end's date only when it differs."""
    if end.date() == start.date():
        return f"{show(start)} – {end:%H:%M} {end.tzname()}"
    return f"{show(start)} – {show(end)}"


def _description(action: Action, prospect_id: str, tz: tzinfo, here: tzinfo | None) -> str:
    """Return the event text: where, the window, who, the words, then the reasons."""
    known = traits(action.channel)
    lines: list[str] = []
    if action.to:
        lines.append(f"To: {action.to}")
    start, end = action.earliest.astimezone(tz), action.latest.astimezone(tz)
    where = getattr(tz, "key", None) or str(tz)
    lines.append(f"Window: {_window(start, end)} ({where})")
    if here is not None and here is not tz:
        lines.append(f"Your time: {_window(start.astimezone(here), end.astimezone(here))}")
    lines.append(f"Prospect: {prospect_id}")
    script = action.script
    if script is not None:
        if script.subject:
            lines.append(f"Subject: {script.subject}")
        verb = "Say" if known.spoken else "Write"
        lines.append(f"{verb}: {script.opener}")
        if script.voicemail and action.leave_voicemail:
            lines.append(f"Voicemail if no answer: {script.voicemail}")
    if action.channel is Channel.CALL and not action.leave_voicemail:
        lines.append("Leave no voicemail if no answer.")
    lines.append("Why:")
    lines.extend(f"- {reason}" for reason in action.reasons)
    return "\n".join(lines)
