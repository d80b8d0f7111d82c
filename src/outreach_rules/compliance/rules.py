"""The records a compliance pack is made of: calling hours, holidays, caps, registries.

Every record names the law it encodes (``citation``), where that law can be
read (``source``, a URL or a title) and whether the numbers were checked
against the law's own text (``verified``; ``False`` means they come from
secondary sources only). The records hold data and no logic beyond
validation; ``outreach_rules.compliance.calendars`` turns them into
answers. None of this is legal advice.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, Final

import attrs

from outreach_rules import _validate as v
from outreach_rules.calendar import Hours, holiday_dates
from outreach_rules.channels import Channel, LegalHours, channels_where

__all__ = [
    "EMAIL",
    "PHONE",
    "TEXTS",
    "Audience",
    "CallingHours",
    "CapScope",
    "Exemption",
    "FrequencyCap",
    "HolidayRule",
    "Pack",
    "Period",
    "PeriodUnit",
    "Registry",
    "RegistryKind",
    "Requirement",
    "Rule",
]

PHONE: Final = channels_where(legal_hours=LegalHours.CALLS)
"""The phone channels: a call, and the voicemail left when nobody answers."""
TEXTS: Final = channels_where(legal_hours=LegalHours.TEXTS)
"""The text-message channels: a rule that covers texts adds them to its ``channels``."""
EMAIL: Final = frozenset({Channel.EMAIL})
"""The e-mail channel alone."""

_PACK_NAME = re.compile(r"^[a-z]{2}(-[A-Za-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


# --------------------------------------------------------------------------- enums


class Audience(enum.StrEnum):
    """Who a rule protects: consumers, businesses, or both."""

    CONSUMER = "consumer"
    BUSINESS = "business"
    BOTH = "both"

    def covers(self, consumer: bool | None) -> bool:
        """Tell whether the rule applies to a recipient; ``None`` (unknown) counts as a consumer."""
        if self is Audience.BOTH:
            return True
        if self is Audience.CONSUMER:
            return consumer is not False
        return consumer is False


class CapScope(enum.StrEnum):
    """What a frequency cap counts calls against."""

    PROSPECT = "prospect"
    """Every attempt to the person, whatever the channel or subject."""
    CHANNEL = "channel"
    """Attempts on each of the cap's channels separately."""
    SUBJECT = "subject"
    """Attempts about the same subject matter (for debt collection: the same debt)."""


class RegistryKind(enum.StrEnum):
    """What a registry's prospect flag means."""

    DO_NOT_CONTACT = "do-not-contact"
    """A prospect carrying the flag must not be contacted (a do-not-call list)."""
    CONSENT = "consent"
    """Only a prospect carrying the flag may be contacted (prior consent)."""


class PeriodUnit(enum.StrEnum):
    """The unit of a legal ``Period``."""

    DAYS = "days"
    BUSINESS_DAYS = "business days"
    MONTHS = "months"
    YEARS = "years"


# --------------------------------------------------------------------------- converters


def _channels(value: Any) -> Any:
    """Reshape an iterable of channels or their names into a frozenset of ``Channel``."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise v.field_error(
            TypeError,
            "channels",
            f"expected a set of channels such as {{Channel.CALL}}, got {value!r}",
        )
    channels = frozenset(v.enum_value(Channel, item, "channels item") for item in value)
    if not channels:
        raise v.field_error(ValueError, "channels", "must name at least one channel")
    return channels


def _to_dates(value: Any, field: str) -> frozenset[date]:
    """Return an iterable of plain dates as a frozenset, or raise naming ``field``."""
    if isinstance(value, (str, bytes, Mapping, date)) or not isinstance(value, Iterable):
        raise v.field_error(
            TypeError, field, f"expected a set of dates such as {{date(2026, 1, 8)}}, got {value!r}"
        )
    out = set()
    for item in value:
        if isinstance(item, datetime) or not isinstance(item, date):
            raise v.field_error(TypeError, f"{field} item", f"expected a date, got {item!r}")
        out.add(item)
    return frozenset(out)


def _extra(value: Any) -> frozenset[date]:
    return _to_dates(value, "extra")


def _not_holidays(value: Any) -> frozenset[date]:
    return _to_dates(value, "not_holidays")


def _is_hours(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Hours):
        raise v.field_error(
            TypeError,
            attribute.name,
            f"expected orl.calendar.Hours such as Hours.weekly(time(8), time(21)), got {value!r}",
        )


def _is_positive_timedelta(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, timedelta):
        raise v.field_error(
            TypeError,
            attribute.name,
            f"expected a timedelta such as timedelta(days=7), got {value!r}",
        )
    if value <= timedelta(0):
        raise v.field_error(ValueError, attribute.name, f"{value} is not a positive duration")


def _is_optional_positive_timedelta(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _is_positive_timedelta(instance, attribute, value)


def _is_positive_int(_instance: object, attribute: Any, value: Any) -> None:
    v.integer(value, attribute.name)
    if value < 1:
        raise v.field_error(ValueError, attribute.name, f"{value} is not a positive whole number")


def _is_count(_instance: object, attribute: Any, value: Any) -> None:
    v.integer(value, attribute.name)
    if value < 0:
        raise v.field_error(ValueError, attribute.name, f"{value} is negative")


def _is_country(_instance: object, attribute: Any, value: Any) -> None:
    code = v.text(value, attribute.name)
    if not _COUNTRY.match(code):
        raise v.field_error(
            ValueError, attribute.name, f"{code!r} is not an ISO 3166-1 alpha-2 code such as 'US'"
        )


def _is_pack_name(_instance: object, attribute: Any, value: Any) -> None:
    name = v.text(value, attribute.name)
    if not _PACK_NAME.match(name):
        raise v.field_error(
            ValueError,
            attribute.name,
            f"{name!r} is not a pack name: the lower-case country code, then '-' and a "
            "region or topic, e.g. 'us', 'us-FL', 'us-email'",
        )


def _is_optional_plain_date(_instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
        raise v.field_error(TypeError, attribute.name, f"expected a date or None, got {value!r}")


def _is_optional_period(_instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Period):
        raise v.field_error(
            TypeError, attribute.name, f"expected a Period such as Period(amount=31), got {value!r}"
        )


def _audience(value: Any) -> Any:
    return v.reshape_enum(Audience, value)


def _scope(value: Any) -> Any:
    return v.reshape_enum(CapScope, value)


def _kind(value: Any) -> Any:
    return v.reshape_enum(RegistryKind, value)


def _unit(value: Any) -> Any:
    return v.reshape_enum(PeriodUnit, value)


def _rules(kind: type) -> Any:
    """Validator: a tuple whose items are all ``kind``."""
    return v.all_of(kind)


# Field factories for what every rule carries, so each record spells them alike.
def _citation() -> Any:
    return attrs.field(validator=v.is_name)


def _source() -> Any:
    return attrs.field(validator=v.is_name)


def _verified() -> Any:
    return attrs.field(validator=v.is_bool)


def _note() -> Any:
    return attrs.field(default="", validator=v.is_text)


def _phone_channels() -> Any:
    return attrs.field(default=PHONE, converter=_channels)


# --------------------------------------------------------------------------- records


@attrs.frozen(kw_only=True)
class Period:
    """A length of time as a law states it, e.g. 18 months or 10 business days.

    Months, years and business days have no fixed length, so they are kept
    as the law writes them instead of as a ``timedelta``.
    """

    amount: int = attrs.field(validator=_is_positive_int)
    unit: PeriodUnit = attrs.field(
        default=PeriodUnit.DAYS, converter=_unit, validator=v.is_enum(PeriodUnit)
    )

    and_days: int = attrs.field(default=0, validator=_is_count)
    """Days added after ``amount`` units, for a law that says "3 years and 14 days"."""

    def __str__(self) -> str:
        unit = str(self.unit)
        text = f"{self.amount} {unit[:-1] if self.amount == 1 else unit}"
        if self.and_days:
            text += f" and {self.and_days} day{'s' if self.and_days != 1 else ''}"
        return text


@attrs.frozen(kw_only=True)
class CallingHours:
    """When a law allows contact on ``channels``, as wall-clock windows in the recipient's zone.

    A day without windows is a day the law forbids contact; a day open from
    midnight to ``END_OF_DAY`` is one the rule
    says nothing about.
    """

    hours: Hours = attrs.field(validator=_is_hours)
    channels: frozenset[Channel] = _phone_channels()
    citation: str = _citation()
    source: str = _source()
    verified: bool = _verified()
    applies_to: Audience = attrs.field(
        default=Audience.BOTH, converter=_audience, validator=v.is_enum(Audience)
    )
    note: str = _note()


@attrs.frozen(kw_only=True)
class HolidayRule:
    """Public holidays a law names, from the ``holidays`` package with this rule's corrections.

    The holidays are those of ``country`` (and ``region``) in the
    ``holidays`` package, plus ``extra`` (dates the law lists that the
    package lacks), minus ``not_holidays``. Where a statute names its own
    list (``use_package=False``), ``extra`` is the whole list and the
    package is not asked. With ``closed`` no contact on
    ``channels`` is allowed on those days; without, the rule only says which
    days count as holidays (e.g. for business-day deadlines).
    """

    country: str = attrs.field(validator=_is_country)
    region: str | None = attrs.field(default=None, validator=v.is_optional_name)
    extra: frozenset[date] = attrs.field(default=frozenset(), converter=_extra)
    not_holidays: frozenset[date] = attrs.field(default=frozenset(), converter=_not_holidays)
    use_package: bool = attrs.field(default=True, validator=v.is_bool)
    """False when ``extra`` is the statute's whole list (the package's is not used)."""
    closed: bool = attrs.field(default=True, validator=v.is_bool)
    channels: frozenset[Channel] = _phone_channels()
    citation: str = _citation()
    source: str = _source()
    verified: bool = _verified()
    applies_to: Audience = attrs.field(
        default=Audience.BOTH, converter=_audience, validator=v.is_enum(Audience)
    )
    note: str = _note()

    def __attrs_post_init__(self) -> None:
        both = self.extra & self.not_holidays
        if both:
            listed = ", ".join(sorted(d.isoformat() for d in both))
            raise v.field_error(
                ValueError, "not_holidays", f"{listed} also in extra; a date cannot be both"
            )
        if not self.use_package and self.not_holidays:
            raise v.field_error(
                ValueError,
                "not_holidays",
                "has nothing to remove with use_package=False: leave the dates out of extra",
            )

    def dates_in(self, year: int) -> frozenset[date]:
        """Return this rule's holidays in ``year``: the package's, corrected, or the own list."""
        own = frozenset(day for day in self.extra if day.year == year)
        if not self.use_package:
            return own
        return (holiday_dates(self.country, self.region, year) - self.not_holidays) | own


@attrs.frozen(kw_only=True)
class FrequencyCap:
    """At most ``count`` attempts on ``channels`` in any rolling ``window``.

    Every attempt counts, whatever its outcome, and so do the attempts being
    planned. ``scope`` says what is counted together (see
    ``CapScope``). ``after_conversation``, when set, forbids any
    attempt for that long after the person was reached; ``after_refusal``
    for that long after they refused.
    """

    count: int = attrs.field(validator=_is_positive_int)
    window: timedelta = attrs.field(validator=_is_positive_timedelta)
    scope: CapScope = attrs.field(converter=_scope, validator=v.is_enum(CapScope))
    channels: frozenset[Channel] = _phone_channels()
    citation: str = _citation()
    source: str = _source()
    verified: bool = _verified()
    after_conversation: timedelta | None = attrs.field(
        default=None, validator=_is_optional_positive_timedelta
    )
    after_refusal: timedelta | None = attrs.field(
        default=None, validator=_is_optional_positive_timedelta
    )
    """When set, no attempt for that long after the person refused (said no, hung up)."""
    applies_to: Audience = attrs.field(
        default=Audience.BOTH, converter=_audience, validator=v.is_enum(Audience)
    )
    note: str = _note()


@attrs.frozen(kw_only=True)
class Exemption:
    """A situation in which a registry's rule does not apply, and for how long."""

    name: str = attrs.field(validator=v.is_name)
    when: str = attrs.field(validator=v.is_name)
    """What starts the exemption, in words (e.g. "a purchase or transaction")."""
    lasts: Period | None = attrs.field(default=None, validator=_is_optional_period)
    """How long after ``when`` it holds; ``None`` when the law gives no limit."""
    citation: str = _citation()
    source: str = _source()
    verified: bool = _verified()
    note: str = _note()


@attrs.frozen(kw_only=True)
class Registry:
    """A list that decides who may be contacted: a do-not-call register, or a consent record.

    The library keeps no list: a caller sets ``prospect_flag`` for a
    prospect found on the list (for ``RegistryKind.CONSENT``, one who
    gave consent) and passes the flags to
    ``barred_by``.
    """

    name: str = attrs.field(validator=v.is_name)
    prospect_flag: str = attrs.field(validator=v.is_name)
    kind: RegistryKind = attrs.field(
        default=RegistryKind.DO_NOT_CONTACT, converter=_kind, validator=v.is_enum(RegistryKind)
    )
    applies_to: Audience = attrs.field(
        default=Audience.BOTH, converter=_audience, validator=v.is_enum(Audience)
    )
    channels: frozenset[Channel] = _phone_channels()
    exemptions: tuple[Exemption, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=_rules(Exemption)
    )
    takes_effect_after: Period | None = attrs.field(default=None, validator=_is_optional_period)
    """How long after a registration the list binds callers."""
    check_valid_for: Period | None = attrs.field(default=None, validator=_is_optional_period)
    """How long a check of the list stays good (a safe harbour, or the re-check interval)."""
    honoured_within: Period | None = attrs.field(default=None, validator=_is_optional_period)
    """The deadline for honouring a request (the library itself stops at once)."""
    in_force_from: date | None = attrs.field(default=None, validator=_is_optional_plain_date)
    """The first day the rule binds (a law passed but not yet in force); ``None``: in force."""
    citation: str = _citation()
    source: str = _source()
    verified: bool = _verified()
    note: str = _note()

    def in_force(self, today: date) -> bool:
        """Tell whether the rule binds on local date ``today``."""
        return self.in_force_from is None or today >= self.in_force_from

    def bars(self, flags: frozenset[str]) -> bool:
        """Tell whether a prospect with ``flags`` may not be contacted under this registry."""
        listed = self.prospect_flag in flags
        return listed if self.kind is RegistryKind.DO_NOT_CONTACT else not listed


@attrs.frozen(kw_only=True)
class Requirement:
    """A duty that is not about when to call: keeping records, how a sale binds, and so on."""

    name: str = attrs.field(validator=v.is_name)
    summary: str = attrs.field(validator=v.is_name)
    period: Period | None = attrs.field(default=None, validator=_is_optional_period)
    channels: frozenset[Channel] = _phone_channels()
    citation: str = _citation()
    source: str = _source()
    verified: bool = _verified()
    applies_to: Audience = attrs.field(
        default=Audience.BOTH, converter=_audience, validator=v.is_enum(Audience)
    )
    note: str = _note()


Rule = CallingHours | HolidayRule | FrequencyCap | Registry | Exemption | Requirement
"""Any record that cites a law."""


def _keep(rules: tuple[Any, ...], consumer: bool | None) -> tuple[Any, ...]:
    return tuple(rule for rule in rules if rule.applies_to.covers(consumer))


@attrs.frozen(kw_only=True)
class Pack:
    """The rules of one jurisdiction (or one law, such as debt collection), as data.

    ``country`` and ``region`` say where the pack applies (``region=None``:
    the whole country). An ``opt_in`` pack applies only when a caller names
    it (it depends on the business, e.g. collecting debts).
    """

    name: str = attrs.field(validator=_is_pack_name)
    country: str = attrs.field(validator=_is_country)
    region: str | None = attrs.field(default=None, validator=v.is_optional_name)
    title: str = attrs.field(validator=v.is_name)
    hours: tuple[CallingHours, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=_rules(CallingHours)
    )
    holidays: tuple[HolidayRule, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=_rules(HolidayRule)
    )
    caps: tuple[FrequencyCap, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=_rules(FrequencyCap)
    )
    registries: tuple[Registry, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=_rules(Registry)
    )
    requirements: tuple[Requirement, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=_rules(Requirement)
    )
    opt_in: bool = attrs.field(default=False, validator=v.is_bool)
    note: str = _note()

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every record of the pack, exemptions included, in a fixed order."""
        out: list[Rule] = [*self.hours, *self.holidays, *self.caps]
        for registry in self.registries:
            out.append(registry)
            out.extend(registry.exemptions)
        out.extend(self.requirements)
        return tuple(out)

    @property
    def citations(self) -> tuple[str, ...]:
        """The distinct citations of the pack's rules, in order."""
        return tuple(dict.fromkeys(rule.citation for rule in self.rules))

    @property
    def verified(self) -> bool:
        """True when every rule of the pack was checked against the law's own text."""
        return all(rule.verified for rule in self.rules)

    def covering(self, channel: Channel) -> tuple[Rule, ...]:
        """Return the rules that name ``channel`` (for ``Channel.SMS``: those covering texts)."""
        return tuple(
            rule
            for rule in self.rules
            if not isinstance(rule, Exemption) and channel in rule.channels
        )

    def hours_for(self, channel: Channel) -> Hours | None:
        """Return the hours this pack allows for ``channel``, or ``None`` when it sets none."""
        found = [rule.hours for rule in self.hours if channel in rule.channels]
        if not found:
            return None
        hours = found[0]
        for more in found[1:]:
            hours = hours.intersect(more)
        return hours

    def closures_for(self, channel: Channel) -> tuple[HolidayRule, ...]:
        """Return the holiday rules that close ``channel`` on their holidays."""
        return tuple(rule for rule in self.holidays if rule.closed and channel in rule.channels)

    def caps_for(self, channel: Channel) -> tuple[FrequencyCap, ...]:
        """Return the frequency caps that count attempts on ``channel``."""
        return tuple(cap for cap in self.caps if channel in cap.channels)

    def registries_for(self, channel: Channel) -> tuple[Registry, ...]:
        """Return the registries that govern ``channel``."""
        return tuple(registry for registry in self.registries if channel in registry.channels)

    def for_recipient(self, consumer: bool | None) -> Pack:
        """Return the pack with only the rules that protect this kind of recipient.

        ``consumer=None`` (unknown) keeps the consumer rules, the stricter
        reading. The pack itself is returned when nothing is dropped.
        """
        if consumer is not None and not isinstance(consumer, bool):
            raise v.field_error(
                TypeError, "consumer", f"expected True, False or None, got {consumer!r}"
            )
        kept = attrs.evolve(
            self,
            hours=_keep(self.hours, consumer),
            holidays=_keep(self.holidays, consumer),
            caps=_keep(self.caps, consumer),
            registries=_keep(self.registries, consumer),
            requirements=_keep(self.requirements, consumer),
        )
        return self if kept == self else kept
