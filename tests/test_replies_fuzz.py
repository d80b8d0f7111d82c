"""Reading replies never fails on the message: any bytes, any MIME shape, in bounded work."""

from __future__ import annotations

import email.policy
from datetime import date, datetime, time, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl

AT = datetime(2026, 12, 2, 10, tzinfo=timezone(timedelta(hours=1)))
CORPUS = Path(__file__).parent / "replies"
SAMPLES = sorted(p.read_bytes() for p in CORPUS.glob("*.eml"))


def _check(reply: orl.Reply) -> None:
    assert isinstance(reply.kind, orl.ReplyKind)
    assert reply.received_at == AT
    assert reply.findings
    assert isinstance(reply.explain(), str)
    items = reply.to_history()
    assert all(isinstance(item, orl.Attempt | orl.Event) for item in items)
    if reply.resume_at is not None:
        assert reply.resume_at.tzinfo is not None
        assert reply.resume_at.timetz().replace(tzinfo=None) == time(9)
    if reply.kind is orl.ReplyKind.BOUNCE:
        assert isinstance(reply.permanent, bool)
    assert len(reply.text) <= 2000


@given(st.binary(max_size=4000))
def test_any_bytes_read_as_a_reply(raw):
    """Arbitrary bytes give a Reply with reasons, never an exception."""
    _check(orl.read_reply(raw, received_at=AT))


@given(st.text(max_size=3000))
def test_any_text_reads_as_a_reply(text):
    """Arbitrary text gives a Reply, and reading it twice gives the same Reply."""
    first = orl.read_reply(text, received_at=AT)
    _check(first)
    assert orl.read_reply(text, received_at=AT) == first


@given(
    st.sampled_from(SAMPLES),
    st.lists(st.tuples(st.integers(0, 5000), st.binary(min_size=0, max_size=40)), max_size=8),
    st.integers(0, 6000),
)
def test_damaged_corpus_messages_still_read(sample, edits, cut):
    """A corpus message with bytes replaced, inserted and cut off still reads."""
    raw = bytearray(sample)
    for at, piece in edits:
        at %= max(1, len(raw))
        raw[at : at + len(piece) // 2] = piece
    _check(orl.read_reply(bytes(raw[: cut or None]), received_at=AT))


# -- MIME structure --------------------------------------------------------

CONTENT_TYPES = (
    "text/plain",
    "text/html",
    "message/delivery-status",
    "message/rfc822",
    "text/rfc822-headers",
    "application/octet-stream",
    "image/png",
    "text/x-unknown",
)
CHARSETS = (
    "utf-8",
    "iso-8859-1",
    "windows-1252",
    "utf-16",
    "utf-7",
    "x-unknown",
    "zlib",
    "base64",
    "rot13",
    "",
    '"unterminated',
)
ENCODINGS = ("7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "x-bogus", "")
WORDS = st.sampled_from(
    [
        "out of office",
        "until 14.12.",
        "Status: 5.1.1",
        "Action: failed",
        "Final-Recipient: rfc822; x@example.com",
        "unsubscribe",
        "no longer with",
        "On Tue wrote:",
        "> quoted",
        "-- ",
        "=?utf-8?q?caf=C3=A9?=",
        "=?x-nope?b?!!!?=",
        "\u00e9\u00df\u4e2d",
        "<b>bold</b><script>",
        "=ZZ=\n",
        "--",
    ]
)
BODY = st.lists(st.one_of(WORDS, st.text(max_size=30)), max_size=12).map(" \n".join)
HEADER_VALUE = st.one_of(
    WORDS,
    st.text(max_size=60).map(lambda s: s.replace("\n", " ").replace("\r", " ")),
    st.integers(1, 40).map(lambda n: "x" * (n * 250)),  # long, up to 10,000 characters
)
HEADERS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "Subject",
                "From",
                "To",
                "Auto-Submitted",
                "Precedence",
                "X-Autoreply",
                "X-Failed-Recipients",
                "Content-Disposition",
                "Return-Path",
                "X-Whatever",
            ]
        ),
        HEADER_VALUE,
    ),
    max_size=6,
)


def _leaf(kind: str, charset: str, encoding: str, headers, body: str) -> str:
    lines = [f"{name}: {value}" for name, value in headers]
    lines.append(f"Content-Type: {kind}; charset={charset}" if charset else f"Content-Type: {kind}")
    if encoding:
        lines.append(f"Content-Transfer-Encoding: {encoding}")
    return "\n".join(lines) + "\n\n" + body + "\n"


LEAVES = st.builds(
    _leaf,
    st.sampled_from(CONTENT_TYPES),
    st.sampled_from(CHARSETS),
    st.sampled_from(ENCODINGS),
    HEADERS,
    BODY,
)


def _multipart(subtype: str, boundary: str, children: list[str], closed: bool, report: bool) -> str:
    extra = "; report-type=delivery-status" if report else ""
    head = f'Content-Type: multipart/{subtype}; boundary="{boundary}"{extra}\n\n'
    parts = "".join(f"--{boundary}\n{child}" for child in children)
    return head + parts + (f"--{boundary}--\n" if closed else "")


TREES = st.recursive(
    LEAVES,
    lambda inner: st.builds(
        _multipart,
        st.sampled_from(["mixed", "alternative", "report", "related", "digest"]),
        st.sampled_from(["b1", "b2", "=_x", "same", ""]),
        st.lists(inner, max_size=4),
        st.booleans(),
        st.booleans(),
    ),
    max_leaves=12,
)


@given(HEADERS, TREES)
def test_any_mime_structure_reads(headers, tree):
    """Nested multiparts, wrong boundaries, bad charsets and encodings never make reading fail."""
    top = "".join(f"{name}: {value}\n" for name, value in headers)
    message = top + "MIME-Version: 1.0\n" + tree
    _check(orl.read_reply(message, received_at=AT))
    _check(orl.read_reply(message.encode("utf-8", "surrogatepass"), received_at=AT))


@given(TREES)
def test_a_parsed_message_of_any_structure_reads(tree):
    """An email.message.Message the caller parsed reads too, whatever its shape."""
    message = email.message_from_string(tree, policy=email.policy.default)
    _check(orl.read_reply(message, received_at=AT))


# -- inputs built to be slow -----------------------------------------------


def _nested(levels: int) -> str:
    heads = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(levels)
    )
    return "From: a@example.com\n" + heads + "Content-Type: text/plain\n\nhello\n"


HOSTILE = {
    "nested multiparts past the recursion limit": _nested(3000),
    "a subject of 800,000 characters": "Subject: " + "Automatic reply " * 50_000 + "\n\nbody",
    "20,000 headers": "".join(f"X-H{i}: v\n" for i in range(20_000)) + "\nbody",
    "20,000 parts": 'Content-Type: multipart/mixed; boundary="b"\n\n'
    + "--b\nContent-Type: text/plain\n\nhi\n" * 20_000,
    "a quote header that never ends": "From: a@example.com\n\n" + ("On " + "a" * 5000 + "\n") * 100,
    "dots and digits": "Auto-Submitted: auto-replied\n\n" + "1." * 200_000,
    "slashes": "Auto-Submitted: auto-replied\nSubject: out of office\n\n" + "1/" * 200_000,
    "a date repeated": "Auto-Submitted: auto-replied\n\n" + "until 14 december " * 50_000,
    "cues without a date": "Auto-Submitted: auto-replied\nSubject: out of office\n\n"
    + "until back on " * 20_000,
    "an address that never ends": "From: mailer-daemon@example.net\nSubject: undeliverable\n\n"
    + "a" * 300_000
    + "@"
    + "b." * 100_000,
    "unclosed scripts": "Content-Type: text/html\n\n" + "<script>" * 100_000,
    "a charset that is a compressor": 'Content-Type: text/plain; charset="zlib"\n'
    "Content-Transfer-Encoding: base64\n\n" + "QUJD" * 100_000,
    "bytes of every value": "".join(chr(i) for i in range(256)) * 4000,
    "megabytes of base64": "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
    + "QUJDRA==\n" * 300_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_inputs_built_to_be_slow_read(name):
    """Deep nesting, huge headers and texts made for regex backtracking read as a plain Reply."""
    _check(orl.read_reply(HOSTILE[name], received_at=AT))


def test_a_message_object_nested_deeper_than_the_recursion_limit_reads():
    """A Message built in code with 1,500 levels of nesting reads; the walk has no recursion."""
    root = inner = EmailMessage()
    root["Subject"] = "Automatic reply: deep"
    for _ in range(1500):
        child = EmailMessage()
        inner.set_payload([child])
        inner.set_type("multipart/mixed")
        inner = child
    inner.set_content("I am out of the office until 14.12.2026.")
    _check(orl.read_reply(root, received_at=AT))


# -- dates --------------------------------------------------------------------


DAYS_AHEAD = st.integers(0, 300).map(lambda n: date(2026, 12, 2) + timedelta(days=n))


@given(DAYS_AHEAD, st.sampled_from(["%d.%m.%Y", "%Y-%m-%d", "%d.%m.", "%B %d", "%d %B %Y"]))
def test_a_day_back_reads_as_that_day(day, form):
    """'back on <day>' in any numeric or English form gives that day at 09:00 in the zone."""
    text = (
        f"Auto-Submitted: auto-replied\nSubject: Out of office\n\nI will be back on {day:{form}}."
    )
    reply = orl.read_reply(text, received_at=AT)
    assert reply.resume_at == datetime.combine(day, time(9), tzinfo=AT.tzinfo)


@given(DAYS_AHEAD, st.sampled_from(["until", "bis", "jusqu'au", "hasta el", "fino al", "tot"]))
def test_until_a_day_reads_as_the_last_day_away(day, until):
    """'<until> <day>' in each language reads as the last day away: back the day after."""
    text = f"Auto-Submitted: auto-replied\nSubject: Out of office\n\nAway {until} {day:%d.%m.%Y}."
    reply = orl.read_reply(text, received_at=AT)
    assert reply.resume_at == datetime.combine(day + timedelta(days=1), time(9), tzinfo=AT.tzinfo)
