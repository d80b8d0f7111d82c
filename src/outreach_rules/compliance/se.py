"""Sweden, telephone sales to consumers (NIX-Telefon): the ``se`` pack.

The law sets no calling hours. Data only; see ``docs/compliance/se.md``.
Not legal advice.
"""

from __future__ import annotations

from outreach_rules.compliance.rules import Audience, Pack, Registry, Requirement

__all__ = ["PACKS", "SE"]

_CITATION = "Marketing Act (2008:486); Distance Contracts Act (2005:59)"
_NIX = "NIX-Telefon (industry register); Marketing Act (2008:486)"
_SOURCE = (
    "Marknadsföringslag (2008:486); Lag (2005:59) om distansavtal och avtal utanför affärslokaler"
)

SE = Pack(
    name="se",
    country="SE",
    title="Sweden",
    registries=(
        Registry(
            name="NIX-Telefon",
            prospect_flag="nix",
            applies_to=Audience.CONSUMER,
            citation=_NIX,
            source=f"NIX-Telefon, the industry's do-not-call register; {_SOURCE}",
            verified=True,
            note="An industry register, not one a statute sets up: the sales industry's own "
            "rules and good marketing practice under the Marketing Act make callers check it "
            "before a sales call to a consumer.",
        ),
    ),
    requirements=(
        Requirement(
            name="written acceptance of a phone sale",
            summary="An agreement made in a sales call binds the consumer only if the consumer "
            "accepts it in writing after the call.",
            applies_to=Audience.CONSUMER,
            citation=_CITATION,
            source=_SOURCE,
            verified=True,
        ),
    ),
)

PACKS = (SE,)
