"""Inbound text messages: a STOP is an opt-out of texts, anything else a reply.

The FCC reads a reply of "stop", "quit", "end", "revoke", "opt out",
"cancel" or "unsubscribe" as revoking consent to texts (47 CFR
64.1200(a)(10), since 2025-04-11); carriers and other countries add their
own words (French "ARRET", German "STOPP", Spanish "ALTO"). An opt-out
stops texts only, at once: calls and e-mail go on unless the prospect
says so too. "HELP" is not an opt-out: it asks who is texting and how to
stop, and the answer is the sender's job.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from outreach_rules import _validate as v
from outreach_rules.channels import Channel
from outreach_rules.history import Event
from outreach_rules.outcomes import EventKind

__all__ = ["HELP_WORDS", "STOP_WORDS", "is_help", "is_stop", "read_text"]

STOP_WORDS = frozenset(
    {
        "stop",
        "stopall",
        "stop all",
        "unsubscribe",
        "cancel",
        "end",
        "quit",
        "revoke",
        "opt out",
        "optout",
        "arret",
        "stopp",
        "alto",
    }
)
"""Words that, as the whole reply, opt the prospect out of texts (accents and case ignored)."""
HELP_WORDS = frozenset({"help", "info", "aide", "hilfe", "ayuda"})
"""Words that ask for help: who is texting and how to stop. Not an opt-out."""

# A reply longer than this is a sentence, not a keyword: "stop by tomorrow" is no opt-out.
_KEYWORD_WORDS = 3


def _keyword(body: str) -> str:
    """The reply as a keyword: lower case, accents and punctuation dropped, spaces single."""
    decomposed = unicodedata.normalize("NFKD", body[:200].casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split()[: _KEYWORD_WORDS + 1])


def is_stop(body: str) -> bool:
    """True when a text reply opts out of texts: a stop word alone, as the whole message."""
    return _keyword(v.text(body, "body")) in STOP_WORDS


def is_help(body: str) -> bool:
    """True when a text reply asks for help (and is not an opt-out)."""
    return _keyword(v.text(body, "body")) in HELP_WORDS


def read_text(body: str, *, at: datetime) -> Event:
    """Return the history event for one inbound text: an opt-out of texts, or a reply.

    ``at`` is when it arrived (aware). The text, cut to 1,000 characters,
    goes into the event's notes.
    """
    text = v.text(body, "body")
    when = v.aware(at, "at")
    if is_stop(text):
        return Event(
            at=when, kind=EventKind.OPT_OUT, channel=Channel.SMS, notes=f"replied {text[:50]!r}"
        )
    notes = text[:1000]
    if is_help(text):
        notes = f"asked for help ({text[:50]!r}): send who you are and how to stop"
    return Event(at=when, kind=EventKind.REPLY, channel=Channel.SMS, notes=notes)
