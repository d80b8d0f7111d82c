"""A calling bot that follows ``plan.next`` live, one call at a time.

Run it in a terminal and type each call's outcome when asked::

    python examples/bot_loop.py

Outcomes are the names of ``orl.Outcome`` (``no_answer``, ``voicemail``,
``gatekeeper``, ``connected``, ``meeting_booked``...), optionally followed
by what the receptionist said: ``back=13:30`` (back at that time today),
``cell=+19175550123`` (a number to try). Without a terminal (in CI, or with
input piped in), it reads the outcomes from standard input, one per line,
and when there are none it plays a scripted receptionist conversation.

The bot also reads its inbox with ``orl.read_reply``: in the scripted run
an automatic reply to the marketing team's newsletter arrives from Ada's
mailbox. Read as an out-of-office, not as a reply, it holds the cadence
until she is back instead of ending it.
"""

from __future__ import annotations

import sys
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import outreach_rules as orl

NEW_YORK = ZoneInfo("America/New_York")
SCRIPTED = [
    "voicemail",  # the direct line goes to voicemail...
    "gatekeeper back=13:30",  # ...so the bot asks the receptionist: at lunch until 13:30
    "no_answer",  # after lunch, still nobody
    "gatekeeper cell=+19175550123",  # the receptionist gives a cell number
    "connected",  # reached on the cell, a good chat
    "meeting_booked",  # the follow-up books the meeting
]
# What arrives in the bot's inbox, and when: an invented auto-reply.
INBOX = [
    (
        datetime(2026, 11, 23, 13, 32, tzinfo=NEW_YORK),
        b"""From: Ada Lovelace <ada@example.com>
To: news@example.com
Subject: Automatic reply: Our November newsletter
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

I am at a trade fair and back in the office on November 26.
""",
    )
]


def parse(answer: str, moment: datetime) -> dict[str, object]:
    """Turn ``gatekeeper back=13:30`` into attempt fields."""
    words = answer.split()
    if not words:
        raise ValueError("type an outcome, e.g. no_answer")
    fields: dict[str, object] = {"outcome": orl.Outcome(words[0])}
    for word in words[1:]:
        key, _, value = word.partition("=")
        if key == "back":
            hour, minute = (int(x) for x in value.split(":"))
            fields["resume_at"] = datetime.combine(moment.date(), time(hour, minute), moment.tzinfo)
        elif key == "cell":
            fields["new_phone"] = orl.Phone(number=value, kind="mobile")
        else:
            raise ValueError(f"unknown detail {key!r}: use back=HH:MM or cell=+NUMBER")
    return fields


def answers() -> list[str] | None:
    """The outcomes to play: piped input, the scripted conversation, or None to ask live."""
    if sys.stdin is not None and sys.stdin.isatty():
        return None
    piped = [line.strip() for line in sys.stdin] if sys.stdin is not None else []
    return [line for line in piped if line] or list(SCRIPTED)


def read_inbox(
    prospect: orl.Prospect, history: list[orl.Attempt | orl.Event], until: datetime
) -> None:
    """Read the mail that arrived by ``until`` and append what each adds to the history."""
    while INBOX and INBOX[0][0] <= until:
        received_at, raw = INBOX.pop(0)
        reply = orl.read_reply(raw, received_at=received_at, prospect=prospect)
        print(f"\n{received_at:%a %d %b %H:%M} · inbox: {reply.explain().splitlines()[0]}")
        history.extend(reply.to_history(history))


def run(queue: list[str] | None) -> list[orl.Attempt | orl.Event]:
    """Follow plan.next until the plan halts; return the history it made."""
    ada = orl.Prospect(
        id="ada",
        name="Ada Lovelace",
        timezone="America/New_York",
        phones=(
            orl.Phone(number="+12125550100", kind="direct"),
            orl.Phone(number="+12125550000", kind="switchboard"),
        ),
        emails=("ada@example.com",),
        country="US",
        region="NY",
    )
    me = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
    book = orl.playbooks.cold_calling(sender=me)
    clock = datetime(2026, 11, 23, 9, 0, tzinfo=NEW_YORK)
    history: list[orl.Attempt | orl.Event] = []
    for _ in range(20):
        plan = orl.plan(ada, history, now=clock, playbook=book)
        if plan.next is not None and INBOX:
            read_inbox(ada, history, until=max(clock, plan.next.earliest))
            plan = orl.plan(ada, history, now=clock, playbook=book)
        if plan.halted:
            print(f"\nDone: {plan.halted}")
            return history
        action = plan.next
        assert action is not None
        clock = max(clock, action.earliest)
        print(f"\n{clock:%a %d %b %H:%M} · {action.channel} {action.purpose} → {action.to}")
        print(f"  why: {action.reasons[0]}")
        if action.script is not None:
            print(f"  say: {action.script.opener}")
        if action.channel != orl.Channel.CALL:
            fields: dict[str, object] = {"outcome": orl.Outcome.SENT}
            print("  (sent)")
        else:
            if queue is None:
                answer = input("  outcome? ")
            elif queue:
                answer = queue.pop(0)
                print(f"  outcome: {answer}")
            else:
                print("\nNo more outcomes to play.")
                return history
            fields = parse(answer, clock)
        history.append(
            orl.Attempt(at=clock, channel=action.channel, to=action.to, **fields)  # type: ignore[arg-type]
        )
        clock += timedelta(minutes=5)
    return history


def main() -> None:
    """Play the conversation and check the receptionist flow happened as practised."""
    queue = answers()
    scripted = queue == SCRIPTED
    history = run(queue)
    if scripted:
        events = [e.kind for e in history if isinstance(e, orl.Event)]
        # The auto-reply was read as an absence, not as an answer.
        assert events == [orl.EventKind.OUT_OF_OFFICE]
        history = [a for a in history if isinstance(a, orl.Attempt)]
        tried = [(a.to, a.outcome) for a in history]
        # After voicemail on the direct line, the very next call was the switchboard.
        assert tried[1] == ("+12125550000", orl.Outcome.GATEKEEPER)
        # Back from lunch at 13:30: the direct line again, at 13:30.
        assert history[2].at.time() == time(13, 30)
        # The cell number from the receptionist was called next, and the meeting booked.
        assert any(a.to == "+19175550123" for a in history)
        assert history[-1].outcome is orl.Outcome.MEETING_BOOKED


if __name__ == "__main__":
    main()
