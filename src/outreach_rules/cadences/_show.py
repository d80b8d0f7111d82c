"""A cadence as a timeline people can read: its steps in order, when, how, and where they lead."""

from __future__ import annotations

from outreach_rules.cadences._model import END, Cadence, ReEnrolRule, Since, Step, Variant

__all__ = ["describe_step", "rows", "summary", "timeline"]


def _when(step: Step, first: bool = False) -> str:
    if first:
        return "at enrolment"
    if step.day is not None:
        return f"day {step.day}"
    if step.wait is None or not step.wait.amount:
        if step.wait is not None and step.wait.since is Since.ENROLMENT:
            return "at enrolment"
        return "right after the previous step"
    return step.wait.describe()


def _variant(variant: Variant, total: int) -> str:
    share = f"{variant.weight * 100 / total:.0f} %"
    changes = [
        f"{name.replace('_', ' ')} {getattr(variant, name)}"
        for name in ("channel", "purpose", "script", "leave_voicemail")
        if getattr(variant, name) is not None
    ]
    if variant.wait is not None:
        changes.append(variant.wait.describe())
    if variant.window is not None:
        changes.append(variant.window.describe())
    return f"{variant.id} {share}" + (f" ({', '.join(changes)})" if changes else "")


def describe_step(cadence: Cadence, step: Step) -> dict[str, str]:
    """One step as short texts: when, what, and where it leads."""
    what = [step.channel.value]
    if step.purpose:
        what.append(f"({step.purpose})")
    if step.to.value != "best":
        what.append(f"to the {step.to.value}")
    if step.window is not None:
        what.append(step.window.describe())
    if step.script:
        what.append(f"script {step.script}")
    if step.leave_voicemail:
        what.append("leave a voicemail")
    leads = [f"{o.replace('_', ' ')} → {t}" for o, t in step.on.items()]
    following = cadence.following(step)
    index = cadence.steps.index(step)
    natural = cadence.steps[index + 1].id if index + 1 < len(cadence.steps) else END
    if following != natural or following == END:
        leads.append(f"then → {following}")
    total = sum(v.weight for v in step.variants)
    variants = ", ".join(_variant(v, total) for v in step.variants)
    return {
        "id": step.id,
        "when": _when(step, first=index == 0),
        "what": " ".join(what),
        "leads": " · ".join(leads),
        "variants": variants,
    }


def rows(cadence: Cadence) -> list[dict[str, str]]:
    """Every step described, in file order."""
    return [describe_step(cadence, step) for step in cadence.steps]


def _many(word: str, count: int) -> str:
    word = "e-mail" if word == "email" else word
    return word if count == 1 else f"{word}s"


def summary(cadence: Cadence) -> list[str]:
    """The lines about the cadence as a whole: hours, exits, limits, re-enrolment, policies."""
    lines = [f"business hours {cadence.business_hours.describe()}"]
    if cadence.markets:
        lines.append(f"markets {', '.join(cadence.markets)}")
    if cadence.steps:
        exits = ", ".join(sorted(n.replace("_", " ") for n in cadence.exit.on))
        limits = [f"{n} {_many(c.value, n)}" for c, n in cadence.exit.max_attempts.items()]
        if cadence.exit.max_total is not None:
            limits.append(f"{cadence.exit.max_total} touches in all")
        lines.append(f"exits on {exits or 'do-not-contact only'}")
        if limits:
            lines.append(f"at most {', '.join(limits)}")
        rule = cadence.re_enrol
        if rule.rule is ReEnrolRule.AFTER:
            lines.append(f"starts again {rule.days} days after it ends")
        elif rule.rule is ReEnrolRule.ON_OFFERING:
            lines.append("starts again when a matching offering launches")
        else:
            lines.append("never starts again once ended")
    if cadence.policies:
        lines.append(f"policies {', '.join(p.use for p in cadence.policies)}")
    lines.append(f"guards {', '.join(g.use for g in cadence.guards) or 'the engine’s only'}")
    if cadence.compliance:
        lines.append(f"compliance packs {', '.join(sorted(cadence.compliance))}")
    return lines


def timeline(cadence: Cadence) -> str:
    """The cadence as plain text: a heading, the steps one per line, then the rest."""
    out = [cadence.name + (f": {cadence.description}" if cadence.description else "")]
    width = max((len(s.id) for s in cadence.steps), default=0)
    when_width = max((len(r["when"]) for r in rows(cadence)), default=0)
    for number, row in enumerate(rows(cadence), start=1):
        out.append(f"{number:>3}. {row['id']:<{width}}  {row['when']:<{when_width}}  {row['what']}")
        indent = " " * (7 + width)
        if row["leads"]:
            out.append(f"{indent}{row['leads']}")
        if row["variants"]:
            out.append(f"{indent}variants: {row['variants']}")
    out += [f"  · {line}" for line in summary(cadence)]
    return "\n".join(out)
