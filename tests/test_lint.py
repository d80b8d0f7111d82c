"""The script lint flags missing contact info, long voicemails, needless asks and pitches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach_rules.actions import Purpose, Script
from outreach_rules.channels import ADDRESS_CHANNELS, WRITTEN_CHANNELS, Channel, traits
from outreach_rules.lint import CODES, PITCH_WORDS, SPAM_WORDS, Finding, lint
from outreach_rules.prospects import Sender

SENDER = Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
CONTACT = "Reach me at +1 212 555 0199 or sam@example.com."
APOLOGY = (
    "Dear Ada, I'm sorry I called at a bad time. Would a short talk be worth your while? "
    f"I will call you again on Friday. {CONTACT}"
)


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


def voicemail(text: str, *, purpose: str = "follow_up", **kwargs: object) -> list[str]:
    script = Script(opener="Hi Ada, it's Sam.", voicemail=text)
    return codes(lint(script, purpose=purpose, **kwargs))  # type: ignore[arg-type]


# missing-phone / missing-email


def test_voicemail_with_phone_and_email_is_clean():
    """A voicemail that gives a phone number and an e-mail address passes both contact checks."""
    assert voicemail(f"Hi, it's Sam. {CONTACT}") == []
    assert voicemail(f"Hi, it's Sam. {CONTACT}", sender=SENDER) == []


def test_voicemail_without_phone_is_flagged():
    """A voicemail with an e-mail address but no number is missing-phone, on the voicemail."""
    findings = lint(
        Script(opener="Hi", voicemail="Hi, it's Sam, write to sam@example.com."),
        purpose="follow_up",
    )
    assert codes(findings) == ["missing-phone"]
    assert findings[0].part == "voicemail"


def test_voicemail_without_email_is_flagged():
    """A voicemail with a number but no e-mail address is missing-email."""
    assert voicemail("Hi, it's Sam, call me at +12125550199.") == ["missing-email"]


def test_voicemail_without_any_contact_is_flagged_twice():
    """A voicemail with neither is flagged for both, phone first."""
    assert voicemail("Hi, it's Sam. Talk soon.") == ["missing-phone", "missing-email"]


def test_short_numbers_do_not_count_as_phones():
    """A date or a small number is not a phone number."""
    assert voicemail("See you on Friday 27 November 2026, sam@example.com.") == ["missing-phone"]


@pytest.mark.parametrize(
    "written",
    ["+12125550199", "+1 212 555 0199", "+1 (212) 555-0199", "1-212-555-0199", "(212) 555.0199"],
)
def test_sender_phone_is_found_with_punctuation(written):
    """The sender's number is recognised with spaces, dashes, dots, parentheses or national form."""
    assert voicemail(f"Hi, it's Sam: {written}, sam@example.com.", sender=SENDER) == []


def test_national_form_with_trunk_prefix_is_the_sender_phone():
    """A Swedish number written as 070-123 45 67 is +46701234567."""
    sender = Sender(name="Sam", phone="+46701234567", email="sam@example.se")
    assert voicemail("Ring 070-123 45 67 or sam@example.se.", sender=sender) == []


def test_someone_elses_contact_info_is_flagged_with_a_sender():
    """With a sender, another number or address does not count as theirs."""
    found = voicemail("Call +1 212 555 0100 or write to ann@example.com.", sender=SENDER)
    assert found == ["missing-phone", "missing-email"]


def test_sender_email_is_found_in_any_case_but_not_inside_another_address():
    """The sender's address matches case-insensitively, and not as part of a longer address."""
    assert voicemail("+12125550199, SAM@Example.com", sender=SENDER) == []
    assert voicemail("+12125550199, bigsam@example.com", sender=SENDER) == ["missing-email"]
    assert voicemail("+12125550199, sam@example.com.au", sender=SENDER) == ["missing-email"]


def test_written_channels_check_the_body_but_calls_do_not():
    """An e-mail, note or postcard body must leave contact info; a call's opener need not."""
    script = Script(opener="Hi Ada, thanks for today.", subject="Hello")
    assert codes(lint(script, purpose="send_info", channel=Channel.CALL)) == []
    for channel in ("email", Channel.NOTE, Channel.POSTCARD):
        findings = lint(script, purpose="send_info", channel=channel)
        assert [(f.code, f.part) for f in findings] == [
            ("missing-phone", "opener"),
            ("missing-email", "opener"),
        ]


def test_subject_needs_no_contact_info():
    """An e-mail subject is not checked for a phone or an address."""
    script = Script(opener=f"Hi Ada. {CONTACT}", subject="Following up")
    assert lint(script, purpose="send_info", channel="email") == ()


# voicemail-too-long


def test_voicemail_of_75_words_is_not_too_long():
    """At 150 words a minute and 30 seconds, a voicemail may hold 75 words."""
    text = CONTACT + " word" * (75 - len(CONTACT.split()))
    assert len(text.split()) == 75
    assert voicemail(text) == []


def test_voicemail_of_76_words_is_too_long_and_says_the_seconds():
    """76 words is about 30.4 seconds at 150 words a minute, and the message says so."""
    text = CONTACT + " word" * (76 - len(CONTACT.split()))
    findings = lint(Script(opener="Hi", voicemail=text), purpose="follow_up")
    assert codes(findings) == ["voicemail-too-long"]
    assert "30.4 seconds" in findings[0].message
    assert findings[0].part == "voicemail"


def test_voicemail_length_follows_the_options():
    """A slower speaker or a shorter limit makes the same voicemail too long."""
    text = CONTACT + " word" * 30
    assert voicemail(text) == []
    assert voicemail(text, words_per_minute=60) == ["voicemail-too-long"]
    assert voicemail(text, max_voicemail_seconds=10) == ["voicemail-too-long"]


def test_voicemail_channel_opener_is_a_voicemail():
    """A voicemail dropped as its own action is checked like a voicemail: contact and length."""
    script = Script(opener="Hi Ada, it's Sam." + " word" * 80)
    found = codes(lint(script, purpose="follow_up", channel=Channel.VOICEMAIL))
    assert found == ["missing-phone", "missing-email", "voicemail-too-long"]


@pytest.mark.parametrize(
    ("option", "value"),
    [("words_per_minute", 0), ("max_voicemail_seconds", -1), ("words_per_minute", True)],
)
def test_length_options_must_be_positive_integers(option, value):
    """A rate or a limit that is not a positive integer is refused, naming the option."""
    with pytest.raises((ValueError, TypeError), match=option):
        lint(Script(opener="Hi"), purpose="intro", **{option: value})


# needless-callback-request


@pytest.mark.parametrize(
    "ask",
    [
        "Call me back at +12125550199.",
        "Please give me a call on +12125550199.",
        "Ring me on +12125550199.",
        "Could you return my call? +12125550199.",
        "Do get back to me at +12125550199.",
        "Please CALL +12125550199.",
        "Feel free to call back on +12125550199.",
    ],
)
def test_birthday_voicemail_that_asks_for_a_callback_is_flagged(ask):
    """A birthday message needs no answer, so any callback request is flagged."""
    text = f"Happy birthday, Ada! {ask} Or sam@example.com."
    assert voicemail(text, purpose="birthday") == ["needless-callback-request"]


@pytest.mark.parametrize(
    "text",
    [
        "Happy birthday, Ada! No need to call back. I'm at +12125550199 or sam@example.com.",
        "Happy birthday! There's no need to call me back. +12125550199, sam@example.com.",
        "Happy birthday! You don't need to call me; +12125550199 and sam@example.com.",
        "Happy birthday! Don’t call me back, just enjoy it. +12125550199, sam@example.com.",
        "Happy birthday! Recall me fondly. +12125550199, sam@example.com.",
    ],
)
def test_saying_no_need_to_call_back_is_not_a_request(text):
    """A negated callback ("no need to call back", "don't call me") is not a request."""
    assert voicemail(text, purpose=Purpose.BIRTHDAY) == []


def test_a_negation_does_not_cover_a_later_clause():
    """'No need to call back, but please call me at …' still asks for a callback."""
    text = "No need to call back, but please call me at +12125550199 or sam@example.com."
    assert voicemail(text, purpose="birthday") == ["needless-callback-request"]


@pytest.mark.parametrize("purpose", ["drip", "check_in", "apology_note"])
def test_other_no_answer_purposes_flag_callback_requests_in_the_opener(purpose):
    """Postcards and apologies must not ask for a callback either; the finding is on the opener."""
    text = f"Hi Ada, I will call you again on Friday. Please call me back. {CONTACT}"
    findings = lint(Script(opener=text), purpose=purpose, channel="postcard")
    assert [(f.code, f.part) for f in findings] == [("needless-callback-request", "opener")]


@pytest.mark.parametrize("purpose", ["intro", "connection", "lunch_invite", "my_own_purpose"])
def test_purposes_that_need_an_answer_may_ask_for_a_callback(purpose):
    """A connection, a lunch invite or any other purpose may ask to be called back."""
    assert voicemail(f"Hi Ada, please call me back. {CONTACT}", purpose=purpose) == []


# pitch-in-apology and apology-without-day


def test_clean_apology_passes():
    """An apology with a question, the next call's weekday and contact info is clean."""
    assert lint(Script(opener=APOLOGY), purpose="apology_note", channel="note") == ()


def test_apology_with_pitch_words_is_flagged_listing_them():
    """A pitch word in an apology is flagged once per part, naming each word found."""
    script = Script(
        opener=APOLOGY + " PS: a special discount, this week only, discount!",
        subject="Sorry, and a free gift",
    )
    findings = lint(script, purpose="apology_note", channel="email")
    assert [(f.code, f.part) for f in findings] == [
        ("pitch-in-apology", "opener"),
        ("pitch-in-apology", "subject"),
        ("spam-words", "subject"),
    ]
    assert "'special', 'discount'" in findings[0].message
    assert "'free'" in findings[1].message


def test_pitch_words_match_whole_words_only():
    """'Freedom' or 'dealer' is not a pitch word: only whole words count."""
    text = APOLOGY + " Enjoy the freedom of the weekend, and say hi to the dealer."
    assert lint(Script(opener=text), purpose="apology_note", channel="note") == ()


def test_pitch_words_can_be_replaced():
    """A custom pitch list replaces the default one; an empty list turns the check off."""
    text = APOLOGY + " Our new widget is great."
    script = Script(opener=text)
    assert codes(lint(script, purpose="apology_note", channel="note", pitch_words=["widget"])) == [
        "pitch-in-apology"
    ]
    priced = Script(opener=APOLOGY + " Ask about our pricing.")
    assert codes(lint(priced, purpose="apology_note", channel="note")) == ["pitch-in-apology"]
    assert lint(priced, purpose="apology_note", channel="note", pitch_words=[]) == ()


def test_pitch_words_must_be_a_list_of_words():
    """A bare string is refused: it would be read letter by letter."""
    with pytest.raises(TypeError, match="pitch_words"):
        lint(Script(opener=APOLOGY), purpose="apology_note", pitch_words="offer")


def test_pitch_words_are_fine_outside_apologies():
    """Only apologies are checked for pitch words."""
    script = Script(opener=f"Our special offer! {CONTACT}")
    assert lint(script, purpose="drip", channel="postcard") == ()
    assert "offer" in PITCH_WORDS


def test_apology_without_a_weekday_is_flagged():
    """An apology that does not name the day of the next call is flagged on its opener."""
    text = f"Dear Ada, sorry I called at a bad time. I'll try again soon. {CONTACT}"
    findings = lint(Script(opener=text), purpose="apology_note", channel="note")
    assert [(f.code, f.part) for f in findings] == [("apology-without-day", "opener")]


def test_apology_weekday_is_matched_in_any_case():
    """'friday' or 'FRIDAY' names the day as well as 'Friday'."""
    for day in ("friday", "MONDAY", "Sunday"):
        text = f"Sorry for the timing. I will call you again on {day}. {CONTACT}"
        assert lint(Script(opener=text), purpose="apology_note", channel="email") == ()


def test_template_variant_is_linted_as_its_purpose():
    """A purpose with a variant ("apology_note:short") is checked as the part before the colon."""
    text = f"Sorry for the timing. {CONTACT}"
    found = codes(lint(Script(opener=text), purpose="apology_note:short", channel="note"))
    assert found == ["apology-without-day"]


# a plain string as the script


def test_a_plain_string_is_linted_as_the_opener():
    """lint("...") reads the text as the opener and finds what lint(Script(opener=...)) finds."""
    text = "Hi Ada, it's Sam. Any news on the project?"
    assert lint(text, purpose="intro", channel="email") == lint(
        Script(opener=text), purpose="intro", channel="email"
    )
    assert codes(lint(text, purpose="intro", channel="email")) == ["missing-phone", "missing-email"]
    assert lint(f"Hi Ada, it's Sam. {CONTACT}", purpose="intro", channel="email") == ()


# spam-words

INBOX_CHANNELS = sorted(WRITTEN_CHANNELS - ADDRESS_CHANNELS)
CLEAN_SMS = "Hi Ada, it's Sam Seller. Is Friday good for a call? Reply STOP to opt out"


def test_spam_words_is_the_last_code():
    """The new rule comes last in CODES, so existing findings keep their order."""
    assert CODES[-1] == "spam-words"


@pytest.mark.parametrize("channel", INBOX_CHANNELS)
def test_hype_words_in_an_inbox_message_are_flagged_naming_them(channel):
    """An e-mail, text or LinkedIn message with hype words gets a finding naming each word."""
    text = f"Hi Ada, it's Sam Seller. Act NOW: a guaranteed, risk-free trial! {CONTACT}"
    if channel is Channel.SMS:
        text += " Reply STOP to opt out"
    findings = [f for f in lint(text, purpose="intro", channel=channel) if f.code == "spam-words"]
    assert len(findings) == 1
    assert findings[0].part == "opener"
    assert "('act now', 'guaranteed', 'risk-free')" in findings[0].message
    assert traits(channel).label in findings[0].message


@pytest.mark.parametrize("channel", sorted(set(Channel) - set(INBOX_CHANNELS)))
def test_hype_words_are_not_this_rule_for_mail_and_calls(channel):
    """Mail and spoken words pass no spam filter: the rule stays out of them."""
    text = f"Act now: a guaranteed deal. {CONTACT}"
    assert "spam-words" not in codes(lint(text, purpose="intro", channel=channel))


def test_spam_words_in_the_subject_and_after_the_text_checks():
    """A subject is checked too; in a part, spam-words comes after the text-message findings."""
    script = Script(opener="Winner! Click here: bit.ly/x", subject="Urgent")
    found = [(f.part, f.code) for f in lint(script, purpose="intro", channel="sms")]
    assert found == [
        ("opener", "sms-without-opt-out"),
        ("opener", "url-shortener"),
        ("opener", "spam-words"),
        ("subject", "spam-words"),
    ]
    assert (
        [codes.index(c) for c in ("url-shortener", "spam-words")]
        == sorted(codes.index(c) for c in ("url-shortener", "spam-words"))
        if (codes := list(CODES))
        else True
    )


def test_spam_words_match_whole_words_and_can_be_replaced():
    """'Urgently' is not 'urgent'; spam_words replaces the list, and [] turns the rule off."""
    assert lint(CLEAN_SMS + " urgently", purpose="intro", channel="sms") == ()
    assert codes(lint(CLEAN_SMS, purpose="intro", channel="sms", spam_words=["friday"])) == [
        "spam-words"
    ]
    assert lint("Winner " + CLEAN_SMS, purpose="intro", channel="sms", spam_words=[]) == ()
    with pytest.raises(TypeError, match=r"^spam_words: expected a list"):
        lint(CLEAN_SMS, purpose="intro", channel="sms", spam_words="winner")
    assert "winner" in SPAM_WORDS


# Arguments and order


def test_findings_are_ordered_by_part_then_rule():
    """Findings come opener first, then voicemail, then subject; by rule within a part."""
    script = Script(
        opener="Sorry! Special offer, call me back.",
        voicemail="Sorry for the timing." + " word" * 80,
        subject="A discount",
    )
    findings = lint(script, purpose="apology_note", channel="email")
    assert [(f.part, f.code) for f in findings] == [
        ("opener", "missing-phone"),
        ("opener", "missing-email"),
        ("opener", "needless-callback-request"),
        ("opener", "pitch-in-apology"),
        ("opener", "apology-without-day"),
        ("voicemail", "missing-phone"),
        ("voicemail", "missing-email"),
        ("voicemail", "voicemail-too-long"),
        ("subject", "pitch-in-apology"),
    ]
    assert lint(script, purpose="apology_note", channel="email") == findings


def test_unknown_channel_is_refused_listing_the_valid_ones():
    """A channel that is not a Channel value is a ValueError that lists the valid values."""
    with pytest.raises(ValueError, match=r"channel: 'fax' is not one of: call, voicemail, email"):
        lint(Script(opener="Hi"), purpose="intro", channel="fax")


def test_bad_script_purpose_or_sender_is_refused():
    """A script that is neither a Script nor text, a blank one, an empty purpose or a non-Sender
    sender is refused."""
    with pytest.raises(TypeError, match=r"^script: expected an orl\.Script or a string"):
        lint(5, purpose="intro")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^script: is empty"):
        lint("  ", purpose="intro")
    with pytest.raises(ValueError, match="purpose"):
        lint(Script(opener="Hi"), purpose=" ")
    with pytest.raises(TypeError, match="sender"):
        lint(Script(opener="Hi"), purpose="intro", sender="Sam")  # type: ignore[arg-type]


def test_every_finding_message_is_one_sentence():
    """Each message is a single sentence ending with a full stop."""
    script = Script(opener="Sorry! Special offer, call me back.", voicemail=" word" * 80)
    for finding in lint(script, purpose="apology_note", channel="email"):
        assert finding.message.endswith(".")
        assert finding.code in CODES


non_blank = st.text().filter(lambda s: s.strip() != "")


@given(
    opener=non_blank,
    voicemail_text=st.none() | non_blank,
    subject=st.none() | non_blank,
    purpose=st.sampled_from([*Purpose, "apology_note:x", "custom"]),
    channel=st.sampled_from(list(Channel)),
    with_sender=st.booleans(),
)
def test_lint_never_raises_on_any_text(
    opener, voicemail_text, subject, purpose, channel, with_sender
):
    """Whatever the text in any part, lint returns findings whose codes are documented."""
    script = Script(opener=opener, voicemail=voicemail_text, subject=subject)
    findings = lint(
        script, purpose=purpose, channel=channel, sender=SENDER if with_sender else None
    )
    assert isinstance(findings, tuple)
    assert all(isinstance(f, Finding) and f.code in CODES for f in findings)
    assert all(f.part in {"opener", "voicemail", "subject"} for f in findings)
