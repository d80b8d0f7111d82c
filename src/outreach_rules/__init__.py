"""outreach_rules: who to contact next, when, how and with what words, explained and guarded.

Import it as ``import outreach_rules as orl``. The library holds no data and
does no I/O: pass prospects and their histories in, get plans out.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from outreach_rules import cadences, calendar, compliance, dispositions, guards, playbooks
from outreach_rules.accounts import AccountRules, plan_account, plan_by_account
from outreach_rules.actions import Action, Purpose, Script
from outreach_rules.brief import Brief, brief
from outreach_rules.capacity import Mailbox, Rep, RepCalendar, TimeOff
from outreach_rules.channels import Channel
from outreach_rules.dayplan import DayPlan, plan_day
from outreach_rules.engine import plan, plan_many
from outreach_rules.errors import InvalidData
from outreach_rules.exchange import from_dict, to_dict
from outreach_rules.frames import frame_to_pairs, plans_to_frame
from outreach_rules.guards import Guard, Veto
from outreach_rules.history import Attempt, Event
from outreach_rules.ics import to_ics
from outreach_rules.lint import Finding, lint
from outreach_rules.offerings import Offering
from outreach_rules.outcomes import EventKind, Outcome
from outreach_rules.plans import Plan
from outreach_rules.playbooks import Playbook
from outreach_rules.policies import Halt, Policy
from outreach_rules.prospects import Phone, PhoneKind, Prospect, Sender
from outreach_rules.replies import Reply, ReplyKind, read_reply
from outreach_rules.situation import Situation
from outreach_rules.texts import read_text
from outreach_rules.trips import Trip

if TYPE_CHECKING:
    # Loaded on first use (see __getattr__); imported here for type checkers only.
    from outreach_rules import simulation

try:
    __version__ = version("outreach-rules")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

# Modules loaded on first use, so that ``import outreach_rules`` stays light.
_LAZY = frozenset({"simulation"})


def __getattr__(name: str) -> Any:
    """Load a lazy module such as ``orl.simulation`` the first time it is used."""
    if name in _LAZY:
        return import_module(f"outreach_rules.{name}")
    raise AttributeError(f"module 'outreach_rules' has no attribute {name!r}")


__all__ = [
    "AccountRules",
    "Action",
    "Attempt",
    "Brief",
    "Channel",
    "DayPlan",
    "Event",
    "EventKind",
    "Finding",
    "Guard",
    "Halt",
    "InvalidData",
    "Mailbox",
    "Offering",
    "Outcome",
    "Phone",
    "PhoneKind",
    "Plan",
    "Playbook",
    "Policy",
    "Prospect",
    "Purpose",
    "Rep",
    "RepCalendar",
    "Reply",
    "ReplyKind",
    "Script",
    "Sender",
    "Situation",
    "TimeOff",
    "Trip",
    "Veto",
    "__version__",
    "brief",
    "cadences",
    "calendar",
    "compliance",
    "dispositions",
    "frame_to_pairs",
    "from_dict",
    "guards",
    "lint",
    "plan",
    "plan_account",
    "plan_by_account",
    "plan_day",
    "plan_many",
    "plans_to_frame",
    "playbooks",
    "read_reply",
    "read_text",
    "simulation",
    "to_dict",
    "to_ics",
]
