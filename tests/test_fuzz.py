"""Fuzzing every entry point that takes outside data: only documented errors, located, bounded.

The entry points are ``from_dict`` (test_hostile_input.py covers it with
arbitrary JSON; here with mangled valid values), ``parse_datetime``, cadence
files (test_cadence_properties.py covers mangled JSON and arbitrary TOML;
here mangled TOML lines and sizes), the command line's data files
(``plan``, ``day``, ``explain``, ``validate``, run in-process on a file of
arbitrary bytes or mangled JSON Lines), script templates and ``lint``.

"Bounded" is written as input sizes: each size test feeds an input large
enough that work quadratic in its length would take minutes, so a
regression shows up as a suite that does not finish, never as a flaky
timing assertion.
"""

from __future__ import annotations

import copy
import io
import json
import re
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import _json_paths as json_paths
import outreach_rules as orl
from outreach_rules import strategies as ors
from outreach_rules.actions import Script
from outreach_rules.cadences import InvalidCadence
from outreach_rules.cli import main
from outreach_rules.exchange import parse_datetime
from outreach_rules.lint import CODES, lint
from outreach_rules.prospects import Sender
from outreach_rules.scripts import MissingValues, Template

NOW = "2026-11-23T09:00:00-05:00"

# Values that have broken parsers elsewhere: the ends of the datetime range, a time in a DST
# gap, numbers just past a limit, placeholders, control and line-break characters.
HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\u2028",
        "\ufeff",
        "é",
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00+14:00",
        "0001-01-01T00:00:00[Asia/Tokyo]",
        "2026-03-08T02:30:00[America/New_York]",
        "2026-11-01T01:30:00-05:00[America/New_York]",
        "2026-11-20T16:05:00",
        "2026-11-20T16:05:00Z[Mars/Olympus]",
        "P99999999999D",
        "+1" + "9" * 20,
        "+12125550100",
        "a@" + "." * 50 + "@",
        "{__class__}",
        "{0.__init__.__globals__}",
        "__import__('os').system('true')",
        "os:system",
        "x" * 300,
    ]
)
HOSTILE = (
    HOSTILE_TEXT
    | st.sampled_from([None, True, False, -1, 0, 2**63, 10**30, 1e308, -0.0, 0.5, [], {}])
    | st.text(max_size=12)
)


@st.composite
def mangled(draw: st.DrawFn, valid: st.SearchStrategy[Any]) -> Any:
    """A valid JSON-like value after one to three drops, replacements or added keys."""
    data = json.loads(json.dumps(draw(valid)))
    for _ in range(draw(st.integers(1, 3))):
        places = json_paths.places(data)
        if not places:
            return draw(HOSTILE)
        path = draw(st.sampled_from(places))
        parent = json_paths.parent(data, path)
        how = draw(st.sampled_from(["drop", "replace", "replace", "add"]))
        if how == "drop":
            del parent[path[-1]]
        elif how == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["idd", "extra", "at", "kind", "outcome"]))] = draw(HOSTILE)
        else:
            parent[path[-1]] = draw(HOSTILE)
        data = copy.deepcopy(data)
    return data


def outcome(errors: Any, call: Any, *args: Any, **kwargs: Any) -> Any:
    """What ``call`` returns, or the exception of ``errors`` it raised; anything else raises."""
    try:
        return call(*args, **kwargs)
    except errors as exc:
        return exc


# -- from_dict -----------------------------------------------------------------------------

_VALID = st.one_of(
    ors.prospects().map(lambda v: (orl.Prospect, orl.to_dict(v))),
    ors.attempts().map(lambda v: (orl.Attempt, orl.to_dict(v))),
    ors.events().map(lambda v: (orl.Event, orl.to_dict(v))),
    ors.senders().map(lambda v: (orl.Sender, orl.to_dict(v))),
    ors.offerings().map(lambda v: (orl.Offering, orl.to_dict(v))),
    ors.trips().map(lambda v: (orl.Trip, orl.to_dict(v))),
)
_HEAD = re.compile(r"^(\(top\)|\[|[A-Za-z_][A-Za-z0-9_]*)")


@given(st.data())
def test_mangled_values_load_or_raise_invalid_data_at_a_real_place(data):
    """A mangled valid value loads and round-trips, or raises InvalidData at a field it has."""
    cls, valid = data.draw(_VALID)
    raw = data.draw(mangled(st.just(valid)))
    value = outcome(orl.InvalidData, orl.from_dict, cls, raw)
    if isinstance(value, orl.InvalidData):
        assert value.problems
        names = {a.name.lstrip("_") for a in attrs.fields(cls)}
        keys = set(raw) if isinstance(raw, dict) else set()
        for problem in value.problems:
            assert ": " in problem, problem
            head = _HEAD.match(problem)
            assert head is not None, problem
            assert head[1] in {"(top)", "[", *names, *keys}, problem
        return
    assert isinstance(value, cls)
    assert orl.from_dict(cls, orl.to_dict(value)) == value


@given(st.text(max_size=40) | HOSTILE_TEXT | ors.moments().map(lambda m: m.isoformat() + "x"))
def test_parse_datetime_gives_an_aware_datetime_in_range_or_a_value_or_type_error(text):
    """Any text parses to an aware datetime in 1900–2999, or raises ValueError or TypeError."""
    moment = outcome((ValueError, TypeError), parse_datetime, text)
    if isinstance(moment, Exception):
        assert str(moment).strip()
        return
    assert isinstance(moment, datetime)
    assert moment.utcoffset() is not None
    assert 1900 <= moment.year <= 2999


@pytest.mark.parametrize(
    "text",
    ["9999-12-31T23:00:00+00:00", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00[Asia/Tokyo]"],
)
def test_datetimes_at_the_ends_of_the_range_are_refused_with_their_path(text):
    """A history time in year 1 or 9999 is refused by from_dict, naming the field (regression)."""
    data = {"at": text, "channel": "call", "outcome": "no_answer"}
    with pytest.raises(orl.InvalidData, match=r"^at: .*the year (1|9999) is not in 1900–2999"):
        orl.from_dict(orl.Attempt, data)


# -- the command line ----------------------------------------------------------------------


def _record(prospect: orl.Prospect, history: list[Any]) -> dict[str, Any]:
    return {"prospect": orl.to_dict(prospect), "history": [orl.to_dict(h) for h in history]}


_RECORDS = ors.prospects().flatmap(
    lambda p: ors.histories(p, max_size=4).map(lambda h: _record(p, h))
)
_LINES = st.lists(mangled(_RECORDS) | _RECORDS, min_size=1, max_size=3)
_DATA_FILES = st.one_of(
    _LINES.map(lambda rs: "\n".join(json.dumps(r) for r in rs).encode()),
    _LINES.map(lambda rs: json.dumps(rs, indent=1).encode()),
    st.binary(max_size=200),
    st.text(alphabet='[]{}",:0123456789 \n\r\tatrue\u2028', max_size=80).map(str.encode),
)
_COMMANDS = st.sampled_from(
    [
        ["plan", "--now", NOW],
        ["plan", "--now", NOW, "--json"],
        ["day", "--day", "2026-11-24"],
        ["day", "--day", "2026-11-24", "--now", NOW, "--json"],
        ["explain", "--now", NOW, "--prospect", "p-a"],
    ]
)


def run_cli(command: list[str], data: bytes, suffix: str) -> tuple[int, str, str, str]:
    """Run ``outreach-rules`` in-process on a file holding ``data``; code, out, err, file name."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / f"input{suffix}")
        Path(path).write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main([command[0], path, *command[1:]])
    return code, out.getvalue(), err.getvalue(), path


def _check_one_located_line(code: int, out: str, err: str, path: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    if code == 0:
        assert err == ""
        return
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"outreach-rules: {path}: "), err
    assert len(lines[0]) > len(f"outreach-rules: {path}: ")


# Found by this test: day plans colleagues together, and one id twice at one account
# escaped as a traceback.
_TWICE = b'{"prospect": {"id": "p-a", "timezone": "UTC", "account": "globex"}}\n' * 2


@given(_COMMANDS, _DATA_FILES)
@example(["day", "--day", "2026-11-24"], _TWICE)
def test_data_file_commands_exit_0_or_2_with_one_located_line(command, data):
    """plan, day and explain on any file exit 0, or 2 with one stderr line naming the file."""
    code, out, err, path = run_cli(command, data, ".jsonl")
    _check_one_located_line(code, out, err, path)
    if code == 0 and command[0] == "plan" and "--json" in command:
        for line in out.splitlines():
            assert orl.from_dict(orl.Plan, json.loads(line)).prospect_id


# The shipped cadence files: the built-in playbooks and the examples.
_EXAMPLES = [
    *(
        files("outreach_rules.cadences") / "builtin" / f"{name}.toml"
        for name in orl.cadences.builtin_names()
    ),
    *sorted((Path(__file__).parent.parent / "examples" / "cadences").glob("*.toml")),
]
_TOML_LINES = [
    "[[steps]]",
    'id = "x"',
    'channel = "fax"',
    "day = 99999999999999999999",
    "day = 10001",
    "wait = { hours = -1 }",
    'window = { start = "25:00" }',
    'policies = [{ use = "os:system" }]',
    'policies = [{ use = "follow_up", delays = [1e400] }]',
    "x = " + "[" * 50,
    '"""',
    "= 1",
]


@st.composite
def mangled_toml(draw: st.DrawFn) -> str:
    """A shipped cadence file with lines dropped, doubled, or replaced by hostile ones."""
    lines = draw(st.sampled_from(_EXAMPLES)).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["drop", "double", "replace", "insert"]))
        if how == "drop":
            del lines[index]
        elif how == "double":
            lines.insert(index, lines[index])
        elif how == "replace":
            lines[index] = draw(st.sampled_from(_TOML_LINES) | st.text(max_size=20))
        else:
            lines.insert(index, draw(st.sampled_from(_TOML_LINES)))
        if not lines:
            lines = [""]
    return "\n".join(lines)


def test_there_are_cadence_examples_to_mangle():
    """The TOML fuzzer starts from real cadence files."""
    assert len(_EXAMPLES) >= 8


@given(mangled_toml())
def test_mangled_cadence_toml_loads_or_names_a_line_in_the_file(text):
    """A mangled cadence file loads, or each problem names a line of the file and a field."""
    read = outcome(InvalidCadence, orl.cadences.loads, text, format="toml", source="fuzz.toml")
    if isinstance(read, InvalidCadence):
        assert read.found
        count = len(text.split("\n"))
        for problem in read.found:
            assert problem.message.strip()
            assert problem.path.strip()
            assert problem.line is None or 1 <= problem.line <= count + 1, problem
    else:
        assert isinstance(read, orl.cadences.Cadence)


@given(
    st.sampled_from([".toml", ".json"]),
    mangled_toml().map(str.encode)
    | st.binary(max_size=200)
    | mangled(st.builds(orl.to_dict, ors.cadences(max_steps=3))).map(
        lambda d: json.dumps(d).encode()
    ),
)
def test_validate_exits_0_or_2_and_every_line_names_the_file(suffix, data):
    """validate on any file exits 0 (saying valid) or 2, each stderr line naming the file."""
    code, out, err, path = run_cli(["validate"], data, suffix)
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    if code == 0:
        assert err == ""
        assert out.startswith(f"{path}: valid")
    else:
        assert err.splitlines()
        assert all(line.startswith(f"{path}:") for line in err.splitlines()), err


# -- script templates ----------------------------------------------------------------------

_NAMES = st.sampled_from(["prospect_name", "sender_name", "__class__", "__init__", "self", "a"])
# Fields that reach beyond a bare name: attributes, indexes, conversions, format specs.
_REACHING = st.sampled_from(
    [
        "{0.__init__}",
        "{x.__class__}",
        "{__class__.__mro__}",
        "{x[0]}",
        "{x['__globals__']}",
        "{x!r}",
        "{x!s}",
        "{x:>{y}}",
        "{x:%Y}",
        "{x:{y.__class__}}",
        "{}",
        "{0}",
        "{ x }",
        "{x-y}",
    ]
)
_LITERAL = st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=8)


@st.composite
def templates(draw: st.DrawFn) -> tuple[str, str | None, set[str]]:
    """Template text from literals, escaped braces, bare names and reaching fields.

    Returns the text, what filling it with ``<name>`` for each name gives (``None`` when a
    reaching field makes it invalid) and the names it uses.
    """
    text, expected, names = "", "", set()
    valid = True
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["literal", "escaped", "name", "reaching"]))
        if kind == "literal":
            part = draw(_LITERAL)
            text, expected = text + part, expected + part
        elif kind == "escaped":
            brace = draw(st.sampled_from("{}"))
            text, expected = text + brace * 2, expected + brace
        elif kind == "name":
            name = draw(_NAMES)
            text, expected = text + "{" + name + "}", expected + f"<{name}>"
            names.add(name)
        else:
            text += draw(_REACHING)
            valid = False
    if not text.strip():
        # A template must say something: blank text is refused as empty.
        text, expected = "x" + text, "x" + expected
    return text, (expected if valid else None), names


@given(templates())
def test_templates_fill_bare_names_and_refuse_anything_that_reaches_further(case):
    """Bare names (even dunder ones) are looked up as keys; attribute, index or spec is refused."""
    text, expected, names = case
    if expected is None:
        with pytest.raises(ValueError, match=r"^text: .*(is not allowed|not a valid template)"):
            Template(text=text)
        return
    template = Template(text=text)
    assert template.names == names
    assert template.fill({name: f"<{name}>" for name in names}) == expected
    if names:
        with pytest.raises(MissingValues):
            template.fill({})


@given(
    st.text(alphabet=st.characters(), max_size=60) | st.text(alphabet="{}!:.[]0ax_ ", max_size=30)
)
def test_any_template_text_builds_or_raises_a_located_value_error(text):
    """Any text makes a Template whose names are identifiers, or a ValueError naming the field."""
    template = outcome(ValueError, Template, text=text)
    if isinstance(template, ValueError):
        assert str(template).startswith("text: ")
        return
    assert all(name.isidentifier() for name in template.names)
    values = dict.fromkeys(template.names, "v")
    # Every field is a bare name, so Python's own formatting gives the same text safely.
    assert template.fill(values) == text.format_map(values)


# -- bounded work, by size -----------------------------------------------------------------

DEEP = 100_000


@pytest.mark.parametrize(
    "data",
    [
        "[" * DEEP + "]" * DEEP,
        '{"prospect":' * DEEP + "1" + "}" * DEEP,
        "[" * DEEP,
        '{"prospect": {"id": "a", "timezone": "UTC"}, "history": [' + "[" * DEEP + "]}",
        '{"prospect": {"id": "a", "timezone": "UTC"}, "history": [' + "1" * 5_000 + "]}",
        '{"prospect": {"id": "a", "timezone": "UTC"}}\n' + "[" * DEEP,
        "\xff\xfe{}",
    ],
    ids=[
        "nested",
        "nested-objects",
        "unclosed",
        "nested-history",
        "long-number",
        "line-2",
        "utf16",
    ],
)
def test_huge_or_deep_data_files_are_refused_in_one_line(data):
    """Deep nesting, a 5,000-digit number or bytes that are not UTF-8 exit 2 in one line."""
    raw = data.encode("latin-1") if data.startswith("\xff") else data.encode()
    code, out, err, path = run_cli(["plan", "--now", NOW], raw, ".jsonl")
    assert code == 2
    _check_one_located_line(code, out, err, path)
    assert re.search(r"not valid JSON|not UTF-8", err), err


@pytest.mark.parametrize(
    ("now", "message"),
    [
        ("P1000000000D", "is not ISO 8601"),
        ("9999-12-31T23:00:00+00:00", "the year 9999 is not in 1900–2999"),
        ("0001-01-01T00:00:00[Asia/Tokyo]", "the year 1 is not in 1900–2999"),
        ("2026-" * 20_000, "too long"),
    ],
    ids=["duration", "year-9999", "year-1-zoned", "long"],
)
def test_a_bad_now_is_one_line_not_a_traceback(now, message):
    """A --now pendulum reads as a huge duration, or at an end of time, exits 2 (regression)."""
    record = {"prospect": {"id": "a", "timezone": "UTC"}}
    code, out, err, _ = run_cli(["plan", "--now", now], json.dumps(record).encode(), ".json")
    assert (code, out) == (2, "")
    assert err.startswith("outreach-rules: --now: ")
    assert message in err
    assert len(err.splitlines()) == 1


def test_json_lines_split_only_at_line_feeds():
    """A record holding a U+2028 line separator in a string is one record (regression)."""
    record = {"prospect": {"id": "a\u2028b", "timezone": "UTC", "phones": ["+12125550100"]}}
    text = json.dumps(record, ensure_ascii=False) + "\n"
    code, out, err, _ = run_cli(["plan", "--now", NOW, "--json"], text.encode(), ".jsonl")
    assert (code, err) == (0, "")
    assert json.loads(out)["prospect_id"] == "a\u2028b"


LONG = 1_000_000


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (orl.Prospect, {"id": "a", "timezone": "UTC", "emails": ["a@" + "." * LONG + "@"]}),
        (orl.Prospect, {"id": "a", "timezone": "a/b" * (LONG // 3)}),
        (orl.Prospect, {"id": "a", "timezone": "UTC", "country": "U" * LONG}),
        (orl.Prospect, {"id": "a", "timezone": "UTC", "phones": ["+1 " * (LONG // 3)]}),
        (orl.Prospect, {"id": "a", "timezone": "UTC", "x" * LONG: 1}),
        (orl.Attempt, {"at": "a." * (LONG // 2), "channel": "call", "outcome": "no_answer"}),
        (orl.Attempt, {"at": "2026-" * (LONG // 5), "channel": "call", "outcome": "no_answer"}),
    ],
    ids=["email-dots", "timezone", "country", "phone", "unknown-key", "at-dots", "at-dashes"],
)
def test_a_million_characters_in_one_field_are_refused_in_linear_time(cls, data):
    """A million-character field is refused with InvalidData (email and at were quadratic)."""
    with pytest.raises(orl.InvalidData) as info:
        orl.from_dict(cls, data)
    assert info.value.problems
    assert all(len(problem) < 3 * LONG for problem in info.value.problems)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\n' + "a." * 49_000 + "b = 1\n", "dots on one line"),
        ('name = "x"\n[steps.' + "x.y" * 33_000 + "]\n", "dots on one line"),
        ('name = "x"\n[steps.' + ".".join(["x"] * 450) + "]\n", "steps"),
        ("x = " + "[" * 99_990, "not valid TOML"),
        ("x = " + "{a = " * 19_990, "not valid TOML"),
        ("name = " + "1" * 5_000, "more than 4300 digits"),
        ('name = "x"\n' + "#" * 100_000, "over 100,000 characters"),
    ],
    ids=[
        "dotted-key",
        "dotted-table",
        "450-part-table",
        "nested-array",
        "nested-table",
        "long-number",
        "size",
    ],
)
def test_huge_or_deep_cadence_text_is_refused_quickly(text, message):
    """Long dotted keys, deep nesting, long numbers and oversized files raise InvalidCadence."""
    with pytest.raises(InvalidCadence, match=message):
        orl.cadences.loads(text, format="toml", source="big.toml")


@pytest.mark.parametrize(
    "text",
    ['{"name": ' + "1" * 5_000 + "}", "[" * DEEP + "]" * DEEP, '{"a":' * DEEP],
    ids=["long-number", "nested", "nested-objects"],
)
def test_huge_or_deep_cadence_json_is_refused(text):
    """Deep JSON or a 5,000-digit number in a cadence raises InvalidCadence, not ValueError."""
    with pytest.raises(InvalidCadence, match=r"not valid JSON|over 100,000"):
        orl.cadences.loads(text, format="json", source="big.json")


@pytest.mark.parametrize(
    "step",
    [
        {"day": 10_001},
        {"wait": {"days": 99_999_999_999_999}},
        {"wait": {"business_days": 10_001}},
        {"wait": {"hours": 10**16}},
    ],
    ids=["day", "days", "business-days", "hours"],
)
def test_cadence_waits_past_the_datetime_range_are_refused_at_load(step):
    """A day or wait beyond 10,000 is a located problem, not an OverflowError when planning."""
    data = {"name": "x", "steps": [{"id": "a", "channel": "call"}, {"id": "b", **step}]}
    data["steps"][1]["channel"] = "email"
    with pytest.raises(InvalidCadence, match=r"/steps/1/.*expected at most 10,000"):
        orl.cadences.loads(json.dumps(data), format="json", source="c.json")


@pytest.mark.parametrize(
    "option",
    [{"delays": [10_001]}, {"then_every": 2**70}, {"window": "P10001D"}, {"window": "PT240025H"}],
)
def test_policy_options_past_the_datetime_range_are_refused_at_load(option):
    """A policy option counting past 10,000 (days, or a duration) is a located problem."""
    use = "receptionist" if "window" in option else "follow_up"
    data = {"name": "x", "policies": [{"use": use, **option}]}
    with pytest.raises(InvalidCadence, match=r"/policies/0/[\w/]+: .*10,000"):
        orl.cadences.loads(json.dumps(data), format="json", source="c.json")


def test_the_largest_waits_allowed_still_plan_at_the_last_year_allowed():
    """Waits and options of 10,000 plan without overflow from a history late in 2999."""
    data = {
        "name": "x",
        "steps": [
            {"id": "a", "channel": "call"},
            {"id": "b", "channel": "email", "wait": {"business_days": 10_000}},
            {"id": "c", "channel": "email", "wait": {"days": 10_000}},
            {"id": "d", "channel": "call", "day": 10_000},
        ],
        "re_enrol": {"rule": "after", "days": 10_000},
        "policies": [{"use": "follow_up", "delays": [10_000], "then_every": 10_000}],
    }
    playbook = orl.cadences.loads(json.dumps(data), format="json").to_playbook()
    prospect = orl.Prospect(
        id="p", timezone="America/New_York", phones=("+12125550123",), emails=("p@example.com",)
    )
    now = parse_datetime("2999-12-30T12:00:00+00:00")
    for outcome in ("no_answer", "gatekeeper", "not_interested", "bad_timing"):
        history = [orl.Attempt(at=now.replace(day=29), channel="call", outcome=outcome)]
        result = orl.plan(prospect, history, now=now, playbook=playbook)
        assert all(action.earliest >= now for action in result.actions)


_SENDER = Sender(name="Sam Seller", phone="+12125550199", email="sam@example.com")
LINT_SIZE = 50_000


@pytest.mark.parametrize(
    "unit",
    ["1 ", "(1) ", "+", "a@", "a@a.", "a.", "call me ", "don't ", "no need to ", "Monday ", "\\"],
)
def test_lint_reads_long_adversarial_text_in_linear_time(unit):
    """Fifty thousand characters of what each lint pattern looks for give documented findings."""
    text = unit * (LINT_SIZE // len(unit))
    script = Script(opener=text, voicemail=text, subject=text)
    findings = lint(script, purpose="apology_note", channel="email", sender=_SENDER)
    assert all(finding.code in CODES for finding in findings)


@pytest.mark.parametrize("unit", ["{", "}", "{a}", "{{", "{a.", "{a:", "{0.__init__}"])
def test_templates_read_long_text_in_linear_time(unit):
    """Two hundred thousand characters of braces make a template or a ValueError naming text."""
    text = unit * (200_000 // len(unit))
    template = outcome(ValueError, Template, text=text)
    if isinstance(template, ValueError):
        assert str(template).startswith("text: ")
    else:
        assert len(template.fill({"a": "x"})) <= len(text)


# -- nothing is evaluated ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["os:system", "os.system", "__import__('os').system", "builtins:eval", "eval", "exec"],
)
def test_a_cadence_cannot_name_code_to_run(name):
    """A policy or guard named like code is an unknown name, never imported or called."""
    for kind in ("policies", "guards"):
        data = {"name": "x", "steps": [{"id": "a", "channel": "call"}], kind: [name]}
        with pytest.raises(InvalidCadence, match=rf"/{kind}/0/use: no \w+ named"):
            orl.cadences.loads(json.dumps(data), format="json", source="c.json")


def test_user_values_are_inserted_as_text_not_formatted_again():
    """A value holding placeholders or format fields is inserted verbatim, never expanded."""
    values = {"a": "{__class__} {0.__init__} {a} %s ${HOME}", "__class__": "C"}
    template = Template(text="{a}|{__class__}")
    assert template.fill(values) == values["a"] + "|C"
