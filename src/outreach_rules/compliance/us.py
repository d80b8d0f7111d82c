"""United States, federal rules for telephone solicitation (the ``us`` pack).

Data only; see ``docs/compliance/us.md``. Not legal advice.
"""

from __future__ import annotations

from datetime import time

from outreach_rules.calendar import Hours
from outreach_rules.compliance.rules import (
    PHONE,
    TEXTS,
    Audience,
    CallingHours,
    Exemption,
    Pack,
    Period,
    PeriodUnit,
    Registry,
    Requirement,
)

__all__ = ["PACKS", "US"]

_TCPA_RULES = "47 CFR 64.1200 (eCFR): https://www.ecfr.gov/current/title-47/section-64.1200"
_TSR = "16 CFR 310.6 (eCFR): https://www.ecfr.gov/current/title-16/section-310.6"

US = Pack(
    name="us",
    country="US",
    title="United States (federal)",
    hours=(
        CallingHours(
            hours=Hours.weekly(time(8), time(21), days=range(7)),
            channels=PHONE | TEXTS,
            citation="47 CFR 64.1200(c)(1)",
            source=_TCPA_RULES,
            verified=True,
            applies_to=Audience.CONSUMER,
            note="Telephone solicitations to a residential subscriber: not before 08:00 or "
            "after 21:00 at the called party's location, every day of the week. The FCC reads "
            "a text as a call. Business lines are outside the rule; the guards keep every "
            "call and text inside 08:00–21:00 anyway.",
        ),
    ),
    registries=(
        Registry(
            name="US National Do Not Call Registry",
            prospect_flag="on_national_dnc",
            applies_to=Audience.CONSUMER,
            channels=PHONE | TEXTS,
            check_valid_for=Period(amount=31),
            exemptions=(
                Exemption(
                    name="established business relationship (purchase)",
                    when="a purchase or transaction with the caller",
                    lasts=Period(amount=18, unit=PeriodUnit.MONTHS),
                    citation="47 CFR 64.1200(f)(5)",
                    source=_TCPA_RULES,
                    verified=True,
                ),
                Exemption(
                    name="established business relationship (inquiry)",
                    when="an inquiry or application by the person",
                    lasts=Period(amount=3, unit=PeriodUnit.MONTHS),
                    citation="47 CFR 64.1200(f)(5)",
                    source=_TCPA_RULES,
                    verified=True,
                ),
                Exemption(
                    name="business-to-business calls",
                    when="the call is made to a business, not a consumer",
                    citation="16 CFR 310.6(b)(7)",
                    source=_TSR,
                    verified=True,
                    note="The FTC's exemption (Telemarketing Sales Rule), with exceptions the "
                    "rule lists. The FCC's registry rule protects residential subscribers, so "
                    "the registry is dropped for consumer=False either way.",
                ),
            ),
            citation="47 CFR 64.1200(c)(2)",
            source=_TCPA_RULES,
            verified=True,
            note="Protects residential subscribers (FCC); a text to a registered mobile counts "
            "as a call. A registration is honoured indefinitely; callers must re-check the "
            "list at most every 31 days. Whether a number is registered is prospect data.",
        ),
        Registry(
            name="Company-specific do-not-call list",
            prospect_flag="do_not_call",
            channels=PHONE | TEXTS,
            honoured_within=Period(amount=10, unit=PeriodUnit.BUSINESS_DAYS),
            citation="47 CFR 64.1200(d)(3)",
            source=_TCPA_RULES,
            verified=True,
            note="10 business days since 2025-04-11 (30 days before). The library stops at "
            "once; the deadline matters for reports.",
        ),
    ),
    requirements=(
        Requirement(
            name="do-not-call record kept",
            summary="Keep a do-not-call request on record for 5 years from the request.",
            period=Period(amount=5, unit=PeriodUnit.YEARS),
            citation="47 CFR 64.1200(d)(6)",
            source=_TCPA_RULES,
            verified=False,
        ),
    ),
)

PACKS = (US,)
