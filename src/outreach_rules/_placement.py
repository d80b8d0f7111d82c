"""Where an action's window goes: after now, and inside open hours. The one home of both rules.

A policy places what it proposes (``policies._common.propose``) and the
guards place what reaches them (``not_in_past``, and the business and
lawful hours guards through ``guards._windows.fit``); both ask these two
functions, so a window moved by a policy and one moved by a guard land in
the same place, with the same length. They work on times only: the
callers write the reasons, since a policy explains its own choice and a
guard names itself.
"""

from __future__ import annotations

from datetime import datetime

from outreach_rules._time import before, carry, later, shift, sooner, span
from outreach_rules.calendar import Calendar

__all__ = ["from_now", "in_hours"]


def from_now(now: datetime, start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """A window that began before ``now`` moved to start at ``now``, keeping its length.

    Late is better than never (a callback time that passed is kept as soon
    as possible), and a late action is never a mere instant: its window
    runs from ``now`` for as long as it was meant to, or to its old end if
    that is later. ``now`` is in the zone the window should end up in.
    """
    return now, later(end, shift(now, span(start, end)))


def in_hours(calendar: Calendar, start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """The window ``start``–``end`` placed inside one open window of ``calendar``.

    A window that starts while the calendar is open keeps its start and
    ends by closing time (nothing is done after hours); one that starts
    while it is closed moves to the next opening, keeping its length where
    that window allows. The start is returned as it was given when it did
    not move, so ``placed is start`` tells a caller whether to say so.
    Raises ``ValueError`` when nothing opens ahead.
    """
    opening, closing = calendar.open_window(start)
    if opening is start or opening == start:
        # ``before`` inline, for the hot path: wall clocks agree with real time unless a
        # fold is in play.
        if end.fold or closing.fold:
            return start, (closing if before(closing, end) else end)
        return start, (closing if closing < end else end)
    return opening, sooner(carry(start, end, opening), closing)
