"""MkDocs plugin `lazy-notebook-imports`: mkdocs-jupyter without its import bill.

mkdocs-jupyter's plugin module imports jupytext and its nbconvert converter
when MkDocs loads it: about 0.45 s on two cores, a third of the book's build.
A build only needs them when a notebook page is not in mkdocs-jupyter's cache
(or for a Markdown page with jupytext front matter, which mkdocs.yml excludes).

Listed in mkdocs.yml *before* `mkdocs-jupyter`, this plugin puts a stand-in for
each of those modules in `sys.modules` while MkDocs loads the plugins, in
order. The first attribute read from a stand-in imports the real module and
hands the attribute on, so a notebook that needs converting is converted by
the same code as before, only later. With every notebook cached, neither is
imported. tests/test_lazy_notebook_imports.py builds a copy of the book with
and without the cache and compares the notebook pages.

Installed with the book (`pip install -e .`, done by `make`); see
pyproject.toml.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

from mkdocs.plugins import BasePlugin

# What mkdocs_jupyter/plugin.py imports at its top but uses only to convert.
DEFERRED = ("jupytext", "mkdocs_jupyter.convert")


class Deferred(types.ModuleType):
    """A module's name and spec; the module itself is imported on first use."""

    def __getattr__(self, name: str):
        return getattr(real_module(self), name)


def real_module(stand_in: Deferred) -> types.ModuleType:
    """Import the module `stand_in` stands for (once) and return it."""
    if sys.modules.get(stand_in.__name__) is stand_in:
        del sys.modules[stand_in.__name__]
        importlib.import_module(stand_in.__name__)  # also rebinds parent.child
    return sys.modules[stand_in.__name__]


def defer(name: str) -> bool:
    """Put a stand-in for the module `name` in sys.modules, unless it is imported already."""
    if name in sys.modules:
        return False
    spec = importlib.util.find_spec(name)  # imports the parent package, not the module
    if spec is None:
        return False
    stand_in = Deferred(name)
    stand_in.__spec__ = spec
    sys.modules[name] = stand_in
    parent, _, child = name.rpartition(".")
    if parent:  # `from . import convert` reads it from the package
        setattr(sys.modules[parent], child, stand_in)
    return True


class LazyNotebookImports(BasePlugin):
    """Defers the imports as MkDocs loads the plugins; nothing to do during a build."""

    def __init__(self):
        super().__init__()
        for name in DEFERRED:
            defer(name)
