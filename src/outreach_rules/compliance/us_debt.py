"""United States, debt collection (Regulation F): the opt-in ``us-debt`` pack.

Applies only when a caller names it (``include=("us-debt",)``): it governs
collectors of consumer debts, not sales calls. Data only; see
``docs/compliance/us-debt.md``. Not legal advice.
"""

from __future__ import annotations

from datetime import time, timedelta

from outreach_rules.calendar import Hours
from outreach_rules.channels import LegalHours, channels_where
from outreach_rules.compliance.rules import PHONE, TEXTS, CallingHours, CapScope, FrequencyCap, Pack

__all__ = ["PACKS", "US_DEBT"]

# Every communication: calls, texts and the written channels (e-mail, letters). A LinkedIn
# message answers to no hours rule (the channel table's family NONE).
_EVERY_COMMUNICATION = PHONE | TEXTS | channels_where(legal_hours=LegalHours.WRITTEN)

_REG_F = "12 CFR part 1006 (Regulation F, eCFR): https://www.ecfr.gov/current/title-12/part-1006"

US_DEBT = Pack(
    name="us-debt",
    country="US",
    title="United States, debt collection (Regulation F)",
    opt_in=True,
    hours=(
        CallingHours(
            hours=Hours.weekly(time(8), time(21), days=range(7)),
            channels=_EVERY_COMMUNICATION,
            citation="12 CFR 1006.6(b)(1)(i)",
            source=_REG_F,
            verified=True,
            note="A communication before 08:00 or after 21:00 local time is presumed "
            "inconvenient: calls, texts and e-mails alike, judged by when the message is sent "
            "(Quinn-Davis v. TrueAccord, S.D. Fla. 2024).",
        ),
    ),
    caps=(
        FrequencyCap(
            count=7,
            window=timedelta(days=7),
            scope=CapScope.SUBJECT,
            after_conversation=timedelta(days=7),
            citation="12 CFR 1006.14(b)(2)",
            source=_REG_F,
            verified=True,
            note="Per debt (the subject): more than 7 calls in 7 consecutive days, or any "
            "call within 7 days after a telephone conversation about the debt, is presumed "
            "harassment.",
        ),
    ),
)

PACKS = (US_DEBT,)
