"""Data exchange: every public value to JSON-compatible dicts and back, without loss.

Aware datetimes are written as RFC 9557 text, ISO 8601 with the offset and,
when known, the zone name (``2026-03-10T10:00:00-04:00[America/New_York]``);
``to_dict(value, zone_names=False)`` writes plain RFC 3339 with the offset
instead (``2026-03-10T10:00:00-04:00``), which ``datetime.fromisoformat``,
JavaScript's ``Date`` and databases read. Both are accepted on input, a
naive time is not. A datetime is written as the instant it stands for: a
wall time that does not exist (02:30 on a spring-forward day) is written as
the time the clocks showed at that instant (03:30, summer time).
Sets are written as sorted lists. History entries and references are told
apart by their fields: an attempt has an ``outcome``, an event a ``kind``,
an action a ``purpose``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import cattrs

from outreach_rules._convert import format_datetime, located, parse_datetime, problems
from outreach_rules.accounts import AccountRules
from outreach_rules.actions import Action, Script
from outreach_rules.brief import Brief
from outreach_rules.cadences._data import converter
from outreach_rules.cadences._data import read as read_cadence
from outreach_rules.cadences._model import Cadence
from outreach_rules.capacity import Mailbox, Rep, RepCalendar, TimeOff
from outreach_rules.dayplan import DayPlan
from outreach_rules.errors import InvalidData
from outreach_rules.guards import Veto
from outreach_rules.history import Attempt, Event, HistoryItem
from outreach_rules.lint import Finding
from outreach_rules.offerings import Offering
from outreach_rules.plans import Plan
from outreach_rules.policies import Halt
from outreach_rules.prospects import Phone, Prospect, Sender
from outreach_rules.replies import Reply
from outreach_rules.trips import Trip

__all__ = [
    "VALUE_TYPES",
    "format_datetime",
    "from_dict",
    "history_from_dicts",
    "located",
    "parse_datetime",
    "problems",
    "to_dict",
]

T = TypeVar("T")

VALUE_TYPES: tuple[type, ...] = (
    Prospect,
    Phone,
    Sender,
    Attempt,
    Event,
    Offering,
    Trip,
    Action,
    Script,
    Plan,
    Brief,
    Cadence,
    DayPlan,
    Finding,
    Halt,
    Veto,
    AccountRules,
    Reply,
    Mailbox,
    TimeOff,
    RepCalendar,
    Rep,
)
"""The public values that ``to_dict``/``from_dict`` exchange (and, when it is loaded, those of
``outreach_rules.simulation``: see ``SIMULATION_VALUE_NAMES``)."""

SIMULATION_VALUE_NAMES: tuple[str, ...] = (
    "AttemptRecord",
    "Comparison",
    "Conversation",
    "Costs",
    "Estimate",
    "EventRecord",
    "FieldModel",
    "Place",
    "ProspectRecord",
    "Response",
    "Run",
    "Summary",
)
"""The values of ``outreach_rules.simulation`` that ``to_dict``/``from_dict`` exchange.

Named rather than imported: the simulation sits above this module and is
loaded only by those who use it (its values cannot exist before it is).
``Settings`` is not among them: its response model may be any object.
"""


def _converter() -> cattrs.Converter:
    """The converter that writes datetimes with their zone names (and reads both forms)."""
    return converter(zone_names=True)


def _converter_for(*, zone_names: bool) -> cattrs.Converter:
    return converter(zone_names=zone_names)


def _simulation_values() -> tuple[type, ...]:
    """The simulation's exchanged values, if it is loaded (it is, if one of them exists)."""
    module = sys.modules.get("outreach_rules.simulation")
    if module is None:
        return ()
    return tuple(getattr(module, name) for name in SIMULATION_VALUE_NAMES)


def _exchanged(cls: object) -> bool:
    return cls in VALUE_TYPES or cls in _simulation_values()


def _known_names() -> str:
    return ", ".join(t.__name__ for t in VALUE_TYPES + _simulation_values())


def to_dict(value: Any, *, zone_names: bool = True) -> dict[str, Any]:
    """Return a JSON-compatible dict for any public value (see ``VALUE_TYPES``).

    Datetimes are RFC 9557 text with the zone's name
    (``2026-11-23T09:30:00-05:00[America/New_York]``), which keeps the zone
    for planning; with ``zone_names=False`` they are plain RFC 3339 with the
    offset (``2026-11-23T09:30:00-05:00``), for ``datetime.fromisoformat``,
    JavaScript's ``Date``, databases and other tools that reject the zone
    name. ``from_dict`` reads both; without the name, a datetime comes back
    at the same instant with a fixed offset instead of the zone.
    """
    if not _exchanged(type(value)):
        raise TypeError(f"to_dict: expected one of {_known_names()}, got {type(value).__name__}")
    result = _converter_for(zone_names=zone_names).unstructure(value, type(value))
    assert isinstance(result, dict)
    return result


def from_dict(cls: type[T], data: object, *, source: str | None = None) -> T:
    """Build a ``cls`` value from a dict made by ``to_dict`` (or written by hand).

    Raises ``orl.InvalidData`` listing each bad field with its path, e.g.
    ``history[3].outcome: 'hungup' is not one of: ...``. ``source`` (a file
    name, a record number) prefixes every message.
    """
    if not _exchanged(cls):
        raise TypeError(f"from_dict: expected one of {_known_names()}, got {cls!r}")
    if not isinstance(data, Mapping):
        raise InvalidData(
            [f"(top): expected an object for {cls.__name__}, got {data!r}"], source=source
        )
    if cls is Cadence:
        # As for a cadence file: a value of the wrong shape is one problem at its own path.
        return read_cadence(data, source=source)  # type: ignore[return-value]
    try:
        return _converter().structure(data, cls)
    except Exception as exc:  # every failure becomes one located message per problem
        raise InvalidData(problems(exc), source=source) from None


def history_from_dicts(entries: Iterable[object]) -> tuple[list[HistoryItem], list[str]]:
    """Read a record's history (an entry with a ``kind`` is an event, any other an attempt).

    Returns the items read and the problems of the others, each located as
    ``history[i].field``, in order: callers that report one problem take the first.
    """
    history: list[HistoryItem] = []
    found: list[str] = []
    for index, entry in enumerate(entries):
        kind: type[Attempt] | type[Event] = (
            Event if isinstance(entry, Mapping) and "kind" in entry else Attempt
        )
        try:
            history.append(from_dict(kind, entry))
        except InvalidData as exc:
            found.extend(located(f"history[{index}]", problem) for problem in exc.problems)
    return history, found
