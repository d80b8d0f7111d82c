"""Playbooks: a named set of policies and guards, with the sender and their options.

``orl.Playbook`` is the plain value; the factories here build the
ready-made ones. ``plan(..., playbook=None)`` uses ``cold_calling``.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def _direct(step: Any) -> Any:
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
    policies and guards as the engine calls them (see ``_direct``), the
    policies' names, the whole guard pipeline once the engine has built it,
    and the zone and calendars of each place planned for, which every plan
    would otherwise look up in three caches. The playbook itself never
    changes; this object fills up on first use (as with a calendar's caches,
    two threads at worst compute an entry twice).
    """

    __slots__ = ("guard_calls", "names", "pipeline", "places", "policy_calls")

    def __init__(self, policies: tuple[Any, ...], guards: tuple[Any, ...]) -> None:
        self.policy_calls: tuple[Any, ...] = tuple(map(_direct, policies))
        self.guard_calls: tuple[Any, ...] = tuple(map(_direct, guards))
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
    name: str = "custom"
    # Derived for the engine, not part of the value (see ``Compiled``).
    _compiled: Compiled = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_compiled", Compiled(self.policies, self.guards))

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
