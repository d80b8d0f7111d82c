"""Steps of a cadence taken in turn, read from the history alone (issue: declarative cadences).

Where a prospect stands is never stored: ``position`` replays the
history against the steps, oldest first. The rule for touches:

- The cadence starts (the *enrolment*) with the first attempt in the
  history, or, after it ended, with the first attempt once re-enrolment
  allows one. With no attempt yet, the first step is due now.
- An attempt on the channel the current step expects carries that step out,
  whenever it was made and whoever made it (a call step is carried out by a
  call or a voicemail drop). Its outcome picks the next step: a branch in
  ``on`` for that outcome, else ``next``, else the following step.
- Any other attempt is *off-cadence*: it does not move the cadence, yet it
  counts toward the limits (``max_attempts``, ``max_total``) and its
  outcome still ends the cadence when it is an exit.
- An event (a reply, a callback) ends the cadence when it is an exit and is
  otherwise left to the other policies.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from operator import attrgetter

import attrs

from outreach_rules._time import DAY_NAMES, say_day
from outreach_rules.actions import Action, Purpose, replace
from outreach_rules.cadences._check import family, hours_of
from outreach_rules.cadences._model import (
    END,
    FINAL_OUTCOMES,
    RESPONSES,
    Cadence,
    Recipient,
    ReEnrolRule,
    Since,
    Step,
    Unit,
    Variant,
    Wait,
    Window,
    same_channel,
)
from outreach_rules.calendar import Hours
from outreach_rules.channels import PHONE_CHANNELS, Channel, Needs, traits
from outreach_rules.history import Attempt, Event
from outreach_rules.offerings import Offering
from outreach_rules.outcomes import EventKind
from outreach_rules.policies import Halt
from outreach_rules.policies._common import propose, when
from outreach_rules.situation import Situation, business_calendar

__all__ = ["Position", "Sequence", "position", "variant_for"]


def variant_for(cadence: str, step: Step, prospect_id: str) -> Variant | None:
    """The variant of ``step`` this prospect gets: always the same, spread by the weights.

    A stable hash of the cadence name, the step id and the prospect id, so
    the choice never changes between runs, machines or Python versions.
    """
    if not step.variants:
        return None
    total = sum(variant.weight for variant in step.variants)
    digest = hashlib.blake2b(
        f"{cadence}\x1f{step.id}\x1f{prospect_id}".encode(), digest_size=8
    ).digest()
    point = int.from_bytes(digest, "big") % total
    for variant in step.variants:
        if point < variant.weight:
            return variant
        point -= variant.weight
    raise AssertionError("unreachable: the point lies below the total weight")


@attrs.frozen(kw_only=True)
class Taken:
    """A step of the cadence and the attempt that carried it out."""

    step: str
    attempt: Attempt


@attrs.frozen(kw_only=True)
class Position:
    """Where a prospect stands in a cadence, read from the history.

    ``step`` is the next step to take (``None`` once the cadence ended);
    ``taken`` the steps carried out in this round, in order; ``off_cadence``
    the touches of this round that carried out no step. ``ended`` says why
    the round is over and ``final`` whether nothing can restart it.
    """

    round: int = 0
    """1 for the first enrolment, 2 after a re-enrolment…; 0 before the first touch."""
    step: str | None = None
    enrolled: datetime | None = None
    taken: tuple[Taken, ...] = ()
    off_cadence: tuple[Attempt, ...] = ()
    touches: dict[Channel, int] = attrs.field(factory=dict, hash=False)
    """Attempts of this round per channel; voicemail drops count as calls."""
    ended: str | None = None
    ended_at: datetime | None = None
    final: bool = False
    response: bool = False
    """True when the round ended because the prospect answered."""

    @property
    def previous(self) -> Attempt | None:
        """The attempt that carried out the latest step of this round."""
        return self.taken[-1].attempt if self.taken else None


_at = attrgetter("at")


class _Reader:
    """The fold over the history that ``position`` makes."""

    def __init__(self, cadence: Cadence, prospect_id: str, offerings: tuple[Offering, ...]):
        self.cadence = cadence
        self.prospect_id = prospect_id
        self.offerings = offerings
        self.round = 0
        self.step: Step | None = None
        self.enrolled: datetime | None = None
        self.taken: list[Taken] = []
        self.off: list[Attempt] = []
        self.touches: dict[Channel, int] = {}
        self.ended: str | None = None
        self.ended_at: datetime | None = None
        self.final = False
        self.response = False
        self.restart: datetime | None = None
        self.topics: set[str] | None = None
        self.variants: dict[str, Step] = {}

    def read(self, situation: Situation) -> Position:
        exits = self.cadence.exit.names
        history = situation.history
        index, count = 0, len(history)
        while index < count:
            item = history[index]
            index += 1
            if self.ended is not None:
                if self.final or self.restart is None:
                    break  # nothing later can restart this round
                if item.at < self.restart:
                    # Jump to the restart moment rather than step through the pause:
                    # a 20-year history with a round every few months stays cheap.
                    index = bisect.bisect_left(history, self.restart, index, key=_at)
                    continue
                if type(item) is not Attempt:
                    continue
            if type(item) is Event:
                # An opt-out of one channel drops that channel's steps, not the cadence.
                scoped = item.kind is EventKind.OPT_OUT and item.channel is not None
                if item.kind.value in exits and not scoped:
                    self._end(f"{item.kind.value.replace('_', ' ')}", item.at, situation)
                    self.response = item.kind.value in RESPONSES
                    if self.round == 0 and self.response:
                        # They wrote in before any touch: the policies that answer go
                        # first, and their first touch enrols the prospect.
                        self.restart = item.at
                continue
            assert isinstance(item, Attempt)
            self._attempt(item, exits, situation)
        return Position(
            round=self.round,
            step=None
            if self.ended is not None or not self.cadence.steps
            else (self.step or self.cadence.steps[0]).id,
            enrolled=self.enrolled,
            taken=tuple(self.taken),
            off_cadence=tuple(self.off),
            touches=dict(self.touches),
            ended=self.ended,
            ended_at=self.ended_at,
            final=self.final,
            response=self.response,
        )

    def _attempt(self, attempt: Attempt, exits: frozenset[str], situation: Situation) -> None:
        cadence = self.cadence
        if self.round == 0 or self.ended is not None:
            self.round += 1
            self.enrolled = attempt.at
            self.step = cadence.steps[0] if cadence.steps else None
            self.taken, self.off, self.touches = [], [], {}
            self.ended = self.ended_at = None
            self.response = False
        counted = family(attempt.channel)
        self.touches[counted] = self.touches.get(counted, 0) + 1
        step = self._takeable(self.step, attempt, situation)
        target: str | None = None
        if step is not None and same_channel(self._own(step).channel, attempt.channel):
            self.taken.append(Taken(step=step.id, attempt=attempt))
            target = step.on.get(attempt.outcome.value) or cadence.following(step)
        else:
            self.off.append(attempt)
        outcome = attempt.outcome
        if outcome.value in exits:
            self._end(outcome.value.replace("_", " "), attempt.at, situation)
            self.final = outcome in FINAL_OUTCOMES
            self.response = outcome.value in RESPONSES
            return
        limit = cadence.exit.max_attempts.get(counted)
        if limit is not None and self.touches[counted] >= limit:
            self._end(
                f"{self.touches[counted]} {_plural(counted)} made, the most this cadence allows",
                attempt.at,
                situation,
            )
            return
        total = sum(self.touches.values())
        if cadence.exit.max_total is not None and total >= cadence.exit.max_total:
            self._end(f"{total} touches made, the most this cadence allows", attempt.at, situation)
            return
        if target == END:
            self._end("every step taken", attempt.at, situation)
        elif target is not None:
            self.step = cadence.step(target)

    def _own(self, step: Step) -> Step:
        """The step as this prospect gets it, worked out once per step and read."""
        own = self.variants.get(step.id)
        if own is None:
            own = self.variants[step.id] = effective(self.cadence, step, self.prospect_id)
        return own

    def _takeable(self, step: Step | None, attempt: Attempt, situation: Situation) -> Step | None:
        """The step an attempt is measured against: steps planning skips are skipped here too.

        Planning passes over a step nobody can take (no e-mail address, e-mail opted out); an
        attempt that does not carry out such a step is read against the step after it, so the
        skipped step is never proposed again and again.
        """
        cadence = self.cadence
        for _ in range(len(cadence.steps)):
            if step is None:
                return None
            own = self._own(step)
            if same_channel(own.channel, attempt.channel) or _recipient(situation, own):
                return step
            following = cadence.following(step)
            if following == END:
                return step
            step = cadence.step(following)
        return step

    def _end(self, why: str, at: datetime, situation: Situation) -> None:
        self.ended = f"{why} on {when(situation, at)}"
        self.ended_at = at
        # Found once per round, so a long history is still read in one pass.
        rule = self.cadence.re_enrol.rule
        if rule is ReEnrolRule.ON_OFFERING and self.topics is None:
            self.topics = _interests(situation)
        start = restart_at(self.cadence, at, self.offerings, situation, self.topics)
        self.restart = start[0] if start is not None else None


def _plural(channel: Channel) -> str:
    return traits(channel).plural


def restart_at(
    cadence: Cadence,
    ended_at: datetime | None,
    offerings: tuple[Offering, ...],
    situation: Situation,
    interests: set[str] | None = None,
) -> tuple[datetime, str] | None:
    """When a round that ended at ``ended_at`` may start again, and why; ``None`` for never.

    ``interests`` are the prospect's topics when already gathered.
    """
    rule = cadence.re_enrol
    if ended_at is None or rule.rule is ReEnrolRule.NEVER:
        return None
    if rule.rule is ReEnrolRule.AFTER:
        assert rule.days is not None
        # Calendar days in the prospect's zone, whatever zone the history was written in.
        return _wall_days(situation, ended_at, rule.days), f"{rule.days} days after it ended"
    ended_day = situation.local(ended_at).date()
    if not any(o.launched > ended_day for o in offerings):
        return None
    interests = _interests(situation) if interests is None else interests
    matches = [
        o
        for o in offerings
        if o.launched > ended_day and {t.casefold() for t in o.topics} & interests
    ]
    if not matches:
        return None
    offering = min(matches, key=lambda o: (o.launched, o.name))
    launched = situation.calendar.start_of_day(offering.launched)
    return (
        launched,
        f"{offering.name} launched {say_day(offering.launched)} and matches their interests",
    )


def _interests(situation: Situation) -> set[str]:
    """Every topic the prospect or any touch recorded, in lower case."""
    found = set(situation.prospect.interests)
    for item in situation.history:
        found |= item.interests
    return {t.casefold() for t in found}


def effective(cadence: Cadence, step: Step, prospect_id: str) -> Step:
    """``step`` as this prospect gets it: its variant's changes applied."""
    variant = variant_for(cadence.name, step, prospect_id)
    if variant is None:
        return step
    changes = {
        name: getattr(variant, name)
        for name in ("script", "channel", "purpose", "wait", "window", "leave_voicemail")
        if getattr(variant, name) is not None
    }
    if "wait" in changes:
        changes["day"] = None
    if not changes:
        return step
    # The variant was checked when the cadence loaded; its step is built without re-checking
    # branches that were written for the step's own channel.
    copy = object.__new__(Step)
    for field in attrs.fields(Step):
        object.__setattr__(copy, field.name, changes.get(field.name, getattr(step, field.name)))
    return copy


def position(cadence: Cadence, situation: Situation) -> Position:
    """Where the prospect of ``situation`` stands in ``cadence``, from the history alone."""
    return _Reader(cadence, situation.prospect.id, situation.playbook.offerings).read(situation)


@attrs.frozen(kw_only=True)
class Sequence:
    """Take a cadence's steps in turn: due by day or wait, in their window, branching on outcomes.

    Options: ``cadence``, the ``orl.cadences.Cadence`` whose steps, exits
    and re-enrolment rule it follows. Its name is the policy's name.

    Reacts to: every attempt (it replays the history to find the next step;
    see ``position``) and to events listed as exits. Halts when the
    cadence ended for good or cannot restart; steps aside, without halting,
    when the prospect answered, so the policies that answer can act.
    """

    cadence: Cadence

    @property
    def name(self) -> str:
        """The policy's name: the cadence's."""
        return self.cadence.name

    def __call__(self, *, situation: Situation) -> Iterable[Action | Halt]:
        """Propose the next step, re-enrol, or halt."""
        cadence = self.cadence
        if not cadence.steps:
            return ()
        where = position(cadence, situation)
        if where.ended is not None:
            return self._after_end(situation, where)
        assert where.step is not None
        return self._propose(situation, where, cadence.step(where.step), ())

    def _after_end(self, situation: Situation, where: Position) -> Iterable[Action | Halt]:
        cadence = self.cadence
        if where.round == 0 and where.response:
            # An answer before the first touch: the answering policies make that touch.
            return ()
        ended = f"cadence {cadence.name!r} ended: {where.ended}"
        inbound = situation.last_inbound
        if inbound is not None and where.ended_at is not None and inbound.at > where.ended_at:
            # They came back after the end: a new conversation, for the policies that answer.
            return ()
        if where.final:
            return (Halt(reason=ended, policy=self.name),)
        restart = restart_at(cadence, where.ended_at, situation.playbook.offerings, situation)
        if restart is None:
            if where.response:
                return ()
            if cadence.re_enrol.rule is ReEnrolRule.ON_OFFERING:
                ended += "; it starts again when an offering they care about launches"
            return (Halt(reason=ended, policy=self.name),)
        start, why = restart
        fresh = Position(round=where.round + 1, step=cadence.steps[0].id)
        return self._propose(
            situation, fresh, cadence.steps[0], (ended, f"enrol again: {why}"), not_before=start
        )

    def _propose(
        self,
        situation: Situation,
        where: Position,
        step: Step,
        preamble: tuple[str, ...],
        *,
        not_before: datetime | None = None,
    ) -> Iterable[Action | Halt]:
        cadence = self.cadence
        skipped: list[str] = []
        for _ in range(len(cadence.steps)):
            own = effective(cadence, step, situation.prospect.id)
            to = _recipient(situation, own)
            if to is not None:
                break
            skipped.append(f"skipped step {step.id!r}: {_needs(situation, own)}")
            following = cadence.following(step)
            if following == END:
                reason = "; ".join([*preamble, *skipped, "no step left"])
                return (Halt(reason=f"cadence {cadence.name!r}: {reason}", policy=self.name),)
            step = cadence.step(following)
        else:
            return (
                Halt(reason=f"cadence {cadence.name!r}: no step can be taken", policy=self.name),
            )
        previous = where.previous
        last = (previous.at, previous.channel) if previous is not None else None
        due, why = _due(situation, where.enrolled, last, own)
        if not_before is not None:
            due, why = max(due, not_before), "the first step of a new round"
        reasons = [*preamble, _where(cadence, where, step, why), *skipped]
        variant = variant_for(cadence.name, step, situation.prospect.id)
        if variant is not None:
            weights = ", ".join(f"{v.id} {v.weight}" for v in step.variants)
            reasons.append(f"variant {variant.id!r}, fixed for this prospect (weights {weights})")
        if where.off_cadence:
            count = len(where.off_cadence)
            latest = where.off_cadence[-1]
            reasons.append(
                f"{count} touch{'es' if count > 1 else ''} off the cadence (latest "
                f"{latest.channel.value} on {when(situation, latest.at)}) "
                f"{'count' if count > 1 else 'counts'} toward its limits but "
                f"{'take' if count > 1 else 'takes'} no step"
            )
        until: datetime | None = None
        business = True
        if own.window is not None:
            due, until = _in_window(situation, own.window, situation.not_before_now(due))
            business = False
            reasons.append(f"in the step's window, {own.window.describe()}")
        action = propose(
            situation,
            channel=own.channel,
            purpose=own.purpose or _purpose(cadence, step, own.channel),
            earliest=due,
            latest=until,
            policy=self.name,
            reasons=tuple(reasons),
            to=to,
            priority=own.priority,
            leave_voicemail=own.leave_voicemail,
            refers_to=(previous,) if previous is not None else (),
            template=own.script,
            business_hours=business,
            values=self._announce(situation, where, step, own, due),
        )
        return (replace(action, step=step.id, variant=variant.id if variant else None),)

    def _announce(
        self, situation: Situation, where: Position, step: Step, own: Step, due: datetime
    ) -> dict[str, str | None] | None:
        """For a written step: the weekday of the next step, which its words may announce."""
        if traits(own.channel).spoken:
            return None
        following = self.cadence.following(step)
        if following == END:
            return None
        then = effective(self.cadence, self.cadence.step(following), situation.prospect.id)
        moment, _ = _due(situation, where.enrolled or due, (due, own.channel), then)
        moment = max(moment, due)
        office = traits(then.channel).office_hours
        day = situation.calendar.next_open(moment) if office else moment
        return {"weekday": DAY_NAMES[situation.local(day).weekday()]}


def _purpose(cadence: Cadence, step: Step, channel: Channel) -> str:
    known = traits(channel)
    if known.step_purpose is not None:
        return known.step_purpose
    if step is cadence.steps[0] and known.family is None:
        return Purpose.INTRO
    return Purpose.FOLLOW_UP


_NEEDED = {
    Needs.PHONE: "phone number",
    Needs.EMAIL: "e-mail address",
    Needs.ADDRESS: "postal address",
    Needs.PROFILE: "LinkedIn profile",
}


def _needs(situation: Situation, step: Step) -> str:
    if step.channel in situation.opted_out:
        return f"consent: they opted out of {step.channel.value}"
    known = traits(step.channel)
    if known.phone_kinds is not None:
        what = f"{' or '.join(sorted(known.phone_kinds))} number that takes {known.plural}"
    elif step.channel in PHONE_CHANNELS and step.to is Recipient.SWITCHBOARD:
        what = "switchboard number"
    else:
        what = _NEEDED[known.needs]
    return f"no {what} to use"


def _recipient(situation: Situation, step: Step) -> str | None:
    # The switchboard takes calls and voicemail; a text still needs a number that takes texts.
    if step.to is Recipient.SWITCHBOARD and step.channel in PHONE_CHANNELS:
        phone = situation.switchboard()
        return phone.number if phone is not None else None
    return situation.contact_for(step.channel)


def _where(cadence: Cadence, where: Position, step: Step, why: str) -> str:
    number = cadence.steps.index(step) + 1
    return (
        f"cadence {cadence.name!r}, step {step.id!r} ({number} of {len(cadence.steps)}"
        f"{f', round {where.round}' if where.round > 1 else ''}): {why}"
    )


def _due(
    situation: Situation,
    enrolled: datetime | None,
    previous: tuple[datetime, Channel] | None,
    step: Step,
) -> tuple[datetime, str]:
    """When ``step`` falls due after a touch at ``previous`` (time, channel), and how.

    Waits in days are counted in whole days: the step is due from the start
    of that day, and the business hours then place it at their opening.
    """
    if enrolled is None:
        return situation.now, "the first step, due now"
    calendar = situation.calendar
    if step.day is not None:
        due = calendar.add_business_days(enrolled, step.day - 1)
        if step.day > 1:
            due = calendar.next_open(calendar.start_of_day(due.date()))
        return (
            due,
            f"business day {step.day} of the cadence, which started {when(situation, enrolled)}",
        )
    wait = step.wait or _NO_WAIT
    if wait.since is Since.ENROLMENT or previous is None:
        base, what = enrolled, f"the enrolment on {when(situation, enrolled)}"
    else:
        at, channel = previous
        transit = traits(channel).transit_business_days
        if wait.since is Since.ARRIVAL and transit:
            base = calendar.add_business_days(at, transit)
            what = f"the arrival of the {channel.value} sent {when(situation, at)}"
        else:
            base, what = at, f"the {channel.value} on {when(situation, at)}"
    if not wait.amount:
        return base, f"right after {what}"
    if wait.unit is Unit.HOURS:
        # Elapsed hours, counted in UTC: adding to a zoned time would add wall-clock
        # hours, one too many or too few across a daylight-saving switch.
        due = (base.astimezone(UTC) + timedelta(hours=wait.amount)).astimezone(situation.zone)
    else:
        if wait.unit is Unit.BUSINESS_DAYS:
            day = calendar.add_business_days(base, wait.amount).date()
        else:
            day = situation.local(base).date() + timedelta(days=wait.amount)
        due = calendar.next_open(calendar.start_of_day(day))
    return due, f"{wait.describe().split(' after ')[0]} after {what}"


_NO_WAIT = Wait(business_days=0)


def _wall_days(situation: Situation, base: datetime, days: int) -> datetime:
    """``days`` calendar days after ``base`` at the same wall time in the prospect's zone."""
    local = situation.local(base)
    moved = (local.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=situation.zone)
    # A wall time in a spring-forward gap comes out of astimezone as a real instant.
    return moved.astimezone(situation.zone)


@functools.lru_cache(maxsize=256)
def _window_hours(business: Hours, window: Window) -> Hours:
    return business.intersect(hours_of(window))


def _in_window(situation: Situation, window: Window, due: datetime) -> tuple[datetime, datetime]:
    prospect = situation.prospect
    hours = _window_hours(situation.playbook.hours, window)
    calendar = business_calendar(prospect.timezone, hours, prospect.country, prospect.region)
    return calendar.open_window(due)
