"""The sender's travels, which make a lunch invitation possible."""

from __future__ import annotations

from datetime import date

import attrs

from outreach_rules import _validate as v

__all__ = ["Trip"]


@attrs.frozen(kw_only=True)
class Trip:
    """The sender will be in ``city`` on ``day``."""

    city: str = attrs.field(validator=v.is_name)
    day: date = attrs.field(validator=v.is_date)
