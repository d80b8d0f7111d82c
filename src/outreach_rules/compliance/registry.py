"""Which packs apply to a prospect: a read-only table keyed by country and region.

The table is built once from the jurisdiction modules and cannot be
changed; a pack applies when its country is the prospect's and its region
is ``None`` (the whole country) or the prospect's region. Federal and state
packs therefore both apply. An opt-in pack (``us-debt``) applies only when
named in ``include``. Not legal advice.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from outreach_rules import _validate as v
from outreach_rules.channels import Channel
from outreach_rules.compliance import (
    au,
    ca,
    ca_email,
    de,
    europe,
    gb,
    gb_email,
    se,
    us,
    us_debt,
    us_email,
    us_states,
)
from outreach_rules.compliance.rules import FrequencyCap, Pack, Registry
from outreach_rules.prospects import Prospect

__all__ = ["PACKS", "barred_by", "caps_for", "packs_for"]


def _table(*modules_packs: tuple[Pack, ...]) -> Mapping[str, Pack]:
    table: dict[str, Pack] = {}
    for packs in modules_packs:
        for pack in packs:
            if pack.name in table:
                raise ValueError(f"name: two packs are called {pack.name!r}")
            table[pack.name] = pack
    return MappingProxyType(table)


PACKS: Final[Mapping[str, Pack]] = _table(
    us.PACKS,
    us_states.PACKS,
    us_debt.PACKS,
    us_email.PACKS,
    ca.PACKS,
    ca_email.PACKS,
    au.PACKS,
    gb.PACKS,
    gb_email.PACKS,
    se.PACKS,
    de.PACKS,
    europe.PACKS,
)
"""Every pack by name, in the order ``packs_for`` lists them. Read-only."""


def _places(packs: Mapping[str, Pack]) -> Mapping[tuple[str, str | None], tuple[Pack, ...]]:
    places: dict[tuple[str, str | None], list[Pack]] = {}
    for pack in packs.values():
        places.setdefault((pack.country, pack.region), []).append(pack)
    return MappingProxyType({key: tuple(found) for key, found in places.items()})


_BY_PLACE: Final = _places(PACKS)
_ORDER: Final = MappingProxyType({name: index for index, name in enumerate(PACKS)})


def include_names(include: Iterable[str]) -> frozenset[str]:
    """Return the pack names of ``include`` as a frozenset, each checked to exist.

    A single name may be passed as a plain string.
    """
    names = (include,) if isinstance(include, str) else include
    if isinstance(names, (bytes, Mapping)) or not isinstance(names, Iterable):
        raise v.field_error(
            TypeError, "include", f"expected pack names such as ('us-debt',), got {include!r}"
        )
    out = frozenset(names)
    for name in out:
        if name not in PACKS:
            valid = ", ".join(PACKS)
            raise v.field_error(
                ValueError, "include", f"{name!r} is not a compliance pack; valid: {valid}"
            )
    return out


def check_consumer(consumer: object) -> bool | None:
    """Return ``consumer`` if it is ``True``, ``False`` or ``None``, else raise ``TypeError``."""
    if consumer is not None and not isinstance(consumer, bool):
        raise v.field_error(
            TypeError,
            "consumer",
            f"expected True (a consumer), False (a business) or None (unknown), got {consumer!r}",
        )
    return consumer


def check_prospect(prospect: object) -> Prospect:
    """Return ``prospect`` if it is an ``orl.Prospect``, else raise ``TypeError``."""
    if not isinstance(prospect, Prospect):
        raise v.field_error(
            TypeError, "prospect", f"expected an orl.Prospect, got {type(prospect).__name__}"
        )
    return prospect


def check_channel(channel: object) -> Channel:
    """Return ``channel`` as a ``Channel`` (its text value is accepted)."""
    return v.enum_value(Channel, channel, "channel")


@functools.lru_cache(maxsize=1024)
def resolve(
    country: str | None, region: str | None, include: frozenset[str], consumer: bool | None
) -> tuple[Pack, ...]:
    """Return the packs for a place, opt-ins named in ``include``, filtered for the recipient."""
    if country is None:
        return ()
    found = list(_BY_PLACE.get((country, None), ()))
    if region is not None:
        found.extend(_BY_PLACE.get((country, region), ()))
    found.sort(key=lambda pack: _ORDER[pack.name])
    return tuple(
        pack.for_recipient(consumer) for pack in found if not pack.opt_in or pack.name in include
    )


def packs_for(
    prospect: Prospect, *, include: Iterable[str] = (), consumer: bool | None = None
) -> tuple[Pack, ...]:
    """Return the packs that apply to ``prospect``, by its ``country`` and ``region``.

    The country's packs (federal rules and the e-mail pack) and the
    region's (state rules) all apply; an opt-in pack only when its name is
    in ``include``. ``consumer`` says whether the prospect is a consumer
    (``True``) or a business (``False``); rules that protect only the other
    kind are left out of the returned packs. ``None`` (unknown) applies the
    consumer rules, the stricter reading. A country without packs gives an
    empty tuple.
    """
    p = check_prospect(prospect)
    return resolve(p.country, p.region, include_names(include), check_consumer(consumer))


def caps_for(
    prospect: Prospect,
    channel: Channel = Channel.CALL,
    *,
    include: Iterable[str] = (),
    consumer: bool | None = None,
) -> tuple[FrequencyCap, ...]:
    """Return the frequency caps that count attempts on ``channel`` to ``prospect``."""
    kind = check_channel(channel)
    packs = packs_for(prospect, include=include, consumer=consumer)
    return tuple(cap for pack in packs for cap in pack.caps_for(kind))


def barred_by(
    prospect: Prospect,
    *,
    flags: Iterable[str],
    channel: Channel = Channel.CALL,
    include: Iterable[str] = (),
    consumer: bool | None = None,
) -> tuple[Registry, ...]:
    """Return the registries that forbid contacting ``prospect`` on ``channel``; empty if none.

    ``flags`` are the registry flags the caller knows to be true of the
    prospect (e.g. ``{"on_national_dnc"}``, or ``{"consent"}`` for a German
    consumer who agreed to calls). A do-not-contact registry bars a prospect
    carrying its flag; a consent registry bars one without it. Exemptions
    are not applied: they are listed on each registry for the caller to
    weigh.
    """
    if isinstance(flags, (str, bytes, Mapping)) or not isinstance(flags, Iterable):
        raise v.field_error(
            TypeError, "flags", f"expected a set of flags such as {{'tps'}}, got {flags!r}"
        )
    p = check_prospect(prospect)
    return barring(
        p.country,
        p.region,
        include_names(include),
        check_consumer(consumer),
        frozenset(flags),
        check_channel(channel),
    )


@functools.lru_cache(maxsize=4096)
def barring(
    country: str | None,
    region: str | None,
    include: frozenset[str],
    consumer: bool | None,
    flags: frozenset[str],
    channel: Channel,
) -> tuple[Registry, ...]:
    """The registries of a place that bar a recipient with ``flags`` on ``channel``, checked inputs.

    Cached: the registries guard asks it for every action it sees.
    """
    return tuple(
        registry
        for pack in resolve(country, region, include, consumer)
        for registry in pack.registries_for(channel)
        if registry.bars(flags)
    )
