"""Write curriculum.schema.json from the typed models (or --check it).

usage: python scripts/write_schema.py [--check]
  --check   write nothing; exit 1 if the committed schema differs from the models
"""

import argparse
import pathlib
import sys


from roadmap.data.schema import SCHEMA_NAME, schema_text

SCHEMA_FILE = pathlib.Path(__file__).resolve().parent.parent / SCHEMA_NAME  # this checkout's schema


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail instead of writing")
    args = parser.parse_args()
    text = schema_text()
    current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.is_file() else ""
    if args.check:
        if current != text:
            print(f"{SCHEMA_FILE.name} is out of date with roadmap/data/models.py; run: python scripts/write_schema.py",
                  file=sys.stderr)
            return 1
        return 0
    if current != text:
        SCHEMA_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
