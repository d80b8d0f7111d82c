"""The layers of the package, read from its imports (docs/architecture.md).

Every ``import`` and ``from ... import`` in the source is read, those inside
functions too (a lazy import is still a dependency). Each rule says which
part of the package may not reach which other; a failure names the module
and what it imports.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

import outreach_rules

PACKAGE = Path(outreach_rules.__file__).parent


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def _graph() -> dict[str, frozenset[str]]:
    """Each module of the package and the modules of the package it imports."""
    modules = {_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, frozenset[str]] = {}
    for module, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for alias in node.names:
                    whole = f"{node.module}.{alias.name}"
                    found.add(whole if whole in modules else node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[module] = frozenset(name for name in found if name in modules and name != module)
    return graph


def _within(module: str, part: str) -> bool:
    if not part:
        return True  # the whole package
    full = f"outreach_rules.{part}"
    return module == full or module.startswith(f"{full}.")


def _offences(
    source: str, forbidden: tuple[str, ...], *, allowed: tuple[str, ...] = ()
) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if _within(module, source)
        for target in targets
        if any(_within(target, part) for part in forbidden)
        and not any(_within(target, part) for part in allowed)
    )


def test_the_graph_sees_the_modules_and_their_lazy_imports():
    """The reader finds the engine's imports and a lazy one inside a function."""
    graph = _graph()
    assert "outreach_rules.situation" in graph["outreach_rules.engine"]
    # compliance.places is imported inside a function of the cadence checks.
    assert "outreach_rules.compliance.places" in graph["outreach_rules.cadences._check"]


def test_guards_and_policies_never_import_each_other():
    """No guard imports a policy, and no policy imports a guard."""
    assert _offences("guards", ("policies",)) == []
    assert _offences("policies", ("guards",)) == []


@pytest.mark.parametrize(
    "policy",
    sorted(m for m in _graph() if m.startswith("outreach_rules.policies.") and "._" not in m),
)
def test_a_policy_imports_no_other_policy(policy):
    """A policy uses the shared helpers and the package's types, never another policy."""
    others = {
        target
        for target in _graph()[policy]
        if _within(target, "policies")
        and target not in ("outreach_rules.policies", "outreach_rules.policies._common")
    }
    assert others == set()


def test_the_cadences_stay_beside_data_exchange():
    """The cadence layer imports neither ``exchange`` nor anything above it."""
    above = ("exchange", "frames", "cli", "simulation", "integrations", "ics")
    assert _offences("cadences", above) == []


@pytest.mark.parametrize("top", ["cli", "simulation", "integrations"])
def test_nothing_below_the_top_imports_it(top):
    """Only the top layers and the lazy exports of the package reach the top layers."""
    tops = ("cli", "simulation", "integrations")
    offences = [
        offence
        for offence in _offences("", (top,))
        if not any(offence.startswith(f"outreach_rules.{t}") for t in tops)
        and not offence.startswith("outreach_rules imports")
    ]
    assert offences == []


@pytest.mark.parametrize(
    "values",
    [
        "channels", "outcomes", "prospects", "phone", "history", "actions", "calendar",
        "compliance", "_placement",
    ],
)  # fmt: skip
def test_values_and_law_sit_below_the_engine(values):
    """Values, calendars and the packs import nothing that plans, guards or proposes."""
    upper = ("situation", "engine", "policies", "guards", "playbooks", "cadences", "exchange")
    assert _offences(values, upper) == []
