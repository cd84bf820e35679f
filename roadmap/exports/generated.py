"""Files written from the data before the build, and the `--check` that keeps them in step.

The `scripts/write_*.py` commands compute a file's text and hand it here: written only when it
changed, or (with `--check`) compared, saying which command brings it up to date.
"""

from __future__ import annotations

import pathlib
import sys


def write_or_check(path: pathlib.Path, text: str, *, root: pathlib.Path, source: str, command: str,
                   check: bool) -> int:
    """Write `text` to `path` if it differs (or, with `check`, exit status 1 when it does)."""
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    name = path.relative_to(root).as_posix()
    if check:
        if current != text:
            print(f"{name} is out of date with {source}; run: python {command}", file=sys.stderr)
            return 1
        return 0
    if current != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {name}")
    return 0
