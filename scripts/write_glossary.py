"""Write docs/includes/abbreviations.md, the glossary's tooltips, from curriculum.yml (or --check it).

usage: python scripts/write_glossary.py [--check]
  --check   write nothing; exit 1 if the committed file differs from the data

What the file holds and how the build uses it: roadmap/pages/glossary.py.
"""

import argparse
import pathlib
import sys

from roadmap.checks import load_checked
from roadmap.data.problems import CurriculumError
from roadmap.exports.generated import write_or_check
from roadmap.pages.glossary import FOLDER, NAME, abbreviations

ROOT = pathlib.Path(__file__).resolve().parent.parent  # this checkout
DATA_FILE = ROOT / "curriculum.yml"
OUT = ROOT / "docs" / FOLDER / NAME


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail instead of writing")
    args = parser.parse_args()
    try:
        text = abbreviations(load_checked(DATA_FILE))
    except CurriculumError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    return write_or_check(OUT, text, root=ROOT, source=DATA_FILE.name, command="scripts/write_glossary.py",
                          check=args.check)


if __name__ == "__main__":
    sys.exit(main())
