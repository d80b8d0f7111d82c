"""Shared playbooks across threads and processes: the same plans, whoever plans them."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

import outreach_rules as orl
from outreach_rules import strategies as ors

NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
SENDER = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
BOOKS = (
    orl.playbooks.cold_calling(sender=SENDER, texts=True),
    orl.playbooks.keep_in_touch(sender=SENDER),
    orl.playbooks.direct_mail(sender=SENDER),
)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(ors.prospects(), ors.histories()), min_size=8, max_size=24))
def test_plans_from_eight_threads_equal_the_plans_made_one_by_one(pairs):
    """Eight threads planning on shared playbooks give the plans a single thread gives."""
    jobs = [(prospect, history, book) for prospect, history in pairs for book in BOOKS]
    alone = [orl.plan(p, h, now=NOW, playbook=b) for p, h, b in jobs]
    fresh = [orl.playbooks.cold_calling(sender=SENDER, texts=True), *BOOKS[1:]]
    jobs = [(p, h, fresh[BOOKS.index(b)]) for p, h, b in jobs]  # caches start empty
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda job: orl.plan(job[0], job[1], now=NOW, playbook=job[2]),
                                 jobs))  # fmt: skip
    assert together == alone


def test_playbooks_and_plans_pickle_and_compare_equal():
    """A playbook and its plans survive pickling equal, and the copy plans alike."""
    prospect = orl.Prospect(
        id="ada", name="Ada Lovelace", timezone="America/New_York", country="US", region="NY",
        phones=(orl.Phone(number="+12125550100", kind="mobile"),), emails=("ada@example.com",),
    )  # fmt: skip
    history = [
        orl.Attempt(at=datetime(2026, 11, 23, 15, tzinfo=UTC), channel="call",
                    outcome="no_answer", to="+12125550100"),
        orl.Attempt(at=datetime(2026, 11, 24, 13, tzinfo=UTC), channel="call",
                    outcome="no_answer", to="+12125550100"),
    ]  # fmt: skip
    for book in BOOKS:
        plan = orl.plan(prospect, history, now=NOW, playbook=book)
        copy = pickle.loads(pickle.dumps(book))
        assert copy == book
        assert pickle.loads(pickle.dumps(plan)) == plan
        assert orl.plan(prospect, history, now=NOW, playbook=copy) == plan
