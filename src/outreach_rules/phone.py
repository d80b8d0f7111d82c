"""Time zones from phone numbers, for prospects whose zone is not known (extra ``[phone]``).

Uses the ``phonenumbers`` package, imported only when called:

    pip install "outreach-rules[phone]"
"""

from __future__ import annotations

from typing import Any

from outreach_rules.prospects import e164

__all__ = ["timezones_for"]

_UNKNOWN = "Etc/Unknown"

# The number types that ring in no one place: a toll-free or premium number is answered
# wherever its owner routes it, so its country's zones say nothing about the person.
_NOWHERE = {
    "TOLL_FREE": "a toll-free number",
    "PREMIUM_RATE": "a premium-rate number",
    "SHARED_COST": "a shared-cost number",
    "PERSONAL_NUMBER": "a personal (follow-me) number",
    "UAN": "a universal access number",
    "VOICEMAIL": "a voicemail access number",
}


def _phonenumbers() -> Any:
    try:
        import phonenumbers
        from phonenumbers import timezone as zones
    except ImportError:
        raise ImportError(
            "time zones from phone numbers need the phonenumbers package: "
            "pip install 'outreach-rules[phone]'"
        ) from None
    return phonenumbers, zones


def timezones_for(number: str) -> tuple[str, ...]:
    """Return the IANA zones a phone number may ring in, the first being the most likely.

    Raises ``ValueError`` naming the number when its zone cannot be told:
    a number that rings in no one place (toll-free, premium-rate,
    shared-cost, personal or universal access numbers, such as
    ``+1 800 ...`` or ``+44 800 ...``) or an unassigned one.
    """
    phonenumbers, zones = _phonenumbers()
    normal = e164(number, "number")
    try:
        parsed = phonenumbers.parse(normal)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"number: {number!r} cannot be read: {exc}") from None
    kind = phonenumbers.number_type(parsed)
    for name, what in _NOWHERE.items():
        if kind == getattr(phonenumbers.PhoneNumberType, name):
            raise ValueError(
                f"number: {normal!r} is {what}, which rings in no one time zone; "
                "give the prospect's timezone"
            )
    found = tuple(z for z in zones.time_zones_for_number(parsed) if z != _UNKNOWN)
    if not found:
        raise ValueError(
            f"number: no time zone is known for {normal!r} (toll-free or unassigned); "
            "give the prospect's timezone"
        )
    return found
