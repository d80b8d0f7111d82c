"""United Kingdom, unsolicited sales calls (PECR): the ``gb`` pack.

The law sets no calling hours. Data only; see ``docs/compliance/gb.md``.
Not legal advice.
"""

from __future__ import annotations

from outreach_rules.compliance.rules import Pack, Period, Registry

__all__ = ["GB", "PACKS"]

_PECR = (
    "The Privacy and Electronic Communications (EC Directive) Regulations 2003 (SI 2003/2426): "
    "https://www.legislation.gov.uk/uksi/2003/2426/contents"
)

GB = Pack(
    name="gb",
    country="GB",
    title="United Kingdom",
    registries=(
        Registry(
            name="Telephone Preference Service (TPS) and Corporate TPS (CTPS)",
            prospect_flag="tps",
            takes_effect_after=Period(amount=28),
            citation="PECR regs 21, 26",
            source=_PECR,
            verified=True,
            note="No unsolicited sales calls to a number registered with the TPS (personal) or "
            "the CTPS (corporate), from 28 days after registration. Set the flag for a number "
            "on either list. There are no statutory calling hours.",
        ),
    ),
)

PACKS = (GB,)
