"""Canada, commercial electronic messages (CASL): the ``ca-email`` pack.

Calling hours do not apply to e-mail. Data only; see
``docs/compliance/ca-email.md``. Not legal advice.
"""

from __future__ import annotations

from outreach_rules.compliance.rules import EMAIL, Pack, Period, PeriodUnit, Registry

__all__ = ["CA_EMAIL", "PACKS"]

CA_EMAIL = Pack(
    name="ca-email",
    country="CA",
    title="Canada, commercial e-mail (CASL)",
    registries=(
        Registry(
            name="Sender's unsubscribe list (CASL)",
            prospect_flag="email_opt_out",
            channels=EMAIL,
            honoured_within=Period(amount=10, unit=PeriodUnit.BUSINESS_DAYS),
            citation="CASL s. 11(3)",
            source="An Act to promote the efficiency and adaptability of the Canadian economy "
            "(Canada's Anti-Spam Legislation, S.C. 2010, c. 23), section 11(3)",
            verified=True,
            note="An unsubscribe request is given effect within 10 business days.",
        ),
    ),
)

PACKS = (CA_EMAIL,)
