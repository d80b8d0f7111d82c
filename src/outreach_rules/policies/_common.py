"""What the built-in policies share: building an action with its script."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from outreach_rules._placement import from_now, in_hours
from outreach_rules._time import before, shift, show
from outreach_rules.actions import Action, Reference, build
from outreach_rules.channels import Channel, channels_where
from outreach_rules.scripts import MissingValues
from outreach_rules.situation import Situation

DEFAULT_WINDOW = timedelta(hours=8)
_OFFICE_CHANNELS = channels_where(office_hours=True)


def script_values(
    situation: Situation, extra: Mapping[str, str | None] | None
) -> dict[str, str | None]:
    """The values a template may use for this prospect and sender."""
    prospect = situation.prospect
    sender = situation.playbook.sender
    values: dict[str, str | None] = {
        "prospect_name": prospect.first_name,
        "prospect_full_name": prospect.name,
        "company": prospect.company,
        "city": prospect.city,
        "sender_name": sender.name if sender else None,
        "sender_phone": sender.phone if sender else None,
        "sender_email": sender.email if sender else None,
        "sender_company": sender.company if sender else None,
    }
    if extra:
        values.update(extra)
    return values


def propose(
    situation: Situation,
    *,
    channel: Channel,
    purpose: str,
    earliest: datetime,
    policy: str,
    reasons: tuple[str, ...],
    to: str | None,
    latest: datetime | None = None,
    priority: int = 0,
    leave_voicemail: bool = False,
    refers_to: tuple[Reference, ...] = (),
    values: Mapping[str, str | None] | None = None,
    template: str | None = None,
    business_hours: bool = True,
) -> Action:
    """Build an action in the prospect's zone, with its script filled from the playbook's templates.

    With ``business_hours`` (the default) a call or an e-mail is placed in
    the first business-hours window at or after ``earliest``, ending by its
    close, and a reason says so when that moved it; the business-hours
    guard then finds it in place. A callback at a time the prospect chose
    passes ``business_hours=False``.

    ``template`` names a more specific template than the purpose's own
    (e.g. ``"follow_up:after_info"``), used when the playbook has one.
    An ``earliest`` already past becomes ``now``, with a reason saying so:
    no policy proposes anything in the past.

    Without a sender in the playbook there is no script. When a template
    needs a value nobody has (a prospect without a name, a sender without
    an e-mail address), the action carries no script and a reason says what
    is missing, rather than a half-written message.
    """
    start = earliest.astimezone(situation.zone)
    end = (latest if latest is not None else start + DEFAULT_WINDOW).astimezone(situation.zone)
    if (start.fold or end.fold) and before(end, start):
        # Arithmetic on a moment of the second repeated hour drops its fold (01:10 EST plus
        # half an hour is 01:40 EDT, earlier): such a window keeps its wall-clock length.
        start_wall, end_wall = start.replace(tzinfo=None), end.replace(tzinfo=None)
        end = shift(start, max(end_wall - start_wall, timedelta(0)))
    # Placed by the rules the guards apply (``_placement``), so that they find it in place.
    if situation.is_past(start):
        reasons = (*reasons, f"was due {show(start)}, which has passed: due now")
        start, end = from_now(situation.local_now, start, end)
    in_office = business_hours and channel in _OFFICE_CHANNELS
    if in_office:
        placed, end = in_hours(situation.calendar, start, end)
        if placed is not start:
            reasons = (
                *reasons,
                f"outside business hours; planned for the next opening, {show(placed)}",
            )
            start = placed
    script = None
    # A playbook without a sender has nobody to sign a script: it plans the
    # when and the how, and leaves the words to the caller.
    if situation.playbook.sender is not None:
        templates = situation.playbook.templates
        pair = templates.get((template, channel)) if template else None
        pair = pair or templates.get((purpose, channel))
        if pair is not None:
            try:
                script = pair.fill(
                    script_values(situation, values), where=f"{purpose} {channel.value}"
                )
            except MissingValues as exc:
                reasons = (*reasons, f"no script: {exc}")
    if not reasons:
        raise ValueError(f"policy {policy}: an action needs at least one reason")
    action = build(
        channel=channel,
        purpose=purpose,
        earliest=start,
        latest=end,
        reasons=reasons,
        policy=policy,
        to=to,
        script=script,
        leave_voicemail=leave_voicemail,
        priority=priority,
        refers_to=refers_to,
        prospect_id=situation.prospect.id,
    )
    if in_office:
        situation.placed_in_hours(action)
    return action


def when(situation: Situation, moment: datetime) -> str:
    """A moment as the prospect's clock shows it, for reasons."""
    return show(moment.astimezone(situation.zone))


# Default priorities, higher first: a callback they asked for beats fresh
# interest, which beats a routine follow-up, which beats a cold intro.
PRIORITY_CALLBACK = 90
PRIORITY_SEND_INFO = 85
PRIORITY_RECONNECT = 80
PRIORITY_FOLLOW_UP = 50
PRIORITY_INTRO = 40
PRIORITY_RE_ENGAGE = 10
