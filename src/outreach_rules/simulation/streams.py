"""Independent, reproducible random streams, one per prospect and run.

Each stream is seeded from a cryptographic hash of its key, never from
Python's ``hash()`` (salted per process) or from a shared generator whose
state depends on who drew before. So a prospect's luck depends only on
the seed, the run and the prospect's id: the same whether the population
is simulated whole, in parts, in any order or on other machines (with the
same versions of Python and of this library), and the
same under every strategy (common random numbers, which make strategy
comparisons fairer: a difference in results comes from the strategies,
not from one of them meeting luckier prospects).
"""

from __future__ import annotations

import hashlib
import json
import random

__all__ = ["stream", "stream_seed"]


def stream_seed(*key: int | str) -> int:
    """Return a 64-bit seed derived from ``key`` (ints and strings), stable across processes."""
    # JSON keeps the parts apart: ("a1", 2) and ("a", 12) never share a seed.
    text = json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8, person=b"orl-sim").digest()
    return int.from_bytes(digest, "big")


def stream(seed: int, run: int, prospect_id: str) -> random.Random:
    """Return the random stream of one prospect in one run of a simulation seeded with ``seed``."""
    return random.Random(stream_seed("prospect", seed, run, prospect_id))
