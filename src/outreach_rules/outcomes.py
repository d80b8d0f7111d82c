"""What an attempt can end in, what the prospect or the world can do, and what fits a channel."""

from __future__ import annotations

import enum
from types import MappingProxyType

from outreach_rules.channels import Channel

__all__ = ["EventKind", "Outcome", "valid_outcomes"]


class Outcome(enum.StrEnum):
    """The result of one outbound attempt."""

    NO_ANSWER = "no_answer"
    BUSY = "busy"
    VOICEMAIL = "voicemail"
    """Reached voicemail; no message left."""
    GATEKEEPER = "gatekeeper"
    """Reached a receptionist, not the person."""
    CONNECTED = "connected"
    HUNG_UP = "hung_up"
    NOT_INTERESTED = "not_interested"
    BAD_TIMING = "bad_timing"
    INTERESTED = "interested"
    MEETING_BOOKED = "meeting_booked"
    CALLBACK_REQUESTED = "callback_requested"
    WRONG_NUMBER = "wrong_number"
    DO_NOT_CONTACT = "do_not_contact"
    LEFT_COMPANY = "left_company"
    LEFT = "left"
    """A voicemail message was left."""
    SENT = "sent"
    BOUNCED = "bounced"
    RETURNED = "returned"
    """Mail came back undeliverable."""


class EventKind(enum.StrEnum):
    """Something the prospect or the world did."""

    CALLBACK = "callback"
    """They called us."""
    REPLY = "reply"
    CONNECTION_REQUEST = "connection_request"
    OPT_OUT = "opt_out"
    OUT_OF_OFFICE = "out_of_office"
    LEADERSHIP_CHANGE = "leadership_change"
    INTEREST = "interest"


# A reply to an e-mail or a letter can carry the prospect's answer, so the
# written channels accept the conversational outcomes too; none of them can
# be hung up on or go unanswered.
_ANSWERS = frozenset(
    {
        Outcome.INTERESTED,
        Outcome.NOT_INTERESTED,
        Outcome.BAD_TIMING,
        Outcome.MEETING_BOOKED,
        Outcome.CALLBACK_REQUESTED,
        Outcome.DO_NOT_CONTACT,
        Outcome.LEFT_COMPANY,
    }
)

_VALID = MappingProxyType(
    {
        Channel.CALL: frozenset(
            {
                Outcome.NO_ANSWER,
                Outcome.BUSY,
                Outcome.VOICEMAIL,
                Outcome.GATEKEEPER,
                Outcome.CONNECTED,
                Outcome.HUNG_UP,
                Outcome.WRONG_NUMBER,
                Outcome.LEFT,
            }
        )
        | _ANSWERS,
        Channel.VOICEMAIL: frozenset(
            {Outcome.LEFT, Outcome.NO_ANSWER, Outcome.BUSY, Outcome.WRONG_NUMBER}
        )
        | _ANSWERS,
        Channel.EMAIL: frozenset({Outcome.SENT, Outcome.BOUNCED}) | _ANSWERS,
        Channel.POSTCARD: frozenset({Outcome.SENT, Outcome.RETURNED}) | _ANSWERS,
        Channel.NOTE: frozenset({Outcome.SENT, Outcome.RETURNED}) | _ANSWERS,
    }
)


def valid_outcomes(channel: Channel) -> frozenset[Outcome]:
    """Return the outcomes an attempt on ``channel`` can have."""
    return _VALID[channel]
