"""Synthetic prospects for simulations, built deterministically from a seed."""

from __future__ import annotations

import random
import reprlib
from collections.abc import Iterable

import attrs

from outreach_rules.prospects import Phone, PhoneKind, Prospect
from outreach_rules.simulation._checks import check_count, check_probability, check_seed
from outreach_rules.simulation.streams import stream_seed

__all__ = ["PLACES", "TOPICS", "Place", "as_prospects", "population"]


@attrs.frozen(kw_only=True)
class Place:
    """Where synthetic prospects live: a zone, its jurisdiction and how its numbers look."""

    timezone: str
    country: str
    region: str | None
    city: str
    calling_code: str
    """The country calling code, without ``+``."""
    area_codes: tuple[str, ...]
    """Area codes of the city's fixed lines."""
    local_digits: int
    """Digits after the area code."""
    mobile_prefixes: tuple[str, ...]
    mobile_digits: int
    """Digits after the mobile prefix."""
    flags: frozenset[str] = frozenset()
    """Registry flags every prospect there carries (see ``orl.Prospect.flags``)."""


PLACES: tuple[Place, ...] = (
    Place(timezone="America/New_York", country="US", region="NY", city="New York",
          calling_code="1", area_codes=("212", "646", "718"), local_digits=7,
          mobile_prefixes=("917", "347"), mobile_digits=7),
    Place(timezone="America/New_York", country="US", region="FL", city="Miami",
          calling_code="1", area_codes=("305", "786"), local_digits=7,
          mobile_prefixes=("305", "786"), mobile_digits=7),
    Place(timezone="America/Chicago", country="US", region="IL", city="Chicago",
          calling_code="1", area_codes=("312", "773"), local_digits=7,
          mobile_prefixes=("872",), mobile_digits=7),
    Place(timezone="America/Chicago", country="US", region="TX", city="Houston",
          calling_code="1", area_codes=("713", "281"), local_digits=7,
          mobile_prefixes=("832",), mobile_digits=7),
    Place(timezone="America/Denver", country="US", region="CO", city="Denver",
          calling_code="1", area_codes=("303",), local_digits=7,
          mobile_prefixes=("720",), mobile_digits=7),
    Place(timezone="America/Phoenix", country="US", region="AZ", city="Phoenix",
          calling_code="1", area_codes=("602",), local_digits=7,
          mobile_prefixes=("480",), mobile_digits=7),
    Place(timezone="America/Los_Angeles", country="US", region="CA", city="San Francisco",
          calling_code="1", area_codes=("415",), local_digits=7,
          mobile_prefixes=("628",), mobile_digits=7),
    Place(timezone="Europe/London", country="GB", region="ENG", city="London",
          calling_code="44", area_codes=("20",), local_digits=8,
          mobile_prefixes=("7",), mobile_digits=9),
    Place(timezone="Europe/Stockholm", country="SE", region=None, city="Stockholm",
          calling_code="46", area_codes=("8",), local_digits=7,
          mobile_prefixes=("70", "73"), mobile_digits=7),
    # German law allows business cold calls only with presumed consent on record (UWG §7):
    # these synthetic contacts come from a list that has it.
    Place(timezone="Europe/Berlin", country="DE", region="BE", city="Berlin",
          calling_code="49", area_codes=("30",), local_digits=8,
          mobile_prefixes=("151", "160"), mobile_digits=8,
          flags=frozenset({"presumed_consent"})),
    Place(timezone="Europe/Paris", country="FR", region=None, city="Paris",
          calling_code="33", area_codes=("1",), local_digits=8,
          mobile_prefixes=("6",), mobile_digits=8),
    Place(timezone="Europe/Amsterdam", country="NL", region=None, city="Amsterdam",
          calling_code="31", area_codes=("20",), local_digits=7,
          mobile_prefixes=("6",), mobile_digits=8),
)  # fmt: skip
"""The places ``population`` draws from, equally often: seven in the US, five in Europe."""

TOPICS: tuple[str, ...] = ("payroll", "hiring", "security", "pricing", "cloud", "training")
"""Topics synthetic prospects (and the default response model) show interest in."""

_FIRST = (
    "Ada", "Alan", "Astrid", "Bea", "Carlos", "Chen", "Dana", "Emil", "Farah", "Grace",
    "Hugo", "Ines", "Jonas", "Kim", "Lena", "Mateo", "Nora", "Omar", "Priya", "Ravi",
    "Sofia", "Tariq", "Uma", "Vera", "Wei", "Yara",
)  # fmt: skip
_LAST = (
    "Andersson", "Baker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen",
    "Ito", "Jansen", "Khan", "Lopez", "Meyer", "Nguyen", "Okafor", "Patel", "Rossi",
    "Schmidt", "Tanaka", "Walsh",
)  # fmt: skip
_COMPANY = (
    "Acme", "Birch", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris",
    "Juniper", "Keystone", "Lumen", "Maple", "Nimbus", "Orchid", "Pioneer",
)  # fmt: skip
_TRADE = ("Logistics", "Foods", "Health", "Software", "Builders", "Retail", "Energy")
_STREET = ("Main Street", "Market Street", "Park Avenue", "Harbour Road", "Station Road")


def _digits(rng: random.Random, count: int) -> str:
    # A leading 2-9 keeps numbers clear of trunk and service prefixes. A digit is drawn
    # as a character: choice() picks from ten as randint(0, 9) does, with fewer calls.
    return rng.choice(_LEADING) + "".join(rng.choice(_DIGITS) for _ in range(count - 1))


_LEADING = "23456789"
_DIGITS = "0123456789"


def _fixed_line(rng: random.Random, place: Place) -> str:
    return f"+{place.calling_code}{rng.choice(place.area_codes)}{_digits(rng, place.local_digits)}"


def _mobile(rng: random.Random, place: Place) -> str:
    prefix = rng.choice(place.mobile_prefixes)
    return f"+{place.calling_code}{prefix}{_digits(rng, place.mobile_digits)}"


def population(
    n: int,
    *,
    seed: int = 0,
    prefix: str = "p",
    direct_share: float = 0.85,
    switchboard_share: float = 0.7,
    mobile_share: float = 0.3,
    email_share: float = 0.9,
    address_share: float = 0.6,
    contacts_per_account: int | None = None,
    start: int = 0,
) -> tuple[Prospect, ...]:
    """Return ``n`` synthetic business prospects, the same for the same arguments.

    Each lives in one of ``PLACES`` (US zones and states, five European
    countries), with a name, a company, a direct line (``direct_share`` of
    them), the company's switchboard (``switchboard_share``), a mobile
    (``mobile_share``), an e-mail address (``email_share``) and a postal
    address (``address_share``); everyone has at least one number. They
    are business contacts (``consumer=False``) with zero to two interests
    from ``TOPICS``. The shares are modelling assumptions, not field
    figures.

    Prospect ``i`` is drawn from its own stream of ``(seed, i)`` and gets
    the id ``f"{prefix}{i:06d}"``: ``population(50)`` is the first 50 of
    ``population(100)``. ``start`` skips the first prospects:
    ``population(50, start=50)`` is the last 50 of ``population(100)``, so
    that workers can each draw their own slice.

    ``contacts_per_account`` (a whole number, or ``None`` for none) puts
    every run of that many prospects at one company: prospects ``0`` to
    ``k - 1`` share the account ``f"{prefix}-account-000000"``, the next
    ``k`` the next one (the last may have fewer). Colleagues share the
    place, the company, its switchboard (``switchboard_share`` of the
    companies) and its postal address (``address_share``), drawn from the
    account's own stream of ``(seed, account)``; each has their own name,
    direct line, mobile, e-mail address at the company's domain and
    interests. Prefixes stay stable: ``population(50, contacts_per_account=3)``
    is the first 50 of ``population(100, contacts_per_account=3)``.
    """
    check_count(n, "n", minimum=0)
    check_count(start, "start", minimum=0)
    check_seed(seed)
    if not isinstance(prefix, str) or not prefix.strip():
        raise ValueError(f"prefix: expected non-empty text, got {prefix!r}")
    shares = {
        "direct_share": direct_share,
        "switchboard_share": switchboard_share,
        "mobile_share": mobile_share,
        "email_share": email_share,
        "address_share": address_share,
    }
    for field, value in shares.items():
        check_probability(value, field)
    if contacts_per_account is not None:
        size = check_count(contacts_per_account, "contacts_per_account")
        companies: dict[int, _Company] = {}
        people = []
        for i in range(start, start + n):
            number = i // size
            company = companies.get(number)
            if company is None:
                company = companies[number] = _company(
                    random.Random(stream_seed("account", seed, number)),
                    f"{prefix}-account-{number:06d}",
                    switchboard_share=switchboard_share,
                    address_share=address_share,
                )
            people.append(
                _colleague(
                    random.Random(stream_seed("population", seed, i)),
                    f"{prefix}{i:06d}",
                    company,
                    direct_share=direct_share,
                    mobile_share=mobile_share,
                    email_share=email_share,
                )
            )
        return tuple(people)
    return tuple(
        _prospect(
            random.Random(stream_seed("population", seed, i)),
            f"{prefix}{i:06d}",
            direct_share=direct_share,
            switchboard_share=switchboard_share,
            mobile_share=mobile_share,
            email_share=email_share,
            address_share=address_share,
        )
        for i in range(start, start + n)
    )


def _prospect(
    rng: random.Random,
    prospect_id: str,
    *,
    direct_share: float,
    switchboard_share: float,
    mobile_share: float,
    email_share: float,
    address_share: float,
) -> Prospect:
    place = rng.choice(PLACES)
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    company = f"{rng.choice(_COMPANY)} {rng.choice(_TRADE)}"
    phones: list[Phone] = []
    if rng.random() < direct_share:
        phones.append(Phone(number=_fixed_line(rng, place), kind=PhoneKind.DIRECT))
    if rng.random() < switchboard_share:
        phones.append(Phone(number=_fixed_line(rng, place), kind=PhoneKind.SWITCHBOARD))
    if rng.random() < mobile_share or not phones:
        phones.append(Phone(number=_mobile(rng, place), kind=PhoneKind.MOBILE))
    email = rng.random() < email_share
    address = None
    if rng.random() < address_share:
        address = f"{rng.randint(1, 250)} {rng.choice(_STREET)}, {place.city}"
    interests = frozenset(rng.sample(TOPICS, rng.randint(0, 2)))
    return _contact(
        prospect_id, place, first, last, company,
        phones=phones, email=email, address=address, interests=interests, account=None,
    )  # fmt: skip


def _contact(
    prospect_id: str,
    place: Place,
    first: str,
    last: str,
    company: str,
    *,
    phones: list[Phone],
    email: bool,
    address: str | None,
    interests: frozenset[str],
    account: str | None,
) -> Prospect:
    """A synthetic business contact from what was drawn for it (no draws of its own)."""
    domain = company.lower().replace(" ", "-") + ".example"
    return Prospect(
        id=prospect_id,
        timezone=place.timezone,
        name=f"{first} {last}",
        phones=tuple(dict.fromkeys(phones)),
        emails=(f"{first.lower()}.{last.lower()}@{domain}",) if email else (),
        address=address,
        country=place.country,
        region=place.region,
        city=place.city,
        company=company,
        interests=interests,
        consumer=False,
        flags=place.flags,
        account=account,
    )


@attrs.frozen(kw_only=True)
class _Company:
    """What colleagues at one synthetic company share."""

    account: str
    place: Place
    name: str
    switchboard: Phone | None
    address: str | None


def _company(
    rng: random.Random, account: str, *, switchboard_share: float, address_share: float
) -> _Company:
    place = rng.choice(PLACES)
    name = f"{rng.choice(_COMPANY)} {rng.choice(_TRADE)}"
    switchboard = None
    if rng.random() < switchboard_share:
        switchboard = Phone(number=_fixed_line(rng, place), kind=PhoneKind.SWITCHBOARD)
    address = None
    if rng.random() < address_share:
        address = f"{rng.randint(1, 250)} {rng.choice(_STREET)}, {place.city}"
    return _Company(
        account=account, place=place, name=name, switchboard=switchboard, address=address
    )


def _colleague(
    rng: random.Random,
    prospect_id: str,
    company: _Company,
    *,
    direct_share: float,
    mobile_share: float,
    email_share: float,
) -> Prospect:
    place = company.place
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    phones: list[Phone] = []
    if rng.random() < direct_share:
        phones.append(Phone(number=_fixed_line(rng, place), kind=PhoneKind.DIRECT))
    if company.switchboard is not None:
        phones.append(company.switchboard)
    if rng.random() < mobile_share or not phones:
        phones.append(Phone(number=_mobile(rng, place), kind=PhoneKind.MOBILE))
    email = rng.random() < email_share
    interests = frozenset(rng.sample(TOPICS, rng.randint(0, 2)))
    return _contact(
        prospect_id, place, first, last, company.name, phones=phones, email=email,
        address=company.address, interests=interests, account=company.account,
    )  # fmt: skip


def as_prospects(people: object, *, seed: int) -> tuple[Prospect, ...]:
    """Return the prospects a simulation runs on: ``population(n, seed=seed)`` for an int ``n``,
    else the items of an iterable of ``orl.Prospect``, which must have unique ids.

    Errors name the argument ``population``, as the caller wrote it.
    """
    if isinstance(people, bool):
        raise TypeError("population: expected an int or an iterable of orl.Prospect, got a bool")
    if isinstance(people, int):
        return population(check_count(people, "population"), seed=seed)
    if isinstance(people, (str, bytes, dict)) or not isinstance(people, Iterable):
        raise TypeError(
            "population: expected an int or an iterable of orl.Prospect, got "
            f"{type(people).__name__} {reprlib.repr(people)}"
        )
    prospects = tuple(people)
    seen: dict[str, int] = {}
    for i, prospect in enumerate(prospects):
        if not isinstance(prospect, Prospect):
            raise TypeError(
                f"population[{i}]: expected an orl.Prospect, got "
                f"{type(prospect).__name__} {reprlib.repr(prospect)}"
            )
        if prospect.id in seen:
            raise ValueError(
                f"population[{i}]: prospect id {prospect.id!r} is also population"
                f"[{seen[prospect.id]}]; ids must be unique (each prospect's luck is drawn "
                "from its id)"
            )
        seen[prospect.id] = i
    return prospects
