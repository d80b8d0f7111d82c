"""France, the Netherlands, Spain, Italy and Belgium: ``fr``, ``nl``, ``es``, ``it``, ``be``.

France sets calling hours with a lunch break (two windows a day), a cap and
a register; the others set consent rules or a do-not-call register and no
calling hours. The rules here cover calls only: text messages fall under
each country's e-mail and electronic-marketing rules, which no pack encodes
yet. Data only; see ``docs/compliance/``. Not legal advice.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from outreach_rules.calendar import FRIDAY, MONDAY, Hours
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
    RegistryKind,
)

__all__ = ["BE", "ES", "FR", "IT", "NL", "PACKS"]

# ----------------------------------------------------------------- France

_D223_9 = "C. consom. D.223-9 (décret 2022-1313)"
_CONSOMMATION = (
    "Code de la consommation, articles L.223-1 and D.223-9 (décret n° 2022-1313 du "
    "13 octobre 2022): https://www.legifrance.gouv.fr/"
)
_MORNING_AND_AFTERNOON = [(time(10), time(13)), (time(14), time(20))]

FR = Pack(
    name="fr",
    country="FR",
    title="France",
    hours=(
        CallingHours(
            hours=Hours.from_mapping(
                dict.fromkeys(range(MONDAY, FRIDAY + 1), _MORNING_AND_AFTERNOON)
            ),
            citation=_D223_9,
            source=_CONSOMMATION,
            verified=True,
            applies_to=Audience.CONSUMER,
            note="Solicitation calls to a consumer: Monday to Friday 10:00–13:00 and "
            "14:00–20:00 only; never on Saturday or Sunday.",
        ),
    ),
    holidays=(
        HolidayRule(
            country="FR",
            citation=_D223_9,
            source=_CONSOMMATION,
            verified=True,
            applies_to=Audience.CONSUMER,
            note="No solicitation calls on a public holiday (the national list; the local "
            "holidays of Alsace-Moselle and the overseas departments are not added).",
        ),
    ),
    caps=(
        FrequencyCap(
            count=4,
            window=timedelta(days=30),
            scope=CapScope.PROSPECT,
            after_refusal=timedelta(days=60),
            citation=_D223_9,
            source=_CONSOMMATION,
            verified=True,
            applies_to=Audience.CONSUMER,
            note="At most 4 solicitations of one consumer in any 30 days, and none for 60 days "
            "after the consumer refused.",
        ),
    ),
    registries=(
        Registry(
            name="Bloctel",
            prospect_flag="bloctel",
            applies_to=Audience.CONSUMER,
            citation="C. consom. L.223-1",
            source=_CONSOMMATION,
            verified=True,
            note="No solicitation call to a consumer registered on Bloctel.",
        ),
        Registry(
            name="Prior consent to solicitation calls (from 2026-08-11)",
            prospect_flag="consent",
            kind=RegistryKind.CONSENT,
            applies_to=Audience.CONSUMER,
            in_force_from=date(2026, 8, 11),
            citation="loi 2025-594",
            source="Loi n° 2025-594 du 30 juin 2025: https://www.legifrance.gouv.fr/",
            verified=True,
            note="From 11 August 2026 a solicitation call to a consumer needs the consumer's "
            "prior consent; before that date the rule does not bar.",
        ),
    ),
)

# ----------------------------------------------------------------- Netherlands

_TW = "Telecommunicatiewet, artikel 11.7: https://wetten.overheid.nl/"
NL = Pack(
    name="nl",
    country="NL",
    title="Netherlands",
    registries=(
        Registry(
            name="Consent to telemarketing calls (natural persons)",
            prospect_flag="consent",
            kind=RegistryKind.CONSENT,
            applies_to=Audience.CONSUMER,
            in_force_from=date(2021, 7, 1),
            exemptions=(
                Exemption(
                    name="existing customer (purchase)",
                    when="the person is or was a customer of the caller",
                    lasts=Period(amount=3, unit=PeriodUnit.YEARS),
                    citation="Telecommunicatiewet 11.7",
                    source=_TW,
                    verified=True,
                    note="Counted from the last purchase (Prospect.last_purchase), standing in "
                    "for the end of the relationship.",
                ),
            ),
            citation="Telecommunicatiewet 11.7",
            source=_TW,
            verified=True,
            note="Since 1 July 2021 a telemarketing call to a natural person needs consent, "
            "unless they are or were a customer in the last 3 years.",
        ),
    ),
)

# ----------------------------------------------------------------- Spain

_LGT = "Ley 11/2022, General de Telecomunicaciones, artículo 66.1(b): https://www.boe.es/"
ES = Pack(
    name="es",
    country="ES",
    title="Spain",
    registries=(
        Registry(
            name="Consent to commercial calls",
            prospect_flag="consent",
            kind=RegistryKind.CONSENT,
            applies_to=Audience.CONSUMER,
            exemptions=(
                Exemption(
                    name="customer relationship (purchase)",
                    when="a purchase or contract with the caller",
                    lasts=Period(amount=1, unit=PeriodUnit.YEARS),
                    citation="Ley 11/2022 art. 66.1(b)",
                    source=_LGT,
                    verified=False,
                ),
            ),
            citation="Ley 11/2022 art. 66.1(b)",
            source=_LGT,
            verified=False,
            note="A commercial call needs consent or a customer relationship within the last "
            "year. Applied to consumers; the scope for business lines is unverified.",
        ),
    ),
)

# ----------------------------------------------------------------- Italy

IT = Pack(
    name="it",
    country="IT",
    title="Italy",
    registries=(
        Registry(
            name="Registro pubblico delle opposizioni",
            prospect_flag="rpo",
            citation="DPR 26/2022",
            source="Decreto del Presidente della Repubblica 27 gennaio 2022, n. 26",
            verified=True,
            note="No marketing call to a number on the register; mobile numbers can be "
            "registered since 2022.",
        ),
    ),
)

# ----------------------------------------------------------------- Belgium

BE = Pack(
    name="be",
    country="BE",
    title="Belgium",
    registries=(
        Registry(
            name="Ne m'appelez plus / Bel-me-niet-meer",
            prospect_flag="dncm",
            citation="CDE VI.110–VI.114",
            source="Code de droit économique, articles VI.110 to VI.114",
            verified=True,
            note="No marketing call to a number on the list; business numbers can be "
            "registered too.",
        ),
    ),
)

PACKS = (FR, NL, ES, IT, BE)
