"""Canada, telemarketing calls (CRTC Unsolicited Telecommunications Rules): the ``ca`` pack.

Data only; see ``docs/compliance/ca.md``. Not legal advice.
"""

from __future__ import annotations

from datetime import time

from outreach_rules.calendar import FRIDAY, MONDAY, SATURDAY, SUNDAY, Hours
from outreach_rules.compliance.rules import (
    CallingHours,
    Exemption,
    Pack,
    Period,
    PeriodUnit,
    Registry,
    Requirement,
)

__all__ = ["CA", "PACKS"]

_UTR = (
    "Canadian Radio-television and Telecommunications Commission (CRTC), "
    "Unsolicited Telecommunications Rules"
)
_ACT = "Telecommunications Act (S.C. 1993, c. 38), section 41.7"
_COMPANY_LIST = "UTR Part III; CRTC 2014-155"

_WEEKDAYS = [(time(9), time(21, 30))]
_WEEKEND = [(time(10), time(18))]

CA = Pack(
    name="ca",
    country="CA",
    title="Canada",
    hours=(
        CallingHours(
            hours=Hours.from_mapping(
                {
                    **dict.fromkeys(range(MONDAY, FRIDAY + 1), _WEEKDAYS),
                    SATURDAY: _WEEKEND,
                    SUNDAY: _WEEKEND,
                }
            ),
            citation="CRTC Unsolicited Telecommunications Rules, Part III",
            source=_UTR,
            verified=True,
            note="Weekdays 09:00–21:30; Saturday and Sunday 10:00–18:00, the called "
            "person's local time.",
        ),
    ),
    registries=(
        Registry(
            name="National Do Not Call List (DNCL)",
            prospect_flag="on_national_dncl",
            takes_effect_after=Period(amount=31),
            exemptions=(
                Exemption(
                    name="existing business relationship (purchase)",
                    when="a purchase or lease by the person",
                    lasts=Period(amount=18, unit=PeriodUnit.MONTHS),
                    citation="Telecommunications Act s. 41.7",
                    source=_ACT,
                    verified=False,
                ),
                Exemption(
                    name="existing business relationship (inquiry)",
                    when="an inquiry or application by the person",
                    lasts=Period(amount=6, unit=PeriodUnit.MONTHS),
                    citation="Telecommunications Act s. 41.7",
                    source=_ACT,
                    verified=False,
                ),
            ),
            citation="UTR Part II",
            source=_UTR,
            verified=True,
            note="A registration takes effect 31 days after it is made and is permanent.",
        ),
        Registry(
            name="Company do-not-call list",
            prospect_flag="do_not_call",
            honoured_within=Period(amount=14),
            citation=_COMPANY_LIST,
            source=_UTR,
            verified=True,
            note="A do-not-call request is processed within 14 days. The library stops at once.",
        ),
    ),
    requirements=(
        Requirement(
            name="do-not-call request kept",
            summary="Keep a company do-not-call request for 3 years.",
            period=Period(amount=3, unit=PeriodUnit.YEARS),
            citation=_COMPANY_LIST,
            source=_UTR,
            verified=False,
            note="The retention period is unverified.",
        ),
    ),
)

PACKS = (CA,)
