"""The `lazy-notebook-imports` plugin (mkdocs_roadmap/lazy_notebook_imports.py).

mkdocs-jupyter's converter (nbconvert, jupytext) is imported only when a
notebook is not in mkdocs-jupyter's cache, and the notebook pages are the same
either way.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ENV

# Builds the book at argv[1] into argv[2] in this process, then reports which
# of the converter's modules were really imported.
BUILD_AND_REPORT = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2], strict=True))
print(json.dumps({"nbconvert": "nbconvert" in sys.modules, "jupytext": "jupytext.formats" in sys.modules}))
"""


def build_and_report(root, site_dir) -> dict:
    result = subprocess.run([sys.executable, "-c", BUILD_AND_REPORT, str(root / "mkdocs.yml"), str(site_dir)],
                            cwd=root, env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def notebook_pages(site_dir) -> dict[str, str]:
    return {str(p.relative_to(site_dir)): p.read_text(encoding="utf-8")
            for p in sorted((site_dir / "projects").glob("0*/index.html"))}


def test_converter_imported_only_for_uncached_notebooks_and_pages_unchanged(book_copy):
    cold = build_and_report(book_copy.root, book_copy.root / "site-cold")  # a fresh clone: no .cache/
    assert cold["nbconvert"] is True
    warm = build_and_report(book_copy.root, book_copy.root / "site-warm")
    assert warm == {"nbconvert": False, "jupytext": False}, "the converter was imported with every notebook cached"

    cold_pages = notebook_pages(book_copy.root / "site-cold")
    assert len(cold_pages) == len(list((book_copy.root / "docs" / "projects").glob("*.ipynb"))) and all('<img alt="' in html for html in cold_pages.values())
    assert notebook_pages(book_copy.root / "site-warm") == cold_pages


def test_an_edited_notebook_is_converted_again(book_copy):
    build_and_report(book_copy.root, book_copy.root / "site")
    notebook = next((book_copy.root / "docs" / "projects").glob("01-*.ipynb"))
    data = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in data["cells"] if c["cell_type"] == "markdown" and len(c["source"]) > 1)
    cell["source"].append("\n\nA sentence added after the last build.")
    notebook.write_text(json.dumps(data, indent=1), encoding="utf-8")

    report = build_and_report(book_copy.root, book_copy.root / "site")
    assert report["nbconvert"] is True  # only that notebook missed the cache
    page = (book_copy.root / "site" / "projects" / notebook.stem / "index.html").read_text(encoding="utf-8")
    assert "A sentence added after the last build." in page


DEFER_A_MODULE = """
import sys
from mkdocs_roadmap.lazy_notebook_imports import Deferred, defer
assert defer("os") is False  # imported already: left alone
assert defer("colorsys") is True
assert isinstance(sys.modules["colorsys"], Deferred) and "rgb_to_hsv" not in vars(sys.modules["colorsys"])
import colorsys
from colorsys import hsv_to_rgb
print(colorsys.rgb_to_hsv(1.0, 0.0, 0.0), hsv_to_rgb(0.0, 1.0, 1.0), type(sys.modules["colorsys"]).__name__)
"""


def test_a_deferred_module_is_imported_on_first_use():
    result = subprocess.run([sys.executable, "-c", DEFER_A_MODULE],
                            env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["(0.0,", "1.0,", "1.0)", "(1.0,", "0.0,", "0.0)", "module"]
