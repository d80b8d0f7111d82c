"""The parts of an e-mail that reading a reply needs, taken out of the MIME tree with bounds.

Whatever the message holds (deep nesting, unknown charsets, broken
headers, megabytes of base64), this reads at most ``MAX_BYTES`` of it,
``MAX_PARTS`` parts to ``MAX_DEPTH`` levels, ``MAX_TEXT`` characters of
text and ``MAX_HEADER`` characters of a header, and never raises: what it
cannot read it leaves out.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
from collections.abc import Iterator
from email.message import Message
from email.parser import BytesParser, Parser
from html.parser import HTMLParser
from typing import TypeVar

import attrs

_Raw = TypeVar("_Raw", str, bytes)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_HEADER",
    "MAX_PARTS",
    "MAX_TEXT",
    "Parsed",
    "Recipient",
    "parse",
]

MAX_BYTES = 1_000_000
"""The most of a raw message that is parsed; a reply worth reading is far shorter."""
MAX_PARTS = 64
"""The most MIME parts visited."""
MAX_DEPTH = 8
"""The deepest nesting of multiparts and attached messages followed."""
MAX_TEXT = 20_000
"""The most characters of body text kept."""
MAX_HEADER = 2_000
"""The most characters of one header value kept."""


@attrs.frozen(kw_only=True)
class Recipient:
    """One recipient block of a delivery-status report (RFC 3464)."""

    address: str | None
    action: str
    status: str
    diagnostic: str


@attrs.frozen(kw_only=True)
class Parsed:
    """What the reader uses of one message."""

    headers: dict[str, str]
    """The first value of each header the reader uses, lower-case names, decoded where need be."""
    text: str
    """The body as plain text (from text/plain, else from text/html), without attached mail."""
    report: str | None
    """The ``report-type`` of a ``multipart/report``, lower case, or ``None``."""
    recipients: tuple[Recipient, ...]
    """The recipient blocks of a delivery-status part."""
    original: dict[str, str]
    """Headers of the attached original message (a bounce returns it), lower-case names."""
    defects: int
    """How many defects the parser noted (for the explanation only)."""


def parse(message: str | bytes | Message) -> Parsed:
    """Read ``message`` into the parts the reader uses, within the bounds above."""
    root = message if isinstance(message, Message) else _parse_raw(message)
    headers = _headers(root)
    bodies: list[str] = []
    htmls: list[str] = []
    recipients: list[Recipient] = []
    original: dict[str, str] = {}
    report: str | None = None
    defects = 0
    for part, kind, inside in _walk(root):
        defects += len(getattr(part, "defects", ()))
        if kind == "multipart/report" and report is None:
            report = _param(part, "report-type")
        if inside:
            continue
        if kind == "message/delivery-status":
            recipients.extend(_recipients(part))
        elif kind in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            original = original or _original(part)
        elif kind == "text/plain" and not _is_attachment(part):
            bodies.append(_decoded(part))
        elif kind == "text/html" and not _is_attachment(part):
            htmls.append(_decoded(part))
    text = "\n".join(b for b in bodies if b.strip())
    if not text.strip() and htmls:
        text = "\n".join(_html_text(h) for h in htmls)
    return Parsed(
        headers=headers,
        text=text[:MAX_TEXT],
        report=report,
        recipients=tuple(recipients[:MAX_PARTS]),
        original=original,
        defects=defects,
    )


def _parse_raw(message: str | bytes) -> Message:
    text = _bounded(message[:MAX_BYTES]) if isinstance(message, str) else None
    data = _bounded(bytes(message[:MAX_BYTES])) if not isinstance(message, str) else None
    sample = (text or "")[:MAX_BYTES] if data is None else data.decode("latin-1")
    # The parser recurses once per level of nested multiparts, and parses every
    # part's headers (a third of a millisecond each): a message with more
    # multiparts than any reply has is read as headers and one body text.
    nested = sample.lower().count("boundary") > _MAX_CONTAINERS
    for headers_only in (nested, True):
        try:
            if text is not None:
                return Parser(policy=email.policy.default).parsestr(text, headers_only)
            assert data is not None
            return BytesParser(policy=email.policy.default).parsebytes(data, headers_only)
        except Exception:
            # The parser notes defects rather than raising, but it recurses once per
            # level of nested multiparts: past the recursion limit, the headers and
            # the body as one text are all that is read.
            continue
    raw = text if text is not None else (data or b"").decode("latin-1")
    return Parser(policy=email.policy.compat32).parsestr(raw, True)


_MAX_CONTAINERS = 32
_MAX_DELIMITERS = 256


def _bounded(raw: _Raw) -> _Raw:
    """``raw`` cut before its 256th line that starts with ``--`` (a part delimiter, or so)."""
    newline_dashes = "\n--" if isinstance(raw, str) else b"\n--"
    at = -1
    for _ in range(_MAX_DELIMITERS):
        at = raw.find(newline_dashes, at + 1)
        if at < 0:
            return raw
    return raw[:at]


def _walk(root: Message) -> Iterator[tuple[Message, str, bool]]:
    """Each part, depth first in order, with its content type and whether it is in attached mail.

    Written as a loop over a stack, so nesting deeper than the recursion
    limit costs nothing; parts past ``MAX_PARTS`` or ``MAX_DEPTH`` are skipped.
    """
    stack: list[tuple[Message, int, bool]] = [(root, 0, False)]
    seen = 0
    while stack and seen < MAX_PARTS:
        part, depth, inside = stack.pop()
        seen += 1
        kind = _content_type(part)
        yield part, kind, inside
        if depth >= MAX_DEPTH:
            continue
        if kind == "message/delivery-status":
            continue  # its blocks are read as fields, not walked as parts
        try:
            children = part.get_payload() if part.is_multipart() else None
        except Exception:
            children = None
        if not isinstance(children, list):
            continue
        attached = inside or kind.startswith("message/")
        for child in reversed(children[:MAX_PARTS]):
            if isinstance(child, Message):
                stack.append((child, depth + 1, attached))


def _content_type(part: Message) -> str:
    try:
        return str(part.get_content_type()).lower()
    except Exception:
        return "text/plain"


def _param(part: Message, name: str) -> str | None:
    try:
        value = part.get_param(name)
    except Exception:
        return None
    if isinstance(value, tuple):  # RFC 2231 (charset, language, value)
        value = value[2]
    return str(value).lower()[:MAX_HEADER] if value else None


def _is_attachment(part: Message) -> bool:
    try:
        disposition = part.get("Content-Disposition")
    except Exception:
        return False
    return disposition is not None and str(disposition).strip().lower().startswith("attachment")


def header_text(part: Message, name: str) -> str:
    """The first value of header ``name`` as text, or ``""``; one the policy cannot parse, raw.

    A value longer than the limit is cut before it is decoded: the header
    parser's time grows with the length.
    """
    raw: object = None
    try:
        for key, value in part.raw_items():
            if key.lower() == name.lower():
                raw = value
                break
    except Exception:
        return ""
    if raw is None:
        return ""
    if isinstance(raw, str) and len(raw) > MAX_HEADER:
        raw = raw[:MAX_HEADER]
    try:
        if isinstance(raw, str) and name.lower() in _DECODED:
            text = str(part.policy.header_fetch_parse(name, raw))
        else:
            text = str(raw)
    except Exception:
        text = str(raw)
    return " ".join(text[: MAX_HEADER * 2].split())[:MAX_HEADER]


# The headers the reader looks at; only those that may carry encoded words
# (RFC 2047) go through the policy's parser, a millisecond's work each.
_READ_HEADERS = frozenset(
    {
        "subject",
        "from",
        "to",
        "cc",
        "date",
        "message-id",
        "in-reply-to",
        "auto-submitted",
        "x-autoreply",
        "x-autorespond",
        "precedence",
        "x-auto-response-suppress",
        "x-failed-recipients",
        "return-path",
        "list-unsubscribe",
    }
)
_DECODED = frozenset({"subject", "from", "to", "cc"})


def _headers(part: Message) -> dict[str, str]:
    names: dict[str, str] = {}
    try:
        keys = [key.lower() for key, _ in part.raw_items()]
    except Exception:
        return names
    for key in keys:
        if key in _READ_HEADERS and key not in names:
            names[key] = header_text(part, key)
    return names


def _decoded(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return ""
    if not isinstance(payload, bytes):
        return ""
    payload = payload[: MAX_TEXT * 4]
    try:
        charset = part.get_content_charset() or "utf-8"
    except Exception:
        charset = "utf-8"
    try:
        return payload.decode(charset, errors="replace")[:MAX_TEXT]
    except Exception:  # an unknown or non-text codec named by the message
        return payload.decode("utf-8", errors="replace")[:MAX_TEXT]


def _recipients(part: Message) -> Iterator[Recipient]:
    try:
        blocks = part.get_payload()
    except Exception:
        return
    if not isinstance(blocks, list):
        return
    # The first block is about the message, the rest about one recipient each.
    for block in blocks[1:MAX_PARTS]:
        if not isinstance(block, Message):
            continue
        recipient = header_text(block, "Final-Recipient") or header_text(
            block, "Original-Recipient"
        )
        address = recipient.split(";", 1)[-1].strip().strip("<>") or None
        yield Recipient(
            address=address,
            action=header_text(block, "Action").lower(),
            status=header_text(block, "Status"),
            diagnostic=header_text(block, "Diagnostic-Code"),
        )


def _original(part: Message) -> dict[str, str]:
    kind = _content_type(part)
    try:
        if kind == "message/rfc822":
            inner = part.get_payload()
            attached = inner[0] if isinstance(inner, list) and inner else None
        else:
            raw = part.get_payload(decode=True)
            text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else ""
            attached = email.message_from_string(text[:MAX_TEXT], policy=email.policy.default)
    except Exception:
        return {}
    if not isinstance(attached, Message):
        return {}
    return {
        name: header_text(attached, name)
        for name in ("to", "from", "subject", "message-id", "date")
        if header_text(attached, name)
    }


class _Text(HTMLParser):
    """The text of an HTML body: tags dropped, scripts and styles skipped, block ends as lines."""

    _BLOCKS = frozenset({"br", "p", "div", "tr", "li", "blockquote", "h1", "h2", "h3", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0
        self._quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag == "blockquote":
            # Quoted earlier mail in HTML replies: marked as quoted lines.
            self._quote += 1
        if tag in self._BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag == "blockquote":
            self._quote = max(0, self._quote - 1)
        if tag in self._BLOCKS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._quote:
            data = "\n".join(f"> {line}" for line in data.splitlines())
        self.out.append(data)


def _html_text(html: str) -> str:
    reader = _Text()
    try:
        reader.feed(html[: MAX_TEXT * 4])
        reader.close()
    except Exception:  # HTMLParser is lenient; this is the last resort
        pass
    return "".join(reader.out)[:MAX_TEXT]


def address_of(value: str) -> tuple[str, str | None]:
    """The display name and the lower-case address of one header value (``None`` if none)."""
    try:
        name, address = email.utils.parseaddr(value[:MAX_HEADER])
    except Exception:
        return "", None
    address = address.strip().lower()
    return name, address if "@" in address else None


def addresses_of(value: str) -> tuple[str, ...]:
    """The lower-case addresses of a header listing several."""
    try:
        pairs = email.utils.getaddresses([value[:MAX_HEADER]])
    except Exception:
        return ()
    return tuple(a.strip().lower() for _, a in pairs[:50] if "@" in a)
