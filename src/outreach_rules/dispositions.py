"""The call and e-mail results of common CRMs and sales tools, read as outcomes.

A CRM records how a call ended in its own words: HubSpot's "Left live
message", Close's ``vm-left``, Pipedrive's ``no_answer``. This module maps
those names to :class:`~outreach_rules.Outcome`::

    orl.dispositions.from_disposition("Left voicemail", system="hubspot")   # Outcome.LEFT
    orl.dispositions.from_disposition("vm-left", system="close")            # Outcome.LEFT

Names match whatever their case and spacing (``"No Answer"``, ``"no_answer"``
and ``"no-answer"`` are one name). Teams rename and add results in every one
of these products, so ``table`` takes your own names, which win over the
built-in ones (``table={"Demo set": "meeting_booked"}``); ``system=None`` with
a table reads your table alone.

The tables are data, below; the one function reads them. Each table holds
the default values a product ships with, as its public documentation names
them, and, where a product lets every team define its own list (Salesforce,
Outreach, Salesloft), the values its documentation and templates use most.
An outcome that needs a choice (a message left with a person, a number the
dialer refused) says why in a comment; so does a name we could not confirm.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from outreach_rules._suggest import closest
from outreach_rules._validate import not_one_of
from outreach_rules.outcomes import Outcome

__all__ = ["SYSTEMS", "from_disposition", "known_names"]

_O = Outcome

# Results shared by most tools' e-mail logs: a message went out, or came back.
_EMAIL = (
    ("sent", _O.SENT),
    ("delivered", _O.SENT),
    # Opened and clicked are later states of a sent message, not new touches.
    ("opened", _O.SENT),
    ("clicked", _O.SENT),
    ("bounced", _O.BOUNCED),
    ("hard bounce", _O.BOUNCED),
    # A soft bounce (full mailbox, server down) still did not arrive.
    ("soft bounce", _O.BOUNCED),
)

_HUBSPOT = (
    # HubSpot's default call outcomes (Settings > Calling > Call outcomes).
    ("Busy", _O.BUSY),
    ("Connected", _O.CONNECTED),
    # A message left with a person (an assistant, a colleague): someone answered, not them.
    ("Left live message", _O.GATEKEEPER),
    ("Left voicemail", _O.LEFT),
    ("No answer", _O.NO_ANSWER),
    ("Wrong number", _O.WRONG_NUMBER),
    # HubSpot's e-mail events (the email events API) use these words too.
    *_EMAIL,
)

_SALESFORCE = (
    # Salesforce keeps a call's result as free text (Task.CallDisposition) or as the values
    # each org sets up for Sales Engagement and Sales Dialer (CallDisposition records), so
    # no list is universal: these are the values Salesforce's setup guides and default
    # Sales Engagement call results use. Unverified against a fresh org; extend with table=.
    ("Meaningful Connect", _O.CONNECTED),
    ("Connected", _O.CONNECTED),
    ("Left Voicemail", _O.LEFT),
    ("Left Message", _O.LEFT),
    ("No Answer", _O.NO_ANSWER),
    ("Busy", _O.BUSY),
    ("Wrong Number", _O.WRONG_NUMBER),
    ("Bad Number", _O.WRONG_NUMBER),
    ("Gatekeeper", _O.GATEKEEPER),
    ("Not Interested", _O.NOT_INTERESTED),
    ("Call Back Later", _O.CALLBACK_REQUESTED),
    ("Meeting Scheduled", _O.MEETING_BOOKED),
    ("Do Not Call", _O.DO_NOT_CONTACT),
    # Sales Dialer's own statuses on VoiceCall.CallDisposition ("in progress" is not a result).
    ("failed", _O.NO_ANSWER),
    *_EMAIL,
)

_PIPEDRIVE = (
    # The outcome values of Pipedrive's call logs (API v1, /callLogs).
    ("connected", _O.CONNECTED),
    ("no_answer", _O.NO_ANSWER),
    # As HubSpot's "left live message": left with whoever answered.
    ("left_message", _O.GATEKEEPER),
    ("left_voicemail", _O.LEFT),
    ("wrong_number", _O.WRONG_NUMBER),
    ("busy", _O.BUSY),
    *_EMAIL,
)

_CLOSE = (
    # The disposition of a Close call activity (API: call.disposition).
    ("answered", _O.CONNECTED),
    ("no-answer", _O.NO_ANSWER),
    # Reached the voicemail box, hung up without a message.
    ("vm-answer", _O.VOICEMAIL),
    ("vm-left", _O.LEFT),
    ("busy", _O.BUSY),
    # Close refused to place the call, e.g. the number is invalid.
    ("blocked", _O.WRONG_NUMBER),
    # The carrier or Close failed, or the predictive dialer had no rep free when the
    # person answered: nobody was reached, so the next try follows as after no answer.
    ("error", _O.NO_ANSWER),
    ("abandoned", _O.NO_ANSWER),
    *_EMAIL,
)

_OUTREACH = (
    # Outreach ships editable call dispositions; these are the defaults its help pages and
    # reports use (names not confirmed against a new instance).
    ("Answered", _O.CONNECTED),
    ("No Answer", _O.NO_ANSWER),
    ("Left Voicemail", _O.LEFT),
    ("Bad Number", _O.WRONG_NUMBER),
    ("Wrong Number", _O.WRONG_NUMBER),
    ("Busy", _O.BUSY),
    ("Gatekeeper", _O.GATEKEEPER),
    ("Meeting Booked", _O.MEETING_BOOKED),
    ("Not Interested", _O.NOT_INTERESTED),
    ("Call Back Later", _O.CALLBACK_REQUESTED),
    ("Do Not Call", _O.DO_NOT_CONTACT),
    *_EMAIL,
)

_SALESLOFT = (
    # Salesloft's standard dispositions (Admin > Dispositions & Sentiments); teams edit
    # them. Its sentiments ("Interested", "Not Interested") are logged beside a "Connected"
    # disposition; they are read here as the outcome they describe.
    ("Connected", _O.CONNECTED),
    ("Left Voicemail", _O.LEFT),
    ("No Answer", _O.NO_ANSWER),
    ("Busy", _O.BUSY),
    ("Bad Number", _O.WRONG_NUMBER),
    ("Wrong Number", _O.WRONG_NUMBER),
    # "Not in service": the number is dead, which the engine treats as a wrong number.
    ("Not In Service", _O.WRONG_NUMBER),
    ("Gatekeeper", _O.GATEKEEPER),
    ("Interested", _O.INTERESTED),
    ("Not Interested", _O.NOT_INTERESTED),
    ("Meeting Booked", _O.MEETING_BOOKED),
    ("Do Not Contact", _O.DO_NOT_CONTACT),
    *_EMAIL,
)

SYSTEMS: Mapping[str, tuple[tuple[str, Outcome], ...]] = MappingProxyType(
    {
        "close": _CLOSE,
        "hubspot": _HUBSPOT,
        "outreach": _OUTREACH,
        "pipedrive": _PIPEDRIVE,
        "salesforce": _SALESFORCE,
        "salesloft": _SALESLOFT,
    }
)
"""Each system's (name as the product writes it, outcome) pairs."""

_SEPARATORS = re.compile(r"[\s_\-]+")


def _key(name: str) -> str:
    # Case, spaces, underscores and hyphens do not tell two results apart.
    return _SEPARATORS.sub("", name.casefold())


def known_names(system: str) -> tuple[str, ...]:
    """The result names ``system`` knows, as the product writes them."""
    return tuple(name for name, _ in SYSTEMS[_system(system)])


def from_disposition(
    name: str,
    *,
    system: str | None,
    table: Mapping[str, Outcome | str] | None = None,
) -> Outcome:
    """The outcome of a CRM's call or e-mail result ``name``.

    ``system`` is one of ``SYSTEMS`` (``"hubspot"``, ``"salesforce"``,
    ``"pipedrive"``, ``"close"``, ``"outreach"``, ``"salesloft"``), or
    ``None`` to read ``table`` alone. ``table`` maps your own names to
    outcomes (an ``Outcome`` or its value) and wins over the system's. An
    unknown name is a ``ValueError`` naming it, the system and the nearest
    known names.
    """
    if not isinstance(name, str):
        raise TypeError(f"disposition: expected text such as 'No answer', got {name!r}")
    if system is None and table is None:
        raise ValueError("disposition: give system= (e.g. 'hubspot'), table=, or both")
    pairs: list[tuple[str, Outcome]] = list(SYSTEMS[_system(system)]) if system else []
    for own, value in (table or {}).items():
        pairs.append((own, _outcome(own, value)))
    # Later pairs win: the caller's table over the system's own.
    found = {_key(known): outcome for known, outcome in pairs}
    result = found.get(_key(name))
    if result is not None:
        return result
    names = list(dict.fromkeys(known for known, _ in pairs))
    near = closest(name, names, n=3)
    listed = ", ".join(map(repr, near or names))
    shown = f"nearest: {listed}" if near else f"known: {listed}"
    where = f"{system} result" if system else "result in the table"
    raise ValueError(
        f"disposition: {name!r} is not a known {where}; {shown}; "
        f"add your own with table={{{name!r}: 'no_answer'}}"
    )


def _system(system: object) -> str:
    key = system.casefold().strip() if isinstance(system, str) else system
    if key not in SYSTEMS:
        near = closest(system, SYSTEMS, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        raise ValueError(
            f"system: {system!r} is not a known CRM; {hint}use one of: {', '.join(SYSTEMS)}"
        )
    assert isinstance(key, str)
    return key


def _outcome(name: str, outcome: object) -> Outcome:
    if isinstance(outcome, Outcome):
        return outcome
    if not isinstance(outcome, str):
        raise TypeError(
            f"table[{name!r}]: expected an outcome such as 'no_answer', got {outcome!r}"
        )
    try:
        return Outcome(outcome)
    except ValueError:
        raise ValueError(f"table[{name!r}]: {not_one_of(Outcome, outcome)}") from None
