"""What the library proposes: actions with a purpose, a window, words to use and reasons."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, TypeAlias

import attrs

from outreach_rules import _validate as v
from outreach_rules._time import before
from outreach_rules.channels import Channel
from outreach_rules.history import Attempt, Event

__all__ = ["Action", "Purpose", "Script"]


class Purpose(enum.StrEnum):
    """Why an action exists. ``Action.purpose`` is plain text, so policies may add their own."""

    INTRO = "intro"
    FOLLOW_UP = "follow_up"
    CALLBACK = "callback"
    """We keep a callback the prospect asked for."""
    RECONNECT = "reconnect"
    """They called us; we pick up where we left off."""
    SEND_INFO = "send_info"
    """Samples, a resume, a brochure: what they asked to see."""
    APOLOGY_NOTE = "apology_note"
    ASK_GATEKEEPER = "ask_gatekeeper"
    BIRTHDAY = "birthday"
    CONNECTION = "connection"
    LUNCH_INVITE = "lunch_invite"
    RE_ENGAGE = "re_engage"
    DRIP = "drip"
    LETTER = "letter"
    """A first letter, usually with a brochure."""
    CHECK_IN = "check_in"
    """A "how are you, need help?" touch."""


@attrs.frozen(kw_only=True)
class Script:
    """The words for an action: what to say or write, and what to leave if nobody answers."""

    opener: str = attrs.field(validator=v.is_name)
    voicemail: str | None = attrs.field(default=None, validator=v.is_optional_name)
    subject: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """Subject line, for e-mail."""


def _reasons(value: object) -> tuple[str, ...]:
    reasons = v.tuple_of(value, "reasons")
    if not reasons:
        raise v.field_error(ValueError, "reasons", "an action needs at least one reason")
    for i, reason in enumerate(reasons):
        v.text(reason, f"reasons[{i}]", allow_empty=False)
    return reasons


def _purpose(value: object) -> str:
    if isinstance(value, Purpose):
        return value
    text = v.text(value, "purpose", allow_empty=False)
    try:
        return Purpose(text)
    except ValueError:
        return text


@attrs.frozen(kw_only=True)
class Action:
    """One thing to do for a prospect, in a time window, with the reasons for it.

    ``earliest`` and ``latest`` are aware datetimes in the prospect's zone;
    ``refers_to`` holds the attempts, events or other actions of the same
    plan that this one builds on (the call after an apology note refers to
    the note). Guards that move an action add their reason and their name to
    ``moved_by``; a vetoed action carries the guard's name in ``vetoed_by``.
    """

    channel: Channel = attrs.field(converter=v.as_channel, validator=v.is_enum(Channel))
    purpose: str = attrs.field(converter=_purpose)
    earliest: datetime = attrs.field(converter=v.as_datetime, validator=v.is_aware)
    latest: datetime = attrs.field(converter=v.as_datetime, validator=v.is_aware)
    reasons: tuple[str, ...] = attrs.field(converter=_reasons)
    policy: str = attrs.field(validator=v.is_name)
    to: str | None = attrs.field(default=None, validator=v.is_optional_name)
    script: Script | None = None
    leave_voicemail: bool = attrs.field(default=False, validator=v.is_bool)
    priority: int = attrs.field(default=0, validator=v.is_int)
    refers_to: tuple[Reference, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.is_tuple
    )
    prospect_id: str | None = attrs.field(default=None, validator=v.is_optional_name)
    moved_by: tuple[str, ...] = attrs.field(default=(), converter=v.as_tuple, validator=v.is_tuple)
    vetoed_by: str | None = attrs.field(default=None, validator=v.is_optional_name)
    step: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The cadence step this action takes, when a cadence proposed it."""
    variant: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The variant of that step this prospect gets, for A/B comparisons."""

    def __attrs_post_init__(self) -> None:
        if before(self.latest, self.earliest):
            raise v.field_error(
                ValueError,
                "latest",
                f"{self.latest.isoformat()} is before earliest {self.earliest.isoformat()}",
            )
        if self.script is not None and not isinstance(self.script, Script):
            raise v.field_error(TypeError, "script", f"expected a Script, got {self.script!r}")
        for i, ref in enumerate(self.refers_to):
            if not isinstance(ref, (Attempt, Event, Action)):
                raise v.field_error(
                    TypeError,
                    f"refers_to[{i}]",
                    f"expected an Attempt, Event or Action, got {ref!r}",
                )

    @property
    def due(self) -> datetime:
        """When the action becomes due: the same as ``earliest``."""
        return self.earliest


Reference: TypeAlias = Attempt | Event | Action


# The slots' own setters, in the order of the fields: calling them skips the
# frozen-class guard and the validators, which is the point of the two
# helpers below. Written out field by field, because a loop over the fields
# with a dict of values costs twice as much on the hot path.
(
    _set_channel,
    _set_purpose,
    _set_earliest,
    _set_latest,
    _set_reasons,
    _set_policy,
    _set_to,
    _set_script,
    _set_leave_voicemail,
    _set_priority,
    _set_refers_to,
    _set_prospect_id,
    _set_moved_by,
    _set_vetoed_by,
    _set_step,
    _set_variant,
) = v.slot_setters(Action)
_new = object.__new__


def build(
    *,
    channel: Channel,
    purpose: str,
    earliest: datetime,
    latest: datetime,
    reasons: tuple[str, ...],
    policy: str,
    to: str | None = None,
    script: Script | None = None,
    leave_voicemail: bool = False,
    priority: int = 0,
    refers_to: tuple[Reference, ...] = (),
    prospect_id: str | None = None,
    moved_by: tuple[str, ...] = (),
    vetoed_by: str | None = None,
    step: str | None = None,
    variant: str | None = None,
) -> Action:
    """Make an action from fields the library computed itself, skipping the validators.

    The built-in policies call this on their hot path (planning millions of
    prospects); their values are right by construction and the engine's
    property tests check them. User code makes actions with ``Action(...)``,
    which validates everything.
    """
    action = _new(Action)
    _set_channel(action, channel)
    _set_purpose(action, purpose)
    _set_earliest(action, earliest)
    _set_latest(action, latest)
    _set_reasons(action, reasons)
    _set_policy(action, policy)
    _set_to(action, to)
    _set_script(action, script)
    _set_leave_voicemail(action, leave_voicemail)
    _set_priority(action, priority)
    _set_refers_to(action, refers_to)
    _set_prospect_id(action, prospect_id)
    _set_moved_by(action, moved_by)
    _set_vetoed_by(action, vetoed_by)
    _set_step(action, step)
    _set_variant(action, variant)
    return action


def replace(action: Action, **changes: Any) -> Action:
    """Return a copy of ``action`` with ``changes``, without running the validators again.

    For the engine and the built-in guards, whose inputs are already valid
    actions and whose changes are times and reasons they computed; several
    times cheaper than ``attrs.evolve``. Anything built from outside data
    goes through the validating constructor instead.
    """
    fields: dict[str, Any] = {
        "channel": action.channel,
        "purpose": action.purpose,
        "earliest": action.earliest,
        "latest": action.latest,
        "reasons": action.reasons,
        "policy": action.policy,
        "to": action.to,
        "script": action.script,
        "leave_voicemail": action.leave_voicemail,
        "priority": action.priority,
        "refers_to": action.refers_to,
        "prospect_id": action.prospect_id,
        "moved_by": action.moved_by,
        "vetoed_by": action.vetoed_by,
        "step": action.step,
        "variant": action.variant,
    }
    fields.update(changes)
    copy = build(**fields)  # a change to no field is a TypeError naming it
    # One wall-clock comparison first: only a window whose end looks early is checked again.
    if copy.latest < copy.earliest and before(copy.latest, copy.earliest):
        raise ValueError(f"latest: {copy.latest.isoformat()} is before earliest {copy.earliest}")
    return copy


def with_reasons(action: Action, reasons: tuple[str, ...]) -> Action:
    """Return a copy of ``action`` with ``reasons``, without running the validators.

    For the day planner, which carries most of a large batch's touches to
    the next day with one reason more: a copy slot by slot costs half of
    ``replace``, and a window that only changes its reasons needs no check.
    """
    copy = _new(Action)
    _set_channel(copy, action.channel)
    _set_purpose(copy, action.purpose)
    _set_earliest(copy, action.earliest)
    _set_latest(copy, action.latest)
    _set_reasons(copy, reasons)
    _set_policy(copy, action.policy)
    _set_to(copy, action.to)
    _set_script(copy, action.script)
    _set_leave_voicemail(copy, action.leave_voicemail)
    _set_priority(copy, action.priority)
    _set_refers_to(copy, action.refers_to)
    _set_prospect_id(copy, action.prospect_id)
    _set_moved_by(copy, action.moved_by)
    _set_vetoed_by(copy, action.vetoed_by)
    _set_step(copy, action.step)
    _set_variant(copy, action.variant)
    return copy
