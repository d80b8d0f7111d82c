"""Build-time hook: run the code on the pages and show what it really prints.

mkdocs calls the ``on_*`` functions below (``hooks:`` in ``mkdocs.yml``).

* On the pages that ``executed`` names, every ``python`` block runs, in
  order, in one namespace per page; the practice pages first run the setup
  block of ``practices/index.md``, as the test suite does. What a block
  prints is put in a text block right after it. An exception fails the
  build, naming the page and the block.
* A line ``<!-- run: outreach-rules ARGS -->`` becomes that command and
  its output, run in a scratch folder that holds ``examples/cadences/``
  and the page's blocks titled with a file name (```` ```json
  title="prospects.jsonl" ````). Options before the colon:
  ``exit=N`` (the exit code it must end with; 0 otherwise), ``head=N``
  (show the first N lines) and ``nowrap=1`` (keep long lines whole, for
  output laid out in columns; other output wraps on narrow screens).
* A line ``<!-- cadence-schema -->`` becomes the JSON Schema of cadence
  files, and the site gets the same schema as ``cadence.schema.json``.
* A line ``<!-- pack: NAME -->`` becomes the page of compliance pack NAME,
  generated from its data (``orl.compliance.summary.page``, holidays of
  the build year), and ``<!-- coverage -->`` the table of every pack; so
  the compliance pages cannot disagree with the code.

The test suite imports this file to check the rendering without mkdocs.
"""

from __future__ import annotations

import contextlib
import glob
import io
import json
import os
import re
import shlex
import shutil
import tempfile
import traceback
from pathlib import Path
from typing import Any

try:
    from mkdocs.exceptions import PluginError as _BuildError
except ImportError:  # the test suite loads this file without mkdocs installed
    _BuildError = Exception  # type: ignore[assignment,misc]

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SCHEMA_FILE = "cadence.schema.json"

PYTHON_BLOCK = re.compile(r"^```python\n(?P<code>.*?)^```[ \t]*$", re.S | re.M)
FILE_BLOCK = re.compile(r'^```\w+ title="(?P<name>[^"/]+)"\n(?P<body>.*?)^```[ \t]*$', re.S | re.M)
RUN = re.compile(r"^<!-- run(?P<options>(?: \w+=\d+)*): (?P<command>.+?) -->[ \t]*$", re.M)
SCHEMA = re.compile(r"^<!-- cadence-schema -->[ \t]*$", re.M)
PACK = re.compile(r"^<!-- pack: (?P<name>[\w-]+) -->[ \t]*$", re.M)
COVERAGE = re.compile(r"^<!-- coverage -->[ \t]*$", re.M)

# Pages whose python blocks run at build time, and the page whose blocks run first.
EXECUTED_PAGES = (
    "tutorial.md",
    "embedding-crm.md",
    "embedding-bot.md",
    "comparison.md",
    "simulation.md",
    "channels.md",
    "accounts.md",
    "capacity.md",
    "replies.md",
)
SETUP_PAGES = {"practices/": "practices/index.md"}


class DocsCodeError(_BuildError):
    """Code on a page failed: the page, the block and what went wrong."""


def executed(page: str) -> bool:
    """Whether the python blocks of ``page`` (a path under docs/) run at build time."""
    return page in EXECUTED_PAGES or any(page.startswith(prefix) for prefix in SETUP_PAGES)


def setup_for(page: str) -> str | None:
    """The page whose blocks run before those of ``page``, if any."""
    for prefix, setup in SETUP_PAGES.items():
        if page.startswith(prefix) and page != setup:
            return setup
    return None


def run_python(markdown: str, page: str, namespace: dict[str, Any]) -> list[tuple[int, str]]:
    """Run the page's python blocks in ``namespace``; return (end of block, printed text)."""
    printed = []
    for number, block in enumerate(PYTHON_BLOCK.finditer(markdown), 1):
        out = io.StringIO()
        try:
            code = compile(block["code"], f"{page} (python block {number})", "exec")
            with contextlib.redirect_stdout(out):
                exec(code, namespace)
        except Exception as exc:
            raise DocsCodeError(
                f"{page}: python block {number} failed: {_why(exc, block)}"
            ) from exc
        printed.append((block.end(), out.getvalue()))
    return printed


def _why(exc: Exception, block: re.Match[str]) -> str:
    """The error and, when it was raised in the block itself, the line that raised it."""
    detail = "".join(traceback.format_exception_only(exc)).strip()
    lines = block["code"].splitlines()
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "(python block" in f.filename]
    if frames and frames[-1].lineno is not None and frames[-1].lineno <= len(lines):
        number = frames[-1].lineno
        detail += f" at line {number}: {lines[number - 1].strip()}"
    return detail


def fence(text: str, language: str) -> str:
    """A fenced block holding ``text`` as is, with a fence longer than any run of backticks."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{text.rstrip()}\n{ticks}"


def with_output(markdown: str, page: str, namespace: dict[str, Any]) -> str:
    """The page with what each python block printed shown in a text block after it."""
    pieces, start = [], 0
    for end, text in run_python(markdown, page, namespace):
        pieces.append(markdown[start:end])
        if text.strip():
            pieces.append("\n\n" + fence(text, 'text title="Output"'))
        start = end
    pieces.append(markdown[start:])
    return "".join(pieces)


def run_command(command: str, options: str, files: dict[str, str], page: str) -> str:
    """Run one ``outreach-rules`` command in a scratch folder; return a block with its output."""
    from outreach_rules.cli import main

    words = shlex.split(command)
    if not words or words[0] != "outreach-rules":
        raise DocsCodeError(f"{page}: only outreach-rules commands run here, not {command!r}")
    settings = dict(option.split("=") for option in options.split())
    unknown = set(settings) - {"exit", "head", "nowrap"}
    if unknown:
        raise DocsCodeError(f"{page}: unknown option(s) {sorted(unknown)} for {command!r}")
    expected = int(settings.get("exit", 0))
    head = int(settings["head"]) if "head" in settings else None
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(ROOT / "examples" / "cadences", Path(scratch, "examples", "cadences"))
        for name, body in files.items():
            Path(scratch, name).write_text(body, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        columns = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "80"  # --help wraps to the width of the terminal
        try:
            with (
                contextlib.chdir(scratch),
                contextlib.redirect_stdout(out),
                contextlib.redirect_stderr(err),
            ):
                args = [
                    match for word in words[1:] for match in (sorted(glob.glob(word)) or [word])
                ]
                try:
                    code = main(args)
                except SystemExit as exit_:  # argparse: --help and usage errors
                    code = exit_.code if isinstance(exit_.code, int) else 1
        finally:
            if columns is None:
                del os.environ["COLUMNS"]
            else:
                os.environ["COLUMNS"] = columns
    if code != expected:
        raise DocsCodeError(
            f"{page}: {command!r} exited {code}, expected {expected}:\n{err.getvalue()}"
        )
    lines = (out.getvalue() + err.getvalue()).rstrip().splitlines()
    shown = f"$ {command}"
    if head is not None:
        shown += f" | head -n {head}"
        lines = lines[:head]
    text = "\n".join([shown, *lines])
    if expected:
        text += f"\n$ echo $?\n{code}"
    return fence(text, "{.console .nowrap}" if settings.get("nowrap") == "1" else "console")


def with_commands(markdown: str, page: str) -> str:
    """The page with each ``<!-- run: ... -->`` line replaced by the command and its output."""
    if not RUN.search(markdown):
        return markdown
    files = {match["name"]: match["body"] for match in FILE_BLOCK.finditer(markdown)}
    return RUN.sub(lambda m: run_command(m["command"], m["options"], files, page), markdown)


def schema_text() -> str:
    """The JSON Schema of cadence files, as the command ``outreach-rules schema`` prints it."""
    import outreach_rules as orl

    return json.dumps(orl.cadences.schema(), indent=2)


def with_packs(markdown: str, year: int | None = None) -> str:
    """Return ``markdown`` with each pack marker and coverage marker expanded from the data."""
    import datetime

    from outreach_rules.compliance import summary

    when = datetime.datetime.now(datetime.UTC).year if year is None else year
    markdown = PACK.sub(lambda m: summary.page(m["name"], year=when).rstrip("\n"), markdown)
    return COVERAGE.sub(lambda _: summary.coverage().rstrip("\n"), markdown)


def render(markdown: str, page: str) -> str:
    """Return ``page``'s markdown with the code run and its output in place."""
    markdown = with_packs(markdown)
    if executed(page):
        namespace: dict[str, Any] = {"__name__": "__docs__"}
        setup = setup_for(page)
        if setup is not None:
            run_python((DOCS / setup).read_text(encoding="utf-8"), setup, namespace)
        markdown = with_output(markdown, page, namespace)
    markdown = with_commands(markdown, page)
    if SCHEMA.search(markdown):
        markdown = SCHEMA.sub(lambda _: fence(schema_text(), "json"), markdown)
    return markdown


# -- mkdocs events ------------------------------------------------------------


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    """Run the page's code and put its output in the page."""
    return render(markdown, page.file.src_uri)


def on_files(files: Any, *, config: Any) -> Any:
    """Publish the cadence schema as a file of the site, so that pages can link to it."""
    from mkdocs.structure.files import File

    files.append(File.generated(config, SCHEMA_FILE, content=schema_text() + "\n"))
    return files
