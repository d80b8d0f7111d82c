"""The ways to reach a prospect and what each one needs."""

from __future__ import annotations

import enum
from types import MappingProxyType

import attrs

__all__ = ["Channel", "ChannelTraits", "traits"]


class Channel(enum.StrEnum):
    """A way to reach a prospect."""

    CALL = "call"
    VOICEMAIL = "voicemail"
    EMAIL = "email"
    POSTCARD = "postcard"
    NOTE = "note"
    """A handwritten note, mailed."""


class Needs(enum.StrEnum):
    """The contact point a channel needs."""

    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"


@attrs.frozen(kw_only=True)
class ChannelTraits:
    """What a channel is like: live or not, what it needs, how long mail takes."""

    channel: Channel
    synchronous: bool
    """True when the prospect must be there at that moment (a call)."""
    needs: Needs
    transit_business_days: int = 0
    """Business days between sending and arrival (mail only)."""

    @property
    def is_mail(self) -> bool:
        """True for postal channels, which take transit time."""
        return self.needs is Needs.ADDRESS

    @property
    def is_phone(self) -> bool:
        """True for channels that dial a number."""
        return self.needs is Needs.PHONE


MAIL_TRANSIT_BUSINESS_DAYS = 3

_TRAITS = MappingProxyType(
    {
        Channel.CALL: ChannelTraits(channel=Channel.CALL, synchronous=True, needs=Needs.PHONE),
        Channel.VOICEMAIL: ChannelTraits(
            channel=Channel.VOICEMAIL, synchronous=False, needs=Needs.PHONE
        ),
        Channel.EMAIL: ChannelTraits(channel=Channel.EMAIL, synchronous=False, needs=Needs.EMAIL),
        Channel.POSTCARD: ChannelTraits(
            channel=Channel.POSTCARD,
            synchronous=False,
            needs=Needs.ADDRESS,
            transit_business_days=MAIL_TRANSIT_BUSINESS_DAYS,
        ),
        Channel.NOTE: ChannelTraits(
            channel=Channel.NOTE,
            synchronous=False,
            needs=Needs.ADDRESS,
            transit_business_days=MAIL_TRANSIT_BUSINESS_DAYS,
        ),
    }
)


PHONE_CHANNELS = frozenset(channel for channel, known in _TRAITS.items() if known.is_phone)
"""The channels that dial a number: a call and a voicemail drop."""


def traits(channel: Channel) -> ChannelTraits:
    """Return the traits of ``channel``."""
    return _TRAITS[channel]
