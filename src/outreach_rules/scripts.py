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

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_parts", _parse(self.text, "text"))

    @property
    def names(self) -> frozenset[str]:
        """The placeholder names the template uses."""
        return frozenset(name for _, name in self._parts if name is not None)

    def fill(self, values: Mapping[str, str | None], *, where: str = "template") -> str:
        """Return the text with every placeholder filled; ``MissingValues`` names any missing."""
        missing = tuple(sorted(n for n in self.names if values.get(n) is None))
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
        return Script(
            opener=self.opener.fill(values, where=f"{where}.opener"),
            voicemail=None
            if self.voicemail is None
            else self.voicemail.fill(values, where=f"{where}.voicemail"),
            subject=None
            if self.subject is None
            else self.subject.fill(values, where=f"{where}.subject"),
        )


def fill(text: str, values: Mapping[str, str | None]) -> str:
    """Fill one template string safely (see the module docstring)."""
    return Template(text=text).fill(values)


_DEFAULTS: dict[tuple[str, Channel], TemplatePair] = {
    (Purpose.INTRO, Channel.CALL): TemplatePair(
        opener=(
            "Hi {prospect_name}, this is {sender_name}. I'll be brief: may I ask you one "
            "question to see whether what we do is worth a short conversation?"
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
}


def default_templates() -> dict[tuple[str, Channel], TemplatePair]:
    """Return a fresh copy of the built-in templates, keyed by (purpose, channel)."""
    return dict(_DEFAULTS)
