#!/usr/bin/env python3
"""The book's benchmark: build cost, rebuild latency, scaling, page weight, the finder, Lighthouse.

    python scripts/bench.py                    # everything (about 15 minutes on two cores)
    python scripts/bench.py --runs 3 --sizes 1 10 --skip-lighthouse   # quicker
    python scripts/bench.py --skip-build --skip-weight --skip-serve --skip-lighthouse --sizes   # the finder only

Works on temporary copies of the sources; prints each figure and checks the
budgets in README.md (Development). Exit code 1 when a budget fails.
"""

from __future__ import annotations

import argparse
import pathlib
import sys


from benchmarks.run import main


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per measurement; the median is reported (default 5)")
    parser.add_argument("--edits", type=int, default=5, help="data edits timed under mkdocs serve (default 5)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 10, 100], help="curriculum size factors (default 1 10 100)")
    parser.add_argument("--big-runs", type=int, default=1, help="builds of the 100x curriculum (default 1: it is slow)")
    parser.add_argument("--skip-build", action="store_true", help="skip the engine-overhead builds")
    parser.add_argument("--skip-weight", action="store_true", help="skip page weights")
    parser.add_argument("--skip-serve", action="store_true", help="skip the mkdocs serve timing")
    parser.add_argument("--skip-lighthouse", action="store_true", help="skip Lighthouse (installs it on first use)")
    parser.add_argument("--skip-finder", action="store_true", help="skip the finder page's weight and answer latency")
    parser.add_argument("--finder-sizes", type=int, nargs="*", default=[1, 10],
                        help="curriculum size factors for the finder figures (default 1 10)")
    parser.add_argument("--finder-rate", type=float, default=4, help="CPU throttling rate for the finder latency (default 4)")
    parser.add_argument("--finder-repeats", type=int, default=3, help="times each finder question is timed (default 3)")
    parser.add_argument("--json", help="also write every figure to this JSON file (e.g. bench-results/latest.json)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main(parse()))
