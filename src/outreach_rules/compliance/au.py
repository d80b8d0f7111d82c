"""Australia, telemarketing calls and the Do Not Call Register: the ``au`` pack.

Data only; see ``docs/compliance/au.md``. Not legal advice.
"""

from __future__ import annotations

from datetime import time

from outreach_rules.calendar import (
    END_OF_DAY,
    FRIDAY,
    MONDAY,
    SATURDAY,
    SUNDAY,
    Hours,
)
from outreach_rules.compliance.rules import CallingHours, HolidayRule, Pack, Period, Registry

__all__ = ["AU", "PACKS"]

_STANDARD = "Telecommunications (Telemarketing and Research Calls) Industry Standard 2017 (Cth)"
_CITATION = "Telemarketing and Research Calls Industry Standard 2017"
_ALL_DAY = [(time(0), END_OF_DAY)]

AU = Pack(
    name="au",
    country="AU",
    title="Australia",
    hours=(
        # The verified numbers: weekday and Saturday hours. Sunday is left open here, and
        # closed by the separate (unverified) rule below, so each carries its own flag.
        CallingHours(
            hours=Hours.from_mapping(
                {
                    **{day: [(time(9), time(20))] for day in range(MONDAY, FRIDAY + 1)},
                    SATURDAY: [(time(9), time(17))],
                    SUNDAY: _ALL_DAY,
                }
            ),
            citation=_CITATION,
            source=_STANDARD,
            verified=True,
            note="Monday to Friday 09:00–20:00; Saturday 09:00–17:00, the called person's "
            "local time.",
        ),
        CallingHours(
            hours=Hours.from_mapping(dict.fromkeys(range(MONDAY, SATURDAY + 1), _ALL_DAY)),
            citation=_CITATION,
            source=_STANDARD,
            verified=False,
            note="No calls on Sunday. Unverified in the standard's text.",
        ),
    ),
    holidays=(
        # National public holidays only: the holidays package's list for Australia without a
        # state (New Year's Day, Australia Day, Good Friday, Easter Monday, ANZAC Day,
        # Christmas Day, Boxing Day) on their own dates. That list has no weekday
        # substitutes, so when ANZAC Day falls on a Saturday (25 April 2026) the Saturday is
        # closed and the following Monday, a substitute holiday in some states only, is not.
        HolidayRule(
            country="AU",
            region=None,
            closed=True,
            citation=_CITATION,
            source=_STANDARD,
            verified=False,
            note="No calls on a national public holiday (the holidays package's national "
            "list, on the holiday's own date, no weekday substitutes). Unverified in the "
            "standard's text.",
        ),
    ),
    registries=(
        Registry(
            name="Do Not Call Register",
            prospect_flag="on_dnc_register",
            check_valid_for=Period(amount=30),
            citation="Do Not Call Register Act 2006 s. 11",
            source="Do Not Call Register Act 2006 (Cth), section 11",
            verified=True,
            note="Registrations are permanent; a check of the register protects the caller "
            "for 30 days (safe harbour).",
        ),
    ),
)

PACKS = (AU,)
