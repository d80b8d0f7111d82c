"""The laws every built-in policy obeys, checked once over generated situations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules._names import name_of
from outreach_rules.situation import Situation

BOOKS = {
    "cold_calling": orl.playbooks.cold_calling(),
    "keep_in_touch": orl.playbooks.keep_in_touch(),
    "re_engagement": orl.playbooks.re_engagement(),
    "direct_mail": orl.playbooks.direct_mail(),
}
POLICIES = {
    name_of(policy): (policy, book_name)
    for book_name, book in BOOKS.items()
    for policy in book.policies
}


@pytest.mark.parametrize("name", sorted(POLICIES))
@given(data=st.data())
def test_policy_laws(name, data):
    """Deterministic; only Actions or Halts; reasons never empty; never before now; own name."""
    policy, book_name = POLICIES[name]
    prospect = data.draw(ors.prospects())
    history = data.draw(ors.histories(prospect))
    now = data.draw(ors.moments())
    book = data.draw(ors.playbooks((book_name,)))
    situation = Situation(prospect, history, now=now, playbook=book)
    first = tuple(policy(situation=situation))
    assert first == tuple(policy(situation=situation))
    for item in first:
        if isinstance(item, orl.Halt):
            assert item.reason.strip()
            assert item.policy == name
            continue
        assert isinstance(item, orl.Action)
        assert item.policy == name
        assert item.reasons
        assert all(isinstance(r, str) and r.strip() for r in item.reasons)
        assert item.prospect_id == prospect.id
        assert item.earliest >= situation.now
        assert item.earliest <= item.latest
        assert getattr(item.earliest.tzinfo, "key", None) == prospect.timezone
        assert item.to is not None
        assert item.to not in situation.retired
