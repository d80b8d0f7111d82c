"""Checks that need the whole cadence: the step graph, its loops and its windows."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from outreach_rules._validate import key_path
from outreach_rules.calendar import Hours
from outreach_rules.channels import Channel, LegalHours, traits

if TYPE_CHECKING:
    from outreach_rules.cadences._model import Cadence, Step, Window

_MARKET = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


def family(channel: Channel) -> Channel:
    """The channel a touch counts under: a voicemail drop counts as a call."""
    return traits(channel).kin


def problems(cadence: Cadence) -> list[str]:
    """Every problem of the cadence as a whole, each as ``path: message``."""
    found: list[str] = []
    found += _markets(cadence)
    if not cadence.steps:
        return found
    ids = _ids(cadence, found)
    if found:
        return found
    edges = _edges(cadence, ids, found)
    found += _first_step(cadence)
    found += _unreachable(cadence, edges)
    found += _loops(cadence, edges)
    found += _shadowed_branches(cadence)
    found += _windows(cadence)
    return found


def _ids(cadence: Cadence, found: list[str]) -> dict[str, int]:
    from outreach_rules.cadences._model import END

    ids: dict[str, int] = {}
    for i, step in enumerate(cadence.steps):
        if step.id == END:
            found.append(f"steps[{i}].id: 'end' is reserved for finishing the cadence")
        elif step.id in ids:
            found.append(f"steps[{i}].id: {step.id!r} repeats steps[{ids[step.id]}]")
        else:
            ids[step.id] = i
    return ids


def _edges(cadence: Cadence, ids: dict[str, int], found: list[str]) -> dict[str, list[str]]:
    from outreach_rules.cadences._model import END

    known = ", ".join([*ids, END])
    edges: dict[str, list[str]] = {}
    for i, step in enumerate(cadence.steps):
        targets = [("next", cadence.following(step))]
        targets += [(key_path("on", outcome), target) for outcome, target in step.on.items()]
        edges[step.id] = []
        for where, target in targets:
            if target != END and target not in ids:
                found.append(f"steps[{i}].{where}: {target!r} is not a step; valid: {known}")
            elif target != END:
                edges[step.id].append(target)
    return edges


def _first_step(cadence: Cadence) -> list[str]:
    first = cadence.steps[0]
    if (first.day or 1) != 1 or (first.wait is not None and first.wait.amount):
        return [
            "steps[0]: the first step is taken on enrolment, so it cannot wait; give it "
            "day = 1 (or no day) and let the CRM enrol the prospect on the day it should start"
        ]
    return []


def _reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _unreachable(cadence: Cadence, edges: dict[str, list[str]]) -> list[str]:
    seen = _reachable(cadence.steps[0].id, edges)
    return [
        f"steps[{i}]: {step.id!r} is unreachable: no next or branch leads to it from "
        f"{cadence.steps[0].id!r}"
        for i, step in enumerate(cadence.steps)
        if step.id not in seen
    ]


def _loops(cadence: Cadence, edges: dict[str, list[str]]) -> list[str]:
    """A loop must be bounded by a limit on touches, or it calls for ever."""
    limits = cadence.exit
    if limits.max_total is not None:
        return []
    found: list[str] = []
    index = {step.id: i for i, step in enumerate(cadence.steps)}
    for component in _cycles(edges):
        members = sorted(component, key=index.__getitem__)
        channels = {family(c) for s in members for c in _channels(cadence.step(s))}
        unbounded = sorted(c.value for c in channels if c not in limits.max_attempts)
        if unbounded:
            loop = " → ".join([*members, members[0]])
            found.append(
                f"steps[{index[members[0]]}]: the loop {loop} has no way out if the same "
                f"outcome keeps coming; bound it with exit.max_total or exit.max_attempts for "
                f"{', '.join(unbounded)}"
            )
    return found


def _channels(step: Step) -> set[Channel]:
    """Every channel a step may use: its own and its variants'."""
    return {step.channel} | {v.channel for v in step.variants if v.channel is not None}


def _cycles(edges: dict[str, list[str]]) -> list[frozenset[str]]:
    """The strongly connected parts of the step graph that hold a cycle (Tarjan)."""
    counter = 0
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[frozenset[str]] = []

    def visit(node: str) -> None:
        nonlocal counter
        order[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in order:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], order[target])
        if low[node] == order[node]:
            part: set[str] = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.add(top)
                if top == node:
                    break
            if len(part) > 1 or node in edges.get(node, ()):
                result.append(frozenset(part))

    for node in edges:
        if node not in order:
            visit(node)
    return result


def _shadowed_branches(cadence: Cadence) -> list[str]:
    exits = cadence.exit.names
    return [
        f"{key_path(f'steps[{i}].on', outcome)}: never taken, because {outcome} ends the "
        "cadence (exit.on); remove the branch or the exit"
        for i, step in enumerate(cadence.steps)
        for outcome in step.on
        if outcome in exits
    ]


def _markets(cadence: Cadence) -> list[str]:
    return [
        f"markets[{i}]: {market!r} is not a country or region code such as 'US' or 'US-FL'"
        for i, market in enumerate(cadence.markets)
        if not _MARKET.match(market)
    ]


def hours_of(window: Window) -> Hours:
    """The weekly hours of a window."""
    return Hours.weekly(window.start, window.end, days=window.weekdays)


def _windows(cadence: Cadence) -> list[str]:
    """Every step window must leave time inside the business hours and, for calls, the law."""
    from outreach_rules.compliance.places import lawful_calendar

    business = hours_of(cadence.business_hours)
    markets = [(m, *_split(m)) for m in cadence.markets if _MARKET.match(m)]
    found: list[str] = []
    for i, step in enumerate(cadence.steps):
        shapes: list[tuple[str, Window | None, Channel | None]] = [
            (f"steps[{i}]", step.window, step.channel)
        ]
        shapes += [
            (f"steps[{i}].variants[{j}]", variant.window or step.window, variant.channel)
            for j, variant in enumerate(step.variants)
            if variant.window is not None or variant.channel is not None
        ]
        for where, window, channel in shapes:
            own = business if window is None else business.intersect(hours_of(window))
            shown = window.describe() if window else "the business hours"
            if not any(own.windows):
                found.append(
                    f"{where}.window: {shown} never overlaps the business hours "
                    f"{cadence.business_hours.describe()}"
                )
                continue
            if traits(channel or step.channel).legal_hours is not LegalHours.CALLS:
                continue
            jurisdictions: list[tuple[str, str | None, str | None]] = list(markets) or [
                ("anywhere", None, None)
            ]
            for market, country, region in jurisdictions:
                law = lawful_calendar("UTC", country, region, cadence.compliance).hours
                if not any(own.intersect(law).windows):
                    found.append(
                        f"{where}.window: {shown} leaves no lawful time to call in {market}"
                        + ("" if country else " (calls are never placed outside 08:00–21:00)")
                    )
    return found


def _split(market: str) -> tuple[str, str | None]:
    country, _, region = market.partition("-")
    return country, region or None
