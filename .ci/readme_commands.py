"""Run every shell command of the README's code blocks after the first two, as written.

The first two blocks (install and demo, then the tests) are run by ``.ci/run``
itself. Each other command runs with ``bash`` in a scratch folder holding a
copy of ``examples/``, so that paths such as ``examples/data/prospects.jsonl``
resolve as they do from the project folder while files the commands write
(``calls.ics``) land in the scratch folder. The ``outreach-rules`` found first
on the PATH is the one of the Python running this script.

    python .ci/readme_commands.py          # run them; exit 1 at the first that fails
    python .ci/readme_commands.py --list   # print them, one a line
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SH_BLOCK = re.compile(r"^```(?:sh|bash|console)\n(.*?)^```", re.S | re.M)


def commands(readme: str) -> list[str]:
    """The shell commands of the README's sh blocks after the first two, one per line."""
    found = []
    for block in SH_BLOCK.findall(readme)[2:]:
        # A line ending in a backslash goes on on the next line.
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                found.append(line)
    return found


def main(argv: list[str]) -> int:
    """Print or run the commands; the exit code is 1 if one failed."""
    found = commands((ROOT / "README.md").read_text(encoding="utf-8"))
    if "--list" in argv:
        print("\n".join(found))
        return 0
    if not found:
        print("README.md: no commands found after the first two blocks", file=sys.stderr)
        return 1
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(ROOT / "examples", Path(scratch, "examples"))
        for command in found:
            print(f"-- {command}", flush=True)
            done = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", command],
                cwd=scratch,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                print(done.stdout[-2000:], done.stderr[-2000:], sep="\n", file=sys.stderr)
                print(f"README command failed (exit {done.returncode}): {command}", file=sys.stderr)
                return 1
            print(f"   exit 0, {len(done.stdout.splitlines())} lines of output", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
