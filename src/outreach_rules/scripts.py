"""The words to use: templates per purpose and channel, filled safely.

A template is plain text with named placeholders such as
``{prospect_name}``. Filling never evaluates anything: a placeholder is a
bare name, looked up in a mapping of strings; attribute access
(``{x.y}``), indexing (``{x[0]}``), conversions and format specs are
refused when the template is made, and a missing value is an error that
lists every missing name.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

import attrs

from outreach_rules import _validate as v
from outreach_rules.actions import Purpose, Script
from outreach_rules.channels import Channel

__all__ = ["MissingValues", "Template", "TemplatePair", "default_templates", "fill"]

_PARSER = string.Formatter()


class MissingValues(ValueError):
    """A template needs values that were not given."""

    def __init__(self, missing: tuple[str, ...], where: str) -> None:
        self.missing = missing
        names = ", ".join("{" + m + "}" for m in missing)
        super().__init__(f"{where}: no value for {names}")


def _parse(text: str, field: str) -> tuple[tuple[str, str | None], ...]:
    """Split ``text`` into (literal, placeholder) parts, refusing anything but bare names."""
    try:
        parts = list(_PARSER.parse(text))
    except ValueError as exc:
        raise v.field_error(ValueError, field, f"{text!r} is not a valid template: {exc}") from None
    out: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in parts:
        if name is not None and (not name.isidentifier() or spec or conversion):
            shown = "{" + name + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            raise v.field_error(
                ValueError,
                field,
                f"placeholder {shown} is not allowed: use a bare name such as {{prospect_name}}",
            )
        out.append((literal, name))
    return tuple(out)


@attrs.frozen(kw_only=True)
class Template:
    """A piece of text with named placeholders, checked when made."""

    text: str = attrs.field(validator=v.is_name)
    _parts: tuple[tuple[str, str | None], ...] = attrs.field(init=False, eq=False, repr=False)
    _names: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_parts", _parse(self.text, "text"))
        object.__setattr__(
            self, "_names", tuple(sorted({n for _, n in self._parts if n is not None}))
        )

    @property
    def names(self) -> frozenset[str]:
        """The placeholder names the template uses."""
        return frozenset(self._names)

    def fill(self, values: Mapping[str, str | None], *, where: str = "template") -> str:
        """Return the text with every placeholder filled; ``MissingValues`` names any missing."""
        missing = tuple(n for n in self._names if values.get(n) is None)
        if missing:
            raise MissingValues(missing, where)
        return "".join(
            literal + (str(values[name]) if name is not None else "")
            for literal, name in self._parts
        )


def _template(value: Template | str) -> Template:
    return value if isinstance(value, Template) else Template(text=value)


def _optional_template(value: Template | str | None) -> Template | None:
    return None if value is None else _template(value)


@attrs.frozen(kw_only=True)
class TemplatePair:
    """What to say (or write) and what to leave if nobody answers."""

    opener: Template = attrs.field(converter=_template)
    voicemail: Template | None = attrs.field(default=None, converter=_optional_template)
    subject: Template | None = attrs.field(default=None, converter=_optional_template)

    def fill(self, values: Mapping[str, str | None], *, where: str = "script") -> Script:
        """Return a filled ``Script``."""
        opener = self.opener.fill(values, where=f"{where}.opener")
        voicemail = (
            None
            if self.voicemail is None
            else self.voicemail.fill(values, where=f"{where}.voicemail")
        )
        subject = (
            None if self.subject is None else self.subject.fill(values, where=f"{where}.subject")
        )
        if not (opener.strip() and (voicemail is None or voicemail.strip())) or (
            subject is not None and not subject.strip()
        ):
            # Blank once filled: the validating constructor says which part.
            return Script(opener=opener, voicemail=voicemail, subject=subject)
        # Filled from checked templates with text values: a script by construction.
        script = _new_script(Script)
        _set_opener(script, opener)
        _set_voicemail(script, voicemail)
        _set_subject(script, subject)
        return script


_set_opener, _set_voicemail, _set_subject = v.slot_setters(Script)
_new_script = object.__new__


def fill(text: str, values: Mapping[str, str | None]) -> str:
    """Fill one template string safely (see the module docstring)."""
    return Template(text=text).fill(values)


# The built-in words, per (purpose, channel). A key's purpose may carry a
# variant after a colon ("follow_up:after_note") for a more specific moment
# of the same purpose. Every template uses only the prospect's and the
# sender's names and the sender's phone and e-mail, plus, where the moment
# needs it and the policy supplies it: {weekday} (apology notes), {city}
# and {day} (lunch invites), {offering} (re-engagement on a new offering).
# Every voicemail and every written text leaves both phone and e-mail.
_DEFAULTS: dict[tuple[str, Channel], TemplatePair] = {
    (Purpose.INTRO, Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, this is {sender_name}. I'll be brief: may I ask you one "
            "quick question to see whether a short conversation would be worth your time?"
        ),
        voicemail=(
            "Hi, this is {sender_name}. I'm trying to reach the right person for a short "
            "question. Could you help me? My number is {sender_phone}, and my e-mail is "
            "{sender_email}. Thank you."
        ),
    ),
    (Purpose.FOLLOW_UP, Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name} again. I tried you earlier; is now a "
            "good moment for one quick question?"
        ),
        voicemail=(
            "Hi, this is {sender_name}. I'm trying to find the right person to talk to and "
            "would be grateful for a pointer. You can reach me at {sender_phone} or "
            "{sender_email}. Thanks."
        ),
    ),
    ("follow_up:voicemail_last_resort", Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. I've tried to reach you a few times, so "
            "I'm glad I caught you. Do you have a minute for one quick question?"
        ),
        voicemail=(
            "Hi, this is {sender_name}. I've tried this number a few times, and I may not have "
            "the right person. Could you help me find who I should talk to? Any pointer helps. "
            "My number is {sender_phone} and my e-mail is {sender_email}. Again, that's "
            "{sender_name}, {sender_phone}. Thank you."
        ),
    ),
    (Purpose.CALLBACK, Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}, calling back at the time you suggested. "
            "Is this still a good moment?"
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name}, calling back as we agreed. I'll try you "
            "again; you can also reach me at {sender_phone} or {sender_email}."
        ),
    ),
    (Purpose.RECONNECT, Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}, returning your call. Thanks for getting "
            "back to me. How can I help?"
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name} returning your call. I'd love to pick this "
            "up: please call me at {sender_phone} or write to {sender_email}."
        ),
    ),
    (Purpose.SEND_INFO, Channel.EMAIL): TemplatePair(
        subject="The information you asked for",
        opener=(
            "Hi {prospect_name},\n\nThank you for your time today. As promised, here is the "
            "information we talked about. I'll give you a call in a couple of days to hear "
            "what you think.\n\nBest regards,\n{sender_name}\n{sender_phone} · {sender_email}"
        ),
    ),
    (Purpose.INTRO, Channel.EMAIL): TemplatePair(
        subject="A quick introduction from {sender_name}",
        opener=(
            "Hi {prospect_name},\n\nI'm {sender_name}. I help teams like yours and "
            "wanted to introduce myself before I call. Would a short conversation this week be "
            "useful?\n\nBest regards,\n{sender_name}\n{sender_phone} · {sender_email}"
        ),
    ),
    (Purpose.FOLLOW_UP, Channel.EMAIL): TemplatePair(
        subject="Following up",
        opener=(
            "Hi {prospect_name},\n\nI tried to reach you by phone and thought a short note "
            "might suit you better. If a call is welcome, tell me when works, or just reply "
            "here.\n\nBest regards,\n{sender_name}\n{sender_phone} · {sender_email}"
        ),
    ),
    (Purpose.CHECK_IN, Channel.EMAIL): TemplatePair(
        subject="How are things?",
        opener=(
            "Hi {prospect_name},\n\nIt has been a while, so I wanted to ask how things are "
            "going and whether I can help with anything.\n\nBest regards,\n{sender_name}\n"
            "{sender_phone} · {sender_email}"
        ),
    ),
    (Purpose.RE_ENGAGE, Channel.EMAIL): TemplatePair(
        subject="Checking back in",
        opener=(
            "Hi {prospect_name},\n\nWe spoke some time ago and the timing was not right. A "
            "few things have changed on our side since; would it be worth a short call to see "
            "whether it fits now?\n\nBest regards,\n{sender_name}\n{sender_phone} · "
            "{sender_email}"
        ),
    ),
    ("follow_up:after_info", Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. I sent you the information we talked "
            "about; did you have a chance to look at it?"
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name}, following up on the information I sent. "
            "Call me at {sender_phone} or write to {sender_email} whenever suits you."
        ),
    ),
    (Purpose.APOLOGY_NOTE, Channel.NOTE): TemplatePair(
        opener=(
            "Dear {prospect_name},\n\nI'm sorry I called at a bad time. I only wanted to ask "
            "one question: would a short talk be worth your while, to see whether we could "
            "be of help to you?\n\nI will call you again on {weekday}. If another time suits "
            "you better, you can reach me at {sender_phone} or {sender_email}.\n\n"
            "Kind regards,\n{sender_name}"
        ),
    ),
    (Purpose.APOLOGY_NOTE, Channel.EMAIL): TemplatePair(
        subject="Sorry for calling at a bad time",
        opener=(
            "Hi {prospect_name},\n\nI'm sorry I called at a bad time. I only wanted to ask "
            "one question: would a short talk be worth your while, to see whether we could "
            "be of help to you?\n\nI will call you again on {weekday}. If another time suits "
            "you better, you can reach me at {sender_phone} or {sender_email}.\n\n"
            "Kind regards,\n{sender_name}"
        ),
    ),
    ("follow_up:after_note", Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. I sent you a short note to say I'd call "
            "today. Is this a better moment for one quick question?"
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name}. I sent you a short note to say I'd call "
            "today, so here I am. Sorry to miss you; I'll try again. You can also reach me at "
            "{sender_phone} or {sender_email}. Thank you."
        ),
    ),
    (Purpose.ASK_GATEKEEPER, Channel.CALL): TemplatePair(
        opener=(
            "Hi, this is {sender_name}. I wonder if you could help me: I'm trying to reach "
            "{prospect_full_name}. Is {prospect_name} at lunch, in a meeting, or away on "
            "vacation? Is there a cell number I could try, or could you page "
            "{prospect_name} for me?"
        ),
        # No voicemail: nobody leaves a message at a switchboard.
        voicemail=None,
    ),
    (Purpose.BIRTHDAY, Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. I just wanted to wish you a happy "
            "birthday! I hope you have a lovely day."
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name}, calling to wish you a very happy "
            "birthday. There's no need to call back; just enjoy your day! If you ever need "
            "me, I'm at {sender_phone} or {sender_email}."
        ),
    ),
    (Purpose.CONNECTION, Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. Thanks for connecting with me! I wanted "
            "to say hello properly and hear what you're working on these days."
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name}. Thank you for connecting with me; I "
            "wanted to say hello. I'd love to catch up, so please call me back at "
            "{sender_phone} when you have a minute, or write to {sender_email}."
        ),
    ),
    (Purpose.LUNCH_INVITE, Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. I'll be in {city} on {day} and would "
            "love to take you out for lunch or a coffee. Would that work for you?"
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name}. I'll be in {city} on {day} and would "
            "love to meet you for lunch or a coffee. Please call me back at {sender_phone} or "
            "write to {sender_email} to say if that works. Thanks!"
        ),
    ),
    (Purpose.RE_ENGAGE, Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. We spoke a while ago, and the timing "
            "wasn't right then. I'm just checking in: has anything changed on your side?"
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name}. We spoke some months ago, and I wanted "
            "to check in briefly to see how things are going. If the timing is better now, "
            "call me at {sender_phone} or write to {sender_email}. Thanks."
        ),
    ),
    ("re_engage:offering", Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. When we last spoke the timing wasn't "
            "right. Since then we've launched {offering}, and I thought of you. May I tell "
            "you about it in one minute?"
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name}. We spoke some months ago. We've just "
            "launched {offering}, and I thought it might be of interest. If you'd like to "
            "hear more, call me at {sender_phone} or write to {sender_email}. Thanks."
        ),
    ),
    ("re_engage:leadership", Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. I saw there's been a change of "
            "leadership on your side, and plans often shift with that. Is this a good moment "
            "for one quick question?"
        ),
        voicemail=(
            "Hi {prospect_name}, it's {sender_name}. I saw there's been a change of "
            "leadership on your side and wanted to check in, since plans often shift at times "
            "like this. Call me at {sender_phone} or write to {sender_email}. Thanks."
        ),
    ),
    (Purpose.LETTER, Channel.NOTE): TemplatePair(
        opener=(
            "Dear {prospect_name},\n\nI've enclosed a short brochure about what we do. It "
            "takes a minute to read, and I hope you find it useful.\n\nIf you have "
            "questions, or would like to talk, you can reach me at {sender_phone} or "
            "{sender_email}.\n\nKind regards,\n{sender_name}"
        ),
    ),
    (Purpose.DRIP, Channel.POSTCARD): TemplatePair(
        opener=(
            "Hi {prospect_name}, a quick hello to wish you a good month! Whenever you need "
            "a hand, I'm at {sender_phone} or {sender_email}. {sender_name}"
        ),
    ),
    (Purpose.CHECK_IN, Channel.POSTCARD): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's been a few months since my letter, so I wanted to ask: "
            "how are you, and is there anything I can help with? You'll find me at "
            "{sender_phone} or {sender_email}. Warm regards, {sender_name}"
        ),
    ),
    # Texts: short, plain GSM-7 characters (one or two segments), the sender
    # named, and always the way to stop them.
    (Purpose.INTRO, Channel.SMS): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. I help teams like yours and would like "
            "to introduce myself. Is a short call this week OK? Reply STOP to opt out."
        ),
    ),
    (Purpose.FOLLOW_UP, Channel.SMS): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. I tried to call you. When suits you "
            "for a quick call? Or call me at {sender_phone}. Reply STOP to opt out."
        ),
    ),
    (Purpose.CALLBACK, Channel.SMS): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}, confirming I'll call you as you asked. "
            "Reply STOP to opt out."
        ),
    ),
    (Purpose.RECONNECT, Channel.SMS): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. Sorry I missed your call. I'll try you "
            "again shortly, or call me at {sender_phone}. Reply STOP to opt out."
        ),
    ),
    (Purpose.CHECK_IN, Channel.SMS): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}, checking in. Anything I can help with? "
            "Reply STOP to opt out."
        ),
    ),
    (Purpose.RE_ENGAGE, Channel.SMS): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's {sender_name}. It's been a while: is now a better time "
            "to talk? Reply STOP to opt out."
        ),
    ),
    # LinkedIn: done by hand from the sender's own profile, so the words are a
    # draft; a connection request's note is short (LinkedIn caps it).
    (Purpose.CONNECTION, Channel.LINKEDIN): TemplatePair(
        opener=(
            "Hi {prospect_name}, I'm {sender_name}. I work with teams like yours and would "
            "be glad to connect."
        ),
    ),
    ("connection:accept", Channel.LINKEDIN): TemplatePair(
        opener=(
            "Hi {prospect_name}, thanks for the connection request, glad to be connected! "
            "I'll give you a quick call to say hello. {sender_name}"
        ),
    ),
    (Purpose.INTRO, Channel.LINKEDIN): TemplatePair(
        opener=(
            "Hi {prospect_name}, thanks for connecting. I'm {sender_name}, and I help teams "
            "like yours. Would a short call this week be useful? You can also reach me at "
            "{sender_phone} or {sender_email}."
        ),
    ),
    (Purpose.FOLLOW_UP, Channel.LINKEDIN): TemplatePair(
        opener=(
            "Hi {prospect_name}, I tried to reach you by phone and thought a message here "
            "might suit you better. When would a short call work? {sender_name}"
        ),
    ),
    (Purpose.RE_ENGAGE, Channel.LINKEDIN): TemplatePair(
        opener=(
            "Hi {prospect_name}, it's been a while since we spoke. Is this a better time to "
            "talk? {sender_name}"
        ),
    ),
}


def default_templates() -> dict[tuple[str, Channel], TemplatePair]:
    """Return a fresh copy of the built-in templates, keyed by (purpose, channel)."""
    return dict(_DEFAULTS)
