"""Check curriculum.yml: shape, ids, links, references and the plan's hours.

usage: python scripts/check_curriculum.py [PATH]   (default: this checkout's curriculum.yml)
Prints every problem as `file:line: field: message — hint` and exits 1 if any.
Under GitHub Actions each problem is also printed as an annotation.
"""

import argparse
import os
import pathlib
import sys


from roadmap.checks import load_checked
from roadmap.data.problems import CurriculumError

DATA_FILE = pathlib.Path(__file__).resolve().parent.parent / "curriculum.yml"  # this checkout's data file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=pathlib.Path, default=DATA_FILE)
    args = parser.parse_args()
    try:
        cur = load_checked(args.path)
    except CurriculumError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
            if os.environ.get("GITHUB_ACTIONS") == "true":
                print(problem.annotation())
        print(f"{len(exc.problems)} problem(s) in {args.path.name}", file=sys.stderr)
        return 1
    topics = sum(len(p.topics) for p in cur.phases)
    resources = sum(len(t.resources) for _, t in cur.topics())
    print(f"{args.path.name}: OK — {len(cur.phases)} phases, {topics} topics, {resources} resources, "
          f"{len(cur.courses)} courses, {len(cur.faqs)} FAQ entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
