"""United States, commercial e-mail (CAN-SPAM): the ``us-email`` pack.

Calling hours do not apply to e-mail. Data only; see
``docs/compliance/us-email.md``. Not legal advice.
"""

from __future__ import annotations

from outreach_rules.compliance.rules import EMAIL, Pack, Period, PeriodUnit, Registry

__all__ = ["PACKS", "US_EMAIL"]

US_EMAIL = Pack(
    name="us-email",
    country="US",
    title="United States, commercial e-mail (CAN-SPAM)",
    registries=(
        Registry(
            name="Sender's e-mail opt-out list (CAN-SPAM)",
            prospect_flag="email_opt_out",
            channels=EMAIL,
            honoured_within=Period(amount=10, unit=PeriodUnit.BUSINESS_DAYS),
            citation="15 U.S.C. 7704(a)(4); 16 CFR 316.5",
            source="15 U.S.C. 7704: https://www.law.cornell.edu/uscode/text/15/7704; "
            "16 CFR 316.5: https://www.ecfr.gov/current/title-16/section-316.5",
            verified=True,
            note="Honour an opt-out within 10 business days; do not charge a fee or ask for "
            "more than an e-mail address and a reply or a visit to one web page.",
        ),
    ),
)

PACKS = (US_EMAIL,)
