"""Canada, commercial electronic messages (CASL): the ``ca-email`` pack.

CASL covers e-mail and text messages alike: consent before the message
(s. 6), an unsubscribe honoured within 10 business days (s. 11). Calling
hours do not apply. Data only; see ``docs/compliance/ca-email.md``. Not
legal advice.
"""

from __future__ import annotations

from outreach_rules.compliance.rules import (
    EMAIL,
    TEXTS,
    Pack,
    Period,
    PeriodUnit,
    Registry,
    RegistryKind,
)

__all__ = ["CA_EMAIL", "PACKS"]

_CASL = (
    "An Act to promote the efficiency and adaptability of the Canadian economy "
    "(Canada's Anti-Spam Legislation, S.C. 2010, c. 23)"
)
_MESSAGES = EMAIL | TEXTS

CA_EMAIL = Pack(
    name="ca-email",
    country="CA",
    title="Canada, commercial e-mail and texts (CASL)",
    registries=(
        Registry(
            name="Consent to commercial electronic messages (CASL)",
            prospect_flag="email_consent",
            kind=RegistryKind.CONSENT,
            channels=_MESSAGES,
            citation="CASL s. 6",
            source=f"{_CASL}, section 6",
            verified=True,
            note="A commercial electronic message (e-mail or text) needs the recipient's "
            "consent, express or implied (an existing business relationship, for instance): "
            "set the flag for either.",
        ),
        Registry(
            name="Sender's unsubscribe list (CASL)",
            prospect_flag="email_opt_out",
            channels=_MESSAGES,
            honoured_within=Period(amount=10, unit=PeriodUnit.BUSINESS_DAYS),
            citation="CASL s. 11(3)",
            source=f"{_CASL}, section 11(3)",
            verified=True,
            note="An unsubscribe request is given effect within 10 business days.",
        ),
    ),
)

PACKS = (CA_EMAIL,)
