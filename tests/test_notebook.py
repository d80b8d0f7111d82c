"""The example notebook: committed without outputs, and runs top to bottom in a fresh kernel."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "examples" / "notebooks"
COMPARE = NOTEBOOKS / "compare_cadences.ipynb"
# What a fresh install with the [sim] extra provides: the notebook must need nothing else.
ALLOWED_IMPORTS = {"outreach_rules", "pandas", "polars", "matplotlib"}


def _code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_the_committed_notebook_has_no_outputs_and_no_execution_counts():
    """The notebook is committed clean: every code cell has no outputs and no execution count."""
    notebook = nbformat.read(COMPARE, as_version=4)
    nbformat.validate(notebook)
    cells = _code_cells(notebook)
    assert cells
    for number, cell in enumerate(cells):
        assert cell.outputs == [], f"code cell {number} has outputs"
        assert cell.execution_count is None, f"code cell {number} has an execution count"


def test_the_notebook_imports_only_the_library_and_the_sim_extra():
    """Every import in the notebook is outreach_rules, pandas, polars or matplotlib."""
    notebook = nbformat.read(COMPARE, as_version=4)
    imported = set()
    for cell in _code_cells(notebook):
        # Line magics such as %matplotlib are IPython's, not Python.
        source = "\n".join(
            line for line in cell.source.splitlines() if not line.lstrip().startswith("%")
        )
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
    assert imported <= ALLOWED_IMPORTS, imported - ALLOWED_IMPORTS


def test_the_notebook_runs_and_shows_the_tables_and_the_plots():
    """Run top to bottom, the notebook prints the comparison tables and draws PNG figures."""
    notebook = nbformat.read(COMPARE, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on any error
    outputs = [output for cell in _code_cells(notebook) for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    printed = "".join(output.text for output in outputs if output.output_type == "stream")
    assert printed.count("percentile bootstrap over 5 runs") == 2
    for strategy in (
        "cold calling (default)",
        "without the apology note",
        "without receptionist-first",
        "letter + postcard drip",
        "letter only",
    ):
        assert f"\n{strategy}  " in printed, strategy
    assert "The postcard drip: " in printed
    shown = [output for output in outputs if output.output_type == "execute_result"]
    assert sum("image/png" in output.data for output in shown) >= 2
    assert any("text/html" in output.data for output in shown)
