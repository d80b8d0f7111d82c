"""The public surface: the names in the shared API contract, and nothing by accident."""

from __future__ import annotations

import outreach_rules as orl

# The names ../shared/API.md fixes that later issues build (day planning,
# script lint, frames, compliance packs); each joins __all__ when it lands.
NOT_YET: set[str] = set()
CONTRACT = {
    "Action",
    "Attempt",
    "Channel",
    "DayPlan",
    "Event",
    "EventKind",
    "Guard",
    "InvalidData",
    "Offering",
    "Outcome",
    "Phone",
    "Plan",
    "Playbook",
    "Policy",
    "Prospect",
    "Purpose",
    "Reply",
    "ReplyKind",
    "Script",
    "Sender",
    "Trip",
    "brief",
    "calendar",
    "compliance",
    "from_dict",
    "lint",
    "plan",
    "plan_day",
    "plan_many",
    "plans_to_frame",
    "playbooks",
    "read_reply",
    "to_dict",
}
# Documented additions (see CHANGELOG.md).
ADDITIONS = {
    "AccountRules",
    "Mailbox",
    "Rep",
    "RepCalendar",
    "TimeOff",
    "plan_account",
    "plan_by_account",
    "Brief",
    "Finding",
    "Halt",
    "PhoneKind",
    "Situation",
    "Veto",
    "__version__",
    "cadences",
    "dispositions",
    "frame_to_pairs",
    "read_text",
    "guards",
    "simulation",
    "to_ics",
}


def test_all_is_the_contract_plus_documented_additions():
    """__all__ holds exactly the contract's names built so far plus the documented additions."""
    assert set(orl.__all__) == (CONTRACT - NOT_YET) | ADDITIONS
    for name in orl.__all__:
        assert hasattr(orl, name), name


def test_playbook_factories_exist():
    """The default playbook factory builds a Playbook."""
    assert isinstance(orl.playbooks.cold_calling(), orl.Playbook)


def test_version_is_a_string():
    """The version comes from the installed metadata."""
    assert isinstance(orl.__version__, str)
    assert orl.__version__


def test_protocols_accept_plain_callables():
    """A plain function with the right keywords is a Policy or a Guard."""

    def my_policy(*, situation):
        return ()

    def my_guard(action, *, situation, planned):
        return action

    assert isinstance(my_policy, orl.Policy)
    assert isinstance(my_guard, orl.Guard)
