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
    # JSON keeps the parts apart: ("a1", 2) and ("a", 12) never share a seed. Written
    # part by part, as json.dumps(key, ensure_ascii=False, separators=(",", ":")) writes
    # it, without building an encoder for every prospect.
    text = "[" + ",".join(map(_json, key)) + "]"
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8, person=b"orl-sim").digest()
    return int.from_bytes(digest, "big")


def _json(part: int | str) -> str:
    """One part of a key as JSON: a string quoted and escaped, an int in digits."""
    if type(part) is str:
        return _string(part)
    if type(part) is int:
        return int.__repr__(part)
    return json.dumps(part, ensure_ascii=False)


# The escaping json.dumps uses with ensure_ascii=False.
_string = json.encoder.encode_basestring


def stream(seed: int, run: int, prospect_id: str) -> random.Random:
    """Return the random stream of one prospect in one run of a simulation seeded with ``seed``."""
    return random.Random(stream_seed("prospect", seed, run, prospect_id))
