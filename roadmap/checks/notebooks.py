"""Execute and check the book's project notebooks (docs/projects/*.ipynb).

The book never runs notebooks while it builds: ``scripts/run_notebooks.py``
executes them with nbclient and writes the outputs back, and the tests use the
checks below to make sure what is committed is what that script produced.
"""

from __future__ import annotations

import base64
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]  # the checkout this engine belongs to
PROJECTS_DIR = REPO_ROOT / "docs" / "projects"

#: Default per-cell timeout, in seconds. Each notebook must finish in < 2 min.
DEFAULT_TIMEOUT = 600
KERNEL_NAME = "python3"
#: The largest single output a committed notebook may carry.
MAX_OUTPUT_BYTES = 1_000_000
#: Text the final cell prints so that readers know what the outputs came from.
VERSIONS_MARKER = "Versions used for this run"


def find_notebooks(paths: list[str | Path] | None = None) -> list[Path]:
    """Return the notebooks named by ``paths`` (files or folders), sorted.

    With no paths, every ``.ipynb`` under docs/projects/ is returned.
    Checkpoint folders are skipped.
    """
    if not paths:
        paths = [PROJECTS_DIR]
    found: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found.update(
                q for q in p.rglob("*.ipynb") if ".ipynb_checkpoints" not in q.parts
            )
        elif p.suffix == ".ipynb" and p.is_file():
            found.add(p)
        else:
            raise FileNotFoundError(f"not a notebook or folder: {p}")
    return sorted(q.resolve() for q in found)


def execute_notebook(
    path: Path, timeout: int = DEFAULT_TIMEOUT, kernel_name: str = KERNEL_NAME, workdir: Path | None = None
):
    """Run ``path`` top to bottom in a fresh kernel; return (notebook, seconds).

    The kernel's working folder is ``workdir``, by default the notebook's own
    folder, as for a reader running it from a clone of the repository (there
    ``import _book_figures`` finds docs/projects/_book_figures.py). Any error
    raises ``nbclient.exceptions.CellExecutionError``.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(workdir or Path(path).parent)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    # nbclient records the kernel it used; keep the notebook's metadata stable.
    nb.metadata.pop("widgets", None)
    return nb, seconds


def write_notebook(nb, path: Path) -> None:
    import nbformat

    nbformat.validate(nb)
    nbformat.write(nb, str(path))


# --------------------------------------------------------------------------
# Checks on committed notebooks (used by tests/test_notebooks.py)
# --------------------------------------------------------------------------

_H1 = re.compile(r"^\s{0,3}#(?!#)\s", re.MULTILINE)
_H1_HTML = re.compile(r"<h1[\s>]", re.IGNORECASE)


def _output_size(output: dict) -> int:
    return len(json.dumps(output))


@dataclass
class NotebookReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    code_cells: int = 0
    images: int = 0
    largest_output: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_committed(path: Path) -> NotebookReport:
    """Check that a notebook on disk carries a clean, complete, in-order run."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    report = NotebookReport(Path(path))
    problems = report.problems

    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:  # pragma: no cover - defensive
        problems.append(f"invalid notebook: {exc}")

    if not nb.cells:
        problems.append("notebook has no cells")
        return report
    first = nb.cells[0]
    if first.cell_type != "markdown":
        problems.append("first cell is not markdown")
    elif _H1.search(first.source) or _H1_HTML.search(first.source):
        problems.append("first markdown cell contains an H1 (the nav gives the title)")

    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    report.code_cells = len(code_cells)
    counts = [c.get("execution_count") for c in code_cells]
    expected = list(range(1, len(code_cells) + 1))
    if counts != expected:
        problems.append(f"code cells not executed once, in order: {counts}")

    versions_seen = False
    for i, cell in enumerate(code_cells, start=1):
        for out in cell.get("outputs", []):
            size = _output_size(out)
            report.largest_output = max(report.largest_output, size)
            if size > MAX_OUTPUT_BYTES:
                problems.append(f"code cell {i}: output of {size} bytes > {MAX_OUTPUT_BYTES}")
            if out.get("output_type") == "error":
                problems.append(f"code cell {i}: error output {out.get('ename')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = out.get("text", "")
                if "Traceback" in text:
                    problems.append(f"code cell {i}: traceback on stderr")
            data = out.get("data", {})
            if "image/png" in data:
                try:
                    raw = base64.b64decode(data["image/png"], validate=False)
                except ValueError:
                    raw = b""
                if raw.startswith(b"\x89PNG"):
                    report.images += 1
                else:
                    problems.append(f"code cell {i}: image/png output is not a PNG")
            text = out.get("text", "") or data.get("text/plain", "")
            if VERSIONS_MARKER in text:
                versions_seen = True

    if report.images == 0:
        problems.append("no figure (image/png output)")
    if not versions_seen:
        problems.append(f"no output records the versions ('{VERSIONS_MARKER}')")
    last = code_cells[-1] if code_cells else None
    if last is not None and VERSIONS_MARKER not in "".join(
        o.get("text", "") for o in last.get("outputs", [])
    ):
        problems.append("the last code cell does not print the versions")
    return report


# --------------------------------------------------------------------------
# Lesson first, runs anywhere, honest numbers (issue 16)
# --------------------------------------------------------------------------

#: Cells with this tag are left off the book's pages (mkdocs.yml: mkdocs-jupyter's
#: ``remove_tag_config.remove_cell_tags``): the ``import _book_figures`` cell.
BOOK_ONLY_TAG = "book-only"
#: What figure-compression plumbing looks like (it belongs in _book_figures.py).
FIGURE_PLUMBING = re.compile(
    r"quantize|compact_png|display_formatter|formatters\[|from PIL|import PIL|Image\.open|savefig\(\s*buffer"
)
#: Metadata key under which a notebook lists the files it needs next to it
#: (paths relative to the notebook), e.g. ``{"roadmap": {"needs": ["data.csv"]}}``.
NEEDS_KEY = "roadmap"


def visible_cells(nb) -> list:
    """The cells the book's page shows (those without the book-only tag)."""
    return [c for c in nb.cells if BOOK_ONLY_TAG not in c.get("metadata", {}).get("tags", [])]


def needed_files(nb) -> list[str]:
    """Files the notebook documents that it needs beside it (none for the book's notebooks)."""
    return list(nb.metadata.get(NEEDS_KEY, {}).get("needs", []))


# Numbers in prose. A "number" is a decimal (0.87, 12.5) or a percentage (87 %,
# 87.3%). Not numbers: integers without a percent sign (counts, sizes, years,
# epochs), dotted versions (2.13.0, Python 3.11, CC BY-SA 4.0), section numbers ("Step 2.1"), anything in
# a code span, a fenced block, an HTML tag or a link target.
_CODE_FENCE = re.compile(r"```.*?```|~~~.*?~~~", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]*>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
_SECTION = re.compile(
    r"(?i)\b(?:step|section|part|chapter|phase|week|version|v|python|cc[ -]by(?:[ -](?:sa|nc|nd))*)\s*\d+(?:\.\d+)+"
)
_PROSE_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?!\.\d)(\s?%)?")
_ANY_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def prose_numbers(markdown: str) -> list[str]:
    """The result-like numbers in a Markdown cell, as written (e.g. '0.87', '87.3%')."""
    text = _CODE_FENCE.sub(" ", markdown)
    text = _CODE_SPAN.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    text = _LINK_TARGET.sub(" ", text)
    text = _SECTION.sub(" ", text)
    found = []
    for match in _PROSE_NUMBER.finditer(text):
        number, percent = match.group(1), match.group(2)
        if "." in number or percent:
            found.append(number + ("%" if percent else ""))
    return found


def _output_texts(nb) -> list[str]:
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if "text" in out:
                texts.append(out["text"])
            for mime in ("text/plain", "text/html", "text/markdown"):
                if mime in out.get("data", {}):
                    texts.append(out["data"][mime])
    return texts


def unbacked_numbers(nb) -> list[str]:
    """Numbers quoted in Markdown cells that no output of the notebook shows.

    A quoted number is backed when some number printed in an output rounds to
    it at the precision it is quoted with, directly or as a percentage (0.873
    backs "87.3%" and "0.87"), or when it is a setting written literally in a
    code cell (a learning rate of 0.1; 0.8 backs "80%").
    """
    printed = [float(x) for text in _output_texts(nb) for x in _ANY_NUMBER.findall(text)]
    code_literals = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            code_literals.update(re.findall(r"(?<![\w.])\d+\.\d+", cell.source))
    missing = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for quoted in prose_numbers(cell.source):
            bare = quoted.rstrip("%")
            places = len(bare.partition(".")[2])
            value = float(bare)
            if bare in code_literals or (
                quoted.endswith("%") and any(abs(100 * float(c) - value) < 1e-9 for c in code_literals)
            ):
                continue  # a setting written in the code (0.8 in the code backs "80%" in the prose)
            if not any(
                abs(round(candidate, places) - value) < 1e-9
                for x in printed
                for candidate in (x, 100 * x, x / 100)
            ):
                missing.append(quoted)
    return missing
