"""The project notebooks: what is committed is a clean run, and they still run.

* The fast tests read the committed notebooks: every code cell executed once
  and in order, no error output, at least one figure, no output over 1 MB,
  versions recorded, no H1 in the first cell (the nav gives the page title).
* Lesson first, runs anywhere, honest text (issue 16): the page shows no
  figure-compression code (it lives in docs/projects/_book_figures.py, imported
  by a cell the page leaves out); installs happen only in Colab; nothing is read
  from outside the notebook's folder; every number quoted in a Markdown cell
  appears in an output of the same notebook; every notebook ends with a
  "Your turn" section.
* The slow test (marked ``notebooks``) executes every notebook from a clean
  kernel with ``allow_errors`` off, in an empty temporary folder outside the
  repository holding only the notebook (and any file its metadata says it
  needs), as a reader who downloaded it would. It runs in CI too; deselect it
  locally with ``-m "not notebooks"``.
"""

from __future__ import annotations

import re

import pytest

from roadmap.checks.notebooks import (
    BOOK_ONLY_TAG,
    FIGURE_PLUMBING,
    PROJECTS_DIR,
    REPO_ROOT,
    check_committed,
    execute_notebook,
    find_notebooks,
    needed_files,
    prose_numbers,
    unbacked_numbers,
    visible_cells,
)

NOTEBOOKS = find_notebooks()
IDS = [p.name for p in NOTEBOOKS]
# 01..06: one per deep-track phase; 07 generative models (a VAE), 08 reinforcement
# learning (Q-learning and REINFORCE), 09 detection on synthetic images (computer vision).
EXPECTED = {f"{n:02d}" for n in range(1, 10)}


def _read(path):
    import nbformat

    return nbformat.read(path, as_version=4)


def test_one_notebook_per_number():
    numbers = [p.name[:2] for p in NOTEBOOKS]
    assert set(numbers) == EXPECTED, f"expected notebooks {sorted(EXPECTED)} in {PROJECTS_DIR}, found {sorted(numbers)}"
    assert len(numbers) == len(set(numbers)), f"two notebooks share a number: {sorted(numbers)}"


def test_every_notebook_is_in_the_nav():
    import yaml

    # BaseLoader: mkdocs.yml has MkDocs' own tags (!relative); only the nav's strings matter here.
    nav = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    listed = {v for item in nav["nav"] if isinstance(item, dict) and "Projects" in item
              for entry in item["Projects"] for v in (entry.values() if isinstance(entry, dict) else [entry])}
    missing = [p.name for p in NOTEBOOKS if f"projects/{p.name}" not in listed]
    assert not missing, f"notebooks missing from mkdocs.yml's Projects nav: {missing}"


def test_book_only_cells_are_hidden_by_mkdocs_jupyter():
    """The tag that hides the figure-style cell is the one mkdocs.yml tells mkdocs-jupyter to remove."""
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("remove_tag_config:", 1)[1].split("\n  - ", 1)[0]
    assert "remove_cell_tags:" in block and f"- {BOOK_ONLY_TAG}" in block


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_lesson_comes_first(path):
    """No figure-compression code on the page: the first cell is the problem, the first code cell the lesson's."""
    cells = visible_cells(_read(path))
    assert cells[0].cell_type == "markdown" and cells[0].source.lstrip().startswith("## What you will build")
    first_code = next(c for c in cells if c.cell_type == "code")
    assert not FIGURE_PLUMBING.search(first_code.source), f"{path.name}: figure plumbing in the first code cell"
    shown = [c for c in cells if c.cell_type == "code" and FIGURE_PLUMBING.search(c.source)]
    assert not shown, f"{path.name}: figure plumbing in a visible cell:\n{shown[0].source[:300]}"
    hidden = [c for c in _read(path).cells if c not in cells]
    for cell in hidden:  # the hidden cell only imports the helper, and survives its absence
        assert "import _book_figures" in cell.source and "except ImportError" in cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_runs_anywhere_statically(path):
    """Installs only in Colab, in the first code cell; nothing read from outside the notebook's folder."""
    nb = _read(path)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    for i, source in enumerate(code):
        for line in source.splitlines():
            if re.match(r"\s*[%!]\s*pip\b", line):
                assert i == 0, f"{path.name}: install outside the first code cell"
                assert line.startswith((" ", "\t")) and 'if "google.colab" in sys.modules' in source, (
                    f"{path.name}: an install that is not guarded by the Colab check: {line!r}")
    joined = "\n".join(code)
    assert "../" not in joined, f"{path.name} reads a file outside its own folder"
    assert not re.search(r"(?<![\w.])(curriculum\.yml|mkdocs\.yml)", joined), f"{path.name} reads the repository's data"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_numbers_in_markdown_are_printed(path):
    """Every decimal or percentage the prose quotes is shown by an output of the same notebook."""
    missing = unbacked_numbers(_read(path))
    assert not missing, f"{path.name}: numbers in Markdown that no output shows: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_ends_with_your_turn(path):
    markdown = [c.source for c in _read(path).cells if c.cell_type == "markdown"]
    turn = [i for i, s in enumerate(markdown) if re.search(r"^## Your turn\b", s, re.MULTILINE)]
    assert turn, f"{path.name} has no '## Your turn' section"
    assert turn[-1] >= len(markdown) - 2, f"{path.name}: 'Your turn' is not at the end"
    section = markdown[turn[-1]].split("## Your turn", 1)[1]
    assert len(re.findall(r"^\s*\d+\.\s", section, re.MULTILINE)) >= 3, "list at least three tasks"
    assert "Hint" in section, "give hints"


def test_number_check_is_not_vacuous():
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    assert prose_numbers("`0.5` v2.13.0 Step 2.1 in 2024, 400 images, CC BY-SA 3.0; accuracy 0.97 and 12 %") == ["0.97", "12%"]
    nb = new_notebook(cells=[
        new_markdown_cell("It reaches 0.97 accuracy, 87.3 % recall and 12% errors, with lr 0.003."),
        new_code_cell("lr = 0.003", outputs=[new_output("stream", name="stdout", text="acc 0.9712 recall 0.8731\n")]),
    ])
    assert unbacked_numbers(nb) == ["12%"]


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
def test_notebook_executes_alone_in_an_empty_folder(path, tmp_path):
    """A clean kernel in a temporary folder outside the repository, with only the notebook in it."""
    import shutil

    assert not tmp_path.resolve().is_relative_to(REPO_ROOT)
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    for name in needed_files(_read(path)):
        shutil.copy(path.parent / name, tmp_path / name)
    nb, seconds = execute_notebook(copy, timeout=600, workdir=tmp_path)
    errors = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not errors
    print(f"{path.name}: {seconds:.1f} s")
