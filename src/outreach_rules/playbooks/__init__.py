"""Playbooks: a named set of policies and guards, with the sender and their options.

``orl.Playbook`` is the plain value; the factories here build the
ready-made ones. ``plan(..., playbook=None)`` uses ``cold_calling``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from types import FunctionType, MethodType
from typing import Any

import attrs

from outreach_rules import _validate as v
from outreach_rules._names import name_of
from outreach_rules.calendar import Hours
from outreach_rules.channels import Channel
from outreach_rules.offerings import Offering
from outreach_rules.prospects import Sender
from outreach_rules.scripts import TemplatePair, default_templates
from outreach_rules.trips import Trip

__all__ = ["Playbook", "cold_calling", "direct_mail", "keep_in_touch", "re_engagement"]


def _are_callables(_instance: object, attribute: Any, value: Any) -> None:
    field = attribute.name
    for i, item in enumerate(v.tuple_of(value, field)):
        if not callable(item):
            raise v.field_error(TypeError, f"{field}[{i}]", f"expected a callable, got {item!r}")


def _pack_names(value: object) -> frozenset[str]:
    from outreach_rules.compliance.registry import include_names

    if isinstance(value, str):
        raise v.field_error(TypeError, "compliance", f"expected a set of pack names, got {value!r}")
    return include_names(v.tuple_of(value, "compliance"))


_JURISDICTION = re.compile(r"^[A-Z]{2}(-[A-Za-z0-9]+)?$")

Blackouts = tuple[tuple[str, frozenset[date]], ...]
"""Blackout dates by jurisdiction, as a playbook keeps them: sorted (key, dates) pairs."""


def _blackouts(value: object) -> Blackouts:
    """Reshape ``{"US-LA": {date, ...}}`` into sorted pairs, checking every key and date."""
    if isinstance(value, tuple):
        value = dict(value)
    if not isinstance(value, Mapping):
        raise v.field_error(
            TypeError,
            "blackouts",
            f"expected a mapping such as {{'US-LA': {{date(2026, 8, 28)}}}}, got {value!r}",
        )
    out = []
    for key, dates in value.items():
        field = f"blackouts[{key!r}]"
        if not isinstance(key, str) or not _JURISDICTION.match(key):
            raise v.field_error(
                ValueError,
                "blackouts",
                f"{key!r} is not a jurisdiction: a country code such as 'US', or the country "
                "and region joined by '-', such as 'US-LA'",
            )
        if isinstance(dates, (str, bytes, Mapping, date)) or not isinstance(dates, Iterable):
            raise v.field_error(TypeError, field, f"expected a set of dates, got {dates!r}")
        days = frozenset(dates)
        for day in days:
            if isinstance(day, datetime) or not isinstance(day, date):
                raise v.field_error(TypeError, f"{field} item", f"expected a date, got {day!r}")
        if days:
            out.append((key, days))
    return tuple(sorted(out, key=lambda pair: pair[0]))


def _subject(value: object) -> str | None:
    if value is None:
        return None
    text = v.text(value, "subject").strip()
    if not text:
        raise v.field_error(ValueError, "subject", "must not be blank; use None for no subject")
    return text


def _templates(value: object) -> Mapping[tuple[str, Channel], TemplatePair]:
    merged = default_templates()
    if value is None:
        return merged
    if not isinstance(value, Mapping):
        raise v.field_error(TypeError, "templates", f"expected a mapping, got {value!r}")
    for key, pair in value.items():
        if not isinstance(pair, TemplatePair):
            raise v.field_error(
                TypeError, f"templates[{key!r}]", f"expected a TemplatePair, got {pair!r}"
            )
        merged[key] = pair
    return merged


def direct(step: Any) -> Any:
    """``step`` as the engine calls it: an object with its own ``__call__`` gets it bound.

    Calling an object runs its type's call slot, which packs the keyword
    arguments into a new dict each time: about five times the cost of
    calling the bound method, on every policy and guard of every plan.
    """
    # As defined on the class: a function there is a plain method; anything else
    # (a static or class method, a C slot) is left to the object's own call.
    defined = next(k.__dict__["__call__"] for k in type(step).__mro__ if "__call__" in k.__dict__)
    if isinstance(defined, FunctionType):
        return MethodType(defined, step)
    return step


class Compiled:
    """What the engine derives from a playbook to plan with it, kept beside the playbook.

    Not part of the playbook's value (not compared, hashed or shown): the
    policies and guards as the engine calls them (see ``direct``), the
    policies' names, the whole guard pipeline once the engine has built it,
    and the zone and calendars of each place planned for, which every plan
    would otherwise look up in three caches. The playbook itself never
    changes; this object fills up on first use (as with a calendar's caches,
    two threads at worst compute an entry twice).
    """

    __slots__ = ("guard_calls", "names", "pipeline", "places", "policy_calls")

    def __init__(self, policies: tuple[Any, ...], guards: tuple[Any, ...]) -> None:
        self.policy_calls: tuple[Any, ...] = tuple(map(direct, policies))
        self.guard_calls: tuple[Any, ...] = tuple(map(direct, guards))
        self.names: frozenset[str] = frozenset(map(name_of, policies))
        self.pipeline: tuple[tuple[Any, ...], tuple[Any, ...]] | None = None
        self.places: dict[tuple[str, str | None, str | None, bool | None], Any] = {}

    def __getstate__(self) -> tuple[tuple[Any, ...], tuple[Any, ...], frozenset[str]]:
        # Sent to another process without what it learned: the caches fill again there.
        return (self.policy_calls, self.guard_calls, self.names)

    def __setstate__(self, state: tuple[tuple[Any, ...], tuple[Any, ...], frozenset[str]]) -> None:
        self.policy_calls, self.guard_calls, self.names = state
        self.pipeline = None
        self.places = {}


@attrs.frozen(kw_only=True)
class Playbook:
    """Policies that propose, guards that check, and who is reaching out.

    The engine always adds its own guards around ``guards``: do-not-contact,
    nothing in the past and retired contact points before, lawful calling
    hours after. ``hours`` are the business hours in the prospect's zone.
    ``templates`` override the built-in scripts per (purpose, channel).
    """

    policies: tuple[Any, ...] = attrs.field(converter=v.as_tuple, validator=_are_callables)
    guards: tuple[Any, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=_are_callables
    )
    sender: Sender | None = attrs.field(default=None)
    offerings: tuple[Offering, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Offering)
    )
    trips: tuple[Trip, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Trip)
    )
    hours: Hours = attrs.field(factory=Hours.weekly)
    templates: Mapping[tuple[str, Channel], TemplatePair] = attrs.field(
        default=None, converter=_templates, eq=False, hash=False, repr=False
    )
    compliance: frozenset[str] = attrs.field(default=frozenset(), converter=_pack_names)
    """Opt-in compliance packs to apply on top of the jurisdiction's, e.g. ``{"us-debt"}``."""
    blackouts: Blackouts = attrs.field(default=(), converter=_blackouts)
    """Dates on which a jurisdiction forbids solicitation, e.g. ``{"US-LA": {date(2026, 8, 28)}}``.

    A governor's proclamation or a declared emergency (La. R.S. 45:844.31)
    closes days no statute lists. The key is a country (``"US"``) or a
    country and region (``"US-LA"``); the lawful-hours guard keeps calls,
    texts and every channel a law sets hours for off those local dates for a
    prospect there. Given as a mapping, kept as sorted ``(key, dates)`` pairs.
    """
    subject: str | None = attrs.field(default=None, converter=_subject)
    """What this playbook's calls are about (an offer, a debt), for caps "on the same subject".

    With a subject, a cap that counts per subject (Florida, Oklahoma,
    Maryland, British Columbia, US debt collection) counts the history given
    as that subject's, and its reason says so; without one, it counts every
    attempt to the person, the stricter reading.
    """
    name: str = "custom"
    # Derived for the engine, not part of the value (see ``Compiled``).
    _compiled: Compiled = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_compiled", Compiled(self.policies, self.guards))

    def blackouts_for(self, country: str | None, region: str | None) -> frozenset[date]:
        """Return the blackout dates of a country and its region (both keys apply)."""
        if not self.blackouts or country is None:
            return frozenset()
        keys = {country, f"{country}-{region}"} if region is not None else {country}
        return frozenset().union(*(days for key, days in self.blackouts if key in keys))

    def uses(self, kind: type | str) -> bool:
        """True when one of the policies is a ``kind``: a policy class, or a policy's name.

        Policies that hand a situation over to another practice ask this
        first, so that a playbook without that practice does not leave the
        prospect with nothing to do. Policies ask by name (``"receptionist"``),
        so that no policy imports another.
        """
        if isinstance(kind, str):
            return kind in self._compiled.names
        return any(isinstance(policy, kind) for policy in self.policies)

    @sender.validator
    def _check_sender(self, _attribute: attrs.Attribute[Sender | None], sender: object) -> None:
        if sender is not None and not isinstance(sender, Sender):
            raise TypeError(f"sender: expected an orl.Sender, got {sender!r}")


# The factories need Playbook, defined above.
from outreach_rules.playbooks.cold_calling import cold_calling  # noqa: E402
from outreach_rules.playbooks.direct_mail import direct_mail  # noqa: E402
from outreach_rules.playbooks.keep_in_touch import keep_in_touch  # noqa: E402
from outreach_rules.playbooks.re_engagement import re_engagement  # noqa: E402
