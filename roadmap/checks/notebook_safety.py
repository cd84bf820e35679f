"""What a notebook may carry into the published book: nothing that runs.

A pull request can change a notebook's outputs as easily as its code, and
mkdocs-jupyter publishes outputs as they are. The book's notebooks produce
only text streams, plain-text results, PNG figures and HTML tables, so those
are the only outputs allowed; HTML (in outputs and markdown cells) may not
hold scripts, event handlers, `javascript:` links, frames, forms, styles,
objects or external resources, and widget state is refused. The notebook
pages are sanitised again when they are built (mkdocs_roadmap/hooks/notebook_pages.py);
this check makes a bad notebook fail with its cell number first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ALLOWED_OUTPUT_TYPES = {"stream", "execute_result", "display_data"}
ALLOWED_MIME = {"text/plain", "image/png", "text/html"}
DANGEROUS_HTML = re.compile(
    r"<\s*(script|iframe|frame|object|embed|form|style|link|meta|base|svg|math|template|input|button|textarea)\b"
    r"|\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\bsrcdoc\s*=|(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)
HINT_OUTPUT = "clear the cell's output and run the notebook again with scripts/run_notebooks.py"


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def notebook_problems(path: Path) -> list[str]:
    """`file: cell N: problem — hint` for everything in the notebook that could run in a reader's browser."""
    name = path.name
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{name}: cannot be read as a notebook: {exc}"]
    problems = []
    if "widgets" in (nb.get("metadata") or {}):
        problems.append(f"{name}: metadata.widgets: widget state would load scripts from a CDN — "
                        "remove it (Jupyter: Settings > Save widget state off) or run scripts/run_notebooks.py")
    for n, cell in enumerate(nb.get("cells", []), start=1):
        kind = cell.get("cell_type")
        if kind in ("markdown", "raw") and DANGEROUS_HTML.search(_text(cell.get("source"))):
            found = DANGEROUS_HTML.search(_text(cell.get("source"))).group().strip()
            problems.append(f"{name}: cell {n}: {kind} cell holds HTML that could run or load something ({found!r}) — "
                            "write Markdown; the book shows no scripts, frames, forms, styles or external images from notebooks")
        for output in cell.get("outputs", []) if kind == "code" else []:
            otype = output.get("output_type")
            if otype == "error":
                continue  # reported by the committed-run check
            if otype not in ALLOWED_OUTPUT_TYPES:
                problems.append(f"{name}: cell {n}: output type {otype!r} — {HINT_OUTPUT}")
                continue
            for mime, value in (output.get("data") or {}).items():
                if mime not in ALLOWED_MIME:
                    problems.append(f"{name}: cell {n}: output of type {mime} — the book publishes only "
                                    f"{', '.join(sorted(ALLOWED_MIME))}; {HINT_OUTPUT}")
                elif mime == "text/html":
                    html = _text(value)
                    bad = DANGEROUS_HTML.search(html.replace("<style scoped>", "").split("</style>", 1)[-1]
                                                if html.lstrip().startswith("<div>\n<style scoped>") else html)
                    if bad:
                        problems.append(f"{name}: cell {n}: HTML output holds {bad.group().strip()!r} — "
                                        f"only plain tables are published; {HINT_OUTPUT}")
    return problems
