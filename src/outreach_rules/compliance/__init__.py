"""Contact rules by jurisdiction, as data with their legal citations: ``orl.compliance``.

A ``Pack`` holds one jurisdiction's rules (calling hours, holiday
closures, frequency caps, do-not-call registries and consent, other duties),
each citing its source and saying whether it was verified against the law's
text. ``packs_for`` picks the packs that apply to a prospect from its
``country`` and ``region``; ``permitted`` and ``windows`` answer
"may we call now?" and "when may we call?" in the prospect's own zone, by
law alone (no business preference), the stricter rule winning.
``describe`` says what each rule of a pack says, as rows for people.

This is not legal advice: the rules are a summary of public sources, some
of them unverified (``verified=False``), and laws change.
"""

from __future__ import annotations

from outreach_rules.compliance.calendars import (
    calendar_for,
    calendar_from,
    next_permitted,
    permitted,
    windows,
)
from outreach_rules.compliance.registry import PACKS, barred_by, caps_for, packs_for
from outreach_rules.compliance.rules import (
    Audience,
    CallingHours,
    CapScope,
    Exemption,
    FrequencyCap,
    HolidayRule,
    Pack,
    Period,
    PeriodUnit,
    Registry,
    RegistryKind,
    Requirement,
    Rule,
)
from outreach_rules.compliance.summary import RuleRow, describe

__all__ = [
    "PACKS",
    "Audience",
    "CallingHours",
    "CapScope",
    "Exemption",
    "FrequencyCap",
    "HolidayRule",
    "Pack",
    "Period",
    "PeriodUnit",
    "Registry",
    "RegistryKind",
    "Requirement",
    "Rule",
    "RuleRow",
    "barred_by",
    "calendar_for",
    "calendar_from",
    "caps_for",
    "describe",
    "next_permitted",
    "packs_for",
    "permitted",
    "windows",
]
