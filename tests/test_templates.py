"""The built-in template library: every key present, safe placeholders, lint-clean words."""

from __future__ import annotations

import re

import pytest

from outreach_rules.actions import Script
from outreach_rules.channels import Channel
from outreach_rules.lint import lint
from outreach_rules.prospects import Sender
from outreach_rules.scripts import TemplatePair, default_templates

SENDER = Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
VALUES = {
    "prospect_name": "Ada",
    "prospect_full_name": "Ada Lovelace",
    "company": "Example Co",
    "city": "Uppsala",
    "sender_name": "Sam Seller",
    "sender_phone": "+12125550199",
    "sender_email": "sam@example.com",
    "sender_company": "Acme",
    "weekday": "Friday",
    "day": "Friday 27 November",
    "offering": "Payroll Cloud",
    "topics": "payroll",
}
KEYS = [
    ("intro", Channel.CALL),
    ("follow_up", Channel.CALL),
    ("follow_up:voicemail_last_resort", Channel.CALL),
    ("callback", Channel.CALL),
    ("reconnect", Channel.CALL),
    ("send_info", Channel.EMAIL),
    ("follow_up:after_info", Channel.CALL),
    ("apology_note", Channel.NOTE),
    ("apology_note", Channel.EMAIL),
    ("follow_up:after_note", Channel.CALL),
    ("ask_gatekeeper", Channel.CALL),
    ("birthday", Channel.CALL),
    ("connection", Channel.CALL),
    ("lunch_invite", Channel.CALL),
    ("re_engage", Channel.CALL),
    ("re_engage:offering", Channel.CALL),
    ("re_engage:leadership", Channel.CALL),
    ("letter", Channel.NOTE),
    ("drip", Channel.POSTCARD),
    ("check_in", Channel.POSTCARD),
]
# Always available: who is called and who calls, and how to reach the sender.
BASE_NAMES = frozenset(
    {"prospect_name", "prospect_full_name", "sender_name", "sender_phone", "sender_email"}
)
# Values only some moments have; a template may use them only under its own key.
EXTRA_NAMES = {
    ("apology_note", Channel.NOTE): {"weekday"},
    ("apology_note", Channel.EMAIL): {"weekday"},
    ("follow_up:after_note", Channel.CALL): {"weekday", "day"},
    ("lunch_invite", Channel.CALL): {"city", "day"},
    ("re_engage:offering", Channel.CALL): {"offering"},
}
TEMPLATES = default_templates()
ITEMS = sorted(TEMPLATES.items(), key=lambda item: (str(item[0][0]), item[0][1].value))
IDS = [f"{purpose}-{channel.value}" for (purpose, channel), _ in ITEMS]


def parts(pair: TemplatePair) -> list[tuple[str, str]]:
    return [
        (name, template.text)
        for name, template in (
            ("opener", pair.opener),
            ("voicemail", pair.voicemail),
            ("subject", pair.subject),
        )
        if template is not None
    ]


def filled(key: tuple[str, Channel]) -> Script:
    return TEMPLATES[key].fill(VALUES, where=f"{key[0]} {key[1].value}")


def test_every_documented_key_exists():
    """The library holds a template for every (purpose, channel) the policies ask for."""
    assert set(KEYS) <= set(TEMPLATES)


def test_default_templates_returns_a_fresh_copy():
    """Changing the returned dict does not change the built-in library."""
    mine = default_templates()
    mine.clear()
    assert set(KEYS) <= set(default_templates())


@pytest.mark.parametrize(("key", "pair"), ITEMS, ids=IDS)
def test_templates_use_only_allowed_placeholders(key, pair):
    """A template uses the base names plus only the extras its own key allows."""
    allowed = BASE_NAMES | EXTRA_NAMES.get(key, set())
    for part, template in (("opener", pair.opener), ("voicemail", pair.voicemail)):
        if template is not None:
            assert template.names <= allowed, (key, part, template.names - allowed)
    if pair.subject is not None:
        assert pair.subject.names <= allowed, key


@pytest.mark.parametrize(("key", "pair"), ITEMS, ids=IDS)
def test_templates_lint_clean_with_their_purpose_and_channel(key, pair):
    """Filled with sample values, each template passes lint, with and without a sender."""
    purpose, channel = key
    script = pair.fill(VALUES)
    assert lint(script, purpose=purpose, channel=channel, sender=SENDER) == ()
    assert lint(script, purpose=purpose, channel=channel) == ()


@pytest.mark.parametrize(("key", "pair"), ITEMS, ids=IDS)
def test_contact_texts_leave_phone_and_email(key, pair):
    """Every voicemail and every written text holds both {sender_phone} and {sender_email}."""
    _, channel = key
    leaving = [pair.voicemail]
    if channel in (Channel.EMAIL, Channel.NOTE, Channel.POSTCARD):
        leaving.append(pair.opener)
    for template in leaving:
        if template is not None:
            assert {"sender_phone", "sender_email"} <= template.names, key


@pytest.mark.parametrize(("key", "pair"), ITEMS, ids=IDS)
def test_voicemails_are_at_most_75_words(key, pair):
    """A filled voicemail is short enough to say in 30 seconds at 150 words a minute."""
    script = pair.fill(VALUES)
    if script.voicemail is not None:
        assert len(script.voicemail.split()) <= 75, key


@pytest.mark.parametrize(("key", "pair"), ITEMS, ids=IDS)
def test_only_emails_have_a_subject(key, pair):
    """E-mail templates have a subject line; calls, notes and postcards have none."""
    _, channel = key
    assert (pair.subject is not None) == (channel is Channel.EMAIL), key


@pytest.mark.parametrize("channel", [Channel.NOTE, Channel.EMAIL])
def test_apology_asks_one_question_and_names_the_next_call(channel):
    """The apology asks its purpose as a question and says 'I will call you again on {weekday}.'"""
    pair = TEMPLATES[("apology_note", channel)]
    assert "I will call you again on {weekday}." in pair.opener.text
    assert "?" in pair.opener.text
    assert "sorry" in pair.opener.text.lower()
    assert "I will call you again on Friday." in filled(("apology_note", channel)).opener


def test_call_after_the_note_refers_to_the_note():
    """Both what to say and what to leave mention the note sent before."""
    script = filled(("follow_up:after_note", Channel.CALL))
    assert "I sent you a short note" in script.opener
    assert script.voicemail is not None
    assert "note" in script.voicemail


def test_last_resort_voicemail_asks_for_help_not_a_sale():
    """The last-resort voicemail asks for help finding the right person, with name and number."""
    script = filled(("follow_up:voicemail_last_resort", Channel.CALL))
    assert script.voicemail is not None
    assert "help" in script.voicemail
    assert "right person" in script.voicemail
    assert "Sam Seller" in script.voicemail
    assert "+12125550199" in script.voicemail
    assert "sam@example.com" in script.voicemail


def test_gatekeeper_call_offers_options_and_leaves_no_voicemail():
    """The receptionist is asked about lunch, meetings and vacation, a cell number or paging."""
    pair = TEMPLATES[("ask_gatekeeper", Channel.CALL)]
    assert pair.voicemail is None
    opener = filled(("ask_gatekeeper", Channel.CALL)).opener
    assert "Ada Lovelace" in opener
    for word in ("lunch", "meeting", "vacation", "cell", "page"):
        assert word in opener, word


def test_birthday_voicemail_says_no_need_to_call_back():
    """The birthday message says explicitly that no callback is needed."""
    script = filled(("birthday", Channel.CALL))
    assert script.voicemail is not None
    assert "no need to call back" in script.voicemail.lower()
    assert "birthday" in script.opener


@pytest.mark.parametrize("purpose", ["connection", "lunch_invite"])
def test_connection_and_lunch_voicemails_ask_for_a_callback(purpose):
    """A connection or lunch invite needs an answer, so its voicemail asks for a call back."""
    script = filled((purpose, Channel.CALL))
    assert script.voicemail is not None
    assert "call me back" in script.voicemail


def test_lunch_invite_names_city_and_day():
    """The invite says where and when the sender will be."""
    script = filled(("lunch_invite", Channel.CALL))
    assert "I'll be in Uppsala on Friday 27 November" in script.opener
    assert script.voicemail is not None
    assert "Uppsala" in script.voicemail


def test_only_the_offering_variant_names_the_offering():
    """Re-engagement mentions {offering} only in its offering variant."""
    assert "offering" in TEMPLATES[("re_engage:offering", Channel.CALL)].opener.names
    for key, pair in TEMPLATES.items():
        if key != ("re_engage:offering", Channel.CALL):
            assert all("{offering}" not in text for _, text in parts(pair)), key


def test_leadership_variant_mentions_the_change():
    """The re-engagement after a leadership change says why the sender calls now."""
    script = filled(("re_engage:leadership", Channel.CALL))
    assert "leadership" in script.opener
    assert script.voicemail is not None
    assert "leadership" in script.voicemail


@pytest.mark.parametrize(("key", "sentences"), [(("drip", Channel.POSTCARD), 2)])
def test_drip_postcard_is_one_or_two_sentences(key, sentences):
    """The monthly postcard says one or two sentences before the signature."""
    text = filled(key).opener.removesuffix(" Sam Seller")
    # Addresses and numbers hold dots too: count sentence ends followed by a space or the end.
    assert len(re.findall(r"[.!?](?:\s|$)", text)) <= sentences


def test_check_in_postcard_asks_how_they_are_and_offers_help():
    """The three-month postcard asks how they are and whether they need help."""
    text = filled(("check_in", Channel.POSTCARD)).opener
    assert "how are you" in text.lower()
    assert "help" in text
