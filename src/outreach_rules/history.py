"""What already happened: our attempts and the prospect's (or the world's) events."""

from __future__ import annotations

from datetime import datetime
from typing import TypeAlias

import attrs

from outreach_rules import _validate as v
from outreach_rules._time import micros
from outreach_rules.channels import PHONE_CHANNELS, Channel, valid_outcomes
from outreach_rules.outcomes import (
    DELIVERY_FAILURES,
    ENDINGS,
    INBOUND,
    UNREACHED,
    EventKind,
    Outcome,
)
from outreach_rules.prospects import Phone

__all__ = ["Attempt", "Event", "HistoryItem", "order_key"]

# Outcomes after which a date to call back makes sense.
_WITH_CALLBACK = frozenset({Outcome.CALLBACK_REQUESTED, Outcome.BAD_TIMING})

# Marks of the items the situation must see on its one pass over a long
# history; everything else (the many unanswered calls) is skipped at the
# cost of one integer test. Computed once, when the value is made.
MARK_DO_NOT_CONTACT = 1
MARK_CHANNEL_OPT_OUT = 2
MARK_RETIRES = 4
MARK_HOLD = 8
MARK_ENDS = 16
MARK_INBOUND = 32
MARK_NEW_PHONE = 64
# Two more tell the run of unanswered calls, read backwards from the end,
# without looking inside each call: one that reached nobody, and one that
# reached someone (which, like an inbound touch, ends the run).
MARK_UNANSWERED_CALL = 128
MARK_REACHED = 256
READ_MARKS = MARK_UNANSWERED_CALL - 1
"""The marks the one pass over the history reads; an item with none of them is skipped."""


def _attempt_mark(attempt: Attempt) -> int:
    mark = 0
    if attempt.outcome is Outcome.DO_NOT_CONTACT:
        mark |= MARK_DO_NOT_CONTACT
    if attempt.outcome in DELIVERY_FAILURES:
        mark |= MARK_RETIRES
    if attempt.outcome in ENDINGS:
        mark |= MARK_ENDS
    if attempt.resume_at is not None:
        mark |= MARK_HOLD
    if attempt.new_phone is not None:
        mark |= MARK_NEW_PHONE
    if attempt.channel in PHONE_CHANNELS:
        if attempt.outcome in UNREACHED:
            mark |= MARK_UNANSWERED_CALL
        elif attempt.outcome is not Outcome.WRONG_NUMBER:
            mark |= MARK_REACHED
    return mark


def _event_mark(event: Event) -> int:
    mark = 0
    if event.kind is EventKind.OPT_OUT:
        mark |= MARK_CHANNEL_OPT_OUT if event.channel is not None else MARK_DO_NOT_CONTACT
    elif event.kind is EventKind.COMPANY_OPT_OUT:
        mark |= MARK_DO_NOT_CONTACT
    if event.kind in INBOUND:
        mark |= MARK_INBOUND
    if event.resume_at is not None:
        mark |= MARK_HOLD
    return mark


def _optional_micros(value: datetime | None) -> int:
    return -1 if value is None else micros(value)


def _new_phone(value: object) -> Phone | None:
    if value is None:
        return None
    return Phone.of(value, "new_phone")  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class Attempt:
    """One outbound touch that was already made, and how it ended."""

    at: datetime = attrs.field(converter=v.as_datetime, validator=v.is_aware)
    channel: Channel = attrs.field(converter=v.as_channel, validator=v.is_enum(Channel))
    outcome: Outcome = attrs.field(converter=v.as_outcome, validator=v.is_enum(Outcome))
    to: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The number, e-mail address or postal address used."""
    notes: str = attrs.field(default="", validator=v.is_text)
    reason: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """Why they were not interested, in their words."""
    interests: frozenset[str] = attrs.field(
        default=frozenset(), converter=v.as_frozenset, validator=v.is_topics
    )
    callback_at: datetime | None = attrs.field(
        default=None, converter=v.as_optional_datetime, validator=v.is_optional_aware
    )
    """When they asked to be called back."""
    resume_at: datetime | None = attrs.field(
        default=None, converter=v.as_optional_datetime, validator=v.is_optional_aware
    )
    """Away until then (vacation, leave), as the prospect or a receptionist said."""
    new_phone: Phone | None = attrs.field(default=None, converter=_new_phone)
    """A number learned during the attempt, e.g. a cell number from the receptionist."""
    # The instant in microseconds since the epoch: the sort key, kept as one
    # integer rather than the whole order key, which a million-attempt
    # history could not afford in memory.
    _micros: int = attrs.field(init=False, eq=False, hash=False, repr=False)
    _mark: int = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.outcome not in valid_outcomes(self.channel):
            valid = ", ".join(sorted(valid_outcomes(self.channel)))
            raise v.field_error(
                ValueError,
                "outcome",
                f"{self.outcome.value!r} cannot happen on a {self.channel.value!r} attempt; "
                f"valid outcomes for {self.channel.value}: {valid}",
            )
        if self.callback_at is not None and self.outcome not in _WITH_CALLBACK:
            raise v.field_error(
                ValueError,
                "callback_at",
                f"is set but the outcome is {self.outcome.value!r}; a callback time goes with "
                "'callback_requested' or 'bad_timing'",
            )
        object.__setattr__(self, "_micros", micros(self.at))
        object.__setattr__(self, "_mark", _attempt_mark(self))

    @property
    def order_key(self) -> tuple[object, ...]:
        """A total order key: time first, then the value itself, so ties sort stably."""
        return (
            self._micros,
            0,
            self.channel.value,
            self.outcome.value,
            self.to or "",
            self.notes,
            self.reason or "",
            tuple(sorted(self.interests)),
            _optional_micros(self.callback_at),
            _optional_micros(self.resume_at),
            self.new_phone.number if self.new_phone else "",
            self.new_phone.kind.value if self.new_phone else "",
        )

    @property
    def is_inbound(self) -> bool:
        """Always false: an attempt is ours."""
        return False


@attrs.frozen(kw_only=True)
class Event:
    """Something the prospect or the world did: a callback, a reply, an opt-out, a new boss."""

    at: datetime = attrs.field(converter=v.as_datetime, validator=v.is_aware)
    kind: EventKind = attrs.field(converter=v.as_event_kind, validator=v.is_enum(EventKind))
    channel: Channel | None = attrs.field(
        default=None, converter=v.as_optional_channel, validator=v.is_enum(Channel, optional=True)
    )
    """The channel it came through or applies to; an opt-out with a channel stops only that one."""
    notes: str = attrs.field(default="", validator=v.is_text)
    resume_at: datetime | None = attrs.field(
        default=None, converter=v.as_optional_datetime, validator=v.is_optional_aware
    )
    interests: frozenset[str] = attrs.field(
        default=frozenset(), converter=v.as_frozenset, validator=v.is_topics
    )
    # The instant in microseconds since the epoch: the sort key, kept as one
    # integer rather than the whole order key, which a million-attempt
    # history could not afford in memory.
    _micros: int = attrs.field(init=False, eq=False, hash=False, repr=False)
    _mark: int = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_micros", micros(self.at))
        object.__setattr__(self, "_mark", _event_mark(self))

    @property
    def order_key(self) -> tuple[object, ...]:
        """A total order key: time first, then the value itself, so ties sort stably."""
        return (
            self._micros,
            1,
            self.kind.value,
            self.channel.value if self.channel else "",
            self.notes,
            _optional_micros(self.resume_at),
            tuple(sorted(self.interests)),
        )

    @property
    def is_inbound(self) -> bool:
        """True when the prospect reached out to us (callback, reply, interest, connection)."""
        return self.kind in INBOUND


HistoryItem: TypeAlias = Attempt | Event


def order_key(item: HistoryItem) -> tuple[object, ...]:
    """Sort key for history items: by instant, ties broken by the value itself."""
    return item.order_key


# The slots' own setters, each bound to a name once: a value built here costs a call per
# field, with no dict of the values and no look-up by name.
(
    _set_at,
    _set_channel,
    _set_outcome,
    _set_to,
    _set_notes,
    _set_reason,
    _set_interests,
    _set_callback_at,
    _set_resume_at,
    _set_new_phone,
    _set_micros,
    _set_mark,
) = v.slot_setters(Attempt)
_new = object.__new__


def build_attempt(
    *,
    at: datetime,
    channel: Channel,
    outcome: Outcome,
    to: str | None = None,
    notes: str = "",
    reason: str | None = None,
    interests: frozenset[str] = frozenset(),
    callback_at: datetime | None = None,
    resume_at: datetime | None = None,
    new_phone: Phone | None = None,
) -> Attempt:
    """Make an attempt from values already checked, skipping the field validators.

    For the simulation, whose answers come from a validated ``Response``
    and an action the engine made: the checks that tie fields together
    (an outcome the channel allows, a callback time only with a callback)
    still run. User code makes attempts with ``Attempt(...)``.
    """
    if outcome not in valid_outcomes(channel) or (
        callback_at is not None and outcome not in _WITH_CALLBACK
    ):
        # Let the validating constructor say what is wrong, in its own words.
        return Attempt(
            at=at,
            channel=channel,
            outcome=outcome,
            to=to,
            notes=notes,
            reason=reason,
            interests=interests,
            callback_at=callback_at,
            resume_at=resume_at,
            new_phone=new_phone,
        )
    attempt = _new(Attempt)
    _set_at(attempt, at)
    _set_channel(attempt, channel)
    _set_outcome(attempt, outcome)
    _set_to(attempt, to)
    _set_notes(attempt, notes)
    _set_reason(attempt, reason)
    _set_interests(attempt, interests)
    _set_callback_at(attempt, callback_at)
    _set_resume_at(attempt, resume_at)
    _set_new_phone(attempt, new_phone)
    _set_micros(attempt, micros(at))
    _set_mark(attempt, _attempt_mark(attempt))
    return attempt
