"""MkDocs hook: faster builds and `mkdocs serve` rebuilds, same output.

Compiled templates kept between builds. MkDocs makes a fresh Jinja
environment for the theme on every build, so Material's templates (and ours in
overrides/) are parsed and compiled again each time, `mkdocs serve` rebuilds
included. Jinja's bytecode cache (a public Jinja API) keeps the compiled code
in ``.cache/jinja-bytecode/`` (gitignored with the rest of .cache/); Jinja
compiles a template again when a hash of its source changed, so the pages are
the same as without the cache.

Enable with ``hooks: [mkdocs_roadmap/hooks/build_speed.py]`` in mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from mkdocs_roadmap.paths import book_root

CACHE_DIR = Path(".cache") / "jinja-bytecode"


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    folder = book_root(config.config_file_path) / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # a read-only checkout builds as before, compiling each time
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env
