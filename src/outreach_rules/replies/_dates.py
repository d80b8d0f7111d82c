"""The day an out-of-office writer is back, found in the words of the reply.

Reads normalized text (lower case, accents dropped, spaces single) and
knows the forms people write: ``14.12.2026``, ``14.12.``, ``12/14/2026``,
``14/12/2026``, ``2026-12-14``, ``December 14``, ``14 December 2026``,
``14. Dezember``, ``14 décembre``, ``14 de diciembre``. Every pattern is
anchored on digits or a month name and has no nested repetition, so a
search takes time linear in the text.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import attrs

from outreach_rules.replies._tables import BACK_CUES, INCLUSIVE_CUES, MONTHS, UNTIL_CUES

__all__ = ["Found", "return_day"]

# Only the start of a reply says when the writer is back; the rest is
# signatures, disclaimers and the quoted mail, where other dates live.
_SEARCHED = 3000
# A day-and-month without a year that lies further back than this before the
# reply is read as next year's (a reply in late December naming "January 5").
_PAST_SLACK = timedelta(days=30)
# How far before a date its cue may stand ("back in the office on Monday, ...").
_CUE_WINDOW = 40

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SUFFIX = r"(?:st|nd|rd|th|er|e|o|º)?"
_PATTERNS = (
    ("iso", re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")),
    (
        "numeric",
        re.compile(
            r"(?<![\d./-])(?P<a>\d{1,2})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?!\d)"
        ),
    ),
    # "bis 11.12." with the closing dot: German and Scandinavian day.month.
    ("day.month.", re.compile(r"(?<![\d./-])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?![\d/])")),
    ("numeric", re.compile(r"(?<![\d./-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])")),
    (
        "day month",
        re.compile(
            rf"(?<![\d.])(?P<d>\d{{1,2}}){_SUFFIX}\.? (?:de |of )?(?P<mn>{_MONTH})\b\.?"
            r"(?:,? (?:de )?(?P<y>\d{4})(?!\d))?"
        ),
    ),
    (
        "month day",
        re.compile(
            rf"\b(?P<mn>{_MONTH})\.? (?P<d>\d{{1,2}}){_SUFFIX}(?!\d)(?:,? (?P<y>\d{{4}})(?!\d))?"
        ),
    ),
)


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(c) for c in sorted(set(cues), key=len, reverse=True))
    # The cue ends the text before the date, up to a few filler words ("on", "the", a weekday).
    return re.compile(rf"(?:^|[^a-z])(?P<cue>{words})(?: [a-z,]{{1,12}}){{0,3}} ?$")


_BACK = _cue_pattern(BACK_CUES)
_UNTIL = _cue_pattern(UNTIL_CUES)
_INCLUSIVE = _cue_pattern(INCLUSIVE_CUES)
_INCLUSIVE_AFTER = re.compile(r"^ ?\(?(inclus|inclusive|incluido|incluso|compreso|einschliesslich)")


@attrs.frozen(kw_only=True)
class Found:
    """A day back found in the text, with what was read and how."""

    back: date
    """The first day the writer is back."""
    said: str
    """The date as written."""
    cue: str | None
    """The word before it (``"until"``, ``"back on"``), or ``None``."""
    rule: str
    """How the cue was read, in words."""


def return_day(text: str, *, received: date, month_first: bool) -> Found | None:
    """The first day back that ``text`` names, relative to the day it was ``received``.

    ``month_first`` reads an ambiguous ``03/04/2026`` as March 4 (as in the
    United States); otherwise as 3 April. Of several dates the latest day
    back wins: "from 1 to 11 December" is back on the 12th.
    """
    text = text[:_SEARCHED]
    found: list[tuple[int, Found]] = []
    taken: list[tuple[int, int]] = []
    for form, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            day = _day(match, form, received=received, month_first=month_first)
            if day is None:
                continue
            taken.append((start, end))
            before = text[max(0, start - _CUE_WINDOW) : start]
            after = text[end : end + 20]
            found.append((start, _read(day, match.group(0).rstrip(".,"), before, after)))
    if not found:
        return None
    cued = [f for f in found if f[1].cue is not None] or found
    # The latest day back; of equal ones, the first written.
    return max(cued, key=lambda f: (f[1].back, -f[0]))[1]


def _read(day: date, said: str, before: str, after: str) -> Found:
    inclusive = _INCLUSIVE.search(before)
    following = _INCLUSIVE_AFTER.match(after)
    if inclusive is not None or following is not None:
        cue = inclusive["cue"] if inclusive is not None else following.group(1)  # type: ignore[union-attr]
        back = day + timedelta(days=1)
        rule = "the last day away (inclusive): back the day after"
        return Found(back=back, said=said, cue=cue, rule=rule)
    back_cue = _BACK.search(before)
    if back_cue is not None:
        # "back to work on 14 December": the word for being back wins over a "to".
        return Found(back=day, said=said, cue=back_cue["cue"], rule="the first day back")
    until = _UNTIL.search(before)
    back = day + timedelta(days=1)
    if until is not None:
        rule = "the last day away ('until' read as inclusive): back the day after"
        return Found(back=back, said=said, cue=until["cue"], rule=rule)
    rule = "a date without a cue, read as the last day away: back the day after"
    return Found(back=back, said=said, cue=None, rule=rule)


def _day(match: re.Match[str], form: str, *, received: date, month_first: bool) -> date | None:
    groups = match.groupdict()
    year_text = groups.get("y")
    if form in ("day month", "month day"):
        day, month = int(groups["d"]), MONTHS[groups["mn"]]
    elif form in ("iso", "day.month."):
        day, month = int(groups["d"]), int(groups["m"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        if groups.get("s") == ".":
            day, month = a, b  # dots are always day first
        elif a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:
            day, month = (b, a) if month_first else (a, b)
    if year_text is None:
        return _nearest(day, month, received)
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000
    if not received.year - 1 <= year <= received.year + 2:
        return None
    return _date(year, month, day)


def _nearest(day: int, month: int, received: date) -> date | None:
    this_year = _date(received.year, month, day)
    if this_year is None:
        # 29 February: the next year that has one, if that is the next year.
        return _date(received.year + 1, month, day)
    if this_year < received - _PAST_SLACK:
        return _date(received.year + 1, month, day)
    return this_year


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
