"""CRM call and e-mail results read as outcomes: every table, any spelling, own tables."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules.channels import traits
from outreach_rules.dispositions import SYSTEMS, from_disposition, known_names

ENTRIES = [(system, name, outcome) for system, pairs in SYSTEMS.items() for name, outcome in pairs]


def test_the_six_systems_are_there():
    """Salesforce, HubSpot, Pipedrive, Close, Outreach and Salesloft each have a table."""
    assert set(SYSTEMS) == {"salesforce", "hubspot", "pipedrive", "close", "outreach", "salesloft"}
    assert known_names("hubspot")[:2] == ("Busy", "Connected")


@pytest.mark.parametrize(("system", "name", "outcome"), ENTRIES)
def test_every_name_reads_as_its_outcome(system, name, outcome):
    """Each name of each table reads back as the outcome the table gives it."""
    assert from_disposition(name, system=system) is outcome


def test_no_table_holds_one_name_twice_with_two_outcomes():
    """Names that differ only in case or spacing never map to two outcomes in one table."""
    for system, pairs in SYSTEMS.items():
        seen: dict[str, orl.Outcome] = {}
        for name, outcome in pairs:
            key = re.sub(r"[\s_\-]+", "", name.casefold())
            assert seen.setdefault(key, outcome) is outcome, (system, name)


def test_every_outcome_is_one_a_call_or_an_email_can_have():
    """Each mapped outcome is valid on the call channel or the e-mail channel."""
    for system, name, outcome in ENTRIES:
        valid = traits(orl.Channel.CALL).outcomes | traits(orl.Channel.EMAIL).outcomes
        assert outcome in valid, (system, name, outcome)


@given(
    st.sampled_from(ENTRIES),
    st.lists(st.sampled_from([" ", "_", "-", "  "]), min_size=1, max_size=5),
    st.booleans(),
)
def test_case_and_spacing_do_not_matter(entry, separators, upper):
    """Any case, and spaces, underscores or hyphens anywhere between words, read the same."""
    system, name, outcome = entry
    words = re.split(r"[\s_\-]+", name)
    spelled = words[0]
    for i, word in enumerate(words[1:]):
        spelled += separators[i % len(separators)] + word
    spelled = spelled.upper() if upper else spelled.lower()
    assert from_disposition(f"  {spelled} ", system=system) is outcome
    assert from_disposition(name, system=system.upper()) is outcome


def test_close_and_pipedrive_api_values():
    """The API values of Close and Pipedrive read as the outcomes their docs describe."""
    assert from_disposition("vm-left", system="close") is orl.Outcome.LEFT
    assert from_disposition("vm-answer", system="close") is orl.Outcome.VOICEMAIL
    assert from_disposition("no_answer", system="pipedrive") is orl.Outcome.NO_ANSWER
    assert from_disposition("Left live message", system="hubspot") is orl.Outcome.GATEKEEPER


def test_an_own_table_overrides_and_extends():
    """table= adds names and wins over the system's; with system=None it is read alone."""
    own = {"Demo set": "meeting_booked", "No answer": orl.Outcome.BUSY}
    assert from_disposition("demo set", system="hubspot", table=own) is orl.Outcome.MEETING_BOOKED
    assert from_disposition("NO ANSWER", system="hubspot", table=own) is orl.Outcome.BUSY
    assert from_disposition("Busy", system="hubspot", table=own) is orl.Outcome.BUSY
    assert from_disposition("Demo set", system=None, table=own) is orl.Outcome.MEETING_BOOKED
    with pytest.raises(ValueError, match="not a known result in the table"):
        from_disposition("Busy", system=None, table=own)


def test_an_unknown_name_names_itself_the_system_and_the_nearest():
    """An unknown result is a ValueError with the name, the system and the nearest names."""
    with pytest.raises(
        ValueError, match="disposition: 'Left VM' is not a known hubspot result"
    ) as info:
        from_disposition("Left VM", system="hubspot")
    assert "nearest: 'Left voicemail'" in str(info.value)
    with pytest.raises(ValueError, match=r"'zzz' is not a known close result; known: 'answered'"):
        from_disposition("zzz", system="close")


def test_bad_arguments_are_named():
    """An unknown system suggests one; a bad table value, a non-text name and no source fail."""
    with pytest.raises(
        ValueError, match="system: 'hubspt' is not a known CRM; did you mean 'hubspot'"
    ):
        from_disposition("Busy", system="hubspt")
    with pytest.raises(
        ValueError, match=r"table\['Demo'\]: 'meeting' is not one of: .*did you mean"
    ):
        from_disposition("Busy", system="hubspot", table={"Demo": "meeting"})
    with pytest.raises(TypeError, match="disposition: expected text"):
        from_disposition(3, system="hubspot")
    with pytest.raises(ValueError, match="give system="):
        from_disposition("Busy", system=None)
