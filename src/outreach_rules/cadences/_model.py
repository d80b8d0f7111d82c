"""The values a cadence file is made of: steps, waits, windows, variants, exits, re-enrolment.

Every class here is the file format itself: a TOML table or a JSON object
maps field for field onto it, so the JSON Schema is generated from these
classes and ``orl.to_dict`` writes them back. Checks that need the whole
cadence (a branch to a missing step, a loop nothing bounds) run when the
``Cadence`` is made and report every problem at once, each with its path.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from datetime import time
from typing import Any

import attrs

from outreach_rules import _validate as v
from outreach_rules.cadences._shape import as_list, as_table
from outreach_rules.channels import Channel, kindred, valid_outcomes
from outreach_rules.errors import InvalidData
from outreach_rules.outcomes import ENDINGS, EventKind, Outcome

__all__ = [
    "END",
    "Cadence",
    "Exits",
    "PolicyRef",
    "ReEnrol",
    "ReEnrolRule",
    "Recipient",
    "Since",
    "Step",
    "Unit",
    "Variant",
    "Wait",
    "Window",
]

END = "end"
"""The step id that means "the cadence is over", for ``next`` and branches."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class Unit(enum.StrEnum):
    """What a wait counts."""

    BUSINESS_DAYS = "business_days"
    DAYS = "days"
    HOURS = "hours"


class Since(enum.StrEnum):
    """What a wait counts from."""

    PREVIOUS = "previous"
    """The previous step's touch."""
    ARRIVAL = "arrival"
    """The previous step's arrival: its touch plus mail transit for a letter or card."""
    ENROLMENT = "enrolment"
    """The first touch of the cadence."""


class Recipient(enum.StrEnum):
    """Which of the prospect's numbers a call step dials."""

    BEST = "best"
    """A number learned on an earlier call, then direct, mobile, other, home, switchboard."""
    SWITCHBOARD = "switchboard"
    """The company's main line: for steps that ask the receptionist."""


class ReEnrolRule(enum.StrEnum):
    """When a prospect whose cadence ended starts it again."""

    NEVER = "never"
    AFTER = "after"
    """``days`` calendar days after the cadence ended."""
    ON_OFFERING = "on_offering"
    """When an offering launched after the end matches what the prospect cares about."""


# Outcomes that end the cadence for good: no re-enrolment follows them.
FINAL_OUTCOMES = ENDINGS | {Outcome.DO_NOT_CONTACT}
# Exits that mean the prospect answered: the cadence steps aside for the
# policies that answer them, rather than halting the whole plan.
RESPONSES = frozenset(
    {
        EventKind.REPLY.value,
        EventKind.CALLBACK.value,
        EventKind.INTEREST.value,
        EventKind.CONNECTION_REQUEST.value,
        Outcome.INTERESTED.value,
        Outcome.CALLBACK_REQUESTED.value,
        Outcome.CONNECTED.value,
        Outcome.BAD_TIMING.value,
    }
)
EXIT_NAMES = tuple(sorted({o.value for o in Outcome} | {k.value for k in EventKind}))
ALWAYS_EXITS = frozenset({Outcome.DO_NOT_CONTACT.value, EventKind.OPT_OUT.value})
DEFAULT_EXITS = frozenset(
    {
        EventKind.REPLY.value,
        EventKind.CALLBACK.value,
        EventKind.INTEREST.value,
        Outcome.INTERESTED.value,
        Outcome.CALLBACK_REQUESTED.value,
        Outcome.MEETING_BOOKED.value,
        Outcome.NOT_INTERESTED.value,
        Outcome.LEFT_COMPANY.value,
    }
)


def _as_since(value: Any) -> Any:
    return v.reshape_enum(Since, value)


def _as_recipient(value: Any) -> Any:
    return v.reshape_enum(Recipient, value)


def _as_reenrolrule(value: Any) -> Any:
    return v.reshape_enum(ReEnrolRule, value)


def _on(value: Any) -> dict[str, str]:
    return as_table(value, "on")


def _options(value: Any) -> dict[str, Any]:
    return as_table(value, "options")


MAX_COUNT = 10_000
"""The largest whole number a cadence counts to (10,000 days is over 27 years): planning
with a larger one would run past the last date a datetime holds."""


def _count(_instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not int or value < 0:
        raise v.field_error(
            ValueError if type(value) is int else TypeError,
            attribute.name,
            f"expected a whole number ≥ 0, got {value!r}",
        )
    if value > MAX_COUNT:
        raise v.field_error(
            ValueError, attribute.name, f"expected at most {MAX_COUNT:,}, got {value!r}"
        )


def _optional_count(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _count(instance, attribute, value)


def _step_id(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise v.field_error(
            ValueError,
            attribute.name,
            f"{value!r} is not a step id: use 1–64 lower-case letters, digits, '-' or '_', "
            "starting with a letter or digit",
        )


def _optional_step_id(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _step_id(instance, attribute, value)


def _clock(value: object, field: str) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", value.strip())
        if match:
            return time(int(match[1]), int(match[2]))
    raise v.field_error(
        ValueError, field, f"{value!r} is not a time of day such as '09:30' (24-hour clock)"
    )


def _start(value: object) -> time:
    return _clock(value, "start")


def _end(value: object) -> time:
    return _clock(value, "end")


def _days(value: object) -> tuple[str, ...]:
    items = as_list(value, "days")
    days: list[str] = []
    for i, item in enumerate(items):
        name = item.lower()[:3] if isinstance(item, str) else item
        if name not in WEEKDAYS:
            raise v.field_error(
                ValueError, f"days[{i}]", f"{item!r} is not a weekday; use {', '.join(WEEKDAYS)}"
            )
        days.append(name)
    return tuple(sorted(set(days), key=WEEKDAYS.index))


@attrs.frozen(kw_only=True)
class Window:
    """A daily window in the prospect's own time, on some weekdays: ``09:00``–``11:30``, Mon–Fri."""

    start: time = attrs.field(default=time(9), converter=_start)
    """Opening time, `HH:MM`."""
    end: time = attrs.field(default=time(17), converter=_end)
    """Closing time, `HH:MM`, after the opening."""
    days: tuple[str, ...] = attrs.field(default=WEEKDAYS[:5], converter=_days)
    """Weekdays as three-letter names, ``mon`` … ``sun``."""

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise v.field_error(
                ValueError, "end", f"{self.end:%H:%M} is not after start {self.start:%H:%M}"
            )
        if not self.days:
            raise v.field_error(ValueError, "days", "a window needs at least one weekday")

    @property
    def weekdays(self) -> tuple[int, ...]:
        """The days as numbers, Monday 0."""
        return tuple(WEEKDAYS.index(d) for d in self.days)

    def describe(self) -> str:
        """``'09:00–11:30 Mon–Fri'``."""
        days = self.days
        if days == WEEKDAYS[:5]:
            named = "Mon–Fri"
        elif days == WEEKDAYS:
            named = "every day"
        else:
            named = ", ".join(d.capitalize() for d in days)
        return f"{self.start:%H:%M}–{self.end:%H:%M} {named}"


@attrs.frozen(kw_only=True)
class Wait:
    """How long after the previous step (or its arrival, or the enrolment) a step is due.

    Give exactly one of ``business_days``, ``days`` (calendar days, same
    wall-clock time) or ``hours``.
    """

    business_days: int | None = attrs.field(default=None, validator=_optional_count)
    """Business days (Monday to Friday, off holidays in the prospect's country)."""
    days: int | None = attrs.field(default=None, validator=_optional_count)
    """Calendar days, at the same wall-clock time in the prospect's zone."""
    hours: int | None = attrs.field(default=None, validator=_optional_count)
    """Hours; 0 means at once."""
    since: Since = attrs.field(
        default=Since.PREVIOUS,
        converter=_as_since,
        validator=v.is_enum(Since),
    )
    """What the wait counts from: `previous` (default), `arrival` or `enrolment`."""

    def __attrs_post_init__(self) -> None:
        given = [f for f in ("business_days", "days", "hours") if getattr(self, f) is not None]
        if len(given) != 1:
            what = " and ".join(given) if given else "none"
            raise ValueError(f"give exactly one of business_days, days or hours (got {what})")

    @property
    def unit(self) -> Unit:
        """What the wait counts."""
        if self.business_days is not None:
            return Unit.BUSINESS_DAYS
        return Unit.DAYS if self.days is not None else Unit.HOURS

    @property
    def amount(self) -> int:
        """How many of ``unit``."""
        value = self.business_days if self.business_days is not None else self.days
        value = value if value is not None else self.hours
        assert value is not None
        return value

    def describe(self) -> str:
        """``'2 business days after the previous step'``."""
        unit = self.unit.value.replace("_", " ")
        if self.amount == 1:
            unit = unit[:-1]
        since = {
            Since.PREVIOUS: "the previous step",
            Since.ARRIVAL: "the previous step arrives",
            Since.ENROLMENT: "the enrolment",
        }[self.since]
        return f"{self.amount} {unit} after {since}"


@attrs.frozen(kw_only=True)
class Variant:
    """One version of a step, for A/B tests: what it changes and its share of prospects."""

    id: str = attrs.field(validator=_step_id)
    """The variant's name, unique within the step; plans carry it as `variant`."""
    weight: int = attrs.field(default=1, validator=_count)
    """Its share of prospects, relative to the other variants' weights."""
    script: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """A template key in place of the step's."""
    channel: Channel | None = attrs.field(
        default=None, converter=v.as_optional_channel, validator=v.is_enum(Channel, optional=True)
    )
    """Another channel than the step's."""
    purpose: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """Another purpose than the step's."""
    wait: Wait | None = None
    """Another wait than the step's."""
    window: Window | None = None
    """Another window than the step's."""
    leave_voicemail: bool | None = attrs.field(default=None, validator=v.is_optional_bool)
    """Whether to leave a voicemail, in place of the step's choice."""


@attrs.frozen(kw_only=True)
class Step:
    """One touch of the cadence: a channel, when it is due, its words and where it leads.

    ``day`` is the business day counted from the enrolment (1 is the day of
    the first touch); ``wait`` counts from the previous step instead; give
    at most one. ``next`` is the step after this one (the following step of
    the file by default, ``"end"`` to finish); ``on`` branches on the
    outcome of this step's touch, e.g. ``{"gatekeeper": "ask-cell"}``.
    """

    id: str = attrs.field(validator=_step_id)
    """The step's name, unique in the cadence: lower-case letters, digits, `-`, `_`; not `end`."""
    channel: Channel = attrs.field(converter=v.as_channel, validator=v.is_enum(Channel))
    """How the touch is made: `call`, `voicemail`, `email`, `postcard` or `note`."""
    purpose: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """Defaults to ``intro`` for the first step, ``drip`` for a postcard, ``letter`` for a
    note, and ``follow_up`` otherwise."""
    day: int | None = attrs.field(default=None, validator=_optional_count)
    """The business day of the cadence the step is due, counted from the enrolment (1)."""
    wait: Wait | None = None
    """How long after the previous step (or its arrival, or the enrolment) it is due."""
    window: Window | None = None
    """When in the day the step may be taken; within the business hours."""
    script: str | None = attrs.field(default=None, validator=v.is_optional_name)
    """A template key in place of the purpose's own, e.g. ``follow_up:voicemail_last_resort``."""
    to: Recipient = attrs.field(
        default=Recipient.BEST,
        converter=_as_recipient,
        validator=v.is_enum(Recipient),
    )
    """Which number a call dials: `best` (default) or `switchboard`."""
    leave_voicemail: bool = attrs.field(default=False, validator=v.is_bool)
    """Leave a voicemail if nobody answers."""
    priority: int = attrs.field(default=50, validator=v.is_int)
    """Higher comes first when actions compete; 50 by default."""
    next: str | None = attrs.field(default=None, validator=_optional_step_id)
    """The step after this one, or `end`; the following step of the file by default."""
    on: Mapping[str, str] = attrs.field(factory=dict, converter=_on, hash=False)
    """Branches on this step's outcome: an outcome name to the id of the step it leads to."""
    variants: tuple[Variant, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Variant)
    )
    """Versions of the step for A/B tests; each prospect always gets the same one."""

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.wait is not None:
            raise v.field_error(ValueError, "day", "give either day or wait, not both")
        if self.day == 0:
            raise v.field_error(ValueError, "day", "days are counted from 1 (the enrolment day)")
        valid = frozenset().union(*(valid_outcomes(c) for c in kindred(self.channel)))
        for outcome, target in self.on.items():
            if outcome not in valid:
                names = ", ".join(sorted(o.value for o in valid))
                raise v.field_error(
                    ValueError,
                    v.key_path("on", outcome),
                    f"{outcome!r} is not an outcome of a {self.channel.value}; valid: {names}",
                )
            if not isinstance(target, str) or not _ID.match(target):
                raise v.field_error(
                    ValueError, v.key_path("on", outcome), f"{target!r} is not a step id"
                )
        seen: set[str] = set()
        for i, variant in enumerate(self.variants):
            if variant.id in seen:
                raise v.field_error(ValueError, f"variants[{i}].id", f"{variant.id!r} repeats")
            seen.add(variant.id)
        if self.variants and not sum(variant.weight for variant in self.variants):
            raise v.field_error(
                ValueError, "variants", "the weights add up to 0: give at least one a weight"
            )


def same_channel(step_channel: Channel, attempt_channel: Channel) -> bool:
    """True when an attempt on ``attempt_channel`` carries out a step on ``step_channel``.

    A call step is done by a call or a voicemail drop, and the other way round.
    """
    return attempt_channel is step_channel or attempt_channel in kindred(step_channel)


def _exit_names(value: object) -> frozenset[str]:
    names = as_list(sorted(value) if isinstance(value, (set, frozenset)) else value, "on")
    for i, name in enumerate(names):
        if name not in EXIT_NAMES:
            raise v.field_error(
                ValueError,
                f"on[{i}]",
                f"{name!r} is not an outcome or event; valid: {', '.join(EXIT_NAMES)}",
            )
    return frozenset(names)


def _channel_counts(value: object) -> dict[Channel, int]:
    counts: dict[Channel, int] = {}
    for key, count in as_table(value, "max_attempts").items():
        if key == Channel.VOICEMAIL.value:
            raise v.field_error(
                ValueError, "max_attempts.voicemail", "voicemail drops count as calls: use call"
            )
        try:
            channel = Channel(key)
        except ValueError:
            valid = ", ".join(c.value for c in Channel)
            raise v.field_error(
                ValueError,
                v.key_path("max_attempts", key),
                f"{key!r} is not a channel; valid: {valid}",
            ) from None
        if type(count) is not int or count < 1:
            raise v.field_error(
                ValueError,
                v.key_path("max_attempts", key),
                f"expected a whole number ≥ 1, got {count!r}",
            )
        counts[channel] = count
    return counts


@attrs.frozen(kw_only=True)
class Exits:
    """What ends the cadence: outcomes or events, and limits on the number of touches.

    Do-not-contact and an opt-out always end it, whether listed or not.
    """

    on: frozenset[str] = attrs.field(default=DEFAULT_EXITS, converter=_exit_names)
    """Outcomes and events that end the cadence."""
    max_attempts: Mapping[Channel, int] = attrs.field(
        factory=dict, converter=_channel_counts, hash=False
    )
    """The most touches per channel (a call and a voicemail drop both count as calls)."""
    max_total: int | None = attrs.field(default=None, validator=_optional_count)
    """The most touches in all, on every channel."""

    @property
    def names(self) -> frozenset[str]:
        """Every exit, the ones that always apply included."""
        return self.on | ALWAYS_EXITS


@attrs.frozen(kw_only=True)
class ReEnrol:
    """Whether a prospect starts the cadence again once it ended (never after a final exit)."""

    rule: ReEnrolRule = attrs.field(
        default=ReEnrolRule.NEVER,
        converter=_as_reenrolrule,
        validator=v.is_enum(ReEnrolRule),
    )
    """`never` (default), `after` some days, or `on_offering` when a matching offering launches."""
    days: int | None = attrs.field(default=None, validator=_optional_count)
    """Calendar days after the end, for rule `after`."""

    def __attrs_post_init__(self) -> None:
        if self.rule is ReEnrolRule.AFTER and not self.days:
            raise v.field_error(ValueError, "days", "rule 'after' needs days ≥ 1")
        if self.rule is not ReEnrolRule.AFTER and self.days is not None:
            raise v.field_error(ValueError, "days", f"rule {self.rule.value!r} takes no days")


@attrs.frozen(kw_only=True)
class PolicyRef:
    """A policy or guard named in a cadence file, with its options.

    In a file: a name (``"reconnect"``) or a table with ``use`` and the
    options (``{use = "follow_up", delays = [1, 2, 4]}``).
    """

    use: str = attrs.field(validator=v.is_name)
    options: Mapping[str, Any] = attrs.field(factory=dict, converter=_options, hash=False)


DEFAULT_GUARDS = (PolicyRef(use="out_of_office_hold"), PolicyRef(use="business_hours"))


def _compliance(value: object) -> frozenset[str]:
    from outreach_rules.compliance.registry import include_names

    return include_names(as_list(value, "compliance"))


@attrs.frozen(kw_only=True)
class Cadence:
    """A playbook written as data: steps with branches, exits, variants and named policies.

    ``steps`` run in file order unless ``next`` or a branch says otherwise;
    ``policies`` add named policies beside them (answering callbacks,
    sending information) and ``guards`` named guards (the out-of-office hold
    and business hours unless the file says otherwise). ``markets`` are the
    countries (``"US"``) or regions (``"US-FL"``) the cadence is meant for:
    step windows are checked against their calling hours. Turn it into a
    playbook with ``to_playbook``.
    """

    name: str = attrs.field(validator=v.is_name)
    """The cadence's name: the playbook's and the policy's name in every plan."""
    description: str = attrs.field(default="", validator=v.is_text)
    """What the cadence is for, in a sentence or two."""
    format: int = attrs.field(default=1, validator=v.is_int)
    """The version of the file format; 1."""
    steps: tuple[Step, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(Step)
    )
    """The touches, in order unless ``next`` or a branch says otherwise."""
    exit: Exits = attrs.field(factory=Exits)
    """What ends the cadence."""
    re_enrol: ReEnrol = attrs.field(factory=ReEnrol)
    """Whether it starts again once ended."""
    policies: tuple[PolicyRef, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.all_of(PolicyRef)
    )
    """Named policies beside the steps, e.g. ``reconnect`` to answer callbacks."""
    guards: tuple[PolicyRef, ...] = attrs.field(
        default=DEFAULT_GUARDS, converter=v.as_tuple, validator=v.all_of(PolicyRef)
    )
    """Named guards; the engine's own (do-not-contact, lawful hours…) always run too."""
    business_hours: Window = attrs.field(factory=Window)
    """When calls and e-mails go out, in the prospect's zone."""
    compliance: frozenset[str] = attrs.field(default=frozenset(), converter=_compliance)
    """Opt-in compliance packs, e.g. ``["us-debt"]``."""
    markets: tuple[str, ...] = attrs.field(
        default=(), converter=v.as_tuple, validator=v.is_text_tuple
    )
    """Countries or regions the cadence is for (``US``, ``US-FL``): windows are checked
    against their calling hours."""

    def __attrs_post_init__(self) -> None:
        if self.format != 1:
            raise InvalidData([f"format: {self.format!r} is not a known format; this is 1"])
        if not self.steps and not self.policies:
            raise InvalidData(["steps: a cadence needs steps or policies; it has neither"])
        from outreach_rules.cadences._check import problems

        found = problems(self)
        if found:
            raise InvalidData(found)

    def step(self, step_id: str) -> Step:
        """The step with this id."""
        for step in self.steps:
            if step.id == step_id:
                return step
        known = ", ".join(s.id for s in self.steps)
        raise KeyError(f"no step {step_id!r}; steps: {known}")

    def following(self, step: Step) -> str:
        """The id of the step after ``step`` when no branch applies (``"end"`` after the last)."""
        if step.next is not None:
            return step.next
        index = self.steps.index(step)
        return self.steps[index + 1].id if index + 1 < len(self.steps) else END

    def to_playbook(self, **options: Any) -> Any:
        """Build the ``orl.Playbook`` this cadence describes.

        Takes the playbook options ``sender``, ``offerings``, ``trips`` and
        ``templates``, and ``policies``/``guards``: extra factories by name
        beside the built-in ones and the installed plugins.
        """
        from outreach_rules.cadences._compile import to_playbook

        return to_playbook(self, **options)
