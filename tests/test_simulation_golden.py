"""Simulation golden digests: a faster simulation must leave every record of a seed as it was.

Each case simulates a playbook on a few hundred synthetic prospects and
pins a sha256 of its ``Run`` written with ``orl.to_dict`` (every prospect,
attempt and event record, with every time and its zone). The digests were
recorded before the simulation was made faster; a change that moves one
attempt by a microsecond, or draws one random number more or less, fails
here. When a change is meant to alter the results (a new field model
figure, a new policy), record the new digests with
``python tests/test_simulation_golden.py`` and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest

import outreach_rules as orl
from outreach_rules import simulation as sim
from outreach_rules.policies.intro import intro_call
from outreach_rules.policies.re_engagement import ReEngage

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "cadences"

SENDER = orl.Sender(
    name="Sam Seller", phone="+12125550100", email="sam@seller.example", company="Seller Inc"
)

# Every channel in one cadence, with the branches that ask the receptionist and apologise.
MULTICHANNEL = """
name = "golden-multichannel"
policies = ["requested_callback", "reconnect", "send_info"]

[[steps]]
id = "call-1"
channel = "call"
purpose = "intro"
day = 1
on = { gatekeeper = "ask-direct", hung_up = "apology" }

[[steps]]
id = "linkedin-1"
channel = "linkedin"
purpose = "connection"
day = 2

[[steps]]
id = "sms-1"
channel = "sms"
purpose = "follow_up"
day = 3

[[steps]]
id = "email-1"
channel = "email"
purpose = "follow_up"
day = 5

[[steps]]
id = "drop-1"
channel = "voicemail"
purpose = "follow_up"
day = 7

[[steps]]
id = "card-1"
channel = "postcard"
purpose = "follow_up"
day = 9

[[steps]]
id = "call-2"
channel = "call"
day = 12
leave_voicemail = true
next = "end"

[[steps]]
id = "ask-direct"
channel = "call"
purpose = "ask_gatekeeper"
to = "switchboard"
wait = { business_days = 1 }
next = "call-2"

[[steps]]
id = "apology"
channel = "note"
purpose = "apology_note"
wait = { hours = 2 }
next = "call-2"
"""


def varied(n: int, seed: int) -> tuple[orl.Prospect, ...]:
    """Synthetic prospects, half with a LinkedIn profile, some US ones unsure of their zone."""
    out = []
    for i, prospect in enumerate(sim.population(n, seed=seed, prefix="v")):
        extra: dict[str, object] = {}
        if i % 2 == 0:
            extra["linkedin"] = f"https://www.linkedin.com/in/{prospect.id}"
        if i % 5 == 0 and prospect.country == "US":
            extra["possible_timezones"] = ("America/Denver",)
        out.append(attrs.evolve(prospect, **extra))
    return tuple(out)


def with_birthdays(n: int, seed: int) -> tuple[orl.Prospect, ...]:
    """Synthetic prospects with birthdays spread over the first four months of the year."""
    return tuple(
        attrs.evolve(prospect, birthday=date(1980, 1 + i % 4, 1 + i % 28))
        for i, prospect in enumerate(sim.population(n, seed=seed, prefix="k"))
    )


def re_engaging() -> orl.Playbook:
    """Re-engagement with intro calls in front, so refusals happen and are called back on."""
    book = orl.playbooks.re_engagement(re_engage=ReEngage(cooldown_days=20, sooner_days=5))
    return attrs.evolve(book, policies=(intro_call, *book.policies))


TRIPS = (
    orl.Trip(city="New York", day=date(2026, 2, 10)),
    orl.Trip(city="London", day=date(2026, 3, 3)),
    orl.Trip(city="Chicago", day=date(2026, 1, 20)),
)

CASES: dict[str, Callable[[], object]] = {
    "cold_calling": lambda: sim.simulate(orl.playbooks.cold_calling(), 300, days=90, seed=3),
    "cold_calling_no_jitter": lambda: sim.simulate(
        orl.playbooks.cold_calling(), 300, days=90, seed=4, jitter=timedelta(0)
    ),
    "cold_calling_sender_run_2": lambda: sim.simulate(
        orl.playbooks.cold_calling(sender=SENDER), 200, days=60, seed=5, run=2
    ),
    "keep_in_touch": lambda: sim.simulate(
        orl.playbooks.keep_in_touch(trips=TRIPS), with_birthdays(200, 6), days=120, seed=6
    ),
    "direct_mail": lambda: sim.simulate(orl.playbooks.direct_mail(), 200, days=90, seed=7),
    "re_engagement": lambda: sim.simulate(re_engaging(), 200, days=90, seed=8, jitter=timedelta(0)),
    "cold_outbound_cadence": lambda: sim.simulate(
        orl.cadences.load(EXAMPLES / "cold_outbound.toml").to_playbook(), 300, days=60, seed=9
    ),
    "multichannel_cadence": lambda: sim.simulate(
        orl.cadences.loads(MULTICHANNEL).to_playbook(sender=SENDER),
        varied(300, 10),
        days=45,
        seed=10,
    ),
    "population": lambda: [orl.to_dict(p) for p in sim.population(500, seed=12)],
    "compare": lambda: sim.compare(
        {"cold": orl.playbooks.cold_calling(), "mail": orl.playbooks.direct_mail()},
        150,
        days=60,
        runs=2,
        seed=11,
        resamples=200,
    ),
}

GOLDEN = {
    "cold_calling": "dcfadad200ff691b3aa2c71d962d7a784ad028afd4d8c27d1888f806e4808fc1",
    "cold_calling_no_jitter": "8d7e7d6dd42c3575aa1532aca7023d59e7a9639d69b2a603a35dc00b1f7fcc6b",
    "cold_calling_sender_run_2": "2493f187fa868bae722420506d89f77de1ef3c68b4d7caadaa7a0fcdfbd722da",
    "keep_in_touch": "5a249e1bca3c2c6e0444c7a88963cc136f687ef7fa689f30569d4d71ffc5cbb9",
    "direct_mail": "9cde7cf48be6d4ef6142e04217627b48cccd5afda6783157f2aea74d8fb251d9",
    "re_engagement": "06a9b0ab2c94b71a989a2f73c094b6a912824cd636cfb6e664fb6ea84c36f41f",
    "cold_outbound_cadence": "0f0130a928a8be950c998d2d4573447a1bc47b869c3bb98263be1e818b790516",
    "multichannel_cadence": "164d1cc69cc838fc65a1dd415a3e5d616944d138953a758d7015f1e5a8146120",
    "population": "d29cb3662786651ae6ba3b76eec366352dd71a68688d9920310030588a402e18",
    "compare": "98e679c4c70cdac50b29e9115524a18b8b0a598301e45be5f0779d9b7b5d918a",
}


def digest(value: object) -> str:
    """The sha256 of ``value`` as ``orl.to_dict`` writes it (a list as it is), keys sorted."""
    data = value if isinstance(value, list) else orl.to_dict(value)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_records_of_a_seed_never_change(case: str) -> None:
    """Each pinned simulation gives, record for record, the results recorded before."""
    assert digest(CASES[case]()) == GOLDEN[case]


def test_every_case_is_pinned() -> None:
    """Every case has a digest and every digest a case, and the cases do something."""
    assert set(GOLDEN) == set(CASES)
    run = CASES["re_engagement"]()
    assert isinstance(run, sim.Run)
    assert any(r.policy == "re_engagement" for r in run.attempts)
    run = CASES["keep_in_touch"]()
    assert isinstance(run, sim.Run)
    assert {r.policy for r in run.attempts} >= {"birthday", "lunch_invite"}
    run = CASES["multichannel_cadence"]()
    assert isinstance(run, sim.Run)
    assert {r.channel for r in run.attempts} == set(orl.Channel)


if __name__ == "__main__":
    for name, make in CASES.items():
        print(f"    {name!r}: {digest(make())!r},", file=sys.stdout)
