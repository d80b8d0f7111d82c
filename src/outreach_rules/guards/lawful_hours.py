"""Calls only in the hours the law allows in the prospect's zone (practice 9)."""

from __future__ import annotations

from collections.abc import Callable

from outreach_rules.actions import Action, replace
from outreach_rules.channels import PHONE_CHANNELS, traits
from outreach_rules.guards import Veto
from outreach_rules.guards._windows import fit
from outreach_rules.situation import Situation

__all__ = ["lawful_hours"]


def _what(situation: Situation) -> Callable[[], str]:
    return lambda: f"lawful calling hours ({situation.law.hours}{_blackouts(situation)})"


def _blackouts(situation: Situation) -> str:
    prospect = situation.prospect
    if not situation.playbook.blackouts_for(prospect.country, prospect.region):
        return ""
    return "; and the playbook's blackout dates"


def lawful_hours(
    action: Action, *, situation: Situation, planned: tuple[Action, ...]
) -> Action | Veto:
    """Keep every call, voicemail and text inside the hours the law allows in the prospect's zone.

    The hours, days and holiday closures come from the compliance packs of
    the prospect's country and region (``orl.compliance``; federal and
    state both apply, the stricter wins), and never reach before 08:00 or
    after 21:00 local. An action outside them is moved to the next
    permitted moment, DST-correct, and the reason cites the rules. A
    prospect whose number spans several zones (``possible_timezones``) is
    called only when it is lawful in all of them. It applies whatever the
    playbook, even to a callback the prospect asked for at another time.

    A text keeps the hours of the rules that name texts (the TCPA reads a
    text as a call), never outside 08:00–21:00; a written touch keeps the
    hours of a rule that covers it (US debt collection: every
    communication); a channel no law sets hours for passes. The
    playbook's blackout dates for the prospect's country and region
    (``Playbook.blackouts``) close those days for all of them.
    """
    channel = action.channel
    if channel in PHONE_CHANNELS:
        if not situation.also_lawful:
            # The common case: one zone. The reason is only written if the action moves.
            return fit(action, situation.lawful, guard="lawful_hours", what=_what(situation))
        what = _what(situation)()
        own, others = situation.lawful, situation.also_lawful
    else:
        found = situation.lawful_for(channel)
        if found is None:
            return action  # no law sets hours for this channel here
        label = traits(channel).plural
        law = situation.law_for(channel).hours
        what = f"lawful hours for {label} ({law}{_blackouts(situation)})"
        own, others = found, situation.also_lawful_for(channel)
    calendars = [(own, what)]
    calendars += [
        (
            calendar,
            f"{what} in {calendar.timezone}, one of the zones this number may ring in; "
            "the most restrictive window applies",
        )
        for calendar in others
    ]
    # A guard accepts its own result, so settle every zone here before answering.
    current = action
    for _ in range(4 * len(calendars)):
        changed = False
        for calendar, hours in calendars:
            result = fit(current, calendar, guard="lawful_hours", what=hours)
            if isinstance(result, Veto):
                return result
            if result is not current:
                current = result
                changed = True
        if not changed:
            if current is not action and current.earliest.tzinfo is not situation.zone:
                # Moved by another zone's window: keep the prospect's own zone.
                current = replace(
                    current,
                    earliest=situation.local(current.earliest),
                    latest=situation.local(current.latest),
                )
            return current
    return Veto(reason="no time is lawful in every zone this number may ring in")
