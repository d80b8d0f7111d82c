"""Shared test settings: hypothesis profiles.

The default profile is what CI runs: 200 examples per property test, no
deadline (CI machines are noisy). ``HYPOTHESIS_PROFILE=dev`` runs a quick
pass while editing; ``HYPOTHESIS_PROFILE=nightly`` a long one.
``HYPOTHESIS_PROFILE=mutation`` is for mutation testing (docs/testing.md): few
examples, always the same ones, no example database and no shrinking, so that
a mutant's verdict is quick and does not depend on the run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
    print_blob=True,
)
settings.register_profile("dev", parent=settings.get_profile("ci"), max_examples=30)
settings.register_profile("nightly", parent=settings.get_profile("ci"), max_examples=5000)
settings.register_profile(
    "mutation",
    parent=settings.get_profile("ci"),
    max_examples=10,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
