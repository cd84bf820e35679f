"""The ML Roadmap's engine: curriculum.yml -> models -> checks -> pages.

mkdocs-macros loads this package (`module_name: roadmap` in mkdocs.yml) and
calls `define_env`; the work is done in `roadmap.macros`.
"""

from .macros import define_env, on_post_build, on_post_page_macros

__all__ = ["define_env", "on_post_build", "on_post_page_macros"]
