"""Helpers for tests that read simulation runs."""

from __future__ import annotations

from outreach_rules import simulation as sim


def by_prospect(run: sim.Run) -> dict[str, tuple[object, ...]]:
    """Each prospect's record, attempts and events, keyed by prospect id."""
    return {
        p.prospect_id: (
            p,
            tuple(a for a in run.attempts if a.prospect_id == p.prospect_id),
            tuple(e for e in run.events if e.prospect_id == p.prospect_id),
        )
        for p in run.prospects
    }
