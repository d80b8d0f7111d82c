"""Germany, telephone advertising (UWG): the ``de`` pack.

Germany has no do-not-call register: a call needs consent. The pack
represents it as consent registries: a caller sets the ``consent`` flag for
a consumer who gave prior express consent, ``presumed_consent`` for a
business whose consent may be presumed. The law sets no calling hours.
Data only; see ``docs/compliance/de.md``. Not legal advice.
"""

from __future__ import annotations

from outreach_rules.compliance.rules import (
    Audience,
    Pack,
    Period,
    PeriodUnit,
    Registry,
    RegistryKind,
    Requirement,
)

__all__ = ["DE", "PACKS"]

_CITATION = "UWG §7(2) no. 1, §7a"
_SOURCE = (
    "Gesetz gegen den unlauteren Wettbewerb (UWG), §§ 7, 7a: "
    "https://www.gesetze-im-internet.de/uwg_2004/"
)

DE = Pack(
    name="de",
    country="DE",
    title="Germany",
    registries=(
        Registry(
            name="Prior express consent (consumers)",
            prospect_flag="consent",
            kind=RegistryKind.CONSENT,
            applies_to=Audience.CONSUMER,
            citation=_CITATION,
            source=_SOURCE,
            verified=True,
            note="An advertising call to a consumer needs the consumer's prior express consent.",
        ),
        Registry(
            name="Presumed consent (businesses)",
            prospect_flag="presumed_consent",
            kind=RegistryKind.CONSENT,
            applies_to=Audience.BUSINESS,
            citation=_CITATION,
            source=_SOURCE,
            verified=True,
            note="An advertising call to a business needs at least its presumed consent.",
        ),
    ),
    requirements=(
        Requirement(
            name="consent documented",
            summary="Document a consumer's consent to advertising calls and keep the record "
            "for 5 years from each use of the consent.",
            period=Period(amount=5, unit=PeriodUnit.YEARS),
            citation="UWG §7a",
            source=_SOURCE,
            verified=True,
            applies_to=Audience.CONSUMER,
            note="§7a is about consumers; the 5 years start again each time the consent is "
            "used for a call.",
        ),
    ),
)

PACKS = (DE,)
