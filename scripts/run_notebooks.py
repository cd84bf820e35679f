#!/usr/bin/env python3
"""Execute the project notebooks and write their outputs back in place.

    python scripts/run_notebooks.py                 # run all of docs/projects/
    python scripts/run_notebooks.py docs/projects/01-*.ipynb
    python scripts/run_notebooks.py --check         # run in memory, write nothing

Each notebook runs top to bottom in a fresh ``python3`` kernel whose working
folder is the notebook's own folder; any error stops the run (exit code 1).
The committed outputs of the book are exactly what this script wrote.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


from roadmap.checks.notebooks import (
    DEFAULT_TIMEOUT,
    KERNEL_NAME,
    execute_notebook,
    find_notebooks,
    write_notebook,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="notebooks or folders (default: docs/projects/)")
    parser.add_argument(
        "--check", action="store_true", help="execute in memory and fail on error; write nothing"
    )
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, help="per-cell timeout (s)")
    parser.add_argument("--kernel", default=KERNEL_NAME, help="kernel name (default: python3)")
    args = parser.parse_args(argv)

    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    notebooks = find_notebooks(args.paths)
    if not notebooks:
        print("no notebooks found", file=sys.stderr)
        return 1
    failed = 0
    total = 0.0
    for path in notebooks:
        label = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
        try:
            nb, seconds = execute_notebook(path, timeout=args.timeout, kernel_name=args.kernel)
        except (CellExecutionError, CellTimeoutError) as exc:
            failed += 1
            print(f"{label}: FAILED")
            print(str(exc), file=sys.stderr)
            continue
        total += seconds
        if not args.check:
            write_notebook(nb, path)
        print(f"{label}: {seconds:.1f} s" + (" (checked, not written)" if args.check else ""), flush=True)
    print(f"{len(notebooks) - failed}/{len(notebooks)} notebooks ran in {total:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
