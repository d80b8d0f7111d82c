"""The trusted builders (simulated attempts, filled scripts) make what the constructors make."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.history import build_attempt
from outreach_rules.scripts import TemplatePair, default_templates


@given(ors.attempts())
def test_the_builder_equals_the_constructor(attempt):
    """Built from an attempt's fields, the builder's attempt is equal, sorts and reads alike."""
    fields = {a.name: getattr(attempt, a.name) for a in attrs.fields(orl.Attempt) if a.init}
    built = build_attempt(**fields)
    assert built == attempt
    assert built.order_key == attempt.order_key
    assert (built._micros, built._mark) == (attempt._micros, attempt._mark)


def test_the_builder_still_refuses_what_does_not_fit_together():
    """An outcome the channel does not allow, or a callback time without a callback, raises."""
    at = datetime(2026, 11, 23, 15, tzinfo=UTC)
    with pytest.raises(ValueError, match="outcome"):
        build_attempt(at=at, channel=orl.Channel.EMAIL, outcome=orl.Outcome.HUNG_UP)
    with pytest.raises(ValueError, match="callback_at"):
        build_attempt(
            at=at, channel=orl.Channel.CALL, outcome=orl.Outcome.NO_ANSWER, callback_at=at
        )


@given(st.sampled_from(sorted(default_templates().items(), key=str)))
def test_a_filled_template_is_the_script_the_constructor_makes(item):
    """Every built-in template, filled, gives a script equal to one built by ``Script(...)``."""
    _key, pair = item
    values = {name: f"<{name}>" for part in ("opener", "voicemail", "subject")
              if (t := getattr(pair, part)) is not None for name in t.names}  # fmt: skip
    script = pair.fill(values)
    assert script == orl.Script(
        opener=script.opener, voicemail=script.voicemail, subject=script.subject
    )


def test_a_script_blank_once_filled_is_refused():
    """A template that fills to blank text is refused by the validating constructor."""
    with pytest.raises(ValueError, match="opener"):
        TemplatePair(opener="{gap}").fill({"gap": "   "})
