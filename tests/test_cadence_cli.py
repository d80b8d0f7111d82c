"""The cadence commands of the command line: validate, show, schema, plan and explain."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from outreach_rules import cadences
from outreach_rules.cli import main

EXAMPLES = sorted((Path(__file__).parent.parent / "examples" / "cadences").glob("*.toml"))
COLD = Path(__file__).parent.parent / "examples" / "cadences" / "cold_outbound.toml"
NOW = "2026-11-23T13:00:00-05:00"
DATA = [
    {
        "prospect": {
            "id": "ada",
            "name": "Ada Lovelace",
            "timezone": "America/New_York",
            "phones": ["+12125550100"],
            "emails": ["ada@example.com"],
            "country": "US",
            "region": "NY",
        },
        "history": [
            {
                "at": "2026-11-23T09:30:00-05:00",
                "channel": "call",
                "outcome": "no_answer",
                "to": "+12125550100",
            },
            {"at": "2026-11-23T12:00:00-05:00", "channel": "postcard", "outcome": "sent"},
        ],
    },
    {"prospect": {"id": "bob", "timezone": "Europe/Stockholm", "phones": ["+46701234567"]}},
]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "prospects.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in DATA) + "\n")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text('name = "broken"\n\n[[steps]]\nid = "a"\nchannel = "call"\nnext = "nowhere"\n')
    return path


def test_validate_passes_every_example(capsys):
    """Every example cadence validates, exit 0, one line per file."""
    assert main(["validate", *map(str, EXAMPLES)]) == 0
    out = capsys.readouterr().out
    assert out.count(": valid:") == len(EXAMPLES)


def test_validate_names_file_line_and_field(broken, capsys):
    """A broken file exits 2 with the file, the line, the field and the valid choices."""
    assert main(["validate", str(broken)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:6: steps[0].next: 'nowhere' is not a step; valid: a, end" in err
    assert "Traceback" not in err


def test_validate_json_reports_pointer(broken, capsys):
    """--json gives line, JSON pointer, path and message per problem."""
    assert main(["validate", str(broken), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert report["problems"][0]["pointer"] == "/steps/0/next"
    assert report["problems"][0]["line"] == 6


def test_validate_refuses_a_file_that_is_not_a_cadence(tmp_path, capsys):
    """A file with another suffix is refused with a reason, not a traceback."""
    other = tmp_path / "cadence.yaml"
    other.write_text("name: x\n")
    assert main(["validate", str(other)]) == 2
    assert "should end in .toml or .json" in capsys.readouterr().err


def test_validate_names_a_table_given_for_the_list_of_steps(tmp_path, capsys):
    """[steps] written for [[steps]], in TOML or JSON, is one problem at steps, not per key."""
    toml_file = tmp_path / "one_table.toml"
    toml_file.write_text('name = "x"\n\n[steps]\nid = "a"\nchannel = "call"\n')
    json_file = tmp_path / "one_table.json"
    json_file.write_text(json.dumps({"name": "x", "steps": {"id": "a", "channel": "call"}}))
    assert main(["validate", str(toml_file), str(json_file)]) == 2
    message = "steps: expected a list of tables, got a table {'channel': 'call', 'id': 'a'}"
    assert capsys.readouterr().err.splitlines() == [
        f"{toml_file}:3: {message}",
        f"{json_file}: /{message}",
    ]


def test_validate_json_gives_one_problem_for_a_string_given_for_a_list(tmp_path, capsys):
    """A string for a list is one problem in --json, with its pointer, not one per letter."""
    path = tmp_path / "days.json"
    step = {"id": "a", "channel": "call", "window": {"days": "mon-fri"}}
    path.write_text(json.dumps({"name": "x", "steps": [step]}))
    assert main(["validate", str(path), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == [
        {
            "line": None,
            "pointer": "/steps/0/window/days",
            "path": "steps[0].window.days",
            "message": "expected a list, got a string 'mon-fri'",
        }
    ]


def test_show_prints_the_timeline(capsys):
    """show lists every step in order with when it is due and where it leads."""
    assert main(["show", str(COLD)]) == 0
    out = capsys.readouterr().out
    numbered = [line.split()[1] for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert numbered == [step.id for step in cadences.load(COLD).steps]
    assert "day 4" in out
    assert "gatekeeper → ask-direct" in out
    assert "starts again 120 days after it ends" in out


def test_show_json_round_trips(capsys):
    """show --json holds the cadence as data that loads back to the same cadence."""
    assert main(["show", str(COLD), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    again = cadences.loads(json.dumps(data["cadence"]), format="json")
    assert again == cadences.load(COLD)
    assert data["timeline"][0]["id"] == "call-1"


def test_show_takes_a_builtin_name(capsys):
    """A built-in playbook's name works where a file is expected."""
    assert main(["show", "cold_calling"]) == 0
    assert "follow_up" in capsys.readouterr().out


def test_schema_is_valid_and_accepts_every_shipped_file(capsys):
    """The printed JSON Schema is a valid schema that every example and built-in file meets."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    builtin = Path(cadences.__file__).parent / "builtin"
    for path in [*EXAMPLES, *sorted(builtin.glob("*.toml"))]:
        jsonschema.validate(tomllib.loads(path.read_text()), schema)


def test_schema_refuses_what_load_refuses_in_shape():
    """A channel that does not exist fails the schema as it fails loading."""
    schema = cadences.schema()
    bad = {"name": "x", "steps": [{"id": "a", "channel": "fax"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    with pytest.raises(cadences.InvalidCadence):
        cadences.loads(json.dumps(bad), format="json")


WRONG_SHAPES = {
    "steps as a table": {"steps": {"id": "a", "channel": "call"}},
    "steps as a string": {"steps": "call"},
    "a step as a string": {"steps": ["call"]},
    "weekdays as a table": {"steps": [{"id": "a", "channel": "call", "window": {"days": {}}}]},
    "branches as a list": {"steps": [{"id": "a", "channel": "call", "on": ["end"]}]},
    "markets as a string": {"markets": "US"},
    "exits as a list": {"exit": ["reply"]},
    "a policy as a number": {"policies": [3]},
}


@pytest.mark.parametrize("change", WRONG_SHAPES.values(), ids=WRONG_SHAPES)
def test_schema_refuses_the_shapes_load_refuses(change):
    """A table for a list, a string for a list or a table: the schema and load both refuse."""
    bad = {"name": "x", "steps": [{"id": "a", "channel": "call"}], **change}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, cadences.schema())
    with pytest.raises(cadences.InvalidCadence) as caught:
        cadences.loads(json.dumps(bad), format="json")
    (problem,) = caught.value.found
    assert problem.message.startswith("expected ")


def test_plan_with_a_cadence(data_file, capsys):
    """plan --cadence plans every prospect by the cadence's steps."""
    assert main(["plan", str(data_file), "--cadence", str(COLD), "--now", NOW, "--json"]) == 0
    plans = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [p["prospect_id"] for p in plans] == ["ada", "bob"]
    assert plans[0]["actions"][0]["step"] == "email-1"
    assert plans[1]["actions"][0]["step"] == "call-1"


def test_plan_with_a_broken_cadence_exits_2(data_file, broken, capsys):
    """A cadence that does not load stops planning with the located problem."""
    assert main(["plan", str(data_file), "--cadence", str(broken), "--now", NOW]) == 2
    assert "steps[0].next" in capsys.readouterr().err


def test_explain_shows_the_position(data_file, capsys):
    """explain shows the plan and where the prospect stands, off-cadence touches included."""
    args = ["explain", str(data_file), "--cadence", str(COLD), "--prospect", "ada", "--now", NOW]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "steps taken: call-1" in out
    assert "touches off the cadence: 1" in out
    assert "next step: email-1" in out


def test_explain_json(data_file, capsys):
    """explain --json holds the plan and the position."""
    args = ["explain", str(data_file), "--cadence", str(COLD), "--prospect", "ada", "--now", NOW]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["position"]["step"] == "email-1"
    assert data["position"]["taken"][0]["step"] == "call-1"
    assert data["plan"]["actions"][0]["variant"] in {"short", "case-study"}


def test_explain_unknown_prospect_exits_2(data_file, capsys):
    """An id that is not in the file is named in the error."""
    assert main(["explain", str(data_file), "--prospect", "zed", "--now", NOW]) == 2
    assert "no record has prospect id 'zed'" in capsys.readouterr().err


def test_every_command_has_help_with_examples(capsys):
    """Each cadence command documents itself with --help."""
    for command in ("validate", "show", "explain"):
        with pytest.raises(SystemExit) as stop:
            main([command, "--help"])
        assert stop.value.code == 0
        assert "examples:" in capsys.readouterr().out
