"""The ways to reach a prospect, and the one table of what each of them is.

Every other module asks this table (``traits(channel)``, or one of the
channel sets derived from it below) rather than naming channels: adding a
channel is a row here, its words in ``scripts``, the packs that cover it and
the simulation's response figures. An unknown channel raises ``KeyError``
naming it instead of falling into somebody's ``else``.
"""

from __future__ import annotations

import enum
from types import MappingProxyType

import attrs

from outreach_rules.outcomes import ANSWERS, Outcome

__all__ = [
    "ADDRESS_CHANNELS",
    "PHONE_CHANNELS",
    "SPOKEN_CHANNELS",
    "WRITTEN_CHANNELS",
    "Channel",
    "ChannelTraits",
    "LegalHours",
    "Needs",
    "channels_where",
    "kindred",
    "traits",
    "valid_outcomes",
]


class Channel(enum.StrEnum):
    """A way to reach a prospect."""

    CALL = "call"
    VOICEMAIL = "voicemail"
    """A voicemail dropped without a call first (a ringless voicemail is still a call in law)."""
    EMAIL = "email"
    POSTCARD = "postcard"
    NOTE = "note"
    """A handwritten note or letter, mailed."""
    SMS = "sms"
    """A text message, to a mobile number only."""
    LINKEDIN = "linkedin"
    """A connection request or a message on the prospect's LinkedIn profile, sent by a person."""


class Needs(enum.StrEnum):
    """The contact point a channel needs."""

    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    PROFILE = "profile"
    """A LinkedIn profile URL (``Prospect.linkedin``)."""


class LegalHours(enum.StrEnum):
    """Which of a jurisdiction's hours rules a channel answers to.

    A pack's rule names the channels it covers; these families let it say so
    without listing them: the calling hours cover calls and voicemail drops,
    the rules that name texts cover texts, a rule on every communication (US
    debt collection) covers the written ones as well.
    """

    CALLS = "calls"
    TEXTS = "texts"
    WRITTEN = "written"
    NONE = "none"
    """No law sets hours for it (a LinkedIn message)."""


# The phone kinds a text may go to. Only a mobile takes a text; a number of
# unknown kind only when the caller says it is textable (``Phone.textable``).
_TEXTABLE_KINDS = frozenset({"mobile"})

_MAIL = frozenset({Outcome.SENT, Outcome.RETURNED})
_CALL_OUTCOMES = frozenset(
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


@attrs.frozen(kw_only=True)
class ChannelTraits:
    """What a channel is like: live or not, what it needs, whose hours apply, what it can end in."""

    channel: Channel
    label: str
    """How a sentence names one touch on it: "a call", "a text message"."""
    title: str
    """A short title for lists and calendars: "Call", "Text"."""
    plural: str
    """How a sentence names several: "calls", "texts"."""
    synchronous: bool
    """True when the prospect must be there at that moment (a call)."""
    spoken: bool
    """True when the words are said (a call, a voicemail), False when written."""
    needs: Needs
    phone_kinds: frozenset[str] | None = None
    """For a phone channel, the phone kinds it may use; ``None``: any kind."""
    office_hours: bool = True
    """True when business hours apply by default (False for mail, posted whenever)."""
    legal_hours: LegalHours = LegalHours.NONE
    transit_business_days: int = 0
    """Business days between sending and arrival (mail only)."""
    family: Channel | None = None
    """The channel this one belongs with (a voicemail drop with the call); ``None``: itself."""
    outcomes: frozenset[Outcome] = frozenset()
    """The outcomes an attempt on it can have."""
    by_hand: bool = False
    """True when a person does it as a task rather than a system sending it (LinkedIn)."""
    step_purpose: str | None = None
    """The purpose of a cadence step on it, whatever its place (mail: a drip, a letter);
    ``None``: an intro for the first step, a follow-up after."""

    @property
    def is_mail(self) -> bool:
        """True for postal channels, which take transit time."""
        return self.needs is Needs.ADDRESS

    @property
    def is_phone(self) -> bool:
        """True for channels that use a phone number."""
        return self.needs is Needs.PHONE

    @property
    def written(self) -> bool:
        """True when the words are written (e-mail, mail, texts, LinkedIn)."""
        return not self.spoken

    @property
    def kin(self) -> Channel:
        """The channel this one belongs with, itself for most."""
        return self.family if self.family is not None else self.channel

    def takes(self, phone_kind: str) -> bool:
        """True when a number of ``phone_kind`` can be used on this channel."""
        return self.phone_kinds is None or phone_kind in self.phone_kinds


MAIL_TRANSIT_BUSINESS_DAYS = 3

_TRAITS = MappingProxyType(
    {
        Channel.CALL: ChannelTraits(
            channel=Channel.CALL,
            label="a call",
            title="Call",
            plural="calls",
            synchronous=True,
            spoken=True,
            needs=Needs.PHONE,
            legal_hours=LegalHours.CALLS,
            outcomes=_CALL_OUTCOMES | ANSWERS,
        ),
        Channel.VOICEMAIL: ChannelTraits(
            channel=Channel.VOICEMAIL,
            label="a voicemail",
            title="Voicemail",
            plural="voicemails",
            synchronous=False,
            spoken=True,
            needs=Needs.PHONE,
            legal_hours=LegalHours.CALLS,
            family=Channel.CALL,
            outcomes=frozenset(
                {Outcome.LEFT, Outcome.NO_ANSWER, Outcome.BUSY, Outcome.WRONG_NUMBER}
            )
            | ANSWERS,
        ),
        Channel.EMAIL: ChannelTraits(
            channel=Channel.EMAIL,
            label="an e-mail",
            title="E-mail",
            plural="e-mails",
            synchronous=False,
            spoken=False,
            needs=Needs.EMAIL,
            legal_hours=LegalHours.WRITTEN,
            outcomes=frozenset({Outcome.SENT, Outcome.BOUNCED}) | ANSWERS,
        ),
        Channel.POSTCARD: ChannelTraits(
            channel=Channel.POSTCARD,
            label="a postcard",
            title="Postcard",
            plural="postcards",
            synchronous=False,
            spoken=False,
            needs=Needs.ADDRESS,
            office_hours=False,
            legal_hours=LegalHours.WRITTEN,
            transit_business_days=MAIL_TRANSIT_BUSINESS_DAYS,
            outcomes=_MAIL | ANSWERS,
            step_purpose="drip",
        ),
        Channel.NOTE: ChannelTraits(
            channel=Channel.NOTE,
            label="a handwritten note by mail",
            title="Note",
            plural="notes",
            synchronous=False,
            spoken=False,
            needs=Needs.ADDRESS,
            office_hours=False,
            legal_hours=LegalHours.WRITTEN,
            transit_business_days=MAIL_TRANSIT_BUSINESS_DAYS,
            outcomes=_MAIL | ANSWERS,
            by_hand=True,
            step_purpose="letter",
        ),
        Channel.SMS: ChannelTraits(
            channel=Channel.SMS,
            label="a text message",
            title="Text",
            plural="texts",
            synchronous=False,
            spoken=False,
            needs=Needs.PHONE,
            phone_kinds=_TEXTABLE_KINDS,
            legal_hours=LegalHours.TEXTS,
            outcomes=frozenset({Outcome.SENT, Outcome.BOUNCED}) | ANSWERS,
        ),
        Channel.LINKEDIN: ChannelTraits(
            channel=Channel.LINKEDIN,
            label="a LinkedIn message",
            title="LinkedIn",
            plural="LinkedIn messages",
            synchronous=False,
            spoken=False,
            needs=Needs.PROFILE,
            legal_hours=LegalHours.NONE,
            outcomes=frozenset({Outcome.SENT, Outcome.CONNECTED}) | ANSWERS,
            by_hand=True,
        ),
    }
)


def traits(channel: Channel) -> ChannelTraits:
    """Return the traits of ``channel``; an unknown channel is a ``KeyError`` naming it."""
    try:
        return _TRAITS[channel]
    except KeyError:
        raise KeyError(f"unknown channel {channel!r}; known: {', '.join(_TRAITS)}") from None


def valid_outcomes(channel: Channel) -> frozenset[Outcome]:
    """Return the outcomes an attempt on ``channel`` can have."""
    return traits(channel).outcomes


def kindred(channel: Channel) -> frozenset[Channel]:
    """The channels that carry out a step on ``channel``: itself and its family."""
    kin = traits(channel).kin
    return frozenset(other for other, known in _TRAITS.items() if known.kin is kin)


def channels_where(**wanted: object) -> frozenset[Channel]:
    """The channels whose traits have every value given, e.g. ``channels_where(spoken=True)``."""
    return frozenset(
        channel
        for channel, known in _TRAITS.items()
        if all(getattr(known, name) == value for name, value in wanted.items())
    )


PHONE_CHANNELS = channels_where(legal_hours=LegalHours.CALLS)
"""The channels that dial a number: a call and a voicemail drop (a text uses a number, but is
written: see ``traits(channel).is_phone``)."""
SPOKEN_CHANNELS = channels_where(spoken=True)
"""The channels whose words are said."""
WRITTEN_CHANNELS = channels_where(spoken=False)
"""The channels whose words are written: e-mail, mail, texts, LinkedIn."""
ADDRESS_CHANNELS = channels_where(needs=Needs.ADDRESS)
"""The postal channels."""
