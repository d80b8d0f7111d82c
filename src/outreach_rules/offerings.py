"""Things we sell, whose launch can be a reason to call again."""

from __future__ import annotations

from datetime import date

import attrs

from outreach_rules import _validate as v

__all__ = ["Offering"]


@attrs.frozen(kw_only=True)
class Offering:
    """Something we sell, launched on a date, about some topics."""

    name: str = attrs.field(validator=v.is_name)
    launched: date = attrs.field(validator=v.is_date)
    topics: frozenset[str] = attrs.field(
        default=frozenset(), converter=v.as_frozenset, validator=v.is_topics
    )
