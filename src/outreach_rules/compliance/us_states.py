"""United States, state telephone-solicitation rules: one pack per state, ``us-XX``.

Each state pack applies on top of the federal ``us`` pack; where both set
hours, the narrower ones win. Where a statute names its own legal holidays
(Louisiana, Utah, Pennsylvania, Rhode Island, Alabama) the pack carries that
list as its own data (``holiday_lists``), not the ``holidays`` package's. A
rule covers texts only where the state's law says so (``channels``
includes ``TEXTS``). Numbers from secondary sources only are
``verified=False``. Data only; see ``docs/compliance/us-*.md``. Not legal
advice.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Final

from outreach_rules.calendar import FRIDAY, MONDAY, SATURDAY, SUNDAY, Hours
from outreach_rules.compliance.holiday_lists import (
    after,
    even_years,
    fixed,
    from_easter,
    last,
    nth,
    since,
    statutory,
)
from outreach_rules.compliance.rules import (
    PHONE,
    TEXTS,
    CallingHours,
    CapScope,
    FrequencyCap,
    HolidayRule,
    Pack,
)

__all__ = [
    "ALABAMA_HOLIDAYS",
    "LOUISIANA_HOLIDAYS",
    "PACKS",
    "PENNSYLVANIA_HOLIDAYS",
    "RHODE_ISLAND_HOLIDAYS",
    "US_AL",
    "US_CT",
    "US_FL",
    "US_KY",
    "US_LA",
    "US_MA",
    "US_MD",
    "US_MI",
    "US_MN",
    "US_MS",
    "US_NM",
    "US_OK",
    "US_PA",
    "US_RI",
    "US_TX",
    "US_UT",
    "US_WA",
    "UTAH_HOLIDAYS",
]

_DAY = timedelta(hours=24)
_EVERY_DAY = range(7)
_NOT_SUNDAY = range(MONDAY, SATURDAY + 1)
_CALLS_AND_TEXTS: Final = PHONE | TEXTS
_MON, _THU = 0, 3
_JAN, _FEB, _APR, _MAY, _JUN, _AUG, _SEP, _OCT, _NOV = 1, 2, 4, 5, 6, 8, 9, 10, 11


def _daily(start: int, end: int, days: range = _EVERY_DAY) -> Hours:
    return Hours.weekly(time(start), time(end), days=days)


def _hours(
    hours: Hours, citation: str, source: str, verified: bool, note: str, *, texts: bool
) -> CallingHours:
    return CallingHours(
        hours=hours,
        channels=_CALLS_AND_TEXTS if texts else PHONE,
        citation=citation,
        source=source,
        verified=verified,
        note=note,
    )


def _state(
    region: str, title: str, *rules: CallingHours, holidays: tuple[HolidayRule, ...] = ()
) -> Pack:
    return Pack(
        name=f"us-{region}",
        country="US",
        region=region,
        title=f"United States, {title}",
        hours=rules,
        holidays=holidays,
    )


# ----------------------------------------------------------------- FL, OK, MD: hours and caps

_FL = "Florida Statutes, section 501.616 (Florida Telemarketing Act)"
US_FL = Pack(
    name="us-FL",
    country="US",
    region="FL",
    title="United States, Florida",
    hours=(
        _hours(
            _daily(8, 20),
            "Fla. Stat. 501.616(6)",
            _FL,
            True,
            "No commercial telephone solicitation, call or text, before 08:00 or after 20:00 "
            "at the called person's location.",
            texts=True,
        ),
    ),
    caps=(
        FrequencyCap(
            count=3,
            window=_DAY,
            scope=CapScope.SUBJECT,
            channels=_CALLS_AND_TEXTS,
            citation="Fla. Stat. 501.616(6)",
            source=_FL,
            verified=True,
            note="At most 3 calls or texts to a person in any 24 hours on the same subject "
            "matter, whatever number they are made from.",
        ),
    ),
)

_OK = "Oklahoma Statutes, Title 15, section 775C.4 (Oklahoma Telephone Solicitation Act)"
US_OK = Pack(
    name="us-OK",
    country="US",
    region="OK",
    title="United States, Oklahoma",
    hours=(
        _hours(
            _daily(8, 20),
            "15 O.S. 775C.4",
            _OK,
            False,
            "08:00–20:00 local time, calls and texts. The section number is unverified.",
            texts=True,
        ),
    ),
    caps=(
        FrequencyCap(
            count=3,
            window=_DAY,
            scope=CapScope.SUBJECT,
            channels=_CALLS_AND_TEXTS,
            citation="15 O.S. 775C.4",
            source=_OK,
            verified=False,
            note="At most 3 calls or texts in any 24 hours on the same subject. The section "
            "number is unverified.",
        ),
    ),
)

_MD = "Annotated Code of Maryland, Commercial Law, section 14-4502 (Stop the Spam Calls Act)"
US_MD = Pack(
    name="us-MD",
    country="US",
    region="MD",
    title="United States, Maryland",
    hours=(
        _hours(
            _daily(8, 20),
            "Md. Code, Com. Law 14-4502",
            _MD,
            False,
            "08:00–20:00 local time, calls and texts. The subsection is unverified.",
            texts=True,
        ),
    ),
    caps=(
        FrequencyCap(
            count=3,
            window=_DAY,
            scope=CapScope.SUBJECT,
            channels=_CALLS_AND_TEXTS,
            citation="Md. Code, Com. Law 14-4502",
            source=_MD,
            verified=False,
            note="At most 3 calls or texts in any 24 hours on the same subject. The "
            "subsection is unverified.",
        ),
    ),
)

# ----------------------------------------------------------------- LA: R.S. 45:811 and 1:55

LOUISIANA_HOLIDAYS = statutory(
    (
        fixed(_JAN, 1),
        fixed(_JAN, 8),  # Battle of New Orleans
        nth(3, _MON, _JAN),
        nth(3, _MON, _FEB),
        from_easter(-47),  # Mardi Gras
        from_easter(-2),  # Good Friday
        last(_MON, _MAY),
        fixed(7, 4),
        fixed(_AUG, 30),  # Huey P. Long Day
        nth(1, _MON, _SEP),
        nth(2, _MON, _OCT),  # Christopher Columbus Day
        fixed(_NOV, 1),  # All Saints' Day
        fixed(_NOV, 11),
        nth(4, _THU, _NOV),
        fixed(12, 25),
    )
)
"""The legal holidays of La. R.S. 1:55(A)(1), 2000 to 2099 (Sundays aside: the hours close them).

Inauguration Day in Baton Rouge and days a governor proclaims are not on it:
pass them as blackout dates (``Playbook.blackouts``)."""

_LA = "Louisiana Revised Statutes, Title 45, section 811; Title 1, section 55"
US_LA = Pack(
    name="us-LA",
    country="US",
    region="LA",
    title="United States, Louisiana",
    hours=(
        _hours(
            _daily(8, 20, _NOT_SUNDAY),
            "La. R.S. 45:811",
            _LA,
            False,
            "Monday to Saturday 08:00–20:00; no calls on Sunday. The facts we hold do not "
            "say the rule covers texts.",
            texts=False,
        ),
    ),
    holidays=(
        HolidayRule(
            country="US",
            region="LA",
            extra=LOUISIANA_HOLIDAYS,
            use_package=False,
            citation="La. R.S. 45:811; La. R.S. 1:55",
            source=_LA,
            verified=False,
            note="No calls on a legal holiday of R.S. 1:55, the state's own list (Mardi Gras, "
            "Huey P. Long Day on 30 August, Columbus Day, All Saints' Day and others the "
            "holidays package lacks). A declared emergency (R.S. 45:844.31) or a day a "
            "governor proclaims is a blackout date the caller passes.",
        ),
    ),
)

# ----------------------------------------------------------------- TX, CT: hours, texts covered

_TX = "Texas Business and Commerce Code, section 301.051; SB 140 (2025)"
US_TX = _state(
    "TX",
    "Texas",
    _hours(
        Hours.from_mapping(
            {
                **{day: [(time(9), time(21))] for day in range(MONDAY, SATURDAY + 1)},
                SUNDAY: [(time(12), time(21))],
            }
        ),
        "Tex. Bus. & Com. Code 301.051",
        _TX,
        False,
        "Monday to Saturday 09:00–21:00, Sunday 12:00–21:00; texts count as calls since "
        "SB 140 (2025). Medium-high confidence: unverified in the code's own text.",
        texts=True,
    ),
)

_CT = "Connecticut General Statutes, section 42-288a (Public Act 23-98)"
US_CT = _state(
    "CT",
    "Connecticut",
    _hours(
        _daily(9, 20),
        "C.G.S. 42-288a",
        _CT,
        True,
        "09:00–20:00 local time, every day; texts are telephonic sales calls too.",
        texts=True,
    ),
)

# ----------------------------------------------------------------- UT, PA, RI, AL: own holidays

UTAH_HOLIDAYS = statutory(
    (
        fixed(_JAN, 1),
        nth(3, _MON, _JAN),
        nth(3, _MON, _FEB),
        last(_MON, _MAY),
        since(2022, fixed(_JUN, 19)),  # Juneteenth
        fixed(7, 4),
        fixed(7, 24),  # Pioneer Day
        nth(1, _MON, _SEP),
        nth(2, _MON, _OCT),
        fixed(_NOV, 11),
        nth(4, _THU, _NOV),
        fixed(12, 25),
    ),
    weekend_moves=True,
)
"""Utah's legal holidays (Utah Code 63G-1-301), with the weekday a weekend holiday moves to."""

_UT = "Utah Code, section 13-25a-103 (Telephone and Facsimile Solicitation Act); 63G-1-301"
US_UT = _state(
    "UT",
    "Utah",
    _hours(
        _daily(8, 21, _NOT_SUNDAY),
        "Utah Code 13-25a-103",
        _UT,
        True,
        "08:00–21:00; no telephone solicitation on Sunday or a legal holiday.",
        texts=False,
    ),
    holidays=(
        HolidayRule(
            country="US",
            region="UT",
            extra=UTAH_HOLIDAYS,
            use_package=False,
            citation="Utah Code 13-25a-103; Utah Code 63G-1-301",
            source=_UT,
            verified=False,
            note="Utah's own list (Pioneer Day, 24 July, among them); each holiday that falls "
            "on a weekend also closes the weekday it is observed on. The list is from "
            "secondary sources.",
        ),
    ),
)

PENNSYLVANIA_HOLIDAYS = statutory(
    (
        fixed(_JAN, 1),
        nth(3, _MON, _JAN),
        nth(3, _MON, _FEB),
        from_easter(-2),
        last(_MON, _MAY),
        fixed(_JUN, 14),  # Flag Day
        fixed(7, 4),
        nth(1, _MON, _SEP),
        nth(2, _MON, _OCT),
        after(nth(1, _MON, _NOV), 1),  # election day
        fixed(_NOV, 11),
        nth(4, _THU, _NOV),
        fixed(12, 25),
    ),
    weekend_moves=True,
)
"""Pennsylvania's legal holidays (44 P.S. 11), with weekday observances of weekend ones."""

_PA = "Pennsylvania Telemarketer Registration Act, 73 P.S. 2245; 44 P.S. 11"
US_PA = _state(
    "PA",
    "Pennsylvania",
    _hours(
        _daily(8, 21),
        "73 P.S. 2245(a)(1)",
        _PA,
        True,
        "No unsolicited telephone call before 08:00 or after 21:00.",
        texts=False,
    ),
    holidays=(
        HolidayRule(
            country="US",
            region="PA",
            extra=PENNSYLVANIA_HOLIDAYS,
            use_package=False,
            citation="73 P.S. 2245(a)(10); 44 P.S. 11",
            source=_PA,
            verified=False,
            note="No calls on a legal holiday; the state's own list, from secondary sources.",
        ),
    ),
)

RHODE_ISLAND_HOLIDAYS = statutory(
    (
        fixed(_JAN, 1),
        nth(3, _MON, _JAN),
        nth(3, _MON, _FEB),
        last(_MON, _MAY),
        fixed(7, 4),
        nth(2, _MON, _AUG),  # Victory Day
        nth(1, _MON, _SEP),
        nth(2, _MON, _OCT),
        even_years(after(nth(1, _MON, _NOV), 1)),  # general election day
        fixed(_NOV, 11),
        nth(4, _THU, _NOV),
        fixed(12, 25),
    ),
    weekend_moves=True,
)
"""Rhode Island's legal holidays (R.I. Gen. Laws 25-1-1), with weekday observances."""

_RI = "Rhode Island General Laws, section 5-61-3.6; section 25-1-1"
US_RI = _state(
    "RI",
    "Rhode Island",
    _hours(
        Hours.from_mapping(
            {
                **{day: [(time(9), time(18))] for day in range(MONDAY, FRIDAY + 1)},
                SATURDAY: [(time(10), time(17))],
            }
        ),
        "R.I. Gen. Laws 5-61-3.6",
        _RI,
        False,
        "Weekdays 09:00–18:00, Saturday 10:00–17:00; never on Sunday or a holiday. Medium "
        "confidence in the scope.",
        texts=False,
    ),
    holidays=(
        HolidayRule(
            country="US",
            region="RI",
            extra=RHODE_ISLAND_HOLIDAYS,
            use_package=False,
            citation="R.I. Gen. Laws 5-61-3.6; R.I. Gen. Laws 25-1-1",
            source=_RI,
            verified=False,
            note="The state's own list (Victory Day, the second Monday in August, among "
            "them), from secondary sources.",
        ),
    ),
)

ALABAMA_HOLIDAYS = statutory(
    (
        fixed(_JAN, 1),
        nth(3, _MON, _JAN),
        nth(3, _MON, _FEB),
        from_easter(-47),  # Mardi Gras, in Baldwin and Mobile counties
        nth(4, _MON, _APR),  # Confederate Memorial Day
        last(_MON, _MAY),
        nth(1, _MON, _JUN),  # Jefferson Davis' birthday
        fixed(7, 4),
        nth(1, _MON, _SEP),
        nth(2, _MON, _OCT),
        fixed(_NOV, 11),
        nth(4, _THU, _NOV),
        fixed(12, 25),
    ),
    weekend_moves=True,
)
"""Alabama's state holidays (Ala. Code 1-3-8), with weekday observances of weekend ones."""

_AL = "Alabama Administrative Code, r. 770-X-5-.17; Code of Alabama 1-3-8"
US_AL = _state(
    "AL",
    "Alabama",
    _hours(
        _daily(8, 20, _NOT_SUNDAY),
        "Ala. Admin. Code r. 770-X-5-.17(1)(b)",
        _AL,
        False,
        "08:00–20:00; no calls on Sunday or a state holiday. Medium confidence.",
        texts=False,
    ),
    holidays=(
        HolidayRule(
            country="US",
            region="AL",
            extra=ALABAMA_HOLIDAYS,
            use_package=False,
            citation="Ala. Admin. Code r. 770-X-5-.17(1)(b); Ala. Code 1-3-8",
            source=_AL,
            verified=False,
            note="The state's own list from secondary sources. Mardi Gras is a holiday in "
            "Baldwin and Mobile counties only; a prospect's county is not known, so the pack "
            "closes it statewide (the stricter reading).",
        ),
    ),
)

# ----------------------------------------------------------------- hours only

_MA = "201 CMR 12.00 (Massachusetts telephone solicitation regulations)"
US_MA = _state(
    "MA",
    "Massachusetts",
    _hours(_daily(8, 20), "201 CMR 12.02(2)", _MA, True, "08:00–20:00 local time.", texts=False),
)

_WA = "Revised Code of Washington 80.36.390; 19.158.040"
US_WA = _state(
    "WA",
    "Washington",
    _hours(
        _daily(8, 20),
        "RCW 80.36.390; RCW 19.158.040(2)",
        _WA,
        True,
        "08:00–20:00 local time.",
        texts=False,
    ),
)

_MS = "Mississippi Code, section 77-3-723"
US_MS = _state(
    "MS",
    "Mississippi",
    _hours(
        _daily(8, 20, _NOT_SUNDAY),
        "Miss. Code 77-3-723",
        _MS,
        True,
        "08:00–20:00; no calls on Sunday.",
        texts=False,
    ),
)

_KY = "Kentucky Revised Statutes 367.46955"
US_KY = _state(
    "KY",
    "Kentucky",
    _hours(
        _daily(10, 21),
        "KRS 367.46955(15)",
        _KY,
        False,
        "10:00–21:00 local time. Medium confidence.",
        texts=False,
    ),
)

_LOW = "Low confidence: from secondary sources only."
US_MI = _state(
    "MI",
    "Michigan",
    _hours(
        _daily(9, 21),
        "MCL 445.111b",
        "Michigan Home Solicitation Sales Act, MCL 445.111b",
        False,
        f"09:00–21:00 local time. {_LOW}",
        texts=False,
    ),
)
US_MN = _state(
    "MN",
    "Minnesota",
    _hours(
        _daily(9, 21),
        "Minn. Stat. 325E.27",
        "Minnesota Statutes, section 325E.27",
        False,
        f"09:00–21:00 local time. {_LOW}",
        texts=False,
    ),
)
US_NM = _state(
    "NM",
    "New Mexico",
    _hours(
        _daily(9, 21),
        "NMSA 57-12-22",
        "New Mexico Statutes Annotated, section 57-12-22 (Unfair Practices Act)",
        False,
        f"09:00–21:00 local time. {_LOW}",
        texts=False,
    ),
)

PACKS = (
    US_FL,
    US_OK,
    US_MD,
    US_LA,
    US_TX,
    US_CT,
    US_UT,
    US_MA,
    US_WA,
    US_MS,
    US_PA,
    US_RI,
    US_AL,
    US_KY,
    US_MI,
    US_MN,
    US_NM,
)
