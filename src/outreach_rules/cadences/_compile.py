"""From a cadence to a playbook: named policies and guards, their options, the steps.

Names resolve, in order, to the factories the caller passes, the built-in
ones, then plugins installed under the entry-point groups
``outreach_rules.policies`` and ``outreach_rules.guards``. A file only ever
names a factory; it never names a module to import or code to run.

A factory that is an ``attrs`` class is built from the options, which are
checked against its field types; anything else is used as the policy or
guard itself and takes no options.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from datetime import time, timedelta
from importlib.metadata import entry_points
from types import MappingProxyType
from typing import Any

import attrs
import cattrs

from outreach_rules._convert import problems, strict, values_converter
from outreach_rules.cadences import _shape
from outreach_rules.cadences._check import hours_of
from outreach_rules.cadences._model import MAX_COUNT, Cadence, PolicyRef
from outreach_rules.cadences._sequence import Sequence
from outreach_rules.channels import Channel
from outreach_rules.errors import InvalidData
from outreach_rules.guards.business_hours import BusinessHours
from outreach_rules.guards.hold import OutOfOfficeHold
from outreach_rules.offerings import Offering
from outreach_rules.policies.brush_off import BrushOff
from outreach_rules.policies.direct_mail import DirectMail
from outreach_rules.policies.end_of_cadence import end_of_cadence, out_of_numbers
from outreach_rules.policies.follow_up import FollowUp
from outreach_rules.policies.interest import SendInfo
from outreach_rules.policies.intro import intro_call
from outreach_rules.policies.occasions import Birthday, ConnectionRequest, LunchInvite
from outreach_rules.policies.re_engagement import ReEngage
from outreach_rules.policies.receptionist import Receptionist
from outreach_rules.policies.reconnect import Reconnect
from outreach_rules.policies.requested_callback import RequestedCallback
from outreach_rules.prospects import Sender
from outreach_rules.scripts import TemplatePair, default_templates
from outreach_rules.trips import Trip

__all__ = ["BUILTIN_GUARDS", "BUILTIN_POLICIES", "GUARD_GROUP", "POLICY_GROUP", "to_playbook"]

POLICY_GROUP = "outreach_rules.policies"
"""The entry-point group where installed packages offer policies to cadence files by name."""
GUARD_GROUP = "outreach_rules.guards"
"""The entry-point group where installed packages offer guards to cadence files by name."""

BUILTIN_POLICIES: Mapping[str, Any] = MappingProxyType(
    {
        "end_of_cadence": end_of_cadence,
        "out_of_numbers": out_of_numbers,
        "intro_call": intro_call,
        "follow_up": FollowUp,
        "receptionist": Receptionist,
        "requested_callback": RequestedCallback,
        "reconnect": Reconnect,
        "send_info": SendInfo,
        "brush_off": BrushOff,
        "birthday": Birthday,
        "connection_request": ConnectionRequest,
        "lunch_invite": LunchInvite,
        "re_engage": ReEngage,
        "direct_mail": DirectMail,
    }
)
"""The policies a cadence file can name without any plugin."""

BUILTIN_GUARDS: Mapping[str, Any] = MappingProxyType(
    {"out_of_office_hold": OutOfOfficeHold, "business_hours": BusinessHours}
)
"""The guards a cadence file can name; the engine's own guards always run anyway."""

ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "connection": "connection_request",
        "re_engagement": "re_engage",
        "out_of_office": "out_of_office_hold",
    }
)
"""The names plans show for three built-ins, so that a name read off a plan works in a file."""

_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def _count(value: Any, _: Any) -> int:
    # Every whole-number option of the built-ins counts something: days, calls, cards.
    count: int = strict(int)(value, int)
    if count < 0:
        raise ValueError(f"expected a whole number ≥ 0, got {value!r}")
    if count > MAX_COUNT:
        raise ValueError(f"expected at most {MAX_COUNT:,}, got {value!r}")
    return count


def _duration(value: Any, _: Any) -> timedelta:
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None or value in ("P", "PT"):
        raise ValueError(f"{value!r} is not an ISO 8601 duration such as 'PT30M', 'PT2H' or 'P1D'")
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if days + (hours + (minutes + seconds // 60) // 60) // 24 > MAX_COUNT:
        raise ValueError(f"{value!r} is longer than {MAX_COUNT:,} days")
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _clock(value: Any, _: Any) -> time:
    if isinstance(value, time):  # a TOML local time, e.g. at = 10:00:00
        return value
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} is not a time of day such as '10:00'")
    return time(int(match[1]), int(match[2]))


@functools.cache
def _options_converter() -> cattrs.Converter:
    """The data-exchange converter (strict text, flags, enums) plus the options' own forms."""
    conv = values_converter().copy()
    conv.register_structure_hook(int, _count)
    conv.register_structure_hook(timedelta, _duration)
    conv.register_structure_hook(time, _clock)
    return conv


def _known(kind: str, extra: Mapping[str, Any]) -> list[str]:
    builtin = BUILTIN_POLICIES if kind == "policies" else BUILTIN_GUARDS
    group = POLICY_GROUP if kind == "policies" else GUARD_GROUP
    installed = [ep.name for ep in entry_points(group=group)]
    return sorted({*extra, *builtin, *installed})


def _resolve(kind: str, name: str, extra: Mapping[str, Any]) -> Any:
    if name in extra:
        return extra[name]
    builtin = BUILTIN_POLICIES if kind == "policies" else BUILTIN_GUARDS
    canonical = ALIASES.get(name, name)
    if canonical in builtin:
        return builtin[canonical]
    group = POLICY_GROUP if kind == "policies" else GUARD_GROUP
    for point in entry_points(group=group, name=name):
        return point.load()
    return None


def build(kind: str, index: int, ref: PolicyRef, extra: Mapping[str, Any]) -> tuple[Any, list[str]]:
    """Make the policy or guard ``ref`` names; the problems, each with its path, if it cannot."""
    where = f"{kind}[{index}]"
    factory = _resolve(kind, ref.use, extra)
    if factory is None:
        known = ", ".join(_known(kind, extra))
        return None, [
            f"{where}.use: no {'policy' if kind == 'policies' else 'guard'} named {ref.use!r}; "
            f"known: {known}"
        ]
    if isinstance(factory, type) and attrs.has(factory):
        # An option of the wrong shape is refused before building (a string for a list
        # would be split into letters).
        shapes = _shape.problems(dict(ref.options), factory, where)
        if shapes:
            return None, shapes
        try:
            return _options_converter().structure(dict(ref.options), factory), []
        except Exception as exc:  # every failure becomes a located problem
            return None, [
                f"{where}.{p}" if not p.startswith("(top)") else f"{where}{p[5:]}"
                for p in problems(exc)
            ]
    if ref.options:
        return None, [f"{where}: {ref.use!r} takes no options, got {', '.join(ref.options)}"]
    if not callable(factory):
        return None, [f"{where}.use: {ref.use!r} is installed but is not callable"]
    return factory, []


def to_playbook(
    cadence: Cadence,
    *,
    sender: Sender | None = None,
    offerings: Iterable[Offering] = (),
    trips: Iterable[Trip] = (),
    templates: Mapping[tuple[str, Channel], TemplatePair] | None = None,
    policies: Mapping[str, Any] | None = None,
    guards: Mapping[str, Any] | None = None,
) -> Any:
    """Build the playbook ``cadence`` describes; ``orl.InvalidData`` lists what cannot be built."""
    from outreach_rules.playbooks import Playbook

    found: list[str] = []
    made: dict[str, list[Any]] = {"policies": [], "guards": []}
    for kind, refs, extra in (
        ("policies", cadence.policies, policies or {}),
        ("guards", cadence.guards, guards or {}),
    ):
        for index, ref in enumerate(refs):
            item, problems = build(kind, index, ref, extra)
            found += problems
            if item is not None:
                made[kind].append(item)
    found += _scripts(cadence, templates)
    if found:
        raise InvalidData(found)
    if cadence.steps:
        made["policies"].append(Sequence(cadence=cadence))
    return Playbook(
        policies=tuple(made["policies"]),
        guards=tuple(made["guards"]),
        sender=sender,
        offerings=tuple(offerings),
        trips=tuple(trips),
        hours=hours_of(cadence.business_hours),
        templates=templates,
        compliance=cadence.compliance,
        name=cadence.name,
    )


def _scripts(
    cadence: Cadence, templates: Mapping[tuple[str, Channel], TemplatePair] | None
) -> list[str]:
    """Every script a step names must exist for the channel the step uses."""
    known = default_templates()
    known.update(templates or {})
    found: list[str] = []
    for i, step in enumerate(cadence.steps):
        uses = [(f"steps[{i}].script", step.script, step.channel)]
        uses += [
            (
                f"steps[{i}].variants[{j}].script",
                variant.script or step.script,
                variant.channel or step.channel,
            )
            for j, variant in enumerate(step.variants)
        ]
        for where, script, channel in uses:
            if script is None or (script, channel) in known:
                continue
            names = ", ".join(sorted(key for key, on in known if on is channel))
            found.append(f"{where}: no {channel.value} template named {script!r}; known: {names}")
    return found
