"""A content check for scripts: what a filled script must and must not say.

``lint`` reads a filled ``Script`` (plain text, placeholders already
replaced; a plain string is read as the opener) and returns one
``Finding`` per problem, empty when the script is fine. It encodes the field practices about words:

- every part that leaves contact info (a voicemail; the body of an e-mail,
  note or postcard; a voicemail dropped as its own action) gives both a
  phone number and an e-mail address (``missing-phone``, ``missing-email``);
- a voicemail is short: at most ``max_voicemail_seconds`` when read at
  ``words_per_minute`` (``voicemail-too-long``);
- a message whose purpose needs no answer (a birthday wish, a postcard, an
  apology) does not ask for a callback; "no need to call back" is not a
  request (``needless-callback-request``);
- an apology is not a pitch (``pitch-in-apology``) and names the day of the
  next call (``apology-without-day``);
- a text message fits in two segments (``sms-too-long``: 160 GSM-7
  characters make one, 153 each when split; 70 and 67 once any character
  needs UCS-2), names the sender (``sms-without-sender``), says how to stop
  (``sms-without-opt-out``: "Reply STOP to opt out") and uses no URL
  shortener (``url-shortener``: carriers filter them as spam);
- a message that lands in an inbox (the written channels that are not
  mail: e-mail, texts, LinkedIn) uses no hype or spam words, in its body or
  subject (``spam-words``: "act now", "guaranteed", "100% free"), which
  filters hold against it and readers distrust.

Findings come in a fixed order: by part (opener, voicemail, subject), then
by rule in the order of ``CODES``. The checks are plain regular
expressions that run in time linear in the text, so any text is safe to
lint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from outreach_rules import _validate as v
from outreach_rules.actions import Purpose, Script
from outreach_rules.channels import ADDRESS_CHANNELS, WRITTEN_CHANNELS, Channel, Needs, traits
from outreach_rules.prospects import Sender

__all__ = [
    "CODES",
    "MAX_SMS_SEGMENTS",
    "NO_ANSWER_PURPOSES",
    "PITCH_WORDS",
    "SHORTENERS",
    "SPAM_WORDS",
    "Finding",
    "lint",
    "sms_segments",
]

CODES: tuple[str, ...] = (
    "missing-phone",
    "missing-email",
    "voicemail-too-long",
    "needless-callback-request",
    "pitch-in-apology",
    "apology-without-day",
    "sms-too-long",
    "sms-without-sender",
    "sms-without-opt-out",
    "url-shortener",
    "spam-words",
)
"""Every finding code ``lint`` can return, in the order the rules run."""

PITCH_WORDS: tuple[str, ...] = (
    "bargain",
    "bonus",
    "buy",
    "cheap",
    "deal",
    "deals",
    "discount",
    "discounts",
    "exclusive",
    "free",
    "guarantee",
    "guaranteed",
    "limited",
    "offer",
    "offers",
    "price",
    "prices",
    "pricing",
    "promo",
    "promotion",
    "sale",
    "save",
    "savings",
    "special",
    "trial",
)
"""Words that turn an apology into a sales pitch; matched as whole words, any case."""

NO_ANSWER_PURPOSES: frozenset[str] = frozenset(
    p.value for p in (Purpose.BIRTHDAY, Purpose.DRIP, Purpose.CHECK_IN, Purpose.APOLOGY_NOTE)
)
"""Purposes whose messages must not ask for a callback: they need no answer."""

SPAM_WORDS: tuple[str, ...] = (
    "100% free",
    "act now",
    "amazing",
    "as seen on",
    "best price",
    "buy now",
    "cash bonus",
    "click here",
    "congratulations",
    "dear friend",
    "double your",
    "earn money",
    "fast cash",
    "free gift",
    "game changer",
    "game-changer",
    "guaranteed",
    "incredible",
    "limited time",
    "miracle",
    "no catch",
    "no obligation",
    "no strings attached",
    "once in a lifetime",
    "order now",
    "revolutionary",
    "risk-free",
    "urgent",
    "winner",
    "you have been selected",
)
"""Hype and spam words that filters and readers hold against an e-mail or a text; matched as
whole words or phrases, any case."""

MAX_SMS_SEGMENTS = 2
"""A text longer than this many segments is flagged: it costs more and reads as a letter."""

SHORTENERS: frozenset[str] = frozenset(
    {
        "bit.ly",
        "buff.ly",
        "cutt.ly",
        "goo.gl",
        "is.gd",
        "ow.ly",
        "rb.gy",
        "rebrand.ly",
        "shorturl.at",
        "t.co",
        "t.ly",
        "tiny.cc",
        "tinyurl.com",
    }
)
"""URL shorteners, which carriers filter as spam in texts."""

# GSM 03.38: the basic set takes one septet a character, the extension set two.
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")
_OPT_OUT = re.compile(r"\b(?:reply|text|send|txt)\s+[\"']?stop\b", re.IGNORECASE)
_HOSTS = re.compile(r"(?<![\w.\-])((?:[a-z0-9\-]+\.)+[a-z]{2,})(?=/|\b)", re.IGNORECASE)


def sms_segments(text: str) -> tuple[int, str]:
    """Return how many segments a text takes and its encoding, ``"GSM-7"`` or ``"UCS-2"``.

    One segment holds 160 GSM-7 septets (an extension character such as
    ``€`` or ``[`` takes two) or 70 UCS-2 units; a longer text is split
    into segments of 153 or 67, each carrying a header.
    """
    body = v.text(text, "text")
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in body):
        units = sum(2 if c in _GSM_EXTENDED else 1 for c in body)
        single, part, encoding = 160, 153, "GSM-7"
    else:
        units = len(body.encode("utf-16-le")) // 2
        single, part, encoding = 70, 67, "UCS-2"
    if units <= single:
        return (1 if units else 0), encoding
    return -(-units // part), encoding


_PARTS = ("opener", "voicemail", "subject")
# Written touches that carry the sender's contact details: e-mail and mail (a text names
# the sender and how to stop instead; a LinkedIn message is answered on LinkedIn).
_WRITTEN = frozenset(c for c in WRITTEN_CHANNELS if traits(c).needs in (Needs.EMAIL, Needs.ADDRESS))
# Written touches that land in an inbox, where spam filters read them: all but mail.
_INBOX = WRITTEN_CHANNELS - ADDRESS_CHANNELS
_INBOX_PARTS = ("opener", "subject")

# A run of digit groups joined by the punctuation people put inside numbers
# ("+1 (212) 555-0199", "070-123 45 67"). Separators are mandatory between
# groups, so the pattern cannot backtrack badly.
_PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+|\()?[0-9]+(?:[ \t.\-/()\u00a0]{1,3}[0-9]+)*")
_MIN_PHONE_DIGITS = 7
_MAX_PHONE_DIGITS = 15
_EMAIL_LIKE = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")

# Ways of asking someone to call or write back.
_CALLBACK = re.compile(
    r"\b(?:"
    r"call\s+(?:me|us)"
    r"|(?:you|please|free\s+to)\s+(?:can\s+|could\s+|may\s+)?call\s+back"
    r"|give\s+(?:me|us)\s+a\s+(?:call|ring|buzz|shout)"
    r"|(?:please|do)\s+(?:call|ring|phone)"
    r"|(?:ring|phone)\s+(?:me|us)(?:\s+back)?"
    r"|return\s+(?:my|our|this)\s+call"
    r"|get\s+back\s+to\s+(?:me|us)"
    r")\b",
    re.IGNORECASE,
)
# Said before a callback phrase in the same clause, these make it the
# opposite of a request: "no need to call me back", "don't call me".
_NEGATION = re.compile(
    r"\b(?:no\s+need|needn't|need\s+not|no\s+reason"
    r"|(?:don't|do\s+not|doesn't|does\s+not|won't|will\s+not)\s+(?:need|have)\s+to"
    r"|not\s+(?:necessary|needed|required)"
    r"|(?:don't|do\s+not)\s+(?:bother|worry)"
    r")\b"
    r"|\b(?:don't|do\s+not|never)\s+$",
    re.IGNORECASE,
)
# Where a clause ends: a negation before one of these does not reach past it.
_CLAUSE_END = re.compile(r"[.!?;\n]|\bbut\b", re.IGNORECASE)
_CLAUSE_LOOKBACK = 120
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.IGNORECASE
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


@attrs.frozen(kw_only=True)
class Finding:
    """One problem in a script: which rule, which part, and what to do about it."""

    code: str = attrs.field(validator=v.is_name)
    """A stable kebab-case id, one of ``CODES``."""
    part: str = attrs.field(validator=v.is_name)
    """The part of the script: ``"opener"``, ``"voicemail"`` or ``"subject"``."""
    message: str = attrs.field(validator=v.is_name)
    """One sentence saying what is wrong and what to do."""


def lint(
    script: Script | str,
    *,
    purpose: Purpose | str,
    channel: Channel | str = Channel.CALL,
    sender: Sender | None = None,
    words_per_minute: int = 150,
    max_voicemail_seconds: int = 30,
    pitch_words: Iterable[str] | None = None,
    spam_words: Iterable[str] | None = None,
) -> tuple[Finding, ...]:
    """Return the problems in ``script``, empty when it is fine.

    ``script`` is an ``orl.Script`` or a plain string, read as its opener.
    ``purpose`` is a ``Purpose`` or any text; a template variant such as
    ``"follow_up:after_note"`` is checked as its purpose, the part before
    the colon. ``channel`` is a ``Channel`` or its value. With a ``sender``
    the contact checks look for the sender's own phone (written with or
    without spaces, dashes, dots and parentheses, in international or
    national form) and e-mail; without one, any phone-like number and any
    e-mail-like address will do. ``pitch_words`` replaces ``PITCH_WORDS``
    and ``spam_words`` replaces ``SPAM_WORDS`` (an empty list turns that
    check off).
    """
    if isinstance(script, str):
        if not script.strip():
            raise v.field_error(ValueError, "script", "is empty; give the words to check")
        script = Script(opener=script)
    if not isinstance(script, Script):
        raise TypeError(f"script: expected an orl.Script or a string, got {script!r}")
    base = v.text(purpose, "purpose", allow_empty=False).split(":", 1)[0].strip()
    kind = v.enum_value(Channel, channel, "channel")
    if sender is not None and not isinstance(sender, Sender):
        raise TypeError(f"sender: expected an orl.Sender or None, got {sender!r}")
    wpm = _positive(words_per_minute, "words_per_minute")
    max_seconds = _positive(max_voicemail_seconds, "max_voicemail_seconds")
    pitch = _pitch_pattern(PITCH_WORDS if pitch_words is None else pitch_words)
    spam = _pitch_pattern(SPAM_WORDS if spam_words is None else spam_words, "spam_words")

    findings: list[Finding] = []
    for part in _PARTS:
        text = getattr(script, part)
        if text is None:
            continue
        text = text.translate(_APOSTROPHES)
        spoken_message = part == "voicemail" or (part == "opener" and kind is Channel.VOICEMAIL)
        leaves_contact = spoken_message or (part == "opener" and kind in _WRITTEN)
        if leaves_contact:
            findings.extend(_contact(text, part, sender))
        if spoken_message:
            findings.extend(_length(text, part, wpm, max_seconds))
        if base in NO_ANSWER_PURPOSES:
            findings.extend(_callback(text, part, base))
        if base == Purpose.APOLOGY_NOTE:
            findings.extend(_pitch(text, part, pitch))
            if part == "opener" and not _WEEKDAY.search(text):
                findings.append(
                    Finding(
                        code="apology-without-day",
                        part=part,
                        message="the apology names no day for the next call; add one, such as "
                        "'I will call you again on Friday'.",
                    )
                )
        if kind is _SMS and part == "opener":
            findings.extend(_text_message(text, part, sender))
        if kind in _INBOX and part in _INBOX_PARTS:
            findings.extend(_spam(text, part, spam, kind))
    return tuple(findings)


_SMS = Channel.SMS


def _text_message(text: str, part: str, sender: Sender | None) -> Iterable[Finding]:
    """The checks of a text message: length, sender, the way to stop, no shortened links."""
    count, encoding = sms_segments(text)
    if count > MAX_SMS_SEGMENTS:
        yield Finding(
            code="sms-too-long",
            part=part,
            message=f"the text takes {count} {encoding} segments; keep it to "
            f"{MAX_SMS_SEGMENTS} or fewer (about {2 * 153 if encoding == 'GSM-7' else 2 * 67} "
            "characters)",
        )
    if sender is not None and sender.name.casefold() not in text.casefold():
        yield Finding(
            code="sms-without-sender",
            part=part,
            message=f"the text does not name the sender; say who is writing ({sender.name!r})",
        )
    if not _OPT_OUT.search(text):
        yield Finding(
            code="sms-without-opt-out",
            part=part,
            message="the text does not say how to stop; end with 'Reply STOP to opt out'",
        )
    for match in _HOSTS.finditer(text[:5000]):
        host = match.group(1).casefold().removeprefix("www.")
        if host in SHORTENERS:
            yield Finding(
                code="url-shortener",
                part=part,
                message=f"{host} is a URL shortener, which carriers filter as spam; "
                "link to your own domain",
            )
            break


def _positive(value: object, field: str) -> int:
    number = v.integer(value, field)
    if number <= 0:
        raise v.field_error(ValueError, field, f"{number!r} must be a positive whole number")
    return number


def _pitch_pattern(words: Iterable[str], field: str = "pitch_words") -> re.Pattern[str] | None:
    if isinstance(words, str) or not isinstance(words, Iterable):
        raise TypeError(
            f"{field}: expected a list of words such as ['discount', 'offer'], got {words!r}"
        )
    cleaned: set[str] = set()
    for i, word in enumerate(words):
        item = v.text(word, f"{field}[{i}]").strip()
        if item:
            cleaned.add(item.translate(_APOSTROPHES))
    if not cleaned:
        return None
    # Longest first, so that "free trial" wins over "free" when both are listed.
    alternatives = "|".join(re.escape(w) for w in sorted(cleaned, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _contact(text: str, part: str, sender: Sender | None) -> list[Finding]:
    out: list[Finding] = []
    phone = sender.phone if sender is not None else None
    email = sender.email if sender is not None else None
    if not _has_phone(text, phone):
        wanted = f"the sender's number {phone}" if phone else "a phone number"
        out.append(
            Finding(
                code="missing-phone",
                part=part,
                message=f"the {part} leaves no phone number; add {wanted} so they can call back.",
            )
        )
    if not _has_email(text, email):
        wanted = f"the sender's address {email}" if email else "an e-mail address"
        out.append(
            Finding(
                code="missing-email",
                part=part,
                message=f"the {part} leaves no e-mail address; add {wanted} so they can write.",
            )
        )
    return out


def _has_phone(text: str, phone: str | None) -> bool:
    wanted = phone[1:] if phone else None  # E.164 without its "+"
    for match in _PHONE_LIKE.finditer(text):
        written = match.group()
        digits = "".join(ch for ch in written if ch.isdigit())
        if wanted is None:
            if _MIN_PHONE_DIGITS <= len(digits) <= _MAX_PHONE_DIGITS:
                return True
        elif _same_number(digits, international=written.startswith("+"), wanted=wanted):
            return True
    return False


def _same_number(digits: str, *, international: bool, wanted: str) -> bool:
    """True when ``digits`` (as written) are the E.164 number ``wanted`` (without "+")."""
    if digits == wanted:
        return True
    if international:
        return False
    if digits.startswith("00") and digits[2:] == wanted:
        return True
    # National form: the number without its country code (1 to 3 digits),
    # possibly behind a trunk prefix 0 ("070-123 45 67" for +46701234567).
    national = digits[1:] if digits.startswith("0") else digits
    return (
        len(national) >= _MIN_PHONE_DIGITS - 1
        and 1 <= len(wanted) - len(national) <= 3
        and wanted.endswith(national)
    )


def _has_email(text: str, email: str | None) -> bool:
    if email is None:
        return _EMAIL_LIKE.search(text) is not None
    own = rf"(?<![\w.+\-]){re.escape(email)}(?![\w\-]|\.[\w\-])"
    return re.search(own, text, flags=re.IGNORECASE) is not None


def _length(text: str, part: str, wpm: int, max_seconds: int) -> list[Finding]:
    words = len(text.split())
    seconds = words * 60 / wpm
    if seconds <= max_seconds:
        return []
    max_words = max_seconds * wpm // 60
    return [
        Finding(
            code="voicemail-too-long",
            part=part,
            message=f"the {part} is {words} words, about {seconds:.1f} seconds at {wpm} words a "
            f"minute; cut it to {max_words} words or fewer to stay within {max_seconds} seconds.",
        )
    ]


def _callback(text: str, part: str, purpose: str) -> list[Finding]:
    for match in _CALLBACK.finditer(text):
        before = text[max(0, match.start() - _CLAUSE_LOOKBACK) : match.start()]
        ends = [m.end() for m in _CLAUSE_END.finditer(before)]
        clause = before[ends[-1] :] if ends else before
        if _NEGATION.search(clause):
            continue
        return [
            Finding(
                code="needless-callback-request",
                part=part,
                message=f"the {part} asks for a callback ({match.group()!r}) but a {purpose} "
                "message needs no answer; leave your contact details without asking.",
            )
        ]
    return []


def _words(text: str, pattern: re.Pattern[str] | None) -> list[str]:
    """The distinct words of ``pattern`` in ``text``, lower case, in order of appearance."""
    if pattern is None:
        return []
    found: list[str] = []
    for match in pattern.finditer(text):
        word = match.group().lower()
        if word not in found:
            found.append(word)
    return found


def _spam(text: str, part: str, pattern: re.Pattern[str] | None, kind: Channel) -> list[Finding]:
    found = _words(text, pattern)
    if not found:
        return []
    listed = ", ".join(repr(w) for w in found)
    return [
        Finding(
            code="spam-words",
            part=part,
            message=f"the {part} uses hype or spam words ({listed}), which inbox filters and "
            f"readers hold against {traits(kind).label}; say it plainly.",
        )
    ]


def _pitch(text: str, part: str, pattern: re.Pattern[str] | None) -> list[Finding]:
    found = _words(text, pattern)
    if not found:
        return []
    listed = ", ".join(repr(w) for w in found)
    return [
        Finding(
            code="pitch-in-apology",
            part=part,
            message=f"the apology's {part} pitches ({listed}); keep it to the apology, one "
            "question about the purpose, the day of the next call and your contact details.",
        )
    ]
