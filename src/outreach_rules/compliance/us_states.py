"""United States, state telephone-solicitation rules: ``us-FL``, ``us-OK``, ``us-MD``, ``us-LA``.

Each state pack applies on top of the federal ``us`` pack; where both set
hours, the narrower ones win. Other states with Sunday or holiday limits
(Alabama, Mississippi, Rhode Island, Utah, Pennsylvania, …) are left out
until their rules and citations can be stated from a source. Data only; see
``docs/compliance/us-*.md``. Not legal advice.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from outreach_rules.calendar import MONDAY, SATURDAY, Hours
from outreach_rules.compliance.rules import (
    CallingHours,
    CapScope,
    FrequencyCap,
    HolidayRule,
    Pack,
)

__all__ = ["LOUISIANA_EXTRA_HOLIDAYS", "PACKS", "US_FL", "US_LA", "US_MD", "US_OK"]

_EIGHT_TO_EIGHT = Hours.weekly(time(8), time(20), days=range(7))
_DAY = timedelta(hours=24)

_FL = "Florida Statutes, section 501.616 (Florida Telemarketing Act)"
US_FL = Pack(
    name="us-FL",
    country="US",
    region="FL",
    title="United States, Florida",
    hours=(
        CallingHours(
            hours=_EIGHT_TO_EIGHT,
            citation="Fla. Stat. 501.616(6)",
            source=_FL,
            verified=True,
            note="No commercial telephone solicitation before 08:00 or after 20:00 at the "
            "called person's location.",
        ),
    ),
    caps=(
        FrequencyCap(
            count=3,
            window=_DAY,
            scope=CapScope.SUBJECT,
            citation="Fla. Stat. 501.616(6)",
            source=_FL,
            verified=True,
            note="At most 3 calls to a person in any 24 hours on the same subject matter, "
            "whatever number they are made from.",
        ),
    ),
)

_OK = "Oklahoma Statutes, Title 15, section 775C.4"
US_OK = Pack(
    name="us-OK",
    country="US",
    region="OK",
    title="United States, Oklahoma",
    hours=(
        CallingHours(
            hours=_EIGHT_TO_EIGHT,
            citation="15 O.S. 775C.4",
            source=_OK,
            verified=False,
            note="08:00–20:00 local time. The section number is unverified.",
        ),
    ),
    caps=(
        FrequencyCap(
            count=3,
            window=_DAY,
            # The facts we have do not say the count is per subject, so every call to the
            # person counts: the stricter reading.
            scope=CapScope.PROSPECT,
            citation="15 O.S. 775C.4",
            source=_OK,
            verified=False,
            note="At most 3 calls in any 24 hours. The section number is unverified; the "
            "pack counts every call to the person (the stricter reading).",
        ),
    ),
)

_MD = "Annotated Code of Maryland, Commercial Law, section 14-4502"
US_MD = Pack(
    name="us-MD",
    country="US",
    region="MD",
    title="United States, Maryland",
    hours=(
        CallingHours(
            hours=_EIGHT_TO_EIGHT,
            citation="Md. Code, Com. Law 14-4502",
            source=_MD,
            verified=False,
            note="08:00–20:00 local time. The subsection is unverified.",
        ),
    ),
    caps=(
        FrequencyCap(
            count=3,
            window=_DAY,
            scope=CapScope.PROSPECT,
            citation="Md. Code, Com. Law 14-4502",
            source=_MD,
            verified=False,
            note="At most 3 calls or texts in any 24 hours (texts are not a channel of this "
            "library). The subsection is unverified; the pack counts every call to the "
            "person (the stricter reading).",
        ),
    ),
)

LOUISIANA_EXTRA_HOLIDAYS = frozenset(date(year, 1, 8) for year in range(2000, 2100))
"""Louisiana legal holidays the ``holidays`` package does not list: 8 January (Battle of
New Orleans), 2000 to 2099. Add further dates here as they are verified."""

_LA = "Louisiana Revised Statutes, Title 45, section 811"
US_LA = Pack(
    name="us-LA",
    country="US",
    region="LA",
    title="United States, Louisiana",
    hours=(
        CallingHours(
            hours=Hours.weekly(time(8), time(20), days=range(MONDAY, SATURDAY + 1)),
            citation="La. R.S. 45:811",
            source=_LA,
            verified=False,
            note="Monday to Saturday 08:00–20:00; no calls on Sunday.",
        ),
    ),
    holidays=(
        HolidayRule(
            country="US",
            region="LA",
            extra=LOUISIANA_EXTRA_HOLIDAYS,
            closed=True,
            citation="La. R.S. 45:811",
            source=_LA,
            verified=False,
            # The package's Louisiana list (with its weekday "observed" days, which only makes
            # the pack stricter) plus the state's own dates the package lacks.
            note="No calls on a state legal holiday: the holidays package's Louisiana list, "
            "its observed days included, plus 8 January (Battle of New Orleans).",
        ),
    ),
)

PACKS = (US_FL, US_OK, US_MD, US_LA)
