"""A prospect's plan: the actions to take, the ones refused, and why."""

from __future__ import annotations

from datetime import datetime

import attrs
import pendulum

from outreach_rules import _validate as v
from outreach_rules._time import show, zone
from outreach_rules.actions import Action

__all__ = ["Plan"]


_when = show


def _relative(moment: datetime, now: datetime) -> str:
    seconds = int((moment - now).total_seconds())
    if abs(seconds) < 60:
        return "now"
    words = pendulum.duration(seconds=abs(seconds) // 60 * 60).in_words()
    # Keep the two largest units: "2 days 3 hours", not down to the minute.
    words = " ".join(words.split()[:4])
    return f"in {words}" if seconds > 0 else f"{words} ago"


def _build(
    *,
    prospect_id: str,
    timezone: str,
    now: datetime,
    playbook: str,
    actions: tuple[Action, ...] = (),
    vetoed: tuple[Action, ...] = (),
    halted: str | None = None,
) -> Plan:
    """Make a plan from values the engine computed itself, skipping the validators."""
    plan = _new(Plan)
    _set_prospect_id(plan, prospect_id)
    _set_timezone(plan, timezone)
    _set_now(plan, now)
    _set_actions(plan, actions)
    _set_vetoed(plan, vetoed)
    _set_halted(plan, halted)
    _set_playbook(plan, playbook)
    return plan


@attrs.frozen(kw_only=True)
class Plan:
    """What to do next for one prospect, as of ``now``, with the reasons."""

    prospect_id: str = attrs.field(validator=v.is_name)
    timezone: str = attrs.field(validator=v.is_name)
    now: datetime = attrs.field(converter=v.as_datetime, validator=v.is_aware)
    actions: tuple[Action, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Action)
    )
    """Actions to take, sorted by ``earliest``."""
    vetoed: tuple[Action, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Action)
    )
    """Actions a guard refused; each carries ``vetoed_by`` and the guard's reason last."""
    halted: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """Why this prospect gets nothing more, or ``None``."""
    playbook: str = attrs.field(default="custom", validator=v.is_text)

    @property
    def next(self) -> Action | None:
        """The first action to take, or ``None``."""
        return self.actions[0] if self.actions else None

    def explain(self) -> str:
        """Describe the plan in plain text: each action, its reasons and the rules that shaped it.

        Guards that moved an action are named beside it; refused actions are
        listed with the guard that refused them.
        """
        tz = zone(self.timezone)
        now = self.now.astimezone(tz)
        lines = [
            f"Plan for {self.prospect_id} ({self.timezone}) as of {_when(now)}, "
            f"playbook {self.playbook}"
        ]
        if self.halted:
            lines.append(f"Halted: {self.halted}")
        if not self.actions and not self.halted:
            lines.append("Nothing to do.")
        for number, action in enumerate(self.actions, 1):
            lines.extend(_describe(number, action, now))
        if self.vetoed:
            lines.append("Refused by guards:")
            for action in self.vetoed:
                lines.append(
                    f"  - {action.channel.value} {action.purpose} proposed by {action.policy} "
                    f"for {_when(action.earliest.astimezone(tz))}"
                )
                why = action.reasons[-1].removeprefix(f"{action.vetoed_by}: ")
                lines.append(f"    vetoed by {action.vetoed_by}: {why}")
        return "\n".join(lines)


def _describe(number: int, action: Action, now: datetime) -> list[str]:
    earliest = action.earliest
    latest = action.latest
    end = latest.strftime("%H:%M %Z") if latest.date() == earliest.date() else _when(latest)
    lines = [
        f"{number}. {action.channel.value} · {action.purpose} · priority {action.priority} "
        f"· by policy {action.policy}",
        f"   when: {_when(earliest)} → {end} ({_relative(earliest, now)})",
    ]
    if action.to:
        lines.append(f"   to: {action.to}")
    if action.channel.value == "call":
        lines.append(
            f"   leave a voicemail if no answer: {'yes' if action.leave_voicemail else 'no'}"
        )
    lines.append("   why:")
    lines.extend(f"     - {reason}" for reason in action.reasons)
    if action.moved_by:
        lines.append(f"   moved by: {', '.join(action.moved_by)}")
    for ref in action.refers_to:
        if isinstance(ref, Action):
            lines.append(
                f"   goes with: {ref.channel.value} {ref.purpose} on {_when(ref.earliest)}"
            )
    if action.script is not None:
        lines.append(_hanging("   say: ", action.script.opener))
        if action.script.voicemail and action.leave_voicemail:
            lines.append(_hanging("   voicemail: ", action.script.voicemail))
    return lines


def _hanging(label: str, text: str) -> str:
    """``label`` then ``text``, its later lines indented under the first, not flush left."""
    indent = " " * len(label)
    first, *rest = text.splitlines() or [""]
    return "\n".join(
        [label + first.rstrip(), *(indent + line.rstrip() if line.strip() else "" for line in rest)]
    )


# The slots' own setters, as for actions (``actions.build``): they skip the
# frozen-class guard and cost less than ``object.__setattr__`` with a name.
(
    _set_prospect_id,
    _set_timezone,
    _set_now,
    _set_actions,
    _set_vetoed,
    _set_halted,
    _set_playbook,
) = v.slot_setters(Plan)
_new = object.__new__
