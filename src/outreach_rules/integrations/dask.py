"""Plan and simulate on Dask: populations split over workers, results equal to one process's.

``plan_partitions`` plans a Dask Bag of ``(prospect, history)`` pairs (or
of the exchange records ``{"prospect": {...}, "history": [...]}`` that
``outreach-rules plan`` reads) into a Bag of ``orl.Plan``, and a Dask
DataFrame of prospects (with attempts and events frames, as
``orl.frame_to_pairs`` reads them) into a Dask DataFrame of actions, as
``orl.plans_to_frame`` writes them. Each partition is planned by
``orl.plan_many`` on the worker that holds it.

``simulation.simulate`` and ``simulation.compare`` take ``scheduler=``
(a ``dask.distributed.Client``, or the name of a local Dask scheduler)
and run here: each task simulates a chunk of the prospects for one
strategy and run, and the results are put back together exactly, so the
numbers are the same as in one process, for the same seed.

Dask is imported only when a function here is called:

    pip install "outreach-rules[dask]"
"""

from __future__ import annotations

import importlib
import uuid
import zlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from outreach_rules import _validate as v
from outreach_rules.accounts import AccountRules, account_rules, colleague_groups, plan_account
from outreach_rules.engine import plan, plan_many, unpack_pair
from outreach_rules.errors import InvalidData
from outreach_rules.exchange import from_dict, history_from_dicts, located
from outreach_rules.frames import _ident, frame_to_pairs, plans_to_frame
from outreach_rules.history import HistoryItem
from outreach_rules.plans import Plan
from outreach_rules.playbooks import Playbook, cold_calling
from outreach_rules.prospects import Prospect
from outreach_rules.simulation._checks import check_count
from outreach_rules.simulation.loop import Records, Settings, simulate_people, summarise_people
from outreach_rules.simulation.population import as_prospects, population
from outreach_rules.simulation.summary import Summary

__all__ = ["CHUNK_SIZE", "SCHEDULERS", "plan_partitions"]

CHUNK_SIZE = 500
"""Prospects per task by default when a simulation runs on Dask: a second or two of work each."""

SCHEDULERS: tuple[str, ...] = (
    "threads",
    "processes",
    "sync",
    "synchronous",
    "single-threaded",
)
"""The names of Dask's local schedulers that ``scheduler=`` accepts besides a Client."""

_INSTALL = 'pip install "outreach-rules[dask]"'

# population()'s own defaults, so that chunks drawn on the workers are its prospects.


def _dask(needed_by: str) -> Any:
    """Import dask, or say how to install it."""
    try:
        dask = importlib.import_module("dask")
        importlib.import_module("dask.bag")
        importlib.import_module("dask.delayed")
    except ImportError as exc:
        raise ImportError(f"{needed_by} needs dask: {_INSTALL}") from exc
    return dask


def _dask_frames(needed_by: str) -> Any:
    """Import dask.dataframe (it needs pandas), or say how to install it."""
    try:
        return importlib.import_module("dask.dataframe")
    except ImportError as exc:
        raise ImportError(f"{needed_by} needs dask's data frames: {_INSTALL}") from exc


# -- planning partitions -----------------------------------------------------


def plan_partitions(
    data: Any,
    *,
    now: datetime,
    playbook: Playbook | None = None,
    attempts: Any = None,
    events: Any = None,
    accounts: AccountRules | bool = True,
) -> Any:
    """Plan every prospect of a Dask Bag or DataFrame where its partition lives, lazily.

    A ``dask.bag.Bag`` holds ``(prospect, history)`` pairs, or exchange
    records ``{"prospect": {...}, "history": [{...}, ...]}`` (read with
    ``orl.from_dict``; a history entry with a ``kind`` is an event, else an
    attempt), or both; the result is a Bag of ``orl.Plan`` in the same
    order, equal to ``orl.plan_many`` on the same items.

    A ``dask.dataframe.DataFrame`` holds prospects, a row each, in the
    columns ``orl.frame_to_pairs`` reads; ``attempts`` and ``events``
    (pandas or Dask DataFrames, optional) hold their histories. The
    result is a Dask DataFrame of ``orl.plans_to_frame``'s ``COLUMNS`` and
    types, one row per action, partitioned as ``data``: the index starts
    again at 0 in each partition (``.reset_index(drop=True)`` after
    ``compute`` numbers the rows through). Each partition's task is sent
    the whole of ``attempts`` and ``events`` and keeps the rows of its own
    prospects, matched by ``prospect_id``; a history row that matches no
    prospect is not seen (``orl.frame_to_pairs`` on the whole export
    reports it).

    ``now`` (aware) and ``playbook`` (``None``: ``orl.playbooks.cold_calling()``)
    are those of ``orl.plan_many``.

    Colleagues (prospects with the same ``Prospect.account``, or the same
    ``account`` column of a frame) are planned together, wherever their
    partitions are: with ``accounts=True`` (the default) or an
    ``orl.AccountRules``, the contacts of each account are brought to one
    task and planned by ``orl.plan_account`` with those rules (``True``:
    the default rules), and prospects without an account by ``orl.plan``,
    so the plans equal those of one process and keep the input order. This
    costs one exchange of the account contacts between the tasks. Input
    without accounts is planned as before, partition by partition, with
    ``orl.plan_many``. ``accounts=False`` plans everyone alone, as
    ``orl.plan_many`` does, accounts or not.

    Nothing runs until the result is
    computed; bad data then raises ``orl.InvalidData`` or ``TypeError``,
    naming the partition and the item or row in it. Raises ``TypeError``
    for ``data`` of another kind or a playbook that is not an
    ``orl.Playbook``, ``ValueError`` for ``attempts`` or ``events`` given
    with a Bag, and ``ImportError`` when dask is not installed.
    """
    dask = _dask("plan_partitions()")
    moment = v.aware(now, "now")
    book = _playbook(playbook)
    rules = account_rules(accounts)
    bags = importlib.import_module("dask.bag")
    if isinstance(data, bags.Bag):
        for name, value in (("attempts", attempts), ("events", events)):
            if value is not None:
                raise ValueError(
                    f"{name}: only for a DataFrame of prospects; a Bag's items carry their "
                    f"own histories, got {name}={type(value).__name__} with a Bag"
                )
        return _plan_bag(dask, bags, data, now=moment, playbook=book, rules=rules)
    frames = _dask_frames("plan_partitions()")
    if isinstance(data, frames.DataFrame):
        return _plan_frame(dask, data, attempts, events, now=moment, playbook=book, rules=rules)
    raise TypeError(
        "data: expected a dask.bag.Bag of (prospect, history) pairs or a dask.dataframe."
        f"DataFrame of prospects, got {type(data).__name__} {data!r:.80}"
    )


def _playbook(playbook: object) -> Playbook:
    if playbook is None:
        return cold_calling()
    if not isinstance(playbook, Playbook):
        raise TypeError(f"playbook: expected an orl.Playbook or None, got {playbook!r}")
    return playbook


def _plan_bag(
    dask: Any,
    bags: Any,
    data: Any,
    *,
    now: datetime,
    playbook: Playbook,
    rules: AccountRules | None,
) -> Any:
    book = _shared(dask, playbook, "playbook")
    parts = data.to_delayed(optimize_graph=False)
    if rules is not None:
        found = [
            dask.delayed(_bag_pairs, pure=False)(part, number=number)
            for number, part in enumerate(parts)
        ]
        return bags.from_delayed(
            _by_account(dask, found, now=now, playbook=book, rules=rules, finish=list)
        )
    planned = [
        dask.delayed(_plan_items, pure=False)(part, number=number, now=now, playbook=book)
        for number, part in enumerate(parts)
    ]
    return bags.from_delayed(planned)


def _plan_items(
    items: Iterable[object], *, number: int, now: datetime, playbook: Playbook
) -> list[Plan]:
    """Plan one partition of a Bag (this runs on a worker)."""
    return list(plan_many(_bag_pairs(items, number=number), now=now, playbook=playbook))


def _bag_pairs(
    items: Iterable[object], *, number: int
) -> list[tuple[Prospect, Iterable[HistoryItem]]]:
    """The pairs of one partition of a Bag (this runs on a worker)."""
    return [_pair(item, f"partition {number}, item {index}") for index, item in enumerate(items)]


# -- colleagues planned together ---------------------------------------------

_Pair = tuple[Prospect, tuple[HistoryItem, ...]]
_Placed = tuple[int, int, Prospect, tuple[HistoryItem, ...]]
"""A contact of an account where it came from: partition, index in it, prospect, history."""


def _by_account(
    dask: Any,
    found: list[Any],
    *,
    now: datetime,
    playbook: Any,
    rules: AccountRules,
    finish: Any,
) -> list[Any]:
    """Each partition's plans, its prospects' colleagues in other partitions considered.

    ``found`` holds each partition's pairs (one task each). Every partition
    plans its prospects without an account, and sends each account's
    contacts to one of as many buckets as there are partitions, chosen by
    a hash of the account that every process computes alike; each bucket
    plans its accounts with ``plan_account`` and sends each plan back to
    its partition, where ``finish`` gets the plans in the input order.
    """
    count = len(found)
    split = [
        dask.delayed(_split, nout=count + 1, pure=False)(
            pairs, number=number, buckets=count, now=now, playbook=playbook
        )
        for number, pairs in enumerate(found)
    ]
    planned = [
        dask.delayed(_plan_bucket, nout=count, pure=False)(
            [parts[bucket + 1] for parts in split],
            partitions=count,
            now=now,
            playbook=playbook,
            rules=rules,
        )
        for bucket in range(count)
    ]
    return [
        dask.delayed(_gather, pure=False)(
            split[number][0], [plans[number] for plans in planned], finish=finish
        )
        for number in range(count)
    ]


def _bucket(account: str, buckets: int) -> int:
    # Not hash(): it differs from one worker process to the next.
    return zlib.crc32(account.encode()) % buckets


def _split(
    pairs: Iterable[tuple[Prospect, Iterable[HistoryItem]]],
    *,
    number: int,
    buckets: int,
    now: datetime,
    playbook: Playbook,
) -> tuple[Any, ...]:
    """Plan a partition's prospects without an account; its others, by bucket (on a worker)."""
    alone: dict[int, Plan] = {}
    sent: list[list[_Placed]] = [[] for _ in range(buckets)]
    for index, (prospect, history) in enumerate(pairs):
        if prospect.account is None:
            alone[index] = plan(prospect, history, now=now, playbook=playbook)
        else:
            sent[_bucket(prospect.account, buckets)].append(
                (number, index, prospect, tuple(history))
            )
    return (alone, *sent)


def _plan_bucket(
    parts: list[list[_Placed]],
    *,
    partitions: int,
    now: datetime,
    playbook: Playbook,
    rules: AccountRules,
) -> tuple[dict[int, Plan], ...]:
    """Plan the accounts of one bucket; each plan goes back to its partition (on a worker)."""
    groups: dict[str, list[_Placed]] = {}
    for part in parts:
        for placed in part:
            groups.setdefault(str(placed[2].account), []).append(placed)
    back: tuple[dict[int, Plan], ...] = tuple({} for _ in range(partitions))
    for account in sorted(groups):
        contacts = groups[account]
        try:
            plans = plan_account(
                [(p, h) for _, _, p, h in contacts], now=now, playbook=playbook, rules=rules
            )
        except ValueError as exc:
            raise ValueError(f"account {account!r}: {exc}") from None
        for (number, index, _, _), made in zip(contacts, plans, strict=True):
            back[number][index] = made
    return back


def _gather(alone: dict[int, Plan], planned: list[dict[int, Plan]], *, finish: Any) -> Any:
    """A partition's plans in its input order (this runs on a worker)."""
    every = dict(alone)
    for part in planned:
        every.update(part)
    return finish([every[index] for index in sorted(every)])


def _pair(item: object, where: str) -> tuple[Prospect, Iterable[HistoryItem]]:
    """One item of a Bag as a ``(prospect, history)`` pair, or say what is wrong with it."""
    if not isinstance(item, Mapping):
        try:
            return unpack_pair(0, item)
        except TypeError:
            raise TypeError(
                f"{where}: expected a (prospect, history) pair or an exchange record "
                f"{{'prospect': {{...}}, 'history': [...]}}, got {type(item).__name__} "
                f"{item!r:.80}"
            ) from None
    unknown = sorted(map(str, set(item) - {"prospect", "history"}))
    problems = [f"{key}: unknown key; expected prospect, history" for key in unknown]
    if "prospect" not in item:
        problems.append("prospect: required field is missing")
    raw = item.get("history", [])
    if isinstance(raw, (str, bytes, Mapping)) or not isinstance(raw, Sequence):
        problems.append(f"history: expected a list, got {raw!r:.80}")
        raw = []
    prospect = None
    if "prospect" in item:
        try:
            prospect = from_dict(Prospect, item["prospect"])
        except InvalidData as exc:
            problems.extend(located("prospect", p) for p in exc.problems)
    history, found = history_from_dicts(raw)
    problems.extend(found)
    if problems or prospect is None:
        raise InvalidData([f"{where}: {problem}" for problem in problems])
    return prospect, history


def _plan_frame(
    dask: Any,
    data: Any,
    attempts: object,
    events: object,
    *,
    now: datetime,
    playbook: Playbook,
    rules: AccountRules | None,
) -> Any:
    histories = [
        _history_frame(dask, value, name)
        for name, value in (("attempts", attempts), ("events", events))
    ]
    for column in ("id", "timezone"):
        if column not in data.columns:
            raise ValueError(
                f"data: missing column {column!r}; a prospects frame needs id and timezone "
                f"(columns: {', '.join(map(str, data.columns))})"
            )
    book = _shared(dask, playbook, "playbook")
    if rules is not None and "account" in data.columns:
        frames = importlib.import_module("dask.dataframe")
        found = [
            dask.delayed(_row_pairs, pure=False)(part, *histories, number=number)
            for number, part in enumerate(data.to_delayed(optimize_graph=False))
        ]
        made = _by_account(dask, found, now=now, playbook=book, rules=rules, finish=_frame_of)
        return frames.from_delayed(made, meta=plans_to_frame([], backend="pandas"))
    return data.map_partitions(
        _plan_rows,
        *histories,
        now=now,
        playbook=book,
        meta=plans_to_frame([], backend="pandas"),
    )


def _history_frame(dask: Any, value: object, name: str) -> Any:
    """A history frame as one Dask value every partition's task can read, or ``None``."""
    if value is None:
        return None
    frames = importlib.import_module("dask.dataframe")
    if isinstance(value, frames.DataFrame):
        if "prospect_id" not in value.columns:
            raise ValueError(f"{name}: missing column 'prospect_id', which ties rows to prospects")
        return dask.delayed(_concat, pure=False)(value.to_delayed(optimize_graph=False))
    pandas = importlib.import_module("pandas")
    if isinstance(value, pandas.DataFrame):
        if "prospect_id" not in value.columns:
            raise ValueError(f"{name}: missing column 'prospect_id', which ties rows to prospects")
        return _shared(dask, value, name)
    raise TypeError(
        f"{name}: expected a pandas or Dask DataFrame, or None, got {type(value).__name__} "
        f"{value!r:.80}"
    )


def _concat(parts: list[Any]) -> Any:
    pandas = importlib.import_module("pandas")
    return pandas.concat(parts, ignore_index=True)


def _plan_rows(
    prospects: Any,
    attempts: Any,
    events: Any,
    *,
    now: datetime,
    playbook: Playbook,
    partition_info: Mapping[str, Any] | None = None,
) -> Any:
    """Plan one partition of a prospects frame (this runs on a worker)."""
    number = partition_info["number"] if partition_info else 0
    pairs = _row_pairs(prospects, attempts, events, number=number)
    return plans_to_frame(plan_many(pairs, now=now, playbook=playbook), backend="pandas")


def _row_pairs(
    prospects: Any, attempts: Any, events: Any, *, number: int
) -> list[tuple[Prospect, tuple[HistoryItem, ...]]]:
    """The pairs of one partition of a prospects frame (this runs on a worker)."""
    ids = {_ident(value) for value in prospects["id"]}
    try:
        return list(
            frame_to_pairs(prospects, _own_rows(attempts, ids), events=_own_rows(events, ids))
        )
    except InvalidData as exc:
        raise InvalidData([f"partition {number}: {p}" for p in exc.problems]) from None


def _frame_of(plans: list[Plan]) -> Any:
    return plans_to_frame(plans, backend="pandas")


def _own_rows(frame: Any, ids: set[object]) -> Any:
    """The rows of a history frame that belong to the prospects ``ids``."""
    if frame is None:
        return None
    return frame[frame["prospect_id"].map(lambda value: _ident(value) in ids).astype(bool)]


def _shared(dask: Any, value: object, label: str) -> Any:
    """``value`` as one node of the task graph, sent once to each worker that needs it."""
    return dask.delayed(value, name=f"orl-{label}-{uuid.uuid4().hex}", traverse=False)


# -- simulations -------------------------------------------------------------


def check_distribution(*, scheduler: object, chunk_size: object) -> tuple[object, int]:
    """Check ``scheduler=`` and ``chunk_size=`` of ``simulate`` or ``compare``; return both.

    ``chunk_size`` is ``CHUNK_SIZE`` when ``None``; given without a
    scheduler it is a ``ValueError``, since it would change nothing.
    """
    if scheduler is None:
        raise ValueError(
            f"chunk_size: {chunk_size!r} is only for a simulation on Dask; pass scheduler= too"
        )
    return check_scheduler(scheduler), check_chunk_size(chunk_size)


def check_scheduler(scheduler: object) -> object:
    """Return ``scheduler`` if it is a Dask Client or a local scheduler's name, or raise."""
    _dask("scheduler=")
    if isinstance(scheduler, str):
        if scheduler not in SCHEDULERS:
            raise ValueError(
                f"scheduler: {scheduler!r} is not one of: {', '.join(map(repr, SCHEDULERS))}, "
                "or a dask.distributed.Client"
            )
        return scheduler
    try:
        client = importlib.import_module("distributed").Client
    except ImportError:
        client = None
    if client is None or not isinstance(scheduler, client):
        raise TypeError(
            f"scheduler: expected a dask.distributed.Client or one of "
            f"{', '.join(map(repr, SCHEDULERS))}, got {type(scheduler).__name__} {scheduler!r:.80}"
        )
    return scheduler


def check_chunk_size(chunk_size: object) -> int:
    """Return the number of prospects per task: ``chunk_size``, or ``CHUNK_SIZE`` for ``None``."""
    if chunk_size is None:
        return CHUNK_SIZE
    return check_count(chunk_size, "chunk_size")


def _chunks(dask: Any, people: int | tuple[Prospect, ...], *, seed: int, size: int) -> list[Any]:
    """The population in chunks, each one node of the task graph that every strategy shares.

    A synthetic population is drawn where its chunks are needed, rather
    than drawn here and sent: each prospect depends only on the seed and
    its number.
    """
    if isinstance(people, int):
        bounds = [(lo, min(lo + size, people)) for lo in range(0, people, size)]
        return [dask.delayed(_synthetic, pure=False)(seed, lo, hi) for lo, hi in bounds]
    pieces = [tuple(people[i] for i in piece) for piece in _pieces(people, size)]
    return [_shared(dask, piece, "prospects") for piece in pieces]


def _pieces(people: tuple[Prospect, ...], size: int) -> list[tuple[int, ...]]:
    """The positions of each chunk: about ``size`` prospects, an account's colleagues in one.

    Colleagues are simulated together, so a chunk never splits an account;
    one larger than ``size`` is a chunk of its own. Without accounts the
    chunks are the runs of ``size`` prospects in order, as before.
    """
    pieces: list[tuple[int, ...]] = []
    current: list[int] = []
    for group in colleague_groups(people):
        if current and len(current) + len(group) > size:
            pieces.append(tuple(current))
            current = []
        current.extend(group)
    if current or not pieces:
        pieces.append(tuple(current))
    return pieces


def _synthetic(seed: int, lo: int, hi: int) -> tuple[Prospect, ...]:
    """Prospects ``lo`` to ``hi`` of ``population(n, seed=seed)``, for any ``n`` >= ``hi``."""
    return population(hi - lo, seed=seed, start=lo)


def _compute(dask: Any, tasks: list[Any], scheduler: object) -> tuple[Any, ...]:
    return tuple(dask.compute(*tasks, scheduler=scheduler))


def simulate_chunks(
    playbook: Playbook,
    people: int | tuple[Prospect, ...],
    settings: Settings,
    *,
    run: int,
    scheduler: object,
    chunk_size: int,
    rules: AccountRules | None = None,
) -> list[Records]:
    """Each prospect's records, in population order, simulated in chunks on ``scheduler``.

    An account's colleagues are in one chunk, simulated together (``rules``:
    planned with ``plan_account``, or each alone for ``None``).
    """
    dask = _dask("simulate(scheduler=...)")
    chunks = _chunks(dask, people, seed=settings.seed, size=chunk_size)
    book = _shared(dask, playbook, "playbook")
    setup = _shared(dask, settings, "settings")
    tasks = [
        dask.delayed(_simulate_chunk, pure=False)(chunk, book, setup, run, rules)
        for chunk in chunks
    ]
    parts = _compute(dask, tasks, scheduler)
    if isinstance(people, int):
        return [records for part in parts for records in part]
    # Back in population order, where accounts were gathered into chunks out of it.
    found: list[Any] = [None] * len(people)
    for piece, part in zip(_pieces(people, chunk_size), parts, strict=True):
        for index, records in zip(piece, part, strict=True):
            found[index] = records
    return found


def _simulate_chunk(
    prospects: tuple[Prospect, ...],
    playbook: Playbook,
    settings: Settings,
    run: int,
    rules: AccountRules | None,
) -> list[Records]:
    """Simulate a chunk of prospects, keeping every record (this runs on a worker)."""
    return simulate_people(prospects, playbook, settings, run=run, rules=rules)


def compare_chunks(
    books: Mapping[str, Playbook],
    people: int | tuple[Prospect, ...],
    settings: Settings,
    *,
    runs: int,
    scheduler: object,
    chunk_size: int,
    rules: Mapping[str, AccountRules | None] | None = None,
) -> dict[str, list[Summary]]:
    """The summary of each run of each strategy, from tasks of one chunk, strategy and run each.

    The summaries of a run's chunks combine exactly (``Summary.combine``),
    so each run's summary equals the one-process run's.
    """
    dask = _dask("compare(scheduler=...)")
    chunks = _chunks(dask, people, seed=settings.seed, size=chunk_size)
    setup = _shared(dask, settings, "settings")
    keys: list[tuple[str, int]] = []
    tasks = []
    for name, book in books.items():
        shared = _shared(dask, book, "playbook")
        own = None if rules is None else rules.get(name)
        for run in range(runs):
            for chunk in chunks:
                keys.append((name, run))
                tasks.append(
                    dask.delayed(_summarise_chunk, pure=False)(chunk, shared, setup, run, own)
                )
    parts: dict[tuple[str, int], list[Summary]] = {}
    for key, summary in zip(keys, _compute(dask, tasks, scheduler), strict=True):
        parts.setdefault(key, []).append(summary)
    return {
        name: [Summary.combine(parts[name, run], runs=1) for run in range(runs)] for name in books
    }


def _summarise_chunk(
    prospects: tuple[Prospect, ...],
    playbook: Playbook,
    settings: Settings,
    run: int,
    rules: AccountRules | None,
) -> Summary:
    """Simulate a chunk of prospects and summarise it (this runs on a worker)."""
    records = summarise_people(prospects, playbook, settings, run=run, rules=rules)
    return Summary.of_prospects(playbook.name, settings.days, records)


def people_of(people: object, *, seed: int) -> int | tuple[Prospect, ...]:
    """The population a simulation on Dask runs on: a count to draw on the workers, or prospects.

    Errors are ``as_prospects``'s, naming ``population``.
    """
    if isinstance(people, int) and not isinstance(people, bool):
        return check_count(people, "population")
    return as_prospects(people, seed=seed)
