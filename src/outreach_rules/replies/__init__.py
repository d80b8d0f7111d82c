"""Reading replies: what one inbound e-mail is, and what it adds to the prospect's history.

``read_reply`` tells a person's answer from the mail that machines send:
out-of-office notices (with the day the writer is back), other automatic
replies, bounces (permanent or not, and the address that failed), requests
to stop e-mailing, notices that the person left the company, and our own
sent mail that a mailbox sync hands back. ``Reply.to_history`` turns the
reading into the attempts and events the planner reads; ``Reply.explain``
says which header, phrase or date decided.

Pure text work: no I/O, no clock. The phrase and month tables per
language live in ``replies._tables``; the date reader in
``replies._dates``; the bounded MIME walk in ``replies._mime``.

How dates are read: ``back on 14 December`` is the first day back;
``until 14 December`` (and ``bis``, ``jusqu'au``, ``hasta``, ``fino al``,
``tot``, ``till``, ``até``) and ``through``/``bis einschließlich``/``t/m``
are read as the last day away, so the writer is back the day after: a
mail never lands on a day they said they are away. A day and month without
a year is the next such day from the day the reply came (one up to 30 days
back is kept, an auto-reply left on after the return). ``resume_at`` is
09:00 of the day back in the prospect's zone (else in ``received_at``'s),
the start of a business day; the hold guard adds its grace from there.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime, time, tzinfo
from email.message import Message

import attrs

from outreach_rules import _validate as v
from outreach_rules._time import show, zone
from outreach_rules.channels import Channel
from outreach_rules.history import Attempt, Event, HistoryItem
from outreach_rules.outcomes import INBOUND, EventKind, Outcome
from outreach_rules.prospects import Prospect
from outreach_rules.replies import _tables as t
from outreach_rules.replies._dates import return_day
from outreach_rules.replies._mime import Parsed, address_of, addresses_of, parse

__all__ = ["DEFAULT_HARD_AFTER", "Reply", "ReplyKind", "read_reply"]

DEFAULT_HARD_AFTER = 3
"""Soft bounces in a row to one address after which it is treated as a hard bounce."""

# The reply's own words kept in ``Reply.text`` and in the history's notes.
_MAX_OWN_TEXT = 2000
# Phrases that decide a kind are looked for in this much of the reply's own words.
_READ = 4000
# A sign-off this close to the end starts the signature.
_SIGNATURE_LINES = 8


class ReplyKind(enum.StrEnum):
    """What an inbound e-mail is.

    Beyond the five kinds of the contract, ``LEFT_COMPANY`` and ``OWN``
    exist because neither fits another kind: a notice that the person
    left ends their cadence and may name a successor (no out-of-office
    return, no plain auto-reply to ignore), and our own sent mail handed
    back by a mailbox sync must be neither a reply nor an auto-reply.
    """

    HUMAN = "human"
    """A person wrote it: the cadence reacts to a reply."""
    OUT_OF_OFFICE = "out_of_office"
    """An automatic notice that the person is away, with the day back if it says."""
    BOUNCE = "bounce"
    """The mail was not delivered; ``Reply.permanent`` says whether it will never be."""
    UNSUBSCRIBE = "unsubscribe"
    """A request to stop e-mailing (in words, or sent to a List-Unsubscribe address)."""
    AUTO = "auto"
    """Another automatic message (ticket receipt, delivery report, newsletter): nothing to do."""
    LEFT_COMPANY = "left_company"
    """An automatic or written notice that the person left, maybe naming a new contact."""
    OWN = "own"
    """Mail we (or a colleague) sent, not a reply at all."""


def _kind(value: object) -> ReplyKind:
    return v.enum_value(ReplyKind, value, "kind")


@attrs.frozen(kw_only=True)
class Reply:
    """One inbound e-mail, read: what it is, what it says, and why we think so."""

    kind: ReplyKind = attrs.field(converter=_kind)
    received_at: datetime = attrs.field(converter=v.as_datetime, validator=v.is_aware)
    sender: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The From address, lower case."""
    subject: str = attrs.field(default="", validator=v.is_text)
    text: str = attrs.field(default="", validator=v.is_text)
    """The reply's own words, quoted mail and signature cut off (at most 2,000 characters)."""
    permanent: bool | None = attrs.field(default=None, validator=v.is_optional_bool)
    """For a bounce: true when delivery failed for good (5.x.x), false when it may yet work."""
    address: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """For a bounce, the address that failed; for a person who left, the address they left."""
    status: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The delivery status code of a bounce (``"5.1.1"``), if given."""
    resume_at: datetime | None = attrs.field(
        default=None, converter=v.as_optional_datetime, validator=v.is_optional_aware
    )
    """When an absent writer is back (09:00 of the day back, in the prospect's zone)."""
    new_contact: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The address (with the name, if given) of whoever took over from a person who left."""
    language: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The language of the phrase that decided, as an ISO 639-1 code."""
    message_id: str | None = attrs.field(default=None, validator=v.is_optional_name)
    in_reply_to: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """The Message-ID this one answers: look it up to find the attempt it answers."""
    findings: tuple[str, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.is_text_tuple
    )
    """What was found, in order: each header, phrase or date that decided, in words."""

    @property
    def is_automatic(self) -> bool:
        """True for everything a machine sent (all kinds but human, unsubscribe and own)."""
        return self.kind not in (ReplyKind.HUMAN, ReplyKind.UNSUBSCRIBE, ReplyKind.OWN)

    def to_history(
        self,
        history: Iterable[HistoryItem] = (),
        *,
        answers: Attempt | None = None,
        hard_after: int = DEFAULT_HARD_AFTER,
    ) -> tuple[HistoryItem, ...]:
        """Return the history items this reply adds: append them to the prospect's history.

        - out of office: ``Event(OUT_OF_OFFICE, channel=EMAIL, resume_at=...)``
          (``resume_at`` ``None`` when no date was found: the hold guard then
          holds nothing and the cadence keeps its own spacing);
        - a permanent bounce: ``Attempt(channel=EMAIL, outcome=BOUNCED, to=the
          failed address)``, which retires the address;
        - a transient bounce: ``Event(SOFT_BOUNCE, channel=EMAIL)``, unless it
          is the ``hard_after``-th (default 3) soft bounce in a row to that
          address in ``history`` (no inbound touch between them): then the
          bounced attempt above;
        - unsubscribe: ``Event(OPT_OUT, channel=EMAIL)``: e-mail stops, other
          channels go on;
        - left the company: ``Attempt(channel=EMAIL, outcome=LEFT_COMPANY)``,
          which ends the cadence;
        - a person's answer: ``Event(REPLY, channel=EMAIL)`` with their words
          (and ``resume_at`` if they said they are away until a date);
        - other automatic mail, and our own: nothing.

        Attempts are dated ``received_at`` (when the outcome became known)
        and carry the address of ``answers``, the e-mail attempt this one
        answers, when given; else of the latest e-mail attempt in
        ``history`` to the failed (or replying) address; else the address
        read from the message.
        """
        limit = v.integer(hard_after, "hard_after")
        if limit < 1:
            raise v.field_error(ValueError, "hard_after", f"must be at least 1, got {limit}")
        if answers is not None and not isinstance(answers, Attempt):
            raise v.field_error(TypeError, "answers", f"expected an orl.Attempt, got {answers!r}")
        items = tuple(history)
        for i, item in enumerate(items):
            if not isinstance(item, (Attempt, Event)):
                raise v.field_error(
                    TypeError, f"history[{i}]", f"expected an orl.Attempt or Event, got {item!r}"
                )
        at = self.received_at
        kind = self.kind
        if kind is ReplyKind.OUT_OF_OFFICE:
            notes = _notes("out of office", self)
            return (
                Event(
                    at=at,
                    kind=EventKind.OUT_OF_OFFICE,
                    channel=Channel.EMAIL,
                    notes=notes,
                    resume_at=self.resume_at,
                ),
            )
        if kind is ReplyKind.UNSUBSCRIBE:
            return (
                Event(
                    at=at,
                    kind=EventKind.OPT_OUT,
                    channel=Channel.EMAIL,
                    notes=_notes("asked to stop e-mails", self),
                ),
            )
        if kind is ReplyKind.HUMAN:
            return (
                Event(
                    at=at,
                    kind=EventKind.REPLY,
                    channel=Channel.EMAIL,
                    notes=self.text[:1000] or self.subject[:200],
                    resume_at=self.resume_at,
                ),
            )
        if kind is ReplyKind.LEFT_COMPANY:
            to = _answered(items, answers, self.address or self.sender, at)
            notes = "left the company"
            if self.new_contact:
                notes += f"; new contact: {self.new_contact}"
            return (
                Attempt(
                    at=at,
                    channel=Channel.EMAIL,
                    outcome=Outcome.LEFT_COMPANY,
                    to=to or self.address or self.sender,
                    notes=notes,
                ),
            )
        if kind is ReplyKind.BOUNCE:
            to = _answered(items, answers, self.address, at) or self.address
            status = f" ({self.status})" if self.status else ""
            if self.permanent:
                return (_bounced(at, to, f"bounced{status}: delivery failed for good"),)
            run = _soft_run(items, to, at)
            if run + 1 >= limit:
                notes = (
                    f"bounced{status}: soft bounce {run + 1} in a row"
                    f" (at most {limit}), treated as permanent"
                )
                return (_bounced(at, to, notes),)
            notes = f"soft bounce of {to or 'an unknown address'}{status}: {run + 1} in a row"
            return (Event(at=at, kind=EventKind.SOFT_BOUNCE, channel=Channel.EMAIL, notes=notes),)
        return ()

    def explain(self) -> str:
        """Say what this reply is and why: the headers, phrases and dates that decided."""
        lines = [f"{_LABELS[self.kind]}{_detail(self)}"]
        lines += [f"  - {finding}" for finding in self.findings]
        if self.text and self.kind is ReplyKind.HUMAN:
            first = self.text.strip().splitlines()[0][:80]
            lines.append(f"  their words begin: {first!r}")
        return "\n".join(lines)


_LABELS = {
    ReplyKind.HUMAN: "a person's reply",
    ReplyKind.OUT_OF_OFFICE: "out of office",
    ReplyKind.BOUNCE: "bounce",
    ReplyKind.UNSUBSCRIBE: "a request to stop e-mails",
    ReplyKind.AUTO: "an automatic message (nothing to do)",
    ReplyKind.LEFT_COMPANY: "left the company",
    ReplyKind.OWN: "our own mail, not a reply",
}


def _detail(reply: Reply) -> str:
    if reply.kind is ReplyKind.BOUNCE:
        how = "permanent" if reply.permanent else "transient"
        status = f", status {reply.status}" if reply.status else ""
        return f" ({how}{status}) of {reply.address or 'an unknown address'}"
    if reply.kind is ReplyKind.OUT_OF_OFFICE:
        if reply.resume_at is None:
            return ": no return date found"
        return f": back {show(reply.resume_at)}"
    if reply.kind is ReplyKind.LEFT_COMPANY and reply.new_contact:
        return f": new contact {reply.new_contact}"
    return ""


def _notes(what: str, reply: Reply) -> str:
    subject = f": {reply.subject[:120]}" if reply.subject else ""
    return f"{what}{subject}"


def _bounced(at: datetime, to: str | None, notes: str) -> Attempt:
    return Attempt(at=at, channel=Channel.EMAIL, outcome=Outcome.BOUNCED, to=to, notes=notes)


def _answered(
    items: tuple[HistoryItem, ...], answers: Attempt | None, address: str | None, at: datetime
) -> str | None:
    """The address of the e-mail attempt this reply answers, if it can be told."""
    if answers is not None:
        return answers.to
    latest: Attempt | None = None
    for item in items:
        if (
            type(item) is Attempt
            and item.channel is Channel.EMAIL
            and item.at <= at
            and item.to is not None
            and (address is None or item.to.lower() == address.lower())
            and (latest is None or item.at > latest.at)
        ):
            latest = item
    return latest.to if latest is not None else None


def _soft_run(items: tuple[HistoryItem, ...], address: str | None, at: datetime) -> int:
    """How many soft bounces to ``address`` came in a row before ``at``.

    An inbound touch (a reply, a callback) or a hard bounce ends the run;
    a soft bounce is told to be of ``address`` by its notes.
    """
    marker = f"soft bounce of {address or 'an unknown address'}"
    ordered = sorted((i for i in items if i.at <= at), key=lambda i: i.order_key)
    run = 0
    for item in reversed(ordered):
        if type(item) is Event:
            if item.kind in INBOUND:
                break
            if item.kind is EventKind.SOFT_BOUNCE and item.notes.startswith(marker):
                run += 1
        elif (
            type(item) is Attempt
            and item.outcome is Outcome.BOUNCED
            and (address is None or (item.to or "").lower() == address)
        ):
            break
    return run


# -- reading ---------------------------------------------------------------


def read_reply(
    message: str | bytes | Message,
    *,
    received_at: datetime,
    prospect: Prospect | None = None,
    own_addresses: Iterable[str] = (),
) -> Reply:
    """Read one inbound e-mail: a person's reply, an out-of-office, a bounce, an opt-out, …

    ``message`` is the raw message (``str`` or ``bytes``, as received) or an
    ``email.message.Message``; raw text is parsed with the standard
    library's ``email`` package, policy ``default``. ``received_at`` (aware)
    is when it arrived: return dates without a year are read relative to
    it. ``prospect``, if given, gives the zone of the return date, the
    order of an ambiguous ``03/04/2026`` (month first in the US), and tells
    our own mail to them from theirs. ``own_addresses`` are the addresses
    we send from (or ``"@example.com"`` for a whole domain): mail from them
    is ``ReplyKind.OWN``.

    Never raises on the content of the message, whatever it is; only on
    arguments of the wrong type (``TypeError``) or a naive ``received_at``.
    """
    if not isinstance(message, (str, bytes, bytearray, Message)):
        raise TypeError(
            "message: expected the raw e-mail (str or bytes) or an email.message.Message, "
            f"got {type(message).__name__}"
        )
    when = v.aware(received_at, "received_at")
    if prospect is not None and not isinstance(prospect, Prospect):
        raise TypeError(f"prospect: expected an orl.Prospect or None, got {prospect!r}")
    if isinstance(own_addresses, str):
        own_addresses = (own_addresses,)
    ours = tuple(_own(a, i) for i, a in enumerate(own_addresses))
    parsed = parse(bytes(message) if isinstance(message, bytearray) else message)
    return _Reader(parsed, when, prospect, ours).read()


def _own(value: object, index: int) -> str:
    text = v.text(value, f"own_addresses[{index}]", allow_empty=False)
    return text.strip().lower()


def normal(text: str) -> str:
    """Text as the tables are written: lower case, accents dropped, spaces single."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(plain.split())


class _Phrases:
    """One table of phrases per language, compiled into one search."""

    def __init__(self, table: Mapping[str, tuple[str, ...]] | tuple[str, ...]) -> None:
        if isinstance(table, tuple):
            table = {"": table}
        self.language: dict[str, str] = {}
        for language, phrases in table.items():
            for phrase in phrases:
                self.language.setdefault(phrase, language)
        words = "|".join(re.escape(p) for p in sorted(self.language, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])")
        self._start = re.compile(rf"(?:{words})(?![a-z0-9])")

    def find(self, text: str) -> tuple[str, str | None] | None:
        """The first phrase in ``text`` and its language, or ``None``."""
        match = self._pattern.search(text)
        if match is None:
            return None
        return match.group(0), self.language[match.group(0)] or None

    def starts(self, text: str) -> tuple[str, str | None] | None:
        """The phrase that ``text`` starts with, and its language, or ``None``."""
        match = self._start.match(text)
        if match is None:
            return None
        return match.group(0), self.language[match.group(0)] or None


_AUTO_SUBJECTS = _Phrases({**t.AUTO_SUBJECTS, "en": (*t.AUTO_SUBJECTS["en"], "out of office")})
_OUT_OF_OFFICE = _Phrases(t.OUT_OF_OFFICE)
_LEFT = _Phrases(t.LEFT_COMPANY)
_UNSUBSCRIBE = _Phrases(t.UNSUBSCRIBE)
_BOUNCE_SUBJECTS = _Phrases(t.BOUNCE_SUBJECTS)
_BOUNCE_TEXTS = _Phrases(t.BOUNCE_TEXTS)
_SOFT_TEXTS = _Phrases(t.SOFT_BOUNCE_TEXTS)
_QUOTE_HEADERS = tuple(re.compile(p) for p in t.QUOTE_HEADERS)
_SIGNOFFS = frozenset(t.SIGNOFFS)
_PHONE_SIGNOFFS = frozenset(t.OWN_SIGNOFFS)
_STATUS = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
_SMTP_CODE = re.compile(r"(?<!\d)([45])[0-5]\d(?=[ -])")
_ADDRESS = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_REPLY_PREFIX = re.compile(r"^(?:(?:re|aw|sv|antw|rif|r|fw|fwd|wg|tr|rv|enc|vs)\s?:\s?){1,5}")
_HEADER_WORD = re.compile(
    r"^(sent|date|to|subject|gesendet|an|betreff|datum|envoye|a|objet|enviado|para|asunto|"
    r"inviato|oggetto|verzonden|aan|onderwerp|skickat|till|amne|assunto|cc): "
)
_AUTO_PRECEDENCE = frozenset({"auto_reply", "bulk", "junk"})
_UNSUBSCRIBE_LOCAL = ("unsubscribe", "unsub", "optout", "opt-out", "remove", "leave")
_NOREPLY = ("noreply", "no-reply", "donotreply", "do-not-reply", "mailer-daemon", "postmaster")


class _Reader:
    """One reading: the facts found so far, in the order they were found."""

    def __init__(
        self,
        parsed: Parsed,
        received_at: datetime,
        prospect: Prospect | None,
        ours: tuple[str, ...],
    ) -> None:
        self.parsed = parsed
        self.received_at = received_at
        self.prospect = prospect
        self.ours = ours
        self.findings: list[str] = []
        self.language: str | None = None
        headers = parsed.headers
        self.subject = headers.get("subject", "")
        self.name, self.sender = address_of(headers.get("from", ""))
        self.subject_n = normal(self.subject)
        self.body = parsed.text
        self.own = _own_words(self.body)
        self.own_n = normal(self.own[:_READ])
        self.body_n = normal(self.body[:_READ])

    def note(self, finding: str, language: str | None = None) -> None:
        self.findings.append(finding)
        if language and self.language is None:
            self.language = language

    def reply(self, kind: ReplyKind, **fields: object) -> Reply:
        headers = self.parsed.headers
        return Reply(
            kind=kind,
            received_at=self.received_at,
            sender=self.sender,
            subject=self.subject,
            text=self.own.strip()[:_MAX_OWN_TEXT],
            language=self.language,
            message_id=headers.get("message-id") or None,
            in_reply_to=headers.get("in-reply-to") or None,
            findings=tuple(self.findings),
            **fields,  # type: ignore[arg-type]
        )

    def read(self) -> Reply:
        if self._is_ours():
            return self.reply(ReplyKind.OWN)
        bounce = self._bounce()
        if bounce is not None:
            return bounce
        automatic = self._automatic()
        left = _LEFT.find(self.own_n) or _LEFT.find(self.subject_n)
        if left is not None:
            phrase, language = left
            self.note(f"phrase {phrase!r} ({language}) says the person left", language)
            return self.reply(
                ReplyKind.LEFT_COMPANY, address=self.sender, new_contact=self._new_contact()
            )
        if automatic:
            away = _OUT_OF_OFFICE.find(self.subject_n) or _OUT_OF_OFFICE.find(self.own_n)
            if away is not None:
                phrase, language = away
                self.note(f"phrase {phrase!r} ({language}) says the writer is away", language)
                return self.reply(ReplyKind.OUT_OF_OFFICE, resume_at=self._resume_at())
            # A date alone is no absence (a ticket "opened on 02.12."): it takes a word
            # for being back or away until, as in "back on 14 December".
            if self._resume_at(quiet=True, cued=True) is not None:
                self.note("an automatic reply that names a day back: read as out of office")
                return self.reply(ReplyKind.OUT_OF_OFFICE, resume_at=self._resume_at())
            return self.reply(ReplyKind.AUTO)
        if self._unsubscribes():
            return self.reply(ReplyKind.UNSUBSCRIBE)
        resume = None
        away = _OUT_OF_OFFICE.find(self.own_n)
        if away is not None:
            phrase, language = away
            resume = self._resume_at(quiet=True)
            if resume is not None:
                self.note(f"they wrote {phrase!r} ({language}): away", language)
                resume = self._resume_at()
        self.note("no automatic-reply header, subject or phrase: written by a person")
        return self.reply(ReplyKind.HUMAN, resume_at=resume)

    # -- what the message is --------------------------------------------

    def _is_ours(self) -> bool:
        sender = self.sender
        if sender is None:
            return False
        domain = sender.partition("@")[2]
        for own in self.ours:
            if sender == own or (own.startswith("@") and domain == own[1:]):
                self.note(f"From {sender} is one of our own addresses ({own})")
                return True
        prospect = self.prospect
        if prospect is None or not prospect.emails:
            return False
        theirs = {e.lower() for e in prospect.emails}
        if sender in theirs:
            return False
        their_domains = {e.partition("@")[2] for e in theirs}
        to = set(addresses_of(self.parsed.headers.get("to", "")))
        if to & theirs and domain not in their_domains and not self._any_auto_header():
            self.note(
                f"sent from {sender} to the prospect's {sorted(to & theirs)[0]}: "
                "mail to them, not from them"
            )
            return True
        return False

    def _any_auto_header(self) -> bool:
        headers = self.parsed.headers
        auto = headers.get("auto-submitted", "").lower()
        return bool(auto and not auto.startswith("no")) or self.parsed.report is not None

    def _automatic(self) -> bool:
        headers = self.parsed.headers
        found = False
        auto = headers.get("auto-submitted", "")
        if auto and not auto.lower().startswith("no"):
            self.note(f"header Auto-Submitted: {auto} (RFC 3834)")
            found = True
        for name, shown in (("x-autoreply", "X-Autoreply"), ("x-autorespond", "X-Autorespond")):
            if headers.get(name):
                self.note(f"header {shown}: {headers[name]}")
                found = True
        precedence = headers.get("precedence", "").strip().lower()
        if precedence in _AUTO_PRECEDENCE:
            self.note(f"header Precedence: {precedence}")
            found = True
        suppress = headers.get("x-auto-response-suppress", "")
        if suppress and any(w in suppress.lower() for w in ("all", "oof", "autoreply")):
            self.note(f"header X-Auto-Response-Suppress: {suppress} (set by automatic replies)")
            found = True
        prefix = _AUTO_SUBJECTS.starts(self.subject_n)
        if prefix is not None:
            phrase, language = prefix
            self.note(f"subject starts with {phrase!r} ({language})", language)
            found = True
        return found

    def _bounce(self) -> Reply | None:
        parsed = self.parsed
        if parsed.report == "delivery-status" or parsed.recipients:
            return self._report()
        local = (self.sender or "").partition("@")[0]
        from_daemon = (
            any(word in local or word in self.name.lower() for word in t.BOUNCE_SENDERS)
            or parsed.headers.get("return-path", "").strip() == "<>"
        )
        subject = _BOUNCE_SUBJECTS.find(self.subject_n)
        text = _BOUNCE_TEXTS.find(self.body_n)
        soft = _SOFT_TEXTS.find(self.body_n) or _SOFT_TEXTS.find(self.subject_n)
        failed = parsed.headers.get("x-failed-recipients", "")
        status = _status(self.body)
        evidence = text or soft or status
        if not (failed or (from_daemon and (subject or evidence)) or (subject and evidence)):
            return None
        if failed:
            self.note(f"header X-Failed-Recipients: {failed}")
        if from_daemon:
            self.note(f"sent by {self.sender or self.name or 'the null sender'} (a mail server)")
        if subject is not None:
            self.note(f"subject has {subject[0]!r}")
        if text is not None:
            self.note(f"text says {text[0]!r}")
        if soft is not None:
            self.note(f"text says {soft[0]!r} (temporary)")
        if status is not None:
            self.note(f"status {status} in the text")
        if status is not None:
            permanent = status.startswith("5")
        else:
            permanent = soft is None
            self.note("no status code: read as permanent" if permanent else "read as transient")
        address = addresses_of(failed)[0] if addresses_of(failed) else self._failed_address()
        return self.reply(ReplyKind.BOUNCE, permanent=permanent, address=address, status=status)

    def _report(self) -> Reply:
        self.note("a delivery status notification (RFC 3464 multipart/report)")
        recipients = self.parsed.recipients
        failing = [r for r in recipients if r.action in ("failed", "delayed")]
        if recipients and not failing:
            actions = ", ".join(sorted({r.action or "none" for r in recipients}))
            self.note(f"Action: {actions}: delivered, not a bounce")
            return self.reply(ReplyKind.AUTO)
        chosen = failing[0] if failing else None
        status = None
        if chosen is not None:
            match = _STATUS.search(chosen.status)
            status = match.group(0) if match else None
            self.note(f"Action: {chosen.action}" + (f", Status: {status}" if status else ""))
            if chosen.diagnostic:
                self.note(f"Diagnostic-Code: {chosen.diagnostic[:120]}")
        if status is None:
            status = _status(self.body)
        if status is not None:
            permanent = status.startswith("5")
        else:
            permanent = chosen is None or chosen.action == "failed"
        if chosen is not None and chosen.action == "delayed" and status is None:
            permanent = False
        address = (chosen.address.lower() if chosen and chosen.address else None) or (
            self._failed_address()
        )
        return self.reply(ReplyKind.BOUNCE, permanent=permanent, address=address, status=status)

    def _failed_address(self) -> str | None:
        original = addresses_of(self.parsed.original.get("to", ""))
        if original:
            return original[0]
        for match in _ADDRESS.finditer(self.body[:_READ]):
            address = match.group(0).lower().strip(".")
            if address != self.sender and not address.startswith(_NOREPLY):
                return address
        return None

    def _unsubscribes(self) -> bool:
        to = addresses_of(self.parsed.headers.get("to", ""))
        for address in to:
            if address.partition("@")[0].startswith(_UNSUBSCRIBE_LOCAL):
                self.note(f"sent to {address}, an unsubscribe address (List-Unsubscribe mailto)")
                return True
        subject = _REPLY_PREFIX.sub("", self.subject_n)
        found = _UNSUBSCRIBE.starts(subject)
        if found is not None and (len(subject) <= len(found[0]) + 20 or not self.own_n):
            phrase, language = found
            self.note(
                f"subject {phrase!r} ({language}), as List-Unsubscribe requests send", language
            )
            return True
        found = _UNSUBSCRIBE.find(self.own_n[:1500])
        if found is not None:
            phrase, language = found
            self.note(f"they wrote {phrase!r} ({language})", language)
            return True
        return False

    # -- what it says ----------------------------------------------------

    def _resume_at(self, *, quiet: bool = False, cued: bool = False) -> datetime | None:
        place = self._zone()
        received = self.received_at.astimezone(place).date()
        found = return_day(
            f"{self.subject_n} . {self.own_n}", received=received, month_first=self._month_first()
        )
        if found is None or (cued and found.cue is None):
            if not quiet:
                self.note("no return date found")
            return None
        resume = datetime.combine(found.back, time(9), tzinfo=place)
        if not quiet:
            cue = f" after {found.cue!r}" if found.cue else ""
            self.note(f"date {found.said!r}{cue}: {found.rule}; resumes {show(resume)}")
        return resume

    def _zone(self) -> tzinfo:
        if self.prospect is not None:
            return zone(self.prospect.timezone)
        tz = self.received_at.tzinfo
        assert tz is not None
        return tz

    def _month_first(self) -> bool:
        country = self.prospect.country if self.prospect is not None else None
        if country is not None:
            return country.upper() in ("US", "PH", "FM", "PW", "MH")
        return self.language in (None, "en")

    def _new_contact(self) -> str | None:
        prospect = self.prospect
        skip = {self.sender, *(e.lower() for e in (prospect.emails if prospect else ()))}
        text = self.own[:_READ]
        for match in _ADDRESS.finditer(text):
            address = match.group(0).lower().strip(".")
            if address in skip or address.startswith(_NOREPLY):
                continue
            name = _name_before(text, match.start())
            contact = f"{name} <{address}>" if name else address
            self.note(f"names a new contact: {contact}")
            return contact
        return None


def _name_before(text: str, at: int) -> str | None:
    """A name written just before an address: ``Ana Rivera <ana@…>``, ``Ana Rivera at ana@…``.

    A name is two or three capitalised words, so that the first word of a
    sentence ("Kontakta per@…") is not taken for one.
    """
    words = text[max(0, at - 80) : at].replace("(", " ").replace("<", " ").split()
    if words and words[-1].strip(":,").lower() in _CONNECTORS:
        words.pop()
    name: list[str] = []
    for word in reversed(words[-3:]):
        clean = word.strip(",;:()<>")
        if clean[:1].isupper() and clean.replace("-", "").isalpha():
            name.insert(0, clean)
        else:
            break
    return " ".join(name) if len(name) >= 2 else None


# Words between a name and the address: "Ben Cole at ben@…", "Frau Weber unter weber@…".
_CONNECTORS = frozenset(
    {"at", "via", "on", "unter", "an", "a", "à", "en", "på", "em", "op", "su", "-"}
)


def _status(text: str) -> str | None:
    match = _STATUS.search(text[:_READ])
    if match is not None:
        return match.group(0)
    code = _SMTP_CODE.search(text[:_READ])
    return f"{code.group(1)}.0.0" if code is not None else None


def _own_words(body: str) -> str:
    """The reply's own words: the quoted earlier message and the signature cut off."""
    lines = body.splitlines()[:400]
    kept: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(">"):
            continue
        n = normal(stripped)
        if stripped in ("--", "-- ") or line == "-- " or n in _PHONE_SIGNOFFS:
            break
        if n and _starts_quote(n, lines, i):
            break
        kept.append(line.rstrip())
    for i in range(max(1, len(kept) - _SIGNATURE_LINES), len(kept)):
        n = normal(kept[i]).rstrip(",.!")
        if n in _SIGNOFFS or n.split(",")[0] in _SIGNOFFS:
            if any(line.strip() for line in kept[:i]):
                kept = kept[:i]
            break
    return "\n".join(kept).strip()


def _starts_quote(n: str, lines: list[str], i: int) -> bool:
    joined = normal(" ".join(lines[i : i + 2]))
    for pattern in _QUOTE_HEADERS:
        if pattern.pattern.startswith("^(from"):
            if pattern.match(n) and any(
                _HEADER_WORD.match(normal(follow)) for follow in lines[i + 1 : i + 4]
            ):
                return True
        elif pattern.match(n) or pattern.match(joined):
            return True
    return False
