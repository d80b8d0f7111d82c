"""Fitting an action into the open windows of a calendar, shared by the hours guards."""

from __future__ import annotations

from collections.abc import Callable

from outreach_rules._time import before, carry, show, sooner
from outreach_rules.actions import Action, replace
from outreach_rules.calendar import Calendar
from outreach_rules.guards import Veto, move


def fit(
    action: Action, calendar: Calendar, *, guard: str, what: str | Callable[[], str]
) -> Action | Veto:
    """Return ``action`` inside one open window of ``calendar``.

    An action that starts inside a window keeps its start and has its
    ``latest`` cut at the window's end (nothing is done after closing time);
    one that starts outside is moved to the next opening, keeping its
    length where the window allows. ``what`` names the hours in reasons (or
    makes the name, when writing it costs something and may not be needed).
    """
    start = action.earliest
    end = calendar.open_until(start)
    if end is not None:
        latest = action.latest
        # ``before`` inline: the wall clocks agree with real time unless a fold is set.
        if latest <= end if not (latest.fold or end.fold) else not before(end, latest):
            return action
        return replace(action, latest=end)
    if not isinstance(what, str):
        what = what()
    try:
        opening, end = calendar.open_window(start)
    except ValueError as exc:
        return Veto(reason=f"no {what} ahead: {exc}")
    latest = sooner(carry(action.earliest, action.latest, opening), end)
    reason = (
        f"{show(start.astimezone(calendar.zone), year=False)} is outside {what}; moved to the "
        f"next opening, {show(opening, year=False)}"
    )
    return move(action, opening, reason=reason, guard=guard, latest=latest)
