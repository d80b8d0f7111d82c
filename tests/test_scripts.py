"""Templates are filled safely: names only, no evaluation, missing values named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach_rules.scripts import MissingValues, Template, default_templates


def test_fill_replaces_named_placeholders():
    """Bare names are replaced by their values."""
    t = Template(text="Hi {prospect_name}, it's {sender_name}.")
    assert t.fill({"prospect_name": "Ada", "sender_name": "Sam"}) == "Hi Ada, it's Sam."
    assert t.names == {"prospect_name", "sender_name"}


@pytest.mark.parametrize(
    "text", ["{x.__class__}", "{x[0]}", "{x!r}", "{x:>10}", "{0}", "{}", "{a b}"]
)
def test_attribute_index_conversion_and_format_are_refused(text):
    """Anything but a bare name is refused when the template is made."""
    with pytest.raises(ValueError, match="is not allowed"):
        Template(text=text)


def test_broken_braces_are_refused():
    """An unbalanced brace is a clear error."""
    with pytest.raises(ValueError, match="not a valid template"):
        Template(text="Hi {name")


def test_missing_values_are_all_named():
    """Every missing value is listed at once."""
    with pytest.raises(MissingValues, match=r"no value for \{a\}, \{b\}") as info:
        Template(text="{a} {b} {c}").fill({"c": "x"})
    assert info.value.missing == ("a", "b")


@given(st.text())
def test_user_text_is_never_evaluated(value):
    """Whatever a value holds (braces included), it is inserted as it is."""
    assert Template(text="<{v}>").fill({"v": value}) == f"<{value}>"


def test_built_in_templates_leave_phone_and_email():
    """Every built-in voicemail and e-mail leaves both the sender's phone and e-mail."""
    for (purpose, channel), pair in default_templates().items():
        for part in (pair.voicemail, pair.opener if channel == "email" else None):
            if part is not None:
                assert {"sender_phone", "sender_email"} <= part.names, (purpose, channel)
