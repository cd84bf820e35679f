"""What MkDocs loads: the thin adapter between MkDocs and the book's engine.

- this package is mkdocs-macros' `module_name`: it exposes `define_env` (and
  the two page events macros forwards), implemented in `macros.py`;
- `hooks/` holds the MkDocs hooks listed in mkdocs.yml (print page, notebook
  pages, build speed);
- `lazy_notebook_imports.py` is the one MkDocs plugin (registered in pyproject.toml);
- `paths.py`: where the book's files are (the folder of mkdocs.yml), for all of them.

The curriculum itself is read, checked and rendered by `roadmap/`, which never
imports MkDocs.
"""

from .macros import define_env, on_post_build, on_post_page_macros

__all__ = ["define_env", "on_post_build", "on_post_page_macros"]
