"""Time zones from phone numbers, for prospects whose zone is not known (extra ``[phone]``).

Uses the ``phonenumbers`` package, imported only when called:

    pip install "outreach-rules[phone]"
"""

from __future__ import annotations

from typing import Any

from outreach_rules.prospects import e164

__all__ = ["timezones_for"]

_UNKNOWN = "Etc/Unknown"


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

    Raises ``ValueError`` naming the number when its zone cannot be told
    (a toll-free or unassigned number).
    """
    phonenumbers, zones = _phonenumbers()
    normal = e164(number, "number")
    try:
        parsed = phonenumbers.parse(normal)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"number: {number!r} cannot be read: {exc}") from None
    found = tuple(z for z in zones.time_zones_for_number(parsed) if z != _UNKNOWN)
    if not found:
        raise ValueError(
            f"number: no time zone is known for {normal!r} (toll-free or unassigned); "
            "give the prospect's timezone"
        )
    return found
