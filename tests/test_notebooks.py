"""The project notebooks: what is committed is a clean run, and they still run.

* The fast tests read the committed notebooks: every code cell executed once
  and in order, no error output, at least one figure, no output over 1 MB,
  versions recorded, no H1 in the first cell (the nav gives the page title).
* The slow test (marked ``notebooks``) executes every notebook from a clean
  kernel with ``allow_errors`` off, as ``scripts/run_notebooks.py --check``
  does. It runs in CI too; deselect it locally with ``-m "not notebooks"``.
"""

from __future__ import annotations

import re

import pytest

from roadmap.checks.notebooks import PROJECTS_DIR, check_committed, execute_notebook, find_notebooks

NOTEBOOKS = find_notebooks()
IDS = [p.name for p in NOTEBOOKS]
# One notebook per deep-track phase, numbered 01..06.
EXPECTED = {f"{n:02d}" for n in range(1, 7)}


def test_one_notebook_per_phase():
    numbers = {p.name[:2] for p in NOTEBOOKS}
    assert numbers == EXPECTED, f"expected notebooks {sorted(EXPECTED)} in {PROJECTS_DIR}, found {sorted(numbers)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_notebook_is_a_clean_run(path):
    report = check_committed(path)
    assert report.ok, f"{path.name}:\n  " + "\n  ".join(report.problems)
    assert report.images >= 1
    assert report.largest_output <= 1_000_000


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_downloads_nothing(path):
    """Data comes from installed packages or the repository, never from the network."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for pattern in (r"\bfetch_[a-z0-9_]+\(", r"urlopen\(", r"requests\.get\(", r"download=True", r"hf_hub_download"):
        assert not re.search(pattern, source), f"{path.name} appears to download data ({pattern})"


def test_checker_catches_problems(tmp_path):
    """The committed-notebook check is not vacuous: it flags a broken notebook."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    nb = new_notebook(
        cells=[
            new_markdown_cell("# A title that would override the nav"),
            new_code_cell("1/0", execution_count=2, outputs=[new_output("error", ename="ZeroDivisionError", evalue="", traceback=[])]),
            new_code_cell("print('x' * 2_000_000)", execution_count=1,
                          outputs=[new_output("stream", name="stdout", text="x" * 1_100_000)]),
        ]
    )
    bad = tmp_path / "bad.ipynb"
    nbformat.write(nb, bad)
    problems = "\n".join(check_committed(bad).problems)
    for expected in ("H1", "in order", "error output", "bytes >", "no figure", "versions"):
        assert expected in problems, f"checker did not report {expected!r}:\n{problems}"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_executes_from_clean_kernel(path):
    nb, seconds = execute_notebook(path, timeout=600)
    errors = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not errors
    print(f"{path.name}: {seconds:.1f} s")
