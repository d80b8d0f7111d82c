"""The channel table, texts and LinkedIn: what each channel needs and how the engine treats it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import channels as ch
from outreach_rules.cadences import Cadence
from outreach_rules.lint import sms_segments
from outreach_rules.policies.texts import TextAfterCalls
from outreach_rules.scripts import default_templates
from outreach_rules.simulation.costs import Costs
from outreach_rules.simulation.field_model import FieldModel

NY = ZoneInfo("America/New_York")
ME = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
MOBILE = orl.Phone(number="+12125550100", kind="mobile")
DIRECT = orl.Phone(number="+12125550111", kind="direct")
SOURCE = Path(orl.__file__).parent


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=NY)


def ada(**fields: object) -> orl.Prospect:
    values: dict[str, object] = {
        "id": "ada",
        "name": "Ada Lovelace",
        "timezone": "America/New_York",
        "country": "US",
        "region": "NY",
        "phones": (MOBILE,),
    }
    values.update(fields)
    return orl.Prospect(**values)  # type: ignore[arg-type]


def unanswered(*days: int, to: str = MOBILE.number) -> list[orl.Attempt]:
    return [orl.Attempt(at=at(d, 10), channel="call", outcome="no_answer", to=to) for d in days]


TEXTING = orl.playbooks.cold_calling(sender=ME, texts=True)


def one_step(channel: str) -> Cadence:
    """A cadence of one step on ``channel``, due at once."""
    return orl.cadences.loads(f'name = "one"\n[[steps]]\nid = "only"\nchannel = "{channel}"\n')


# -- the table ----------------------------------------------------------------------------------


def test_every_channel_has_a_row_with_outcomes_and_labels():
    """Each channel has traits naming it, at least one outcome and its words."""
    for channel in orl.Channel:
        known = ch.traits(channel)
        assert known.channel is channel
        assert known.outcomes
        assert known.label
        assert known.title
        assert known.plural


def test_an_unknown_channel_is_an_error_naming_it():
    """Asking the table about a channel it does not know raises, naming the value."""
    with pytest.raises(KeyError, match="fax"):
        ch.traits("fax")  # type: ignore[arg-type]


def test_the_channel_sets_come_from_the_table():
    """Phone, written and postal channels are the table's answers, texts among the written."""
    assert {orl.Channel.CALL, orl.Channel.VOICEMAIL} == ch.PHONE_CHANNELS
    assert orl.Channel.SMS in ch.WRITTEN_CHANNELS
    assert orl.Channel.LINKEDIN in ch.WRITTEN_CHANNELS
    assert {orl.Channel.POSTCARD, orl.Channel.NOTE} == ch.ADDRESS_CHANNELS
    assert ch.kindred(orl.Channel.VOICEMAIL) == ch.PHONE_CHANNELS
    assert ch.kindred(orl.Channel.SMS) == {orl.Channel.SMS}


# Two channel members side by side in a literal (a set, a tuple, a dict's keys) is a
# second copy of a channel set: only the table may enumerate them.
_TWO_MEMBERS = re.compile(r"Channel\.[A-Z_]+\s*(?::\s*[^,\n]+)?,\s*Channel\.[A-Z_]+")


# The table itself, and the simulation's table of how each channel is answered.
_TABLES = {"channels.py", "outcomes.py", "simulation/field_model.py"}


def test_no_module_but_the_table_lists_channels():
    """Outside the channel table (and the simulation's answers) no file spells out channels."""
    offenders = [
        name
        for path in SOURCE.rglob("*.py")
        if (name := path.relative_to(SOURCE).as_posix()) not in _TABLES
        and _TWO_MEMBERS.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize("outcome", ["sent", "bounced", "interested", "do_not_contact"])
def test_a_text_takes_the_written_outcomes(outcome):
    """A text can be sent, bounce, or bring back the prospect's answer."""
    orl.Attempt(at=at(23, 10), channel="sms", outcome=outcome, to=MOBILE.number)


@pytest.mark.parametrize(("channel", "outcome"), [("sms", "hung_up"), ("linkedin", "bounced")])
def test_outcomes_that_do_not_fit_the_channel_are_refused(channel, outcome):
    """A text cannot be hung up on; a LinkedIn message does not bounce."""
    with pytest.raises(ValueError, match=outcome):
        orl.Attempt(at=at(23, 10), channel=channel, outcome=outcome)


# -- texts --------------------------------------------------------------------------------------


def test_a_text_follows_the_second_unanswered_call_when_the_playbook_sends_texts():
    """With texts on, two calls that rang out bring one short text to the mobile, signed."""
    plan = orl.plan(ada(), unanswered(23, 24), now=at(24, 10, 1), playbook=TEXTING)
    (text,) = [a for a in plan.actions if a.channel is orl.Channel.SMS]
    assert text.to == MOBILE.number
    assert text.policy == "text_after_calls"
    assert text.due == at(24, 10, 10)
    assert text.script is not None
    assert "Sam Seller" in text.script.opener
    assert "Reply STOP to opt out" in text.script.opener
    assert any(a.channel is orl.Channel.CALL for a in plan.actions)


def test_no_text_by_default():
    """The default cold-calling playbook sends no texts."""
    playbook = orl.playbooks.cold_calling(sender=ME)
    plan = orl.plan(ada(), unanswered(23, 24), now=at(24, 10, 1), playbook=playbook)
    assert all(a.channel is not orl.Channel.SMS for a in plan.actions)


def test_one_text_per_run_of_unanswered_calls():
    """After the first or the third unanswered call, and once the text is sent, no text."""
    for days in ((23,), (23, 24, 25)):
        plan = orl.plan(ada(), unanswered(*days), now=at(days[-1], 10, 1), playbook=TEXTING)
        assert all(a.channel is not orl.Channel.SMS for a in plan.actions)
    sent = orl.Attempt(at=at(24, 10, 10), channel="sms", outcome="sent", to=MOBILE.number)
    plan = orl.plan(ada(), [*unanswered(23, 24), sent], now=at(24, 11), playbook=TEXTING)
    assert all(a.channel is not orl.Channel.SMS for a in plan.actions)


@pytest.mark.parametrize(
    "phone",
    [
        DIRECT,
        orl.Phone(number="+12125550122", kind="switchboard"),
        orl.Phone(number="+12125550133", kind="home"),
        orl.Phone(number="+12125550100", kind="mobile", textable=False),
    ],
)
def test_a_text_goes_to_a_mobile_only(phone):
    """No text to a direct line, a switchboard, a home line, or a mobile marked untextable."""
    plan = orl.plan(
        ada(phones=(phone,)), unanswered(23, 24, to=phone.number), now=at(24, 10, 1),
        playbook=TEXTING,
    )  # fmt: skip
    assert all(a.channel is not orl.Channel.SMS for a in plan.actions)


def test_a_number_the_caller_marks_textable_takes_a_text():
    """A number of another kind takes texts when the caller says it does."""
    other = orl.Phone(number="+12125550144", kind="other", textable=True)
    plan = orl.plan(
        ada(phones=(other,)), unanswered(23, 24, to=other.number), now=at(24, 10, 1),
        playbook=TEXTING,
    )  # fmt: skip
    assert [a.to for a in plan.actions if a.channel is orl.Channel.SMS] == [other.number]


def test_stop_is_an_opt_out_of_texts_only():
    """A STOP reply ends the texts at once and leaves the calls to go on."""
    stop = orl.read_text("STOP", at=at(24, 10, 5))
    assert (stop.kind, stop.channel) == (orl.EventKind.OPT_OUT, orl.Channel.SMS)
    plan = orl.plan(ada(), [*unanswered(23, 24), stop], now=at(24, 10, 6), playbook=TEXTING)
    assert all(a.channel is not orl.Channel.SMS for a in plan.actions)
    assert any(a.channel is orl.Channel.CALL for a in plan.actions)
    assert plan.halted is None


@pytest.mark.parametrize("body", ["STOP", "stop.", " Unsubscribe ", "ARRÊT", "opt out", "Quit"])
def test_stop_words_opt_out(body):
    """The stop words, in any case, with accents or punctuation, are an opt-out."""
    assert orl.read_text(body, at=at(24, 10)).kind is orl.EventKind.OPT_OUT


@pytest.mark.parametrize("body", ["HELP", "help!", "stop by tomorrow at 3", "yes, call me"])
def test_help_and_sentences_are_replies(body):
    """HELP is not an opt-out, nor is a sentence that starts with "stop"."""
    event = orl.read_text(body, at=at(24, 10))
    assert (event.kind, event.channel) == (orl.EventKind.REPLY, orl.Channel.SMS)


@given(st.text(max_size=300))
def test_reading_any_text_gives_an_event(body):
    """Any text reply reads as an opt-out or a reply on the text channel, never an error."""
    event = orl.read_text(body, at=at(24, 10))
    assert event.channel is orl.Channel.SMS
    assert event.kind in {orl.EventKind.OPT_OUT, orl.EventKind.REPLY}


def test_a_text_keeps_the_lawful_hours_where_no_country_is_known():
    """A text due at 22:00 for a prospect of no country waits for the morning, business hours."""
    late = [orl.Attempt(at=at(23, 21, 50) + timedelta(days=d), channel="call",
                        outcome="no_answer", to=MOBILE.number) for d in (0, 1)]  # fmt: skip
    plan = orl.plan(ada(country=None, region=None), late, now=at(24, 21, 55), playbook=TEXTING)
    (text,) = [a for a in plan.actions if a.channel is orl.Channel.SMS]
    assert text.due == at(25, 9)


# -- opt-outs that reach every action using the channel -----------------------------------------


def test_an_opt_out_of_voicemail_takes_the_voicemail_off_a_call():
    """After an opt-out of voicemail, a call that would leave one is made without it."""
    calls = unanswered(16, 17, 19, 23)
    opt_out = orl.Event(at=at(20, 9), kind="opt_out", channel="voicemail")
    plan = orl.plan(ada(), [*calls, opt_out], now=at(23, 11),
                    playbook=orl.playbooks.cold_calling(sender=ME))  # fmt: skip
    (call,) = [a for a in plan.actions if a.channel is orl.Channel.CALL]
    assert call.leave_voicemail is False
    assert call.script is None or call.script.voicemail is None
    assert any("no voicemail" in reason for reason in call.reasons)
    without = orl.plan(ada(), calls, now=at(23, 11), playbook=orl.playbooks.cold_calling(sender=ME))
    assert [a.leave_voicemail for a in without.actions if a.channel is orl.Channel.CALL] == [True]


def test_an_opt_out_of_calls_stops_voicemail_drops():
    """A ringless voicemail is a call: an opt-out of calls stops the drops too."""
    cadence = one_step("voicemail")
    opt_out = orl.Event(at=at(20, 9), kind="opt_out", channel="call")
    plan = orl.plan(ada(), [opt_out], now=at(23, 11), playbook=cadence.to_playbook(sender=ME))
    assert all(a.channel is not orl.Channel.VOICEMAIL for a in plan.actions)
    assert any(a.channel is orl.Channel.VOICEMAIL for a in plan.vetoed)


# -- LinkedIn -----------------------------------------------------------------------------------

PROFILE = "https://www.linkedin.com/in/ada-lovelace"
LINKEDIN_FIRST = one_step("linkedin")


def test_a_linkedin_step_goes_to_the_profile_in_business_hours():
    """A LinkedIn step is planned to the profile, inside business hours, with a draft."""
    plan = orl.plan(ada(linkedin=PROFILE), [], now=at(23, 7),
                    playbook=LINKEDIN_FIRST.to_playbook(sender=ME))  # fmt: skip
    (step,) = plan.actions
    assert (step.channel, step.to, step.due) == (orl.Channel.LINKEDIN, PROFILE, at(23, 9))
    assert ch.traits(step.channel).by_hand


def test_a_linkedin_step_without_a_profile_is_skipped_with_a_reason():
    """Without a profile URL the step is not planned, and the plan says why."""
    plan = orl.plan(ada(), [], now=at(23, 7), playbook=LINKEDIN_FIRST.to_playbook(sender=ME))
    assert all(a.channel is not orl.Channel.LINKEDIN for a in plan.actions)
    assert "LinkedIn profile" in plan.explain()


@pytest.mark.parametrize(
    "url",
    ["http://www.linkedin.com/in/ada", "https://example.com/in/ada", "linkedin.com/in/ada", ""],
)
def test_a_profile_must_be_a_linkedin_url(url):
    """Prospect.linkedin refuses anything but an https LinkedIn profile URL, naming the field."""
    with pytest.raises(ValueError, match="linkedin"):
        ada(linkedin=url)


def test_an_accepted_request_is_an_outcome_of_linkedin():
    """A connection request accepted is CONNECTED on LinkedIn."""
    attempt = orl.Attempt(at=at(23, 10), channel="linkedin", outcome="connected", to=PROFILE)
    assert orl.from_dict(orl.Attempt, orl.to_dict(attempt)) == attempt


# -- simulation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", list(orl.Channel))
def test_the_simulation_answers_and_prices_every_channel(channel):
    """The field model answers a touch on every channel and the costs price it."""
    import random

    action = orl.Action(
        channel=channel, purpose="follow_up", earliest=at(23, 10), latest=at(23, 11),
        reasons=("test",), policy="test", to="x",
    )  # fmt: skip
    response = FieldModel().respond(
        prospect=ada(), action=action, history=(), at=at(23, 10), rng=random.Random(1)
    )
    assert response.outcome in ch.valid_outcomes(channel)
    assert Costs().of(channel, response.outcome) >= 0


def test_text_after_calls_counts_from_one():
    """TextAfterCalls refuses to wait for fewer than one call."""
    with pytest.raises(ValueError, match="after"):
        TextAfterCalls(after=0)


# -- the words of a text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "segments", "encoding"),
    [
        ("", 0, "GSM-7"),
        ("a" * 160, 1, "GSM-7"),
        ("a" * 161, 2, "GSM-7"),
        ("a" * 306, 2, "GSM-7"),
        ("a" * 307, 3, "GSM-7"),
        ("€" * 80, 1, "GSM-7"),
        ("€" * 81, 2, "GSM-7"),
        ("ą" * 70, 1, "UCS-2"),
        ("ą" * 71, 2, "UCS-2"),
        ("😀" * 35, 1, "UCS-2"),
    ],
)
def test_segments_count_gsm_septets_and_ucs2_units(text, segments, encoding):
    """A text's segments: 160/153 GSM-7 septets (extension characters two), 70/67 UCS-2 units."""
    assert sms_segments(text) == (segments, encoding)


def test_every_built_in_text_lints_clean():
    """Each built-in text, filled, names the sender, says how to stop and fits two segments."""
    values = {
        "prospect_name": "Bartholomew", "prospect_full_name": "Bartholomew Lee",
        "sender_name": "Maximiliana Featherstonehaugh", "sender_phone": "+12125550199",
        "sender_email": "maximiliana@example.com", "company": "Example Co", "city": "Springfield",
        "weekday": "Wednesday", "day": "Wednesday 25 November", "offering": "the new planner",
    }  # fmt: skip
    sender = orl.Sender(name="Maximiliana Featherstonehaugh", phone="+12125550199")
    texts = [(p, pair) for (p, c), pair in default_templates().items() if c is orl.Channel.SMS]
    assert texts
    for purpose, pair in texts:
        script = pair.fill(values)
        assert orl.lint(script, purpose=purpose, channel="sms", sender=sender) == ()


@pytest.mark.parametrize(
    ("opener", "code"),
    [
        (
            "Hi Ada, it's Sam Seller. " + "A word about your week. " * 12 + "Reply STOP",
            "sms-too-long",
        ),
        ("Hi Ada, when suits you for a call? Reply STOP to opt out.", "sms-without-sender"),
        ("Hi Ada, it's Sam Seller. When suits you for a call?", "sms-without-opt-out"),
        ("Hi Ada, it's Sam Seller: https://bit.ly/3xYz. Reply STOP to opt out", "url-shortener"),
    ],
)
def test_a_text_that_breaks_a_rule_is_flagged(opener, code):
    """Too long, no sender, no way to stop, a shortened link: each is one finding."""
    findings = orl.lint(orl.Script(opener=opener), purpose="follow_up", channel="sms", sender=ME)
    assert [f.code for f in findings] == [code]


def test_the_contact_points_guard_refuses_a_text_to_a_line_that_takes_none():
    """Whatever a policy proposes, a text to a direct line or an unknown number is vetoed."""
    from outreach_rules.guards.contact_points import contact_points
    from outreach_rules.situation import Situation

    prospect = ada(phones=(DIRECT, MOBILE))
    situation = Situation(prospect, [], now=at(23, 10), playbook=TEXTING)
    for to, allowed in ((DIRECT.number, False), ("+12125550999", False), (MOBILE.number, True)):
        action = orl.Action(
            channel="sms", purpose="follow_up", earliest=at(23, 10), latest=at(23, 11),
            reasons=("test",), policy="test", to=to,
        )  # fmt: skip
        result = contact_points(action, situation=situation, planned=())
        assert (result is action) is allowed, (to, result)


def test_a_connection_request_on_linkedin_is_accepted_there_and_answered_by_a_call():
    """They asked to connect on LinkedIn: accept it there with a thank-you, and call them."""
    request = orl.Event(at=at(23, 10), kind="connection_request", channel="linkedin")
    prospect = ada(linkedin=PROFILE)
    playbook = orl.playbooks.keep_in_touch(sender=ME)
    plan = orl.plan(prospect, [request], now=at(23, 11), playbook=playbook)
    assert {(a.channel, a.purpose) for a in plan.actions} == {
        (orl.Channel.LINKEDIN, orl.Purpose.CONNECTION),
        (orl.Channel.CALL, orl.Purpose.CONNECTION),
    }
    accepted = orl.Attempt(at=at(23, 11), channel="linkedin", outcome="sent", to=PROFILE)
    later = orl.plan(prospect, [request, accepted], now=at(23, 12), playbook=playbook)
    assert [a.channel for a in later.actions] == [orl.Channel.CALL]


def test_the_field_model_accepts_a_linkedin_request_once():
    """With certain acceptance, the first request is accepted and a later message is only sent."""
    import random

    model = FieldModel(linkedin_accept=1.0, linkedin_reply=0.0)
    action = orl.Action(
        channel="linkedin", purpose="connection", earliest=at(23, 10), latest=at(23, 11),
        reasons=("test",), policy="test", to=PROFILE,
    )  # fmt: skip
    first = model.respond(
        prospect=ada(linkedin=PROFILE), action=action, history=(), at=at(23, 10),
        rng=random.Random(1),
    )  # fmt: skip
    assert first.outcome is orl.Outcome.CONNECTED
    accepted = orl.Attempt(at=at(23, 10), channel="linkedin", outcome="connected", to=PROFILE)
    again = model.respond(
        prospect=ada(linkedin=PROFILE), action=action, history=(accepted,), at=at(24, 10),
        rng=random.Random(1),
    )  # fmt: skip
    assert again.outcome is orl.Outcome.SENT
