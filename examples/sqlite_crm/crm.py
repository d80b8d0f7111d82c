"""A mini-CRM on SQLite: the storage owns the data, outreach_rules makes the decisions.

The pattern, which carries over to any database or CRM:

1. **Storage owns the data.** Prospects, their phones, every attempt and
   event live in SQLite tables. The library never sees the database.
2. **Rows become values at one boundary.** ``load`` reads rows into plain
   dicts and turns them into ``orl.Prospect``, ``orl.Attempt`` and
   ``orl.Event`` through ``orl.from_dict``. A bad row is reported as
   ``prospects row 'p-003': timezone: ...`` (table, row, field), never as a
   traceback, and nothing is planned from half-read data.
3. **The library is called with values and returns decisions.**
   ``orl.plan_day`` turns every (prospect, history) pair into the day's call
   list and its tasks (the e-mails, notes and letters due that day, in
   ``DayPlan.tasks``); ``orl.plan`` gives one prospect's next action. Both are pure: the
   time ``now`` is always passed in, never read from a clock.
4. **Decisions are written back in one transaction.** ``plan`` replaces the
   day's ``call_list`` rows all at once, so a reader never sees half a list.
5. **Re-plan after every new attempt.** ``record`` (and ``work``, which calls
   it for each call) stores the attempt, re-plans that prospect and updates
   the day's list in the same transaction: a receptionist saying "back at
   13:30" puts a 13:30 call on today's list straight away.
6. **Inbound mail is read, not guessed.** ``receive`` reads an e-mail with
   ``orl.read_reply``, finds its prospect by address, stores what
   ``Reply.to_history`` adds (an out-of-office with the day back, a bounce
   that retires the address, an opt-out of e-mail, a reply) and re-plans.

Times are stored as ISO 8601 text with an offset (``2026-11-24T09:00:00-05:00``):
aware, readable, and understood by SQLite's own date functions, so
``ORDER BY julianday(due)`` sorts calls across time zones.

Commands::

    python crm.py init --db crm.db --prospects 20 --seed 1 --day 2026-11-24
    python crm.py plan --db crm.db --day 2026-11-24
    python crm.py work --db crm.db --day 2026-11-24
    python crm.py record --db crm.db p-003 callback_requested --callback-at 2026-11-30T15:00
    python crm.py receive --db crm.db message.eml
    python crm.py demo          # all of the above on a temporary database

Exit codes: 0 success, 2 bad input or bad data (one line per problem on
stderr, naming the table, row and field).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import outreach_rules as orl

# Who is calling: the scripts leave these details in voicemails.
SENDER = orl.Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
PLAYBOOK = orl.playbooks.cold_calling(sender=SENDER)

DEMO_DAY = date(2026, 11, 24)  # a Tuesday
DEMO_NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # 09:00 in London, before New York wakes
CALL_LENGTH = timedelta(minutes=5)  # how far the demo's clock moves after each call

SCHEMA = """
CREATE TABLE prospects (
    id        TEXT PRIMARY KEY,
    name      TEXT,
    company   TEXT,
    timezone  TEXT NOT NULL,                 -- IANA name; the library checks it
    country   TEXT CHECK (country IS NULL OR length(country) = 2),
    region    TEXT,
    city      TEXT,
    emails    TEXT NOT NULL DEFAULT '',      -- separated by ';'
    consumer  INTEGER CHECK (consumer IN (0, 1)),  -- NULL: unknown (stricter rules apply)
    flags     TEXT NOT NULL DEFAULT ''       -- registry flags, e.g. 'presumed_consent'
);

CREATE TABLE phones (
    prospect_id TEXT NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,            -- the order the CRM lists them in
    number      TEXT NOT NULL CHECK (number GLOB '+[1-9]*'),
    kind        TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('direct', 'mobile', 'switchboard', 'home', 'other')),
    PRIMARY KEY (prospect_id, position)
);

-- Every timestamp must end in an offset ('-05:00', '+01:00' or 'Z'): a cheap
-- check that keeps naive times out; the library checks everything else.
CREATE TABLE attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    prospect_id TEXT NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    at          TEXT NOT NULL CHECK (substr(at, -6, 1) IN ('+', '-') OR at LIKE '%Z'),
    channel     TEXT NOT NULL
                CHECK (channel IN ('call', 'voicemail', 'email', 'postcard', 'note')),
    outcome     TEXT NOT NULL,
    "to"        TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    reason      TEXT,
    callback_at TEXT CHECK (callback_at IS NULL
                            OR substr(callback_at, -6, 1) IN ('+', '-')
                            OR callback_at LIKE '%Z'),
    resume_at   TEXT CHECK (resume_at IS NULL
                            OR substr(resume_at, -6, 1) IN ('+', '-')
                            OR resume_at LIKE '%Z'),
    new_phone      TEXT,                     -- a number learned on the call
    new_phone_kind TEXT
);
CREATE INDEX attempts_by_prospect ON attempts (prospect_id);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    prospect_id TEXT NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    at          TEXT NOT NULL CHECK (substr(at, -6, 1) IN ('+', '-') OR at LIKE '%Z'),
    kind        TEXT NOT NULL,
    channel     TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    resume_at   TEXT CHECK (resume_at IS NULL
                            OR substr(resume_at, -6, 1) IN ('+', '-')
                            OR resume_at LIKE '%Z')
);
CREATE INDEX events_by_prospect ON events (prospect_id);

-- Written by the library's decisions, read by the people making the calls.
CREATE TABLE call_list (
    day             TEXT NOT NULL,           -- YYYY-MM-DD, in the prospect's zone
    position        INTEGER NOT NULL,        -- 1 = best; calls added during the day go last
    prospect_id     TEXT NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    due             TEXT NOT NULL,           -- earliest, ISO 8601 with offset
    latest          TEXT NOT NULL,
    channel         TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    "to"            TEXT,
    opener          TEXT,
    voicemail       TEXT,
    leave_voicemail INTEGER NOT NULL CHECK (leave_voicemail IN (0, 1)),
    reasons         TEXT NOT NULL,           -- separated by '; '
    attempt_id      INTEGER REFERENCES attempts (id),  -- set once the call is made
    PRIMARY KEY (day, position)
);
"""


class CrmError(Exception):
    """Bad input or bad stored data: one line per problem, printed without a traceback."""

    def __init__(self, problems: Sequence[str]) -> None:
        # Library messages are one line each; keep it that way whatever the data held.
        self.problems = tuple(" ".join(p.split("\n")) for p in problems)
        super().__init__("\n".join(self.problems))


# -- storage ----------------------------------------------------------------------------


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """Open the database with foreign keys on; refuse to invent an empty one by mistake."""
    path = Path(path)
    if create and path.exists():
        raise CrmError(["already exists; init needs a new file"])
    if not create and not path.exists():
        raise CrmError([f"no such database; create one with: crm.py init --db {path}"])
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _present(row: sqlite3.Row, names: Sequence[str]) -> dict[str, Any]:
    """The named columns that hold a value: NULL means "not given" to the library."""
    return {name: row[name] for name in names if row[name] is not None}


def _prospect_data(row: sqlite3.Row, phones: list[sqlite3.Row]) -> dict[str, Any]:
    data = _present(row, ("id", "timezone", "name", "company", "country", "region", "city"))
    data["phones"] = [{"number": p["number"], "kind": p["kind"]} for p in phones]
    data["emails"] = _split(row["emails"])
    data["flags"] = _split(row["flags"])
    if row["consumer"] is not None:
        data["consumer"] = bool(row["consumer"])
    return data


def _attempt_data(row: sqlite3.Row) -> dict[str, Any]:
    data = _present(
        row, ("at", "channel", "outcome", "to", "notes", "reason", "callback_at", "resume_at")
    )
    if row["new_phone"] is not None:
        data["new_phone"] = {"number": row["new_phone"], "kind": row["new_phone_kind"] or "other"}
    return data


def _event_data(row: sqlite3.Row) -> dict[str, Any]:
    return _present(row, ("at", "kind", "channel", "notes", "resume_at"))


def _read(cls: type[Any], data: dict[str, Any], where: str, problems: list[str]) -> Any | None:
    """Turn one row's data into a library value, or add its problems naming ``where``."""
    try:
        return orl.from_dict(cls, data)
    except orl.InvalidData as exc:
        problems.extend(f"{where}: {problem}" for problem in exc.problems)
    except (ValueError, TypeError) as exc:  # belt and braces: still one located line
        problems.append(f"{where}: {exc}")
    return None


Pair = tuple[orl.Prospect, list[orl.Attempt | orl.Event]]

_ATTEMPTS = "SELECT * FROM attempts WHERE ? IS NULL OR prospect_id = ? ORDER BY id"
_EVENTS = "SELECT * FROM events WHERE ? IS NULL OR prospect_id = ? ORDER BY id"


def load(conn: sqlite3.Connection, prospect_id: str | None = None) -> list[Pair]:
    """Read prospects (all, or one) with their histories, in id order.

    Raises ``CrmError`` listing every bad row as ``table row ID: field: problem``.
    """
    only = (prospect_id, prospect_id)
    rows = conn.execute(
        "SELECT * FROM prospects WHERE ? IS NULL OR id = ? ORDER BY id", only
    ).fetchall()
    phones: dict[str, list[sqlite3.Row]] = {}
    for phone in conn.execute(
        "SELECT * FROM phones WHERE ? IS NULL OR prospect_id = ? ORDER BY prospect_id, position",
        only,
    ):
        phones.setdefault(phone["prospect_id"], []).append(phone)

    problems: list[str] = []
    histories: dict[str, list[orl.Attempt | orl.Event]] = {}
    pairs: list[Pair] = []
    for row in rows:
        data = _prospect_data(row, phones.get(row["id"], []))
        prospect = _read(orl.Prospect, data, f"prospects row {row['id']!r}", problems)
        if prospect is not None:
            histories[prospect.id] = []
            pairs.append((prospect, histories[prospect.id]))

    # A bad prospect's history is skipped, not reported again: its own row says what is wrong.
    for table, query, cls, to_data in (
        ("attempts", _ATTEMPTS, orl.Attempt, _attempt_data),
        ("events", _EVENTS, orl.Event, _event_data),
    ):
        for row in conn.execute(query, only):
            history = histories.get(row["prospect_id"])
            where = f"{table} row {row['id']} (prospect {row['prospect_id']!r})"
            item = _read(cls, to_data(row), where, problems)
            if item is not None and history is not None:
                history.append(item)
    if problems:
        raise CrmError(problems)
    return pairs


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def insert_attempt(conn: sqlite3.Connection, prospect_id: str, attempt: orl.Attempt) -> int:
    """Write one attempt (already validated by ``orl.Attempt``) and return its row id."""
    new_phone = attempt.new_phone
    cursor = conn.execute(
        'INSERT INTO attempts (prospect_id, at, channel, outcome, "to", notes, reason,'
        " callback_at, resume_at, new_phone, new_phone_kind)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            prospect_id,
            _iso(attempt.at),
            attempt.channel.value,
            attempt.outcome.value,
            attempt.to,
            attempt.notes,
            attempt.reason,
            _iso(attempt.callback_at),
            _iso(attempt.resume_at),
            new_phone.number if new_phone else None,
            new_phone.kind.value if new_phone else None,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_event(conn: sqlite3.Connection, prospect_id: str, event: orl.Event) -> int:
    """Write one event (already validated by ``orl.Event``) and return its row id."""
    cursor = conn.execute(
        "INSERT INTO events (prospect_id, at, kind, channel, notes, resume_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            prospect_id,
            _iso(event.at),
            event.kind.value,
            event.channel.value if event.channel else None,
            event.notes,
            _iso(event.resume_at),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _insert_call(
    conn: sqlite3.Connection, day: date, position: int, prospect_id: str, call: orl.Action
) -> None:
    script = call.script
    conn.execute(
        'INSERT INTO call_list (day, position, prospect_id, due, latest, channel, purpose, "to",'
        " opener, voicemail, leave_voicemail, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            day.isoformat(),
            position,
            prospect_id,
            _iso(call.earliest),
            _iso(call.latest),
            call.channel.value,
            str(call.purpose),
            call.to,
            script.opener if script else None,
            script.voicemail if script else None,
            int(call.leave_voicemail),
            "; ".join(call.reasons),
        ),
    )


def write_call_list(conn: sqlite3.Connection, plan: orl.DayPlan) -> None:
    """Replace the day's call list with ``plan.calls``, all in one transaction."""
    with conn:  # commits on success, rolls back on any error
        conn.execute("DELETE FROM call_list WHERE day = ?", (plan.day.isoformat(),))
        for position, call in enumerate(plan.calls, 1):
            assert call.prospect_id is not None  # plan_day names the prospect of every call
            _insert_call(conn, plan.day, position, call.prospect_id, call)


# -- decisions ----------------------------------------------------------------------------


def plan(
    conn: sqlite3.Connection, day: date, *, goal: int = 50, now: datetime | None = None
) -> orl.DayPlan:
    """Load everything, plan ``day`` and write its call list back; ``now=None``: start of day."""
    pairs = load(conn)
    day_plan = orl.plan_day(pairs, day=day, goal=goal, playbook=PLAYBOOK, now=now)
    write_call_list(conn, day_plan)
    return day_plan


def record(
    conn: sqlite3.Connection, prospect_id: str, attempt: orl.Attempt, *, now: datetime
) -> orl.Plan:
    """Store an attempt, re-plan its prospect as of ``now`` and update that day's call list.

    In one transaction: the attempt is inserted, the prospect's open row on
    the day's list is marked done with it, and if the new plan has another
    call due the same day (the receptionist said "back at 13:30"), that call
    is added at the end of the list.
    """
    pairs = load(conn, prospect_id)
    if not pairs:
        raise CrmError([f"prospects: no prospect with id {prospect_id!r}"])
    prospect, history = pairs[0]
    new_plan = orl.plan(prospect, [*history, attempt], now=max(now, attempt.at), playbook=PLAYBOOK)

    tz = ZoneInfo(prospect.timezone)
    day = attempt.at.astimezone(tz).date()
    with conn:
        attempt_id = insert_attempt(conn, prospect.id, attempt)
        conn.execute(
            "UPDATE call_list SET attempt_id = ?"
            " WHERE day = ? AND prospect_id = ? AND attempt_id IS NULL",
            (attempt_id, day.isoformat(), prospect.id),
        )
        listed = conn.execute(
            "SELECT count(*), coalesce(max(position), 0) FROM call_list WHERE day = ?",
            (day.isoformat(),),
        ).fetchone()
        again = next(
            (
                a
                for a in new_plan.actions
                if a.channel is orl.Channel.CALL and a.earliest.astimezone(tz).date() == day
            ),
            None,
        )
        if again is not None and listed[0]:  # only days that have a list get additions
            _insert_call(conn, day, listed[1] + 1, prospect.id, again)
    return new_plan


def receive(
    conn: sqlite3.Connection, raw: bytes, *, received_at: datetime, now: datetime
) -> tuple[orl.Reply, str | None, orl.Plan | None]:
    """Read one inbound e-mail, store what it adds to its prospect's history, re-plan them.

    The prospect is the one whose address the mail came from or, for a
    bounce, failed on. Returns the reading, the prospect's id and new plan
    (both ``None`` when no prospect has that address: nothing is stored).
    """
    reply = orl.read_reply(raw, received_at=received_at)
    address = (reply.address if reply.kind is orl.ReplyKind.BOUNCE else None) or reply.sender
    found = next(
        (pair for pair in load(conn) if address in (e.lower() for e in pair[0].emails)), None
    )
    if found is None:
        return reply, None, None
    prospect, history = found
    # Read again knowing the prospect: the day back is then in their zone.
    reply = orl.read_reply(raw, received_at=received_at, prospect=prospect)
    added = reply.to_history(history)
    with conn:
        for item in added:
            if isinstance(item, orl.Attempt):
                insert_attempt(conn, prospect.id, item)
            else:
                insert_event(conn, prospect.id, item)
    new_plan = orl.plan(prospect, [*history, *added], now=max(now, received_at), playbook=PLAYBOOK)
    return reply, prospect.id, new_plan


# -- generated data ------------------------------------------------------------------------

# Zones, with a country, a region and fictional number ranges: 555-01xx in North
# America, Ofcom's drama range 020 7946 0xxx, and the German film range 030 23125 xxx.
_ZONES = (
    ("America/New_York", "US", "NY", "New York", "+1212555{:04d}", 100),
    ("America/Chicago", "US", "IL", "Chicago", "+1312555{:04d}", 100),
    ("America/Los_Angeles", "US", "CA", "San Francisco", "+1415555{:04d}", 100),
    ("Europe/London", "GB", None, "London", "+44207946{:04d}", 0),
    ("Europe/Berlin", "DE", "BE", "Berlin", "+493023125{:03d}", 0),
)
_FIRST = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim")
_LAST = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson")
_COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne")
# Past outcomes, weighted like a real week of cold calls; none ends the cadence.
_PAST = (
    ["no_answer"] * 5
    + ["voicemail"] * 3
    + ["gatekeeper"] * 2
    + ["busy", "left", "connected", "callback_requested", "bad_timing"]
)


def _working_days_before(day: date, count: int) -> list[date]:
    days: list[date] = []
    current = day
    while len(days) < count:
        current -= timedelta(days=1)
        if current.weekday() < 5:
            days.append(current)
    return days[::-1]


def generate(conn: sqlite3.Connection, count: int, seed: int, day: date) -> None:
    """Fill an empty database with ``count`` prospects and a week of history before ``day``."""
    rng = random.Random(seed)
    week = _working_days_before(day, 5)
    with conn:
        for i in range(count):
            zone_name, country, region, city, number, base = _ZONES[i % len(_ZONES)]
            tz = ZoneInfo(zone_name)
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            company = rng.choice(_COMPANIES)
            pid = f"p-{i + 1:03d}"
            # B2B contacts; in Germany a business call needs presumed consent on record,
            # which most have; the rest show the compliance guard refusing the call.
            flags = "presumed_consent" if country == "DE" and rng.random() < 0.7 else ""
            conn.execute(
                "INSERT INTO prospects (id, name, company, timezone, country, region, city,"
                " emails, consumer, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                (
                    pid,
                    f"{first} {last}",
                    f"{company} {city}",
                    zone_name,
                    country,
                    region,
                    city,
                    f"{first.lower()}.{last.lower()}@{company.lower()}.example",
                    flags,
                ),
            )
            direct = number.format(base + i % 90)
            phones = [(direct, "direct")]
            if rng.random() < 0.5:
                phones.append((number.format(base + 99 - i % 9), "switchboard"))
            for position, (phone, kind) in enumerate(phones, 1):
                conn.execute(
                    "INSERT INTO phones (prospect_id, position, number, kind) VALUES (?, ?, ?, ?)",
                    (pid, position, phone, kind),
                )
            # Four in ten are new; the rest were called on one to three days last week.
            tries = 0 if rng.random() < 0.4 else rng.randint(1, 3)
            for past_day in sorted(rng.sample(week, tries)):
                at = datetime.combine(past_day, time(rng.randint(9, 16), rng.choice((0, 30))), tz)
                outcome = rng.choice(_PAST)
                callback_at = None
                if outcome == "callback_requested":
                    callback_at = datetime.combine(day, time(rng.randint(10, 16)), tz)
                attempt = orl.Attempt(
                    at=at, channel="call", outcome=outcome, to=direct, callback_at=callback_at
                )
                insert_attempt(conn, pid, attempt)
            if tries and rng.random() < 0.15:  # they called back while we were out
                at = datetime.combine(week[-1], time(17, 15), tz)
                conn.execute(
                    "INSERT INTO events (prospect_id, at, kind, channel, notes)"
                    " VALUES (?, ?, 'callback', 'call', 'returned our call after hours')",
                    (pid, at.isoformat()),
                )


def init(path: str | Path, *, prospects: int, seed: int, day: date) -> sqlite3.Connection:
    """Create the database, its schema and generated data; return the open connection."""
    conn = connect(path, create=True)
    conn.executescript(SCHEMA)
    generate(conn, prospects, seed, day)
    return conn


# -- showing things ----------------------------------------------------------------------


def _when(moment: datetime) -> str:
    return f"{moment:%a %d %b %H:%M %Z}"


def describe_next(new_plan: orl.Plan) -> str:
    """One line: the prospect's next action, why the cadence stopped, or that nothing is due."""
    if new_plan.halted:
        return f"halted: {new_plan.halted}"
    action = new_plan.next
    if action is None:
        return "nothing planned"
    to = f" to {action.to}" if action.to else ""
    return f"next: {action.channel} {action.purpose}{to} on {_when(action.earliest)}"


def show_call_list(conn: sqlite3.Connection, day: date) -> str:
    """The day's call list as stored, one line per call, with the prospect's name."""
    rows = conn.execute(
        "SELECT c.*, p.name, p.timezone FROM call_list c JOIN prospects p ON p.id = c.prospect_id"
        " WHERE c.day = ? ORDER BY c.position",
        (day.isoformat(),),
    ).fetchall()
    lines = [f"Call list for {day.isoformat()}: {len(rows)} calls"]
    for row in rows:
        due = datetime.fromisoformat(row["due"]).astimezone(ZoneInfo(row["timezone"]))
        done = "  (done)" if row["attempt_id"] is not None else ""
        lines.append(
            f"{row['position']:>3}. {_when(due)} · {row['prospect_id']} {row['name']} · "
            f"{row['purpose']} · {row['to'] or 'no number'}{done}"
        )
    return "\n".join(lines)


def show_tasks(day_plan: orl.DayPlan) -> str:
    """The day's tasks (``DayPlan.tasks``: e-mails, notes, letters), best first, with names."""
    names = {p.id: p.name for p in day_plan.prospects}
    lines = [f"Tasks for {day_plan.day.isoformat()}: {len(day_plan.tasks)}"]
    for number, task in enumerate(day_plan.tasks, 1):
        who = task.prospect_id or "?"
        lines.append(
            f"{number:>3}. {_when(task.earliest)} · {task.channel} · {who} {names.get(who) or ''}"
            f" · {task.purpose} · {task.to or 'no address'}"
        )
    return "\n".join(lines)


def _summary(day_plan: orl.DayPlan) -> str:
    """Counts for the day, then each prospect a guard left with nothing, and why."""
    halted = sum(1 for p in day_plan.plans if p.halted)
    refused = [p for p in day_plan.plans if p.vetoed and not p.actions and not p.halted]
    lines = [
        f"{len(day_plan.plans)} prospects: {len(day_plan.calls)} calls listed, "
        f"{len(day_plan.tasks)} tasks, {len(day_plan.carried)} carried to the next day, "
        f"{halted} halted, "
        f"{len(refused)} with every action refused"
    ]
    # A vetoed action carries the guard's reason last.
    lines.extend(f"  refused {p.prospect_id}: {p.vetoed[0].reasons[-1]}" for p in refused)
    return "\n".join(lines)


# -- turning typed text into values ------------------------------------------------------------


def moment(text: str, tz: ZoneInfo | None, what: str) -> datetime:
    """Read ISO 8601 text; without an offset it is wall time in ``tz`` (the prospect's zone)."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise CrmError([f"{what}: {text!r} is not ISO 8601, e.g. 2026-11-30T15:00"]) from None
    if parsed.tzinfo is not None:
        return parsed
    if tz is None:
        raise CrmError([f"{what}: {text!r} has no offset; add one, e.g. {text}-05:00"])
    local = parsed.replace(tzinfo=tz)
    if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != parsed:
        raise CrmError([f"{what}: {text!r} does not exist in {tz.key} (clocks skip it)"])
    return local


# Every outcome a call can have: all but those of the written channels.
MENU = tuple(
    o for o in orl.Outcome if o not in (orl.Outcome.SENT, orl.Outcome.BOUNCED, orl.Outcome.RETURNED)
)
"""The outcomes a caller picks from, by name or number."""

# This CRM's own call results are the library's outcome names. They are read like any CRM's
# dispositions, so that callers used to another tool's words can keep them: with
# --system hubspot, "Left voicemail" or "left-live-message" record as the outcomes they mean.
OWN_RESULTS = {outcome.value: outcome for outcome in MENU}
"""This CRM's call results, the table given to ``orl.dispositions.from_disposition``."""


def parse_answer(answer: str, at: datetime, *, system: str | None = None) -> dict[str, Any]:
    """Turn ``gatekeeper back=13:30 cell=+19175550123 at lunch`` into attempt fields.

    The first word is the outcome (a name, or its number in the menu; with
    ``system``, also that CRM's result, words joined by hyphens); then
    ``callback=WHEN`` (they asked to be called then), ``back=WHEN`` (away
    until then), ``cell=+NUMBER`` (a number learned); any other words are
    notes. ``WHEN`` is ``HH:MM`` today or ``YYYY-MM-DDTHH:MM``, in the
    prospect's zone (the zone of ``at``).
    """
    words = answer.split()
    if not words:
        raise CrmError(["type an outcome, e.g. no_answer"])
    fields: dict[str, Any] = {"outcome": _outcome(words[0], system)}
    notes: list[str] = []
    tz = at.tzinfo if isinstance(at.tzinfo, ZoneInfo) else None
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if not sep:
            notes.append(word)
        elif key in ("callback", "back"):
            if ":" in value and "T" not in value:  # HH:MM on the day of the call
                value = f"{at.date().isoformat()}T{value}"
            fields["callback_at" if key == "callback" else "resume_at"] = moment(value, tz, key)
        elif key == "cell":
            fields["new_phone"] = {"number": value, "kind": "mobile"}
        else:
            raise CrmError([f"{key}: unknown detail; use callback=, back= or cell="])
    fields["notes"] = " ".join(notes)
    return fields


def _outcome(word: str, system: str | None = None) -> orl.Outcome:
    """The outcome of a typed call result: a menu number, this CRM's name or ``system``'s."""
    if word.isdigit() and 1 <= int(word) <= len(MENU):
        return MENU[int(word) - 1]
    try:
        return orl.dispositions.from_disposition(word, system=system, table=OWN_RESULTS)
    except ValueError:
        valid = ", ".join(o.value for o in MENU)
        also = ""
        if system is not None:
            names = orl.dispositions.known_names(system)[:3]
            also = f", or a {system} result such as {', '.join(map(repr, names))}"
        raise CrmError([f"outcome: {word!r} is not one of: {valid}{also}"]) from None


def make_attempt(**fields: Any) -> orl.Attempt:
    """Validate typed fields through ``orl.Attempt`` before anything is written."""
    try:
        return orl.Attempt(**fields)
    except (ValueError, TypeError) as exc:
        raise CrmError([f"attempt: {exc}"]) from None


# -- working the list ----------------------------------------------------------------------


def _next_open(conn: sqlite3.Connection, day: date, skipped: set[int]) -> sqlite3.Row | None:
    # Read again after every call: recording one may have added a call for later today.
    rows: list[sqlite3.Row] = conn.execute(
        "SELECT c.*, p.name, p.company, p.timezone FROM call_list c"
        " JOIN prospects p ON p.id = c.prospect_id"
        " WHERE c.day = ? AND c.attempt_id IS NULL ORDER BY julianday(c.due), c.position",
        (day.isoformat(),),
    ).fetchall()
    return next((row for row in rows if row["position"] not in skipped), None)


def work(
    conn: sqlite3.Connection,
    day: date,
    ask: Callable[[str], str],
    *,
    now: datetime | None = None,
    system: str | None = None,
) -> int:
    """Walk the day's open calls in time order, asking ``ask`` for each outcome; return calls made.

    ``system`` names the CRM whose call results the caller may also type
    (see ``orl.dispositions``).

    With ``now``, a simulated clock: each call is made at its due time or
    ``now``, whichever is later, and the clock moves on by ``CALL_LENGTH``.
    Without, each attempt is stamped with the real time it was typed.
    ``ask`` raising ``EOFError``, or a blank answer or ``q``, stops the walk.
    """
    listed = conn.execute("SELECT 1 FROM call_list WHERE day = ?", (day.isoformat(),)).fetchone()
    if listed is None:
        raise CrmError([f"call_list: no calls for {day.isoformat()}; run plan --day first"])
    print("Outcomes: " + "  ".join(f"{i}={o.value}" for i, o in enumerate(MENU, 1)))
    print("Add callback=WHEN, back=WHEN, cell=+NUMBER or notes; s skips, q or blank stops.")
    made = 0
    skipped: set[int] = set()
    while (row := _next_open(conn, day, skipped)) is not None:
        tz = ZoneInfo(row["timezone"])
        due = datetime.fromisoformat(row["due"]).astimezone(tz)
        print(f"\n#{row['position']} {row['name']} ({row['company']}) · {row['purpose']}")
        print(f"  due {_when(due)} · call {row['to'] or 'no number on file'}")
        print(f"  why: {row['reasons'].split('; ')[0]}")
        if row["opener"]:
            print(f"  say: {row['opener']}")
        if row["leave_voicemail"] and row["voicemail"]:
            print(f"  if no answer, leave: {row['voicemail']}")
        while True:
            try:
                answer = ask("  outcome? ").strip()
            except EOFError:
                answer = "q"
                print("\n(end of input)")
            if answer.lower() in ("", "q"):
                left = conn.execute(
                    "SELECT count(*) FROM call_list WHERE day = ? AND attempt_id IS NULL",
                    (day.isoformat(),),
                ).fetchone()[0]
                print(f"\nStopped. Calls recorded: {made}; still open on the list: {left}.")
                return made
            if answer.lower() == "s":
                skipped.add(row["position"])
                break
            at = (datetime.now(UTC) if now is None else max(now, due)).astimezone(tz)
            try:
                fields = parse_answer(answer, at, system=system)
                attempt = make_attempt(at=at, channel="call", to=row["to"], **fields)
                new_plan = record(conn, row["prospect_id"], attempt, now=at)
            except CrmError as exc:
                print(f"  {exc} (try again)")
                continue
            made += 1
            print(f"  recorded {attempt.outcome.value} at {_when(at)}; {describe_next(new_plan)}")
            if now is not None:
                now = at + CALL_LENGTH
            break
    print(f"\nThe list is done. Calls recorded: {made}; skipped: {len(skipped)}.")
    return made


def ask_stdin(prompt: str) -> str:
    """Read one answer from standard input, echoing it when it was piped in."""
    answer = input(prompt)
    if not sys.stdin.isatty():
        print(answer)
    return answer


# -- the demo ----------------------------------------------------------------------------

SCRIPTED = (
    "no_answer",  # Berlin, who called us back yesterday
    "gatekeeper back=13:30 at lunch",  # London switchboard: a 13:30 call joins today's list
    "callback_requested callback=2026-11-30T15:00 closing the quarter",
    "meeting_booked",  # the London call after lunch: that cadence is done
    "do_not_contact",  # New York: never again
    "voicemail",  # New York: asking the receptionist joins today's list...
    "gatekeeper cell=+19175550142 cell from reception",  # ...who gives a cell number to try
    "connected",  # on the cell
    "no_answer",
    "meeting_booked",
    # Then the input ends: the rest of the list stays open for the next session.
)
"""Outcomes the demo types, in the order its calls come up (seed 0, day 2026-11-24)."""


def scripted(answers: Sequence[str]) -> Callable[[str], str]:
    """An ``ask`` that plays ``answers`` in turn, printing each, then reports end of input."""
    queue: Iterator[str] = iter(answers)

    def ask(prompt: str) -> str:
        answer = next(queue, None)
        if answer is None:
            raise EOFError
        print(f"{prompt}{answer}")
        return answer

    return ask


def _demo_inbox(conn: sqlite3.Connection) -> list[bytes]:
    """Two invented messages for the demo: an out-of-office and a bounce, to generated addresses."""
    # Two prospects whose cadence goes on (a booked meeting would end it anyway).
    query = (
        "SELECT emails FROM prospects WHERE id NOT IN (SELECT prospect_id FROM attempts"
        " WHERE outcome IN ('meeting_booked', 'do_not_contact')) ORDER BY id LIMIT 2"
    )
    first, second = (row["emails"] for row in conn.execute(query))
    away = (
        f"From: {first}\nTo: {SENDER.email}\nSubject: Automatic reply: A quick question\n"
        "Auto-Submitted: auto-replied\nContent-Type: text/plain; charset=utf-8\n\n"
        "Thank you for your note. I am out of the office until December 4.\n"
    )
    bounce = (
        f"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: {SENDER.email}\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
        f"Final-Recipient: rfc822; {second}\nAction: failed\nStatus: 5.1.1\n--B--\n"
    )
    return [away.encode(), bounce.encode()]


def demo() -> None:
    """Init, plan, work the list with scripted outcomes, read the inbox, then plan the next day."""
    with tempfile.TemporaryDirectory() as folder:
        conn = init(Path(folder) / "crm.db", prospects=12, seed=0, day=DEMO_DAY)
        try:
            print(f"== plan {DEMO_DAY}")
            day_plan = plan(conn, DEMO_DAY)
            print(_summary(day_plan))
            print(show_call_list(conn, DEMO_DAY))
            print(show_tasks(day_plan))
            print(f"\n== work {DEMO_DAY} (scripted outcomes, clock from {DEMO_NOW:%H:%M %Z})")
            work(conn, DEMO_DAY, scripted(SCRIPTED), now=DEMO_NOW)
            print()
            print(show_call_list(conn, DEMO_DAY))
            arrived = DEMO_NOW + timedelta(hours=8)
            print(f"\n== inbox ({len(_demo_inbox(conn))} messages, {arrived:%H:%M %Z})")
            for raw in _demo_inbox(conn):
                reply, prospect_id, new_plan = receive(conn, raw, received_at=arrived, now=arrived)
                print(f"{prospect_id}: {reply.explain().splitlines()[0]}")
                if new_plan is not None:
                    print(f"  {describe_next(new_plan)}")
            following = DEMO_DAY + timedelta(days=1)
            print(f"\n== plan {following}")
            day_plan = plan(conn, following)
            print(_summary(day_plan))
            print(show_call_list(conn, following))
            print(show_tasks(day_plan))
        finally:
            conn.close()


# -- command line --------------------------------------------------------------------------


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2026-11-24") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm.py",
        description="A mini-CRM on SQLite that asks outreach_rules whom to call.",
        epilog="With no command, runs the demo.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    init_ = commands.add_parser("init", help="create a database with generated prospects")
    init_.add_argument("--db", required=True)
    init_.add_argument("--prospects", type=int, default=20, help="how many (default 20)")
    init_.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    init_.add_argument(
        "--day", type=_day, help="the first day to plan; history is the week before (default today)"
    )
    plan_ = commands.add_parser("plan", help="write and print the day's call list")
    plan_.add_argument("--db", required=True)
    plan_.add_argument("--day", type=_day, required=True)
    plan_.add_argument("--goal", type=int, default=50, help="calls a day (default 50)")
    plan_.add_argument("--now", help="plan as of this ISO time (default: start of the day)")
    record_ = commands.add_parser("record", help="record one attempt and show the next action")
    record_.add_argument("--db", required=True)
    record_.add_argument("prospect_id")
    record_.add_argument(
        "outcome", help="e.g. no_answer, gatekeeper, meeting_booked, or a --system result"
    )
    systems = sorted(orl.dispositions.SYSTEMS)
    record_.add_argument(
        "--system", choices=systems, help="also read that CRM's call results, e.g. hubspot"
    )
    record_.add_argument("--channel", default="call", choices=[c.value for c in orl.Channel])
    record_.add_argument("--to", help="number used (default: the one on today's list)")
    record_.add_argument("--at", help="when (default: now); without offset, prospect's zone")
    record_.add_argument("--callback-at", help="when they asked to be called back")
    record_.add_argument("--resume-at", help="away until then")
    record_.add_argument("--new-phone", help="a number learned, e.g. a cell")
    record_.add_argument("--new-phone-kind", default="mobile", help="default mobile")
    record_.add_argument("--notes", default="")
    record_.add_argument("--reason", help="why not interested, in their words")
    record_.add_argument("--now", help="the current time, ISO with offset (default: the clock)")
    work_ = commands.add_parser("work", help="call down the day's list, typing outcomes")
    work_.add_argument("--db", required=True)
    work_.add_argument("--day", type=_day, required=True)
    work_.add_argument(
        "--now", help="simulate the clock from this ISO time (default: the real clock)"
    )
    work_.add_argument(
        "--system", choices=systems, help="also read that CRM's call results, e.g. hubspot"
    )
    receive_ = commands.add_parser("receive", help="read one inbound e-mail and store it")
    receive_.add_argument("--db", required=True)
    receive_.add_argument("message", help="the e-mail as received (.eml)")
    receive_.add_argument("--at", help="when it arrived, ISO with offset (default: the clock)")
    commands.add_parser("demo", help="run everything on a temporary database")
    return parser


def _record_command(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    pairs = load(conn, args.prospect_id)
    if not pairs:
        raise CrmError([f"prospects: no prospect with id {args.prospect_id!r}"])
    prospect = pairs[0][0]
    tz = ZoneInfo(prospect.timezone)
    now = datetime.now(UTC) if args.now is None else moment(args.now, None, "--now")
    at = now if args.at is None else moment(args.at, tz, "--at")
    to = args.to
    if to is None and args.channel == "call":
        row = conn.execute(
            'SELECT "to" FROM call_list WHERE day = ? AND prospect_id = ? AND attempt_id IS NULL',
            (at.astimezone(tz).date().isoformat(), prospect.id),
        ).fetchone()
        to = row["to"] if row else next((p.number for p in prospect.phones), None)
    new_phone = None
    if args.new_phone:
        new_phone = {"number": args.new_phone, "kind": args.new_phone_kind}
    attempt = make_attempt(
        at=at.astimezone(tz),
        channel=args.channel,
        outcome=_outcome(args.outcome, args.system),
        to=to,
        notes=args.notes,
        reason=args.reason,
        callback_at=None
        if args.callback_at is None
        else moment(args.callback_at, tz, "--callback-at"),
        resume_at=None if args.resume_at is None else moment(args.resume_at, tz, "--resume-at"),
        new_phone=new_phone,
    )
    new_plan = record(conn, prospect.id, attempt, now=now)
    print(f"recorded {attempt.outcome.value} for {prospect.id} at {_when(attempt.at)}")
    print(describe_next(new_plan))


def _receive_command(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    try:
        raw = Path(args.message).read_bytes()
    except OSError as exc:
        raise CrmError([f"{args.message}: cannot read: {exc.strerror}"]) from None
    now = datetime.now(UTC)
    at = now if args.at is None else moment(args.at, None, "--at")
    reply, prospect_id, new_plan = receive(conn, raw, received_at=at, now=now)
    print(f"{args.message}: {reply.explain()}")
    if new_plan is None:
        print("no prospect has that address: nothing stored")
    else:
        print(f"stored for {prospect_id}; {describe_next(new_plan)}")


def run(args: argparse.Namespace) -> None:
    """Run one parsed command."""
    if args.command in (None, "demo"):
        demo()
        return
    if args.command == "init":
        day = args.day or datetime.now(UTC).date()
        conn = init(args.db, prospects=args.prospects, seed=args.seed, day=day)
        conn.close()
        print(f"{args.db}: {args.prospects} prospects, history up to {day.isoformat()}")
        return
    conn = connect(args.db)
    try:
        if args.command == "plan":
            now = None if args.now is None else moment(args.now, None, "--now")
            day_plan = plan(conn, args.day, goal=args.goal, now=now)
            print(_summary(day_plan))
            print(show_call_list(conn, args.day))
            print(show_tasks(day_plan))
        elif args.command == "record":
            _record_command(conn, args)
        elif args.command == "receive":
            _receive_command(conn, args)
        elif args.command == "work":
            now = None if args.now is None else moment(args.now, None, "--now")
            work(conn, args.day, ask_stdin, now=now, system=args.system)
    finally:
        conn.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, run the command; bad input or data: one line per problem, exit 2."""
    args = _parser().parse_args(argv)
    where = getattr(args, "db", None)
    prefix = f"{where}: " if where else ""
    try:
        run(args)
    except CrmError as exc:
        for problem in exc.problems:
            print(f"{prefix}{problem}", file=sys.stderr)
        return 2
    except (orl.InvalidData, ValueError, TypeError) as exc:  # e.g. a negative --goal
        print(f"{prefix}{' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except (sqlite3.Error, ZoneInfoNotFoundError) as exc:
        print(f"{prefix}database error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
