"""Reading replies: the corpus reads as its table expects, and the history follows the reading."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
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


# -- what a reply adds to the history, and what the planner makes of it ----

ANNA = orl.Prospect(
    id="anna",
    name="Anna Berg",
    timezone="Europe/Berlin",
    emails=("anna@example.com", "anna.berg@example.net"),
    phones=("+493012345678",),
)
AT = datetime.fromisoformat(RECEIVED)
SENT = orl.Attempt(
    at=datetime.fromisoformat("2026-12-01T09:00:00+01:00"),
    channel=orl.Channel.EMAIL,
    outcome=orl.Outcome.SENT,
    to="anna@example.com",
)


def _situation(history):
    return orl.Situation(ANNA, history, now=AT, playbook=orl.playbooks.cold_calling())


def _corpus(name: str, **kwargs: Any) -> orl.Reply:
    return orl.read_reply(
        (CORPUS / f"{name}.eml").read_bytes(), received_at=AT, prospect=ANNA, **kwargs
    )


def test_an_out_of_office_holds_the_plan_until_the_day_back():
    """The out-of-office event carries the day back, and the plan waits until after it."""
    reply = _corpus("ooo_de_ab_dem")
    (event,) = reply.to_history([SENT])
    assert event.kind is orl.EventKind.OUT_OF_OFFICE
    assert event.channel is orl.Channel.EMAIL
    assert event.resume_at == datetime(2026, 12, 14, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    assert orl.plan(ANNA, [SENT], now=AT).next.earliest.date() == date(2026, 12, 3)
    plan = orl.plan(ANNA, [SENT, event], now=AT)
    assert plan.next is not None
    # The hold guard's grace: not before the business day after the day back.
    assert plan.next.earliest >= datetime(2026, 12, 15, 9, tzinfo=ZoneInfo("Europe/Berlin"))


def test_an_out_of_office_without_a_date_holds_nothing():
    """No date found: the event has no resume_at, and the cadence keeps its own spacing."""
    reply = _corpus("ooo_en_no_date")
    (event,) = reply.to_history()
    assert event.kind is orl.EventKind.OUT_OF_OFFICE
    assert event.resume_at is None
    assert _situation([SENT, event]).resume_at is None


def test_a_hard_bounce_retires_the_address_it_failed_on():
    """A permanent bounce adds a bounced attempt to that address; the next address is used."""
    reply = _corpus("bounce_dsn_511")
    (attempt,) = reply.to_history([SENT])
    assert isinstance(attempt, orl.Attempt)
    assert (attempt.channel, attempt.outcome, attempt.to) == (
        orl.Channel.EMAIL,
        orl.Outcome.BOUNCED,
        "anna@example.com",
    )
    assert attempt.at == AT
    assert _situation([SENT, attempt]).email_to_use() == "anna.berg@example.net"


def test_a_bounce_takes_the_address_of_the_attempt_it_answers():
    """Given the attempt it answers, the bounced attempt carries that attempt's address."""
    reply = _corpus("bounce_text_gmail_style")
    (attempt,) = reply.to_history(answers=SENT)
    assert attempt.to == "anna@example.com"


def test_soft_bounces_escalate_to_a_hard_one_after_three_in_a_row():
    """Two soft bounces are events; the third in a row to the address is a bounced attempt."""
    reply = _corpus("bounce_dsn_422_delayed")
    history: list[orl.Attempt | orl.Event] = [SENT]
    kinds = []
    for day in range(3):
        later = attrs.evolve(reply, received_at=AT + timedelta(days=day))
        added = later.to_history(history)
        history += added
        kinds.append(type(added[0]).__name__)
    assert kinds == ["Event", "Event", "Attempt"]
    assert history[1].kind is orl.EventKind.SOFT_BOUNCE
    assert history[-1].outcome is orl.Outcome.BOUNCED
    assert history[-1].to == "anna@example.com"
    assert "anna@example.com" in _situation(history).retired


def test_a_reply_between_soft_bounces_starts_the_count_again():
    """An inbound touch ends the run of soft bounces; a smaller limit escalates sooner."""
    reply = _corpus("bounce_dsn_422_delayed")
    first = reply.to_history([SENT])
    answer = orl.Event(at=AT + timedelta(hours=1), kind="reply", channel="email")
    again = attrs.evolve(reply, received_at=AT + timedelta(hours=2))
    assert type(again.to_history([SENT, *first, answer])[0]) is orl.Event
    assert type(again.to_history([SENT, *first], hard_after=2)[0]) is orl.Attempt
    assert type(reply.to_history(hard_after=1)[0]) is orl.Attempt


def test_an_unsubscribe_stops_email_and_only_email():
    """A request to stop e-mails is an opt-out of e-mail: no address is used, calls go on."""
    reply = _corpus("unsub_de_keine_emails")
    (event,) = reply.to_history()
    assert (event.kind, event.channel) == (orl.EventKind.OPT_OUT, orl.Channel.EMAIL)
    situation = _situation([SENT, event])
    assert situation.email_to_use() is None
    assert situation.do_not_contact is None
    assert orl.plan(ANNA, [SENT, event], now=AT).halted is None


def test_a_person_who_left_ends_the_cadence_and_names_the_successor():
    """Left the company: an e-mail attempt that ends the plan, with the new contact in its notes."""
    reply = _corpus("left_en_auto_new_contact")
    (attempt,) = reply.to_history([SENT])
    assert attempt.outcome is orl.Outcome.LEFT_COMPANY
    assert attempt.to == "anna@example.com"
    assert "Ben Cole <ben.cole@example.com>" in attempt.notes
    plan = orl.plan(ANNA, [SENT, attempt], now=AT)
    assert plan.halted is not None
    assert "left the company" in plan.halted


def test_a_human_reply_is_a_reply_event_with_their_words():
    """A person's reply becomes a reply event whose notes are their own words, quote stripped."""
    reply = _corpus("human_de_schrieb")
    (event,) = reply.to_history([SENT])
    assert (event.kind, event.channel) == (orl.EventKind.REPLY, orl.Channel.EMAIL)
    assert event.notes == "Danke, Donnerstag passt mir gut."
    assert event.is_inbound


@pytest.mark.parametrize("name", ["auto_ticket_receipt", "bounce_dsn_delivered", "own_domain"])
def test_automatic_mail_and_our_own_add_nothing(name):
    """A ticket receipt, a delivery report or our own mail adds nothing to the history."""
    reply = _corpus(name, own_addresses=["@example.org"])
    assert reply.to_history([SENT]) == ()


def test_the_explanation_names_the_header_the_phrase_and_the_date():
    """explain() says which header, which phrase and which date decided."""
    text = _corpus("ooo_fr_jusquau_inclus").explain()
    assert text.startswith("out of office: back ")
    assert "Auto-Submitted" in text
    assert "'je suis absent' (fr)" in text
    assert "date '14 decembre' after 'inclus'" in text


def test_a_reply_round_trips_through_dicts():
    """to_dict and from_dict give back the same reply, resume_at and findings included."""
    for name in ("ooo_en_prospect_zone", "bounce_dsn_511", "left_es_ya_no_trabaja"):
        reply = _read(name)
        data = orl.to_dict(reply)
        assert data["kind"] == reply.kind.value
        assert orl.from_dict(orl.Reply, data) == reply


def test_bad_arguments_are_named():
    """A naive time, a wrong message type, a bad prospect or a bad option names its field."""
    raw = (CORPUS / "human_thanks_only.eml").read_bytes()
    with pytest.raises(TypeError, match="received_at"):
        orl.read_reply(raw, received_at=datetime(2026, 12, 2, 10))
    with pytest.raises(TypeError, match="message"):
        orl.read_reply(42, received_at=AT)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="prospect"):
        orl.read_reply(raw, received_at=AT, prospect="anna")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"own_addresses\[0\]"):
        orl.read_reply(raw, received_at=AT, own_addresses=[3])  # type: ignore[list-item]
    reply = orl.read_reply(raw, received_at=AT)
    with pytest.raises(ValueError, match="hard_after"):
        reply.to_history(hard_after=0)
    with pytest.raises(TypeError, match="answers"):
        reply.to_history(answers="anna@example.com")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"history\[0\]"):
        reply.to_history(["not an item"])  # type: ignore[list-item]


def test_a_parsed_message_reads_like_its_raw_text():
    """An email.message.Message reads as the bytes it was parsed from."""
    import email
    import email.policy

    raw = (CORPUS / "ooo_it_fino_al.eml").read_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert orl.read_reply(parsed, received_at=AT) == orl.read_reply(raw, received_at=AT)
    assert orl.read_reply(raw.decode(), received_at=AT) == orl.read_reply(raw, received_at=AT)
