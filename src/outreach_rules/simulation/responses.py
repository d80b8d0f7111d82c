"""How the simulated world answers an action: the ``ResponseModel`` protocol and its ``Response``.

A response model is any object with a ``respond`` method of the signature
below; no subclassing needed. The simulation calls it once per action it
carries out and turns the ``Response`` into an ``orl.Attempt`` (with
``to`` taken from the action), plus the inbound events the response
schedules for later (a callback weeks away, a reply to an e-mail).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

import attrs

from outreach_rules import _validate as v
from outreach_rules.actions import Action
from outreach_rules.history import Event, HistoryItem
from outreach_rules.outcomes import Outcome
from outreach_rules.prospects import Phone, Prospect

__all__ = ["Response", "ResponseModel", "build_response"]


def _new_phone(value: object) -> Phone | None:
    if value is None:
        return None
    return Phone.of(value, "new_phone")  # type: ignore[arg-type]


def _inbound(_instance: object, _attribute: object, value: tuple[object, ...]) -> None:
    for i, item in enumerate(value):
        if not isinstance(item, Event):
            raise TypeError(f"inbound[{i}]: expected an orl.Event, got {item!r}")


@attrs.frozen(kw_only=True)
class Response:
    """What happened when an action was carried out, as a response model tells it.

    ``outcome`` and the fields up to ``new_phone`` become the
    ``orl.Attempt``; the outcome must be one the action's channel allows
    (``orl.Attempt`` checks, and the simulation names the model when it is
    not). ``inbound`` holds events the prospect or the world will cause
    later (a callback, a reply, an out-of-office notice, an opt-out), each
    after the attempt; they join the history when the simulated clock
    reaches them, if that is before the end. ``cancels_pending`` drops the
    inbound events still waiting from earlier responses: the person was
    reached, so a callback they meant to make is moot.
    """

    outcome: Outcome = attrs.field(converter=v.as_outcome, validator=v.is_enum(Outcome))
    notes: str = attrs.field(default="", validator=v.is_text)
    reason: str | None = attrs.field(default=None, validator=v.is_optional_name)
    interests: frozenset[str] = attrs.field(
        default=frozenset(), converter=v.as_frozenset, validator=v.is_topics
    )
    callback_at: datetime | None = attrs.field(
        default=None, converter=v.as_optional_datetime, validator=v.is_optional_aware
    )
    resume_at: datetime | None = attrs.field(
        default=None, converter=v.as_optional_datetime, validator=v.is_optional_aware
    )
    new_phone: Phone | None = attrs.field(default=None, converter=_new_phone)
    inbound: tuple[Event, ...] = attrs.field(default=(), converter=v.as_tuple, validator=_inbound)
    cancels_pending: bool = attrs.field(default=False, validator=v.is_bool)


@runtime_checkable
class ResponseModel(Protocol):
    """Anything that says how a prospect answers an action at a moment.

    ``history`` is everything before this action, oldest first; ``rng``
    is the prospect's own random stream (draw from it and from nothing
    else, so that results stay reproducible and comparable across
    strategies). The model must not keep state between calls.
    """

    def respond(
        self,
        *,
        prospect: Prospect,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        rng: random.Random,
    ) -> Response:
        """Return what happened when ``action`` was carried out at ``at``."""
        ...


# The slots' own setters, bound once (see ``build_response``).
(
    _set_outcome,
    _set_notes,
    _set_reason,
    _set_interests,
    _set_callback_at,
    _set_resume_at,
    _set_new_phone,
    _set_inbound,
    _set_cancels_pending,
) = v.slot_setters(Response)
_new = object.__new__


def build_response(
    outcome: Outcome,
    *,
    notes: str = "",
    reason: str | None = None,
    interests: frozenset[str] = frozenset(),
    callback_at: datetime | None = None,
    resume_at: datetime | None = None,
    new_phone: Phone | None = None,
    inbound: tuple[Event, ...] = (),
    cancels_pending: bool = False,
) -> Response:
    """Make a response from values already checked, skipping the field validators.

    For ``FieldModel``, whose answers are drawn from its own validated
    figures: equal to ``Response(...)`` with the same fields. The
    simulation still checks what it is given (an outcome the channel
    allows, inbound events after the attempt); other models make their
    answers with ``Response(...)``.
    """
    response = _new(Response)
    _set_outcome(response, outcome)
    _set_notes(response, notes)
    _set_reason(response, reason)
    _set_interests(response, interests)
    # Rare, and a wall time in a DST gap must read as the constructor would make it.
    _set_callback_at(response, None if callback_at is None else v.as_datetime(callback_at))
    _set_resume_at(response, None if resume_at is None else v.as_datetime(resume_at))
    _set_new_phone(response, new_phone)
    _set_inbound(response, inbound)
    _set_cancels_pending(response, cancels_pending)
    return response
