"""Canada, telemarketing calls (CRTC Unsolicited Telecommunications Rules): the ``ca`` pack.

Data only; see ``docs/compliance/ca.md``. Not legal advice.
"""

from __future__ import annotations

from datetime import time, timedelta

from outreach_rules.calendar import FRIDAY, MONDAY, SATURDAY, SUNDAY, Hours
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
    Requirement,
)

__all__ = ["CA", "CA_BC", "PACKS"]

_UTR = (
    "Canadian Radio-television and Telecommunications Commission (CRTC), "
    "Unsolicited Telecommunications Rules"
)
_ACT = "Telecommunications Act (S.C. 1993, c. 38), section 41.7"
_COMPANY_LIST = "UTR Part III; CRTC 2014-155"

_WEEKDAYS = [(time(9), time(21, 30))]
_WEEKEND = [(time(10), time(18))]
_CRTC_HOURS = Hours.from_mapping(
    {
        **dict.fromkeys(range(MONDAY, FRIDAY + 1), _WEEKDAYS),
        SATURDAY: _WEEKEND,
        SUNDAY: _WEEKEND,
    }
)

CA = Pack(
    name="ca",
    country="CA",
    title="Canada",
    hours=(
        CallingHours(
            hours=_CRTC_HOURS,
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
            applies_to=Audience.CONSUMER,
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
            note="A registration takes effect 31 days after it is made and is permanent. The "
            "National DNCL rules do not apply to calls to business consumers.",
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
            summary="Keep a company do-not-call request for 3 years and 14 days.",
            period=Period(amount=3, unit=PeriodUnit.YEARS, and_days=14),
            citation=_COMPANY_LIST,
            source=_UTR,
            verified=True,
            note="The request is processed within 14 days and then kept for 3 years.",
        ),
    ),
)

_BC = (
    "British Columbia, Telemarketer Licensing Regulation (B.C. Reg. 1/2007), under the "
    "Business Practices and Consumer Protection Act"
)

CA_BC = Pack(
    name="ca-BC",
    country="CA",
    region="BC",
    title="Canada, British Columbia",
    hours=(
        CallingHours(
            hours=_CRTC_HOURS,
            citation="BC Telemarketer Licensing Regulation",
            source=_BC,
            verified=False,
            note="Weekdays 09:00–21:30, Saturday and Sunday 10:00–18:00, as the federal rules; "
            "the section is unverified.",
        ),
    ),
    holidays=(
        HolidayRule(
            country="CA",
            region="BC",
            citation="BC Telemarketer Licensing Regulation",
            source=_BC,
            verified=False,
            note="No telemarketing call on a statutory holiday of British Columbia.",
        ),
    ),
    caps=(
        FrequencyCap(
            count=1,
            window=timedelta(days=30),
            scope=CapScope.SUBJECT,
            citation="BC Telemarketer Licensing Regulation",
            source=_BC,
            verified=False,
            note="At most one call to a person in any 30 days about the same offer.",
        ),
    ),
)

PACKS = (CA, CA_BC)
