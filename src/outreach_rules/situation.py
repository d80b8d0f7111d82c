"""What policies and guards see: one prospect's history, read once, at a given moment."""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo

from outreach_rules import _validate as v
from outreach_rules._time import UTC, zone
from outreach_rules.calendar import Calendar, Hours
from outreach_rules.channels import (
    PHONE_CHANNELS,
    WRITTEN_CHANNELS,
    Channel,
    ChannelTraits,
    Needs,
    traits,
)
from outreach_rules.compliance.places import (
    LegalRules,
    lawful_calendar,
    lawful_calendar_for,
    legal_rules,
    registers_barring,
)
from outreach_rules.history import (
    MARK_CHANNEL_OPT_OUT,
    MARK_DO_NOT_CONTACT,
    MARK_ENDS,
    MARK_HOLD,
    MARK_INBOUND,
    MARK_NEW_PHONE,
    MARK_REACHED,
    MARK_RETIRES,
    MARK_UNANSWERED_CALL,
    READ_MARKS,
    Attempt,
    Event,
    HistoryItem,
)
from outreach_rules.outcomes import REFUSALS, UNREACHED, Outcome
from outreach_rules.prospects import Phone, PhoneKind, Prospect

if TYPE_CHECKING:
    from outreach_rules.actions import Action
    from outreach_rules.compliance.rules import Exemption, Registry
    from outreach_rules.playbooks import Playbook

__all__ = ["UNREACHED", "Situation", "business_calendar", "lawful_calendar"]

# Members read once: on Python 3.11 reading `Enum.MEMBER` from the class runs the enum
# metaclass's attribute hook, ten times the cost of reading a global.
_SWITCHBOARD = PhoneKind.SWITCHBOARD
_CALL, _SENT, _EMAIL = Channel.CALL, Outcome.SENT, Channel.EMAIL
_NEEDS_PHONE, _NEEDS_EMAIL, _NEEDS_ADDRESS = Needs.PHONE, Needs.EMAIL, Needs.ADDRESS
_GATEKEEPER, _VOICEMAIL, _INTERESTED = Outcome.GATEKEEPER, Outcome.VOICEMAIL, Outcome.INTERESTED
MAX_RECEPTIONIST_ASKS = 2
"""How often the receptionist is asked in one run of unanswered calls; then the schedule resumes."""
# What ends a run of unanswered calls, read backwards: a call that reached them, or their touch.
_ENDS_RUN = MARK_REACHED | MARK_INBOUND
# Which saved number to try first: the person's own lines before the
# company's main line, which is for asking the receptionist.
_PHONE_PREFERENCE = {
    PhoneKind.DIRECT: 0,
    PhoneKind.MOBILE: 1,
    PhoneKind.OTHER: 2,
    PhoneKind.HOME: 3,
    PhoneKind.SWITCHBOARD: 4,
}


@functools.lru_cache(maxsize=4096)
def business_calendar(
    timezone: str, hours: Hours, country: str | None, region: str | None
) -> Calendar:
    """Return the cached business calendar for a zone, opening hours and holiday region."""
    return Calendar(timezone=timezone, hours=hours, country=country, region=region)


def _place(
    playbook: Playbook,
    timezone: str,
    country: str | None,
    region: str | None,
    consumer: bool | None,
) -> tuple[ZoneInfo, Calendar, Calendar]:
    """The zone, business calendar and lawful calendar of a place, kept by the playbook."""
    found = (
        zone(timezone),
        business_calendar(timezone, playbook.hours, country, region),
        lawful_calendar(
            timezone,
            country,
            region,
            playbook.compliance,
            consumer,
            playbook.blackouts_for(country, region),
        ),
    )
    places = playbook._compiled.places
    if len(places) >= _PLACES_KEPT:
        places.clear()
    places[timezone, country, region, consumer] = found
    return found


# Places a playbook remembers: far more zones and jurisdictions than exist.
_PLACES_KEPT = 4096


def _utc(now: object) -> datetime:
    return v.aware(now, "now").astimezone(UTC)


def _sorted_history(history: Iterable[Any]) -> tuple[tuple[HistoryItem, ...], bool]:
    """The history oldest first, and whether two of its items happened at the same microsecond."""
    if isinstance(history, (str, bytes, dict)):
        raise TypeError(f"history: expected an iterable of Attempt and Event, got {history!r}")
    items = list(history)
    try:
        instants = [item._micros for item in items]
    except AttributeError:
        # Only values made by this library carry the sort key; find the stranger.
        for i, item in enumerate(items):
            if not isinstance(item, (Attempt, Event)):
                raise v.field_error(
                    TypeError, f"history[{i}]", f"expected an Attempt or an Event, got {item!r}"
                ) from None
        raise
    # The common case, a history already in order with no two items at one
    # instant, is told by one pass in C and needs no sort.
    if all(map(operator.lt, instants, instants[1:])):
        return tuple(items), False
    items.sort(key=_micros)
    return tuple(items), len(set(instants)) < len(instants)


# The instant every attempt and event computed when it was made, read by C
# code with no Python call per item; the full order key (a tuple of the
# value) is built only for histories with ties (see ``Situation._read``).
_micros = operator.attrgetter("_micros")
_order_key = operator.attrgetter("order_key")


class Situation:
    """One prospect's history, sorted and read once, as of ``now``.

    Built by the engine for each plan; policies and guards read it and never
    change it. The full pass over the history happens here, once: a policy
    that needs more than these facts uses the indexes (``attempts_on``,
    ``attempts_with``, ``attempts_to``), which are built on first use.
    """

    __slots__ = (
        "_asks",
        "_by_channel",
        "_by_contact",
        "_by_outcome",
        "_phones",
        "_placed",
        "_run",
        "_shifts",
        "_steady_now",
        "also_lawful",
        "calendar",
        "do_not_contact",
        "ended",
        "history",
        "hold",
        "last",
        "last_inbound",
        "lawful",
        "learned_phones",
        "local_now",
        "now",
        "opted_out",
        "playbook",
        "prospect",
        "retired",
        "zone",
    )

    prospect: Prospect
    now: datetime
    """The moment of planning, in UTC."""
    local_now: datetime
    """The moment of planning in the prospect's zone."""
    playbook: Playbook
    history: tuple[HistoryItem, ...]
    """Every attempt and event, oldest first, ties broken by value."""
    zone: ZoneInfo
    calendar: Calendar
    """Business hours and days in the prospect's zone, with their holidays."""
    lawful: Calendar
    """Hours in which a call is lawful in the prospect's zone and jurisdiction."""
    also_lawful: tuple[Calendar, ...]
    """The same for each of ``Prospect.possible_timezones``: a call must fit them all."""
    do_not_contact: HistoryItem | None
    """The first do-not-contact outcome or opt-out, if any: it ends everything."""
    opted_out: dict[Channel, HistoryItem]
    """Channels the prospect opted out of, each with the event that said so."""
    retired: dict[str, HistoryItem]
    """Contact points that no longer work (wrong number, bounced, returned)."""
    hold: HistoryItem | None
    """The latest attempt or event that set ``resume_at``."""
    ended: HistoryItem | None
    """A booked meeting or a left company not followed by an inbound touch."""
    last: HistoryItem | None
    """The latest attempt or inbound event: what the next step reacts to."""
    last_inbound: Event | None
    learned_phones: tuple[Phone, ...]
    """Numbers learned during attempts (newest first), e.g. a cell from a receptionist."""

    def __init__(
        self,
        prospect: Prospect,
        history: Iterable[HistoryItem],
        *,
        now: datetime,
        playbook: Playbook,
    ) -> None:
        if not isinstance(prospect, Prospect):
            raise TypeError(f"prospect: expected an orl.Prospect, got {prospect!r}")
        self.prospect = prospect
        # Most callers plan as of a UTC instant: that one needs no conversion.
        self.now = now if type(now) is datetime and now.tzinfo is UTC else _utc(now)
        self.playbook = playbook
        self.history, tied = _sorted_history(history)
        include = playbook.compliance
        place = (prospect.timezone, prospect.country, prospect.region, prospect.consumer)
        found = playbook._compiled.places.get(place)
        if found is None:
            found = _place(playbook, *place)
        self.zone, self.calendar, self.lawful = found
        self.local_now = self.now.astimezone(self.zone)
        self._shifts = self.calendar._shifts
        self._steady_now = not self._shifts[self.local_now.date()]
        self.also_lawful = (
            tuple(
                lawful_calendar(
                    name,
                    prospect.country,
                    prospect.region,
                    include,
                    prospect.consumer,
                    playbook.blackouts_for(prospect.country, prospect.region),
                )
                for name in prospect.possible_timezones
            )
            if prospect.possible_timezones
            else ()
        )
        self._by_channel: dict[Channel, tuple[Attempt, ...]] | None = None
        self._by_outcome: dict[Outcome, tuple[Attempt, ...]] | None = None
        self._by_contact: dict[str, tuple[Attempt, ...]] | None = None
        self._phones: tuple[Phone, ...] | None = None
        self._placed: list[Action] = []
        self._run: tuple[Attempt, ...] | None = None
        self._asks: bool | None = None
        if tied:
            # Items at the same microsecond: their values decide, so the
            # order the caller gave never shows (the key starts with the instant).
            self.history = tuple(sorted(self.history, key=_order_key))
        self._read()
        # Every policy starts from it: found once, walking back from the end.
        self.last = self._latest_touch()

    def _read(self) -> None:
        """Make the one pass over the history that every plan needs."""
        self.do_not_contact = None
        self.opted_out = {}
        self.retired = {}
        self.hold = None
        self.ended = None
        self.last_inbound = None
        self.learned_phones = ()
        for item in self.history:
            mark = item._mark & READ_MARKS
            if mark:
                self._take(item, mark)

    def _take(self, item: HistoryItem, mark: int) -> None:
        """Add what ``item``, the latest so far, says to the facts of ``_read``.

        ``mark`` is the item's ``READ_MARKS``, not zero. The dicts it may
        change (``opted_out``, ``retired``) must be this situation's own.
        """
        if mark & MARK_DO_NOT_CONTACT and self.do_not_contact is None:
            self.do_not_contact = item
        if mark & MARK_CHANNEL_OPT_OUT:
            assert isinstance(item, Event)
            assert item.channel is not None
            self.opted_out.setdefault(item.channel, item)
        if mark & MARK_RETIRES:
            assert isinstance(item, Attempt)
            if item.to is not None and item.to not in self.retired:
                self.retired[item.to] = item
                self._phones = None
        if mark & MARK_HOLD:
            self.hold = item
        if mark & MARK_ENDS:
            self.ended = item
        if mark & MARK_INBOUND:
            assert isinstance(item, Event)
            self.last_inbound = item
            self.ended = None
        if mark & MARK_NEW_PHONE:
            assert isinstance(item, Attempt)
            assert item.new_phone is not None
            self.learned_phones = (item.new_phone, *self.learned_phones)
            self._phones = None

    def extended(self, item: HistoryItem, *, now: datetime) -> Situation:
        """Return the situation once ``item`` has joined the history, as of ``now``.

        Equal in every fact to ``Situation(prospect, (*history, item), now=now,
        playbook=playbook)``, for less: a caller that re-plans after each new
        attempt (the simulation) has ``item`` read alone and keeps the rest,
        the place's calendars included. An item that is not strictly later
        than the latest one is placed by reading the whole history again.
        """
        history = self.history
        if not isinstance(item, (Attempt, Event)):
            raise TypeError(f"item: expected an Attempt or an Event, got {item!r}")
        if history and item._micros <= history[-1]._micros:
            return Situation(self.prospect, (*history, item), now=now, playbook=self.playbook)
        new = object.__new__(Situation)
        new.prospect = self.prospect
        new.playbook = self.playbook
        new.zone, new.calendar, new.lawful = self.zone, self.calendar, self.lawful
        new.also_lawful = self.also_lawful
        shifts = new._shifts = self._shifts
        if (
            type(now) is datetime
            and now.tzinfo is self.zone
            and not now.fold
            and not shifts[now.date()]
        ):
            # On a day whose offset does not change, a wall time of the zone is already
            # what the round trip through UTC would give back.
            new.local_now = now
            new.now = now.astimezone(UTC)
            new._steady_now = True
        else:
            new.now = now if type(now) is datetime and now.tzinfo is UTC else _utc(now)
            new.local_now = new.now.astimezone(self.zone)
            new._steady_now = not shifts[new.local_now.date()]
        new.history = (*history, item)
        # The facts of ``_read``, carried forward by the one new item (``_take``).
        new.do_not_contact = self.do_not_contact
        new.opted_out = self.opted_out
        new.retired = self.retired
        new.hold = self.hold
        new.ended = self.ended
        new.last_inbound = self.last_inbound
        new.learned_phones = self.learned_phones
        new._phones = self._phones
        mark = item._mark & READ_MARKS
        if mark:
            # Copied before ``_take`` may change them: the older situation still holds these.
            if mark & MARK_CHANNEL_OPT_OUT:
                new.opted_out = dict(new.opted_out)
            if mark & MARK_RETIRES:
                new.retired = dict(new.retired)
            new._take(item, mark)
        # The run of unanswered calls read backwards ends at the first call that reached
        # someone or inbound touch: the new item extends it, ends it, or leaves it be.
        run = self._run
        if run is not None and item._mark & MARK_UNANSWERED_CALL:
            run = (*run, cast(Attempt, item))
        elif run is not None and item._mark & _ENDS_RUN:
            run = ()
        new._run = run
        new._asks = None
        # What propose placed in hours belongs to one plan: each situation starts with none.
        new._placed = []
        if type(item) is Attempt:
            new.last = item
            new._by_channel = _indexed(self._by_channel, item.channel, item)
            new._by_outcome = _indexed(self._by_outcome, item.outcome, item)
            new._by_contact = (
                self._by_contact if item.to is None else _indexed(self._by_contact, item.to, item)
            )
        else:
            new.last = item if item.is_inbound else self.last
            new._by_channel = self._by_channel
            new._by_outcome = self._by_outcome
            new._by_contact = self._by_contact
        return new

    # -- the recent past, read backwards from the end ---------------------

    def _latest_touch(self) -> HistoryItem | None:
        for item in reversed(self.history):
            if type(item) is Attempt or item.is_inbound:
                return item
        return None

    def before(self, item: HistoryItem, count: int) -> tuple[HistoryItem, ...]:
        """The ``count`` items just before ``item``, oldest first.

        Found by walking back from the end, so recent items cost little
        however long the history.
        """
        history = self.history
        index = len(history) - 1
        while index >= 0 and history[index] is not item:
            index -= 1
        if index < 0:
            return ()
        return history[max(0, index - count) : index]

    @property
    def last_attempt(self) -> Attempt | None:
        """The latest outbound attempt on any channel."""
        for item in reversed(self.history):
            if type(item) is Attempt:
                return item
        return None

    @property
    def last_call(self) -> Attempt | None:
        """The latest attempt by phone (call or voicemail drop)."""
        for item in reversed(self.history):
            if type(item) is Attempt and item.channel in PHONE_CHANNELS:
                return item
        return None

    def unanswered_calls(self) -> tuple[Attempt, ...]:
        """The calls since the last conversation or inbound touch that reached nobody, oldest first.

        Written touches in between neither count nor break the run, and
        neither does a wrong number.
        """
        if self._run is not None:
            return self._run
        run: list[Attempt] = []
        for item in reversed(self.history):
            mark = item._mark
            if mark & MARK_UNANSWERED_CALL:
                run.append(cast(Attempt, item))
            elif mark & _ENDS_RUN:
                break
        run.reverse()
        self._run = tuple(run)
        return self._run

    @property
    def resume_at(self) -> datetime | None:
        """When the latest stated absence ends, if it is still ahead of ``now``."""
        if self.hold is None:
            return None
        resume = self.hold.resume_at
        if resume is None or resume <= self.now:
            return None
        return resume

    def since(self, moment: datetime) -> tuple[HistoryItem, ...]:
        """The items at or after ``moment``, oldest first, found by walking back from the end."""
        history = self.history
        index = len(history)
        while index and history[index - 1].at >= moment:
            index -= 1
        return history[index:]

    @property
    def law(self) -> LegalRules:
        """The citations and caps of the prospect's jurisdiction for calls."""
        prospect = self.prospect
        return legal_rules(
            prospect.country,
            prospect.region,
            self.playbook.compliance,
            Channel.CALL,
            prospect.consumer,
        )

    def law_for(self, channel: Channel) -> LegalRules:
        """The citations and caps of the prospect's jurisdiction for ``channel``."""
        prospect = self.prospect
        return legal_rules(
            prospect.country, prospect.region, self.playbook.compliance, channel, prospect.consumer
        )

    def lawful_for(self, channel: Channel) -> Calendar | None:
        """The hours the law allows ``channel`` in the prospect's zone; ``None`` if no law sets any.

        For calls and voicemail drops it is ``lawful``; texts keep the hours
        of the rules that name texts, and never leave 08:00–21:00.
        """
        if channel in PHONE_CHANNELS:
            return self.lawful
        prospect = self.prospect
        return lawful_calendar_for(
            channel,
            prospect.timezone,
            prospect.country,
            prospect.region,
            self.playbook.compliance,
            prospect.consumer,
            self.playbook.blackouts_for(prospect.country, prospect.region),
        )

    def also_lawful_for(self, channel: Channel) -> tuple[Calendar, ...]:
        """``lawful_for(channel)`` in each of ``Prospect.possible_timezones`` that sets hours."""
        if channel in PHONE_CHANNELS:
            return self.also_lawful
        prospect = self.prospect
        found = (
            lawful_calendar_for(
                channel,
                name,
                prospect.country,
                prospect.region,
                self.playbook.compliance,
                prospect.consumer,
                self.playbook.blackouts_for(prospect.country, prospect.region),
            )
            for name in prospect.possible_timezones
        )
        return tuple(calendar for calendar in found if calendar is not None)

    # -- contact points ----------------------------------------------------

    def phones(self) -> tuple[Phone, ...]:
        """Numbers still worth dialling, best first: learned numbers, then by kind."""
        if self._phones is None:
            self._phones = self._live_phones()
        return self._phones

    def _live_phones(self) -> tuple[Phone, ...]:
        seen: set[str] = set()
        ordered: list[Phone] = []
        saved = sorted(self.prospect.phones, key=lambda p: _PHONE_PREFERENCE[p.kind])
        for phone in (*self.learned_phones, *saved):
            if phone.number in seen or phone.number in self.retired:
                continue
            seen.add(phone.number)
            ordered.append(phone)
        return tuple(ordered)

    def phone_to_call(self) -> Phone | None:
        """The number to dial next, or ``None`` when none is left."""
        phones = self.phones()
        return phones[0] if phones else None

    def switchboard(self) -> Phone | None:
        """The company's main line, if we have one that still works."""
        for phone in self.phones():
            if phone.kind is _SWITCHBOARD:
                return phone
        return None

    def email_to_use(self) -> str | None:
        """The first e-mail address that has not bounced, unless e-mail is opted out."""
        if Channel.EMAIL in self.opted_out:
            return None
        for address in self.prospect.emails:
            if address not in self.retired:
                return address
        return None

    def address_to_use(self) -> str | None:
        """The postal address, unless mail came back from it."""
        return self._unretired(self.prospect.address)

    def number_for(self, channel: Channel) -> str | None:
        """The first number still working that ``channel`` may use, or ``None``.

        The channel table says which phone kinds a channel takes (a text: a
        mobile); ``Phone.textable`` overrides it for one number.
        """
        known = traits(channel)
        if known.phone_kinds is None:
            phone = self.phone_to_call()
            return phone.number if phone is not None else None
        for phone in self.phones():
            if self.may_use(known, phone):
                return phone.number
        return None

    @staticmethod
    def may_use(known: ChannelTraits, phone: Phone) -> bool:
        """True when a number may be used on a channel: its kind fits, or ``textable`` says so."""
        if known.phone_kinds is None:
            return True
        textable = phone.textable
        return textable if textable is not None else known.takes(phone.kind)

    def phone_of(self, number: str) -> Phone | None:
        """The saved or learned phone with this number, or ``None``."""
        for phone in (*self.learned_phones, *self.prospect.phones):
            if phone.number == number:
                return phone
        return None

    def profile_to_use(self) -> str | None:
        """The LinkedIn profile, unless a message to it could not be delivered."""
        return self._unretired(self.prospect.linkedin)

    def _unretired(self, contact: str | None) -> str | None:
        """``contact``, unless an attempt found that it no longer works."""
        return None if contact is None or contact in self.retired else contact

    def contact_for(self, channel: Channel) -> str | None:
        """The number, address or profile to use on ``channel``, or ``None`` when there is none.

        Asks the channel table what the channel needs: a phone number (for a
        text, one that takes texts), an e-mail address, a postal address, a
        LinkedIn profile.
        """
        needs = traits(channel).needs
        if needs is _NEEDS_PHONE:
            return self.number_for(channel)
        if needs is _NEEDS_EMAIL:
            return self.email_to_use()
        if needs is _NEEDS_ADDRESS:
            return self.address_to_use()
        return self.profile_to_use()

    # -- indexes, built on first use --------------------------------------

    def attempts_on(self, channel: Channel) -> tuple[Attempt, ...]:
        """Attempts on ``channel``, oldest first."""
        if self._by_channel is None:
            self._index()
        assert self._by_channel is not None
        return self._by_channel.get(channel, ())

    def attempts_with(self, outcome: Outcome) -> tuple[Attempt, ...]:
        """Attempts that ended in ``outcome``, oldest first."""
        if self._by_outcome is None:
            self._index()
        assert self._by_outcome is not None
        return self._by_outcome.get(outcome, ())

    def attempts_to(self, contact: str) -> tuple[Attempt, ...]:
        """Attempts made to one number or address, oldest first."""
        if self._by_contact is None:
            self._index()
        assert self._by_contact is not None
        return self._by_contact.get(contact, ())

    def _index(self) -> None:
        by_channel: dict[Channel, list[Attempt]] = {}
        by_outcome: dict[Outcome, list[Attempt]] = {}
        by_contact: dict[str, list[Attempt]] = {}
        for item in self.history:
            if type(item) is not Attempt:
                continue
            by_channel.setdefault(item.channel, []).append(item)
            by_outcome.setdefault(item.outcome, []).append(item)
            if item.to is not None:
                by_contact.setdefault(item.to, []).append(item)
        self._by_channel = {k: tuple(x) for k, x in by_channel.items()}
        self._by_outcome = {k: tuple(x) for k, x in by_outcome.items()}
        self._by_contact = {k: tuple(x) for k, x in by_contact.items()}

    # -- time ---------------------------------------------------------------

    def is_past(self, moment: datetime) -> bool:
        """True when ``moment`` is before ``now``.

        A moment in the prospect's zone on a day whose offset does not
        change is compared by wall time, when ``now``'s day is such a day
        too: away from the changes of offset, walls in one zone are in the
        order of their instants, and the comparison asks no offset. Any
        other moment is compared in UTC (a comparison across zones asks both
        zones for their offsets and costs about twice a conversion to UTC).
        """
        if moment.tzinfo is self.zone and self._steady_now and not self._shifts[moment.date()]:
            return moment < self.local_now
        return moment.astimezone(UTC) < self.now

    def not_before_now(self, moment: datetime) -> datetime:
        """``moment``, or ``now`` in the prospect's zone when ``moment`` has passed."""
        return self.local_now if self.is_past(moment) else moment

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the prospect's zone."""
        return moment.astimezone(self.zone)

    def placed_in_hours(self, action: Action) -> None:
        """Note that ``action``, as it is, was placed inside business hours (``calendar``).

        ``propose`` places what the built-in policies propose by the rule the
        business-hours guard applies (``_placement.in_hours``), and so does the
        account guard when it moves a colleague to a free day; the guard asks
        ``in_hours_already`` and spares itself the second look. A guard that
        moves the action makes a new one, which it then checks as usual.
        """
        self._placed.append(action)

    def in_hours_already(self, action: Action) -> bool:
        """True when this very action was placed inside business hours (``placed_in_hours``)."""
        # A plain loop: on the hot path, a generator costs more than the few items it reads.
        for placed in self._placed:  # noqa: SIM110
            if placed is action:
                return True
        return False

    def real(self, moment: datetime) -> datetime:
        """``moment``, a wall time of the prospect's zone that its clocks skip made the instant it
        means (02:30 on a spring-forward night, read with the offset before the change, is 03:30).

        Wall-clock arithmetic (``09:00 + 8 hours``) can land in such a gap; ``astimezone``
        leaves a moment already in the zone as it is. Only days with a change of offset are
        converted, so the common case costs a look-up.
        """
        if moment.tzinfo is self.zone and self._shifts[moment.date()]:
            return moment.astimezone(UTC).astimezone(self.zone)
        return moment

    # -- questions several practices ask ----------------------------------

    def announced_day(self, channel: Channel, sent: datetime) -> date:
        """The day of the call an apology announces: the first business day after it arrives.

        Mail takes its transit time in business days; an e-mail arrives at once.
        """
        calendar = self.calendar
        arrival = calendar.add_business_days(sent, traits(channel).transit_business_days)
        return calendar.next_business_day(arrival.astimezone(calendar.zone).date())

    def refusal_being_answered(self) -> Attempt | None:
        """The refusal the brush-off practice is answering, if the latest touches are one.

        Either the latest touch is a hang-up or a "not interested", or it is
        the written apology sent right after one (whose call is still to come).
        """
        last = self.last
        if type(last) is not Attempt:
            return None
        if last.outcome in REFUSALS:
            return last
        if last.channel in WRITTEN_CHANNELS and last.outcome is _SENT:
            before = self.before(last, 1)
            if before and type(before[0]) is Attempt and before[0].outcome in REFUSALS:
                return before[0]
        return None

    def interest_being_answered(self) -> Attempt | None:
        """The ``INTERESTED`` touch the send-info practice is answering, if the latest are one.

        Either the latest touch showed interest, or it is the information
        e-mail sent right after one, whose promised call is still to come.
        """
        last = self.last
        if type(last) is not Attempt:
            return None
        if last.outcome is _INTERESTED:
            return last
        if last.channel is _EMAIL and last.outcome is _SENT:
            before = self.before(last, 1)
            if before and type(before[0]) is Attempt and before[0].outcome is _INTERESTED:
                return before[0]
        return None

    def asks_receptionist(self) -> bool:
        """True when the latest touch is one the receptionist practice answers.

        That is voicemail reached on a company line other than the
        switchboard (when a switchboard is known, and the receptionist was
        asked fewer than ``MAX_RECEPTIONIST_ASKS`` times since the person was last
        reached), an answer from the switchboard, or an assistant on any line
        who said when the person is back or gave a number.
        """
        # Asked by several practices in one plan: answered once.
        if self._asks is None:
            self._asks = self._asks_receptionist()
        return self._asks

    def _asks_receptionist(self) -> bool:
        last = self.last
        if type(last) is not Attempt or last.channel is not _CALL:
            return False
        if last.outcome is _GATEKEEPER and (
            last.resume_at is not None or last.new_phone is not None
        ):
            return True
        switchboard = self.switchboard()
        if switchboard is None:
            return False
        if last.to == switchboard.number:
            return last.outcome is _GATEKEEPER
        if last.outcome is not _VOICEMAIL:
            return False
        # Asked in vain that often in this run of unanswered calls: the follow-up
        # schedule takes over, with its voicemail as the last resort and its end.
        asked = sum(1 for call in self.unanswered_calls() if call.to == switchboard.number)
        return asked < MAX_RECEPTIONIST_ASKS

    def registers_barring(self, channel: Channel) -> tuple[tuple[Registry, Exemption | None], ...]:
        """Each register of the prospect's law that bars ``channel``, with the exemption that holds.

        See ``orl.compliance``: the library keeps no list; ``Prospect.flags``
        says what the caller knows.
        """
        prospect = self.prospect
        if prospect.country is None:
            return ()
        return registers_barring(prospect, channel, self.playbook.compliance, self.local_now.date())

    def bars(self, channel: Channel) -> bool:
        """True when a register of the prospect's law bars an unsolicited touch on ``channel``.

        The rule the registries guard applies, without an action: a register
        that bars the prospect and no exemption their dates show. Policies ask
        it to choose a channel the guard will let through.
        """
        return any(exemption is None for _, exemption in self.registers_barring(channel))


def _indexed(
    index: dict[Any, tuple[Attempt, ...]] | None, key: object, attempt: Attempt
) -> dict[Any, tuple[Attempt, ...]] | None:
    """An index of attempts with ``attempt`` added under ``key``; one not built yet stays so."""
    if index is None:
        return None
    return {**index, key: (*index.get(key, ()), attempt)}
