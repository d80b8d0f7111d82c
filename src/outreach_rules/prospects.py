"""The people we reach out to, their phone numbers, and who reaches out."""

from __future__ import annotations

import enum
import functools
import re
from datetime import date
from typing import Any

import attrs

from outreach_rules import _validate as v
from outreach_rules._time import zone

__all__ = ["Phone", "PhoneKind", "Prospect", "Sender"]

_E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")
# Punctuation people write inside numbers; removing it changes no digit.
_PHONE_PUNCTUATION = str.maketrans("", "", " -().\u00a0")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
# A member's or a company's public profile: linkedin.com, a country
# subdomain or www, /in/ or /company/, then the profile's own name.
_LINKEDIN = re.compile(
    r"^https://(?:[a-z]{2,3}\.|www\.)?linkedin\.com/(?:in|company)/[^/?#\s]{1,100}/?$"
)


class PhoneKind(enum.StrEnum):
    """What a phone number reaches."""

    DIRECT = "direct"
    MOBILE = "mobile"
    SWITCHBOARD = "switchboard"
    """The company's main line, answered by a receptionist."""
    HOME = "home"
    OTHER = "other"


def e164(value: object, field: str = "number") -> str:
    """Return ``value`` as an E.164 number, or raise a ``ValueError`` saying what is valid.

    Spaces, dashes, dots and parentheses are dropped first (``+1 (212)
    555-0100`` is ``+12125550100``); nothing else is guessed: a number
    without its ``+`` and country code is refused.
    """
    raw = v.text(value, field)
    number = raw.translate(_PHONE_PUNCTUATION)
    if not _E164.match(number):
        raise v.field_error(
            ValueError,
            field,
            f"{raw!r} is not an E.164 number: write '+', the country code and up to "
            "15 digits, e.g. '+12125550100'",
        )
    return number


def _as_phone_kind(value: object) -> PhoneKind:
    return v.reshape_enum(PhoneKind, value)  # type: ignore[no-any-return]


def _e164_number(value: object) -> str:
    return e164(value, "number")


def _optional_e164(value: object) -> str | None:
    return None if value is None else e164(value, "phone")


@attrs.frozen(kw_only=True)
class Phone:
    """A phone number in E.164 form and what it reaches."""

    number: str = attrs.field(converter=_e164_number)
    kind: PhoneKind = attrs.field(
        default=PhoneKind.OTHER, converter=_as_phone_kind, validator=v.is_enum(PhoneKind)
    )
    textable: bool | None = attrs.field(default=None, validator=v.is_optional_bool)
    """Whether the number takes text messages: ``None`` decides by kind (the channel table
    says which: a mobile); ``True`` when the caller knows a number of another kind takes
    texts, ``False`` when a mobile does not."""

    @classmethod
    def of(cls, value: Phone | str | dict[str, Any], field: str = "phones") -> Phone:
        """Return a ``Phone`` from a ``Phone``, a number string or a mapping."""
        if isinstance(value, Phone):
            return value
        if isinstance(value, str):
            return cls(number=e164(value, field))
        if isinstance(value, dict):
            try:
                return cls(**value)
            except (TypeError, ValueError) as exc:
                # Name the place in full: new_phone.number, phones[1].kind.
                inner = getattr(exc, "field", None)
                message = str(exc).removeprefix(f"{inner}: ") if inner else str(exc)
                where = f"{field}.{inner}" if inner else field
                raise v.field_error(type(exc), where, message) from None
        raise v.field_error(
            TypeError, field, f"expected a phone number such as '+12125550100', got {value!r}"
        )


def _phones(value: object) -> tuple[Phone, ...]:
    items = v.tuple_of(value, "phones")
    return tuple(Phone.of(p, f"phones[{i}]") for i, p in enumerate(items))


def _emails(value: object) -> tuple[str, ...]:
    items = v.tuple_of(value, "emails")
    return tuple(v.email(e, f"emails[{i}]") for i, e in enumerate(items))


@functools.cache
def _supported_subdivisions() -> dict[str, frozenset[str]]:
    import holidays

    return {c: frozenset(s) for c, s in holidays.list_supported_countries().items()}


def _country(value: object) -> str | None:
    if value is None:
        return None
    code = v.text(value, "country")
    if not _COUNTRY.match(code):
        raise v.field_error(
            ValueError,
            "country",
            f"{code!r} is not an ISO 3166-1 alpha-2 code such as 'US' or 'SE'",
        )
    return code


def _zones(value: object) -> tuple[str, ...]:
    names = v.tuple_of(value, "possible_timezones")
    for i, name in enumerate(names):
        try:
            zone(v.text(name, f"possible_timezones[{i}]"))
        except ValueError as exc:
            raise v.field_error(ValueError, f"possible_timezones[{i}]", str(exc)) from None
    return names


def _linkedin(value: object) -> str | None:
    if value is None:
        return None
    url = v.text(value, "linkedin")
    if not _LINKEDIN.match(url):
        raise v.field_error(
            ValueError,
            "linkedin",
            f"{url!r} is not a LinkedIn profile URL such as "
            "'https://www.linkedin.com/in/ada-lovelace'",
        )
    return url


def _timezone(value: object) -> str:
    name = v.text(value, "timezone")
    zone(name)  # raises a ValueError naming close matches
    return name


@attrs.frozen(kw_only=True)
class Prospect:
    """A person to reach, with every contact point we know."""

    id: str = attrs.field(validator=v.is_name)
    timezone: str = attrs.field(converter=_timezone)
    """IANA time-zone name of where the prospect is, e.g. ``"America/Chicago"``."""
    name: str | None = attrs.field(default=None, validator=v.is_optional_name)
    phones: tuple[Phone, ...] = attrs.field(default=(), converter=_phones)
    emails: tuple[str, ...] = attrs.field(default=(), converter=_emails)
    address: str | None = attrs.field(default=None, validator=v.is_optional_name)
    country: str | None = attrs.field(default=None, converter=_country)
    region: str | None = attrs.field(default=None, validator=v.is_optional_name)
    city: str | None = attrs.field(default=None, validator=v.is_optional_name)
    company: str | None = attrs.field(default=None, validator=v.is_optional_name)
    birthday: date | None = attrs.field(default=None, validator=v.is_optional_date)
    interests: frozenset[str] = attrs.field(
        default=frozenset(), converter=v.as_frozenset, validator=v.is_topics
    )
    consumer: bool | None = attrs.field(default=None, validator=v.is_optional_bool)
    """A private person (``True``) or a business contact (``False``); ``None`` when unknown,
    which applies the stricter consumer rules where the law tells them apart."""
    flags: frozenset[str] = attrs.field(
        default=frozenset(), converter=v.as_frozenset, validator=v.is_topics
    )
    """Registry flags the caller knows to be true, e.g. ``{"on_national_dnc"}``, ``{"tps"}``,
    ``{"nix"}``, or ``{"consent"}`` for a consent on record (see ``orl.compliance``)."""
    last_purchase: date | None = attrs.field(default=None, validator=v.is_optional_date)
    """The prospect's last purchase from us, for the established-relationship exemptions."""
    last_inquiry: date | None = attrs.field(default=None, validator=v.is_optional_date)
    """The prospect's last inquiry to us, for the established-relationship exemptions."""
    possible_timezones: tuple[str, ...] = attrs.field(default=(), converter=_zones)
    """Other zones the prospect may be in (a number that spans several): calls must then be
    lawful in every one of them. See ``from_phone``."""
    linkedin: str | None = attrs.field(default=None, converter=_linkedin)
    """The prospect's LinkedIn profile URL, for connection requests and messages."""
    account: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The company or account key colleagues share, e.g. a CRM account id or a domain."""
    owner: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The rep who works this prospect (a ``Rep.name``): a team's day gives each rep their own."""

    @classmethod
    def from_phone(cls, *, id: str, phone: Phone | str, **fields: Any) -> Prospect:
        """Make a prospect whose time zone is not known from their phone number.

        The number's most likely zone becomes ``timezone``; when it spans
        several, the others go to ``possible_timezones`` and calls are kept
        inside the lawful hours of all of them (the most restrictive
        window), with reasons that say so. Needs the ``[phone]`` extra.

        Raises ``ValueError`` naming the number when its zone cannot be told:
        a toll-free or other non-geographic number (``+1 800 ...``, premium
        rate, shared cost, personal numbers) or an unassigned one.
        """
        from outreach_rules.phone import timezones_for

        number = Phone.of(phone, "phone")
        zones = timezones_for(number.number)
        phones = (number, *(Phone.of(p) for p in fields.pop("phones", ())))
        return cls(id=id, timezone=zones[0], possible_timezones=zones[1:], phones=phones, **fields)

    @region.validator
    def _check_region(self, _attribute: attrs.Attribute[str | None], region: str | None) -> None:
        if region is None:
            return
        if self.country is None:
            raise v.field_error(
                ValueError, "region", f"{region!r} needs a country, e.g. country='US', region='FL'"
            )
        known = _supported_subdivisions().get(self.country)
        if known and region not in known:
            valid = ", ".join(sorted(known))
            raise v.field_error(
                ValueError,
                "region",
                f"{region!r} is not a subdivision of {self.country}; valid codes: {valid}",
            )

    @property
    def first_name(self) -> str | None:
        """The first word of ``name``, for a friendly greeting."""
        return self.name.split()[0] if self.name else None


@attrs.frozen(kw_only=True)
class Sender:
    """Who reaches out; scripts leave this contact information."""

    name: str = attrs.field(validator=v.is_name)
    phone: str | None = attrs.field(default=None, converter=_optional_e164)
    email: str | None = attrs.field(default=None, validator=v.is_optional_email)
    company: str | None = attrs.field(default=None, validator=v.is_optional_name)
