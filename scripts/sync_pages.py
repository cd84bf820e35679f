"""Write the phase chapters' stub pages from curriculum.yml (or --check them).

usage: python scripts/sync_pages.py [--check]
  --check   write nothing; exit 1 if a stub page or the nav's phase order drifts
"""

import argparse
import pathlib
import sys


from roadmap.checks import load_checked
from roadmap.data.problems import CurriculumError
from roadmap.pages import stubs

DATA_FILE = pathlib.Path(__file__).resolve().parent.parent / "curriculum.yml"  # this checkout's data file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail instead of writing")
    args = parser.parse_args()
    try:
        cur = load_checked(DATA_FILE)
    except CurriculumError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.check:
        problems = stubs.drift(cur, DATA_FILE.parent)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print("run: python scripts/sync_pages.py  (and fix mkdocs.yml's nav by hand)", file=sys.stderr)
        return 1 if problems else 0
    for path in stubs.write(cur, DATA_FILE.parent):
        print(f"wrote {path}")
    problems = [p for p in stubs.drift(cur, DATA_FILE.parent) if p.startswith("mkdocs.yml") or "no phase" in p]
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
