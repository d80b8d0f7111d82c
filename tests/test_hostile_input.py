"""Outside data of any shape gets a located InvalidData, never another exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules.exchange import VALUE_TYPES

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)
FIELDS = st.sampled_from(
    ["id", "timezone", "at", "channel", "outcome", "kind", "phones", "earliest", "latest",
     "reasons", "policy", "purpose", "actions", "history", "refers_to", "interests", "now",
     "prospect_id", "callback_at", "to", "opener", "name", "launched", "day", "city", "flags"]
)  # fmt: skip
SHAPED = st.dictionaries(FIELDS, JSON, max_size=8)


@given(st.sampled_from(VALUE_TYPES), st.one_of(JSON, SHAPED))
def test_from_dict_raises_only_invalid_data(cls, data):
    """Any JSON value, for any public type, either builds a value or raises InvalidData."""
    outcome = _build(cls, data)
    if isinstance(outcome, orl.InvalidData):
        assert outcome.problems
        assert all(isinstance(p, str) and ": " in p for p in outcome.problems)
    else:
        assert isinstance(outcome, cls)


def _build(cls, data):
    try:
        return orl.from_dict(cls, data)
    except orl.InvalidData as exc:
        return exc
