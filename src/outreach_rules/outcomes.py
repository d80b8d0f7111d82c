"""What an attempt can end in, what the prospect or the world can do, and the groups of them."""

from __future__ import annotations

import enum

__all__ = [
    "ANSWERS",
    "CONVERSATIONS",
    "DELIVERY_FAILURES",
    "ENDINGS",
    "INBOUND",
    "REACHED",
    "REACHING_OUT",
    "REFUSALS",
    "REQUESTS",
    "UNREACHED",
    "WRITTEN_RESULTS",
    "EventKind",
    "Outcome",
]


class Outcome(enum.StrEnum):
    """The result of one outbound attempt."""

    NO_ANSWER = "no_answer"
    BUSY = "busy"
    VOICEMAIL = "voicemail"
    """Reached voicemail; no message left."""
    GATEKEEPER = "gatekeeper"
    """Reached a receptionist, not the person."""
    CONNECTED = "connected"
    """Reached the person; on LinkedIn, the connection request was accepted."""
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
    COMPANY_OPT_OUT = "company_opt_out"
    """Someone at the company asked that nobody there be contacted again."""
    SOFT_BOUNCE = "soft_bounce"
    """An e-mail could not be delivered for now (mailbox full, server down): it may yet work.

    ``orl.read_reply`` writes one per transient bounce and counts them: the
    third in a row to one address becomes an attempt that ``BOUNCED``.
    """


# A reply to an e-mail, a letter or a text can carry the prospect's answer,
# so the written channels accept the conversational outcomes too; none of
# them can be hung up on or go unanswered. Which outcomes fit which channel
# is a column of the channel table (``channels.valid_outcomes``).
ANSWERS = frozenset(
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
"""The prospect's answers, which any channel can bring back."""

CONVERSATIONS = frozenset(
    {
        Outcome.CONNECTED,
        Outcome.HUNG_UP,
        Outcome.NOT_INTERESTED,
        Outcome.BAD_TIMING,
        Outcome.INTERESTED,
        Outcome.MEETING_BOOKED,
        Outcome.CALLBACK_REQUESTED,
    }
)
"""Outcomes that mean the caller spoke with the person (or, in writing, heard from them)."""

REACHED = CONVERSATIONS | {Outcome.DO_NOT_CONTACT}
"""Outcomes of an attempt that reached the person, a request never to call again included."""

REFUSALS = frozenset({Outcome.HUNG_UP, Outcome.NOT_INTERESTED})
"""A brush-off: hung up, or not interested."""

UNREACHED = frozenset(
    {Outcome.NO_ANSWER, Outcome.BUSY, Outcome.VOICEMAIL, Outcome.GATEKEEPER, Outcome.LEFT}
)
"""Outcomes of a call that did not reach the person."""

DELIVERY_FAILURES = frozenset({Outcome.WRONG_NUMBER, Outcome.BOUNCED, Outcome.RETURNED})
"""Outcomes that retire the number or address used: it no longer works."""

ENDINGS = frozenset({Outcome.MEETING_BOOKED, Outcome.LEFT_COMPANY})
"""Outcomes that end a cadence until the prospect reaches out again: a meeting, or gone."""

WRITTEN_RESULTS = frozenset({Outcome.SENT, Outcome.BOUNCED, Outcome.RETURNED})
"""What a written touch ends in when nobody answers it: sent, bounced or returned."""

INBOUND = frozenset(
    {EventKind.CALLBACK, EventKind.REPLY, EventKind.INTEREST, EventKind.CONNECTION_REQUEST}
)
"""Events in which the prospect reached out to us."""

REACHING_OUT = INBOUND - {EventKind.CONNECTION_REQUEST}
"""Inbound events with something to say: a call, a reply, interest (not a connection request)."""

REQUESTS = frozenset({Outcome.INTERESTED, Outcome.CALLBACK_REQUESTED})
"""Outcomes in which the prospect asked for more: interest, or a call back."""


def __getattr__(name: str) -> object:
    # ``valid_outcomes`` lived here before the channel table; it is a column of it now.
    if name == "valid_outcomes":
        from outreach_rules.channels import valid_outcomes

        return valid_outcomes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
