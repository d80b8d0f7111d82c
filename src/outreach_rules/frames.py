"""Plans as data frames, and CRM exports held in data frames as prospects with their histories.

``plans_to_frame`` turns plans into one table, a row per action, for
reporting and analysis; ``frame_to_pairs`` reads a CRM export (a prospects
frame, an attempts frame and optionally an events frame) into the
``(prospect, history)`` pairs that ``orl.plan_many`` and ``orl.plan_day``
take. Both work with pandas or polars, which are optional and imported
only when called:

    pip install "outreach-rules[sim]"
"""

from __future__ import annotations

import csv
import importlib
import numbers
import os
import re
import reprlib
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time, tzinfo
from types import MappingProxyType
from typing import Any

from outreach_rules import _validate as v
from outreach_rules._suggest import did_you_mean
from outreach_rules._time import plain, zone
from outreach_rules.actions import Action
from outreach_rules.channels import Channel
from outreach_rules.errors import InvalidData
from outreach_rules.exchange import from_dict, parse_datetime
from outreach_rules.history import Attempt, Event, HistoryItem, order_key
from outreach_rules.outcomes import Outcome
from outreach_rules.plans import Plan
from outreach_rules.prospects import Phone, Prospect

__all__ = [
    "BACKENDS",
    "COLUMNS",
    "HISTORY_FIELDS",
    "LAYOUTS",
    "frame_to_pairs",
    "plans_to_frame",
    "read_history",
]

COLUMNS: tuple[str, ...] = (
    "prospect_id",
    "channel",
    "purpose",
    "earliest_local",
    "latest_local",
    "timezone",
    "earliest_utc",
    "latest_utc",
    "to",
    "priority",
    "leave_voicemail",
    "policy",
    "reasons",
    "script_opener",
    "script_voicemail",
    "vetoed_by",
)
"""The columns of ``plans_to_frame``, in order."""

BACKENDS: tuple[str, ...] = ("pandas", "polars")
"""The data-frame libraries ``plans_to_frame`` can build."""

_EXTRA = "sim"

# What each column of plans_to_frame holds, as pandas and polars name it.
_TEXT, _MOMENT, _INTEGER, _BOOLEAN = "text", "moment", "integer", "boolean"
_KINDS: dict[str, str] = {
    **dict.fromkeys(COLUMNS, _TEXT),
    "earliest_utc": _MOMENT,
    "latest_utc": _MOMENT,
    "priority": _INTEGER,
    "leave_voicemail": _BOOLEAN,
}

# Columns of a CRM export, by what the cell holds.
_PROSPECT_REQUIRED = ("id", "timezone")
_PROSPECT_TEXT = (
    "name",
    "address",
    "country",
    "region",
    "city",
    "company",
    "linkedin",
    "account",
    "owner",
)
_PROSPECT_LISTS = ("emails", "interests", "flags", "possible_timezones")
_PROSPECT_DATES = ("birthday", "last_purchase", "last_inquiry")
_ATTEMPT_FIELDS = ("at", "channel", "outcome")
_ATTEMPT_REQUIRED = ("prospect_id", *_ATTEMPT_FIELDS)
_ATTEMPT_TEXT = ("channel", "outcome", "to", "notes", "reason")
_ATTEMPT_MOMENTS = ("at", "callback_at", "resume_at")
_EVENT_FIELDS = ("at", "kind")
_EVENT_REQUIRED = ("prospect_id", *_EVENT_FIELDS)
_EVENT_TEXT = ("kind", "channel", "notes")
_EVENT_MOMENTS = ("at", "resume_at")
_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})
_SEPARATOR = ";"


def _library(name: str, needed_by: str) -> Any:
    """Import pandas or polars by name, or say how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(
            f"{needed_by} needs {name}: pip install 'outreach-rules[{_EXTRA}]'"
        ) from exc


# -- plans to a frame --------------------------------------------------------


def plans_to_frame(plans: Iterable[Plan], *, backend: str = "pandas", vetoed: bool = False) -> Any:
    """Return a pandas or polars data frame with one row per action of ``plans``.

    Rows follow the plans in order, each plan's actions in order; with
    ``vetoed=True`` each plan's refused actions follow its actions, with the
    guard that refused them in ``vetoed_by``. The columns are ``COLUMNS``:
    ``earliest_local``/``latest_local`` are ISO 8601 text with the offset in
    the prospect's zone (named in ``timezone``), since one column cannot
    hold many zones; ``earliest_utc``/``latest_utc`` are the same instants
    as timezone-aware UTC datetimes; ``reasons`` are joined with ``"; "``;
    ``channel`` and ``purpose`` are plain text. An empty input gives an
    empty frame with the same columns and types. A single ``Plan`` is
    taken as a list of one.

    Raises ``ValueError`` for an unknown ``backend``, ``TypeError`` naming
    ``plans[i]`` for an item that is not an ``orl.Plan``, and
    ``ImportError`` when the backend's library is not installed.
    """
    if backend not in BACKENDS:
        valid = ", ".join(repr(name) for name in BACKENDS)
        raise ValueError(f"backend: {backend!r} is not one of: {valid}")
    v.boolean(vetoed, "vetoed")
    library = _library(backend, f"plans_to_frame(backend={backend!r})")
    columns = _columns(plans, vetoed=vetoed)
    if backend == "pandas":
        return _pandas_frame(library, columns)
    return _polars_frame(library, columns)


def _columns(plans: Iterable[Plan], *, vetoed: bool) -> dict[str, list[Any]]:
    if isinstance(plans, Plan):
        plans = (plans,)
    if isinstance(plans, (str, bytes, Mapping)) or not isinstance(plans, Iterable):
        raise TypeError(
            "plans: expected an iterable of orl.Plan, "
            f"got {type(plans).__name__} {reprlib.repr(plans)}"
        )
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for i, plan in enumerate(plans):
        if not isinstance(plan, Plan):
            raise TypeError(
                f"plans[{i}]: expected an orl.Plan, got {type(plan).__name__} {reprlib.repr(plan)}"
            )
        tz = zone(plan.timezone)
        for action in plan.actions:
            _add_row(columns, plan, tz, action, vetoed_by=None)
        if vetoed:
            for action in plan.vetoed:
                _add_row(columns, plan, tz, action, vetoed_by=action.vetoed_by)
    return columns


def _add_row(
    columns: dict[str, list[Any]],
    plan: Plan,
    tz: tzinfo,
    action: Action,
    *,
    vetoed_by: str | None,
) -> None:
    script = action.script
    row: dict[str, Any] = {
        "prospect_id": plan.prospect_id,
        "channel": action.channel.value,
        "purpose": str(action.purpose),
        "earliest_local": action.earliest.astimezone(tz).isoformat(),
        "latest_local": action.latest.astimezone(tz).isoformat(),
        "timezone": plan.timezone,
        "earliest_utc": action.earliest.astimezone(UTC),
        "latest_utc": action.latest.astimezone(UTC),
        "to": action.to,
        "priority": action.priority,
        "leave_voicemail": action.leave_voicemail,
        "policy": action.policy,
        "reasons": "; ".join(action.reasons),
        "script_opener": script.opener if script is not None else None,
        "script_voicemail": script.voicemail if script is not None else None,
        "vetoed_by": vetoed_by,
    }
    for name in COLUMNS:
        columns[name].append(row[name])


def _pandas_frame(pd: Any, columns: dict[str, list[Any]]) -> Any:
    # ``str`` is pandas' own text type: the string dtype from pandas 3, objects before.
    dtypes = {_TEXT: str, _MOMENT: "datetime64[us, UTC]", _INTEGER: "int64", _BOOLEAN: "bool"}
    return pd.DataFrame(
        {name: pd.Series(values, dtype=dtypes[_KINDS[name]]) for name, values in columns.items()}
    )


def _polars_frame(pl: Any, columns: dict[str, list[Any]]) -> Any:
    dtypes = {
        _TEXT: pl.String,
        _MOMENT: pl.Datetime(time_unit="us", time_zone="UTC"),
        _INTEGER: pl.Int64,
        _BOOLEAN: pl.Boolean,
    }
    schema = {name: dtypes[_KINDS[name]] for name in COLUMNS}
    return pl.DataFrame(columns, schema=schema)


# -- a CRM export to (prospect, history) pairs -------------------------------


def frame_to_pairs(
    prospects: Any, attempts: Any = None, *, events: Any = None
) -> list[tuple[Prospect, tuple[HistoryItem, ...]]]:
    """Read a CRM export held in pandas or polars data frames into ``(prospect, history)`` pairs.

    One pair per row of ``prospects``, in that order. Prospect columns:
    ``id`` and ``timezone`` (required), ``name``, ``phones``, ``emails``,
    ``address``, ``country``, ``region``, ``city``, ``company``,
    ``birthday``, ``interests``, ``consumer``, ``flags``,
    ``last_purchase``, ``last_inquiry``, ``possible_timezones``,
    ``linkedin``, ``account``, ``owner``. Attempt
    columns: ``prospect_id``, ``at``, ``channel``, ``outcome`` (required),
    ``to``, ``notes``, ``reason``, ``interests``, ``callback_at``,
    ``resume_at``, ``new_phone``. Event columns (``events``):
    ``prospect_id``, ``at``, ``kind`` (required), ``channel``, ``notes``,
    ``resume_at``, ``interests``. Other columns are ignored.

    Lists (phones, e-mails, interests, flags, zones) are lists or text
    separated by ``";"``; a phone may carry its kind as ``"mobile:+46701234567"``.
    Datetimes are aware datetimes or ISO 8601 / RFC 9557 text with an
    offset; a naive one is an error, never guessed. Dates are dates, ISO
    text, or naive datetimes at midnight (how pandas holds dates). Whole
    numbers in ``id`` and ``prospect_id`` are read as text. ``None``,
    NaN, NaT and blank text mean "not given". Each history holds the
    prospect's attempts, then its events, in frame order.

    Every row is checked, by the same rules as ``orl.from_dict``, and all
    problems are raised together as one ``orl.InvalidData``, each line
    naming the frame, the row (its position, from 0) and the field:
    ``prospects row 3 (id 'p-7'): timezone: 'Mars/Olympus' is not a known
    IANA time zone``. A history row whose ``prospect_id`` is not in
    ``prospects`` is a problem too. A frame of another kind is a
    ``TypeError``; pandas and polars frames may be mixed.
    """
    problems: list[str] = []
    prospect_rows = _rows(prospects, "prospects", _PROSPECT_REQUIRED, problems)
    attempt_rows = _rows(attempts, "attempts", _ATTEMPT_REQUIRED, problems)
    event_rows = _rows(events, "events", _EVENT_REQUIRED, problems)

    # Histories by prospect id; None for an id whose row is bad, so that its
    # attempts are not reported again as belonging to nobody.
    histories: dict[str, list[HistoryItem] | None] = {}
    first_rows: dict[str, int] = {}
    pairs: list[tuple[Prospect, list[HistoryItem]]] = []
    for index, row in enumerate(prospect_rows):
        prospect = _read_prospect(index, row, first_rows, problems)
        if prospect is not None:
            history: list[HistoryItem] = []
            histories[prospect.id] = history
            pairs.append((prospect, history))
    for ident in first_rows:
        histories.setdefault(ident, None)
    for index, row in enumerate(attempt_rows):
        _read_history_item(f"attempts row {index}", row, _attempt, histories, problems)
    for index, row in enumerate(event_rows):
        _read_history_item(f"events row {index}", row, _event, histories, problems)
    if problems:
        raise InvalidData(problems)
    return [(prospect, tuple(history)) for prospect, history in pairs]


def _read_prospect(
    index: int, row: Mapping[str, Any], first_rows: dict[str, int], problems: list[str]
) -> Prospect | None:
    """Read row ``index`` of the prospects frame, or add its problems; each id once."""
    ident = _ident(row.get("id"))
    label = f"prospects row {index}"
    found = _prospect(row)
    if isinstance(ident, str):
        label += f" (id {ident!r})"
        first = first_rows.setdefault(ident, index)
        if first != index:
            found.problems.insert(
                0, f"id: {ident!r} is already used by row {first}; ids must be unique"
            )
    problems.extend(f"{label}: {problem}" for problem in found.problems)
    return found.value if not found.problems else None


def _read_history_item(
    label: str,
    row: Mapping[str, Any],
    read: Callable[[Mapping[str, Any]], _Found],
    histories: dict[str, list[HistoryItem] | None],
    problems: list[str],
) -> None:
    """Read one attempt or event row into its prospect's history, or add its problems."""
    found = read(row)
    owner = _ident(row.get("prospect_id"))
    if _missing(owner):
        found.problems.insert(0, "prospect_id: required field is missing")
    elif not isinstance(owner, str):
        found.problems.insert(
            0, f"prospect_id: expected text, got {type(owner).__name__} {owner!r}"
        )
    elif owner not in histories:
        found.problems.insert(0, f"prospect_id: {owner!r} is not an id in the prospects frame")
    problems.extend(f"{label}: {problem}" for problem in found.problems)
    history = histories.get(owner) if isinstance(owner, str) else None
    if history is not None and not found.problems:
        history.append(found.value)


class _Found:
    """A value read from one row, or the problems that kept it from being made."""

    __slots__ = ("problems", "value")

    def __init__(self) -> None:
        self.value: Any = None
        self.problems: list[str] = []


def _rows(
    frame: Any, name: str, required: tuple[str, ...], problems: list[str]
) -> list[dict[str, Any]]:
    """Return a frame's rows as dicts of plain values; none when a required column is absent."""
    if frame is None:
        return []
    library = _frame_library(frame)
    if library == "pandas":
        columns = [str(c) for c in frame.columns]
    elif library == "polars":
        columns = list(frame.columns)
    else:
        raise TypeError(
            f"{name}: expected a pandas or polars DataFrame, got {type(frame).__name__} "
            f"{reprlib.repr(frame)}"
        )
    absent = [c for c in required if c not in columns]
    if absent:
        hint = ""
        if library == "pandas" and frame.index.name in absent:
            hint = f"; {frame.index.name!r} is the index: call .reset_index() first"
        problems.append(
            f"{name}: missing column(s) {', '.join(map(repr, absent))}; "
            f"required: {', '.join(required)}{hint}"
        )
        return []
    if library == "pandas":
        return list(frame.to_dict(orient="records"))
    return list(frame.to_dicts())


def _frame_library(frame: object) -> str | None:
    for cls in type(frame).__mro__:
        root = cls.__module__.partition(".")[0]
        if cls.__name__ == "DataFrame" and root in BACKENDS:
            return root
    return None


def _missing(value: object) -> bool:
    """True for the ways a frame says "not given": None, NaN, NaT, pandas' NA, blank text."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, numbers.Number) and value != value


def _ident(value: object) -> object:
    """Ids written as whole numbers are read as text; anything else is left to validation."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(int(value))
    return value


def _items(value: object) -> object:
    """Return a list from ``"a; b"`` text or any list-like cell; other values are left alone."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(_SEPARATOR) if part.strip()]
    if isinstance(value, Iterable) and not isinstance(value, (bytes, Mapping)):
        return [str(item) if isinstance(item, str) else item for item in value]
    return value


def _phone(item: object) -> object:
    """Return the exchange form of a phone: ``"kind:number"`` text becomes a mapping."""
    if isinstance(item, Phone):
        return {"number": item.number, "kind": item.kind.value}
    if isinstance(item, Mapping):
        return {k: val for k, val in item.items() if not _missing(val)}
    if isinstance(item, str) and ":" in item:
        kind, _, number = item.partition(":")
        return {"number": number.strip(), "kind": kind.strip()}
    return item


def _phones(value: object) -> object:
    items = _items(value)
    return [_phone(item) for item in items] if isinstance(items, list) else items


def _date(value: object) -> object:
    if isinstance(value, datetime) and value.tzinfo is None and value.time() == time(0):
        return value.date()
    if isinstance(value, date) and not isinstance(value, datetime):
        return date(value.year, value.month, value.day)
    return value


def _moment(value: object) -> object:
    """Return a datetime cell as a stdlib datetime in a ``zoneinfo`` zone where one is named."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        return value
    name = getattr(value.tzinfo, "key", None) or getattr(value.tzinfo, "zone", None)
    # pandas' Timestamp is a datetime subclass: the plain stdlib value, same instant and zone.
    moment = plain(value)
    if isinstance(name, str) and name:
        try:
            return moment.astimezone(zone(name))
        except ValueError:
            return moment
    return moment


def _boolean(value: object, field: str, problems: list[str]) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    problems.append(f"{field}: expected true or false, got {value!r}")
    return None


def _given(row: Mapping[str, Any], name: str) -> bool:
    return name in row and not _missing(row[name])


def _require(row: Mapping[str, Any], names: tuple[str, ...], found: _Found) -> None:
    """Report each required field the row leaves blank, once, before ``from_dict`` runs."""
    for name in names:
        if not _given(row, name):
            found.problems.append(f"{name}: required field is missing")


def _build(cls: type[Any], data: dict[str, Any], found: _Found) -> _Found:
    """Make ``cls`` from ``data`` through ``from_dict``, adding its problems to ``found``.

    Problems about a field already reported here (a required one left
    blank, a consumer that is not true or false) are not repeated.
    """
    reported = {_field_of(problem) for problem in found.problems}
    try:
        value = from_dict(cls, data)
    except InvalidData as exc:
        found.problems.extend(p for p in exc.problems if _field_of(p) not in reported)
    else:
        if not found.problems:
            found.value = value
    return found


def _field_of(problem: str) -> str:
    """The first field of a problem's path: ``phones`` for ``phones[0].number: ...``."""
    return re.split(r"[.\[:]", problem, maxsplit=1)[0]


def _prospect(row: Mapping[str, Any]) -> _Found:
    found = _Found()
    _require(row, _PROSPECT_REQUIRED, found)
    data: dict[str, Any] = {}
    for name in (*_PROSPECT_REQUIRED, *_PROSPECT_TEXT):
        if _given(row, name):
            data[name] = _ident(row[name]) if name == "id" else row[name]
    if _given(row, "phones"):
        data["phones"] = _phones(row["phones"])
    for name in _PROSPECT_LISTS:
        if _given(row, name):
            data[name] = _items(row[name])
    for name in _PROSPECT_DATES:
        if _given(row, name):
            data[name] = _date(row[name])
    if _given(row, "consumer"):
        consumer = _boolean(row["consumer"], "consumer", found.problems)
        if consumer is not None:
            data["consumer"] = consumer
    return _build(Prospect, data, found)


def _history_item(
    row: Mapping[str, Any],
    cls: type[Any],
    required: tuple[str, ...],
    text: tuple[str, ...],
    moments: tuple[str, ...],
    extra: Callable[[Mapping[str, Any], dict[str, Any]], None] | None = None,
) -> _Found:
    found = _Found()
    _require(row, required, found)
    data: dict[str, Any] = {}
    for name in text:
        if _given(row, name):
            data[name] = row[name]
    for name in moments:
        if _given(row, name):
            data[name] = _moment(row[name])
    if _given(row, "interests"):
        data["interests"] = _items(row["interests"])
    if extra is not None:
        extra(row, data)
    return _build(cls, data, found)


def _new_phone(row: Mapping[str, Any], data: dict[str, Any]) -> None:
    if _given(row, "new_phone"):
        data["new_phone"] = _phone(row["new_phone"])


def _attempt(row: Mapping[str, Any]) -> _Found:
    return _history_item(row, Attempt, _ATTEMPT_FIELDS, _ATTEMPT_TEXT, _ATTEMPT_MOMENTS, _new_phone)


def _event(row: Mapping[str, Any]) -> _Found:
    return _history_item(row, Event, _EVENT_FIELDS, _EVENT_TEXT, _EVENT_MOMENTS)


# -- call and e-mail logs: CSV exports read into histories ---------------------------------

HISTORY_FIELDS: tuple[str, ...] = ("prospect_id", "at", "channel", "outcome", "to", "notes")
"""What ``read_history`` reads from each row; ``mapping`` names the column of each."""

LAYOUTS: Mapping[str, tuple[str, Mapping[str, str]]] = MappingProxyType(
    {
        # Salesforce's Task object as Data Loader and Data Export write it (API field names):
        # WhoId is the contact or lead, TaskSubtype says Call or Email, CallDisposition holds
        # the call result in the org's own words, CreatedDate is UTC with a "Z".
        "salesforce": (
            "salesforce",
            MappingProxyType(
                {
                    "prospect_id": "WhoId",
                    "at": "CreatedDate",
                    "channel": "TaskSubtype",
                    "outcome": "CallDisposition",
                    "notes": "Description",
                }
            ),
        ),
        # HubSpot's export of call and e-mail activities, by the column labels of its export
        # (the labels follow the portal's language and may be renamed; pass mapping= then).
        "hubspot": (
            "hubspot",
            MappingProxyType(
                {
                    "prospect_id": "Contact ID",
                    "at": "Activity date",
                    "channel": "Activity type",
                    "outcome": "Call outcome",
                    "to": "To number",
                    "notes": "Notes",
                }
            ),
        ),
    }
)
"""For each CRM export layout: the system whose results it holds, and its column of each field."""

_REQUIRED_HISTORY = ("prospect_id", "at")


def read_history(
    path_or_frame: Any,
    *,
    layout: str | None = None,
    mapping: Mapping[str, str] | None = None,
    source: str | None = None,
) -> dict[str, tuple[Attempt, ...]]:
    """Read a log of calls and e-mails (a CSV file, a frame, or rows) into each prospect's history.

    ``layout`` names a CRM export (``"hubspot"``, ``"salesforce"``; see
    ``LAYOUTS``): its column names, and its call results read through
    ``orl.dispositions``. ``mapping`` maps the fields of ``HISTORY_FIELDS``
    to column names, over the layout's (or alone). A row's channel is
    ``call`` or ``email`` in any case (``call`` when there is no channel
    column); its outcome is the CRM's result or an outcome name, and an
    e-mail without one was ``sent``. Times need an offset (``Z`` included).

    ``path_or_frame`` is a CSV path (read with the ``csv`` module, no pandas
    needed), a pandas or polars frame, or an iterable of mappings. Returns
    the attempts of each prospect id, in order of time, ids in order of first
    row. Every bad row is named, with its number (the header is row 1) and
    field, in one ``orl.InvalidData``; nothing is returned then.
    """
    system, columns = _layout_columns(layout, mapping)
    rows, name = _history_rows(path_or_frame, source)
    missing = [
        f"{name}: column {columns[field]!r} ({field}) is missing"
        for field in _REQUIRED_HISTORY
        if rows and columns[field] not in rows[0][1]
    ]
    if missing:
        raise InvalidData(missing)
    histories: dict[str, list[Attempt]] = {}
    problems: list[str] = []
    for number, row in rows:
        found = _history_row(row, columns, system)
        if isinstance(found, list):
            problems.extend(f"{name}: row {number}: {problem}" for problem in found)
        else:
            ident, attempt = found
            histories.setdefault(ident, []).append(attempt)
    if problems:
        raise InvalidData(problems)
    return {ident: tuple(sorted(items, key=order_key)) for ident, items in histories.items()}


def _layout_columns(
    layout: str | None, mapping: Mapping[str, str] | None
) -> tuple[str | None, dict[str, str]]:
    if layout is None:
        system, columns = None, {field: field for field in HISTORY_FIELDS}
    else:
        key = layout.casefold() if isinstance(layout, str) else layout
        if key not in LAYOUTS:
            raise ValueError(
                f"layout: {layout!r} is not a known export layout"
                f"{did_you_mean(layout, LAYOUTS)}; use one of: {', '.join(LAYOUTS)}, "
                "or give mapping="
            )
        system, known = LAYOUTS[key]
        columns = {field: known.get(field, field) for field in HISTORY_FIELDS}
    for field, column in (mapping or {}).items():
        if field not in HISTORY_FIELDS:
            raise ValueError(
                f"mapping: {field!r} is not a field{did_you_mean(field, HISTORY_FIELDS)}; "
                f"map any of: {', '.join(HISTORY_FIELDS)}"
            )
        columns[field] = column
    return system, columns


def _history_rows(
    path_or_frame: Any, source: str | None
) -> tuple[list[tuple[int, Mapping[str, Any]]], str]:
    """Numbered rows (as a spreadsheet numbers them: the header is row 1) and the input's name."""
    if isinstance(path_or_frame, (str, os.PathLike)):
        name = source or str(path_or_frame)
        try:
            with open(path_or_frame, encoding="utf-8-sig", newline="") as handle:
                return [(n, row) for n, row in enumerate(csv.DictReader(handle), 2)], name
        except OSError as exc:
            raise InvalidData([f"{name}: cannot read: {exc.strerror}"]) from None
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InvalidData([f"{name}: not a UTF-8 CSV file: {exc}"]) from None
    name = source or "rows"
    if _frame_library(path_or_frame) == "pandas":
        records = path_or_frame.to_dict("records")
    elif _frame_library(path_or_frame) == "polars":
        records = path_or_frame.to_dicts()
    elif isinstance(path_or_frame, Iterable) and not isinstance(path_or_frame, Mapping):
        records = list(path_or_frame)
    else:
        raise TypeError(
            "read_history: expected a CSV path, a pandas or polars frame, or rows (mappings), "
            f"got {type(path_or_frame).__name__}"
        )
    for record in records:
        if not isinstance(record, Mapping):
            raise TypeError(f"read_history: expected rows as mappings, got {record!r}")
    return [(n, record) for n, record in enumerate(records, 2)], name


def _cell(row: Mapping[str, Any], column: str) -> Any:
    value = row.get(column)
    if _missing(value):
        return None
    return value.strip() if isinstance(value, str) else value


def _history_row(
    row: Mapping[str, Any], columns: Mapping[str, str], system: str | None
) -> tuple[str, Attempt] | list[str]:
    """One row's prospect id and attempt, or its problems, each naming the field."""
    from outreach_rules.dispositions import from_disposition

    problems: list[str] = []
    ident = _ident(_cell(row, columns["prospect_id"]))
    if ident is None:
        problems.append(f"{columns['prospect_id']}: the prospect id is missing")
    raw_channel = _cell(row, columns["channel"])
    channel: Channel | None = Channel.CALL
    if raw_channel is not None:
        text = str(raw_channel).casefold()
        channel = next((c for c in Channel if c.value == text), None)
        if channel is None:
            values = [c.value for c in Channel]
            problems.append(
                f"{columns['channel']}: {raw_channel!r} is not one of: {', '.join(values)}"
                f"{did_you_mean(text, values)}"
            )
    raw_outcome = _cell(row, columns["outcome"])
    outcome: Outcome | None = None
    if raw_outcome is None:
        if channel is not None and channel is not Channel.CALL:
            outcome = Outcome.SENT
        else:
            problems.append(f"{columns['outcome']}: the call's result is missing")
    else:
        try:
            outcome = from_disposition(str(raw_outcome), system=system, table=_OUTCOME_NAMES)
        except ValueError as exc:
            problems.append(f"{columns['outcome']}: {str(exc).split(': ', 1)[1]}")
    raw_at = _cell(row, columns["at"])
    at = None
    if raw_at is None:
        problems.append(f"{columns['at']}: the time is missing")
    else:
        try:
            at = parse_datetime(_moment(raw_at))
        except (TypeError, ValueError) as exc:
            problems.append(f"{columns['at']}: {exc}")
    if problems or ident is None or at is None or outcome is None or channel is None:
        return problems
    data: dict[str, Any] = {"at": at, "channel": channel, "outcome": outcome}
    for field in ("to", "notes"):
        value = _cell(row, columns[field])
        if value is not None:
            data[field] = str(value)
    try:
        return str(ident), Attempt(**data)
    except (TypeError, ValueError) as exc:
        return [str(exc)]


# Outcome names are results in every layout: a log written by this library reads back.
_OUTCOME_NAMES: Mapping[str, Outcome] = MappingProxyType({o.value: o for o in Outcome})
