"""Policies: small callables that propose actions from a prospect's situation.

A policy is any callable ``policy(*, situation) -> Iterable[Action | Halt]``.
Simple ones are plain functions; configurable ones are small frozen classes
with ``__call__``. They never see each other's output: guards, which run
after all of them, decide what is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import attrs

from outreach_rules import _validate as v
from outreach_rules._names import name_of as policy_name
from outreach_rules.actions import Action

if TYPE_CHECKING:
    from outreach_rules.situation import Situation

__all__ = ["Halt", "Policy", "policy_name"]


@attrs.frozen(kw_only=True)
class Halt:
    """A policy's word that the prospect's cadence is over, and why."""

    reason: str = attrs.field(validator=v.is_name)
    policy: str = attrs.field(validator=v.is_name)


@runtime_checkable
class Policy(Protocol):
    """Anything that proposes actions (or a halt) for a situation."""

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Return the actions this policy proposes; empty when it has nothing to say."""
        ...
