"""United Kingdom, marketing e-mail (PECR regulation 22): the ``gb-email`` pack.

Regulation 22 covers e-mail and texts to individual subscribers; calling
hours do not apply. Data only; see
``docs/compliance/gb-email.md``. Not legal advice.
"""

from __future__ import annotations

from outreach_rules.compliance.rules import (
    EMAIL,
    TEXTS,
    Audience,
    Exemption,
    Pack,
    Registry,
    RegistryKind,
)

__all__ = ["GB_EMAIL", "PACKS"]

_PECR_22 = (
    "The Privacy and Electronic Communications (EC Directive) Regulations 2003, regulation 22: "
    "https://www.legislation.gov.uk/uksi/2003/2426/regulation/22"
)

GB_EMAIL = Pack(
    name="gb-email",
    country="GB",
    title="United Kingdom, marketing e-mail (PECR)",
    registries=(
        Registry(
            name="Consent to marketing e-mail",
            prospect_flag="email_consent",
            kind=RegistryKind.CONSENT,
            applies_to=Audience.CONSUMER,
            channels=EMAIL | TEXTS,
            exemptions=(
                Exemption(
                    name="soft opt-in",
                    when="the person is an existing customer and the e-mail is about similar "
                    "products, with a simple way to opt out offered in every message",
                    citation="PECR reg 22",
                    source=_PECR_22,
                    verified=True,
                ),
                Exemption(
                    name="requested by the recipient",
                    when="the person asked for what is being sent (showed interest, asked "
                    "for information): regulation 22 restricts unsolicited e-mail",
                    citation="PECR reg 22",
                    source=_PECR_22,
                    verified=True,
                ),
            ),
            citation="PECR reg 22",
            source=_PECR_22,
            verified=True,
            note="Marketing e-mail and texts to an individual subscriber (a consumer, a sole "
            "trader, a partnership) need consent, except under the soft opt-in. A corporate "
            "address needs none (consumer=False); an unknown recipient (consumer=None) is "
            "treated as an individual, the stricter reading.",
        ),
    ),
)

PACKS = (GB_EMAIL,)
