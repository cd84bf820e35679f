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
    current = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
    if args.check:
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date with {DATA_FILE.name}; run: python scripts/write_glossary.py",
                  file=sys.stderr)
            return 1
        return 0
    if current != text:
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
