"""What happened before, newest first, for picking up where you left off (practice 1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from outreach_rules import _validate as v
from outreach_rules._time import show, zone
from outreach_rules.history import Attempt, Event, HistoryItem, order_key
from outreach_rules.prospects import Prospect

__all__ = ["Brief", "brief", "describe"]


def describe(item: HistoryItem, tz: str) -> str:
    """One line about an attempt or event, in the prospect's zone."""
    when = show(item.at.astimezone(zone(tz)))
    if isinstance(item, Attempt):
        parts = [f"{when}: {item.channel.value}"]
        if item.to:
            parts[0] += f" to {item.to}"
        parts.append(item.outcome.value.replace("_", " "))
        if item.reason:
            parts.append(f"reason: {item.reason}")
        if item.interests:
            parts.append(f"interested in {', '.join(sorted(item.interests))}")
        if item.callback_at is not None:
            parts.append(f"asked for a call on {_local(item.callback_at, tz)}")
        if item.resume_at is not None:
            parts.append(f"away until {_local(item.resume_at, tz)}")
        if item.new_phone is not None:
            parts.append(f"new number {item.new_phone.number}")
    else:
        via = f" by {item.channel.value}" if item.channel else ""
        parts = [f"{when}: {item.kind.value.replace('_', ' ')}{via}"]
        if item.interests:
            parts.append(f"interested in {', '.join(sorted(item.interests))}")
        if item.resume_at is not None:
            parts.append(f"away until {_local(item.resume_at, tz)}")
    if item.notes:
        parts.append(f"notes: {item.notes}")
    return " · ".join(parts)


def _local(moment: datetime, tz: str) -> str:
    return f"{moment.astimezone(zone(tz)):%a %d %b %Y %H:%M}"


@attrs.frozen(kw_only=True)
class Brief:
    """The story so far with one prospect, newest first."""

    prospect_id: str
    entries: tuple[str, ...]
    """One line per attempt or event, newest first."""

    def __str__(self) -> str:
        if not self.entries:
            return f"{self.prospect_id}: no earlier contact"
        return "\n".join((f"{self.prospect_id}, newest first:", *(f"- {e}" for e in self.entries)))


def brief(prospect: Prospect, history: Iterable[HistoryItem], *, limit: int | None = None) -> Brief:
    """Summarise what happened with ``prospect`` before, newest first.

    ``limit`` keeps only the newest entries. The order of ``history`` does
    not matter.
    """
    if not isinstance(prospect, Prospect):
        raise TypeError(f"prospect: expected an orl.Prospect, got {prospect!r}")
    items = v.tuple_of(history, "history")
    for i, item in enumerate(items):
        if not isinstance(item, (Attempt, Event)):
            raise TypeError(f"history[{i}]: expected an Attempt or an Event, got {item!r}")
    newest_first = sorted(items, key=order_key, reverse=True)
    if limit is not None:
        newest_first = newest_first[: max(limit, 0)]
    return Brief(
        prospect_id=prospect.id,
        entries=tuple(describe(item, prospect.timezone) for item in newest_first),
    )
