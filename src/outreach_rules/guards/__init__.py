"""Guards: checks that every proposed action passes, in order, after all policies.

A guard is any callable
``guard(action, *, situation, planned) -> Action | Veto``: it returns the
action unchanged to allow it, a changed action (use ``move``) to move it
to a permitted time, or a ``Veto`` with the reason to refuse it.
``planned`` holds the actions already accepted in this plan, for caps.

The engine always runs the built-in guards (do-not-contact first, lawful
calling hours last); a playbook can add guards but never remove those.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import attrs

from outreach_rules import _validate as v
from outreach_rules._names import name_of as guard_name
from outreach_rules._time import later, shift, span
from outreach_rules.actions import Action, replace

if TYPE_CHECKING:
    from outreach_rules.situation import Situation

__all__ = ["Guard", "Veto", "guard_name", "move"]


@attrs.frozen(kw_only=True)
class Veto:
    """A guard's refusal of an action, with the reason."""

    reason: str = attrs.field(validator=v.is_name)


@runtime_checkable
class Guard(Protocol):
    """Anything that allows, moves or vetoes a proposed action."""

    def __call__(
        self, action: Action, *, situation: Situation, planned: tuple[Action, ...]
    ) -> Action | Veto:
        """Return ``action`` to allow it, a moved copy, or a ``Veto``."""
        ...


def move(
    action: Action, to: datetime, *, reason: str, guard: str, latest: datetime | None = None
) -> Action:
    """Return ``action`` moved to start at ``to``, with ``reason`` and ``guard`` recorded.

    The window keeps its length unless ``latest`` is given.
    """
    if latest is None:
        latest = shift(to, span(action.earliest, action.latest))
    return replace(
        action,
        earliest=to,
        latest=later(latest, to),
        reasons=(*action.reasons, f"{guard}: {reason}"),
        moved_by=(*action.moved_by, guard),
    )
