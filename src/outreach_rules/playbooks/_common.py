"""What the playbook factories share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from outreach_rules.calendar import Hours
from outreach_rules.channels import Channel
from outreach_rules.offerings import Offering
from outreach_rules.playbooks import Playbook
from outreach_rules.prospects import Sender
from outreach_rules.scripts import TemplatePair
from outreach_rules.trips import Trip


def assemble(
    name: str,
    policies: tuple[Any, ...],
    guards: tuple[Any, ...],
    *,
    sender: Sender | None,
    offerings: Iterable[Offering],
    trips: Iterable[Trip],
    hours: Hours | None,
    templates: Mapping[tuple[str, Channel], TemplatePair] | None,
    compliance: Iterable[str] = (),
) -> Playbook:
    """Build a named playbook from its parts and the common options."""
    return Playbook(
        policies=policies,
        guards=guards,
        sender=sender,
        offerings=tuple(offerings),
        trips=tuple(trips),
        hours=hours or Hours.weekly(),
        templates=templates,
        compliance=frozenset(compliance),
        name=name,
    )
