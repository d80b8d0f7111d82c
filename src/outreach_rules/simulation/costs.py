"""What each simulated touch costs, in one currency of your choice."""

from __future__ import annotations

import attrs

from outreach_rules.channels import Channel
from outreach_rules.outcomes import Outcome
from outreach_rules.simulation._checks import is_non_negative

__all__ = ["Costs"]

_GATEKEEPER = frozenset({Outcome.GATEKEEPER, Outcome.LEFT_COMPANY})
_UNREACHED = frozenset({Outcome.NO_ANSWER, Outcome.BUSY, Outcome.VOICEMAIL, Outcome.WRONG_NUMBER})


@attrs.frozen(kw_only=True)
class Costs:
    """The cost of each touch: calls by the minute, written touches by the piece.

    Every default is an assumption, roughly in US dollars of 2025, for a
    caller whose time with the line costs ``call_minute`` (0.75 a minute,
    i.e. 45 an hour, assumption). A call costs ``call_minute`` times its
    minutes: ``unanswered_minutes`` (1.0) when nobody picks up, is busy, a
    voicemail box answers and no message is left, or the number is wrong;
    ``voicemail_minutes`` (2.0) when a message is left;
    ``gatekeeper_minutes`` (3.0) with a receptionist or an assistant; and
    ``conversation_minutes`` (6.0) with the person. A voicemail drop costs
    ``voicemail_drop`` (0.25). Written touches cost by the piece, time
    included: ``email`` (1.50, a few minutes of writing), ``postcard``
    (1.00, printing and postage) and ``note`` (3.00, a card, an envelope,
    postage and five minutes of handwriting).
    """

    call_minute: float = attrs.field(default=0.75, validator=is_non_negative)
    unanswered_minutes: float = attrs.field(default=1.0, validator=is_non_negative)
    voicemail_minutes: float = attrs.field(default=2.0, validator=is_non_negative)
    gatekeeper_minutes: float = attrs.field(default=3.0, validator=is_non_negative)
    conversation_minutes: float = attrs.field(default=6.0, validator=is_non_negative)
    voicemail_drop: float = attrs.field(default=0.25, validator=is_non_negative)
    email: float = attrs.field(default=1.50, validator=is_non_negative)
    postcard: float = attrs.field(default=1.00, validator=is_non_negative)
    note: float = attrs.field(default=3.00, validator=is_non_negative)

    def of(self, channel: Channel, outcome: Outcome) -> float:
        """Return the cost of one touch on ``channel`` that ended in ``outcome``."""
        if channel is Channel.CALL:
            if outcome in _UNREACHED:
                minutes = self.unanswered_minutes
            elif outcome is Outcome.LEFT:
                minutes = self.voicemail_minutes
            elif outcome in _GATEKEEPER:
                minutes = self.gatekeeper_minutes
            else:
                minutes = self.conversation_minutes
            return self.call_minute * minutes
        if channel is Channel.VOICEMAIL:
            return self.voicemail_drop
        if channel is Channel.EMAIL:
            return self.email
        if channel is Channel.POSTCARD:
            return self.postcard
        return self.note
