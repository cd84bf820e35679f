"""Write curriculum.schema.json from the typed models (or --check it).

usage: python scripts/write_schema.py [--check]
  --check   write nothing; exit 1 if the committed schema differs from the models
"""

import argparse
import pathlib
import sys

from roadmap.data.schema import SCHEMA_NAME, schema_text
from roadmap.exports.generated import write_or_check

ROOT = pathlib.Path(__file__).resolve().parent.parent  # this checkout
SCHEMA_FILE = ROOT / SCHEMA_NAME


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail instead of writing")
    args = parser.parse_args()
    return write_or_check(SCHEMA_FILE, schema_text(), root=ROOT, source="roadmap/data/models.py",
                          command="scripts/write_schema.py", check=args.check)


if __name__ == "__main__":
    sys.exit(main())
