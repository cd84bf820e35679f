"""Where the book's files are: next to the mkdocs.yml being built."""

from __future__ import annotations

from pathlib import Path


def book_root(config_file_path: str | None) -> Path:
    """The folder of mkdocs.yml (curriculum.yml, .cache/ and node_modules/ sit there),
    or the working folder when MkDocs was given no file."""
    return Path(config_file_path).resolve().parent if config_file_path else Path.cwd()
