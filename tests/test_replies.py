"""Reading replies: the corpus reads as its table expects, and the history follows the reading."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import outreach_rules as orl

CORPUS = Path(__file__).parent / "replies"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8")
)
RECEIVED = "2026-12-02T10:00:00+01:00"


def _read(name: str) -> orl.Reply:
    expect = EXPECTED[name]
    prospect = expect.get("prospect")
    return orl.read_reply(
        (CORPUS / f"{name}.eml").read_bytes(),
        received_at=datetime.fromisoformat(expect.get("received_at", RECEIVED)),
        prospect=orl.Prospect(**prospect) if prospect else None,
        own_addresses=expect.get("own_addresses", ()),
    )


def _none(value: object) -> object:
    return None if value == "none" else value


def test_the_corpus_is_large_and_every_message_has_an_expectation():
    """At least 60 messages, each with one row of the table and no row without a message."""
    files = {p.stem for p in CORPUS.glob("*.eml")}
    assert len(files) >= 60
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_message_reads_as_expected(name):
    """Each message of the corpus reads as the kind, date, address and words its row gives."""
    expect = EXPECTED[name]
    reply = _read(name)
    assert reply.kind == expect["kind"], reply.explain()
    if "language" in expect:
        assert reply.language == _none(expect["language"]), reply.explain()
    if "resume" in expect:
        wanted = _none(expect["resume"])
        if wanted is None:
            assert reply.resume_at is None, reply.explain()
        else:
            assert reply.resume_at is not None, reply.explain()
            local = reply.resume_at
            if "resume_zone" in expect:
                local = local.astimezone(ZoneInfo(expect["resume_zone"]))
                assert local.utcoffset() == reply.resume_at.utcoffset()
            assert local.date() == date.fromisoformat(wanted), reply.explain()
            assert local.time() == time(9), reply.explain()
    for field in ("permanent", "address", "status", "new_contact"):
        if field in expect:
            assert getattr(reply, field) == _none(expect[field]), reply.explain()
    if "text" in expect:
        assert reply.text == expect["text"], reply.explain()
    assert reply.findings, "the reading says why"
    assert reply.explain().strip()
