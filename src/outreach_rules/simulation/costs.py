"""What each simulated touch costs, in one currency of your choice."""

from __future__ import annotations

import attrs

from outreach_rules.channels import Channel, traits
from outreach_rules.outcomes import Outcome
from outreach_rules.simulation._checks import is_non_negative

__all__ = ["Costs"]

_GATEKEEPER = frozenset({Outcome.GATEKEEPER, Outcome.LEFT_COMPANY})
# A call that rang out costs the same short time, a wrong number included.
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
    postage and five minutes of handwriting), ``sms`` (0.05, a carrier fee
    and a few seconds; assumption) and ``linkedin`` (2.00, a few minutes of
    a rep's time on the profile and the message, by hand; assumption).
    Any other channel must have a field named after it.
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
    sms: float = attrs.field(default=0.05, validator=is_non_negative)
    linkedin: float = attrs.field(default=2.00, validator=is_non_negative)

    def of(self, channel: Channel, outcome: Outcome) -> float:
        """Return the cost of one touch on ``channel`` that ended in ``outcome``."""
        if traits(channel).synchronous:
            if outcome in _UNREACHED:
                minutes = self.unanswered_minutes
            elif outcome is Outcome.LEFT:
                minutes = self.voicemail_minutes
            elif outcome in _GATEKEEPER:
                minutes = self.gatekeeper_minutes
            else:
                minutes = self.conversation_minutes
            return self.call_minute * minutes
        price = getattr(self, _PIECE.get(channel, str(channel)), None)
        if not isinstance(price, float | int):
            raise KeyError(f"Costs has no price for a touch on {channel!r}: add a field for it")
        return float(price)


# The field that prices a touch by the piece, where it is not named after the channel.
_PIECE = {Channel.VOICEMAIL: "voicemail_drop"}
