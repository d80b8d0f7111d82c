"""Cadences as data: playbooks written as TOML or JSON files, checked before use.

A cadence file lists steps (a channel, when each is due, its window and
script, branches on the outcome, A/B variants), the exits, the
re-enrolment rule, and named policies and guards beside the steps:

```python
cadence = orl.cadences.load("cold_outbound.toml")
playbook = cadence.to_playbook(sender=sender)
plan = orl.plan(prospect, history, now=now, playbook=playbook)
```

The built-in playbooks ship as cadence files too: ``builtin("cold_calling")``.
"""

from __future__ import annotations

from outreach_rules.cadences._compile import (
    BUILTIN_GUARDS,
    BUILTIN_POLICIES,
    GUARD_GROUP,
    POLICY_GROUP,
)
from outreach_rules.cadences._load import InvalidCadence, Problem, load, loads
from outreach_rules.cadences._model import (
    END,
    Cadence,
    Exits,
    PolicyRef,
    Recipient,
    ReEnrol,
    ReEnrolRule,
    Since,
    Step,
    Unit,
    Variant,
    Wait,
    Window,
)
from outreach_rules.cadences._schema import schema
from outreach_rules.cadences._sequence import Position, Sequence, Taken, position, variant_for
from outreach_rules.cadences._show import timeline

__all__ = [
    "BUILTIN_GUARDS",
    "BUILTIN_POLICIES",
    "END",
    "GUARD_GROUP",
    "POLICY_GROUP",
    "Cadence",
    "Exits",
    "InvalidCadence",
    "PolicyRef",
    "Position",
    "Problem",
    "ReEnrol",
    "ReEnrolRule",
    "Recipient",
    "Sequence",
    "Since",
    "Step",
    "Taken",
    "Unit",
    "Variant",
    "Wait",
    "Window",
    "builtin",
    "builtin_names",
    "load",
    "loads",
    "position",
    "schema",
    "timeline",
    "variant_for",
]


def builtin_names() -> tuple[str, ...]:
    """The names of the cadence files that ship with the library."""
    from importlib.resources import files

    folder = files("outreach_rules.cadences") / "builtin"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


def builtin(name: str) -> Cadence:
    """The cadence file of a built-in playbook, e.g. ``builtin("cold_calling")``."""
    from importlib.resources import files

    names = builtin_names()
    if name not in names:
        raise ValueError(f"name: no built-in cadence {name!r}; valid: {', '.join(names)}")
    resource = files("outreach_rules.cadences") / "builtin" / f"{name}.toml"
    return loads(resource.read_text(encoding="utf-8"), source=f"{name}.toml")
