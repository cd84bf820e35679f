"""One file per cached result, read back when its key is unchanged.

The caller names the file after a hash of everything the result depends on,
so a stale entry is never read. Writes go to a temporary file that replaces
the entry in one step, so a build running beside another never reads half a
file; a folder that cannot be written only means the work is done again.
"""

from __future__ import annotations

import logging
import os
import pathlib
from typing import Callable

log = logging.getLogger(__name__)


def cached_text(path: pathlib.Path, make: Callable[[], str]) -> str:
    """The text stored at `path`, or `make()`, stored there for the next build."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    text = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.info("cannot write the cache file %s (%s)", path, exc)
    return text
