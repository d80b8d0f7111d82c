"""The default response model: how prospects answer calls, e-mails and mail, by situation."""

from __future__ import annotations

import enum
import math
import random
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from outreach_rules._time import zone
from outreach_rules.actions import Action, Purpose
from outreach_rules.channels import ADDRESS_CHANNELS, WRITTEN_CHANNELS, Channel
from outreach_rules.history import Attempt, Event, HistoryItem
from outreach_rules.outcomes import REACHING_OUT, REFUSALS, REQUESTS, EventKind, Outcome
from outreach_rules.prospects import Phone, PhoneKind, Prospect
from outreach_rules.simulation._checks import is_non_negative, is_positive, is_probability
from outreach_rules.simulation.population import PLACES, TOPICS
from outreach_rules.simulation.responses import Response, build_response

__all__ = ["Conversation", "FieldModel", "Stage"]


class Stage(enum.StrEnum):
    """Where a conversation stands when the prospect comes on the line."""

    COLD = "cold"
    """No conversation yet."""
    FOLLOW_UP = "follow_up"
    """They spoke with us before, without a result (a chat, a bad moment)."""
    AFTER_REFUSAL = "after_refusal"
    """The last conversation was a hang-up or a "not interested", with nothing sent since."""
    AFTER_APOLOGY = "after_apology"
    """The last conversation was a refusal, and a note or e-mail went out after it."""
    AFTER_INTEREST = "after_interest"
    """The last conversation showed interest (the information usually followed)."""
    RETURNING = "returning"
    """They reached out (a callback, a reply) or asked for this call."""


@attrs.frozen(kw_only=True)
class Conversation:
    """How a conversation ends once the prospect is on the line: a probability per outcome.

    What the listed probabilities leave to 1 is ``connected``: they spoke,
    with no result. The probabilities must add up to at most 1.
    """

    meeting_booked: float = attrs.field(validator=is_probability)
    interested: float = attrs.field(validator=is_probability)
    callback_requested: float = attrs.field(validator=is_probability)
    bad_timing: float = attrs.field(validator=is_probability)
    not_interested: float = attrs.field(validator=is_probability)
    hung_up: float = attrs.field(validator=is_probability)
    do_not_contact: float = attrs.field(validator=is_probability)

    def __attrs_post_init__(self) -> None:
        total = math.fsum(p for _, p in self._parts())
        if total > 1.0 + 1e-9:
            raise ValueError(
                f"Conversation: the probabilities add up to {total:.4g}; they must add up to "
                "at most 1 (the rest is 'connected', a chat without a result)"
            )

    def _parts(self) -> tuple[tuple[Outcome, float], ...]:
        return (
            (Outcome.MEETING_BOOKED, self.meeting_booked),
            (Outcome.INTERESTED, self.interested),
            (Outcome.CALLBACK_REQUESTED, self.callback_requested),
            (Outcome.BAD_TIMING, self.bad_timing),
            (Outcome.NOT_INTERESTED, self.not_interested),
            (Outcome.HUNG_UP, self.hung_up),
            (Outcome.DO_NOT_CONTACT, self.do_not_contact),
        )

    @property
    def connected(self) -> float:
        """The probability of a chat without a result: what the others leave."""
        return max(0.0, 1.0 - math.fsum(p for _, p in self._parts()))

    def lifted(self, factor: float) -> Conversation:
        """The same conversation with the chances of a meeting and of interest times ``factor``.

        The other endings, the chat without a result included, shrink in
        proportion to make room; the two lifted chances together never
        pass 1.
        """
        warm = self.meeting_booked + self.interested
        if warm <= 0.0 or factor == 1.0:
            return self
        lifted = min(1.0, warm * factor)
        up = lifted / warm
        down = (1.0 - lifted) / (1.0 - warm) if warm < 1.0 else 0.0
        return Conversation(
            meeting_booked=self.meeting_booked * up,
            interested=self.interested * up,
            callback_requested=self.callback_requested * down,
            bad_timing=self.bad_timing * down,
            not_interested=self.not_interested * down,
            hung_up=self.hung_up * down,
            do_not_contact=self.do_not_contact * down,
        )

    def draw(self, u: float) -> Outcome:
        """Return the outcome a uniform draw ``u`` in [0, 1) falls on."""
        edge = 0.0
        for outcome, probability in self._parts():
            edge += probability
            if u < edge:
                return outcome
        return Outcome.CONNECTED


# Hours of the prospect's clock: slow before nine, a dip at lunch, the late afternoon best.
_HOURS = (
    0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.5,   # 00-07: barely lawful or not at all
    0.8, 0.9, 1.0, 1.0, 0.6, 0.8, 1.0, 1.05,  # 08-15
    1.1, 0.9, 0.7, 0.6, 0.5, 0.3, 0.3, 0.3,   # 16-23
)  # fmt: skip
# Monday to Sunday: midweek best, Friday slower, weekends rare.
_WEEKDAYS = (0.95, 1.05, 1.05, 1.05, 0.85, 0.4, 0.3)

# About 25 % of the prospects who get the whole 12-card series answer one card.
_POSTCARD_SERIES = 0.25
_POSTCARD_SERIES_LENGTH = 12
_POSTCARD_PER_CARD = 1.0 - (1.0 - _POSTCARD_SERIES) ** (1.0 / _POSTCARD_SERIES_LENGTH)

_REASONS = (
    "happy with the current vendor",
    "no budget this year",
    "not a priority right now",
    "already have this in house",
)
_CALLING_CODES = {place.country: place.calling_code for place in PLACES}
_EXPECTED = frozenset({Purpose.CALLBACK, Purpose.RECONNECT})
_CHATS = frozenset({Outcome.CONNECTED, Outcome.BAD_TIMING, Outcome.MEETING_BOOKED})
# A conversation that ended open may bring a callback later, however much later.
_OPEN_ENDINGS = frozenset(
    {Outcome.CONNECTED, Outcome.BAD_TIMING, Outcome.NOT_INTERESTED, Outcome.HUNG_UP}
)
_OPENING, _CLOSING = 9, 17

# The common answers carry nothing of their own: made once, shared (they are frozen).
_NO_ANSWER = Response(outcome=Outcome.NO_ANSWER)
_BUSY = Response(outcome=Outcome.BUSY)
_VOICEMAIL = Response(outcome=Outcome.VOICEMAIL)
_WRONG_NUMBER = Response(outcome=Outcome.WRONG_NUMBER)
_LEFT = Response(outcome=Outcome.LEFT)
_NOTHING_TO_SHARE = Response(outcome=Outcome.GATEKEEPER, notes="nothing to share")
_SENT = Response(outcome=Outcome.SENT)
_BOUNCED = Response(outcome=Outcome.BOUNCED)
_RETURNED = Response(outcome=Outcome.RETURNED)
_CONNECTED = Response(outcome=Outcome.CONNECTED)


def _effects(length: int, default: tuple[float, ...]) -> Any:
    def check(_instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, tuple) or len(value) != length:
            raise ValueError(
                f"{attribute.name}: expected a tuple of {length} multipliers, got {value!r}"
            )
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (int, float)) or not item >= 0:
                raise ValueError(
                    f"{attribute.name}[{i}]: {item!r} is not a multiplier; use a number >= 0"
                )

    return attrs.field(default=default, converter=tuple, validator=check)


@attrs.frozen(kw_only=True)
class FieldModel:
    """The default response model: per channel and situation, how likely each outcome is.

    Sources. Three figures come from the field accounts the library
    encodes (PRACTICES.md): a 1–3 % positive response to a first mailing
    (``first_mailing_response``, default 2 %); around 25 % to the follow-up
    postcards (``postcard_response``, see there); and callbacks that come
    weeks, months, even more than a year after the call (the long tail of
    ``callback_median_days``/``callback_sigma``/``callback_max_days``). The
    field accounts also say that receptionists help more when asked for
    help (``help_when_asked`` above ``help_otherwise``) and that an apology
    after a brush-off makes the next call go better (``after_apology``
    above ``after_refusal``); the sizes of those effects are assumptions.
    Every other default is a modelling assumption: a plausible value for
    business-to-business cold outreach, not a measured figure. Tune them
    to your own numbers.

    Calls. A number is a wrong number on its first dial with probability
    ``wrong_number`` (0.03, assumption); a line is busy with ``busy``
    (0.03, assumption). On a switchboard a receptionist answers with
    ``receptionist_answers`` (0.85, assumption); on the person's own line
    they pick up with ``answer_direct`` (0.12), ``answer_mobile`` (0.25) or
    ``answer_other`` (0.15, all assumptions), or ``answer_expected`` (0.6,
    assumption) when we call at a time they asked for or right after they
    called us. Those answer rates are multiplied by ``hour_effect`` (24
    multipliers by the hour on the prospect's clock: slower before nine, a
    lunch dip, the late afternoon best) and ``weekday_effect`` (Monday to
    Sunday: midweek best, Friday slower, weekends rare), both assumptions
    about shape, capped at probability 1. Unanswered, a direct or other
    line is picked up by an assistant with ``assistant_answers`` (0.05,
    assumption), else goes to a voicemail box with ``voicemail_box`` (0.8,
    assumption), where a message is left when the action says so
    (``leave_voicemail``); else it rings out.

    Receptionists (and assistants). Someone who answers for the person says
    they left the company with ``left_company`` (0.02, assumption); a
    switchboard puts the call through with ``put_through`` (0.2,
    assumption). Otherwise they help (a mobile number or when the person
    is back) with ``help_when_asked`` (0.5) when the call asks them for
    help (``Purpose.ASK_GATEKEEPER``), else ``help_otherwise`` (0.15): the
    ordering is the field accounts', the sizes assumptions. Help is a
    mobile number with ``gives_mobile`` (0.35, assumption), else an
    absence: at lunch (``at_lunch`` 0.3, back in an hour), in a meeting
    (``in_meeting`` 0.45, back in 1.5–3 hours) or away (the rest, back in
    ``away_days`` 3–14 days), all assumptions.

    Conversations. Once the person is on the line, the outcome is drawn
    from the ``Conversation`` of the ``Stage``, held in the field of that
    name (``cold``, ``follow_up``, ``after_refusal``, ``after_apology``,
    ``after_interest``, ``returning``); all assumptions (in %: meeting,
    interested, callback asked, bad timing, not interested, hung up, do not
    contact; the rest a chat without a result)::

        cold            2  10   8  15  35  15  2   (13 chat)
        follow_up       6  15  10  10  25   5  2   (27 chat)
        after_refusal   2   6   5  10  45  15  5   (12 chat)
        after_apology   6  15  10  10  30   5  2   (22 chat)
        after_interest 25  20  10  10  15   0  1   (19 chat)
        returning      30  30   5   5   8   0  1   (21 chat)

    A bad moment names
    a time to call back with ``bad_timing_names_time`` (0.5), a callback
    request with ``callback_names_time`` (0.8), later the same day with
    ``callback_same_day`` (0.4), all assumptions. A conversation that ends
    open (a chat, a bad moment without a time, a refusal) brings a callback
    later with ``late_callback`` (0.04, assumption), after a delay drawn
    from a lognormal distribution with median ``callback_median_days``
    (21) and shape ``callback_sigma`` (1.3), capped at
    ``callback_max_days`` (540): about one callback in a hundred comes more
    than 400 days later, the field accounts' "more than a year". The
    median and the shape are assumptions fitted to that description. A
    voicemail left brings a callback with ``voicemail_callback`` (0.05,
    assumption), with the same delay.

    E-mail. The first e-mail to an address bounces with ``bounce`` (0.03,
    assumption). An auto-reply announces an absence of 2–14 days with
    ``out_of_office`` (0.03); otherwise the prospect unsubscribes from
    e-mail with ``unsubscribe`` (0.005), or replies with
    ``reply_after_info`` (0.15) to information they asked for,
    ``reply_apology`` (0.05) to an apology and ``reply_cold`` (0.02) to
    anything else, after a lognormal delay with median
    ``reply_median_hours`` (6) and shape ``reply_sigma`` (1.0), capped at
    ``reply_max_days`` (30): all assumptions.

    Mail. The first piece to an address comes back with ``returned``
    (0.02, assumption). A positive response, an inbound callback, follows
    the first letter with ``first_mailing_response`` (0.02, PRACTICES.md),
    a postcard with ``postcard_response`` and an apology note with
    ``apology_note_callback`` (0.03, assumption). It comes
    ``mail_transit_days`` (5 calendar days, about the 3 business days the
    library plans for mail) plus a lognormal delay with median
    ``mail_response_median_days`` (4) and shape ``mail_response_sigma``
    (0.7), capped at ``mail_response_max_days`` (60), after the posting:
    assumptions.

    Texts. A text to a number that has not had one fails with
    ``text_undeliverable`` (0.03, assumption: a landline or a dead mobile).
    Otherwise the prospect answers STOP (an opt-out of texts only) with
    ``text_stop`` (0.02, assumption) or replies with ``text_reply``
    (0.045, assumption: the few public B2B figures for cold texts are
    vendors' own, in the low single digits), after a lognormal delay with
    median ``text_reply_median_hours`` (0.5) and the e-mail's shape and cap.

    LinkedIn. A connection request is accepted with ``linkedin_accept``
    (0.25, assumption: vendors' benchmarks for cold requests range from
    about 20 to 30 %); a message (or an accepted request) brings a reply
    with ``linkedin_reply`` (0.06, assumption) after a lognormal delay with
    median ``linkedin_reply_median_hours`` (24) and the e-mail's shape and cap.

    Colleagues. When colleagues (prospects with the same
    ``Prospect.account``) are simulated together, the model hears what
    happened with the others before each touch. Once one of them showed
    interest (an ``interested``, ``callback_requested`` or
    ``meeting_booked`` call, or a reply, an interest or a call from them),
    a conversation with another is warmer: its chances of a meeting and of
    interest are multiplied by ``colleague_interest`` (1.5, assumption: a
    word from a colleague inside the company), the other endings shrinking
    in proportion (``Conversation.lifted``). Once one of them booked a
    meeting, another reached says the company is already talking to us,
    a "not interested" with that reason, with ``colleague_covered`` (0.5,
    assumption); otherwise the conversation goes on as above, warmer. A
    prospect without colleagues in the simulation is answered as before,
    and so is everyone with ``colleague_interest=1`` and
    ``colleague_covered=0``.

    Inbound touches are placed inside office hours (weekdays 09:00–17:00
    on the prospect's clock), moved to the next opening when the delay
    lands outside them.
    """

    # -- calls ------------------------------------------------------------------
    wrong_number: float = attrs.field(default=0.03, validator=is_probability)
    busy: float = attrs.field(default=0.03, validator=is_probability)
    receptionist_answers: float = attrs.field(default=0.85, validator=is_probability)
    answer_direct: float = attrs.field(default=0.12, validator=is_probability)
    answer_mobile: float = attrs.field(default=0.25, validator=is_probability)
    answer_other: float = attrs.field(default=0.15, validator=is_probability)
    answer_expected: float = attrs.field(default=0.6, validator=is_probability)
    """Pick-up rate for a callback at the time they asked for, or right after they called us."""
    hour_effect: tuple[float, ...] = _effects(24, _HOURS)
    weekday_effect: tuple[float, ...] = _effects(7, _WEEKDAYS)
    assistant_answers: float = attrs.field(default=0.05, validator=is_probability)
    voicemail_box: float = attrs.field(default=0.8, validator=is_probability)

    # -- receptionists --------------------------------------------------------------
    left_company: float = attrs.field(default=0.02, validator=is_probability)
    put_through: float = attrs.field(default=0.2, validator=is_probability)
    help_when_asked: float = attrs.field(default=0.5, validator=is_probability)
    help_otherwise: float = attrs.field(default=0.15, validator=is_probability)
    gives_mobile: float = attrs.field(default=0.35, validator=is_probability)
    at_lunch: float = attrs.field(default=0.3, validator=is_probability)
    in_meeting: float = attrs.field(default=0.45, validator=is_probability)
    away_days: tuple[int, int] = (3, 14)

    # -- conversations ------------------------------------------------------------
    cold: Conversation = Conversation(
        meeting_booked=0.02,
        interested=0.10,
        callback_requested=0.08,
        bad_timing=0.15,
        not_interested=0.35,
        hung_up=0.15,
        do_not_contact=0.02,
    )
    follow_up: Conversation = Conversation(
        meeting_booked=0.06,
        interested=0.15,
        callback_requested=0.10,
        bad_timing=0.10,
        not_interested=0.25,
        hung_up=0.05,
        do_not_contact=0.02,
    )
    after_refusal: Conversation = Conversation(
        meeting_booked=0.02,
        interested=0.06,
        callback_requested=0.05,
        bad_timing=0.10,
        not_interested=0.45,
        hung_up=0.15,
        do_not_contact=0.05,
    )
    after_apology: Conversation = Conversation(
        meeting_booked=0.06,
        interested=0.15,
        callback_requested=0.10,
        bad_timing=0.10,
        not_interested=0.30,
        hung_up=0.05,
        do_not_contact=0.02,
    )
    after_interest: Conversation = Conversation(
        meeting_booked=0.25,
        interested=0.20,
        callback_requested=0.10,
        bad_timing=0.10,
        not_interested=0.15,
        hung_up=0.0,
        do_not_contact=0.01,
    )
    returning: Conversation = Conversation(
        meeting_booked=0.30,
        interested=0.30,
        callback_requested=0.05,
        bad_timing=0.05,
        not_interested=0.08,
        hung_up=0.0,
        do_not_contact=0.01,
    )
    bad_timing_names_time: float = attrs.field(default=0.5, validator=is_probability)
    callback_names_time: float = attrs.field(default=0.8, validator=is_probability)
    callback_same_day: float = attrs.field(default=0.4, validator=is_probability)

    # -- callbacks ------------------------------------------------------------------
    late_callback: float = attrs.field(default=0.04, validator=is_probability)
    voicemail_callback: float = attrs.field(default=0.05, validator=is_probability)
    callback_median_days: float = attrs.field(default=21.0, validator=is_positive)
    callback_sigma: float = attrs.field(default=1.3, validator=is_non_negative)
    callback_max_days: float = attrs.field(default=540.0, validator=is_positive)

    # -- e-mail -----------------------------------------------------------------------
    bounce: float = attrs.field(default=0.03, validator=is_probability)
    out_of_office: float = attrs.field(default=0.03, validator=is_probability)
    unsubscribe: float = attrs.field(default=0.005, validator=is_probability)
    reply_after_info: float = attrs.field(default=0.15, validator=is_probability)
    reply_apology: float = attrs.field(default=0.05, validator=is_probability)
    reply_cold: float = attrs.field(default=0.02, validator=is_probability)
    reply_median_hours: float = attrs.field(default=6.0, validator=is_positive)
    reply_sigma: float = attrs.field(default=1.0, validator=is_non_negative)
    reply_max_days: float = attrs.field(default=30.0, validator=is_positive)

    # -- mail --------------------------------------------------------------------------
    returned: float = attrs.field(default=0.02, validator=is_probability)
    first_mailing_response: float = attrs.field(default=0.02, validator=is_probability)
    """Positive response to a first mailing: PRACTICES.md gives 1–3 %."""
    postcard_response: float = attrs.field(default=_POSTCARD_PER_CARD, validator=is_probability)
    """Positive response to one follow-up postcard, about 2.4 % by default.

    PRACTICES.md gives "around 25 %" for the follow-up postcards. Read as
    the response to the series, not to each card: about 25 % of the
    prospects who get the whole 12-card series of the direct-mail playbook
    answer one of its cards, which is 1 − 0.75^(1/12) ≈ 2.4 % a card. A
    25 % chance per card would have 97 % answer within a year, far above
    anything the accounts describe; set ``postcard_response=0.25`` to model
    that reading anyway.
    """
    apology_note_callback: float = attrs.field(default=0.03, validator=is_probability)
    mail_transit_days: float = attrs.field(default=5.0, validator=is_non_negative)
    mail_response_median_days: float = attrs.field(default=4.0, validator=is_positive)
    mail_response_sigma: float = attrs.field(default=0.7, validator=is_non_negative)
    mail_response_max_days: float = attrs.field(default=60.0, validator=is_positive)

    # -- texts ---------------------------------------------------------------------
    text_undeliverable: float = attrs.field(default=0.03, validator=is_probability)
    text_stop: float = attrs.field(default=0.02, validator=is_probability)
    text_reply: float = attrs.field(default=0.045, validator=is_probability)
    text_reply_median_hours: float = attrs.field(default=0.5, validator=is_positive)

    # -- LinkedIn --------------------------------------------------------------------
    linkedin_accept: float = attrs.field(default=0.25, validator=is_probability)
    linkedin_reply: float = attrs.field(default=0.06, validator=is_probability)
    linkedin_reply_median_hours: float = attrs.field(default=24.0, validator=is_positive)

    # -- colleagues ------------------------------------------------------------------
    colleague_interest: float = attrs.field(default=1.5, validator=is_non_negative)
    colleague_covered: float = attrs.field(default=0.5, validator=is_probability)

    name: str = "field_model"

    def __attrs_post_init__(self) -> None:
        if self.at_lunch + self.in_meeting > 1.0 + 1e-9:
            raise ValueError(
                f"at_lunch + in_meeting: {self.at_lunch} + {self.in_meeting} is above 1; the "
                "rest of the absences are trips away, so the two must add up to at most 1"
            )
        low, high = self.away_days
        if not (isinstance(low, int) and isinstance(high, int) and 1 <= low <= high):
            raise ValueError(
                f"away_days: {self.away_days!r} is not a range of days; use (low, high) with "
                "whole numbers 1 <= low <= high"
            )

    # -- the protocol -----------------------------------------------------------

    def respond(
        self,
        *,
        prospect: Prospect,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        rng: random.Random,
        colleagues: Sequence[tuple[Prospect, Sequence[HistoryItem]]] = (),
    ) -> Response:
        """Return how ``prospect`` answers ``action`` carried out at ``at``.

        ``colleagues``: each colleague simulated with them and their history
        so far (see "Colleagues" above); none by default.
        """
        channel = action.channel
        tz = zone(prospect.timezone)
        if channel is Channel.CALL:
            mood = _mood(colleagues, at) if colleagues else _ALONE
            return self._call(prospect, action, history, at, tz, rng, mood)
        try:
            answer = _WRITTEN_ANSWERS[channel]
        except KeyError:
            raise KeyError(
                f"FieldModel has no responses for a touch on {channel!r}: add them"
            ) from None
        return answer(self, action, history, at, tz, rng)

    def stage(self, action: Action, history: Sequence[HistoryItem]) -> Stage:
        """Return where the conversation stands for ``action``, read from the latest touches."""
        if action.purpose in _EXPECTED:
            return Stage.RETURNING
        written_since = False
        for item in reversed(history):
            if type(item) is Event:
                if item.is_inbound:
                    return Stage.RETURNING
                continue
            assert isinstance(item, Attempt)
            outcome = item.outcome
            if outcome in REFUSALS:
                return Stage.AFTER_APOLOGY if written_since else Stage.AFTER_REFUSAL
            if outcome is Outcome.INTERESTED:
                return Stage.AFTER_INTEREST
            if outcome is Outcome.CALLBACK_REQUESTED:
                return Stage.RETURNING
            if outcome in _CHATS:
                return Stage.FOLLOW_UP
            if item.channel in WRITTEN_CHANNELS and outcome is Outcome.SENT:
                written_since = True
        return Stage.COLD

    def conversation(self, stage: Stage) -> Conversation:
        """Return the outcome probabilities of a conversation at ``stage``."""
        conversation: Conversation = getattr(self, stage.value)
        return conversation

    # -- calls --------------------------------------------------------------------

    def _call(
        self,
        prospect: Prospect,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        tz: ZoneInfo,
        rng: random.Random,
        mood: _Mood,
    ) -> Response:
        to = action.to
        if to is not None and not _used(history, to) and rng.random() < self.wrong_number:
            return _WRONG_NUMBER
        if rng.random() < self.busy:
            return _BUSY
        local = at.astimezone(tz)
        effect = self.hour_effect[local.hour] * self.weekday_effect[local.weekday()]
        kind = _line_kind(prospect, history, to)
        if kind is PhoneKind.SWITCHBOARD:
            if rng.random() >= self.receptionist_answers * effect:
                return _NO_ANSWER
            return self._receptionist(
                prospect, action, history, at, tz, rng, mood, switchboard=True
            )
        if action.purpose in _EXPECTED:
            answer = self.answer_expected
        elif kind is PhoneKind.DIRECT:
            answer = self.answer_direct * effect
        elif kind is PhoneKind.MOBILE:
            answer = self.answer_mobile * effect
        else:
            answer = self.answer_other * effect
        if rng.random() < answer:
            return self._conversation(prospect, action, history, at, tz, rng, mood)
        if kind is not PhoneKind.MOBILE and rng.random() < self.assistant_answers:
            return self._receptionist(
                prospect, action, history, at, tz, rng, mood, switchboard=False
            )
        if rng.random() < self.voicemail_box:
            if action.leave_voicemail:
                return self._left(at, tz, rng)
            return _VOICEMAIL
        return _NO_ANSWER

    def _receptionist(
        self,
        prospect: Prospect,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        tz: ZoneInfo,
        rng: random.Random,
        mood: _Mood,
        *,
        switchboard: bool,
    ) -> Response:
        if rng.random() < self.left_company:
            return build_response(
                Outcome.LEFT_COMPANY,
                notes="no longer with the company",
                cancels_pending=True,
            )
        if switchboard and rng.random() < self.put_through:
            return self._conversation(prospect, action, history, at, tz, rng, mood)
        helps = (
            self.help_when_asked
            if action.purpose == Purpose.ASK_GATEKEEPER
            else self.help_otherwise
        )
        if rng.random() >= helps:
            return _NOTHING_TO_SHARE
        if rng.random() < self.gives_mobile:
            return build_response(
                Outcome.GATEKEEPER,
                notes="gave a mobile number",
                new_phone=_mobile_of(prospect, rng),
            )
        u = rng.random()
        if u < self.at_lunch:
            back, notes = at + timedelta(hours=1), "at lunch"
        elif u < self.at_lunch + self.in_meeting:
            back, notes = at + timedelta(hours=rng.uniform(1.5, 3.0)), "in a meeting"
        else:
            back = at + timedelta(days=rng.randint(*self.away_days))
            notes = "away"
        return build_response(Outcome.GATEKEEPER, notes=notes, resume_at=back)

    def _conversation(
        self,
        prospect: Prospect,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        tz: ZoneInfo,
        rng: random.Random,
        mood: _Mood,
    ) -> Response:
        # At 0 no draw is made: a model without colleague effects answers as if alone.
        if mood.covered and self.colleague_covered and rng.random() < self.colleague_covered:
            return _COVERED
        conversation = self.conversation(self.stage(action, history))
        if mood.warm:
            conversation = conversation.lifted(self.colleague_interest)
        outcome = conversation.draw(rng.random())
        callback_at: datetime | None = None
        reason: str | None = None
        interests: frozenset[str] = frozenset()
        if outcome is Outcome.BAD_TIMING and rng.random() < self.bad_timing_names_time:
            callback_at = _office(at + timedelta(days=rng.uniform(2.0, 30.0)), tz, rng)
        elif outcome is Outcome.CALLBACK_REQUESTED and rng.random() < self.callback_names_time:
            if rng.random() < self.callback_same_day:
                callback_at = at + timedelta(hours=rng.uniform(1.0, 4.0))
            else:
                callback_at = _office(at + timedelta(days=rng.uniform(1.0, 10.0)), tz, rng)
        elif outcome is Outcome.INTERESTED:
            topics = sorted(prospect.interests) or list(TOPICS)
            interests = frozenset({rng.choice(topics)})
        elif outcome is Outcome.NOT_INTERESTED:
            reason = rng.choice(_REASONS)
        inbound: tuple[Event, ...] = ()
        if outcome in _OPEN_ENDINGS and callback_at is None and rng.random() < self.late_callback:
            inbound = (self._callback(at, tz, rng, "called back about our earlier call"),)
        return build_response(
            outcome,
            reason=reason,
            interests=interests,
            callback_at=callback_at,
            inbound=inbound,
            cancels_pending=True,
        )

    def _left(self, at: datetime, tz: ZoneInfo, rng: random.Random) -> Response:
        if rng.random() >= self.voicemail_callback:
            return _LEFT
        callback = self._callback(at, tz, rng, "called back after our voicemail")
        return build_response(Outcome.LEFT, inbound=(callback,))

    def _callback(self, at: datetime, tz: ZoneInfo, rng: random.Random, notes: str) -> Event:
        days = _lognormal(rng, self.callback_median_days, self.callback_sigma)
        delay = timedelta(days=min(max(days, 1 / 24), self.callback_max_days))
        return Event(
            at=_office(at + delay, tz, rng),
            kind=EventKind.CALLBACK,
            channel=Channel.CALL,
            notes=notes,
        )

    def _drop(
        self,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        tz: ZoneInfo,
        rng: random.Random,
    ) -> Response:
        to = action.to
        if to is not None and not _used(history, to) and rng.random() < self.wrong_number:
            return _WRONG_NUMBER
        return self._left(at, tz, rng)

    # -- written ------------------------------------------------------------------

    def _email(
        self,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        tz: ZoneInfo,
        rng: random.Random,
    ) -> Response:
        to = action.to
        if to is not None and not _used(history, to) and rng.random() < self.bounce:
            return _BOUNCED
        if rng.random() < self.out_of_office:
            back = at + timedelta(days=rng.randint(2, 14))
            notice = Event(
                at=at + timedelta(minutes=1),
                kind=EventKind.OUT_OF_OFFICE,
                channel=Channel.EMAIL,
                notes="automatic reply: out of office",
                resume_at=back,
            )
            return build_response(Outcome.SENT, inbound=(notice,))
        later = self._answered_at(at, self.reply_median_hours, rng)
        if rng.random() < self.unsubscribe:
            opt_out = Event(
                at=later, kind=EventKind.OPT_OUT, channel=Channel.EMAIL, notes="unsubscribed"
            )
            return build_response(Outcome.SENT, inbound=(opt_out,))
        if action.purpose == Purpose.SEND_INFO:
            chance = self.reply_after_info
        elif action.purpose == Purpose.APOLOGY_NOTE:
            chance = self.reply_apology
        else:
            chance = self.reply_cold
        if rng.random() < chance:
            reply = _reply(later, tz, rng, Channel.EMAIL, "replied to our e-mail")
            return build_response(Outcome.SENT, inbound=(reply,))
        return _SENT

    def _mail(
        self,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        tz: ZoneInfo,
        rng: random.Random,
    ) -> Response:
        to = action.to
        if to is not None and not _used(history, to) and rng.random() < self.returned:
            return _RETURNED
        if action.purpose == Purpose.APOLOGY_NOTE:
            chance = self.apology_note_callback
        elif action.channel is Channel.POSTCARD or _mailed_before(history):
            chance = self.postcard_response
        else:
            chance = self.first_mailing_response
        if rng.random() >= chance:
            return _SENT
        days = _lognormal(rng, self.mail_response_median_days, self.mail_response_sigma)
        delay = timedelta(days=self.mail_transit_days + min(days, self.mail_response_max_days))
        answer = Event(
            at=_office(at + delay, tz, rng),
            kind=EventKind.CALLBACK,
            channel=Channel.CALL,
            notes=f"answered our {action.channel.value}",
        )
        return build_response(Outcome.SENT, inbound=(answer,))

    def _text(
        self,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        tz: ZoneInfo,
        rng: random.Random,
    ) -> Response:
        to = action.to
        if to is not None and not _used(history, to) and rng.random() < self.text_undeliverable:
            return _BOUNCED
        later = self._answered_at(at, self.text_reply_median_hours, rng)
        if rng.random() < self.text_stop:
            stop = Event(at=later, kind=EventKind.OPT_OUT, channel=Channel.SMS, notes="STOP")
            return build_response(Outcome.SENT, inbound=(stop,))
        if rng.random() < self.text_reply:
            reply = _reply(later, tz, rng, Channel.SMS, "replied to our text")
            return build_response(Outcome.SENT, inbound=(reply,))
        return _SENT

    def _linkedin(
        self,
        action: Action,
        history: Sequence[HistoryItem],
        at: datetime,
        tz: ZoneInfo,
        rng: random.Random,
    ) -> Response:
        already = any(
            type(item) is Attempt
            and item.channel is Channel.LINKEDIN
            and item.outcome is Outcome.CONNECTED
            for item in history
        )
        outcome = Outcome.SENT
        if not already and rng.random() < self.linkedin_accept:
            outcome = Outcome.CONNECTED
        if rng.random() >= self.linkedin_reply:
            return _CONNECTED if outcome is Outcome.CONNECTED else _SENT
        later = self._answered_at(at, self.linkedin_reply_median_hours, rng)
        reply = _reply(later, tz, rng, Channel.LINKEDIN, "replied on LinkedIn")
        return build_response(outcome, inbound=(reply,))

    def _answered_at(self, at: datetime, median_hours: float, rng: random.Random) -> datetime:
        """When a written answer comes: a lognormal delay after ``at``, capped at the e-mail's."""
        hours = _lognormal(rng, median_hours, self.reply_sigma)
        return at + timedelta(hours=min(hours, self.reply_max_days * 24))


@attrs.frozen
class _Mood:
    """What a prospect's colleagues' results do to a conversation (see "Colleagues")."""

    warm: bool
    covered: bool


_ALONE = _Mood(warm=False, covered=False)
_WARMING = REQUESTS | {Outcome.MEETING_BOOKED}
_COVERED = Response(
    outcome=Outcome.NOT_INTERESTED,
    reason="a colleague is already talking to you",
    cancels_pending=True,
)


def _mood(colleagues: Sequence[tuple[Prospect, Sequence[HistoryItem]]], at: datetime) -> _Mood:
    """Whether a colleague showed interest, and booked a meeting, before ``at``."""
    warm = covered = False
    for _, history in colleagues:
        for item in history:
            if item.at >= at:
                continue
            if type(item) is Attempt:
                if item.outcome in _WARMING:
                    warm = True
                    covered = covered or item.outcome is Outcome.MEETING_BOOKED
            elif isinstance(item, Event) and item.kind in REACHING_OUT:
                warm = True
    return _Mood(warm=warm, covered=covered)


# How each channel but the call is answered; a channel missing here is an error, not a guess.
_WRITTEN_ANSWERS = {
    Channel.VOICEMAIL: FieldModel._drop,
    Channel.EMAIL: FieldModel._email,
    Channel.POSTCARD: FieldModel._mail,
    Channel.NOTE: FieldModel._mail,
    Channel.SMS: FieldModel._text,
    Channel.LINKEDIN: FieldModel._linkedin,
}


# -- helpers -----------------------------------------------------------------------


def _reply(
    later: datetime, tz: ZoneInfo, rng: random.Random, channel: Channel, notes: str
) -> Event:
    """The prospect's written reply on ``channel``, placed in their office hours."""
    return Event(at=_office(later, tz, rng), kind=EventKind.REPLY, channel=channel, notes=notes)


def _lognormal(rng: random.Random, median: float, sigma: float) -> float:
    return rng.lognormvariate(math.log(median), sigma)


def _used(history: Sequence[HistoryItem], to: str) -> bool:
    """True when an earlier attempt used the number or address ``to``."""
    # A plain loop: any() over a generator costs twice as much, once per attempt made.
    for item in history:  # noqa: SIM110
        if type(item) is Attempt and item.to == to:
            return True
    return False


def _mailed_before(history: Sequence[HistoryItem]) -> bool:
    return any(
        type(item) is Attempt and item.channel in ADDRESS_CHANNELS and item.outcome is Outcome.SENT
        for item in history
    )


def _line_kind(prospect: Prospect, history: Sequence[HistoryItem], number: str | None) -> PhoneKind:
    for phone in prospect.phones:
        if phone.number == number:
            return phone.kind
    for item in reversed(history):
        if type(item) is Attempt and item.new_phone is not None and item.new_phone.number == number:
            return item.new_phone.kind
    return PhoneKind.OTHER


def _mobile_of(prospect: Prospect, rng: random.Random) -> Phone:
    """The prospect's mobile as a receptionist would give it: the known one, or a new number."""
    for phone in prospect.phones:
        if phone.kind is PhoneKind.MOBILE:
            return phone
    code = _CALLING_CODES.get(prospect.country or "", "1")
    digits = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
    return Phone(number=f"+{code}{digits}", kind=PhoneKind.MOBILE)


def _office(moment: datetime, tz: ZoneInfo, rng: random.Random) -> datetime:
    """``moment`` if it falls on a weekday 09:00–17:00 on the prospect's clock, else a random
    time in the next such window."""
    local = moment.astimezone(tz)
    if local.weekday() < 5 and _OPENING <= local.hour < _CLOSING:
        return moment
    day = local.date()
    if local.hour >= _OPENING:
        day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    opening = datetime.combine(day, time(_OPENING), tz)
    return opening + timedelta(hours=rng.uniform(0.0, _CLOSING - _OPENING))
