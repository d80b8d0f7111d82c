"""Fitting an action into the open windows of a calendar, shared by the hours guards."""

from __future__ import annotations

from collections.abc import Callable

from outreach_rules._placement import in_hours
from outreach_rules._time import show
from outreach_rules.actions import Action, replace
from outreach_rules.calendar import Calendar
from outreach_rules.guards import Veto, move


def fit(
    action: Action, calendar: Calendar, *, guard: str, what: str | Callable[[], str]
) -> Action | Veto:
    """Return ``action`` inside one open window of ``calendar`` (``_placement.in_hours``).

    An action that starts inside a window keeps its start and has its
    ``latest`` cut at the window's end; one that starts outside is moved to
    the next opening, with a reason. ``what`` names the hours in reasons (or
    makes the name, when writing it costs something and may not be needed).
    """
    start = action.earliest
    try:
        opening, latest = in_hours(calendar, start, action.latest)
    except ValueError as exc:
        if not isinstance(what, str):
            what = what()
        return Veto(reason=f"no {what} ahead: {exc}")
    if opening is start:
        return action if latest is action.latest else replace(action, latest=latest)
    if not isinstance(what, str):
        what = what()
    reason = (
        f"{show(start.astimezone(calendar.zone), year=False)} is outside {what}; moved to the "
        f"next opening, {show(opening, year=False)}"
    )
    return move(action, opening, reason=reason, guard=guard, latest=latest)
